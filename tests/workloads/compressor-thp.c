// SPDX-License-Identifier: GPL-2.0
/*
 * compressor-thp MIB: benign look-alike of a compressor (7z, zstd --long)
 * that asks for transparent huge pages on its MIB MiB window buffer with
 * MADV_HUGEPAGE, then runs an LZ77-style match search over it.
 *
 * minerguard sees one thp_advise of MIB MiB, nothing else.
 */
#include <stdint.h>
#include <sys/mman.h>
#include "workload.h"

#define HUGE_BYTES (2UL << 20)
#define HASH_BITS 16

int main(int argc, char **argv)
{
	const char *usage = "compressor-thp MIB";
	static uint32_t head[1 << HASH_BITS];
	unsigned long bytes, i, matched = 0;
	uint32_t seed = 12345, h;
	unsigned char *buf;

	if (argc != 2)
		wl_usage(usage);
	bytes = wl_number(argv[1], usage) << 20;
	if (posix_memalign((void **)&buf, HUGE_BYTES, bytes))
		die("posix_memalign");
	if (madvise(buf, bytes, MADV_HUGEPAGE))
		die("madvise");
	/* Compressible input: short random runs. */
	for (i = 0; i < bytes; i++) {
		if (!(i & 7))
			seed = seed * 1103515245 + 12345;
		buf[i] = (seed >> 16) & 0x0f;
	}
	for (i = 0; i + 4 <= bytes; i++) {
		h = ((uint32_t)buf[i] | buf[i + 1] << 8 | buf[i + 2] << 16) *
		    2654435761u >> (32 - HASH_BITS);
		if (head[h] && !memcmp(buf + head[h], buf + i, 4))
			matched++;
		head[h] = i;
	}
	printf("%lu matches\n", matched);
	return 0;
}
