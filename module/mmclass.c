// SPDX-License-Identifier: GPL-2.0
/*
 * Memory patterns of miners (see mmclass.h): turns one mmap(2), mprotect(2),
 * madvise(2) or open(2) that a hook saw into counter increments.
 *
 * Pure: no hooks, locks, clocks or allocation, so that KUnit, the host tests
 * and the module all run this very file.
 */
#include <linux/major.h>
#include <linux/mman.h>
#include <linux/string.h>
#include "mmclass.h"

/* The sysfs name of each counter, and whether it counts bytes. */
static const struct {
	const char *name;
	bool bytes;
} mg_mm_fields[MG_MM_NR_FIELDS] = {
	[MG_MM_ANON_EXEC] = { "anon_exec", false },
	[MG_MM_WX_FLIPS] = { "wx_flips", false },
	[MG_MM_RWX_BYTES] = { "rwx_bytes", true },
	[MG_MM_EXEC_STACK] = { "exec_stack", false },
	[MG_MM_HUGETLB_2M] = { "hugetlb_2m", false },
	[MG_MM_HUGETLB_2M_BYTES] = { "hugetlb_2m_bytes", true },
	[MG_MM_HUGETLB_1G] = { "hugetlb_1g", false },
	[MG_MM_HUGETLB_1G_BYTES] = { "hugetlb_1g_bytes", true },
	[MG_MM_THP_ADVISE] = { "thp_advise", false },
	[MG_MM_THP_ADVISE_BYTES] = { "thp_advise_bytes", true },
	[MG_MM_BIG_ANON] = { "big_anon", false },
	[MG_MM_BIG_ANON_BYTES] = { "big_anon_bytes", true },
	[MG_MM_MSR_OPEN] = { "msr_open", false },
	[MG_MM_HUGEPAGE_SYSCTL] = { "hugepage_sysctl", false },
	[MG_MM_MSR_ALLOW_WRITES] = { "msr_allow_writes", false },
};

const char *mg_mmclass_field_name(enum mg_mm_field field)
{
	return field < MG_MM_NR_FIELDS ? mg_mm_fields[field].name : NULL;
}

bool mg_mmclass_field_is_bytes(enum mg_mm_field field)
{
	return field < MG_MM_NR_FIELDS && mg_mm_fields[field].bytes;
}

/* Number of events in @c: every counter that is not a byte count. */
u64 mg_mmclass_events(const struct mg_mm_counts *c)
{
	u64 events = 0;
	int i;

	for (i = 0; i < MG_MM_NR_FIELDS; i++)
		if (!mg_mm_fields[i].bytes)
			events += c->v[i];
	return events;
}

void mg_mmclass_add(struct mg_mm_counts *sum, const struct mg_mm_counts *c)
{
	int i;

	for (i = 0; i < MG_MM_NR_FIELDS; i++)
		sum->v[i] += c->v[i];
}

bool mg_mmclass_any(const struct mg_mm_counts *c)
{
	int i;

	for (i = 0; i < MG_MM_NR_FIELDS; i++)
		if (c->v[i])
			return true;
	return false;
}

static void mg_mm_count(struct mg_mm_counts *c, enum mg_mm_field event,
			enum mg_mm_field bytes_field, u64 bytes)
{
	c->v[event]++;
	c->v[bytes_field] += bytes;
}

/**
 * mg_mmclass_mmap() - classify an mmap(2) request
 * @c: counters to add to
 * @len: requested length
 * @prot: PROT_* as requested
 * @flags: MAP_* as requested, with the MAP_HUGE_* size code
 * @default_huge_shift: page-size shift MAP_HUGETLB means without a size code
 *
 * Requests count whether or not the kernel grants them: a miner that asks
 * for 1 GB pages and falls back to 4 KB ones has shown what it is. File
 * mappings count nothing.
 */
void mg_mmclass_mmap(struct mg_mm_counts *c, u64 len, unsigned long prot,
		     unsigned long flags, unsigned int default_huge_shift)
{
	unsigned int shift;

	if (!(flags & MAP_ANONYMOUS))
		return;
	if (flags & MAP_HUGETLB) {
		shift = (flags >> MAP_HUGE_SHIFT) & MAP_HUGE_MASK;
		if (!shift)
			shift = default_huge_shift;
		if (shift == MG_MM_HUGE_SHIFT_2M)
			mg_mm_count(c, MG_MM_HUGETLB_2M,
				    MG_MM_HUGETLB_2M_BYTES, len);
		else if (shift == MG_MM_HUGE_SHIFT_1G)
			mg_mm_count(c, MG_MM_HUGETLB_1G,
				    MG_MM_HUGETLB_1G_BYTES, len);
	}
	if (prot & PROT_EXEC) {
		/* glibc's thread stacks when the program wants them executable. */
		if (flags & MAP_STACK) {
			c->v[MG_MM_EXEC_STACK]++;
		} else {
			c->v[MG_MM_ANON_EXEC]++;
			if (prot & PROT_WRITE)
				c->v[MG_MM_RWX_BYTES] += len;
		}
	}
	/* Reservations (PROT_NONE, as runtimes make for heaps) do not count. */
	if (len >= MG_MM_BIG_ANON_MIN &&
	    (prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		mg_mm_count(c, MG_MM_BIG_ANON, MG_MM_BIG_ANON_BYTES, len);
}

/**
 * mg_mmclass_mprotect() - classify mprotect(2) of one VMA
 * @c: counters to add to
 * @vma: the VMA before the change
 * @reqprot: PROT_* as requested (not as widened by READ_IMPLIES_EXEC)
 * @bytes: the part of the VMA the request covers
 *
 * Execute added to anonymous memory is a W->X flip when the memory is
 * writable or was written: that is how W^X JITs publish code. It is a stack
 * when the VMA is a main stack or a never-touched PROT_NONE reservation
 * given read-write-execute at once, which is how glibc makes the guarded
 * thread stacks of a program that needs an executable stack. Otherwise the
 * memory becomes executable without having been written, like a fresh
 * executable mapping.
 */
void mg_mmclass_mprotect(struct mg_mm_counts *c, const struct mg_mm_vma *vma,
			 unsigned long reqprot, u64 bytes)
{
	bool wants_wx = (reqprot & PROT_WRITE) && (reqprot & PROT_EXEC);

	if (!vma->anonymous)
		return;
	if ((reqprot & PROT_EXEC) && !vma->executable) {
		if (vma->stack ||
		    (wants_wx && !vma->accessible && !vma->touched)) {
			c->v[MG_MM_EXEC_STACK]++;
			return;
		}
		if (vma->writable || vma->touched)
			c->v[MG_MM_WX_FLIPS]++;
		else
			c->v[MG_MM_ANON_EXEC]++;
	}
	if (wants_wx && !(vma->writable && vma->executable))
		c->v[MG_MM_RWX_BYTES] += bytes;
}

/**
 * mg_mmclass_madvise() - classify madvise(2) of one VMA
 * @c: counters to add to
 * @advice: MADV_*
 * @bytes: the part of the VMA the request covers
 */
void mg_mmclass_madvise(struct mg_mm_counts *c, int advice, u64 bytes)
{
	if (advice == MADV_HUGEPAGE)
		mg_mm_count(c, MG_MM_THP_ADVISE, MG_MM_THP_ADVISE_BYTES, bytes);
}

static bool mg_mm_name_is(const char *name, const char *want)
{
	return name && !strcmp(name, want);
}

/**
 * mg_mmclass_open() - classify an open(2) of a file
 * @c: counters to add to
 * @o: the file; only opens for writing count
 *
 * The MSR device (any CPU's), the hugetlb pool sizes in procfs
 * (/proc/sys/vm/nr_hugepages...) and sysfs (.../hugepages-<size>/
 * nr_hugepages, per node too), and the msr module's allow_writes parameter.
 */
void mg_mmclass_open(struct mg_mm_counts *c, const struct mg_mm_open *o)
{
	if (!o->write)
		return;
	if (o->chrdev) {
		if (o->major == MSR_MAJOR)
			c->v[MG_MM_MSR_OPEN]++;
		return;
	}
	if (!o->sysfs && !o->procfs)
		return;
	if (mg_mm_name_is(o->name, "nr_hugepages") ||
	    mg_mm_name_is(o->name, "nr_hugepages_mempolicy") ||
	    mg_mm_name_is(o->name, "nr_overcommit_hugepages"))
		c->v[MG_MM_HUGEPAGE_SYSCTL]++;
	else if (o->sysfs && mg_mm_name_is(o->name, "allow_writes") &&
		 mg_mm_name_is(o->parent, "parameters") &&
		 mg_mm_name_is(o->grandparent, "msr"))
		c->v[MG_MM_MSR_ALLOW_WRITES]++;
}
