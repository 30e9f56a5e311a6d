// SPDX-License-Identifier: GPL-2.0
/*
 * Score, verdict, evidence and action of a job; see score.h.
 *
 * Pure code: no locks, clocks, allocation or hooks, so the same file is
 * compiled into the module, the KUnit suites and the host unit tests.
 */
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/string.h>
#include <linux/types.h>
#include "score.h"

static const char *const mg_signal_names[MG_SIG_COUNT] = {
	[MG_SIG_HASHING] = "hashing",
	[MG_SIG_SATURATION] = "saturation",
	[MG_SIG_STRATUM] = "stratum",
	[MG_SIG_ROUNDING] = "rounding",
	[MG_SIG_JIT] = "jit",
	[MG_SIG_HUGEPAGES] = "hugepages",
	[MG_SIG_MSR] = "msr",
	[MG_SIG_THP] = "thp",
	[MG_SIG_EXEC_STACK] = "exec_stack",
	[MG_SIG_BIG_ANON] = "big_anon",
};

static const char *const mg_verdict_names[MG_VERDICT_COUNT] = {
	[MG_VERDICT_CLEAN] = "clean",
	[MG_VERDICT_SUSPECT] = "suspect",
	[MG_VERDICT_MINER] = "miner",
};

static const char *const mg_action_names[MG_ACTION_COUNT] = {
	[MG_ACTION_NONE] = "none",
	[MG_ACTION_LOG] = "log",
	[MG_ACTION_THROTTLE] = "throttle",
	[MG_ACTION_FREEZE] = "freeze",
	[MG_ACTION_KILL] = "kill",
};

const char *mg_score_signal_name(enum mg_signal signal)
{
	return (unsigned int)signal < MG_SIG_COUNT ?
		mg_signal_names[signal] : "?";
}

const char *mg_verdict_name(enum mg_verdict verdict)
{
	return (unsigned int)verdict < MG_VERDICT_COUNT ?
		mg_verdict_names[verdict] : "?";
}

const char *mg_action_name(enum mg_action action)
{
	return (unsigned int)action < MG_ACTION_COUNT ?
		mg_action_names[action] : "?";
}

static void mg_score_none(char *evidence, size_t size)
{
	snprintf(evidence, size, "none");
}

void mg_score_init(struct mg_score_state *st, u64 now_s)
{
	memset(st, 0, sizeof(*st));
	st->verdict = MG_VERDICT_CLEAN;
	st->verdict_since_s = now_s;
	mg_score_none(st->evidence, sizeof(st->evidence));
}

/* weight * min(value, full) / full, rounded down, without overflow. */
static u32 mg_score_ramp(u32 weight, u64 value, u64 full)
{
	if (!full || value >= full)
		return weight;
	/* value < full, so the quotient is below weight. */
	return (u32)mul_u64_u64_div_u64(weight, value, full);
}

/* Counters of one signal add up without wrapping to 0. */
static u64 mg_score_sum(u64 a, u64 b)
{
	return a > U64_MAX - b ? U64_MAX : a + b;
}

/* The value each signal shows in the evidence, in its own unit. */
static u64 mg_score_signal_value(const struct mg_score_state *st,
				 const struct mg_score_input *in,
				 enum mg_signal signal)
{
	const u64 *mm = in->mm.v;

	switch (signal) {
	case MG_SIG_HASHING:
		return div_u64(st->hashing_ms, 1000);
	case MG_SIG_SATURATION:
		return in->saturated_s;
	case MG_SIG_STRATUM:
		return in->stratum_hits;
	case MG_SIG_ROUNDING:
		return st->rounding_peak_pct;
	case MG_SIG_JIT:
		return mg_score_sum(mm[MG_MM_ANON_EXEC], mm[MG_MM_WX_FLIPS]);
	case MG_SIG_HUGEPAGES:
		return mg_score_sum(mg_score_sum(mm[MG_MM_HUGETLB_2M],
						 mm[MG_MM_HUGETLB_1G]),
				    mm[MG_MM_HUGEPAGE_SYSCTL]);
	case MG_SIG_MSR:
		return mg_score_sum(mm[MG_MM_MSR_OPEN],
				    mm[MG_MM_MSR_ALLOW_WRITES]);
	case MG_SIG_THP:
		return mm[MG_MM_THP_ADVISE];
	case MG_SIG_EXEC_STACK:
		return mm[MG_MM_EXEC_STACK];
	case MG_SIG_BIG_ANON:
		return mm[MG_MM_BIG_ANON];
	default:
		return 0;
	}
}

static const char *mg_score_signal_unit(enum mg_signal signal)
{
	switch (signal) {
	case MG_SIG_HASHING:
	case MG_SIG_SATURATION:
		return "s";
	case MG_SIG_ROUNDING:
		return "%";
	default:
		return "";
	}
}

static u32 mg_score_points(const struct mg_score_state *st,
			   const struct mg_score_policy *p,
			   const struct mg_score_input *in,
			   enum mg_signal signal)
{
	u32 weight = p->weight[signal];
	u64 value = mg_score_signal_value(st, in, signal);

	switch (signal) {
	case MG_SIG_HASHING:
		return mg_score_ramp(weight, st->hashing_ms,
				     (u64)p->hashing_full_s * 1000);
	case MG_SIG_SATURATION:
		return mg_score_ramp(weight, in->saturated_s,
				     p->saturation_full_s);
	case MG_SIG_STRATUM:
		return value ? weight : 0;
	case MG_SIG_ROUNDING:
		if (!in->saturated_s)
			return 0;
		return value >= p->rounding_pct ? weight : 0;
	default:
		/* Memory patterns: only in a job that has burnt CPU. */
		return value && in->saturated_s ? weight : 0;
	}
}

/* Whole tokens only: one that would not fit ends the list. */
static void mg_score_format_evidence(struct mg_score_state *st,
				     const struct mg_score_input *in)
{
	size_t len = 0, size = sizeof(st->evidence);
	char token[64];
	int i, n;

	st->evidence[0] = '\0';
	for (i = 0; i < MG_SIG_COUNT; i++) {
		if (!st->points[i])
			continue;
		n = snprintf(token, sizeof(token), "%s%s=%llu%s:%u",
			     len ? " " : "", mg_signal_names[i],
			     (unsigned long long)mg_score_signal_value(st, in, i),
			     mg_score_signal_unit(i), st->points[i]);
		if (n < 0 || (size_t)n >= sizeof(token) || len + n >= size)
			break;
		memcpy(st->evidence + len, token, n + 1);
		len += n;
	}
	if (!len)
		mg_score_none(st->evidence, size);
}

static enum mg_verdict mg_score_verdict_for(const struct mg_score_policy *p,
					    u32 score)
{
	if (score >= p->miner_score)
		return MG_VERDICT_MINER;
	if (score >= p->suspect_score)
		return MG_VERDICT_SUSPECT;
	return MG_VERDICT_CLEAN;
}

/**
 * mg_score_tick() - account a tick of a job and judge it
 * @st: the job's state
 * @p: the policy
 * @in: the job's signals after the tick
 * @elapsed_ms: length of the tick
 * @now_s: the current time in seconds
 *
 * Return: true if the verdict changed.
 */
bool mg_score_tick(struct mg_score_state *st, const struct mg_score_policy *p,
		   const struct mg_score_input *in, u64 elapsed_ms, u64 now_s)
{
	enum mg_verdict target;
	u64 score = 0;
	int i;

	if (in->cpu_pct_short >= p->saturation_pct &&
	    in->hash_density_pct >= p->hash_threshold_pct)
		st->hashing_ms += elapsed_ms;
	if (in->rounding_pct > st->rounding_peak_pct)
		st->rounding_peak_pct = in->rounding_pct;
	for (i = 0; i < MG_SIG_COUNT; i++) {
		st->points[i] = mg_score_points(st, p, in, i);
		score += st->points[i];
	}
	st->score = score > U32_MAX ? U32_MAX : (u32)score;

	target = mg_score_verdict_for(p, st->score);
	if (target >= st->verdict) {
		st->below = false;
		mg_score_format_evidence(st, in);
		if (target == st->verdict)
			return false;
	} else {
		if (!st->below) {
			st->below = true;
			st->below_since_s = now_s;
		}
		if (now_s - st->below_since_s < p->clear_after_s)
			return false;
		st->below = false;
		mg_score_format_evidence(st, in);
	}
	st->verdict = target;
	st->verdict_since_s = now_s;
	return true;
}

/**
 * mg_score_action() - the action that should stand on a job
 * @ap: what the policy says
 * @verdict: the job's verdict
 * @held_s: how long it has held
 * @standing: the action already standing
 *
 * Actions only grow while they may act: a verdict that falls leaves the
 * standing action in place. Stronger than log waits for the grace period.
 *
 * Return: the action, %MG_ACTION_NONE when the policy may not act.
 */
enum mg_action mg_score_action(const struct mg_action_policy *ap,
			       enum mg_verdict verdict, u64 held_s,
			       enum mg_action standing)
{
	enum mg_action want;

	if (!ap->may_act || (unsigned int)verdict >= MG_VERDICT_COUNT)
		return MG_ACTION_NONE;
	want = verdict == MG_VERDICT_CLEAN ? MG_ACTION_NONE :
		ap->on_verdict[verdict];
	if (want > MG_ACTION_LOG && held_s < ap->grace_s)
		want = MG_ACTION_LOG;
	return want > standing ? want : standing;
}

/**
 * mg_history_add() - records a change of verdict or action
 * @h: the job's history
 * @at_s: when, in the caller's clock
 * @verdict: the verdict after the change
 * @score: the score then
 * @action: the action standing after the change
 *
 * The oldest entry gives way once MG_HISTORY_LEN are kept.
 */
void mg_history_add(struct mg_history *h, u64 at_s, enum mg_verdict verdict,
		    u32 score, enum mg_action action)
{
	struct mg_history_entry *e = &h->entry[h->changes % MG_HISTORY_LEN];

	e->at_s = at_s;
	e->score = score;
	e->verdict = verdict;
	e->action = action;
	/*
	 * At most a change a tick: wrapping takes 136 years, and 2^32 is a
	 * multiple of MG_HISTORY_LEN, so even then slots stay in order.
	 */
	h->changes++;
}

/**
 * mg_history_format() - the kept entries, oldest first
 * @h: the job's history
 * @buf: where to write
 * @size: its size; MG_HISTORY_LEN lines of at most 64 bytes always fit
 *	  in 512
 *
 * One line per entry: "AT_S VERDICT SCORE ACTION\n"; nothing when the
 * job never changed. Stops before a line that would not fit.
 *
 * Return: the bytes written, without the terminating NUL.
 */
size_t mg_history_format(const struct mg_history *h, char *buf, size_t size)
{
	u32 kept = h->changes < MG_HISTORY_LEN ? h->changes : MG_HISTORY_LEN;
	const struct mg_history_entry *e;
	size_t len = 0;
	u32 i;
	int n;

	if (!size)
		return 0;
	buf[0] = '\0';
	for (i = h->changes - kept; i != h->changes; i++) {
		e = &h->entry[i % MG_HISTORY_LEN];
		n = snprintf(buf + len, size - len, "%llu %s %u %s\n",
			     (unsigned long long)e->at_s,
			     mg_verdict_name(e->verdict), e->score,
			     mg_action_name(e->action));
		if (n < 0 || (size_t)n >= size - len) {
			buf[len] = '\0';
			break;
		}
		len += n;
	}
	return len;
}
