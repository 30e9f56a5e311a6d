// SPDX-License-Identifier: GPL-2.0
/*
 * sha256-scalar THREADS SECONDS: a SHA-256d (Bitcoin) miner without SHA-NI
 * or SIMD. Each of THREADS threads hashes the first 64 bytes of an 80-byte
 * block header once (the midstate), then for SECONDS (0: until killed) bumps
 * the nonce and hashes the header twice, counting hashes whose last word
 * starts with 20 zero bits as shares; prints a checksum at the end. The real SHA-256
 * (checked on FIPS 180-2's "abc") in plain C: rotates (ROR), shifts, xors
 * and adds on 32-bit general registers.
 *
 * minerguard sees one busy CPU per thread, its samples in rotate, xor and
 * add code: hash density above the threshold, nothing else.
 */
#include <stdint.h>
#include "workload.h"

/* Double hashes per deadline check: about a millisecond natively. */
#define BATCH 1024

static const uint32_t k[64] = {
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

static const uint32_t iv[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t ror32(uint32_t x, unsigned int n)
{
	return x >> n | x << (32 - n);
}

/*
 * Word J of the message schedule from round I on (I a multiple of 16),
 * kept in a ring of 16 words and computed as the rounds need it.
 */
static inline uint32_t schedule(uint32_t w[16], int i, int j)
{
	uint32_t w2 = w[(j - 2) & 15], w15 = w[(j - 15) & 15];

	if (i)
		w[j] += (ror32(w2, 17) ^ ror32(w2, 19) ^ w2 >> 10) +
			w[(j - 7) & 15] +
			(ror32(w15, 7) ^ ror32(w15, 18) ^ w15 >> 3);
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

	t1 = *h + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) +
	     (g ^ (e & (f ^ g))) + k[i + j] + schedule(w, i, j);
	t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) +
	     ((a & b) | (c & (a | b)));
	*d += t1;
	*h = t1 + t2;
}

/* The SHA-256 compression function over one 16-word block. */
static void sha256_block(uint32_t s[8], const uint32_t in[16])
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

static unsigned long sha256d(unsigned long index, double deadline)
{
	/* The header's last 16 bytes, then padding for 80 and 32 bytes. */
	uint32_t tail[16] = { [4] = 0x80000000, [15] = 80 * 8 };
	uint32_t mid2[16] = { [8] = 0x80000000, [15] = 32 * 8 };
	uint32_t header[20], mid[8], s[8], nonce = 0, shares = 0, sum = 0;
	int i;

	/* version, previous block, merkle root, time, bits, nonce */
	for (i = 0; i < 20; i++)
		header[i] = (index + 1) * 0x01000193 ^ i * 0x9e3779b9;
	memcpy(mid, iv, sizeof(mid));
	sha256_block(mid, header);
	memcpy(tail, header + 16, 3 * sizeof(*tail));
	do {
		for (i = 0; i < BATCH; i++) {
			tail[3] = nonce++;
			memcpy(mid2, mid, sizeof(mid));
			sha256_block(mid2, tail);
			memcpy(s, iv, sizeof(s));
			sha256_block(s, mid2);
			if (!(s[7] >> 12))
				shares++;
			sum ^= s[0];
		}
	} while (!wl_expired(deadline));
	return (unsigned long)shares << 32 | sum;
}

int main(int argc, char **argv)
{
	static const uint32_t abc_digest[8] = {
		0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
		0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad,
	};
	uint32_t abc[16] = { 0x61626380, [15] = 24 }, s[8];

	memcpy(s, iv, sizeof(s));
	sha256_block(s, abc);
	if (memcmp(s, abc_digest, sizeof(s))) {
		fprintf(stderr, "sha256-scalar: wrong SHA-256 of \"abc\"\n");
		return 1;
	}
	return wl_run_threads(argc, argv, "sha256-scalar", sha256d);
}
