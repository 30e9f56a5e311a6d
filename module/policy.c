// SPDX-License-Identifier: GPL-2.0
/*
 * The live policy. Hooks read it locklessly; writers (sysfs and module
 * parameters at load time) serialise on mg_policy_mutex so that checks
 * against the current value and the update happen as one step.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include "hashinsn.h"
#include "parse.h"
#include "policy.h"

struct mg_knob {
	const char *name;
	u32 value;
	u32 min;
	u32 max;
};

static DEFINE_MUTEX(mg_policy_mutex);
static enum mg_mode mg_mode_current = MG_MODE_OBSERVE;
static unsigned int mg_job_generation;

static struct mg_knob mg_knobs[MG_KNOB_COUNT] = {
	/* 0: every cgroup is its own job; N: descendants of level N join it. */
	[MG_KNOB_JOB_DEPTH] = { "job_depth", 0, 0, 64 },
	[MG_KNOB_MAX_CGROUPS] = { "max_cgroups", 16384, 16, 1048576 },
	[MG_KNOB_SATURATION_PCT] = { "saturation_pct", 25, 1, 100 },
	/* 0 stops the sampler. */
	[MG_KNOB_SAMPLE_HZ] = { "sample_hz", 100, 0, 1000 },
	[MG_KNOB_HASH_THRESHOLD_PCT] = { "hash_threshold_pct",
					 MG_HASHINSN_DEFAULT_THRESHOLD_PCT, 1,
					 100 },
};

enum mg_mode mg_policy_mode(void)
{
	return READ_ONCE(mg_mode_current);
}

int mg_policy_set_mode(enum mg_mode mode)
{
	if ((unsigned int)mode >= MG_MODE_COUNT)
		return -EINVAL;
	mutex_lock(&mg_policy_mutex);
	WRITE_ONCE(mg_mode_current, mode);
	mutex_unlock(&mg_policy_mutex);
	return 0;
}

u32 mg_policy_get(enum mg_knob_id id)
{
	return READ_ONCE(mg_knobs[id].value);
}

const char *mg_policy_knob_name(enum mg_knob_id id)
{
	return mg_knobs[id].name;
}

unsigned int mg_policy_job_generation(void)
{
	return READ_ONCE(mg_job_generation);
}

int mg_policy_store(enum mg_knob_id id, const char *buf, size_t len)
{
	struct mg_knob *knob = &mg_knobs[id];
	u32 value;
	int ret;

	ret = mg_parse_u32(buf, len, knob->min, knob->max, &value);
	if (ret)
		return ret;
	mutex_lock(&mg_policy_mutex);
	if (id == MG_KNOB_JOB_DEPTH && value != knob->value)
		WRITE_ONCE(mg_job_generation, mg_job_generation + 1);
	WRITE_ONCE(knob->value, value);
	mutex_unlock(&mg_policy_mutex);
	return 0;
}

/*
 * Load-time parameters share the sysfs parsers. They are read-only once
 * loaded: runtime changes go through /sys/kernel/minerguard, where the
 * capability check lives.
 */
static int mg_param_mode_set(const char *val, const struct kernel_param *kp)
{
	enum mg_mode mode;
	int ret;

	ret = mg_parse_mode(val, strlen(val), &mode);
	if (ret)
		return ret;
	return mg_policy_set_mode(mode);
}

static int mg_param_mode_get(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%s\n", mg_mode_name(mg_policy_mode()));
}

static const struct kernel_param_ops mg_param_mode_ops = {
	.set = mg_param_mode_set,
	.get = mg_param_mode_get,
};
module_param_cb(mode, &mg_param_mode_ops, NULL, 0444);
MODULE_PARM_DESC(mode, "off, observe (default) or enforce");

static int mg_param_knob_set(const char *val, const struct kernel_param *kp)
{
	const struct mg_knob *knob = kp->arg;

	return mg_policy_store(knob - mg_knobs, val, strlen(val));
}

static int mg_param_knob_get(char *buffer, const struct kernel_param *kp)
{
	const struct mg_knob *knob = kp->arg;

	return sysfs_emit(buffer, "%u\n", READ_ONCE(knob->value));
}

static const struct kernel_param_ops mg_param_knob_ops = {
	.set = mg_param_knob_set,
	.get = mg_param_knob_get,
};

#define MG_KNOB_PARAM(name, id, desc)					\
	module_param_cb(name, &mg_param_knob_ops, &mg_knobs[id], 0444);	\
	MODULE_PARM_DESC(name, desc)

MG_KNOB_PARAM(job_depth, MG_KNOB_JOB_DEPTH,
	      "cgroup level that makes a job (0: every cgroup is one)");
MG_KNOB_PARAM(max_cgroups, MG_KNOB_MAX_CGROUPS,
	      "most cgroups tracked at once (16-1048576, default 16384)");
MG_KNOB_PARAM(saturation_pct, MG_KNOB_SATURATION_PCT,
	      "short-window CPU share that counts as saturated (default 25)");
MG_KNOB_PARAM(sample_hz, MG_KNOB_SAMPLE_HZ,
	      "user-code samples per second of CPU time (0-1000, default 100)");
MG_KNOB_PARAM(hash_threshold_pct, MG_KNOB_HASH_THRESHOLD_PCT,
	      "code-window density that makes a hashing sample (default 40)");
