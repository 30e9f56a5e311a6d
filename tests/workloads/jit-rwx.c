// SPDX-License-Identifier: GPL-2.0
/*
 * jit-rwx REGIONS ROUNDS: a RandomX-style JIT. Maps REGIONS anonymous
 * read-write-execute regions of 64 KiB (as xmrig maps its per-thread JIT
 * buffers), then regenerates and runs code in them ROUNDS times.
 *
 * minerguard sees REGIONS anon_exec and REGIONS * 65536 rwx_bytes.
 */
#include <sys/mman.h>
#include "workload.h"

#define REGION_BYTES 65536

int main(int argc, char **argv)
{
	const char *usage = "jit-rwx REGIONS ROUNDS";
	unsigned long regions, rounds, r, i;
	unsigned char **code;

	if (argc != 3)
		wl_usage(usage);
	regions = wl_number(argv[1], usage);
	rounds = wl_number(argv[2], usage);
	code = calloc(regions, sizeof(*code));
	if (!code)
		die("calloc");
	for (r = 0; r < regions; r++) {
		code[r] = mmap(NULL, REGION_BYTES,
			       PROT_READ | PROT_WRITE | PROT_EXEC,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (code[r] == MAP_FAILED)
			die("mmap");
	}
	for (i = 0; i < rounds; i++) {
		for (r = 0; r < regions; r++) {
			wl_emit_return(code[r], i + r);
			if (wl_call(code[r]) != i + r) {
				fprintf(stderr, "jit-rwx: wrong result\n");
				return 1;
			}
		}
	}
	return 0;
}
