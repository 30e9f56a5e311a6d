// SPDX-License-Identifier: GPL-2.0
/*
 * lz-compress THREADS SECONDS: benign look-alike of a compressor (gzip, zstd)
 * busy on one buffer after another. Each of THREADS threads makes 256 KiB
 * of text-like data (words from a small vocabulary) and, for SECONDS (0:
 * until killed), compresses it with an LZ77 coder: a multiplicative hash
 * of the next 4 bytes, hash chains over a 64 KiB window searched 32 deep,
 * literal runs and (length, distance) matches. Prints a checksum at the
 * end.
 *
 * minerguard sees one busy CPU per thread, its samples in hash-chain, byte
 * compare and copy code: hash density below the threshold, default rounding
 * mode, no memory signals (compressor-thp covers MADV_HUGEPAGE).
 */
#include <stdint.h>
#include "workload.h"

#define IN_BYTES (256UL << 10)
#define OUT_BYTES (IN_BYTES + IN_BYTES / 64 + 16)
#define HASH_BITS 15
#define WINDOW (1UL << 16)
#define DEPTH 32
#define MIN_MATCH 4
#define MAX_MATCH (MIN_MATCH + 127)
#define MAX_RUN 128

/* One thread's buffers; the chains hold positions + 1, 0 for none. */
struct lz {
	uint32_t head[1 << HASH_BITS];
	uint32_t prev[WINDOW];
	unsigned char in[IN_BYTES + 16];	/* + the last word's overrun */
	unsigned char out[OUT_BYTES];
};

static inline uint32_t hash4(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v * 2654435761u >> (32 - HASH_BITS);
}

/* Literal runs: a byte 0..127 (length - 1), then the run. */
static unsigned long put_run(unsigned char *out, unsigned long o,
			     const unsigned char *run, unsigned long len)
{
	if (len) {
		out[o++] = len - 1;
		memcpy(out + o, run, len);
	}
	return o + len;
}

/*
 * The longest match for the input at POS among the last DEPTH positions
 * with its hash, or MIN_MATCH - 1.
 */
static unsigned long find_match(const struct lz *z, unsigned long pos,
				unsigned long *dist)
{
	unsigned long best = MIN_MATCH - 1, max, len, c;
	const unsigned char *in = z->in;
	uint32_t cand = z->head[hash4(in + pos)];
	int depth;

	max = IN_BYTES - pos < MAX_MATCH ? IN_BYTES - pos : MAX_MATCH;
	for (depth = DEPTH; cand && depth && best < max; depth--) {
		c = cand - 1;
		if (pos - c >= WINDOW)
			break;
		cand = z->prev[c & (WINDOW - 1)];
		if (in[c + best] != in[pos + best])
			continue;
		for (len = 0; len < max && in[c + len] == in[pos + len];)
			len++;
		if (len > best) {
			best = len;
			*dist = pos - c;
		}
	}
	return best;
}

/*
 * Matches: a byte 128 + (length - MIN_MATCH), then the distance, 1 to
 * WINDOW - 1, in two bytes. Returns the output's length.
 */
static unsigned long compress(struct lz *z)
{
	unsigned long pos = 0, run = 0, o = 0, best, dist = 0;
	const unsigned char *in = z->in;
	unsigned char *out = z->out;
	uint32_t h;

	memset(z->head, 0, sizeof(z->head));
	while (pos < IN_BYTES) {
		best = MIN_MATCH - 1;
		if (pos + MIN_MATCH <= IN_BYTES)
			best = find_match(z, pos, &dist);
		if (best < MIN_MATCH) {
			best = 1;
			if (++run == MAX_RUN) {
				o = put_run(out, o, in + pos + 1 - run, run);
				run = 0;
			}
		} else {
			o = put_run(out, o, in + pos - run, run);
			run = 0;
			out[o++] = 128 + best - MIN_MATCH;
			out[o++] = dist;
			out[o++] = dist >> 8;
		}
		/* Every position of a match goes into the chains too. */
		for (; best--; pos++) {
			if (pos + MIN_MATCH > IN_BYTES)
				continue;
			h = hash4(in + pos);
			z->prev[pos & (WINDOW - 1)] = z->head[h];
			z->head[h] = pos + 1;
		}
	}
	return put_run(out, o, in + pos - run, run);
}

static unsigned long compress_loop(unsigned long index, double deadline)
{
	static const char *const words[16] = {
		"build ", "test ", "error ", "warning ", "ok\n", "the ",
		"module ", "cgroup ", "runner ", "job ", "step ", "42 ",
		"cache ", "hit\n", "miss\n", "linking ",
	};
	unsigned long i = 0, sum = 0;
	uint32_t seed = index + 1;
	const char *w;
	struct lz *z;

	z = malloc(sizeof(*z));
	if (!z)
		die("malloc");
	while (i < IN_BYTES) {
		seed = seed * 1103515245 + 12345;
		for (w = words[seed >> 28]; *w; w++)
			z->in[i++] = *w;
	}
	do {
		sum = sum * 31 + compress(z);
	} while (!wl_expired(deadline));
	free(z);
	return sum;
}

int main(int argc, char **argv)
{
	return wl_run_threads(argc, argv, "lz-compress", compress_loop);
}
