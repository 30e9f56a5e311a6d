// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for module/score.c, compiled from the same source file the
 * module uses. The cases are in score_cases.h, shared with
 * tests/unit/score_test.c.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include "score.c"

#include "score_cases.h"

static void mg_score_case_desc(const struct mg_score_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mg_score, mg_score_cases, mg_score_case_desc);

static void mg_score_table_test(struct kunit *test)
{
	const struct mg_score_case *c = test->param_value;
	struct mg_score_state *st;

	/* Too big for a KUnit case's stack frame. */
	st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, st);
	mg_score_case_run(c, st);
	KUNIT_EXPECT_EQ(test, st->score, c->score);
	KUNIT_EXPECT_EQ(test, st->verdict, c->verdict);
	KUNIT_EXPECT_EQ(test, st->verdict_since_s, c->verdict_since_s);
	KUNIT_EXPECT_STREQ(test, st->evidence, c->evidence);
}

static void mg_action_case_desc(const struct mg_action_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mg_action, mg_action_cases, mg_action_case_desc);

static void mg_action_table_test(struct kunit *test)
{
	const struct mg_action_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, mg_action_case_run(c), c->want);
}

static void mg_history_case_desc(const struct mg_history_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mg_history, mg_history_cases, mg_history_case_desc);

static void mg_history_table_test(struct kunit *test)
{
	const struct mg_history_case *c = test->param_value;
	struct mg_history *h;
	size_t len;
	char *buf;

	h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	buf = kunit_kzalloc(test, MG_HISTORY_TEST_BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	len = mg_history_case_run(c, h, buf);
	KUNIT_EXPECT_TRUE_MSG(test, mg_history_case_ok(c, len, buf),
			      "got %zu bytes: '%.*s'", len,
			      (int)min_t(size_t, len, 200), buf);
}

static struct kunit_case mg_score_test_cases[] = {
	KUNIT_CASE_PARAM(mg_score_table_test, mg_score_gen_params),
	KUNIT_CASE_PARAM(mg_action_table_test, mg_action_gen_params),
	KUNIT_CASE_PARAM(mg_history_table_test, mg_history_gen_params),
	{}
};

static struct kunit_suite mg_score_test_suite = {
	.name = "minerguard_score",
	.test_cases = mg_score_test_cases,
};

kunit_test_suite(mg_score_test_suite);
