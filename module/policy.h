/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_POLICY_H
#define _MG_POLICY_H

#include <linux/types.h>
#include <linux/minerguard.h>
#include "score.h"

/*
 * Policy knobs: /sys/kernel/minerguard/policy/<name> and the module
 * parameter of the same name. The weights follow enum mg_signal.
 */
enum mg_knob_id {
	MG_KNOB_JOB_DEPTH,
	MG_KNOB_MAX_CGROUPS,
	MG_KNOB_SATURATION_PCT,
	MG_KNOB_SAMPLE_HZ,
	MG_KNOB_HASH_THRESHOLD_PCT,
	MG_KNOB_SUSPECT_SCORE,
	MG_KNOB_MINER_SCORE,
	MG_KNOB_CLEAR_AFTER_S,
	MG_KNOB_GRACE_S,
	MG_KNOB_HASHING_FULL_S,
	MG_KNOB_SATURATION_FULL_S,
	MG_KNOB_ROUNDING_PCT,
	MG_KNOB_WEIGHT_FIRST,
	MG_KNOB_ACTION_SUSPECT = MG_KNOB_WEIGHT_FIRST + MG_SIG_COUNT,
	MG_KNOB_ACTION_MINER,
	MG_KNOB_STRATUM_ACTION,
	MG_KNOB_COUNT
};

enum mg_mode mg_policy_mode(void);
int mg_policy_set_mode(enum mg_mode mode);

u32 mg_policy_get(enum mg_knob_id id);
int mg_policy_store(enum mg_knob_id id, const char *buf, size_t len);
int mg_policy_show(enum mg_knob_id id, char *buf);
const char *mg_policy_knob_name(enum mg_knob_id id);
/* Changes whenever job_depth does: tracked entries are then re-keyed. */
unsigned int mg_policy_job_generation(void);

void mg_policy_score(struct mg_score_policy *p);
void mg_policy_actions(struct mg_action_policy *ap);

bool mg_policy_locked(void);
int mg_policy_lock(void);
void mg_policy_pin_if_locked(void);

int mg_policy_allow_write(const char *buf, size_t len);
int mg_policy_allow_show(char *buf);
bool mg_policy_allowed(const char *path);
/* Changes whenever the allowlist does. */
unsigned int mg_policy_allow_generation(void);
void mg_policy_exit(void);

#endif /* _MG_POLICY_H */
