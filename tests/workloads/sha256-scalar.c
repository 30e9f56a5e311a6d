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
#include "sha256.h"
#include "workload.h"

/* Double hashes per deadline check: about a millisecond natively. */
#define BATCH 1024

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
	memcpy(mid, sha256_iv, sizeof(mid));
	sha256_block(mid, header);
	memcpy(tail, header + 16, 3 * sizeof(*tail));
	do {
		for (i = 0; i < BATCH; i++) {
			tail[3] = nonce++;
			memcpy(mid2, mid, sizeof(mid));
			sha256_block(mid2, tail);
			memcpy(s, sha256_iv, sizeof(s));
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
	uint32_t s[8];

	memcpy(s, sha256_iv, sizeof(s));
	sha256_block(s, sha256_abc);
	if (memcmp(s, sha256_abc_digest, sizeof(s))) {
		fprintf(stderr, "sha256-scalar: wrong SHA-256 of \"abc\"\n");
		return 1;
	}
	return wl_run_threads(argc, argv, "sha256-scalar", sha256d);
}
