// SPDX-License-Identifier: GPL-2.0
/*
 * rounding-mode THREADS SECONDS: the floating-point side of a RandomX VM.
 * Each of THREADS threads keeps RandomX-like registers: integer registers
 * mixed with multiply, add, xor and rotate, and pairs of doubles in SSE
 * registers updated with add, sub, mul, div and sqrt from them and from a
 * 256 KiB scratchpad. Once every eleven floating-point operations it sets
 * the SSE rounding mode (MXCSR bits 13-14) from two bits of an integer
 * register, as RandomX's CFROUND does, on RandomX's base MXCSR (exceptions
 * masked, flush to zero, denormals are zero). Runs for SECONDS (0: until
 * killed), puts the thread's MXCSR back and prints a checksum.
 *
 * minerguard sees all four rounding modes, a non-default one in about three
 * samples in four (more under TCG, which runs those modes slower), and
 * constant rounding-mode changes. Hash density stays low, as in a real
 * RandomX program (multiplies, loads, floating point): the rounding mode is
 * the signature. No memory signals.
 */
#include <emmintrin.h>
#include <stdint.h>
#include "workload.h"

#define PAD_WORDS (1UL << 15)
/* RandomX's MXCSR: all exceptions masked, FTZ, DAZ, round to nearest. */
#define MXCSR_BASE 0x9fc0
#define MXCSR_RC_SHIFT 13
/* Iterations per deadline check: about a millisecond natively. */
#define BATCH (1UL << 16)

static inline uint64_t ror64(uint64_t x, unsigned int n)
{
	return x >> n | x << (64 - n);
}

/* Two doubles in [1, 2) from the mantissa bits of W, like RandomX's E group. */
static inline __m128d e_operand(uint64_t w)
{
	const __m128i mantissa = _mm_set1_epi64x(0x000fffffffffffffULL);
	const __m128i one = _mm_set1_epi64x(0x3ff0000000000000ULL);
	__m128i x = _mm_set_epi64x(w, ror64(w, 32));

	return _mm_castsi128_pd(_mm_or_si128(_mm_and_si128(x, mantissa), one));
}

static unsigned long rounding(unsigned long index, double deadline)
{
	const __m128d a0 = _mm_set_pd(1.0625, 1.5), a1 = _mm_set_pd(1.25, 1.75);
	uint64_t r0 = index + 1, r1 = ~index, *pad, w;
	__m128d f0, f1, f2, e0, e1, m;
	unsigned int saved = _mm_getcsr();
	unsigned long i;

	pad = malloc(PAD_WORDS * sizeof(*pad));
	if (!pad)
		die("malloc");
	for (i = 0; i < PAD_WORDS; i++)
		pad[i] = (r0 = r0 * 6364136223846793005ULL + 1);
	f0 = f1 = f2 = _mm_setzero_pd();
	e0 = e1 = a0;
	do {
		for (i = 0; i < BATCH; i++) {
			r0 = r0 * 0x5851f42d4c957f2dULL + r1;
			r1 ^= ror64(r0, 29);
			w = pad[r0 >> 49];
			/* Two signed 32-bit words of the scratchpad line. */
			m = _mm_cvtepi32_pd(_mm_cvtsi64_si128(w));
			f0 = _mm_add_pd(f0, m);
			f1 = _mm_sub_pd(f1, _mm_mul_pd(f0, e0));
			e0 = _mm_mul_pd(e0, a1);
			e1 = _mm_div_pd(e1, e_operand(w ^ r1));
			/* CFROUND: the mode from two bits of r1. */
			_mm_setcsr(MXCSR_BASE |
				   (unsigned int)(ror64(r1, 43) & 3)
				   << MXCSR_RC_SHIFT);
			f2 = _mm_add_pd(f2, _mm_sub_pd(f1, e1));
			e0 = _mm_sqrt_pd(_mm_mul_pd(e0, e1));
			e1 = _mm_sqrt_pd(_mm_add_pd(e1, a0));
			pad[r1 & (PAD_WORDS - 1)] ^= r0;
		}
		/* The VM's end of program: FP registers mixed into r0. */
		r0 ^= _mm_cvtsi128_si64(_mm_castpd_si128(_mm_xor_pd(f2, e0)));
	} while (!wl_expired(deadline));
	_mm_setcsr(saved);
	free(pad);
	return r0 ^ r1;
}

int main(int argc, char **argv)
{
	return wl_run_threads(argc, argv, "rounding-mode", rounding);
}
