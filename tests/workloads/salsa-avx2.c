// SPDX-License-Identifier: GPL-2.0
/*
 * salsa-avx2 THREADS SECONDS: the core of an scrypt miner (Litecoin's
 * parameters N = 1024, r = 1) vectorised with AVX2. Each 256-bit register
 * holds one row of the Salsa20 state of two independent hashes, one per
 * 128-bit half, in the diagonal order SIMD Salsa20 code uses; rotates are a
 * shift left, a shift right and an OR, since AVX2 has no vector rotate.
 * Each of THREADS threads runs ROMix (BlockMix with Salsa20/8 over a
 * 128 KiB table per hash) on nonce after nonce for SECONDS (0: until
 * killed) and prints a checksum at the end. The PBKDF2-SHA256 steps around
 * ROMix, a tiny part of a real miner's time, are left out.
 *
 * minerguard sees one busy CPU per thread, its samples in vector add,
 * shift, or, xor and shuffle code: hash density above the threshold, no
 * crypto instructions, no memory signals.
 *
 * mg-build: -mavx2
 */
#include <immintrin.h>
#include <stdint.h>
#include "workload.h"

#define N 1024
/* Registers per 128-byte scrypt block pair: 2 Salsa20 states of 4 rows. */
#define ROWS 8

/* (x + y) <<< n on each 32-bit lane. */
static inline __m256i add_rotl(__m256i x, __m256i y, int n)
{
	__m256i t = _mm256_add_epi32(x, y);

	return _mm256_or_si256(_mm256_slli_epi32(t, n),
			       _mm256_srli_epi32(t, 32 - n));
}

/*
 * X = Salsa20/8(X xor IN), for two blocks at once. Rows: a = (x0 x5 x10
 * x15), b = (x4 x9 x14 x3), c = (x8 x13 x2 x7), d = (x12 x1 x6 x11), so a
 * column round works on whole rows; turning b, c and d by one, two and
 * three lanes makes the row round do the same.
 */
static inline void salsa8(__m256i x[4], const __m256i in[4])
{
	__m256i a, b, c, d;
	int i;

	a = x[0] = _mm256_xor_si256(x[0], in[0]);
	b = x[1] = _mm256_xor_si256(x[1], in[1]);
	c = x[2] = _mm256_xor_si256(x[2], in[2]);
	d = x[3] = _mm256_xor_si256(x[3], in[3]);
	for (i = 0; i < 8; i += 2) {
		b = _mm256_xor_si256(b, add_rotl(a, d, 7));
		c = _mm256_xor_si256(c, add_rotl(b, a, 9));
		d = _mm256_xor_si256(d, add_rotl(c, b, 13));
		a = _mm256_xor_si256(a, add_rotl(d, c, 18));
		b = _mm256_shuffle_epi32(b, 0x93);
		c = _mm256_shuffle_epi32(c, 0x4e);
		d = _mm256_shuffle_epi32(d, 0x39);
		d = _mm256_xor_si256(d, add_rotl(a, b, 7));
		c = _mm256_xor_si256(c, add_rotl(d, a, 9));
		b = _mm256_xor_si256(b, add_rotl(c, d, 13));
		a = _mm256_xor_si256(a, add_rotl(b, c, 18));
		b = _mm256_shuffle_epi32(b, 0x39);
		c = _mm256_shuffle_epi32(c, 0x4e);
		d = _mm256_shuffle_epi32(d, 0x93);
	}
	x[0] = _mm256_add_epi32(x[0], a);
	x[1] = _mm256_add_epi32(x[1], b);
	x[2] = _mm256_add_epi32(x[2], c);
	x[3] = _mm256_add_epi32(x[3], d);
}

/* scrypt's BlockMix with r = 1: B0 = S(B0 ^ B1), B1 = S(B1 ^ B0). */
static inline void block_mix(__m256i x[ROWS])
{
	salsa8(&x[0], &x[4]);
	salsa8(&x[4], &x[0]);
}

/* scrypt's ROMix over V, N blocks of ROWS registers. */
static void romix(__m256i x[ROWS], __m256i *v)
{
	unsigned int i, k, j0, j1;

	for (i = 0; i < N; i++) {
		memcpy(&v[i * ROWS], x, ROWS * sizeof(*x));
		block_mix(x);
	}
	for (i = 0; i < N; i++) {
		/* Integerify: word 0 of B1, for each hash its own. */
		j0 = _mm256_extract_epi32(x[4], 0) & (N - 1);
		j1 = _mm256_extract_epi32(x[4], 4) & (N - 1);
		for (k = 0; k < ROWS; k++)
			x[k] = _mm256_xor_si256(x[k],
				_mm256_blend_epi32(v[j0 * ROWS + k],
						   v[j1 * ROWS + k], 0xf0));
		block_mix(x);
	}
}

static unsigned long scrypt(unsigned long index, double deadline)
{
	uint32_t nonce = index << 24, sum = 0;
	__m256i x[ROWS], *v;
	unsigned int k;

	v = aligned_alloc(32, N * ROWS * sizeof(*v));
	if (!v)
		die("aligned_alloc");
	do {
		/* Stands in for PBKDF2 of the header with nonces n and n + 1. */
		for (k = 0; k < ROWS; k++)
			x[k] = _mm256_set_epi32(nonce + 1, k, 0x5c5c5c5c, ~k,
						nonce, k, 0x36363636, ~k);
		romix(x, v);
		for (k = 0; k < ROWS; k++)
			sum ^= _mm256_extract_epi32(x[k], 0) ^
			       _mm256_extract_epi32(x[k], 4);
		nonce += 2;
	} while (!wl_expired(deadline));
	free(v);
	return (unsigned long)nonce << 32 | sum;
}

int main(int argc, char **argv)
{
	return wl_run_threads(argc, argv, "salsa-avx2", scrypt);
}
