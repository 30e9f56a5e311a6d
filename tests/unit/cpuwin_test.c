// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for module/cpuwin.c, built against the shims in
 * tests/unit/include. Prints one "PASS <name>" or "FAIL <name>" line per
 * case on stdout, details of failures on stderr, and exits 1 if any failed.
 *
 * The cases are in tests/kunit/cpuwin_cases.h, shared with the KUnit suite.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cpuwin.h"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))

#include "../kunit/cpuwin_cases.h"

static int failures;

static void report(const char *name, bool ok)
{
	printf("%s cpuwin-%s\n", ok ? "PASS" : "FAIL", name);
	if (!ok)
		failures++;
}

/* Garbage first, so that every case also checks mg_cpuwin_init(). */
static void fresh(struct mg_cpuwin *win)
{
	memset(win, 0xa5, sizeof(*win));
	mg_cpuwin_init(win);
}

static bool expect_u64(const char *name, const char *what, u64 got, u64 want)
{
	if (got == want)
		return true;
	fprintf(stderr, "cpuwin-%s: %s is %llu, want %llu\n", name, what,
		(unsigned long long)got, (unsigned long long)want);
	return false;
}

static bool run_case(const struct mg_cpuwin_case *c)
{
	struct mg_cpuwin win;
	bool ok = true;
	size_t i;
	unsigned int t;

	fresh(&win);
	for (i = 0; i < ARRAY_SIZE(c->phases); i++) {
		const struct mg_cpuwin_phase *p = &c->phases[i];

		for (t = 0; t < p->ticks; t++)
			mg_cpuwin_tick(&win, p->runtime_ns, p->elapsed_ns,
				       p->capacity_mcpu, c->saturation_pct);
	}
	ok &= expect_u64(c->name, "short permille",
			 mg_cpuwin_short_permille(&win), c->short_permille);
	ok &= expect_u64(c->name, "long permille",
			 mg_cpuwin_long_permille(&win), c->long_permille);
	ok &= expect_u64(c->name, "short pct", mg_cpuwin_short_pct(&win),
			 c->short_permille / 10);
	ok &= expect_u64(c->name, "long pct", mg_cpuwin_long_pct(&win),
			 c->long_permille / 10);
	ok &= expect_u64(c->name, "saturated ns",
			 mg_cpuwin_saturated_ns(&win), c->saturated_ns);
	ok &= expect_u64(c->name, "busy CPU-ms", mg_cpuwin_busy_cpu_ms(&win),
			 c->busy_cpu_ms);
	return ok;
}

/* The largest ticks fill the buckets to their documented maximum. */
static void test_bucket_limits(void)
{
	struct mg_cpuwin win;
	bool ok = true;
	int i;

	fresh(&win);
	for (i = 0; i < MG_CPUWIN_BUCKET_TICKS; i++)
		mg_cpuwin_tick(&win, UINT64_MAX, MG_CPUWIN_MAX_TICK_NS,
			       UINT32_MAX, 0);
	ok &= expect_u64("bucket-limits", "tick runtime",
			 win.short_win[0].runtime_ms, 327680000);
	ok &= expect_u64("bucket-limits", "tick capacity",
			 win.short_win[0].capacity_ms, 163840000);
	ok &= expect_u64("bucket-limits", "bucket runtime",
			 win.long_win[0].runtime_ms, 3276800000U);
	ok &= expect_u64("bucket-limits", "bucket capacity",
			 win.long_win[0].capacity_ms, 1638400000);
	report("bucket-limits", ok);
}

/* Totals near U64_MAX, as after an impossibly long uptime, stop there. */
static void test_totals_saturate(void)
{
	struct mg_cpuwin win;
	bool ok = true;
	int i;

	fresh(&win);
	win.busy_cpu_ms = UINT64_MAX - 1;
	win.saturated_ns = UINT64_MAX - MS(1);
	for (i = 0; i < 2; i++) {
		mg_cpuwin_tick(&win, SEC(2), SEC(1), 1000, 0);
		ok &= expect_u64("totals-saturate", "busy CPU-ms",
				 win.busy_cpu_ms, UINT64_MAX);
		ok &= expect_u64("totals-saturate", "saturated ns",
				 win.saturated_ns, UINT64_MAX);
	}
	report("totals-saturate", ok);
}

int main(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mg_cpuwin_cases); i++)
		report(mg_cpuwin_cases[i].name, run_case(&mg_cpuwin_cases[i]));
	test_bucket_limits();
	test_totals_saturate();

	return failures ? 1 : 0;
}
