// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for module/cpuwin.c, compiled from the same source file the
 * module uses.
 *
 * The cases are in cpuwin_cases.h, shared with tests/unit/cpuwin_test.c.
 */
#include <kunit/test.h>
#include "cpuwin.c"

#include "cpuwin_cases.h"

static void mg_cpuwin_case_desc(const struct mg_cpuwin_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mg_cpuwin, mg_cpuwin_cases, mg_cpuwin_case_desc);

/* Garbage first, so that every case also checks mg_cpuwin_init(). */
static void mg_cpuwin_fresh(struct mg_cpuwin *win)
{
	memset(win, 0xa5, sizeof(*win));
	mg_cpuwin_init(win);
}

static void mg_cpuwin_table_test(struct kunit *test)
{
	const struct mg_cpuwin_case *c = test->param_value;
	const struct mg_cpuwin_phase *p;
	struct mg_cpuwin win;
	unsigned int t;
	size_t i;

	mg_cpuwin_fresh(&win);
	for (i = 0; i < ARRAY_SIZE(c->phases); i++) {
		p = &c->phases[i];
		for (t = 0; t < p->ticks; t++)
			mg_cpuwin_tick(&win, p->runtime_ns, p->elapsed_ns,
				       p->capacity_mcpu, c->saturation_pct);
	}
	KUNIT_EXPECT_EQ(test, mg_cpuwin_short_permille(&win),
			c->short_permille);
	KUNIT_EXPECT_EQ(test, mg_cpuwin_long_permille(&win),
			c->long_permille);
	KUNIT_EXPECT_EQ(test, mg_cpuwin_short_pct(&win),
			c->short_permille / 10);
	KUNIT_EXPECT_EQ(test, mg_cpuwin_long_pct(&win),
			c->long_permille / 10);
	KUNIT_EXPECT_EQ(test, mg_cpuwin_saturated_ns(&win), c->saturated_ns);
	KUNIT_EXPECT_EQ(test, mg_cpuwin_busy_cpu_ms(&win), c->busy_cpu_ms);
}

/* The largest ticks fill the buckets to their documented maximum. */
static void mg_cpuwin_bucket_limits_test(struct kunit *test)
{
	struct mg_cpuwin win;
	int i;

	mg_cpuwin_fresh(&win);
	for (i = 0; i < MG_CPUWIN_BUCKET_TICKS; i++)
		mg_cpuwin_tick(&win, U64_MAX, MG_CPUWIN_MAX_TICK_NS, U32_MAX,
			       0);
	KUNIT_EXPECT_EQ(test, win.short_win[0].runtime_ms, 327680000U);
	KUNIT_EXPECT_EQ(test, win.short_win[0].capacity_ms, 163840000U);
	KUNIT_EXPECT_EQ(test, win.long_win[0].runtime_ms, 3276800000U);
	KUNIT_EXPECT_EQ(test, win.long_win[0].capacity_ms, 1638400000U);
}

/* Totals near U64_MAX, as after an impossibly long uptime, stop there. */
static void mg_cpuwin_totals_saturate_test(struct kunit *test)
{
	struct mg_cpuwin win;
	int i;

	mg_cpuwin_fresh(&win);
	win.busy_cpu_ms = U64_MAX - 1;
	win.saturated_ns = U64_MAX - MS(1);
	for (i = 0; i < 2; i++) {
		mg_cpuwin_tick(&win, SEC(2), SEC(1), 1000, 0);
		KUNIT_EXPECT_EQ(test, win.busy_cpu_ms, U64_MAX);
		KUNIT_EXPECT_EQ(test, win.saturated_ns, U64_MAX);
	}
}

static struct kunit_case mg_cpuwin_test_cases[] = {
	KUNIT_CASE_PARAM(mg_cpuwin_table_test, mg_cpuwin_gen_params),
	KUNIT_CASE(mg_cpuwin_bucket_limits_test),
	KUNIT_CASE(mg_cpuwin_totals_saturate_test),
	{}
};

static struct kunit_suite mg_cpuwin_suite = {
	.name = "minerguard_cpuwin",
	.test_cases = mg_cpuwin_test_cases,
};

kunit_test_suite(mg_cpuwin_suite);

MODULE_LICENSE("GPL");
