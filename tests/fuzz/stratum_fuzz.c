// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for module/stratum.c, built with the real source file
 * by tests/fuzz/run. Besides what ASan and UBSan catch, it checks:
 *
 *  - the verdict is one of the three, and the same when asked again;
 *  - MORE only for fewer than MG_STRATUM_MAX_PREFIX bytes, and from that
 *    length on the verdict is the one for the first MG_STRATUM_MAX_PREFIX;
 *  - prefixes agree with the whole input: a prefix's YES or NO is the
 *    whole input's verdict (bytes appended never change a decision), and
 *    when the whole input gives MORE, so does every prefix.
 *
 * Every call gets a heap buffer of exactly the length it is told, so that
 * ASan catches a read past it. Inputs up to SHORT bytes have every prefix
 * checked; longer ones a few.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stratum.h"

#define SHORT 64

static enum mg_stratum_verdict classify(const uint8_t *data, size_t len)
{
	enum mg_stratum_verdict v;
	uint8_t *copy = malloc(len ? len : 1);

	if (!copy)
		abort();
	memcpy(copy, data, len);
	v = mg_stratum_classify(copy, len);
	free(copy);
	return v;
}

static void fail(const char *what, size_t len)
{
	fprintf(stderr, "stratum_fuzz: %s (length %zu)\n", what, len);
	abort();
}

static void check_prefix(const uint8_t *data, size_t k,
			 enum mg_stratum_verdict whole)
{
	enum mg_stratum_verdict v = classify(data, k);

	if (v != MG_STRATUM_MORE && v != whole)
		fail("a prefix's decision changed with more bytes", k);
	if (whole == MG_STRATUM_MORE && v != MG_STRATUM_MORE)
		fail("a prefix decided, the whole input asks for more", k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum mg_stratum_verdict v;
	size_t k, cuts[5];
	unsigned int i;

	if (size > 1U << 20)
		return 0;
	v = mg_stratum_classify(data, size);
	if (v != MG_STRATUM_NO && v != MG_STRATUM_MORE && v != MG_STRATUM_YES)
		fail("not a verdict", size);
	if (mg_stratum_classify(data, size) != v)
		fail("not deterministic", size);
	if (v == MG_STRATUM_MORE && size >= MG_STRATUM_MAX_PREFIX)
		fail("MORE past MG_STRATUM_MAX_PREFIX", size);
	if (size > MG_STRATUM_MAX_PREFIX &&
	    classify(data, MG_STRATUM_MAX_PREFIX) != v)
		fail("bytes past MG_STRATUM_MAX_PREFIX counted", size);

	if (size <= SHORT) {
		for (k = 0; k < size; k++)
			check_prefix(data, k, v);
		return 0;
	}
	cuts[0] = size - 1;
	cuts[1] = size / 2;
	cuts[2] = size / 4;
	cuts[3] = (data[0] | data[size - 1] << 8) % size;
	cuts[4] = (data[1] | data[size - 2] << 8) % size;
	for (i = 0; i < 5; i++)
		check_prefix(data, cuts[i], v);
	return 0;
}
