// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe glue on LSM hook functions and mm entry points: the memory
 * patterns of miners (mmclass.c says what counts).
 *
 * A module cannot register LSM hooks, so it probes the functions that call
 * them. Handlers run with preemption off in the task doing the syscall,
 * from ftrace or, where a kernel lacks it, from an int3 trap that runs like
 * an NMI, so they take no locks at all:
 * they classify into a small per-CPU table keyed by job and process, as the
 * scheduler glue does, and the tick flips and folds the tables.
 */
#include <linux/compat.h>
#include <linux/hash.h>
#include <linux/kprobes.h>
#include <linux/kobject.h>
#include <linux/magic.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/unistd.h>
#include <asm/syscall.h>
#include "cgroups.h"
#include "lsm_hooks.h"
#include "mmclass.h"
#include "policy.h"
#include "sysfs.h"

enum {
	MG_MM_SLOT_BITS = 5,
	MG_MM_SLOTS = 1 << MG_MM_SLOT_BITS,
	MG_MM_MAX_PROBES = 8,
};

struct mg_mm_slot {
	u64 job_id;			/* 0: free */
	u32 tgid;			/* 0: several processes of the job */
	char comm[TASK_COMM_LEN];
	struct mg_mm_counts counts;
};

struct mg_mm_table {
	struct mg_mm_slot slot[MG_MM_SLOTS];
	u64 dropped;			/* events with no slot: in stats */
};

/* About 10 KiB per CPU. */
struct mg_mm_cpu {
	struct mg_mm_table table[2];
	unsigned int active;
};

static struct mg_mm_cpu __percpu *mg_mm;

/*
 * The slot for the current task's process in this CPU's active table, or
 * NULL. A full neighbourhood falls back to any slot of the same job, so
 * that a storm of short processes loses who did it, not what was done.
 */
static struct mg_mm_slot *mg_mm_slot_get(void)
{
	struct mg_mm_cpu *cpu = this_cpu_ptr(mg_mm);
	struct mg_mm_table *table = &cpu->table[READ_ONCE(cpu->active)];
	struct mg_mm_slot *slot, *same_job = NULL;
	u32 tgid = task_tgid_nr(current);
	struct cgroup *job;
	u64 job_id;
	u32 i;
	int probes;

	rcu_read_lock();
	job = mg_cgroups_job_of(task_dfl_cgroup(current),
				mg_policy_get(MG_KNOB_JOB_DEPTH));
	job_id = cgroup_id(job);
	rcu_read_unlock();

	i = hash_64(job_id ^ ((u64)tgid << 32), MG_MM_SLOT_BITS);
	for (probes = 0; probes < MG_MM_MAX_PROBES; probes++) {
		slot = &table->slot[i];
		if (!slot->job_id) {
			slot->job_id = job_id;
			slot->tgid = tgid;
			/*
			 * Not get_task_comm(): its task_lock is not for
			 * int3-based kprobes, which run like NMIs. A name
			 * torn by a concurrent rename is still a name.
			 */
			strscpy_pad(slot->comm, current->comm, TASK_COMM_LEN);
			return slot;
		}
		if (slot->job_id == job_id) {
			if (slot->tgid == tgid)
				return slot;
			same_job = slot;
		}
		i = (i + 1) & (MG_MM_SLOTS - 1);
	}
	if (same_job)
		same_job->tgid = 0;
	else
		table->dropped++;
	return same_job;
}

/* Adds what the classifier found, if anything, to the current job. */
static void mg_mm_record(const struct mg_mm_counts *found)
{
	struct mg_mm_slot *slot;

	if (!mg_mmclass_any(found))
		return;
	slot = mg_mm_slot_get();
	if (slot)
		mg_mmclass_add(&slot->counts, found);
}

/* The user range of the mprotect(2) or madvise(2) in progress, if it is. */
static bool mg_mm_syscall_range(int nr, int pkey_nr, unsigned long *start,
				unsigned long *end)
{
	struct pt_regs *regs = task_pt_regs(current);
	unsigned long args[3];

	if (in_compat_syscall())
		return false;
	if (syscall_get_nr(current, regs) != nr &&
	    syscall_get_nr(current, regs) != pkey_nr)
		return false;
	syscall_get_arguments(current, regs, args);
	*start = args[0];
	*end = args[0] + PAGE_ALIGN(args[1]);
	return *end > *start;
}

/* Bytes of @vma the syscall in progress covers; all of it if unknown. */
static u64 mg_mm_vma_bytes(struct vm_area_struct *vma, int nr, int pkey_nr)
{
	unsigned long start, end;

	if (!mg_mm_syscall_range(nr, pkey_nr, &start, &end))
		return vma->vm_end - vma->vm_start;
	start = max(start, vma->vm_start);
	end = min(end, vma->vm_end);
	return end > start ? end - start : 0;
}

/* ksys_mmap_pgoff(addr, len, prot, flags, fd, pgoff): every mmap(2). */
static int hook_ksys_mmap_pgoff(struct kprobe *kp, struct pt_regs *regs)
{
	struct mg_mm_counts found = {};

	mg_mmclass_mmap(&found, regs_get_kernel_argument(regs, 1),
			regs_get_kernel_argument(regs, 2),
			regs_get_kernel_argument(regs, 3), HPAGE_SHIFT);
	mg_mm_record(&found);
	return 0;
}

/* security_file_mprotect(vma, reqprot, prot): once per VMA changed. */
static int hook_security_file_mprotect(struct kprobe *kp,
				       struct pt_regs *regs)
{
	struct vm_area_struct *vma =
		(struct vm_area_struct *)regs_get_kernel_argument(regs, 0);
	unsigned long flags = vma->vm_flags;
	struct mg_mm_counts found = {};
	struct mg_mm_vma desc = {
		.anonymous = !vma->vm_file,
		.stack = flags & VM_GROWSDOWN,
		.writable = flags & VM_WRITE,
		.executable = flags & VM_EXEC,
		.accessible = flags & (VM_READ | VM_WRITE | VM_EXEC),
		.touched = !!READ_ONCE(vma->anon_vma),
	};

	if (!desc.anonymous)
		return 0;
	mg_mmclass_mprotect(&found, &desc, regs_get_kernel_argument(regs, 1),
			    mg_mm_vma_bytes(vma, __NR_mprotect,
					    __NR_pkey_mprotect));
	mg_mm_record(&found);
	return 0;
}

/* hugepage_madvise(vma, vm_flags, advice): MADV_(NO)HUGEPAGE per VMA. */
static int hook_hugepage_madvise(struct kprobe *kp, struct pt_regs *regs)
{
	struct vm_area_struct *vma =
		(struct vm_area_struct *)regs_get_kernel_argument(regs, 0);
	struct mg_mm_counts found = {};

	mg_mmclass_madvise(&found, (int)regs_get_kernel_argument(regs, 2),
			   mg_mm_vma_bytes(vma, __NR_madvise, __NR_madvise));
	mg_mm_record(&found);
	return 0;
}

/* security_file_open(file): every open; only writers go further. */
static int hook_security_file_open(struct kprobe *kp, struct pt_regs *regs)
{
	struct file *file = (struct file *)regs_get_kernel_argument(regs, 0);
	struct dentry *dentry, *parent;
	struct mg_mm_counts found = {};
	struct mg_mm_open desc = {};
	struct inode *inode;

	if (!(file->f_mode & FMODE_WRITE))
		return 0;
	inode = file_inode(file);
	desc.write = true;
	desc.chrdev = S_ISCHR(inode->i_mode);
	desc.major = imajor(inode);
	desc.sysfs = inode->i_sb->s_magic == SYSFS_MAGIC;
	desc.procfs = inode->i_sb->s_magic == PROC_SUPER_MAGIC;
	/* Names of sysfs and procfs entries do not change while open. */
	rcu_read_lock();
	if (desc.sysfs || desc.procfs) {
		dentry = file->f_path.dentry;
		parent = READ_ONCE(dentry->d_parent);
		desc.name = dentry->d_name.name;
		desc.parent = parent->d_name.name;
		desc.grandparent = READ_ONCE(parent->d_parent)->d_name.name;
	}
	mg_mmclass_open(&found, &desc);
	rcu_read_unlock();
	mg_mm_record(&found);
	return 0;
}

/* Every probe, described once; one routine installs and removes them. */
static struct kprobe mg_kprobes[] = {
	{ .symbol_name = "ksys_mmap_pgoff",
	  .pre_handler = hook_ksys_mmap_pgoff },
	{ .symbol_name = "security_file_mprotect",
	  .pre_handler = hook_security_file_mprotect },
	{ .symbol_name = "hugepage_madvise",
	  .pre_handler = hook_hugepage_madvise },
	{ .symbol_name = "security_file_open",
	  .pre_handler = hook_security_file_open },
};

static bool mg_kprobe_active[ARRAY_SIZE(mg_kprobes)];
static unsigned int mg_kprobes_failed;
static u64 mg_mm_dropped;

/**
 * mg_lsm_hooks_flip() - send new events to each CPU's other table
 *
 * Context: the tick. The caller waits for an RCU grace period (handlers run
 * with preemption off) before mg_lsm_hooks_drain().
 */
void mg_lsm_hooks_flip(void)
{
	struct mg_mm_cpu *cpu;
	int c;

	for_each_possible_cpu(c) {
		cpu = per_cpu_ptr(mg_mm, c);
		WRITE_ONCE(cpu->active, !cpu->active);
	}
}

/**
 * mg_lsm_hooks_drain() - fold the tables flipped out into the cgroup table
 *
 * Context: the tick, between mg_cgroups_lock() and mg_cgroups_unlock().
 */
void mg_lsm_hooks_drain(void)
{
	struct mg_mm_table *table;
	struct mg_mm_slot *slot;
	struct mg_mm_cpu *cpu;
	int c, i;

	for_each_possible_cpu(c) {
		cpu = per_cpu_ptr(mg_mm, c);
		table = &cpu->table[!READ_ONCE(cpu->active)];
		for (i = 0; i < MG_MM_SLOTS; i++) {
			slot = &table->slot[i];
			if (slot->job_id)
				mg_cgroups_add_mm(slot->job_id, slot->tgid,
						  slot->comm, &slot->counts);
		}
		WRITE_ONCE(mg_mm_dropped, mg_mm_dropped + table->dropped);
		memset(table, 0, sizeof(*table));
	}
}

/* stats/probes_missed: hits lost while another probe was running. */
static ssize_t probes_missed_show(struct kobject *kobj,
				  struct kobj_attribute *attr, char *buf)
{
	u64 missed = 0;
	int i;

	for (i = 0; i < ARRAY_SIZE(mg_kprobes); i++)
		if (mg_kprobe_active[i])
			missed += READ_ONCE(mg_kprobes[i].nmissed);
	return sysfs_emit(buf, "%llu\n", missed);
}

static ssize_t probes_failed_show(struct kobject *kobj,
				  struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", mg_kprobes_failed);
}

static struct kobj_attribute mg_stat_attr_probes_missed =
	__ATTR_RO(probes_missed);
static struct kobj_attribute mg_stat_attr_probes_failed =
	__ATTR_RO(probes_failed);
MG_STAT_ATTR(mm_events_dropped, mg_mm_dropped, "%llu");

static const struct attribute *const mg_lsm_stats[] = {
	&mg_stat_attr_probes_missed.attr,
	&mg_stat_attr_probes_failed.attr,
	&mg_stat_attr_mm_events_dropped.attr,
	NULL,
};

/* One batch, so that removal waits for running handlers only once. */
static void mg_kprobes_remove(void)
{
	struct kprobe *active[ARRAY_SIZE(mg_kprobes)];
	int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(mg_kprobes); i++) {
		if (mg_kprobe_active[i])
			active[n++] = &mg_kprobes[i];
		mg_kprobe_active[i] = false;
	}
	if (n)
		unregister_kprobes(active, n);
}

/*
 * A probe that cannot be placed (a function inlined or renamed on this
 * kernel) costs its signals, not the module: it is logged by name and
 * counted in stats/probes_failed.
 */
static void mg_kprobes_install(void)
{
	int i, ret;

	for (i = 0; i < ARRAY_SIZE(mg_kprobes); i++) {
		ret = register_kprobe(&mg_kprobes[i]);
		if (ret) {
			pr_warn("cannot probe %s (%d): its signals are off\n",
				mg_kprobes[i].symbol_name, ret);
			mg_kprobes_failed++;
			continue;
		}
		mg_kprobe_active[i] = true;
	}
}

int mg_lsm_hooks_init(void)
{
	int ret;

	mg_mm = alloc_percpu(struct mg_mm_cpu);
	if (!mg_mm)
		return -ENOMEM;
	ret = mg_sysfs_add_stats(mg_lsm_stats);
	if (ret) {
		free_percpu(mg_mm);
		mg_mm = NULL;
		return ret;
	}
	mg_kprobes_install();
	return 0;
}

void mg_lsm_hooks_exit(void)
{
	/* unregister_kprobes() waits for handlers still running. */
	mg_kprobes_remove();
	mg_sysfs_remove_stats(mg_lsm_stats);
	free_percpu(mg_mm);
	mg_mm = NULL;
}
