// SPDX-License-Identifier: GPL-2.0
/*
 * User-code sampler: what a job's CPU time actually computes.
 *
 * One software cpu-clock perf event per online CPU (there is no hardware
 * PMU in many VMs, and the hrtimer behind cpu-clock interrupts user code
 * just as well) fires policy/sample_hz times a second of CPU time. When it
 * interrupted user mode, the handler reads up to MG_SAMPLE_WINDOW bytes of
 * code at the instruction pointer without faulting, scores them with the
 * hashing-instruction classifier (hashinsn.c), and reads the SSE rounding
 * mode the task is running with (MXCSR bits 13-14, changed constantly by
 * RandomX's CFROUND and by nothing ordinary).
 *
 * The handler runs in hard interrupt context: it only adds to a per-CPU
 * table keyed by job, flipped and folded by the tick like the other hooks'
 * (interrupt handlers are RCU read-side sections).
 */
#include <linux/cpuhotplug.h>
#include <linux/hash.h>
#include <linux/kobject.h>
#include <linux/percpu.h>
#include <linux/perf_event.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>
#include <asm/irq_regs.h>
#include "cgroups.h"
#include "hashinsn.h"
#include "policy.h"
#include "sampler.h"
#include "sysfs.h"

enum {
	MG_SAMPLE_WINDOW = 256,
	MG_SAMPLE_SLOT_BITS = 6,
	MG_SAMPLE_SLOTS = 1 << MG_SAMPLE_SLOT_BITS,
	MG_SAMPLE_MAX_PROBES = 8,
	/* MXCSR.RC: round to nearest (default), down, up, toward zero. */
	MG_MXCSR_RC_SHIFT = 13,
	MG_MXCSR_RC_MASK = 3,
};

struct mg_sample_slot {
	u64 job_id;			/* 0: free */
	struct mg_samples counts;
};

struct mg_sample_table {
	struct mg_sample_slot slot[MG_SAMPLE_SLOTS];
	u32 other;			/* not in user mode: kernel, exiting */
	u32 dropped;			/* no slot for the job */
	u64 handler_ns;			/* time spent in the handler */
};

/* About 6 KiB per CPU. */
struct mg_sample_cpu {
	struct mg_sample_table table[2];
	unsigned int active;
	pid_t last_pid;			/* the task of this CPU's last sample */
	u8 last_rc;			/* and its rounding mode */
};

static struct mg_sample_cpu __percpu *mg_sample_cpus;
static DEFINE_PER_CPU(struct perf_event *, mg_sample_event);
static enum cpuhp_state mg_sampler_cpuhp;
/* The rate the events run at; changed by the tick, under cpus_read_lock. */
static u32 mg_sampler_hz;

/* stats/, written by the tick. */
static u64 mg_stat_samples_user;
static u64 mg_stat_samples_other;
static u64 mg_stat_samples_unreadable;
static u64 mg_stat_samples_dropped;
static u64 mg_stat_sampler_ns;
static u32 mg_stat_sampler_cpus;

static struct mg_samples *mg_sample_slot_get(struct mg_sample_table *table,
					     u64 job_id)
{
	u32 i = hash_64(job_id, MG_SAMPLE_SLOT_BITS);
	struct mg_sample_slot *slot;
	int probes;

	for (probes = 0; probes < MG_SAMPLE_MAX_PROBES; probes++) {
		slot = &table->slot[i];
		if (slot->job_id == job_id || !slot->job_id) {
			slot->job_id = job_id;
			return &slot->counts;
		}
		i = (i + 1) & (MG_SAMPLE_SLOTS - 1);
	}
	table->dropped++;
	return NULL;
}

/*
 * Reads the code at @ip without faulting: up to the end of its page, then
 * the next page if it is resident. Returns the bytes read, 0 if none.
 */
static unsigned int mg_sample_read_code(u8 *buf, unsigned long ip)
{
	unsigned int first = min_t(unsigned long, MG_SAMPLE_WINDOW,
				   PAGE_SIZE - offset_in_page(ip));

	if (copy_from_user_nofault(buf, (const void __user *)ip, first))
		return 0;
	if (first == MG_SAMPLE_WINDOW ||
	    copy_from_user_nofault(buf + first,
				   (const void __user *)(ip + first),
				   MG_SAMPLE_WINDOW - first))
		return first;
	return MG_SAMPLE_WINDOW;
}

/* The task's SSE rounding mode, if its registers are live: -1 if not. */
static int mg_sample_rounding_mode(void)
{
	u32 mxcsr;

	if (test_thread_flag(TIF_NEED_FPU_LOAD))
		return -1;
	asm volatile("stmxcsr %0" : "=m" (mxcsr));
	return (mxcsr >> MG_MXCSR_RC_SHIFT) & MG_MXCSR_RC_MASK;
}

static void mg_sample(struct mg_sample_cpu *cpu, struct mg_sample_table *table)
{
	struct pt_regs *irq_regs = get_irq_regs();
	struct mg_hashinsn_counts insns;
	u8 code[MG_SAMPLE_WINDOW];
	struct mg_samples *s;
	unsigned int len, density;
	struct cgroup *job;
	int rc;

	/* cpu-clock hands over user registers even for kernel samples. */
	if (!irq_regs || !user_mode(irq_regs) ||
	    (current->flags & (PF_KTHREAD | PF_EXITING))) {
		table->other++;
		return;
	}
	rcu_read_lock();
	job = mg_cgroups_job_of(task_dfl_cgroup(current),
				mg_policy_get(MG_KNOB_JOB_DEPTH));
	s = mg_sample_slot_get(table, cgroup_id(job));
	rcu_read_unlock();
	if (!s)
		return;
	s->samples++;

	len = mg_sample_read_code(code, instruction_pointer(irq_regs));
	if (len) {
		mg_hashinsn_scan(code, len, &insns);
		density = mg_hashinsn_density_pct(&insns);
		s->scanned++;
		s->density_sum += density;
		if (density >= mg_policy_get(MG_KNOB_HASH_THRESHOLD_PCT))
			s->hashing++;
	} else {
		s->unreadable++;
	}

	rc = mg_sample_rounding_mode();
	if (rc < 0)
		return;
	s->mxcsr_known++;
	if (rc)
		s->mxcsr_nondefault++;
	if (cpu->last_pid == current->pid && cpu->last_rc != rc)
		s->mxcsr_changes++;
	cpu->last_pid = current->pid;
	cpu->last_rc = rc;
}

static void hook_sample(struct perf_event *event,
			struct perf_sample_data *data, struct pt_regs *regs)
{
	struct mg_sample_cpu *cpu = this_cpu_ptr(mg_sample_cpus);
	struct mg_sample_table *table = &cpu->table[READ_ONCE(cpu->active)];
	u64 start = local_clock();

	mg_sample(cpu, table);
	table->handler_ns += local_clock() - start;
}

static int mg_sampler_start_cpu(unsigned int cpu)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_CPU_CLOCK,
		.size = sizeof(attr),
		.exclude_kernel = 1,
		.exclude_hv = 1,
		.exclude_idle = 1,
		.pinned = 1,
	};
	struct perf_event *event;
	u32 hz = READ_ONCE(mg_sampler_hz);

	if (!hz)
		return 0;
	attr.sample_period = NSEC_PER_SEC / hz;
	event = perf_event_create_kernel_counter(&attr, cpu, NULL, hook_sample,
						 NULL);
	/* A CPU that cannot be sampled is logged and left out, not fatal. */
	if (IS_ERR(event)) {
		pr_warn("cannot sample CPU %u (%ld)\n", cpu, PTR_ERR(event));
		return 0;
	}
	per_cpu(mg_sample_event, cpu) = event;
	WRITE_ONCE(mg_stat_sampler_cpus, mg_stat_sampler_cpus + 1);
	return 0;
}

static int mg_sampler_stop_cpu(unsigned int cpu)
{
	struct perf_event *event = per_cpu(mg_sample_event, cpu);

	if (!event)
		return 0;
	per_cpu(mg_sample_event, cpu) = NULL;
	/* Stops the hrtimer, waiting for a handler that is running. */
	perf_event_release_kernel(event);
	WRITE_ONCE(mg_stat_sampler_cpus, mg_stat_sampler_cpus - 1);
	return 0;
}

/**
 * mg_sampler_sync_rate() - apply a changed policy/sample_hz
 *
 * Context: the tick, process context, without the cgroup table lock.
 * perf cannot change a kernel counter's period, so the events are made
 * anew at the new rate.
 */
void mg_sampler_sync_rate(void)
{
	u32 hz = mg_policy_get(MG_KNOB_SAMPLE_HZ);
	unsigned int cpu;

	if (hz == READ_ONCE(mg_sampler_hz))
		return;
	cpus_read_lock();
	for_each_online_cpu(cpu)
		mg_sampler_stop_cpu(cpu);
	WRITE_ONCE(mg_sampler_hz, hz);
	for_each_online_cpu(cpu)
		mg_sampler_start_cpu(cpu);
	cpus_read_unlock();
}

/* Context: the tick; the caller waits for an RCU grace period after. */
void mg_sampler_flip(void)
{
	struct mg_sample_cpu *cpu;
	int c;

	for_each_possible_cpu(c) {
		cpu = per_cpu_ptr(mg_sample_cpus, c);
		WRITE_ONCE(cpu->active, !cpu->active);
	}
}

/* Context: the tick, between mg_cgroups_lock() and mg_cgroups_unlock(). */
void mg_sampler_drain(void)
{
	struct mg_sample_table *table;
	struct mg_sample_slot *slot;
	struct mg_sample_cpu *cpu;
	int c, i;

	for_each_possible_cpu(c) {
		cpu = per_cpu_ptr(mg_sample_cpus, c);
		table = &cpu->table[!READ_ONCE(cpu->active)];
		for (i = 0; i < MG_SAMPLE_SLOTS; i++) {
			slot = &table->slot[i];
			if (!slot->job_id)
				continue;
			mg_cgroups_add_samples(slot->job_id, &slot->counts);
			WRITE_ONCE(mg_stat_samples_user, mg_stat_samples_user +
				   slot->counts.samples);
			WRITE_ONCE(mg_stat_samples_unreadable,
				   mg_stat_samples_unreadable +
				   slot->counts.unreadable);
		}
		WRITE_ONCE(mg_stat_samples_other,
			   mg_stat_samples_other + table->other);
		WRITE_ONCE(mg_stat_samples_dropped,
			   mg_stat_samples_dropped + table->dropped);
		WRITE_ONCE(mg_stat_sampler_ns,
			   mg_stat_sampler_ns + table->handler_ns);
		memset(table, 0, sizeof(*table));
	}
}

MG_STAT_ATTR(samples_user, mg_stat_samples_user, "%llu");
MG_STAT_ATTR(samples_other, mg_stat_samples_other, "%llu");
MG_STAT_ATTR(samples_unreadable, mg_stat_samples_unreadable, "%llu");
MG_STAT_ATTR(samples_dropped, mg_stat_samples_dropped, "%llu");
MG_STAT_ATTR(sampler_cpus, mg_stat_sampler_cpus, "%u");
MG_STAT_ATTR(sampler_ns, mg_stat_sampler_ns, "%llu");

static const struct attribute *const mg_sampler_stats[] = {
	&mg_stat_attr_samples_user.attr,
	&mg_stat_attr_samples_other.attr,
	&mg_stat_attr_samples_unreadable.attr,
	&mg_stat_attr_samples_dropped.attr,
	&mg_stat_attr_sampler_cpus.attr,
	&mg_stat_attr_sampler_ns.attr,
	NULL,
};

int mg_sampler_init(void)
{
	int ret;

	mg_sample_cpus = alloc_percpu(struct mg_sample_cpu);
	if (!mg_sample_cpus)
		return -ENOMEM;
	ret = mg_sysfs_add_stats(mg_sampler_stats);
	if (ret)
		goto err_free;
	mg_sampler_hz = mg_policy_get(MG_KNOB_SAMPLE_HZ);
	/* Starts the events on every online CPU, and on CPUs that come up. */
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "minerguard/sampler:online",
				mg_sampler_start_cpu, mg_sampler_stop_cpu);
	if (ret < 0)
		goto err_stats;
	mg_sampler_cpuhp = ret;
	return 0;

err_stats:
	mg_sysfs_remove_stats(mg_sampler_stats);
err_free:
	free_percpu(mg_sample_cpus);
	mg_sample_cpus = NULL;
	return ret;
}

void mg_sampler_exit(void)
{
	/* Releases every CPU's event: no handler runs after this. */
	cpuhp_remove_state(mg_sampler_cpuhp);
	mg_sysfs_remove_stats(mg_sampler_stats);
	free_percpu(mg_sample_cpus);
	mg_sample_cpus = NULL;
}
