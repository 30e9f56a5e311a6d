/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cases for module/decay.c, shared by the KUnit suite
 * (tests/kunit/decay_test.c) and the host test (tests/unit/decay_test.c):
 * phases of identical ticks fed to one average, then its mean.
 */
#ifndef MG_DECAY_CASES_H
#define MG_DECAY_CASES_H

struct mg_decay_phase {
	u32 ticks;		/* ticks of this phase; 0 ends the list */
	u32 sum;		/* per tick */
	u32 count;		/* per tick */
};

struct mg_decay_case {
	const char *name;
	u32 horizon;		/* N of mg_decay_tick() */
	u32 min_count;
	struct mg_decay_phase phases[3];
	u32 mean;
};

static const struct mg_decay_case mg_decay_cases[] = {
	{ "empty", 10, 1, { { 0 } }, 0 },
	{ "one-tick", 10, 1, { { 1, 5000, 100 } }, 50 },
	/* Constant input: the mean is that input from the first tick on. */
	{ "constant-short", 10, 100, { { 200, 8000, 100 } }, 80 },
	{ "constant-long", 300, 100, { { 1000, 8000, 100 } }, 80 },
	/* Too few samples yet: 6 ticks of 20 decay to 94 < 100, 7 to 104. */
	{ "below-min-count", 10, 100, { { 6, 1800, 20 } }, 0 },
	{ "reaches-min-count", 10, 100, { { 7, 1800, 20 } }, 90 },
	{ "min-count-zero-is-one", 10, 0, { { 1, 70, 1 } }, 70 },
	/*
	 * A change of input moves the short mean within a few horizons; the
	 * long one still holds most of the past: 300 ticks at 90 then 30 at
	 * 10 weigh 0.905 to 0.095 of 63 % of the window, about 78.6.
	 */
	{ "short-follows", 10, 1,
	  { { 100, 9000, 100 }, { 100, 1000, 100 } }, 10 },
	{ "long-remembers", 300, 1,
	  { { 300, 9000, 100 }, { 30, 1000, 100 } }, 79 },
	/* Samples stop: the mean of what was seen stays, then fades out. */
	{ "quiet-keeps-mean", 10, 1, { { 20, 6000, 100 }, { 5, 0, 0 } }, 60 },
	{ "quiet-fades-out", 10, 1, { { 20, 6000, 100 }, { 100, 0, 0 } }, 0 },
	{ "horizon-one-keeps-no-past", 1, 1,
	  { { 50, 9000, 100 }, { 1, 2000, 100 } }, 20 },
	{ "horizon-zero-keeps-no-past", 0, 1,
	  { { 50, 9000, 100 }, { 1, 3000, 100 } }, 30 },
	/* The largest tick, for a long time, does not overflow. */
	{ "max-input", 300, 1,
	  { { 5000, 0xffffffff, 0xffffffff } }, 1 },
	{ "max-sum", 300, 1, { { 5000, 0xffffffff, 42949672 } }, 100 },
};

/* Feeds @c's phases to a fresh average and returns its mean. */
static u32 mg_decay_case_run(const struct mg_decay_case *c)
{
	struct mg_decay avg = { 0, 0 };
	const struct mg_decay_phase *p;
	u32 t;

	for (p = c->phases; p < c->phases + ARRAY_SIZE(c->phases) && p->ticks;
	     p++)
		for (t = 0; t < p->ticks; t++)
			mg_decay_tick(&avg, c->horizon, p->sum, p->count);
	return mg_decay_mean(&avg, c->min_count);
}

#endif /* MG_DECAY_CASES_H */
