// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for module/stratum.c, built against the shims in
 * tests/unit/include. Prints one "PASS <name>" or "FAIL <name>" line per
 * case on stdout, details of failures on stderr, and exits 1 if any failed.
 *
 * Every input, and every prefix of it, is handed over in a heap buffer of
 * exactly its length, so that a sanitizer build catches any read past it.
 *
 * The cases are in tests/kunit/stratum_cases.h, shared with the KUnit suite.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stratum.h"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))

#include "../kunit/stratum_cases.h"

static int failures;

static void report(const char *name, bool ok)
{
	printf("%s stratum-%s\n", ok ? "PASS" : "FAIL", name);
	if (!ok)
		failures++;
}

static const char *verdict_name(enum mg_stratum_verdict v)
{
	switch (v) {
	case MG_STRATUM_NO:
		return "NO";
	case MG_STRATUM_MORE:
		return "MORE";
	case MG_STRATUM_YES:
		return "YES";
	}
	return "?";
}

static enum mg_stratum_verdict classify(const char *buf, unsigned int len)
{
	enum mg_stratum_verdict v;
	char *copy = malloc(len);

	if (len && !copy) {
		perror("malloc");
		exit(2);
	}
	if (len)
		memcpy(copy, buf, len);
	v = mg_stratum_classify(copy, len);
	free(copy);
	return v;
}

/*
 * The whole input gives @want; its prefixes give MORE up to some length
 * and the final verdict from there on; that length is @decide if not 0.
 * Prefixes longer than MG_STRATUM_MAX_PREFIX + 1 add nothing.
 */
static bool check_input(const char *name, const char *buf, unsigned int len,
			enum mg_stratum_verdict want, unsigned int decide)
{
	enum mg_stratum_verdict got = classify(buf, len), v;
	unsigned int k, last = len, decided = len + 1;
	bool ok = true;

	if (got != want) {
		fprintf(stderr, "stratum-%s: %s, want %s\n", name,
			verdict_name(got), verdict_name(want));
		ok = false;
	}
	if (last > MG_STRATUM_MAX_PREFIX + 1)
		last = MG_STRATUM_MAX_PREFIX + 1;
	for (k = 0; k <= last; k++) {
		v = classify(buf, k);
		if (v != MG_STRATUM_MORE && decided > len)
			decided = k;
		if (v != (k < decided ? MG_STRATUM_MORE : got)) {
			fprintf(stderr,
				"stratum-%s: prefix of %u bytes gives %s\n",
				name, k, verdict_name(v));
			ok = false;
			break;
		}
	}
	if (decide && decided != decide) {
		fprintf(stderr, "stratum-%s: decided at %u bytes, want %u\n",
			name, decided, decide);
		ok = false;
	}
	return ok;
}

static void test_cases(void)
{
	const struct mg_stratum_case *c;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mg_stratum_cases); i++) {
		c = &mg_stratum_cases[i];
		report(c->name, check_input(c->name, c->buf, c->len, c->verdict,
					    mg_stratum_decided_at(c)));
	}
}

static void test_long_cases(void)
{
	static char buf[MG_STRATUM_LONG_MAX];
	const struct mg_stratum_long_case *c;
	unsigned int len;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mg_stratum_long_cases); i++) {
		c = &mg_stratum_long_cases[i];
		len = mg_stratum_build(buf, c);
		report(c->name, len && check_input(c->name, buf, len,
						   c->verdict, c->decided_at));
	}
}

/* Random bytes, half of them after a '{', are never stratum. */
static void test_random(void)
{
	char buf[MG_STRATUM_RANDOM_MAX_LEN];
	unsigned int i, len;
	u32 state = 2463534242U;
	bool ok = true;

	for (i = 0; i < MG_STRATUM_RANDOM_INPUTS && ok; i++) {
		len = i % (MG_STRATUM_RANDOM_MAX_LEN + 1);
		mg_stratum_random(&state, buf, len);
		if (len && i % 2)
			buf[0] = '{';
		ok = classify(buf, len) != MG_STRATUM_YES &&
		     check_input("random", buf, len, classify(buf, len), 0);
		if (!ok)
			fprintf(stderr, "stratum-random: input %u failed\n", i);
	}
	report("random", ok);
}

static void test_null(void)
{
	report("null-empty", mg_stratum_classify(NULL, 0) == MG_STRATUM_MORE);
}

int main(void)
{
	test_cases();
	test_long_cases();
	test_random();
	test_null();

	return failures ? 1 : 0;
}
