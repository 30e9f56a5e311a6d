// SPDX-License-Identifier: GPL-2.0
/*
 * A suite that must fail. Only the harness self-test loads it, to prove
 * that a failing KUnit case turns the run red.
 */
#include <kunit/test.h>

static void mg_selftest_passes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 2);
}

static void mg_selftest_must_fail(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 3);
}

static struct kunit_case mg_selftest_cases[] = {
	KUNIT_CASE(mg_selftest_passes),
	KUNIT_CASE(mg_selftest_must_fail),
	{}
};

static struct kunit_suite mg_selftest_suite = {
	.name = "minerguard_harness_selftest",
	.test_cases = mg_selftest_cases,
};

kunit_test_suite(mg_selftest_suite);

MODULE_LICENSE("GPL");
