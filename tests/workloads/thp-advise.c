// SPDX-License-Identifier: GPL-2.0
/*
 * thp-advise MIB: maps MIB MiB of anonymous memory aligned to 2 MiB, asks
 * for transparent huge pages on all of it with MADV_HUGEPAGE (what miners
 * do when hugetlb pages are not configured), and touches it.
 *
 * minerguard sees one thp_advise of MIB MiB (and big_anon from 256 MiB).
 */
#include <sys/mman.h>
#include "workload.h"

#define HUGE_BYTES (2UL << 20)

int main(int argc, char **argv)
{
	const char *usage = "thp-advise MIB";
	unsigned long bytes, i;
	char *map, *mem;

	if (argc != 2)
		wl_usage(usage);
	bytes = wl_number(argv[1], usage) << 20;
	/* One huge page more, so that an aligned start fits. */
	map = mmap(NULL, bytes + HUGE_BYTES, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		die("mmap");
	mem = (char *)(((unsigned long)map + HUGE_BYTES - 1) &
		       ~(HUGE_BYTES - 1));
	if (madvise(mem, bytes, MADV_HUGEPAGE))
		die("madvise");
	for (i = 0; i < bytes; i += 4096)
		mem[i] = 1;
	return 0;
}
