// SPDX-License-Identifier: GPL-2.0
/*
 * aes-hash THREADS SECONDS: the AES-NI scratchpad loop of a CryptoNight or
 * RandomX miner. Each of THREADS threads fills a 2 MiB scratchpad, then for
 * SECONDS (0: until killed) loads the 16-byte line its state points at,
 * runs four AESENC rounds over it keyed by the state and three round keys,
 * xors in the previous state and stores the result back; the result picks
 * the next line. Prints a checksum at the end.
 *
 * minerguard sees one busy CPU per thread, its samples in a loop of
 * AESENC, loads and stores: hash density well above the threshold, default
 * rounding mode, no memory signals (the scratchpad is plain malloc).
 *
 * mg-build: -maes
 */
#include <stdint.h>
#include <wmmintrin.h>
#include "workload.h"

#define PAD_BYTES (2UL << 20)
#define PAD_LINES (PAD_BYTES / sizeof(__m128i))
/* Lines per deadline check: a few milliseconds natively. */
#define BATCH (1UL << 16)

static unsigned long aes_hash(unsigned long index, double deadline)
{
	const __m128i k1 = _mm_set_epi32(0x243f6a88, 0x85a308d3, 0x13198a2e,
					 0x03707344);
	const __m128i k2 = _mm_set_epi32(0xa4093822, 0x299f31d0, 0x082efa98,
					 0xec4e6c89);
	const __m128i k3 = _mm_set_epi32(0x452821e6, 0x38d01377, 0xbe5466cf,
					 0x34e90c6c);
	uint64_t seed = index * 0x9e3779b97f4a7c15ULL + 1;
	__m128i *pad, a, b, x;
	unsigned long i, line;

	pad = aligned_alloc(64, PAD_BYTES);
	if (!pad)
		die("aligned_alloc");
	for (i = 0; i < PAD_LINES; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		pad[i] = _mm_set_epi64x(seed, ~seed >> 7);
	}
	a = _mm_set_epi64x(index, seed);
	b = _mm_set_epi64x(seed >> 3, ~index);
	do {
		for (i = 0; i < BATCH; i++) {
			line = _mm_cvtsi128_si64(a) & (PAD_LINES - 1);
			x = _mm_load_si128(&pad[line]);
			x = _mm_aesenc_si128(x, a);
			x = _mm_aesenc_si128(x, k1);
			x = _mm_aesenc_si128(x, k2);
			x = _mm_aesenc_si128(x, k3);
			_mm_store_si128(&pad[line], _mm_xor_si128(x, b));
			b = a;
			a = x;
		}
	} while (!wl_expired(deadline));
	x = _mm_xor_si128(_mm_xor_si128(a, b), pad[0]);
	free(pad);
	return _mm_cvtsi128_si64(x) ^ _mm_cvtsi128_si64(_mm_unpackhi_epi64(x, x));
}

int main(int argc, char **argv)
{
	return wl_run_threads(argc, argv, "aes-hash", aes_hash);
}
