// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for module/decay.c, compiled from the same source file the
 * module uses. The cases are in decay_cases.h, shared with
 * tests/unit/decay_test.c.
 */
#include <kunit/test.h>
#include "decay.c"

#include "decay_cases.h"

static void mg_decay_case_desc(const struct mg_decay_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mg_decay, mg_decay_cases, mg_decay_case_desc);

static void mg_decay_table_test(struct kunit *test)
{
	const struct mg_decay_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, mg_decay_case_run(c), c->mean);
}

static struct kunit_case mg_decay_test_cases[] = {
	KUNIT_CASE_PARAM(mg_decay_table_test, mg_decay_gen_params),
	{}
};

static struct kunit_suite mg_decay_test_suite = {
	.name = "minerguard_decay",
	.test_cases = mg_decay_test_cases,
};

kunit_test_suite(mg_decay_test_suite);
