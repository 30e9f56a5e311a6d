// SPDX-License-Identifier: GPL-2.0
/*
 * runtime-jit SECONDS: benign look-alike of a language runtime. Maps one
 * small read-write-execute region once at start-up, generates a stub in
 * it, then does ordinary work (no further code generation) for SECONDS.
 *
 * minerguard sees one anon_exec of 4096 rwx_bytes, nothing else.
 */
#include <sys/mman.h>
#include <time.h>
#include "workload.h"

int main(int argc, char **argv)
{
	const char *usage = "runtime-jit SECONDS";
	unsigned long x = 1;
	unsigned char *stub;
	time_t end;

	if (argc != 2)
		wl_usage(usage);
	end = time(NULL) + wl_number(argv[1], usage);
	stub = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (stub == MAP_FAILED)
		die("mmap");
	wl_emit_return(stub, 42);
	while (time(NULL) < end)
		x = x * 31 + wl_call(stub);
	return x == 0;
}
