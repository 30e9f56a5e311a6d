/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cases for module/mmclass.c, shared by the KUnit suite
 * (tests/kunit/mmclass_test.c) and the host test (tests/unit/mmclass_test.c).
 * Each case is one event a hook saw and every counter it must move; every
 * other counter must stay 0.
 */
#ifndef MG_MMCLASS_CASES_H
#define MG_MMCLASS_CASES_H

enum mg_mmclass_op { MG_OP_MMAP, MG_OP_MPROTECT, MG_OP_MADVISE, MG_OP_OPEN };

struct mg_mmclass_want {
	enum mg_mm_field field;
	u64 value;			/* 0 ends the list */
};

struct mg_mmclass_case {
	const char *name;	/* first: the rest is designated */
	enum mg_mmclass_op op;
	/* mmap: len, prot, flags, default huge page shift */
	u64 len;
	unsigned long prot;
	unsigned long flags;
	unsigned int huge_shift;
	/* mprotect: vma, prot (reqprot), len (bytes) */
	struct mg_mm_vma vma;
	/* madvise: advice, len (bytes) */
	int advice;
	struct mg_mm_open open;
	struct mg_mmclass_want want[4];
};

/* op and its arguments, for the table below */
#define MG_MMAP(l, p, f, shift) \
	.op = MG_OP_MMAP, .len = (l), .prot = (p), .flags = (f), \
	.huge_shift = (shift)
#define MG_MPROTECT(bytes, reqprot) \
	.op = MG_OP_MPROTECT, .len = (bytes), .prot = (reqprot)
#define MG_MADVISE(bytes, adv) \
	.op = MG_OP_MADVISE, .len = (bytes), .advice = (adv)

#define MG_MIB (1ULL << 20)
#define MG_ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define MG_RW (PROT_READ | PROT_WRITE)
#define MG_RX (PROT_READ | PROT_EXEC)
#define MG_RWX (PROT_READ | PROT_WRITE | PROT_EXEC)

static const struct mg_mmclass_case mg_mmclass_cases[] = {
	/* mmap(2) */
	{ "mmap-anon-rwx", MG_MMAP(65536, MG_RWX, MG_ANON, 21),
	  .want = { { MG_MM_ANON_EXEC, 1 }, { MG_MM_RWX_BYTES, 65536 } } },
	{ "mmap-anon-rx", MG_MMAP(4096, MG_RX, MG_ANON, 21),
	  .want = { { MG_MM_ANON_EXEC, 1 } } },
	{ "mmap-anon-shared-rwx",
	  MG_MMAP(8192, MG_RWX, MAP_SHARED | MAP_ANONYMOUS, 21),
	  .want = { { MG_MM_ANON_EXEC, 1 }, { MG_MM_RWX_BYTES, 8192 } } },
	{ "mmap-anon-rw", MG_MMAP(65536, MG_RW, MG_ANON, 21) },
	{ "mmap-file-rwx", MG_MMAP(65536, MG_RWX, MAP_PRIVATE, 21) },
	{ "mmap-stack-rwx",
	  MG_MMAP(8 * MG_MIB, MG_RWX, MG_ANON | MAP_STACK, 21),
	  .want = { { MG_MM_EXEC_STACK, 1 } } },
	{ "mmap-stack-none",
	  MG_MMAP(8 * MG_MIB, PROT_NONE, MG_ANON | MAP_STACK, 21) },
	{ "mmap-hugetlb-default-2m",
	  MG_MMAP(4 * MG_MIB, MG_RW, MG_ANON | MAP_HUGETLB, 21),
	  .want = { { MG_MM_HUGETLB_2M, 1 },
		    { MG_MM_HUGETLB_2M_BYTES, 4 * MG_MIB } } },
	{ "mmap-hugetlb-default-1g",
	  MG_MMAP(4 * MG_MIB, MG_RW, MG_ANON | MAP_HUGETLB, 30),
	  .want = { { MG_MM_HUGETLB_1G, 1 },
		    { MG_MM_HUGETLB_1G_BYTES, 4 * MG_MIB } } },
	{ "mmap-hugetlb-2mb-code",
	  MG_MMAP(2 * MG_MIB, MG_RW, MG_ANON | MAP_HUGETLB | MAP_HUGE_2MB, 30),
	  .want = { { MG_MM_HUGETLB_2M, 1 },
		    { MG_MM_HUGETLB_2M_BYTES, 2 * MG_MIB } } },
	{ "mmap-hugetlb-1gb-code-big",
	  MG_MMAP(2048 * MG_MIB, MG_RW, MG_ANON | MAP_HUGETLB | MAP_HUGE_1GB, 21),
	  .want = { { MG_MM_HUGETLB_1G, 1 },
		    { MG_MM_HUGETLB_1G_BYTES, 2048 * MG_MIB },
		    { MG_MM_BIG_ANON, 1 },
		    { MG_MM_BIG_ANON_BYTES, 2048 * MG_MIB } } },
	{ "mmap-hugetlb-64k-code",
	  MG_MMAP(2 * MG_MIB, MG_RW, MG_ANON | MAP_HUGETLB | MAP_HUGE_64KB, 21) },
	{ "mmap-hugetlb-file",
	  MG_MMAP(2 * MG_MIB, MG_RW, MAP_PRIVATE | MAP_HUGETLB | MAP_HUGE_2MB, 21) },
	{ "mmap-big-anon-exact", MG_MMAP(256 * MG_MIB, MG_RW, MG_ANON, 21),
	  .want = { { MG_MM_BIG_ANON, 1 },
		    { MG_MM_BIG_ANON_BYTES, 256 * MG_MIB } } },
	{ "mmap-big-anon-just-below",
	  MG_MMAP(256 * MG_MIB - 4096, MG_RW, MG_ANON, 21) },
	{ "mmap-big-anon-reservation",
	  MG_MMAP(64 * 1024 * MG_MIB, PROT_NONE, MG_ANON | MAP_NORESERVE, 21) },
	{ "mmap-big-anon-rwx", MG_MMAP(512 * MG_MIB, MG_RWX, MG_ANON, 21),
	  .want = { { MG_MM_ANON_EXEC, 1 },
		    { MG_MM_RWX_BYTES, 512 * MG_MIB },
		    { MG_MM_BIG_ANON, 1 },
		    { MG_MM_BIG_ANON_BYTES, 512 * MG_MIB } } },
	{ "mmap-big-file", MG_MMAP(1024 * MG_MIB, PROT_READ, MAP_SHARED, 21) },

	/* mprotect(2): vma = anonymous, stack, writable, executable,
	 * accessible, touched
	 */
	{ "mprotect-rw-to-rx", MG_MPROTECT(65536, MG_RX),
	  .vma = { true, false, true, false, true, true },
	  .want = { { MG_MM_WX_FLIPS, 1 } } },
	{ "mprotect-rw-untouched-to-rx", MG_MPROTECT(65536, MG_RX),
	  .vma = { true, false, true, false, true, false },
	  .want = { { MG_MM_WX_FLIPS, 1 } } },
	{ "mprotect-written-r-to-rx", MG_MPROTECT(4096, MG_RX),
	  .vma = { true, false, false, false, true, true },
	  .want = { { MG_MM_WX_FLIPS, 1 } } },
	{ "mprotect-rw-to-rwx", MG_MPROTECT(8192, MG_RWX),
	  .vma = { true, false, true, false, true, true },
	  .want = { { MG_MM_WX_FLIPS, 1 }, { MG_MM_RWX_BYTES, 8192 } } },
	{ "mprotect-rx-to-rwx", MG_MPROTECT(8192, MG_RWX),
	  .vma = { true, false, false, true, true, true },
	  .want = { { MG_MM_RWX_BYTES, 8192 } } },
	{ "mprotect-rwx-to-rwx", MG_MPROTECT(8192, MG_RWX),
	  .vma = { true, false, true, true, true, true } },
	{ "mprotect-rx-to-rx", MG_MPROTECT(8192, MG_RX),
	  .vma = { true, false, false, true, true, true } },
	{ "mprotect-rwx-to-rw", MG_MPROTECT(8192, MG_RW),
	  .vma = { true, false, true, true, true, true } },
	{ "mprotect-fresh-r-to-rx", MG_MPROTECT(4096, MG_RX),
	  .vma = { true, false, false, false, true, false },
	  .want = { { MG_MM_ANON_EXEC, 1 } } },
	{ "mprotect-fresh-none-to-rx", MG_MPROTECT(4096, MG_RX),
	  .vma = { true, false, false, false, false, false },
	  .want = { { MG_MM_ANON_EXEC, 1 } } },
	{ "mprotect-thread-stack-rwx", MG_MPROTECT(8 * MG_MIB, MG_RWX),
	  .vma = { true, false, false, false, false, false },
	  .want = { { MG_MM_EXEC_STACK, 1 } } },
	{ "mprotect-main-stack-rwx", MG_MPROTECT(132 * 1024, MG_RWX),
	  .vma = { true, true, true, false, true, true },
	  .want = { { MG_MM_EXEC_STACK, 1 } } },
	{ "mprotect-touched-none-to-rwx", MG_MPROTECT(4096, MG_RWX),
	  .vma = { true, false, false, false, false, true },
	  .want = { { MG_MM_WX_FLIPS, 1 }, { MG_MM_RWX_BYTES, 4096 } } },
	{ "mprotect-file-rw-to-rx", MG_MPROTECT(4096, MG_RX),
	  .vma = { false, false, true, false, true, true } },

	/* madvise(2) */
	{ "madvise-hugepage", MG_MADVISE(32 * MG_MIB, MADV_HUGEPAGE),
	  .want = { { MG_MM_THP_ADVISE, 1 },
		    { MG_MM_THP_ADVISE_BYTES, 32 * MG_MIB } } },
	{ "madvise-nohugepage", MG_MADVISE(32 * MG_MIB, MADV_NOHUGEPAGE) },
	{ "madvise-dontneed", MG_MADVISE(32 * MG_MIB, MADV_DONTNEED) },

	/* open(2): write, chrdev, major, sysfs, procfs, names */
	{ "open-msr-write", .op = MG_OP_OPEN,
	  .open = { true, true, MSR_MAJOR, false, false, "msr", "0", "cpu" },
	  .want = { { MG_MM_MSR_OPEN, 1 } } },
	{ "open-msr-read", .op = MG_OP_OPEN,
	  .open = { false, true, MSR_MAJOR, false, false, "msr", "0", "cpu" } },
	{ "open-other-chrdev-write", .op = MG_OP_OPEN,
	  .open = { true, true, 1, false, false, "null", "dev", "/" } },
	{ "open-proc-nr-hugepages", .op = MG_OP_OPEN,
	  .open = { true, false, 0, false, true, "nr_hugepages", "vm", "sys" },
	  .want = { { MG_MM_HUGEPAGE_SYSCTL, 1 } } },
	{ "open-proc-nr-hugepages-read", .op = MG_OP_OPEN,
	  .open = { false, false, 0, false, true, "nr_hugepages", "vm",
		    "sys" } },
	{ "open-proc-nr-overcommit", .op = MG_OP_OPEN,
	  .open = { true, false, 0, false, true, "nr_overcommit_hugepages",
		    "vm", "sys" },
	  .want = { { MG_MM_HUGEPAGE_SYSCTL, 1 } } },
	{ "open-proc-nr-mempolicy", .op = MG_OP_OPEN,
	  .open = { true, false, 0, false, true, "nr_hugepages_mempolicy",
		    "vm", "sys" },
	  .want = { { MG_MM_HUGEPAGE_SYSCTL, 1 } } },
	{ "open-sysfs-nr-hugepages", .op = MG_OP_OPEN,
	  .open = { true, false, 0, true, false, "nr_hugepages",
		    "hugepages-2048kB", "hugepages" },
	  .want = { { MG_MM_HUGEPAGE_SYSCTL, 1 } } },
	{ "open-tmpfs-nr-hugepages", .op = MG_OP_OPEN,
	  .open = { true, false, 0, false, false, "nr_hugepages", "tmp",
		    "/" } },
	{ "open-sysfs-nr-hugepages-prefix", .op = MG_OP_OPEN,
	  .open = { true, false, 0, true, false, "nr_hugepages_x",
		    "hugepages-2048kB", "hugepages" } },
	{ "open-msr-allow-writes", .op = MG_OP_OPEN,
	  .open = { true, false, 0, true, false, "allow_writes", "parameters",
		    "msr" },
	  .want = { { MG_MM_MSR_ALLOW_WRITES, 1 } } },
	{ "open-msr-allow-writes-read", .op = MG_OP_OPEN,
	  .open = { false, false, 0, true, false, "allow_writes", "parameters",
		    "msr" } },
	{ "open-other-allow-writes", .op = MG_OP_OPEN,
	  .open = { true, false, 0, true, false, "allow_writes", "parameters",
		    "other" } },
	{ "open-proc-allow-writes", .op = MG_OP_OPEN,
	  .open = { true, false, 0, false, true, "allow_writes", "parameters",
		    "msr" } },
	{ "open-names-unknown", .op = MG_OP_OPEN,
	  .open = { true, false, 0, true, true, NULL, NULL, NULL } },
};

/* Applies one case's event to @c. */
static void mg_mmclass_case_apply(const struct mg_mmclass_case *t,
				  struct mg_mm_counts *c)
{
	switch (t->op) {
	case MG_OP_MMAP:
		mg_mmclass_mmap(c, t->len, t->prot, t->flags, t->huge_shift);
		break;
	case MG_OP_MPROTECT:
		mg_mmclass_mprotect(c, &t->vma, t->prot, t->len);
		break;
	case MG_OP_MADVISE:
		mg_mmclass_madvise(c, t->advice, t->len);
		break;
	case MG_OP_OPEN:
		mg_mmclass_open(c, &t->open);
		break;
	}
}

/* The value @t wants for @field: listed, or 0. */
static u64 mg_mmclass_case_want(const struct mg_mmclass_case *t,
				enum mg_mm_field field)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(t->want) && t->want[i].value; i++)
		if (t->want[i].field == field)
			return t->want[i].value;
	return 0;
}

#endif /* MG_MMCLASS_CASES_H */
