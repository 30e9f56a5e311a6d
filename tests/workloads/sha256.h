/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scalar SHA-256 (FIPS 180-2) shared by the workloads that hash with it
 * (sha256-scalar, miner): unrolled rounds of rotates, xors and adds, the
 * code minerguard's classifier must call hashing. The "abc" test vector
 * lets each program check itself before it runs.
 */
#ifndef MG_WORKLOAD_SHA256_H
#define MG_WORKLOAD_SHA256_H

#include <stdint.h>
#include <string.h>

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
	0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
	0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
	0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint32_t sha256_iv[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t sha256_ror32(uint32_t x, unsigned int n)
{
	return x >> n | x << (32 - n);
}

/*
 * Word J of the message schedule from round I on (I a multiple of 16),
 * kept in a ring of 16 words and computed as the rounds need it.
 */
static inline uint32_t sha256_schedule(uint32_t w[16], int i, int j)
{
	uint32_t w2 = w[(j - 2) & 15], w15 = w[(j - 15) & 15];

	if (i)
		w[j] += (sha256_ror32(w2, 17) ^ sha256_ror32(w2, 19) ^ w2 >> 10) +
			w[(j - 7) & 15] +
			(sha256_ror32(w15, 7) ^ sha256_ror32(w15, 18) ^ w15 >> 3);
	return w[j];
}

/*
 * Round I + J; the caller rotates the roles of a..h instead of moving eight
 * values, as unrolled SHA-256 code does.
 */
static inline void sha256_round(uint32_t a, uint32_t b, uint32_t c,
				uint32_t *d, uint32_t e, uint32_t f,
				uint32_t g, uint32_t *h, uint32_t w[16], int i,
				int j)
{
	uint32_t t1, t2;

	t1 = *h + (sha256_ror32(e, 6) ^ sha256_ror32(e, 11) ^ sha256_ror32(e, 25)) +
	     (g ^ (e & (f ^ g))) + sha256_k[i + j] + sha256_schedule(w, i, j);
	t2 = (sha256_ror32(a, 2) ^ sha256_ror32(a, 13) ^ sha256_ror32(a, 22)) +
	     ((a & b) | (c & (a | b)));
	*d += t1;
	*h = t1 + t2;
}

/* The SHA-256 compression function over one 16-word block. */
static inline void sha256_block(uint32_t s[8], const uint32_t in[16])
{
	uint32_t w[16], a = s[0], b = s[1], c = s[2], d = s[3];
	uint32_t e = s[4], f = s[5], g = s[6], h = s[7];
	int i;

	memcpy(w, in, sizeof(w));
	/* Sixteen rounds a turn, so that every w[] index is a constant. */
	for (i = 0; i < 64; i += 16) {
		sha256_round(a, b, c, &d, e, f, g, &h, w, i, 0);
		sha256_round(h, a, b, &c, d, e, f, &g, w, i, 1);
		sha256_round(g, h, a, &b, c, d, e, &f, w, i, 2);
		sha256_round(f, g, h, &a, b, c, d, &e, w, i, 3);
		sha256_round(e, f, g, &h, a, b, c, &d, w, i, 4);
		sha256_round(d, e, f, &g, h, a, b, &c, w, i, 5);
		sha256_round(c, d, e, &f, g, h, a, &b, w, i, 6);
		sha256_round(b, c, d, &e, f, g, h, &a, w, i, 7);
		sha256_round(a, b, c, &d, e, f, g, &h, w, i, 8);
		sha256_round(h, a, b, &c, d, e, f, &g, w, i, 9);
		sha256_round(g, h, a, &b, c, d, e, &f, w, i, 10);
		sha256_round(f, g, h, &a, b, c, d, &e, w, i, 11);
		sha256_round(e, f, g, &h, a, b, c, &d, w, i, 12);
		sha256_round(d, e, f, &g, h, a, b, &c, w, i, 13);
		sha256_round(c, d, e, &f, g, h, a, &b, w, i, 14);
		sha256_round(b, c, d, &e, f, g, h, &a, w, i, 15);
	}
	s[0] += a;
	s[1] += b;
	s[2] += c;
	s[3] += d;
	s[4] += e;
	s[5] += f;
	s[6] += g;
	s[7] += h;
}

/* FIPS 180-2's one-block message "abc", padded, and its digest. */
static const uint32_t sha256_abc[16] = { 0x61626380, [15] = 24 };
static const uint32_t sha256_abc_digest[8] = {
	0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
	0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad,
};

#endif /* MG_WORKLOAD_SHA256_H */
