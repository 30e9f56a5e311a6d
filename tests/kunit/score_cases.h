/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cases for module/score.c, shared by the KUnit suite
 * (tests/kunit/score_test.c) and the host test (tests/unit/score_test.c).
 *
 * A case runs phases of identical one-second ticks from time 0 against the
 * default policy (or the phase's own) and checks the state after the last
 * tick. Like the module's CPU windows, each tick whose short CPU share
 * reaches saturation_pct adds a saturated second.
 */
#ifndef MG_SCORE_CASES_H
#define MG_SCORE_CASES_H

#include <linux/limits.h>
#include "hashinsn.h"
#include "score.h"

#define MG_TEST_DEFAULT_POLICY {					\
	.weight = {							\
		[MG_SIG_HASHING] = MG_SCORE_DEFAULT_W_HASHING,		\
		[MG_SIG_SATURATION] = MG_SCORE_DEFAULT_W_SATURATION,	\
		[MG_SIG_STRATUM] = MG_SCORE_DEFAULT_W_STRATUM,		\
		[MG_SIG_ROUNDING] = MG_SCORE_DEFAULT_W_ROUNDING,	\
		[MG_SIG_JIT] = MG_SCORE_DEFAULT_W_JIT,			\
		[MG_SIG_HUGEPAGES] = MG_SCORE_DEFAULT_W_HUGEPAGES,	\
		[MG_SIG_MSR] = MG_SCORE_DEFAULT_W_MSR,			\
		[MG_SIG_THP] = MG_SCORE_DEFAULT_W_THP,			\
		[MG_SIG_EXEC_STACK] = MG_SCORE_DEFAULT_W_EXEC_STACK,	\
		[MG_SIG_BIG_ANON] = MG_SCORE_DEFAULT_W_BIG_ANON,	\
	},								\
	.saturation_pct = MG_SCORE_DEFAULT_SATURATION_PCT,		\
	.hash_threshold_pct = MG_HASHINSN_DEFAULT_THRESHOLD_PCT,	\
	.rounding_pct = MG_SCORE_DEFAULT_ROUNDING_PCT,			\
	.hashing_full_s = MG_SCORE_DEFAULT_HASHING_FULL_S,		\
	.saturation_full_s = MG_SCORE_DEFAULT_SATURATION_FULL_S,	\
	.suspect_score = MG_SCORE_DEFAULT_SUSPECT,			\
	.miner_score = MG_SCORE_DEFAULT_MINER,				\
	.clear_after_s = MG_SCORE_DEFAULT_CLEAR_AFTER_S,		\
}

static const struct mg_score_policy mg_test_default_policy =
	MG_TEST_DEFAULT_POLICY;

/* Only hashing scores, and no score reaches a verdict. */
#define MG_TEST_UNREACHABLE_POLICY(clear_after) {			\
	.weight = { [MG_SIG_HASHING] = MG_SCORE_DEFAULT_W_HASHING },	\
	.saturation_pct = MG_SCORE_DEFAULT_SATURATION_PCT,		\
	.hash_threshold_pct = MG_HASHINSN_DEFAULT_THRESHOLD_PCT,	\
	.rounding_pct = MG_SCORE_DEFAULT_ROUNDING_PCT,			\
	.hashing_full_s = MG_SCORE_DEFAULT_HASHING_FULL_S,		\
	.saturation_full_s = MG_SCORE_DEFAULT_SATURATION_FULL_S,	\
	.suspect_score = 1000,						\
	.miner_score = 2000,						\
	.clear_after_s = (clear_after),					\
}

/* A verdict held by the default delay, or falling at once. */
static const struct mg_score_policy mg_test_high_bar_policy =
	MG_TEST_UNREACHABLE_POLICY(MG_SCORE_DEFAULT_CLEAR_AFTER_S);
static const struct mg_score_policy mg_test_no_delay_policy =
	MG_TEST_UNREACHABLE_POLICY(0);

/* Every weight and value at its largest: nothing may overflow. */
static const struct mg_score_policy mg_test_huge_policy = {
	.weight = {
		U32_MAX, U32_MAX, U32_MAX, U32_MAX, U32_MAX,
		U32_MAX, U32_MAX, U32_MAX, U32_MAX, U32_MAX,
	},
	.saturation_pct = 0,
	.hash_threshold_pct = 0,
	.rounding_pct = 0,
	.hashing_full_s = U32_MAX,
	.saturation_full_s = U32_MAX,
	.suspect_score = U32_MAX - 1,
	.miner_score = U32_MAX,
	.clear_after_s = U32_MAX,
};

struct mg_score_phase {
	u32 ticks;			/* 0 ends the list */
	const struct mg_score_policy *policy;	/* NULL: the default */
	struct mg_score_input in;	/* saturated_s is counted */
};

struct mg_score_case {
	const char *name;
	struct mg_score_phase phases[4];
	u32 score;
	enum mg_verdict verdict;
	u64 verdict_since_s;
	const char *evidence;
};

/* A RandomX miner as the sampler and hooks see it. */
#define RANDOMX(cpu) { .cpu_pct_short = (cpu), .hash_density_pct = 60,	\
		       .rounding_pct = 75, .mm.v[MG_MM_ANON_EXEC] = 2,	\
		       .mm.v[MG_MM_HUGETLB_2M] = 1 }
#define SHA256(cpu) { .cpu_pct_short = (cpu), .hash_density_pct = 45 }

static const struct mg_score_case mg_score_cases[] = {
	{ "idle", { { 10, NULL, { 0 } } }, 0, MG_VERDICT_CLEAN, 0, "none" },
	/* A ten-minute build: saturated throughout, not hashing. */
	{ "build-10min", { { 600, NULL, { .cpu_pct_short = 100,
					   .hash_density_pct = 15 } } },
	  5, MG_VERDICT_CLEAN, 0, "saturation=600s:5" },
	/* A JIT runtime with THP and a big heap, building for ten minutes. */
	{ "jvm-build-10min",
	  { { 600, NULL, { .cpu_pct_short = 100, .hash_density_pct = 20,
			   .mm.v[MG_MM_ANON_EXEC] = 50,
			   .mm.v[MG_MM_WX_FLIPS] = 200,
			   .mm.v[MG_MM_THP_ADVISE] = 3,
			   .mm.v[MG_MM_BIG_ANON] = 2,
			   .mm.v[MG_MM_EXEC_STACK] = 1 } } },
	  5 + 25 + 4 + 4 + 4, MG_VERDICT_CLEAN, 0,
	  "saturation=600s:5 jit=250:25 thp=3:4 exec_stack=1:4 big_anon=2:4" },
	/* Memory patterns of a job that never burnt CPU count nothing. */
	{ "patterns-without-cpu",
	  { { 100, NULL, { .cpu_pct_short = 19, .hash_density_pct = 90,
			   .rounding_pct = 80, .mm.v[MG_MM_ANON_EXEC] = 2,
			   .mm.v[MG_MM_HUGETLB_1G] = 1,
			   .mm.v[MG_MM_MSR_OPEN] = 4 } } },
	  0, MG_VERDICT_CLEAN, 0, "none" },
	/* One encryption at full speed: a second of hashing. */
	{ "one-off-crypto", { { 1, NULL, SHA256(100) },
			      { 60, NULL, { .cpu_pct_short = 0 } } },
	  2, MG_VERDICT_CLEAN, 0, "hashing=1s:2" },
	/* Hashing alone: suspect once 2 points a second reach 50. */
	{ "sha256-24s", { { 24, NULL, SHA256(100) } },
	  48, MG_VERDICT_CLEAN, 0, "hashing=24s:48" },
	{ "sha256-25s", { { 25, NULL, SHA256(100) } },
	  50, MG_VERDICT_SUSPECT, 25, "hashing=25s:50" },
	{ "sha256-1h", { { 3600, NULL, SHA256(100) } },
	  65, MG_VERDICT_SUSPECT, 25, "hashing=3600s:60 saturation=3600s:5" },
	/* Throttled to 30 %: the same hashing seconds, the same verdict. */
	{ "sha256-throttled-30", { { 120, NULL, SHA256(30) } },
	  61, MG_VERDICT_SUSPECT, 25, "hashing=120s:60 saturation=120s:1" },
	{ "density-below-threshold", { { 100, NULL, { .cpu_pct_short = 100,
			   .hash_density_pct = 39 } } },
	  0, MG_VERDICT_CLEAN, 0, "none" },
	/* RandomX: 85 from the first saturated second, then 2 a second. */
	{ "randomx-1s", { { 1, NULL, RANDOMX(100) } },
	  87, MG_VERDICT_SUSPECT, 1,
	  "hashing=1s:2 rounding=75%:40 jit=2:25 hugepages=1:20" },
	{ "randomx-8s", { { 8, NULL, RANDOMX(100) } },
	  101, MG_VERDICT_MINER, 8,
	  "hashing=8s:16 rounding=75%:40 jit=2:25 hugepages=1:20" },
	{ "randomx-throttled-30", { { 8, NULL, RANDOMX(30) } },
	  101, MG_VERDICT_MINER, 8,
	  "hashing=8s:16 rounding=75%:40 jit=2:25 hugepages=1:20" },
	/* A job that pauses half of the time gets there in twice the time. */
	{ "randomx-duty-cycle",
	  { { 4, NULL, RANDOMX(100) }, { 4, NULL, RANDOMX(10) },
	    { 4, NULL, RANDOMX(100) } },
	  101, MG_VERDICT_MINER, 12,
	  "hashing=8s:16 rounding=75%:40 jit=2:25 hugepages=1:20" },
	/* The rounding mode counts from its peak, not the current share. */
	{ "rounding-peak-kept",
	  { { 5, NULL, { .cpu_pct_short = 100, .rounding_pct = 30 } },
	    { 5, NULL, { .cpu_pct_short = 100, .rounding_pct = 0 } } },
	  40, MG_VERDICT_CLEAN, 0, "rounding=30%:40" },
	{ "rounding-below-threshold",
	  { { 5, NULL, { .cpu_pct_short = 100, .rounding_pct = 19 } } },
	  0, MG_VERDICT_CLEAN, 0, "none" },
	{ "stratum-only", { { 1, NULL, { .stratum_hits = 1 } } },
	  60, MG_VERDICT_SUSPECT, 1, "stratum=1:60" },
	{ "stratum-and-hashing",
	  { { 20, NULL, { .cpu_pct_short = 100, .hash_density_pct = 50,
			  .stratum_hits = 3 } } },
	  100, MG_VERDICT_MINER, 20, "hashing=20s:40 stratum=3:60" },
	{ "msr-and-hugepages",
	  { { 1, NULL, { .cpu_pct_short = 100, .mm.v[MG_MM_MSR_OPEN] = 2,
			 .mm.v[MG_MM_MSR_ALLOW_WRITES] = 1,
			 .mm.v[MG_MM_HUGEPAGE_SYSCTL] = 1 } } },
	  60, MG_VERDICT_SUSPECT, 1, "hugepages=1:20 msr=3:40" },
	/* A verdict held by the delay keeps the evidence that raised it. */
	{ "held-by-delay",
	  { { 30, NULL, SHA256(100) },
	    { 60, &mg_test_high_bar_policy, { 0 } } },
	  60, MG_VERDICT_SUSPECT, 25, "hashing=30s:60" },
	{ "cleared-after-delay",
	  { { 30, NULL, SHA256(100) },
	    { 61, &mg_test_high_bar_policy, { 0 } } },
	  60, MG_VERDICT_CLEAN, 91, "hashing=30s:60" },
	/* Back above the bar restarts the delay. */
	{ "delay-restarts",
	  { { 30, NULL, SHA256(100) },
	    { 50, &mg_test_high_bar_policy, { 0 } },
	    { 1, NULL, { 0 } },
	    { 50, &mg_test_high_bar_policy, { 0 } } },
	  60, MG_VERDICT_SUSPECT, 25, "hashing=30s:60" },
	{ "no-delay",
	  { { 30, NULL, SHA256(100) },
	    { 1, &mg_test_no_delay_policy, { 0 } } },
	  60, MG_VERDICT_CLEAN, 31, "hashing=30s:60" },
	/* Straight from clean to miner. */
	{ "clean-to-miner",
	  { { 1, NULL, { .cpu_pct_short = 100, .rounding_pct = 99,
			 .stratum_hits = 1 } } },
	  100, MG_VERDICT_MINER, 1, "stratum=1:60 rounding=99%:40" },
	/* Counters of one signal that add past U64_MAX still score. */
	{ "counter-sums-saturate",
	  { { 1, NULL, { .cpu_pct_short = 100,
			 .mm.v[MG_MM_ANON_EXEC] = 1,
			 .mm.v[MG_MM_WX_FLIPS] = U64_MAX,
			 .mm.v[MG_MM_HUGETLB_2M] = 2,
			 .mm.v[MG_MM_HUGETLB_1G] = U64_MAX } } },
	  45, MG_VERDICT_CLEAN, 0,
	  "jit=18446744073709551615:25 hugepages=18446744073709551615:20" },
	{ "huge-values",
	  { { 2, &mg_test_huge_policy,
	      { .cpu_pct_short = U32_MAX, .hash_density_pct = U32_MAX,
		.rounding_pct = U32_MAX, .stratum_hits = U64_MAX,
		.mm.v[MG_MM_ANON_EXEC] = U64_MAX / 2,
		.mm.v[MG_MM_WX_FLIPS] = U64_MAX / 2,
		.mm.v[MG_MM_HUGETLB_2M] = U64_MAX / 3,
		.mm.v[MG_MM_HUGETLB_1G] = U64_MAX / 3,
		.mm.v[MG_MM_HUGEPAGE_SYSCTL] = U64_MAX / 3,
		.mm.v[MG_MM_MSR_OPEN] = U64_MAX / 2,
		.mm.v[MG_MM_MSR_ALLOW_WRITES] = U64_MAX / 2,
		.mm.v[MG_MM_THP_ADVISE] = U64_MAX,
		.mm.v[MG_MM_EXEC_STACK] = U64_MAX,
		.mm.v[MG_MM_BIG_ANON] = U64_MAX } } },
	  U32_MAX, MG_VERDICT_MINER, 1,
	  /* The ramps are 2 / U32_MAX of the way; exec_stack does not fit. */
	  "hashing=2s:2 saturation=2s:2 stratum=18446744073709551615:4294967295 rounding=4294967295%:4294967295 jit=18446744073709551614:4294967295 hugepages=18446744073709551615:4294967295 msr=18446744073709551614:4294967295 thp=18446744073709551615:4294967295" },
};

#undef RANDOMX
#undef SHA256

/* Runs @c; the final state goes to @st. */
static void mg_score_case_run(const struct mg_score_case *c,
			      struct mg_score_state *st)
{
	const struct mg_score_phase *ph;
	struct mg_score_input in;
	u64 now = 0, saturated = 0;
	u32 t;
	int i;

	mg_score_init(st, 0);
	for (i = 0; i < 4 && c->phases[i].ticks; i++) {
		const struct mg_score_policy *p;

		ph = &c->phases[i];
		p = ph->policy ? ph->policy : &mg_test_default_policy;
		for (t = 0; t < ph->ticks; t++) {
			now++;
			in = ph->in;
			if (in.cpu_pct_short >= p->saturation_pct)
				saturated++;
			in.saturated_s = saturated;
			mg_score_tick(st, p, &in, 1000, now);
		}
	}
}

struct mg_action_case {
	const char *name;
	bool may_act;
	enum mg_verdict verdict;
	u64 held_s;
	enum mg_action standing;
	enum mg_action want;
};

/* Policy of the action cases: suspect throttles, miner kills, grace 5 s. */
static const struct mg_action_policy mg_test_action_policy = {
	.on_verdict = {
		[MG_VERDICT_CLEAN] = MG_ACTION_KILL,	/* never used */
		[MG_VERDICT_SUSPECT] = MG_ACTION_THROTTLE,
		[MG_VERDICT_MINER] = MG_ACTION_KILL,
	},
	.grace_s = 5,
};

static const struct mg_action_case mg_action_cases[] = {
	{ "clean", true, MG_VERDICT_CLEAN, 100, MG_ACTION_NONE,
	  MG_ACTION_NONE },
	{ "suspect-in-grace", true, MG_VERDICT_SUSPECT, 4, MG_ACTION_NONE,
	  MG_ACTION_LOG },
	{ "suspect-after-grace", true, MG_VERDICT_SUSPECT, 5, MG_ACTION_NONE,
	  MG_ACTION_THROTTLE },
	{ "miner-in-grace-keeps-throttle", true, MG_VERDICT_MINER, 0,
	  MG_ACTION_THROTTLE, MG_ACTION_THROTTLE },
	{ "miner-after-grace", true, MG_VERDICT_MINER, 5, MG_ACTION_THROTTLE,
	  MG_ACTION_KILL },
	/* A verdict that falls leaves the action standing. */
	{ "fallen-verdict-keeps-action", true, MG_VERDICT_CLEAN, 0,
	  MG_ACTION_FREEZE, MG_ACTION_FREEZE },
	{ "may-not-act-releases", false, MG_VERDICT_MINER, 100,
	  MG_ACTION_KILL, MG_ACTION_NONE },
	{ "bad-verdict", true, MG_VERDICT_COUNT, 100, MG_ACTION_LOG,
	  MG_ACTION_NONE },
};

static enum mg_action mg_action_case_run(const struct mg_action_case *c)
{
	struct mg_action_policy ap = mg_test_action_policy;

	ap.may_act = c->may_act;
	return mg_score_action(&ap, c->verdict, c->held_s, c->standing);
}

/*
 * History: ADDS changes, the i-th at 10 * i s with verdict i % 3, score
 * 7 * i and action i % 5, formatted into SIZE bytes.
 */
struct mg_history_case {
	const char *name;
	unsigned int adds;
	size_t size;
	const char *want;
};

#define MG_HISTORY_TEST_BUF 512

static const struct mg_history_case mg_history_cases[] = {
	{ "empty", 0, MG_HISTORY_TEST_BUF, "" },
	{ "one", 1, MG_HISTORY_TEST_BUF, "0 clean 0 none\n" },
	{ "three-oldest-first", 3, MG_HISTORY_TEST_BUF,
	  "0 clean 0 none\n10 suspect 7 log\n20 miner 14 throttle\n" },
	{ "ten-keeps-last-eight", 10, MG_HISTORY_TEST_BUF,
	  "20 miner 14 throttle\n30 clean 21 freeze\n40 suspect 28 kill\n"
	  "50 miner 35 none\n60 clean 42 log\n70 suspect 49 throttle\n"
	  "80 miner 56 freeze\n90 clean 63 kill\n" },
	/* Whole lines only: the second would not fit with its NUL. */
	{ "short-buffer-whole-lines", 3, 32, "0 clean 0 none\n" },
	{ "buffer-of-one", 3, 1, "" },
	{ "buffer-of-none", 3, 0, NULL },
};

/* Returns the bytes formatted; BUF holds MG_HISTORY_TEST_BUF. */
static size_t mg_history_case_run(const struct mg_history_case *c,
				  struct mg_history *h, char *buf)
{
	unsigned int i;

	memset(h, 0, sizeof(*h));
	for (i = 0; i < c->adds; i++)
		mg_history_add(h, 10 * i, i % MG_VERDICT_COUNT, 7 * i,
			       i % MG_ACTION_COUNT);
	memset(buf, 'x', MG_HISTORY_TEST_BUF);
	return mg_history_format(h, buf, c->size);
}

/* The case's result is right: its text, or for size 0, nothing written. */
static bool mg_history_case_ok(const struct mg_history_case *c, size_t len,
			       const char *buf)
{
	if (!c->want)
		return len == 0 && buf[0] == 'x';
	return len == strlen(c->want) && !strcmp(buf, c->want);
}

#endif /* MG_SCORE_CASES_H */
