// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for module/hashinsn.c, built with the real source file
 * by tests/fuzz/run. Besides what ASan and UBSan catch, it checks:
 *
 *  - the counts hold together: the classes sum to the path, and
 *    path <= insns <= bytes <= min(length, MG_HASHINSN_MAX_WINDOW); a scan
 *    that stops at the end has decoded every byte;
 *  - the density is at most 100, and mg_hashinsn_is_hashing() agrees with
 *    it at thresholds 0, the default and 100;
 *  - a second scan gives the same counts;
 *  - the decoded bytes alone, scanned again, give the same counts and stop
 *    at their end: what follows a window never changes what was decoded.
 *
 * Every call gets a heap buffer of exactly the length it is told, so that
 * ASan catches a read past it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hashinsn.h"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))

static void scan(const uint8_t *data, size_t len,
		 struct mg_hashinsn_counts *out)
{
	uint8_t *copy = malloc(len ? len : 1);

	if (!copy)
		abort();
	memcpy(copy, data, len);
	mg_hashinsn_scan(copy, len, out);
	free(copy);
}

static void fail(const char *what, size_t len)
{
	fprintf(stderr, "hashinsn_fuzz: %s (length %zu)\n", what, len);
	abort();
}

static int same_decoding(const struct mg_hashinsn_counts *a,
			 const struct mg_hashinsn_counts *b)
{
	return a->insns == b->insns && a->bytes == b->bytes &&
	       a->path == b->path &&
	       !memcmp(a->by_class, b->by_class, sizeof(a->by_class));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The length is an unsigned int; keep inputs within it. */
	size_t len = size > 65536 ? 65536 : size;
	size_t window = len < MG_HASHINSN_MAX_WINDOW ?
			len : MG_HASHINSN_MAX_WINDOW;
	struct mg_hashinsn_counts c, again, prefix;
	unsigned int i, sum = 0, counted = 0, pct;
	static const unsigned int thresholds[] = {
		0, MG_HASHINSN_DEFAULT_THRESHOLD_PCT, 100,
	};

	scan(data, len, &c);
	for (i = 0; i < MG_HASHINSN_NR_CLASSES; i++) {
		sum += c.by_class[i];
		if (i != MG_HASHINSN_MOVE)
			counted += c.by_class[i];
	}
	if (sum != c.path)
		fail("the classes do not sum to the path", len);
	if (c.path > c.insns || c.insns > c.bytes || c.bytes > window)
		fail("path <= insns <= bytes <= window does not hold", len);
	if (c.stop > MG_HASHINSN_STOP_BAD)
		fail("unknown stop", len);
	if (c.stop == MG_HASHINSN_STOP_END && c.bytes != window)
		fail("stopped at the end before the end", len);

	pct = mg_hashinsn_density_pct(&c);
	if (pct > 100)
		fail("density above 100", len);
	for (i = 0; i < ARRAY_SIZE(thresholds); i++)
		if (mg_hashinsn_is_hashing(&c, thresholds[i]) !=
		    (counted && pct >= thresholds[i]))
			fail("is_hashing disagrees with the density", len);

	scan(data, len, &again);
	if (memcmp(&c, &again, sizeof(c)))
		fail("two scans differ", len);

	scan(data, c.bytes, &prefix);
	if (!same_decoding(&c, &prefix) ||
	    prefix.stop != MG_HASHINSN_STOP_END)
		fail("the decoded bytes alone decode differently", c.bytes);
	return 0;
}
