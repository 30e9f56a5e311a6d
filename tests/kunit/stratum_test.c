// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for module/stratum.c, compiled from the same source file the
 * module uses.
 *
 * The cases are in stratum_cases.h, shared with tests/unit/stratum_test.c.
 * Every input, and every prefix of it, is handed over in a buffer of
 * exactly its length, so that KASAN catches any read past it.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include "stratum.c"

#include "stratum_cases.h"

static void mg_stratum_case_desc(const struct mg_stratum_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mg_stratum, mg_stratum_cases, mg_stratum_case_desc);

static enum mg_stratum_verdict mg_stratum_copy(struct kunit *test,
					       const char *buf,
					       unsigned int len)
{
	enum mg_stratum_verdict v;
	char *copy = kmemdup(buf, len, GFP_KERNEL);

	KUNIT_ASSERT_FALSE(test, len && !copy);
	v = mg_stratum_classify(copy, len);
	kfree(copy);
	return v;
}

/*
 * The whole input gives @want; its prefixes give MORE up to some length
 * and the final verdict from there on; that length is @decide if not 0.
 * Prefixes longer than MG_STRATUM_MAX_PREFIX + 1 add nothing.
 */
static void mg_stratum_check(struct kunit *test, const char *buf,
			     unsigned int len, enum mg_stratum_verdict want,
			     unsigned int decide)
{
	enum mg_stratum_verdict got = mg_stratum_copy(test, buf, len), v;
	unsigned int k, last = min(len, MG_STRATUM_MAX_PREFIX + 1U);
	unsigned int decided = len + 1;

	KUNIT_EXPECT_EQ(test, got, want);
	for (k = 0; k <= last; k++) {
		v = mg_stratum_copy(test, buf, k);
		if (v != MG_STRATUM_MORE && decided > len)
			decided = k;
		if (v != (k < decided ? MG_STRATUM_MORE : got)) {
			KUNIT_FAIL(test, "prefix of %u bytes gives %d", k, v);
			break;
		}
	}
	if (decide)
		KUNIT_EXPECT_EQ(test, decided, decide);
}

static void mg_stratum_table_test(struct kunit *test)
{
	const struct mg_stratum_case *c = test->param_value;

	mg_stratum_check(test, c->buf, c->len, c->verdict,
			 mg_stratum_decided_at(c));
}

static void mg_stratum_long_case_desc(const struct mg_stratum_long_case *c,
				      char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mg_stratum_long, mg_stratum_long_cases,
		  mg_stratum_long_case_desc);

static void mg_stratum_long_test(struct kunit *test)
{
	const struct mg_stratum_long_case *c = test->param_value;
	char *buf = kunit_kmalloc(test, MG_STRATUM_LONG_MAX, GFP_KERNEL);
	unsigned int len;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	len = mg_stratum_build(buf, c);
	KUNIT_ASSERT_GT(test, len, 0U);
	mg_stratum_check(test, buf, len, c->verdict, c->decided_at);
}

/*
 * Random bytes, half of them after a '{', are never stratum. Prefixes are
 * read from the input's own buffer: a buffer for each, as above, would
 * make this test take half a minute in the debug guest.
 */
static void mg_stratum_random_test(struct kunit *test)
{
	char buf[MG_STRATUM_RANDOM_MAX_LEN], *copy;
	enum mg_stratum_verdict v, pv;
	unsigned int i, k, len;
	u32 state = 2463534242U;
	bool decided;

	for (i = 0; i < MG_STRATUM_RANDOM_INPUTS; i++) {
		len = i % (MG_STRATUM_RANDOM_MAX_LEN + 1);
		mg_stratum_random(&state, buf, len);
		if (len && i % 2)
			buf[0] = '{';
		copy = kmemdup(buf, len, GFP_KERNEL);
		KUNIT_ASSERT_FALSE(test, len && !copy);
		v = mg_stratum_classify(copy, len);
		decided = false;
		for (k = 0; k < len; k++) {
			pv = mg_stratum_classify(copy, k);
			if (pv != MG_STRATUM_MORE)
				decided = true;
			if (pv != (decided ? v : MG_STRATUM_MORE))
				break;
		}
		kfree(copy);
		KUNIT_ASSERT_NE_MSG(test, v, MG_STRATUM_YES, "input %u", i);
		KUNIT_ASSERT_EQ_MSG(test, k, len, "input %u, prefix %u", i, k);
	}
}

static void mg_stratum_null_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mg_stratum_classify(NULL, 0), MG_STRATUM_MORE);
}

static struct kunit_case mg_stratum_test_cases[] = {
	KUNIT_CASE_PARAM(mg_stratum_table_test, mg_stratum_gen_params),
	KUNIT_CASE_PARAM(mg_stratum_long_test, mg_stratum_long_gen_params),
	KUNIT_CASE(mg_stratum_random_test),
	KUNIT_CASE(mg_stratum_null_test),
	{}
};

static struct kunit_suite mg_stratum_suite = {
	.name = "minerguard_stratum",
	.test_cases = mg_stratum_test_cases,
};

kunit_test_suite(mg_stratum_suite);

MODULE_LICENSE("GPL");
