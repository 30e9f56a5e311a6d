/* SPDX-License-Identifier: GPL-2.0 */
/*
 * From a job's signals to a score, a verdict and the evidence for it, and
 * from the verdict to the action that should stand on the job.
 *
 * The score is a sum of points, one term per signal, each with a weight
 * from policy/weight_<signal>:
 *
 *   hashing     seconds the job spent saturated (short CPU share at least
 *               saturation_pct) with a hashing density of at least
 *               hash_threshold_pct; the full weight at hashing_full_s,
 *               in proportion before.
 *   saturation  saturated seconds; the full weight at saturation_full_s.
 *   stratum     the job spoke the stratum mining protocol.
 *   rounding    the share of samples with a non-default MXCSR rounding
 *               mode reached rounding_pct (RandomX).
 *   jit         anonymous executable memory or W->X flips.
 *   hugepages   MAP_HUGETLB requests or writes to nr_hugepages.
 *   msr         MSR device opens for writing or msr allow_writes.
 *   thp, exec_stack, big_anon: weak signals benign programs share.
 *
 * The memory and rounding signals count only for a job that has burnt
 * CPU (saturated for a second at least): a short-lived JIT or a database
 * asking for huge pages is not a miner. Everything accumulates over the
 * job's life and nothing decays, so a miner that throttles itself, pauses
 * or lowers its priority still gathers evidence while it runs.
 *
 * The verdict rises as soon as the score reaches suspect_score or
 * miner_score and falls only after the score has stayed below the
 * verdict's threshold for clear_after_s: it does not flap. The evidence
 * is refreshed while the score supports the verdict and kept while it is
 * held by that delay.
 *
 * Pure code: no locks, clocks or allocation; the caller passes the time.
 */
#ifndef _MG_SCORE_H
#define _MG_SCORE_H

#include <linux/types.h>
#include <linux/minerguard.h>
#include "mmclass.h"

enum mg_signal {
	MG_SIG_HASHING,
	MG_SIG_SATURATION,
	MG_SIG_STRATUM,
	MG_SIG_ROUNDING,
	MG_SIG_JIT,
	MG_SIG_HUGEPAGES,
	MG_SIG_MSR,
	MG_SIG_THP,
	MG_SIG_EXEC_STACK,
	MG_SIG_BIG_ANON,
	MG_SIG_COUNT
};

/*
 * Defaults (policy/ and module parameters). Two independent kinds of
 * evidence make a miner: sustained hashing alone reaches suspect after
 * about 25 s of it; with RandomX's rounding mode, a JIT and huge pages, or
 * with stratum, it reaches miner. Benign look-alikes (a JIT runtime with
 * huge pages and a big heap building for ten minutes: 25 + 4 + 4 + 5)
 * stay below suspect.
 */
/*
 * A throttled miner runs at 30-50 % of its CPUs; 20 % leaves room for how
 * unevenly a duty cycle falls into one-second ticks.
 */
#define MG_SCORE_DEFAULT_SATURATION_PCT	20
#define MG_SCORE_DEFAULT_SUSPECT	50
#define MG_SCORE_DEFAULT_MINER		100
#define MG_SCORE_DEFAULT_CLEAR_AFTER_S	60
#define MG_SCORE_DEFAULT_HASHING_FULL_S	30
#define MG_SCORE_DEFAULT_SATURATION_FULL_S 600
#define MG_SCORE_DEFAULT_ROUNDING_PCT	20
#define MG_SCORE_DEFAULT_W_HASHING	60
#define MG_SCORE_DEFAULT_W_SATURATION	5
#define MG_SCORE_DEFAULT_W_STRATUM	60
#define MG_SCORE_DEFAULT_W_ROUNDING	40
#define MG_SCORE_DEFAULT_W_JIT		25
#define MG_SCORE_DEFAULT_W_HUGEPAGES	20
#define MG_SCORE_DEFAULT_W_MSR		40
#define MG_SCORE_DEFAULT_W_THP		4
#define MG_SCORE_DEFAULT_W_EXEC_STACK	4
#define MG_SCORE_DEFAULT_W_BIG_ANON	4

/* "name=value:points" per signal that scored, or "none": fits in this. */
#define MG_SCORE_EVIDENCE_MAX 256

struct mg_score_policy {
	u32 weight[MG_SIG_COUNT];
	u32 saturation_pct;
	u32 hash_threshold_pct;
	u32 rounding_pct;
	u32 hashing_full_s;		/* at least 1 */
	u32 saturation_full_s;		/* at least 1 */
	u32 suspect_score;
	u32 miner_score;
	u32 clear_after_s;
};

/* A job's signals at the end of a tick, as sysfs shows them. */
struct mg_score_input {
	u32 cpu_pct_short;
	u64 saturated_s;
	u32 hash_density_pct;		/* short window */
	u32 rounding_pct;		/* mxcsr_nondefault_pct */
	u64 stratum_hits;
	struct mg_mm_counts mm;
};

struct mg_score_state {
	u64 hashing_ms;			/* saturated and hashing */
	u32 rounding_peak_pct;
	u32 score;
	u32 points[MG_SIG_COUNT];
	enum mg_verdict verdict;
	u64 verdict_since_s;
	bool below;			/* score under the verdict's threshold */
	u64 below_since_s;
	char evidence[MG_SCORE_EVIDENCE_MAX];
};

const char *mg_score_signal_name(enum mg_signal signal);
const char *mg_verdict_name(enum mg_verdict verdict);
const char *mg_action_name(enum mg_action action);

void mg_score_init(struct mg_score_state *st, u64 now_s);
bool mg_score_tick(struct mg_score_state *st, const struct mg_score_policy *p,
		   const struct mg_score_input *in, u64 elapsed_ms, u64 now_s);

/* What the policy says to do about verdicts, and whether it may act. */
struct mg_action_policy {
	enum mg_action on_verdict[MG_VERDICT_COUNT];	/* clean: none */
	u32 grace_s;
	bool may_act;		/* mode enforce and the job not allowlisted */
};

enum mg_action mg_score_action(const struct mg_action_policy *ap,
			       enum mg_verdict verdict, u64 held_s,
			       enum mg_action standing);

/*
 * A job's latest changes of verdict or action, for an operator asking why
 * a job is where it is: the last MG_HISTORY_LEN are kept, older ones are
 * counted only.
 */
#define MG_HISTORY_LEN 8

struct mg_history_entry {
	u64 at_s;
	u32 score;
	u8 verdict;			/* enum mg_verdict */
	u8 action;			/* enum mg_action */
};

struct mg_history {
	struct mg_history_entry entry[MG_HISTORY_LEN];
	u32 changes;			/* recorded, modulo 2^32 */
};

void mg_history_add(struct mg_history *h, u64 at_s, enum mg_verdict verdict,
		    u32 score, enum mg_action action);
size_t mg_history_format(const struct mg_history *h, char *buf, size_t size);

#endif /* _MG_SCORE_H */
