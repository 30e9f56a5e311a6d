/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Decaying averages of per-sample values, fed once per tick: what share of
 * a job's recent samples had some property, or the mean of a per-sample
 * score. Each tick adds that tick's sum and sample count and first keeps
 * (N - 1) / N of the past, so a tick's weight halves about every 0.7 N
 * ticks; with N = 10 the average follows the last ten seconds or so, with
 * N = 300 the last five minutes. After enough ticks of a constant input the
 * average equals that input, rounded to nearest.
 *
 * Sums are fixed point with MG_DECAY_SHIFT fraction bits: a tick adds at
 * most U32_MAX, so a sum stays below N * 2^48 and u64 never overflows for
 * N up to 32768 (the rounding in mg_decay_mean() adds half a count).
 *
 * Pure code, no locking: the caller serialises calls on one average.
 */
#ifndef _MG_DECAY_H
#define _MG_DECAY_H

#include <linux/types.h>

#define MG_DECAY_SHIFT 16

struct mg_decay {
	u64 sum;	/* of the per-sample values, decayed, << MG_DECAY_SHIFT */
	u64 count;	/* samples, decayed, << MG_DECAY_SHIFT */
};

void mg_decay_tick(struct mg_decay *avg, u32 ticks, u32 sum, u32 count);
u32 mg_decay_mean(const struct mg_decay *avg, u32 min_count);

#endif /* _MG_DECAY_H */
