// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for module/score.c, built with the real source file by
 * tests/fuzz/run. The input is a policy, an action policy and up to
 * MAX_TICKS ticks of a job; the harness runs mg_score_init() and then
 * mg_score_tick() per tick next to a plain reference written from the
 * contract in score.h and score.c, and after every tick checks:
 *
 *  - the accounting: the hashing time and the rounding peak, each signal's
 *    points (never above its weight) and the score, their sum saturated
 *    at U32_MAX;
 *  - the verdict: a valid one, rising as soon as the score reaches its
 *    threshold and falling only once the score has stayed below it for
 *    clear_after_s; verdict_since_s, and the return value true exactly
 *    when the verdict changed;
 *  - the evidence: NUL-terminated within MG_SCORE_EVIDENCE_MAX, refreshed
 *    while the score supports the verdict and kept while the delay holds
 *    it; refreshed, it is "name=VALUE[unit]:POINTS" per signal that scored,
 *    in signal order, whole tokens up to the first that does not fit, or
 *    "none" when no token is written, which is exactly when no signal
 *    scored as the first token always fits;
 *  - mg_score_action(), on the job's verdict and on arbitrary arguments:
 *    NONE when it may not act or for an invalid verdict, never below the
 *    standing action nor above the stronger of it and what the policy says
 *    for the verdict (nothing for clean), above LOG within the grace period
 *    only if the standing action already was, and what the policy says
 *    (LOG within the grace period) otherwise;
 *  - the verdict history: each change of verdict or action recorded as
 *    the module's tick records it, mg_history_format() gives the last
 *    MG_HISTORY_LEN of them, oldest first, as whole lines that fit the
 *    buffer, whatever its size (none written into no bytes).
 *
 * Input: the policy, then per tick a byte of flags saying which values
 * change, each value a number (see take_number()). Inputs that run out
 * read as zeros.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/limits.h>	/* score.c uses U32_MAX */
#include "score.h"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))
#define MAX_TICKS 64

/* What a tick's flags say changes before it. */
#define TICK_CPU		0x01
#define TICK_SATURATED		0x02
#define TICK_DENSITY		0x04
#define TICK_ROUNDING		0x08
#define TICK_STRATUM		0x10
#define TICK_MM			0x20
#define TICK_TIME		0x40	/* else 1000 ms and 1 s */
#define TICK_MORE		0x80	/* a second byte of flags follows */
#define TICK_POLICY		0x01	/* in the second byte */
#define TICK_ACTION		0x02	/* in the second byte */

/* The policy's u32 values after its weights; a tick may change any. */
#define POLICY_SCALARS		8
#define POLICY_FIELDS		(MG_SIG_COUNT + POLICY_SCALARS)

struct reader {
	const uint8_t *data;
	size_t size;
	size_t pos;
};

static uint64_t take_bytes(struct reader *r, unsigned int count)
{
	uint64_t value = 0;
	unsigned int i;

	for (i = 0; i < count && r->pos < r->size; i++)
		value |= (uint64_t)r->data[r->pos++] << (8 * i);
	return value;
}

/*
 * A number in a few bytes, so that small values, large ones and the
 * extremes are all a mutation away: 0..191 as is, up to 8191 in two
 * bytes, then four or eight bytes, and the last eight byte values for
 * U32_MAX - 3 .. U32_MAX and U64_MAX - 3 .. U64_MAX.
 */
static uint64_t take_number(struct reader *r)
{
	uint64_t tag = take_bytes(r, 1);

	if (tag < 0xc0)
		return tag;
	if (tag < 0xe0)
		return (tag - 0xc0) << 8 | take_bytes(r, 1);
	if (tag < 0xf0)
		return take_bytes(r, 4);
	if (tag < 0xf8)
		return take_bytes(r, 8);
	if (tag < 0xfc)
		return UINT32_MAX - (tag - 0xf8);
	return UINT64_MAX - (tag - 0xfc);
}

/* A u32 policy value: the extremes of take_number() map to U32_MAX. */
static uint32_t take_u32(struct reader *r)
{
	uint64_t value = take_number(r);

	return value > UINT32_MAX ? UINT32_MAX : value;
}

static void fail(unsigned int tick, const char *what)
{
	fprintf(stderr, "score_fuzz: tick %u: %s\n", tick, what);
	abort();
}

/* Every field of the policy, in order, so that a tick can change one. */
static uint32_t *policy_field(struct mg_score_policy *p, unsigned int i)
{
	uint32_t *const scalars[POLICY_SCALARS] = {
		&p->saturation_pct, &p->hash_threshold_pct, &p->rounding_pct,
		&p->hashing_full_s, &p->saturation_full_s, &p->suspect_score,
		&p->miner_score, &p->clear_after_s,
	};

	if (i < MG_SIG_COUNT)
		return &p->weight[i];
	return scalars[(i - MG_SIG_COUNT) % POLICY_SCALARS];
}

/* ---- The reference, from the contract in score.h and score.c ---- */

struct ref_state {
	uint64_t hashing_ms;
	uint32_t rounding_peak_pct;
	uint32_t points[MG_SIG_COUNT];
	uint32_t score;
	enum mg_verdict verdict;
	uint64_t verdict_since_s;
	int below;
	uint64_t below_since_s;
	char evidence[MG_SCORE_EVIDENCE_MAX];
};

/*
 * The full weight once value reaches full, in proportion before, rounded
 * down. A full of 0 is outside the contract ("at least 1"): it counts as
 * reached, which is what makes the harness accept it.
 */
static uint32_t ref_ramp(uint32_t weight, uint64_t value, uint64_t full)
{
	if (value >= full)
		return weight;
	return (__uint128_t)weight * value / full;
}

static const char *const ref_names[MG_SIG_COUNT] = {
	"hashing", "saturation", "stratum", "rounding", "jit", "hugepages",
	"msr", "thp", "exec_stack", "big_anon",
};

static uint64_t capped(__uint128_t sum)
{
	return sum > UINT64_MAX ? UINT64_MAX : (uint64_t)sum;
}

/* The value a signal shows in the evidence, and its unit. */
static uint64_t ref_value(const struct ref_state *ref,
			  const struct mg_score_input *in, int signal,
			  const char **unit)
{
	const uint64_t *mm = in->mm.v;

	*unit = "";
	switch (signal) {
	case MG_SIG_HASHING:
		*unit = "s";
		return ref->hashing_ms / 1000;
	case MG_SIG_SATURATION:
		*unit = "s";
		return in->saturated_s;
	case MG_SIG_STRATUM:
		return in->stratum_hits;
	case MG_SIG_ROUNDING:
		*unit = "%";
		return ref->rounding_peak_pct;
	/* Sums stop at U64_MAX, computed in 128 bits here. */
	case MG_SIG_JIT:
		return capped((__uint128_t)mm[MG_MM_ANON_EXEC] +
			      mm[MG_MM_WX_FLIPS]);
	case MG_SIG_HUGEPAGES:
		return capped((__uint128_t)mm[MG_MM_HUGETLB_2M] +
			      mm[MG_MM_HUGETLB_1G] + mm[MG_MM_HUGEPAGE_SYSCTL]);
	case MG_SIG_MSR:
		return capped((__uint128_t)mm[MG_MM_MSR_OPEN] +
			      mm[MG_MM_MSR_ALLOW_WRITES]);
	case MG_SIG_THP:
		return mm[MG_MM_THP_ADVISE];
	case MG_SIG_EXEC_STACK:
		return mm[MG_MM_EXEC_STACK];
	default:
		return mm[MG_MM_BIG_ANON];
	}
}

static uint32_t ref_points(const struct ref_state *ref,
			   const struct mg_score_policy *p,
			   const struct mg_score_input *in, int signal)
{
	const uint64_t *mm = in->mm.v;
	uint32_t weight = p->weight[signal];
	int seen;

	switch (signal) {
	case MG_SIG_HASHING:
		return ref_ramp(weight, ref->hashing_ms,
				(uint64_t)p->hashing_full_s * 1000);
	case MG_SIG_SATURATION:
		return ref_ramp(weight, in->saturated_s, p->saturation_full_s);
	case MG_SIG_STRATUM:
		return in->stratum_hits ? weight : 0;
	case MG_SIG_ROUNDING:
		seen = ref->rounding_peak_pct >= p->rounding_pct;
		break;
	case MG_SIG_JIT:
		seen = mm[MG_MM_ANON_EXEC] || mm[MG_MM_WX_FLIPS];
		break;
	case MG_SIG_HUGEPAGES:
		seen = mm[MG_MM_HUGETLB_2M] || mm[MG_MM_HUGETLB_1G] ||
		       mm[MG_MM_HUGEPAGE_SYSCTL];
		break;
	case MG_SIG_MSR:
		seen = mm[MG_MM_MSR_OPEN] || mm[MG_MM_MSR_ALLOW_WRITES];
		break;
	case MG_SIG_THP:
		seen = !!mm[MG_MM_THP_ADVISE];
		break;
	case MG_SIG_EXEC_STACK:
		seen = !!mm[MG_MM_EXEC_STACK];
		break;
	default:
		seen = !!mm[MG_MM_BIG_ANON];
		break;
	}
	/* Rounding and memory patterns count only once CPU was burnt. */
	return seen && in->saturated_s ? weight : 0;
}

static void ref_evidence(struct ref_state *ref,
			 const struct mg_score_input *in)
{
	char token[MG_SCORE_EVIDENCE_MAX];
	size_t used = 0, token_len;
	const char *unit;
	uint64_t value;
	int i;

	ref->evidence[0] = '\0';
	for (i = 0; i < MG_SIG_COUNT; i++) {
		if (!ref->points[i])
			continue;
		value = ref_value(ref, in, i, &unit);
		token_len = snprintf(token, sizeof(token), "%s%s=%llu%s:%u",
				     used ? " " : "", ref_names[i],
				     (unsigned long long)value, unit,
				     ref->points[i]);
		/* Whole tokens, and room for the NUL. */
		if (used + token_len + 1 > sizeof(ref->evidence))
			break;
		strcpy(ref->evidence + used, token);
		used += token_len;
	}
	if (!used)
		strcpy(ref->evidence, "none");
}

static enum mg_verdict ref_level(const struct mg_score_policy *p,
				 uint32_t score)
{
	if (score >= p->miner_score)
		return MG_VERDICT_MINER;
	if (score >= p->suspect_score)
		return MG_VERDICT_SUSPECT;
	return MG_VERDICT_CLEAN;
}

static void ref_init(struct ref_state *ref, uint64_t now_s)
{
	memset(ref, 0, sizeof(*ref));
	ref->verdict = MG_VERDICT_CLEAN;
	ref->verdict_since_s = now_s;
	strcpy(ref->evidence, "none");
}

/* Returns whether the verdict changed. */
static int ref_tick(struct ref_state *ref, const struct mg_score_policy *p,
		    const struct mg_score_input *in, uint64_t elapsed_ms,
		    uint64_t now_s)
{
	enum mg_verdict level;
	uint64_t sum = 0;
	int i;

	if (in->cpu_pct_short >= p->saturation_pct &&
	    in->hash_density_pct >= p->hash_threshold_pct)
		ref->hashing_ms += elapsed_ms;
	if (in->rounding_pct > ref->rounding_peak_pct)
		ref->rounding_peak_pct = in->rounding_pct;
	for (i = 0; i < MG_SIG_COUNT; i++) {
		ref->points[i] = ref_points(ref, p, in, i);
		sum += ref->points[i];
	}
	ref->score = sum < UINT32_MAX ? sum : UINT32_MAX;

	level = ref_level(p, ref->score);
	if (level >= ref->verdict) {
		/* The score supports the verdict, or a higher one at once. */
		ref->below = 0;
		ref_evidence(ref, in);
		if (level == ref->verdict)
			return 0;
	} else {
		/* Held by the delay, which starts at the first tick below. */
		if (!ref->below) {
			ref->below = 1;
			ref->below_since_s = now_s;
		}
		if (now_s - ref->below_since_s < p->clear_after_s)
			return 0;
		ref->below = 0;
		ref_evidence(ref, in);
	}
	ref->verdict = level;
	ref->verdict_since_s = now_s;
	return 1;
}

/* ---- The checks ---- */

static void check_state(unsigned int tick, const struct mg_score_state *st,
			const struct ref_state *ref,
			const struct mg_score_policy *p)
{
	uint64_t sum = 0;
	int i, scored = 0, none;

	if (st->hashing_ms != ref->hashing_ms)
		fail(tick, "hashing_ms differs from the reference");
	if (st->rounding_peak_pct != ref->rounding_peak_pct)
		fail(tick, "rounding_peak_pct differs from the reference");
	for (i = 0; i < MG_SIG_COUNT; i++) {
		if (st->points[i] > p->weight[i])
			fail(tick, "a signal scored above its weight");
		if (st->points[i] != ref->points[i]) {
			fprintf(stderr, "score_fuzz: %s: %u points, want %u\n",
				ref_names[i], st->points[i], ref->points[i]);
			fail(tick, "points differ from the reference");
		}
		sum += st->points[i];
		scored |= !!st->points[i];
	}
	if (st->score != (sum < UINT32_MAX ? sum : UINT32_MAX))
		fail(tick, "the score is not the saturated sum of the points");
	if (st->score != ref->score)
		fail(tick, "the score differs from the reference");
	if ((unsigned int)st->verdict >= MG_VERDICT_COUNT)
		fail(tick, "not a verdict");
	if (st->verdict != ref->verdict)
		fail(tick, "the verdict differs from the reference");
	if (st->verdict_since_s != ref->verdict_since_s)
		fail(tick, "verdict_since_s differs from the reference");

	if (!memchr(st->evidence, '\0', sizeof(st->evidence)))
		fail(tick, "the evidence is not NUL-terminated");
	if (strcmp(st->evidence, ref->evidence)) {
		fprintf(stderr, "score_fuzz: evidence \"%s\"\n", st->evidence);
		fprintf(stderr, "score_fuzz: wanted   \"%s\"\n", ref->evidence);
		fail(tick, "the evidence differs from the reference");
	}
	/* Refreshed at this tick, "none" means exactly that nothing scored. */
	none = !strcmp(st->evidence, "none");
	if (st->verdict == ref_level(p, st->score) && none == scored)
		fail(tick, "\"none\" does not say that no signal scored");
}

/* Returns the action mg_score_action() chose. */
static enum mg_action check_action(unsigned int tick,
				   const struct mg_action_policy *ap,
				   enum mg_verdict verdict, uint64_t held_s,
				   enum mg_action standing)
{
	enum mg_action action, said, most;

	action = mg_score_action(ap, verdict, held_s, standing);
	if (!ap->may_act || (unsigned int)verdict >= MG_VERDICT_COUNT) {
		if (action != MG_ACTION_NONE)
			fail(tick, "acted where it may not, or on no verdict");
		return action;
	}
	if ((unsigned int)action >= MG_ACTION_COUNT)
		fail(tick, "not an action");
	if (action < standing)
		fail(tick, "the action fell below the standing one");
	/* The header's "clean: none": clean never asks for anything. */
	said = verdict == MG_VERDICT_CLEAN ? MG_ACTION_NONE :
	       ap->on_verdict[verdict];
	most = said > standing ? said : standing;
	if (action > most)
		fail(tick, "stronger than both the policy and the standing");
	if (held_s < ap->grace_s && action > MG_ACTION_LOG &&
	    action > standing)
		fail(tick, "stronger than log within the grace period");
	if (action < (said < MG_ACTION_LOG ? said : MG_ACTION_LOG))
		fail(tick, "did not log a verdict the policy acts on");
	if (held_s >= ap->grace_s && action < said)
		fail(tick, "did not act after the grace period");
	return action;
}

/* A change of verdict or action, as the tick records it in the history. */
struct ref_change {
	uint64_t at_s;
	uint32_t score;
	enum mg_verdict verdict;
	enum mg_action action;
};

/*
 * The history against the changes recorded: the last MG_HISTORY_LEN,
 * oldest first, whole lines only, in SIZE bytes.
 */
static void check_history(unsigned int tick, const struct mg_history *h,
			  const struct ref_change *changes, unsigned int count,
			  size_t size)
{
	char got[600], want[600], line[80];
	unsigned int i = count > MG_HISTORY_LEN ? count - MG_HISTORY_LEN : 0;
	size_t len = 0, got_len;
	int n;

	want[0] = '\0';
	for (; i < count; i++) {
		n = snprintf(line, sizeof(line), "%llu %s %u %s\n",
			     (unsigned long long)changes[i].at_s,
			     mg_verdict_name(changes[i].verdict),
			     changes[i].score, mg_action_name(changes[i].action));
		if (len + n >= size)
			break;
		memcpy(want + len, line, n + 1);
		len += n;
	}
	memset(got, 'x', sizeof(got));
	got_len = mg_history_format(h, got, size);
	if (got_len != len || (size && strcmp(got, want)))
		fail(tick, "the history differs from the changes recorded");
	if (!size && got[0] != 'x')
		fail(tick, "the history wrote into a buffer of no bytes");
}

static enum mg_action take_action(struct reader *r)
{
	return take_bytes(r, 1) % MG_ACTION_COUNT;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader r = { data, size, 0 };
	struct mg_score_policy p;
	struct mg_action_policy ap;
	struct mg_score_input in;
	struct mg_score_state st;
	struct ref_state ref;
	enum mg_action standing = MG_ACTION_NONE, action;
	struct ref_change changes[MAX_TICKS];
	unsigned int nr_changes = 0;
	struct mg_history history;
	enum mg_verdict was;
	char kept[MG_SCORE_EVIDENCE_MAX];
	uint64_t now_s, elapsed_ms;
	unsigned int tick, i, more_flags, field;
	int flags, changed, want_changed;

	for (i = 0; i < POLICY_FIELDS; i++)
		*policy_field(&p, i) = take_u32(&r);
	for (i = 0; i < MG_VERDICT_COUNT; i++)
		ap.on_verdict[i] = take_action(&r);
	ap.grace_s = take_u32(&r);
	ap.may_act = take_bytes(&r, 1) & 1;
	/* Far enough below U64_MAX that MAX_TICKS u32 steps cannot wrap. */
	now_s = take_number(&r) >> 1;

	memset(&in, 0, sizeof(in));
	memset(&history, 0, sizeof(history));
	mg_score_init(&st, now_s);
	ref_init(&ref, now_s);
	check_state(0, &st, &ref, &p);

	for (tick = 1; tick <= MAX_TICKS && r.pos < r.size; tick++) {
		flags = take_bytes(&r, 1);
		more_flags = flags & TICK_MORE ? take_bytes(&r, 1) : 0;
		if (flags & TICK_CPU)
			in.cpu_pct_short = take_u32(&r);
		if (flags & TICK_SATURATED)
			in.saturated_s = take_number(&r);
		if (flags & TICK_DENSITY)
			in.hash_density_pct = take_u32(&r);
		if (flags & TICK_ROUNDING)
			in.rounding_pct = take_u32(&r);
		if (flags & TICK_STRATUM)
			in.stratum_hits = take_number(&r);
		if (flags & TICK_MM) {
			field = take_bytes(&r, 1) % MG_MM_NR_FIELDS;
			in.mm.v[field] = take_number(&r);
		}
		if (more_flags & TICK_POLICY) {
			field = take_bytes(&r, 1) % POLICY_FIELDS;
			*policy_field(&p, field) = take_u32(&r);
		}
		elapsed_ms = 1000;
		if (flags & TICK_TIME) {
			/* A tick's length fits u32, so hashing_ms never wraps. */
			elapsed_ms = (uint32_t)take_number(&r);
			now_s += (uint32_t)take_number(&r);
		} else {
			now_s++;
		}

		memcpy(kept, st.evidence, sizeof(kept));
		was = st.verdict;
		want_changed = ref_tick(&ref, &p, &in, elapsed_ms, now_s);
		changed = mg_score_tick(&st, &p, &in, elapsed_ms, now_s);
		if (changed != want_changed)
			fail(tick, "the return value differs from the reference");
		if (changed != (st.verdict != was))
			fail(tick, "the return value does not say the verdict changed");
		check_state(tick, &st, &ref, &p);
		if (st.verdict > ref_level(&p, st.score) &&
		    memcmp(kept, st.evidence, sizeof(kept)))
			fail(tick, "a held verdict changed its evidence");

		/* The job's own action, which only grows while it may act. */
		action = check_action(tick, &ap, st.verdict,
				      now_s - st.verdict_since_s, standing);
		/*
		 * Recorded as the module's tick does, then read back whole
		 * and into a buffer that cuts it somewhere.
		 */
		if (changed || action != standing) {
			mg_history_add(&history, now_s, st.verdict, st.score,
				       action);
			changes[nr_changes++] = (struct ref_change){
				now_s, st.score, st.verdict, action };
		}
		standing = action;
		check_history(tick, &history, changes, nr_changes, 512);
		check_history(tick, &history, changes, nr_changes,
			      (tick * 29 + st.score) % 160);
		if (more_flags & TICK_ACTION) {
			enum mg_verdict verdict = take_bytes(&r, 1);
			uint64_t held_s = take_number(&r);

			check_action(tick, &ap, verdict, held_s,
				     take_action(&r));
		}
	}
	return 0;
}
