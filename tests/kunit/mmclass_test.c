// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for module/mmclass.c, compiled from the same source file the
 * module uses. The event cases are in mmclass_cases.h, shared with
 * tests/unit/mmclass_test.c.
 */
#include <kunit/test.h>
#include "mmclass.c"

#include "mmclass_cases.h"

static void mg_mmclass_case_desc(const struct mg_mmclass_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mg_mmclass, mg_mmclass_cases, mg_mmclass_case_desc);

/* One event moves exactly the counters the case lists. */
static void mg_mmclass_event_test(struct kunit *test)
{
	const struct mg_mmclass_case *t = test->param_value;
	struct mg_mm_counts c = {};
	int i;

	mg_mmclass_case_apply(t, &c);
	for (i = 0; i < MG_MM_NR_FIELDS; i++)
		KUNIT_EXPECT_EQ_MSG(test, c.v[i], mg_mmclass_case_want(t, i),
				    "counter %s", mg_mmclass_field_name(i));
}

/* Names are the sysfs file names; byte counters end in "_bytes". */
static void mg_mmclass_names_test(struct kunit *test)
{
	const char *name;
	size_t len;
	int i;

	for (i = 0; i < MG_MM_NR_FIELDS; i++) {
		name = mg_mmclass_field_name(i);
		KUNIT_ASSERT_NOT_NULL(test, name);
		len = strlen(name);
		KUNIT_EXPECT_EQ_MSG(test, mg_mmclass_field_is_bytes(i),
				    len > 6 && !strcmp(name + len - 6, "_bytes"),
				    "field %s", name);
	}
	KUNIT_EXPECT_STREQ(test, mg_mmclass_field_name(MG_MM_WX_FLIPS),
			   "wx_flips");
	KUNIT_EXPECT_PTR_EQ(test, mg_mmclass_field_name(MG_MM_NR_FIELDS),
			    (const char *)NULL);
	KUNIT_EXPECT_FALSE(test, mg_mmclass_field_is_bytes(MG_MM_NR_FIELDS));
}

/* events() adds counts, not bytes; add() and any() see every field. */
static void mg_mmclass_sums_test(struct kunit *test)
{
	struct mg_mm_counts sum = {}, c = {};

	KUNIT_EXPECT_FALSE(test, mg_mmclass_any(&c));
	mg_mmclass_mmap(&c, 512 * MG_MIB, MG_RWX, MG_ANON, 21);
	mg_mmclass_madvise(&c, MADV_HUGEPAGE, 4096);
	KUNIT_EXPECT_TRUE(test, mg_mmclass_any(&c));
	KUNIT_EXPECT_EQ(test, mg_mmclass_events(&c), 3);
	mg_mmclass_add(&sum, &c);
	mg_mmclass_add(&sum, &c);
	KUNIT_EXPECT_EQ(test, mg_mmclass_events(&sum), 6);
	KUNIT_EXPECT_EQ(test, sum.v[MG_MM_RWX_BYTES], 1024 * MG_MIB);
	KUNIT_EXPECT_EQ(test, sum.v[MG_MM_THP_ADVISE_BYTES], 8192);
	memset(&c, 0, sizeof(c));
	c.v[MG_MM_NR_FIELDS - 1] = 1;
	KUNIT_EXPECT_TRUE(test, mg_mmclass_any(&c));
}

static struct kunit_case mg_mmclass_test_cases[] = {
	KUNIT_CASE_PARAM(mg_mmclass_event_test, mg_mmclass_gen_params),
	KUNIT_CASE(mg_mmclass_names_test),
	KUNIT_CASE(mg_mmclass_sums_test),
	{}
};

static struct kunit_suite mg_mmclass_test_suite = {
	.name = "minerguard_mmclass",
	.test_cases = mg_mmclass_test_cases,
};

kunit_test_suite(mg_mmclass_test_suite);
