/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_SAMPLER_H
#define _MG_SAMPLER_H

#include <linux/types.h>

/* What one tick's samples of a job found. */
struct mg_samples {
	u32 samples;		/* in user mode */
	u32 scanned;		/* of them, with code that could be read */
	u32 unreadable;		/* code not resident: skipped */
	u32 density_sum;	/* hashing density of the scanned, summed */
	u32 hashing;		/* scanned with density >= the threshold */
	u32 mxcsr_known;	/* with the task's MXCSR live */
	u32 mxcsr_nondefault;	/* of them, with a rounding mode not nearest */
	u32 mxcsr_changes;	/* rounding mode differed from the same task's
				 * previous sample on that CPU
				 */
};

int mg_sampler_init(void);
void mg_sampler_exit(void);
void mg_sampler_sync_rate(void);
void mg_sampler_flip(void);
void mg_sampler_drain(void);

#endif /* _MG_SAMPLER_H */
