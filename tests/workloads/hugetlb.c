// SPDX-License-Identifier: GPL-2.0
/*
 * hugetlb 2m|1g BYTES: asks for BYTES of MAP_HUGETLB memory with the given
 * page size, as RandomX miners do for their dataset, and falls back to
 * ordinary pages if the pool cannot supply them (as miners do too).
 * Prints "huge" or "fallback".
 *
 * minerguard sees one hugetlb_2m or hugetlb_1g request of BYTES either
 * way; BYTES of 256 MiB and more also make big_anon (twice on fallback).
 */
#include <linux/mman.h>
#include <string.h>
#include <sys/mman.h>
#include "workload.h"

int main(int argc, char **argv)
{
	const char *usage = "hugetlb 2m|1g BYTES";
	int size_code, flags = MAP_PRIVATE | MAP_ANONYMOUS;
	unsigned long bytes;
	char *mem;

	if (argc != 3)
		wl_usage(usage);
	if (!strcmp(argv[1], "2m"))
		size_code = MAP_HUGE_2MB;
	else if (!strcmp(argv[1], "1g"))
		size_code = MAP_HUGE_1GB;
	else
		wl_usage(usage);
	bytes = wl_number(argv[2], usage);
	mem = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		   flags | MAP_HUGETLB | size_code, -1, 0);
	if (mem != MAP_FAILED) {
		puts("huge");
	} else {
		mem = mmap(NULL, bytes, PROT_READ | PROT_WRITE, flags, -1, 0);
		if (mem == MAP_FAILED)
			die("mmap");
		puts("fallback");
	}
	mem[0] = 1;
	return 0;
}
