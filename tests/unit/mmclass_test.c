// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for module/mmclass.c, built against the shims in
 * tests/unit/include. Prints one "PASS <name>" or "FAIL <name>" line per
 * case on stdout, details of failures on stderr, and exits 1 if any failed.
 *
 * The event cases are in tests/kunit/mmclass_cases.h, shared with the KUnit
 * suite.
 */
#include <linux/major.h>
#include <linux/mman.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mmclass.h"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))

#include "../kunit/mmclass_cases.h"

static int failures;

static void report(const char *name, bool ok)
{
	printf("%s mmclass-%s\n", ok ? "PASS" : "FAIL", name);
	if (!ok)
		failures++;
}

static bool run_case(const struct mg_mmclass_case *t)
{
	struct mg_mm_counts c;
	bool ok = true;
	u64 want;
	int i;

	memset(&c, 0, sizeof(c));
	mg_mmclass_case_apply(t, &c);
	for (i = 0; i < MG_MM_NR_FIELDS; i++) {
		want = mg_mmclass_case_want(t, i);
		if (c.v[i] == want)
			continue;
		fprintf(stderr, "mmclass-%s: %s is %llu, want %llu\n", t->name,
			mg_mmclass_field_name(i), (unsigned long long)c.v[i],
			(unsigned long long)want);
		ok = false;
	}
	return ok;
}

/* Names are the sysfs file names; byte counters end in "_bytes". */
static void test_names(void)
{
	const char *name;
	bool ok = true;
	size_t len;
	int i;

	for (i = 0; i < MG_MM_NR_FIELDS; i++) {
		name = mg_mmclass_field_name(i);
		len = name ? strlen(name) : 0;
		if (!name || mg_mmclass_field_is_bytes(i) !=
		    (len > 6 && !strcmp(name + len - 6, "_bytes"))) {
			fprintf(stderr, "mmclass-names: field %d (%s)\n", i,
				name ? name : "no name");
			ok = false;
		}
	}
	ok &= !strcmp(mg_mmclass_field_name(MG_MM_WX_FLIPS), "wx_flips");
	ok &= !mg_mmclass_field_name(MG_MM_NR_FIELDS);
	ok &= !mg_mmclass_field_is_bytes(MG_MM_NR_FIELDS);
	report("names", ok);
}

int main(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mg_mmclass_cases); i++)
		report(mg_mmclass_cases[i].name,
		       run_case(&mg_mmclass_cases[i]));
	test_names();
	return failures ? 1 : 0;
}
