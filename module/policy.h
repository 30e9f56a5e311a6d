/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_POLICY_H
#define _MG_POLICY_H

#include <linux/types.h>
#include <linux/minerguard.h>

/* Numeric policy knobs: /sys/kernel/minerguard/policy/<name> and the
 * module parameter of the same name.
 */
enum mg_knob_id {
	MG_KNOB_JOB_DEPTH,
	MG_KNOB_MAX_CGROUPS,
	MG_KNOB_SATURATION_PCT,
	MG_KNOB_SAMPLE_HZ,
	MG_KNOB_HASH_THRESHOLD_PCT,
	MG_KNOB_COUNT
};

enum mg_mode mg_policy_mode(void);
int mg_policy_set_mode(enum mg_mode mode);

u32 mg_policy_get(enum mg_knob_id id);
int mg_policy_store(enum mg_knob_id id, const char *buf, size_t len);
const char *mg_policy_knob_name(enum mg_knob_id id);
/* Changes whenever job_depth does: tracked entries are then re-keyed. */
unsigned int mg_policy_job_generation(void);

#endif /* _MG_POLICY_H */
