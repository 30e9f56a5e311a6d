// SPDX-License-Identifier: GPL-2.0
/*
 * The per-cgroup (per-job) table: one entry per cgroup v2 id that has run,
 * each with a directory /sys/kernel/minerguard/cgroups/<id>/.
 *
 * Only the tick changes the table (process context, mg_cgroups_mutex), so
 * hooks never see it: they accumulate per CPU and the tick folds. sysfs
 * readers see an entry through its kobject, whose release frees it; they
 * read values the tick stored, never the table itself.
 */
#include <linux/hashtable.h>
#include <linux/kobject.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/seqlock.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "cglimits.h"
#include "cgroups.h"
#include "cpuwin.h"
#include "decay.h"
#include "enforce.h"
#include "mmclass.h"
#include "net_hooks.h"
#include "policy.h"
#include "score.h"
#include "sysfs.h"

/* Limits are re-read this often while a cgroup is active. */
#define MG_LIMITS_REFRESH_TICKS 10
/* Horizons of the sample averages, in ticks (seconds). */
#define MG_SAMPLES_SHORT_TICKS 10
#define MG_SAMPLES_LONG_TICKS 300
/* Processes of a job named in mm_processes. */
#define MG_MM_PROCS 4

/* A process of the job that produced memory-pattern events. */
struct mg_mm_proc {
	u64 events;
	u32 tgid;			/* 0: free */
	char comm[TASK_COMM_LEN];
};

struct mg_cgroup {
	struct kobject kobj;
	struct hlist_node hash_node;
	struct list_head lru_node;	/* least recently active first */
	u64 id;
	char *path;
	u64 runtime_pending_ns;		/* charged since the last advance */
	u32 running_pending;		/* running tasks seen this tick */
	u32 limits_tick;		/* wraps after 136 years: harmless */
	struct mg_cpuwin win;
	/* Published for sysfs by the tick. */
	u32 cpus_allowed_milli;
	u32 nr_tasks;
	u32 cpu_pct_short;
	u32 cpu_pct_long;
	u64 busy_cpu_s;
	u64 saturated_s;
	struct mg_samples samples_pending;	/* since the last advance */
	struct mg_decay density_short;	/* hashing density per sample */
	struct mg_decay density_long;
	struct mg_decay nondefault_short;	/* 100 per non-default MXCSR */
	u64 samples;			/* totals since the entry appeared */
	u64 hash_samples;
	u64 mxcsr_rounding_changes;
	u32 hash_density_pct_short;	/* published by the tick */
	u32 hash_density_pct_long;
	u32 mxcsr_nondefault_pct;
	struct mg_mm_counts mm;		/* since the entry was created */
	u64 stratum_hits;		/* connections that spoke stratum */
	seqcount_mutex_t mm_procs_seq;	/* writers hold mg_cgroups_mutex */
	struct mg_mm_proc mm_procs[MG_MM_PROCS];
	/* Judgement: score, verdict and evidence under verdict_seq. */
	seqcount_mutex_t verdict_seq;
	enum mg_action action;		/* standing on the job */
	unsigned int allow_generation;	/* of the allowlist it was matched to */
	bool allowed;			/* matches the allowlist */
	struct mg_score_state score;
	struct mg_history history;	/* changes of verdict or action */
};

static DEFINE_MUTEX(mg_cgroups_mutex);
static DEFINE_HASHTABLE(mg_cgroups_table, 12);
static LIST_HEAD(mg_cgroups_lru);
static struct kobject *mg_cgroups_kobj;
/* Its own cache, so that /proc/slabinfo shows what the table costs. */
static struct kmem_cache *mg_cgroups_cache;
static u32 mg_cgroups_tick;
static unsigned int mg_cgroups_job_generation;

/* stats/: written by the tick, read by sysfs. */
static unsigned long mg_stat_tracked;
static u64 mg_stat_evicted;
static u64 mg_stat_removed;
static u64 mg_stat_dropped_ns;
static u64 mg_stat_tick_last_us;
static u64 mg_stat_tick_max_us;
static u64 mg_stat_verdict_changes;

static struct mg_cgroup *mg_cgroup_of(struct kobject *kobj)
{
	return container_of(kobj, struct mg_cgroup, kobj);
}

static void mg_cgroup_release(struct kobject *kobj)
{
	struct mg_cgroup *cg = mg_cgroup_of(kobj);

	kfree(cg->path);
	kmem_cache_free(mg_cgroups_cache, cg);
}

#define MG_CGROUP_SHOW(field, fmt)					\
static ssize_t field##_show(struct kobject *kobj,			\
			    struct kobj_attribute *attr, char *buf)	\
{									\
	return sysfs_emit(buf, fmt "\n",				\
			  READ_ONCE(mg_cgroup_of(kobj)->field));	\
}									\
static struct kobj_attribute mg_cgroup_attr_##field = __ATTR_RO(field)

MG_CGROUP_SHOW(cpu_pct_short, "%u");
MG_CGROUP_SHOW(cpu_pct_long, "%u");
MG_CGROUP_SHOW(busy_cpu_s, "%llu");
MG_CGROUP_SHOW(saturated_s, "%llu");
MG_CGROUP_SHOW(nr_tasks, "%u");
MG_CGROUP_SHOW(cpus_allowed_milli, "%u");
MG_CGROUP_SHOW(samples, "%llu");
MG_CGROUP_SHOW(hash_samples, "%llu");
MG_CGROUP_SHOW(hash_density_pct_short, "%u");
MG_CGROUP_SHOW(hash_density_pct_long, "%u");
MG_CGROUP_SHOW(mxcsr_rounding_changes, "%llu");
MG_CGROUP_SHOW(mxcsr_nondefault_pct, "%u");
MG_CGROUP_SHOW(stratum_hits, "%llu");

static ssize_t score_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(mg_cgroup_of(kobj)->score.score));
}

static ssize_t hashing_s_show(struct kobject *kobj,
			      struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n",
			  div_u64(READ_ONCE(mg_cgroup_of(kobj)->score.hashing_ms),
				  MSEC_PER_SEC));
}

static ssize_t verdict_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n", mg_verdict_name(
				READ_ONCE(mg_cgroup_of(kobj)->score.verdict)));
}

static ssize_t verdict_since_show(struct kobject *kobj,
				  struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n",
			  READ_ONCE(mg_cgroup_of(kobj)->score.verdict_since_s));
}

static ssize_t action_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  mg_action_name(READ_ONCE(mg_cgroup_of(kobj)->action)));
}

static ssize_t allowed_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(mg_cgroup_of(kobj)->allowed));
}

static ssize_t evidence_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	struct mg_cgroup *cg = mg_cgroup_of(kobj);
	unsigned int seq;
	int len;

	do {
		seq = read_seqcount_begin(&cg->verdict_seq);
		len = sysfs_emit(buf, "%s\n", cg->score.evidence);
	} while (read_seqcount_retry(&cg->verdict_seq, seq));
	return len;
}

static ssize_t verdict_history_show(struct kobject *kobj,
				    struct kobj_attribute *attr, char *buf)
{
	struct mg_cgroup *cg = mg_cgroup_of(kobj);
	unsigned int seq;
	size_t len;

	do {
		seq = read_seqcount_begin(&cg->verdict_seq);
		len = mg_history_format(&cg->history, buf, PAGE_SIZE);
	} while (read_seqcount_retry(&cg->verdict_seq, seq));
	return len;
}

static struct kobj_attribute mg_cgroup_attr_score = __ATTR_RO(score);
static struct kobj_attribute mg_cgroup_attr_hashing_s = __ATTR_RO(hashing_s);
static struct kobj_attribute mg_cgroup_attr_verdict = __ATTR_RO(verdict);
static struct kobj_attribute mg_cgroup_attr_verdict_since =
	__ATTR_RO(verdict_since);
static struct kobj_attribute mg_cgroup_attr_action = __ATTR_RO(action);
static struct kobj_attribute mg_cgroup_attr_verdict_history =
	__ATTR_RO(verdict_history);
static struct kobj_attribute mg_cgroup_attr_allowed = __ATTR_RO(allowed);
static struct kobj_attribute mg_cgroup_attr_evidence = __ATTR_RO(evidence);

static ssize_t path_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", mg_cgroup_of(kobj)->path);
}

static struct kobj_attribute mg_cgroup_attr_path = __ATTR_RO(path);

/* One attribute per memory-pattern counter, named as in mmclass.h. */
struct mg_mm_attr {
	struct kobj_attribute attr;
	enum mg_mm_field field;
};

static ssize_t mg_mm_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	enum mg_mm_field field = container_of(attr, struct mg_mm_attr,
					      attr)->field;

	return sysfs_emit(buf, "%llu\n",
			  READ_ONCE(mg_cgroup_of(kobj)->mm.v[field]));
}

/* Filled in by mg_cgroups_init() with the names mmclass.c gives. */
static struct mg_mm_attr mg_mm_attrs[MG_MM_NR_FIELDS];

/*
 * mm_processes: "TGID EVENTS COMM" per line, most events first; COMM is
 * last because it may hold spaces, and escaped.
 */
static ssize_t mm_processes_show(struct kobject *kobj,
				 struct kobj_attribute *attr, char *buf)
{
	struct mg_cgroup *cg = mg_cgroup_of(kobj);
	struct mg_mm_proc procs[MG_MM_PROCS], tmp;
	unsigned int seq;
	int i, j, len = 0;

	do {
		seq = read_seqcount_begin(&cg->mm_procs_seq);
		memcpy(procs, cg->mm_procs, sizeof(procs));
	} while (read_seqcount_retry(&cg->mm_procs_seq, seq));
	for (i = 1; i < MG_MM_PROCS; i++)
		for (j = i; j > 0 && procs[j].events > procs[j - 1].events; j--) {
			tmp = procs[j];
			procs[j] = procs[j - 1];
			procs[j - 1] = tmp;
		}
	for (i = 0; i < MG_MM_PROCS && procs[i].tgid; i++)
		len += sysfs_emit_at(buf, len, "%u %llu %*pE\n", procs[i].tgid,
				     procs[i].events,
				     (int)strnlen(procs[i].comm, TASK_COMM_LEN),
				     procs[i].comm);
	return len;
}

static struct kobj_attribute mg_cgroup_attr_mm_processes =
	__ATTR_RO(mm_processes);

static struct attribute *mg_cgroup_attrs[] = {
	&mg_cgroup_attr_path.attr,
	&mg_cgroup_attr_cpu_pct_short.attr,
	&mg_cgroup_attr_cpu_pct_long.attr,
	&mg_cgroup_attr_busy_cpu_s.attr,
	&mg_cgroup_attr_saturated_s.attr,
	&mg_cgroup_attr_nr_tasks.attr,
	&mg_cgroup_attr_cpus_allowed_milli.attr,
	&mg_cgroup_attr_samples.attr,
	&mg_cgroup_attr_hash_samples.attr,
	&mg_cgroup_attr_hash_density_pct_short.attr,
	&mg_cgroup_attr_hash_density_pct_long.attr,
	&mg_cgroup_attr_mxcsr_rounding_changes.attr,
	&mg_cgroup_attr_mxcsr_nondefault_pct.attr,
	&mg_cgroup_attr_mm_processes.attr,
	&mg_cgroup_attr_stratum_hits.attr,
	&mg_cgroup_attr_hashing_s.attr,
	&mg_cgroup_attr_score.attr,
	&mg_cgroup_attr_verdict.attr,
	&mg_cgroup_attr_verdict_since.attr,
	&mg_cgroup_attr_action.attr,
	&mg_cgroup_attr_evidence.attr,
	&mg_cgroup_attr_verdict_history.attr,
	&mg_cgroup_attr_allowed.attr,
	NULL,
};

static const struct attribute_group mg_cgroup_group = {
	.attrs = mg_cgroup_attrs,
};

/* The memory-pattern counters, filled in by mg_cgroups_init(). */
static struct attribute *mg_cgroup_mm_attrs[MG_MM_NR_FIELDS + 1];

static const struct attribute_group mg_cgroup_mm_group = {
	.attrs = mg_cgroup_mm_attrs,
};

static const struct attribute_group *mg_cgroup_groups[] = {
	&mg_cgroup_group,
	&mg_cgroup_mm_group,
	NULL,
};

static const struct kobj_type mg_cgroup_ktype = {
	.release = mg_cgroup_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = mg_cgroup_groups,
};

static struct mg_cgroup *mg_cgroups_find(u64 id)
{
	struct mg_cgroup *cg;

	hash_for_each_possible(mg_cgroups_table, cg, hash_node, id)
		if (cg->id == id)
			return cg;
	return NULL;
}

static void mg_cgroups_remove(struct mg_cgroup *cg)
{
	hash_del(&cg->hash_node);
	list_del(&cg->lru_node);
	WRITE_ONCE(mg_stat_tracked, mg_stat_tracked - 1);
	kobject_del(&cg->kobj);
	kobject_put(&cg->kobj);
}

static void mg_cgroups_evict_one(void)
{
	struct mg_cgroup *oldest;

	oldest = list_first_entry_or_null(&mg_cgroups_lru, struct mg_cgroup,
					  lru_node);
	if (!oldest)
		return;
	mg_cgroups_remove(oldest);
	WRITE_ONCE(mg_stat_evicted, mg_stat_evicted + 1);
}

/* A new entry for a live cgroup, or NULL if it is already gone. */
static struct mg_cgroup *mg_cgroups_create(u64 id)
{
	struct mg_cgroup *cg;
	struct cgroup *cgrp;
	char *path;
	int len;

	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return NULL;
	cgrp = cgroup_get_from_id(id);
	if (IS_ERR(cgrp)) {
		kfree(path);
		return NULL;
	}
	len = cgroup_path(cgrp, path, PATH_MAX);
	cgroup_put(cgrp);
	if (len < 0 || len >= PATH_MAX) {
		kfree(path);
		return NULL;
	}
	cg = kmem_cache_zalloc(mg_cgroups_cache, GFP_KERNEL);
	if (!cg) {
		kfree(path);
		return NULL;
	}
	cg->path = kstrdup(path, GFP_KERNEL);
	kfree(path);
	if (!cg->path) {
		kmem_cache_free(mg_cgroups_cache, cg);
		return NULL;
	}
	cg->id = id;
	seqcount_mutex_init(&cg->mm_procs_seq, &mg_cgroups_mutex);
	seqcount_mutex_init(&cg->verdict_seq, &mg_cgroups_mutex);
	mg_score_init(&cg->score, ktime_get_boottime_seconds());
	cg->allow_generation = mg_policy_allow_generation();
	cg->allowed = mg_policy_allowed(cg->path);
	cg->limits_tick = mg_cgroups_tick;
	mg_cpuwin_init(&cg->win);
	cg->cpus_allowed_milli = mg_cglimits_capacity_mcpu(cg->path);
	kobject_init(&cg->kobj, &mg_cgroup_ktype);
	if (kobject_add(&cg->kobj, mg_cgroups_kobj, "%llu", id)) {
		kobject_put(&cg->kobj);
		return NULL;
	}
	while (mg_stat_tracked >= mg_policy_get(MG_KNOB_MAX_CGROUPS))
		mg_cgroups_evict_one();
	hash_add(mg_cgroups_table, &cg->hash_node, id);
	list_add_tail(&cg->lru_node, &mg_cgroups_lru);
	WRITE_ONCE(mg_stat_tracked, mg_stat_tracked + 1);
	return cg;
}

/**
 * mg_cgroups_charge() - add CPU time to a job, creating its entry
 * @job_id: cgroup id of the job
 * @runtime_ns: CPU time its tasks used
 *
 * Context: the tick, with mg_cgroups_mutex held by mg_cgroups_lock().
 */
void mg_cgroups_charge(u64 job_id, u64 runtime_ns)
{
	struct mg_cgroup *cg = mg_cgroups_find(job_id);

	if (!cg)
		cg = mg_cgroups_create(job_id);
	if (!cg)
		return;
	cg->runtime_pending_ns += runtime_ns;
	list_move_tail(&cg->lru_node, &mg_cgroups_lru);
}

/* Counts @events for process @tgid, which may replace the quietest one. */
static void mg_cgroup_note_process(struct mg_cgroup *cg, u32 tgid,
				   const char *comm, u64 events)
{
	struct mg_mm_proc *proc = NULL;
	int i;

	for (i = 0; i < MG_MM_PROCS; i++) {
		if (cg->mm_procs[i].tgid == tgid) {
			proc = &cg->mm_procs[i];
			break;
		}
		if (!proc || cg->mm_procs[i].events < proc->events)
			proc = &cg->mm_procs[i];
	}
	write_seqcount_begin(&cg->mm_procs_seq);
	if (proc->tgid != tgid) {
		proc->tgid = tgid;
		proc->events = 0;
	}
	proc->events += events;
	/* The latest name: exec and prctl(PR_SET_NAME) change it. */
	strscpy(proc->comm, comm, TASK_COMM_LEN);
	write_seqcount_end(&cg->mm_procs_seq);
}

/**
 * mg_cgroups_add_mm() - add memory-pattern events to a job
 * @job_id: cgroup id of the job
 * @tgid: the process that produced them, or 0 if several did
 * @comm: its name
 * @counts: what it did
 *
 * Context: the tick, with mg_cgroups_mutex held.
 */
void mg_cgroups_add_mm(u64 job_id, u32 tgid, const char *comm,
		       const struct mg_mm_counts *counts)
{
	struct mg_cgroup *cg = mg_cgroups_find(job_id);
	u64 events;
	int i;

	if (!cg)
		cg = mg_cgroups_create(job_id);
	if (!cg)
		return;
	for (i = 0; i < MG_MM_NR_FIELDS; i++)
		WRITE_ONCE(cg->mm.v[i], cg->mm.v[i] + counts->v[i]);
	events = mg_mmclass_events(counts);
	if (tgid && events)
		mg_cgroup_note_process(cg, tgid, comm, events);
	list_move_tail(&cg->lru_node, &mg_cgroups_lru);
}

/**
 * mg_cgroups_add_stratum() - count connections of a job that spoke stratum
 * @job_id: cgroup id of the job
 * @hits: how many
 *
 * Context: the tick, with mg_cgroups_mutex held.
 */
void mg_cgroups_add_stratum(u64 job_id, u64 hits)
{
	struct mg_cgroup *cg = mg_cgroups_find(job_id);

	if (!cg)
		cg = mg_cgroups_create(job_id);
	if (!cg)
		return;
	WRITE_ONCE(cg->stratum_hits, cg->stratum_hits + hits);
	list_move_tail(&cg->lru_node, &mg_cgroups_lru);
}

/**
 * mg_cgroups_add_samples() - add one CPU's samples of a tick to a job
 * @job_id: cgroup id of the job
 * @s: what the samples found
 *
 * Context: the tick, with mg_cgroups_mutex held.
 */
void mg_cgroups_add_samples(u64 job_id, const struct mg_samples *s)
{
	struct mg_cgroup *cg = mg_cgroups_find(job_id);
	struct mg_samples *p;

	if (!cg)
		cg = mg_cgroups_create(job_id);
	if (!cg)
		return;
	p = &cg->samples_pending;
	p->samples += s->samples;
	p->scanned += s->scanned;
	p->unreadable += s->unreadable;
	p->density_sum += s->density_sum;
	p->hashing += s->hashing;
	p->mxcsr_known += s->mxcsr_known;
	p->mxcsr_nondefault += s->mxcsr_nondefault;
	p->mxcsr_changes += s->mxcsr_changes;
	list_move_tail(&cg->lru_node, &mg_cgroups_lru);
}

/*
 * Feeds a tick's samples into the averages and publishes them. Averages
 * need a CPU-second's worth of samples (sample_hz) to mean anything.
 */
static void mg_cgroup_advance_samples(struct mg_cgroup *cg, u32 min_samples)
{
	struct mg_samples *p = &cg->samples_pending;

	mg_decay_tick(&cg->density_short, MG_SAMPLES_SHORT_TICKS,
		      p->density_sum, p->scanned);
	mg_decay_tick(&cg->density_long, MG_SAMPLES_LONG_TICKS,
		      p->density_sum, p->scanned);
	mg_decay_tick(&cg->nondefault_short, MG_SAMPLES_SHORT_TICKS,
		      p->mxcsr_nondefault * 100, p->mxcsr_known);
	WRITE_ONCE(cg->samples, cg->samples + p->samples);
	WRITE_ONCE(cg->hash_samples, cg->hash_samples + p->hashing);
	WRITE_ONCE(cg->mxcsr_rounding_changes,
		   cg->mxcsr_rounding_changes + p->mxcsr_changes);
	WRITE_ONCE(cg->hash_density_pct_short,
		   mg_decay_mean(&cg->density_short, min_samples));
	WRITE_ONCE(cg->hash_density_pct_long,
		   mg_decay_mean(&cg->density_long, min_samples));
	WRITE_ONCE(cg->mxcsr_nondefault_pct,
		   mg_decay_mean(&cg->nondefault_short, min_samples));
	memset(p, 0, sizeof(*p));
}

/* What the whole tick shares when judging jobs. */
struct mg_judge_ctx {
	struct mg_score_policy score;
	struct mg_action_policy actions;
	enum mg_mode mode;
	unsigned int allow_generation;
	u64 elapsed_ms;
	u64 now_s;
};

static void mg_judge_ctx_init(struct mg_judge_ctx *ctx, u64 elapsed_ns)
{
	mg_policy_score(&ctx->score);
	mg_policy_actions(&ctx->actions);
	ctx->mode = mg_policy_mode();
	ctx->allow_generation = mg_policy_allow_generation();
	ctx->elapsed_ms = div_u64(elapsed_ns, NSEC_PER_MSEC);
	ctx->now_s = ktime_get_boottime_seconds();
}

/* Logs a change of verdict or action unless the policy wants quiet. */
static void mg_cgroup_report(struct mg_cgroup *cg,
			     const struct mg_judge_ctx *ctx,
			     enum mg_verdict old_verdict,
			     enum mg_action old_action)
{
	enum mg_verdict verdict = cg->score.verdict;
	enum mg_verdict worst = max(verdict, old_verdict);
	bool block = verdict > old_verdict || cg->action > old_action;

	if (ctx->mode == MG_MODE_OFF ||
	    (ctx->actions.on_verdict[worst] == MG_ACTION_NONE &&
	     cg->action == old_action))
		return;
	mg_enforce_log(block && !cg->allowed, cg->path, verdict,
		       cg->score.score, cg->action, cg->score.evidence);
}

/* Scores a job after its tick, and acts and reports on what changed. */
static void mg_cgroup_judge(struct mg_cgroup *cg,
			    const struct mg_judge_ctx *ctx)
{
	enum mg_verdict old_verdict = cg->score.verdict;
	enum mg_action old_action = cg->action, action;
	struct mg_action_policy ap = ctx->actions;
	struct mg_score_input in = {
		.cpu_pct_short = cg->cpu_pct_short,
		.saturated_s = cg->saturated_s,
		.hash_density_pct = cg->hash_density_pct_short,
		.rounding_pct = cg->mxcsr_nondefault_pct,
		.stratum_hits = cg->stratum_hits,
		.mm = cg->mm,
	};
	bool changed;

	if (cg->allow_generation != ctx->allow_generation) {
		cg->allow_generation = ctx->allow_generation;
		WRITE_ONCE(cg->allowed, mg_policy_allowed(cg->path));
	}
	write_seqcount_begin(&cg->verdict_seq);
	changed = mg_score_tick(&cg->score, &ctx->score, &in, ctx->elapsed_ms,
				ctx->now_s);
	write_seqcount_end(&cg->verdict_seq);

	ap.may_act = ctx->mode == MG_MODE_ENFORCE && !cg->allowed;
	action = mg_score_action(&ap, cg->score.verdict,
				 ctx->now_s - cg->score.verdict_since_s,
				 cg->action);
	if (action != old_action) {
		WRITE_ONCE(cg->action, action);
		/* Only stronger than log stands on tasks; none releases. */
		if (action >= MG_ACTION_THROTTLE ||
		    old_action >= MG_ACTION_THROTTLE)
			mg_enforce_set(cg->id, action);
	}
	if (!changed && action == old_action)
		return;
	write_seqcount_begin(&cg->verdict_seq);
	mg_history_add(&cg->history, ctx->now_s, cg->score.verdict,
		       cg->score.score, action);
	write_seqcount_end(&cg->verdict_seq);
	mg_cgroup_report(cg, ctx, old_verdict, old_action);
	sysfs_notify(&cg->kobj, NULL, "verdict");
	WRITE_ONCE(mg_stat_verdict_changes, mg_stat_verdict_changes + 1);
	mg_sysfs_notify_stat("verdict_changes");
}

void mg_cgroups_add_dropped(u64 runtime_ns)
{
	WRITE_ONCE(mg_stat_dropped_ns, mg_stat_dropped_ns + runtime_ns);
}

/* Counts running user tasks per tracked job: nr_tasks. */
void mg_cgroups_count_running(void)
{
	u32 job_depth = mg_policy_get(MG_KNOB_JOB_DEPTH);
	struct task_struct *g, *t;
	struct mg_cgroup *cg;

	rcu_read_lock();
	for_each_process_thread(g, t) {
		if (!task_is_running(t) || (t->flags & PF_KTHREAD))
			continue;
		cg = mg_cgroups_find(cgroup_id(mg_cgroups_job_of(
				task_dfl_cgroup(t), job_depth)));
		if (cg)
			cg->running_pending++;
	}
	rcu_read_unlock();
}

bool mg_cgroups_alive(u64 id)
{
	struct cgroup *cgrp = cgroup_get_from_id(id);

	if (IS_ERR(cgrp))
		return false;
	cgroup_put(cgrp);
	return true;
}

/**
 * mg_cgroups_advance() - close one tick for every tracked job
 * @elapsed_ns: wall time since the previous tick
 *
 * Feeds the windows, publishes values for sysfs, forgets removed cgroups.
 * Context: the tick, with mg_cgroups_mutex held.
 */
void mg_cgroups_advance(u64 elapsed_ns)
{
	u32 saturation_pct = mg_policy_get(MG_KNOB_SATURATION_PCT);
	u32 min_samples = mg_policy_get(MG_KNOB_SAMPLE_HZ);
	struct mg_cgroup *cg, *next;
	struct mg_judge_ctx ctx;

	mg_judge_ctx_init(&ctx, elapsed_ns);
	mg_net_hooks_allow_begin();
	list_for_each_entry_safe(cg, next, &mg_cgroups_lru, lru_node) {
		if (!mg_cgroups_alive(cg->id)) {
			mg_cgroups_remove(cg);
			WRITE_ONCE(mg_stat_removed, mg_stat_removed + 1);
			continue;
		}
		if (cg->runtime_pending_ns &&
		    mg_cgroups_tick - cg->limits_tick >= MG_LIMITS_REFRESH_TICKS) {
			cg->limits_tick = mg_cgroups_tick;
			WRITE_ONCE(cg->cpus_allowed_milli,
				   mg_cglimits_capacity_mcpu(cg->path));
		}
		mg_cpuwin_tick(&cg->win, cg->runtime_pending_ns, elapsed_ns,
			       cg->cpus_allowed_milli, saturation_pct);
		cg->runtime_pending_ns = 0;
		WRITE_ONCE(cg->nr_tasks, cg->running_pending);
		cg->running_pending = 0;
		WRITE_ONCE(cg->cpu_pct_short, mg_cpuwin_short_pct(&cg->win));
		WRITE_ONCE(cg->cpu_pct_long, mg_cpuwin_long_pct(&cg->win));
		WRITE_ONCE(cg->busy_cpu_s,
			   div_u64(mg_cpuwin_busy_cpu_ms(&cg->win), MSEC_PER_SEC));
		WRITE_ONCE(cg->saturated_s,
			   div_u64(mg_cpuwin_saturated_ns(&cg->win), NSEC_PER_SEC));
		mg_cgroup_advance_samples(cg, min_samples);
		mg_cgroup_judge(cg, &ctx);
		if (cg->allowed)
			mg_net_hooks_allow_job(cg->id);
	}
	mg_net_hooks_allow_publish();
	mg_cgroups_tick++;
}

/* Forgets every entry: job_depth changed, so every key did. */
static void mg_cgroups_flush(void)
{
	struct mg_cgroup *cg, *next;

	list_for_each_entry_safe(cg, next, &mg_cgroups_lru, lru_node)
		mg_cgroups_remove(cg);
}

void mg_cgroups_lock(void)
{
	mutex_lock(&mg_cgroups_mutex);
	if (mg_cgroups_job_generation != mg_policy_job_generation()) {
		mg_cgroups_job_generation = mg_policy_job_generation();
		mg_cgroups_flush();
	}
}

void mg_cgroups_unlock(void)
{
	mutex_unlock(&mg_cgroups_mutex);
}

void mg_cgroups_record_tick_us(u64 us)
{
	WRITE_ONCE(mg_stat_tick_last_us, us);
	if (us > mg_stat_tick_max_us)
		WRITE_ONCE(mg_stat_tick_max_us, us);
}

MG_STAT_ATTR(tracked_cgroups, mg_stat_tracked, "%lu");
MG_STAT_ATTR(evicted, mg_stat_evicted, "%llu");
MG_STAT_ATTR(removed, mg_stat_removed, "%llu");
MG_STAT_ATTR(runtime_dropped_ns, mg_stat_dropped_ns, "%llu");
MG_STAT_ATTR(tick_last_us, mg_stat_tick_last_us, "%llu");
MG_STAT_ATTR(tick_max_us, mg_stat_tick_max_us, "%llu");
MG_STAT_ATTR(verdict_changes, mg_stat_verdict_changes, "%llu");

static struct attribute *mg_stats_attrs[] = {
	&mg_stat_attr_tracked_cgroups.attr,
	&mg_stat_attr_evicted.attr,
	&mg_stat_attr_removed.attr,
	&mg_stat_attr_runtime_dropped_ns.attr,
	&mg_stat_attr_tick_last_us.attr,
	&mg_stat_attr_tick_max_us.attr,
	&mg_stat_attr_verdict_changes.attr,
	NULL,
};

static const struct attribute_group mg_stats_group = {
	.name = "stats",
	.attrs = mg_stats_attrs,
};

static void mg_cgroups_init_mm_attrs(void)
{
	struct mg_mm_attr *a;
	int i;

	for (i = 0; i < MG_MM_NR_FIELDS; i++) {
		a = &mg_mm_attrs[i];
		sysfs_attr_init(&a->attr.attr);
		a->attr.attr.name = mg_mmclass_field_name(i);
		a->attr.attr.mode = 0444;
		a->attr.show = mg_mm_show;
		a->field = i;
		mg_cgroup_mm_attrs[i] = &a->attr.attr;
	}
}

int mg_cgroups_init(struct kobject *parent)
{
	int ret;

	mg_cgroups_init_mm_attrs();
	mg_cgroups_cache = KMEM_CACHE(mg_cgroup, 0);
	if (!mg_cgroups_cache)
		return -ENOMEM;
	ret = mg_cglimits_init();
	if (ret)
		goto err_cache;
	mg_cgroups_job_generation = mg_policy_job_generation();
	ret = sysfs_create_group(parent, &mg_stats_group);
	if (ret)
		goto err_limits;
	mg_cgroups_kobj = kobject_create_and_add("cgroups", parent);
	if (!mg_cgroups_kobj) {
		ret = -ENOMEM;
		goto err_stats;
	}
	return 0;

err_stats:
	sysfs_remove_group(parent, &mg_stats_group);
err_limits:
	mg_cglimits_exit();
err_cache:
	kmem_cache_destroy(mg_cgroups_cache);
	return ret;
}

void mg_cgroups_exit(void)
{
	struct kobject *parent = mg_cgroups_kobj->parent;

	mutex_lock(&mg_cgroups_mutex);
	mg_cgroups_flush();
	mutex_unlock(&mg_cgroups_mutex);
	kobject_put(mg_cgroups_kobj);
	mg_cgroups_kobj = NULL;
	sysfs_remove_group(parent, &mg_stats_group);
	mg_cglimits_exit();
	/* Every entry's kobject was released by the flush above. */
	kmem_cache_destroy(mg_cgroups_cache);
}
