// SPDX-License-Identifier: GPL-2.0
/*
 * jit-wx FLIPS: a W^X JIT (RandomX's secure mode). Maps one read-write
 * region, then FLIPS times writes code, makes it read-execute, runs it and
 * makes it read-write again.
 *
 * minerguard sees FLIPS wx_flips and nothing else.
 */
#include <sys/mman.h>
#include "workload.h"

#define REGION_BYTES 65536

int main(int argc, char **argv)
{
	const char *usage = "jit-wx FLIPS";
	unsigned long flips, i;
	unsigned char *code;

	if (argc != 2)
		wl_usage(usage);
	flips = wl_number(argv[1], usage);
	code = mmap(NULL, REGION_BYTES, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code == MAP_FAILED)
		die("mmap");
	for (i = 0; i < flips; i++) {
		wl_emit_return(code, i);
		if (mprotect(code, REGION_BYTES, PROT_READ | PROT_EXEC))
			die("mprotect r-x");
		if (wl_call(code) != i) {
			fprintf(stderr, "jit-wx: wrong result\n");
			return 1;
		}
		if (mprotect(code, REGION_BYTES, PROT_READ | PROT_WRITE))
			die("mprotect rw-");
	}
	return 0;
}
