/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory patterns of miners, classified from what the mm and LSM hooks see:
 * pure logic, shared by the module, KUnit and the host tests.
 */
#ifndef _MG_MMCLASS_H
#define _MG_MMCLASS_H

#include <linux/types.h>

/*
 * Every counter a job keeps, in sysfs order (mmclass.c names them).
 * Counters count events: one per mmap(2) request, per VMA an mprotect(2) or
 * madvise(2) changes, per open(2). The *_BYTES ones add the sizes those
 * events cover.
 */
enum mg_mm_field {
	MG_MM_ANON_EXEC,
	MG_MM_WX_FLIPS,
	MG_MM_RWX_BYTES,
	MG_MM_EXEC_STACK,
	MG_MM_HUGETLB_2M,
	MG_MM_HUGETLB_2M_BYTES,
	MG_MM_HUGETLB_1G,
	MG_MM_HUGETLB_1G_BYTES,
	MG_MM_THP_ADVISE,
	MG_MM_THP_ADVISE_BYTES,
	MG_MM_BIG_ANON,
	MG_MM_BIG_ANON_BYTES,
	MG_MM_MSR_OPEN,
	MG_MM_HUGEPAGE_SYSCTL,
	MG_MM_MSR_ALLOW_WRITES,
	MG_MM_NR_FIELDS
};

struct mg_mm_counts {
	u64 v[MG_MM_NR_FIELDS];
};

/* Anonymous mappings this large (and accessible) count as big_anon. */
#define MG_MM_BIG_ANON_MIN (256ULL << 20)

/* The page-size shifts of x86-64 huge pages. */
#define MG_MM_HUGE_SHIFT_2M 21
#define MG_MM_HUGE_SHIFT_1G 30

/* What the hooks know about a VMA that mprotect(2) is changing. */
struct mg_mm_vma {
	bool anonymous;		/* no file behind it */
	bool stack;		/* VM_GROWSDOWN: a process's main stack */
	bool writable;		/* VM_WRITE before the change */
	bool executable;	/* VM_EXEC before the change */
	bool accessible;	/* any of VM_READ, VM_WRITE, VM_EXEC */
	bool touched;		/* has anonymous pages (anon_vma): written */
};

/* What security_file_open() knows about a file being opened. */
struct mg_mm_open {
	bool write;		/* opened for writing */
	bool chrdev;
	unsigned int major;	/* of a character device */
	bool sysfs;
	bool procfs;
	/* Last three path components, innermost first; NULL if unknown. */
	const char *name;
	const char *parent;
	const char *grandparent;
};

const char *mg_mmclass_field_name(enum mg_mm_field field);
bool mg_mmclass_field_is_bytes(enum mg_mm_field field);
u64 mg_mmclass_events(const struct mg_mm_counts *c);
void mg_mmclass_add(struct mg_mm_counts *sum, const struct mg_mm_counts *c);
bool mg_mmclass_any(const struct mg_mm_counts *c);

void mg_mmclass_mmap(struct mg_mm_counts *c, u64 len, unsigned long prot,
		     unsigned long flags, unsigned int default_huge_shift);
void mg_mmclass_mprotect(struct mg_mm_counts *c, const struct mg_mm_vma *vma,
			 unsigned long reqprot, u64 bytes);
void mg_mmclass_madvise(struct mg_mm_counts *c, int advice, u64 bytes);
void mg_mmclass_open(struct mg_mm_counts *c, const struct mg_mm_open *o);

#endif /* _MG_MMCLASS_H */
