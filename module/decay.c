// SPDX-License-Identifier: GPL-2.0
/*
 * Decaying averages (see decay.h). Pure: KUnit, the host tests and the
 * module run this very file.
 */
#include <linux/math64.h>
#include "decay.h"

/**
 * mg_decay_tick() - fold one tick into a decaying average
 * @avg: the average
 * @ticks: N, the average's horizon in ticks; 0 and 1 keep no past
 * @sum: this tick's sum of the per-sample values
 * @count: this tick's number of samples
 */
void mg_decay_tick(struct mg_decay *avg, u32 ticks, u32 sum, u32 count)
{
	if (ticks > 1) {
		avg->sum -= div_u64(avg->sum, ticks);
		avg->count -= div_u64(avg->count, ticks);
	} else {
		avg->sum = 0;
		avg->count = 0;
	}
	avg->sum += (u64)sum << MG_DECAY_SHIFT;
	avg->count += (u64)count << MG_DECAY_SHIFT;
}

/**
 * mg_decay_mean() - the average value per sample, rounded to nearest
 * @avg: the average
 * @min_count: fewer (decayed) samples than this, at least 1, mean 0
 *
 * A few samples say little: a job that hashed for a tenth of a second
 * averages 0 until it has been sampled @min_count times.
 */
u32 mg_decay_mean(const struct mg_decay *avg, u32 min_count)
{
	if (!min_count)
		min_count = 1;
	if (avg->count < ((u64)min_count << MG_DECAY_SHIFT))
		return 0;
	/* sum and count round down separately: round the ratio to nearest. */
	return div64_u64(avg->sum + avg->count / 2, avg->count);
}
