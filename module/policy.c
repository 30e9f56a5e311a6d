// SPDX-License-Identifier: GPL-2.0
/*
 * The live policy: mode, knobs, allowlist and lock. Hooks read knobs
 * locklessly; writers (sysfs, and module parameters at load time)
 * serialise on mg_policy_mutex so that checks against the current value
 * and the update happen as one step.
 *
 * Once locked, policy can only be tightened until reboot: the mode only
 * rises, each knob only moves in its stricter direction (some cannot move
 * at all), allowlist entries can only go, and the module stays loaded.
 */
#include <linux/list.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "hashinsn.h"
#include "parse.h"
#include "policy.h"

struct mg_knob {
	const char *name;
	u32 value;
	u32 min;
	u32 max;
	/* Once locked: +1 may only rise, -1 only fall, 0 cannot change. */
	s8 stricter;
	/* For a knob read and written by name: the name of each value. */
	const char *(*name_of)(u32 value);
};

static DEFINE_MUTEX(mg_policy_mutex);
static enum mg_mode mg_mode_current = MG_MODE_OBSERVE;
static unsigned int mg_job_generation;
static bool mg_locked;
static bool mg_pinned;		/* holds a module reference for the lock */

static const char *mg_knob_action_name(u32 value)
{
	return mg_action_name(value);
}

static const char *mg_knob_stratum_action_name(u32 value)
{
	return mg_stratum_action_name(value);
}

/* Named knobs have at most this many values. */
#define MG_KNOB_MAX_NAMES 8
static_assert(MG_ACTION_COUNT <= MG_KNOB_MAX_NAMES);
static_assert(MG_STRATUM_ACTION_NR <= MG_KNOB_MAX_NAMES);
#define MG_DAY_S 86400
#define MG_WEIGHT_MAX 1000000

#define MG_WEIGHT(sig, name, def)					\
	[MG_KNOB_WEIGHT_FIRST + (sig)] = { "weight_" name, def, 0,	\
					   MG_WEIGHT_MAX, 1 }

static struct mg_knob mg_knobs[MG_KNOB_COUNT] = {
	/* 0: every cgroup is its own job; N: descendants of level N join it. */
	[MG_KNOB_JOB_DEPTH] = { "job_depth", 0, 0, 64, 0 },
	[MG_KNOB_MAX_CGROUPS] = { "max_cgroups", 16384, 16, 1048576, 1 },
	[MG_KNOB_SATURATION_PCT] = { "saturation_pct",
				     MG_SCORE_DEFAULT_SATURATION_PCT, 1, 100,
				     -1 },
	/* 0 stops the sampler. */
	[MG_KNOB_SAMPLE_HZ] = { "sample_hz", 100, 0, 1000, 1 },
	[MG_KNOB_HASH_THRESHOLD_PCT] = { "hash_threshold_pct",
					 MG_HASHINSN_DEFAULT_THRESHOLD_PCT, 1,
					 100, -1 },
	[MG_KNOB_SUSPECT_SCORE] = { "suspect_score", MG_SCORE_DEFAULT_SUSPECT,
				    1, 100000, -1 },
	[MG_KNOB_MINER_SCORE] = { "miner_score", MG_SCORE_DEFAULT_MINER,
				  1, 100000, -1 },
	[MG_KNOB_CLEAR_AFTER_S] = { "clear_after_s",
				    MG_SCORE_DEFAULT_CLEAR_AFTER_S, 0,
				    MG_DAY_S, 1 },
	[MG_KNOB_GRACE_S] = { "grace_s", 5, 0, MG_DAY_S, -1 },
	[MG_KNOB_HASHING_FULL_S] = { "hashing_full_s",
				     MG_SCORE_DEFAULT_HASHING_FULL_S, 1,
				     MG_DAY_S, -1 },
	[MG_KNOB_SATURATION_FULL_S] = { "saturation_full_s",
					MG_SCORE_DEFAULT_SATURATION_FULL_S, 1,
					MG_DAY_S, -1 },
	[MG_KNOB_ROUNDING_PCT] = { "rounding_pct",
				   MG_SCORE_DEFAULT_ROUNDING_PCT, 1, 100, -1 },
	MG_WEIGHT(MG_SIG_HASHING, "hashing", MG_SCORE_DEFAULT_W_HASHING),
	MG_WEIGHT(MG_SIG_SATURATION, "saturation",
		  MG_SCORE_DEFAULT_W_SATURATION),
	MG_WEIGHT(MG_SIG_STRATUM, "stratum", MG_SCORE_DEFAULT_W_STRATUM),
	MG_WEIGHT(MG_SIG_ROUNDING, "rounding", MG_SCORE_DEFAULT_W_ROUNDING),
	MG_WEIGHT(MG_SIG_JIT, "jit", MG_SCORE_DEFAULT_W_JIT),
	MG_WEIGHT(MG_SIG_HUGEPAGES, "hugepages", MG_SCORE_DEFAULT_W_HUGEPAGES),
	MG_WEIGHT(MG_SIG_MSR, "msr", MG_SCORE_DEFAULT_W_MSR),
	MG_WEIGHT(MG_SIG_THP, "thp", MG_SCORE_DEFAULT_W_THP),
	MG_WEIGHT(MG_SIG_EXEC_STACK, "exec_stack",
		  MG_SCORE_DEFAULT_W_EXEC_STACK),
	MG_WEIGHT(MG_SIG_BIG_ANON, "big_anon", MG_SCORE_DEFAULT_W_BIG_ANON),
	[MG_KNOB_ACTION_SUSPECT] = { "action_suspect", MG_ACTION_LOG, 0,
				     MG_ACTION_COUNT - 1, 1,
				     mg_knob_action_name },
	[MG_KNOB_ACTION_MINER] = { "action_miner", MG_ACTION_FREEZE, 0,
				   MG_ACTION_COUNT - 1, 1, mg_knob_action_name },
	[MG_KNOB_STRATUM_ACTION] = { "stratum_action", MG_STRATUM_ACTION_COUNT,
				     0, MG_STRATUM_ACTION_NR - 1, 1,
				     mg_knob_stratum_action_name },
};

enum mg_mode mg_policy_mode(void)
{
	return READ_ONCE(mg_mode_current);
}

int mg_policy_set_mode(enum mg_mode mode)
{
	int ret = 0;

	if ((unsigned int)mode >= MG_MODE_COUNT)
		return -EINVAL;
	mutex_lock(&mg_policy_mutex);
	if (mg_locked && mode < mg_mode_current)
		ret = -EPERM;
	else
		WRITE_ONCE(mg_mode_current, mode);
	mutex_unlock(&mg_policy_mutex);
	return ret;
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

/* The sysfs value of a knob: its name if it has names, else the number. */
int mg_policy_show(enum mg_knob_id id, char *buf)
{
	u32 value = mg_policy_get(id);

	if (mg_knobs[id].name_of)
		return sysfs_emit(buf, "%s\n", mg_knobs[id].name_of(value));
	return sysfs_emit(buf, "%u\n", value);
}

static int mg_policy_parse(const struct mg_knob *knob, const char *buf,
			   size_t len, u32 *value)
{
	const char *names[MG_KNOB_MAX_NAMES];
	unsigned int i, count = knob->max - knob->min + 1;
	int ret;

	if (!knob->name_of)
		return mg_parse_u32(buf, len, knob->min, knob->max, value);
	for (i = 0; i < count; i++)
		names[i] = knob->name_of(knob->min + i);
	ret = mg_parse_name(buf, len, names, count, &i);
	if (!ret)
		*value = knob->min + i;
	return ret;
}

static bool mg_policy_tightens(const struct mg_knob *knob, u32 value)
{
	if (value == knob->value)
		return true;
	if (knob->stricter > 0)
		return value > knob->value;
	if (knob->stricter < 0)
		return value < knob->value;
	return false;
}

int mg_policy_store(enum mg_knob_id id, const char *buf, size_t len)
{
	struct mg_knob *knob = &mg_knobs[id];
	u32 value;
	int ret;

	ret = mg_policy_parse(knob, buf, len, &value);
	if (ret)
		return ret;
	mutex_lock(&mg_policy_mutex);
	if (mg_locked && !mg_policy_tightens(knob, value)) {
		ret = -EPERM;
	} else {
		if (id == MG_KNOB_JOB_DEPTH && value != knob->value)
			WRITE_ONCE(mg_job_generation, mg_job_generation + 1);
		WRITE_ONCE(knob->value, value);
	}
	mutex_unlock(&mg_policy_mutex);
	return ret;
}

/* A snapshot for one tick; knobs may change between reads, harmlessly. */
void mg_policy_score(struct mg_score_policy *p)
{
	int i;

	for (i = 0; i < MG_SIG_COUNT; i++)
		p->weight[i] = mg_policy_get(MG_KNOB_WEIGHT_FIRST + i);
	p->saturation_pct = mg_policy_get(MG_KNOB_SATURATION_PCT);
	p->hash_threshold_pct = mg_policy_get(MG_KNOB_HASH_THRESHOLD_PCT);
	p->rounding_pct = mg_policy_get(MG_KNOB_ROUNDING_PCT);
	p->hashing_full_s = mg_policy_get(MG_KNOB_HASHING_FULL_S);
	p->saturation_full_s = mg_policy_get(MG_KNOB_SATURATION_FULL_S);
	p->suspect_score = mg_policy_get(MG_KNOB_SUSPECT_SCORE);
	p->miner_score = mg_policy_get(MG_KNOB_MINER_SCORE);
	p->clear_after_s = mg_policy_get(MG_KNOB_CLEAR_AFTER_S);
}

/* The actions per verdict and the grace period; may_act is the caller's. */
void mg_policy_actions(struct mg_action_policy *ap)
{
	ap->on_verdict[MG_VERDICT_CLEAN] = MG_ACTION_NONE;
	ap->on_verdict[MG_VERDICT_SUSPECT] =
		mg_policy_get(MG_KNOB_ACTION_SUSPECT);
	ap->on_verdict[MG_VERDICT_MINER] = mg_policy_get(MG_KNOB_ACTION_MINER);
	ap->grace_s = mg_policy_get(MG_KNOB_GRACE_S);
	ap->may_act = false;
}

bool mg_policy_locked(void)
{
	return READ_ONCE(mg_locked);
}

/* Locked modules stay loaded: the reference is never dropped. */
static void mg_policy_pin(void)
{
	if (mg_locked && !mg_pinned) {
		__module_get(THIS_MODULE);
		mg_pinned = true;
	}
}

int mg_policy_lock(void)
{
	mutex_lock(&mg_policy_mutex);
	WRITE_ONCE(mg_locked, true);
	mg_policy_pin();
	mutex_unlock(&mg_policy_mutex);
	return 0;
}

/* For locked=1 at load time, once the module is up. */
void mg_policy_pin_if_locked(void)
{
	mutex_lock(&mg_policy_mutex);
	mg_policy_pin();
	mutex_unlock(&mg_policy_mutex);
}

/*
 * The allowlist: cgroup path prefixes whose jobs are judged but never
 * acted on. Bounded so that its listing fits one sysfs page.
 */
struct mg_allow_entry {
	struct list_head node;
	size_t len;
	char path[];
};

static LIST_HEAD(mg_allow_list);
static size_t mg_allow_bytes;		/* of the listing, newlines included */
static unsigned int mg_allow_generation;

static struct mg_allow_entry *mg_allow_find(const char *path, size_t len)
{
	struct mg_allow_entry *e;

	list_for_each_entry(e, &mg_allow_list, node)
		if (e->len == len && !memcmp(e->path, path, len))
			return e;
	return NULL;
}

/**
 * mg_policy_allow_write() - add or remove an allowlist entry
 * @buf: "+PATH" or "-PATH"
 * @len: bytes in @buf
 *
 * Adding an entry already there changes nothing and succeeds.
 *
 * Return: 0, -EINVAL or -ENAMETOOLONG for a bad entry, -ENOENT to remove
 * one that is not there, -ENOSPC when the list is full, -EPERM to add
 * while locked, -ENOMEM.
 */
int mg_policy_allow_write(const char *buf, size_t len)
{
	struct mg_allow_entry *entry, *found;
	const char *path;
	size_t path_len;
	bool add;
	int ret;

	ret = mg_parse_allow(buf, len, &add, &path, &path_len);
	if (ret)
		return ret;
	entry = kmalloc(struct_size(entry, path, path_len + 1), GFP_KERNEL);
	if (!entry)
		return -ENOMEM;
	entry->len = path_len;
	memcpy(entry->path, path, path_len);
	entry->path[path_len] = '\0';

	mutex_lock(&mg_policy_mutex);
	found = mg_allow_find(entry->path, path_len);
	if (!add) {
		if (found) {
			list_del(&found->node);
			mg_allow_bytes -= found->len + 1;
			WRITE_ONCE(mg_allow_generation, mg_allow_generation + 1);
			kfree(found);
		} else {
			ret = -ENOENT;
		}
	} else if (!found) {
		if (mg_locked) {
			ret = -EPERM;
		} else if (mg_allow_bytes + path_len + 1 > PAGE_SIZE) {
			ret = -ENOSPC;
		} else {
			list_add_tail(&entry->node, &mg_allow_list);
			mg_allow_bytes += path_len + 1;
			WRITE_ONCE(mg_allow_generation, mg_allow_generation + 1);
			entry = NULL;
		}
	}
	mutex_unlock(&mg_policy_mutex);
	kfree(entry);
	return ret;
}

int mg_policy_allow_show(char *buf)
{
	struct mg_allow_entry *e;
	int len = 0;

	mutex_lock(&mg_policy_mutex);
	list_for_each_entry(e, &mg_allow_list, node)
		len += sysfs_emit_at(buf, len, "%s\n", e->path);
	mutex_unlock(&mg_policy_mutex);
	return len;
}

bool mg_policy_allowed(const char *path)
{
	struct mg_allow_entry *e;
	bool allowed = false;

	mutex_lock(&mg_policy_mutex);
	list_for_each_entry(e, &mg_allow_list, node) {
		if (mg_allow_matches(e->path, path)) {
			allowed = true;
			break;
		}
	}
	mutex_unlock(&mg_policy_mutex);
	return allowed;
}

unsigned int mg_policy_allow_generation(void)
{
	return READ_ONCE(mg_allow_generation);
}

void mg_policy_exit(void)
{
	struct mg_allow_entry *e, *next;

	list_for_each_entry_safe(e, next, &mg_allow_list, node)
		kfree(e);
	INIT_LIST_HEAD(&mg_allow_list);
	mg_allow_bytes = 0;
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

/* The module is pinned by mg_policy_pin_if_locked() once it is up. */
static int mg_param_locked_set(const char *val, const struct kernel_param *kp)
{
	u32 value;
	int ret;

	ret = mg_parse_u32(val, strlen(val), 0, 1, &value);
	if (ret)
		return ret;
	if (value)
		WRITE_ONCE(mg_locked, true);
	return 0;
}

static int mg_param_locked_get(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%d\n", mg_policy_locked());
}

static const struct kernel_param_ops mg_param_locked_ops = {
	.set = mg_param_locked_set,
	.get = mg_param_locked_get,
};
module_param_cb(locked, &mg_param_locked_ops, NULL, 0444);
MODULE_PARM_DESC(locked, "1: policy can only be tightened, no unload");

static int mg_param_knob_set(const char *val, const struct kernel_param *kp)
{
	const struct mg_knob *knob = kp->arg;

	return mg_policy_store(knob - mg_knobs, val, strlen(val));
}

static int mg_param_knob_get(char *buffer, const struct kernel_param *kp)
{
	const struct mg_knob *knob = kp->arg;

	return mg_policy_show(knob - mg_knobs, buffer);
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
	      "short-window CPU share that counts as saturated (default 20)");
MG_KNOB_PARAM(sample_hz, MG_KNOB_SAMPLE_HZ,
	      "user-code samples per second of CPU time (0-1000, default 100)");
MG_KNOB_PARAM(hash_threshold_pct, MG_KNOB_HASH_THRESHOLD_PCT,
	      "code-window density that makes a hashing sample (default 40)");
MG_KNOB_PARAM(suspect_score, MG_KNOB_SUSPECT_SCORE,
	      "score that makes a job suspect (default 50)");
MG_KNOB_PARAM(miner_score, MG_KNOB_MINER_SCORE,
	      "score that makes a job a miner (default 100)");
MG_KNOB_PARAM(clear_after_s, MG_KNOB_CLEAR_AFTER_S,
	      "seconds below its threshold before a verdict falls (default 60)");
MG_KNOB_PARAM(grace_s, MG_KNOB_GRACE_S,
	      "seconds a verdict holds before throttle/freeze/kill (default 5)");
MG_KNOB_PARAM(hashing_full_s, MG_KNOB_HASHING_FULL_S,
	      "hashing seconds that earn weight_hashing in full (default 30)");
MG_KNOB_PARAM(saturation_full_s, MG_KNOB_SATURATION_FULL_S,
	      "saturated seconds that earn weight_saturation (default 600)");
MG_KNOB_PARAM(rounding_pct, MG_KNOB_ROUNDING_PCT,
	      "share of samples in a non-default rounding mode (default 20)");
MG_KNOB_PARAM(weight_hashing, MG_KNOB_WEIGHT_FIRST + MG_SIG_HASHING,
	      "points for sustained hashing (default 60)");
MG_KNOB_PARAM(weight_saturation, MG_KNOB_WEIGHT_FIRST + MG_SIG_SATURATION,
	      "points for saturating the CPUs (default 5)");
MG_KNOB_PARAM(weight_stratum, MG_KNOB_WEIGHT_FIRST + MG_SIG_STRATUM,
	      "points for speaking stratum (default 60)");
MG_KNOB_PARAM(weight_rounding, MG_KNOB_WEIGHT_FIRST + MG_SIG_ROUNDING,
	      "points for RandomX rounding-mode changes (default 40)");
MG_KNOB_PARAM(weight_jit, MG_KNOB_WEIGHT_FIRST + MG_SIG_JIT,
	      "points for anonymous executable memory (default 25)");
MG_KNOB_PARAM(weight_hugepages, MG_KNOB_WEIGHT_FIRST + MG_SIG_HUGEPAGES,
	      "points for hugetlb requests (default 20)");
MG_KNOB_PARAM(weight_msr, MG_KNOB_WEIGHT_FIRST + MG_SIG_MSR,
	      "points for MSR writes (default 40)");
MG_KNOB_PARAM(weight_thp, MG_KNOB_WEIGHT_FIRST + MG_SIG_THP,
	      "points for MADV_HUGEPAGE (default 4)");
MG_KNOB_PARAM(weight_exec_stack, MG_KNOB_WEIGHT_FIRST + MG_SIG_EXEC_STACK,
	      "points for executable stacks (default 4)");
MG_KNOB_PARAM(weight_big_anon, MG_KNOB_WEIGHT_FIRST + MG_SIG_BIG_ANON,
	      "points for big anonymous mappings (default 4)");
MG_KNOB_PARAM(action_suspect, MG_KNOB_ACTION_SUSPECT,
	      "none, log (default), throttle, freeze or kill");
MG_KNOB_PARAM(action_miner, MG_KNOB_ACTION_MINER,
	      "none, log, throttle, freeze (default) or kill");
MG_KNOB_PARAM(stratum_action, MG_KNOB_STRATUM_ACTION,
	      "count (default) or drop the packets of stratum connections");
