// SPDX-License-Identifier: GPL-2.0
/*
 * big-malloc MIB: benign look-alike of a program with a large working set.
 * One plain malloc() of MIB MiB, touched page by page.
 *
 * minerguard sees one big_anon (from 256 MiB), nothing else.
 */
#include "workload.h"

int main(int argc, char **argv)
{
	const char *usage = "big-malloc MIB";
	unsigned long bytes, i;
	char *mem;

	if (argc != 2)
		wl_usage(usage);
	bytes = wl_number(argv[1], usage) << 20;
	mem = malloc(bytes);
	if (!mem)
		die("malloc");
	for (i = 0; i < bytes; i += 4096)
		mem[i] = 1;
	free(mem);
	return 0;
}
