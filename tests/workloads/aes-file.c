// SPDX-License-Identifier: GPL-2.0
/*
 * aes-file MIB: benign one-off, a CI job encrypting an artifact. Fills MIB
 * MiB (1 to 1024) with file-like data, encrypts it once in place with
 * AES-128 in CTR mode on AES-NI (key schedule with AESKEYGENASSIST, checked
 * against the FIPS-197 example first; four blocks at a time, as real CTR
 * code does), prints the time taken and a checksum of the ciphertext, and
 * exits. MIB = 8 takes a few milliseconds on a normal machine.
 *
 * minerguard sees a short burst of dense AES code: a handful of hashing
 * samples at most, too few and too short for a verdict.
 *
 * mg-build: -maes
 */
#include <stdint.h>
#include <wmmintrin.h>
#include "workload.h"

/* One step of the AES-128 key schedule; ASSIST is AESKEYGENASSIST(KEY). */
static __m128i next_key(__m128i key, __m128i assist)
{
	key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
	key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
	key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
	return _mm_xor_si128(key, _mm_shuffle_epi32(assist, 0xff));
}

#define EXPAND(rk, i, rcon) \
	(rk[i] = next_key(rk[i - 1], _mm_aeskeygenassist_si128(rk[i - 1], rcon)))

static void expand_key(__m128i rk[11], __m128i key)
{
	rk[0] = key;
	EXPAND(rk, 1, 0x01);
	EXPAND(rk, 2, 0x02);
	EXPAND(rk, 3, 0x04);
	EXPAND(rk, 4, 0x08);
	EXPAND(rk, 5, 0x10);
	EXPAND(rk, 6, 0x20);
	EXPAND(rk, 7, 0x40);
	EXPAND(rk, 8, 0x80);
	EXPAND(rk, 9, 0x1b);
	EXPAND(rk, 10, 0x36);
}

static __m128i encrypt_block(const __m128i rk[11], __m128i x)
{
	int r;

	x = _mm_xor_si128(x, rk[0]);
	for (r = 1; r < 10; r++)
		x = _mm_aesenc_si128(x, rk[r]);
	return _mm_aesenclast_si128(x, rk[10]);
}

/*
 * CTR mode over BLOCKS (a multiple of 4) blocks: the counter block is the
 * nonce in the low 8 bytes, the block number in the high 8.
 */
static void ctr_crypt(const __m128i rk[11], uint64_t nonce, __m128i *data,
		      unsigned long blocks)
{
	__m128i c0, c1, c2, c3;
	unsigned long i;
	int r;

	for (i = 0; i < blocks; i += 4) {
		c0 = _mm_xor_si128(_mm_set_epi64x(i, nonce), rk[0]);
		c1 = _mm_xor_si128(_mm_set_epi64x(i + 1, nonce), rk[0]);
		c2 = _mm_xor_si128(_mm_set_epi64x(i + 2, nonce), rk[0]);
		c3 = _mm_xor_si128(_mm_set_epi64x(i + 3, nonce), rk[0]);
		for (r = 1; r < 10; r++) {
			c0 = _mm_aesenc_si128(c0, rk[r]);
			c1 = _mm_aesenc_si128(c1, rk[r]);
			c2 = _mm_aesenc_si128(c2, rk[r]);
			c3 = _mm_aesenc_si128(c3, rk[r]);
		}
		data[i] = _mm_xor_si128(data[i],
					_mm_aesenclast_si128(c0, rk[10]));
		data[i + 1] = _mm_xor_si128(data[i + 1],
					_mm_aesenclast_si128(c1, rk[10]));
		data[i + 2] = _mm_xor_si128(data[i + 2],
					_mm_aesenclast_si128(c2, rk[10]));
		data[i + 3] = _mm_xor_si128(data[i + 3],
					_mm_aesenclast_si128(c3, rk[10]));
	}
}

int main(int argc, char **argv)
{
	static const unsigned char fips_key[16] = {
		0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
		0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	}, fips_plain[16] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
		0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
	}, fips_cipher[16] = {
		0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
		0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a,
	};
	const char *usage = "aes-file MIB";
	unsigned long mib, blocks, i;
	uint64_t *words, sum = 0;
	__m128i rk[11], x;
	double start;

	if (argc != 2)
		wl_usage(usage);
	mib = wl_number(argv[1], usage);
	if (mib < 1 || mib > 1024)
		wl_usage(usage);
	expand_key(rk, _mm_loadu_si128((const __m128i *)fips_key));
	x = encrypt_block(rk, _mm_loadu_si128((const __m128i *)fips_plain));
	if (memcmp(&x, fips_cipher, sizeof(x))) {
		fprintf(stderr, "aes-file: wrong AES-128 of the FIPS-197 example\n");
		return 1;
	}
	blocks = (mib << 20) / sizeof(__m128i);
	words = aligned_alloc(64, mib << 20);
	if (!words)
		die("aligned_alloc");
	for (i = 0; i < blocks * 2; i++)
		words[i] = i * 0x0101010101010101ULL ^ (i >> 9);
	start = wl_now();
	expand_key(rk, _mm_set_epi64x(0x243f6a8885a308d3ULL, mib));
	ctr_crypt(rk, 0x13198a2e03707344ULL, (__m128i *)words, blocks);
	for (i = 0; i < blocks * 2; i++)
		sum += words[i];
	printf("aes-file: %lu MiB in %.3f s, checksum %016llx\n", mib,
	       wl_now() - start, (unsigned long long)sum);
	free(words);
	return 0;
}
