// SPDX-License-Identifier: GPL-2.0
/*
 * The only file that acts on tasks, and the one that writes verdicts to
 * the kernel log.
 *
 * The tick decides which action stands on which job and tells this file;
 * a work item then applies it to every task of the job, in process
 * context: throttle puts each thread to SCHED_IDLE at nice 19, freeze
 * sends SIGSTOP and kill SIGKILL to each process. Tasks that join the job
 * later get the same: a sched_process_fork probe only looks the child's job
 * up and queues the work, and the tick queues it every second for tasks
 * moved in from outside. A task that undoes its throttle or is woken with
 * SIGCONT is caught at the next pass.
 *
 * The table of standing actions is read under RCU (by the probe and the
 * pass) and changed under mg_enforce_mutex.
 */
#include <linux/hash.h>
#include <linux/hashtable.h>
#include <linux/mutex.h>
#include <linux/ratelimit.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>
#include <linux/workqueue.h>
#include <uapi/linux/sched/types.h>
#include "cgroups.h"
#include "enforce.h"
#include "policy.h"
#include "sched_hooks.h"
#include "sysfs.h"

/* Threads throttled per RCU section: sched_setattr may sleep. */
#define MG_THROTTLE_BATCH 32
/* Passes over all tasks one work run may take to throttle everyone. */
#define MG_THROTTLE_ROUNDS 64

struct mg_standing {
	struct hlist_node node;
	struct rcu_head rcu;
	u64 job_id;
	enum mg_action action;	/* MG_ACTION_NONE: thaw, then forget */
};

static DEFINE_MUTEX(mg_enforce_mutex);
static DEFINE_HASHTABLE(mg_standing_table, 8);
static atomic_t mg_standing_count = ATOMIC_INIT(0);
static struct tracepoint *mg_tp_sched_process_fork;
static void mg_enforce_work_fn(struct work_struct *work);
static DECLARE_WORK(mg_enforce_work, mg_enforce_work_fn);

/* Five seconds may log 20 lines; the kernel reports what it suppressed. */
static DEFINE_RATELIMIT_STATE(mg_enforce_log_rs, 5 * HZ, 20);

static u64 mg_stat_actions_taken;
static u64 mg_stat_enforce_passes;
static u64 mg_stat_log_suppressed;

/* Readers: under RCU. */
static struct mg_standing *mg_standing_find(u64 job_id)
{
	struct mg_standing *s;

	hash_for_each_possible_rcu(mg_standing_table, s, node, job_id)
		if (s->job_id == job_id)
			return s;
	return NULL;
}

/* Writers: under mg_enforce_mutex. */
static struct mg_standing *mg_standing_find_locked(u64 job_id)
{
	struct mg_standing *s;

	lockdep_assert_held(&mg_enforce_mutex);
	hash_for_each_possible(mg_standing_table, s, node, job_id)
		if (s->job_id == job_id)
			return s;
	return NULL;
}

static void mg_standing_remove(struct mg_standing *s)
{
	hash_del_rcu(&s->node);
	atomic_dec(&mg_standing_count);
	kfree_rcu(s, rcu);
}

static u64 mg_enforce_job_of(struct task_struct *t, u32 job_depth)
{
	return cgroup_id(mg_cgroups_job_of(task_dfl_cgroup(t), job_depth));
}

static void hook_sched_process_fork(void *data, struct task_struct *parent,
				    struct task_struct *child)
{
	struct mg_standing *s;

	if (!atomic_read(&mg_standing_count))
		return;
	rcu_read_lock();
	s = mg_standing_find(mg_enforce_job_of(child,
				mg_policy_get(MG_KNOB_JOB_DEPTH)));
	if (s && READ_ONCE(s->action) >= MG_ACTION_THROTTLE)
		queue_work(system_unbound_wq, &mg_enforce_work);
	rcu_read_unlock();
}

/* Signals a whole process once: its leader stands for it. */
static void mg_enforce_signal(struct task_struct *leader, int sig)
{
	if (!kill_pid(task_tgid(leader), sig, 1))
		WRITE_ONCE(mg_stat_actions_taken, mg_stat_actions_taken + 1);
}

static bool mg_enforce_throttled(struct task_struct *t)
{
	return t->policy == SCHED_IDLE && task_nice(t) == MAX_NICE;
}

/*
 * One pass over every task. Signals go out at once; threads to throttle
 * are collected, at most @batch of them, and returned with a reference.
 */
static int mg_enforce_scan(struct task_struct **batch, int max)
{
	u32 job_depth = mg_policy_get(MG_KNOB_JOB_DEPTH);
	struct task_struct *g, *t;
	struct mg_standing *s;
	unsigned int flags;
	int n = 0;

	rcu_read_lock();
	for_each_process_thread(g, t) {
		if ((t->flags & PF_KTHREAD) || t->exit_state)
			continue;
		s = mg_standing_find(mg_enforce_job_of(t, job_depth));
		if (!s)
			continue;
		flags = READ_ONCE(t->signal->flags);
		switch (READ_ONCE(s->action)) {
		case MG_ACTION_KILL:
			if (t == g && !(flags & SIGNAL_GROUP_EXIT))
				mg_enforce_signal(t, SIGKILL);
			break;
		case MG_ACTION_FREEZE:
			if (t == g && !(flags & SIGNAL_STOP_STOPPED))
				mg_enforce_signal(t, SIGSTOP);
			break;
		case MG_ACTION_THROTTLE:
			if (n < max && !mg_enforce_throttled(t)) {
				get_task_struct(t);
				batch[n++] = t;
			}
			break;
		default:
			/* Released from freeze. */
			if (t == g && (flags & SIGNAL_STOP_STOPPED))
				mg_enforce_signal(t, SIGCONT);
			break;
		}
	}
	rcu_read_unlock();
	return n;
}

/*
 * SCHED_IDLE takes no nice value through sched_setattr (only NORMAL and
 * BATCH do), so the nice value is set on its own.
 */
static void mg_enforce_throttle(struct task_struct **batch, int n)
{
	struct sched_attr attr = {
		.size = sizeof(attr),
		.sched_policy = SCHED_IDLE,
	};
	int i;

	for (i = 0; i < n; i++) {
		if (!sched_setattr_nocheck(batch[i], &attr)) {
			set_user_nice(batch[i], MAX_NICE);
			WRITE_ONCE(mg_stat_actions_taken,
				   mg_stat_actions_taken + 1);
		}
		put_task_struct(batch[i]);
	}
}

/* Forgets released entries once the pass has thawed their tasks. */
static void mg_enforce_forget_released(void)
{
	struct mg_standing *s;
	struct hlist_node *tmp;
	int bkt;

	mutex_lock(&mg_enforce_mutex);
	hash_for_each_safe(mg_standing_table, bkt, tmp, s, node) {
		if (s->action == MG_ACTION_NONE)
			mg_standing_remove(s);
	}
	mutex_unlock(&mg_enforce_mutex);
}

static void mg_enforce_work_fn(struct work_struct *work)
{
	struct task_struct *batch[MG_THROTTLE_BATCH];
	int round, n;

	if (!atomic_read(&mg_standing_count))
		return;
	for (round = 0; round < MG_THROTTLE_ROUNDS; round++) {
		WRITE_ONCE(mg_stat_enforce_passes, mg_stat_enforce_passes + 1);
		n = mg_enforce_scan(batch, MG_THROTTLE_BATCH);
		mg_enforce_throttle(batch, n);
		if (n < MG_THROTTLE_BATCH)
			break;
	}
	mg_enforce_forget_released();
}

/**
 * mg_enforce_set() - make an action stand on a job, or release it
 * @job_id: cgroup id of the job
 * @action: throttle, freeze or kill; anything milder releases the job
 *
 * A job released from freeze gets SIGCONT. Throttled threads keep their
 * scheduling: the module does not know what it was.
 *
 * Context: process context, may sleep.
 */
void mg_enforce_set(u64 job_id, enum mg_action action)
{
	struct mg_standing *s, *fresh = NULL;

	if (action >= MG_ACTION_THROTTLE)
		fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	mutex_lock(&mg_enforce_mutex);
	s = mg_standing_find_locked(job_id);
	if (action < MG_ACTION_THROTTLE) {
		if (s && s->action == MG_ACTION_FREEZE)
			WRITE_ONCE(s->action, MG_ACTION_NONE);
		else if (s)
			mg_standing_remove(s);
	} else if (s) {
		WRITE_ONCE(s->action, action);
	} else if (fresh) {
		fresh->job_id = job_id;
		fresh->action = action;
		hash_add_rcu(mg_standing_table, &fresh->node, job_id);
		atomic_inc(&mg_standing_count);
		fresh = NULL;
	} else {
		pr_warn_ratelimited("out of memory: cannot act on job %llu\n",
				    job_id);
	}
	mutex_unlock(&mg_enforce_mutex);
	kfree(fresh);
	queue_work(system_unbound_wq, &mg_enforce_work);
}

/**
 * mg_enforce_tick() - once a second: forget jobs whose cgroup is gone and
 * catch tasks that came in from outside or undid an action
 *
 * Context: process context, may sleep.
 */
void mg_enforce_tick(void)
{
	struct mg_standing *s;
	struct hlist_node *tmp;
	int bkt;

	if (!atomic_read(&mg_standing_count))
		return;
	mutex_lock(&mg_enforce_mutex);
	hash_for_each_safe(mg_standing_table, bkt, tmp, s, node)
		if (!mg_cgroups_alive(s->job_id))
			mg_standing_remove(s);
	mutex_unlock(&mg_enforce_mutex);
	queue_work(system_unbound_wq, &mg_enforce_work);
}

/**
 * mg_enforce_log() - one line per transition of a job
 * @block: the job got a worse verdict or a stronger action
 * @path: the job's cgroup path
 * @verdict: its verdict now
 * @score: its score
 * @action: the action standing on it
 * @evidence: the evidence for the verdict
 */
void mg_enforce_log(bool block, const char *path, enum mg_verdict verdict,
		    u32 score, enum mg_action action, const char *evidence)
{
	if (!__ratelimit(&mg_enforce_log_rs)) {
		WRITE_ONCE(mg_stat_log_suppressed, mg_stat_log_suppressed + 1);
		return;
	}
	if (block)
		pr_warn("BLOCK cgroup=%s verdict=%s score=%u action=%s evidence=%s\n",
			path, mg_verdict_name(verdict), score,
			mg_action_name(action), evidence);
	else
		pr_notice("ALLOW cgroup=%s verdict=%s score=%u action=%s evidence=%s\n",
			  path, mg_verdict_name(verdict), score,
			  mg_action_name(action), evidence);
}

MG_STAT_ATTR(actions_taken, mg_stat_actions_taken, "%llu");
MG_STAT_ATTR(enforce_passes, mg_stat_enforce_passes, "%llu");
MG_STAT_ATTR(log_suppressed, mg_stat_log_suppressed, "%llu");

static const struct attribute *const mg_enforce_stats[] = {
	&mg_stat_attr_actions_taken.attr,
	&mg_stat_attr_enforce_passes.attr,
	&mg_stat_attr_log_suppressed.attr,
	NULL,
};

int mg_enforce_init(void)
{
	int ret;

	mg_tp_sched_process_fork = mg_tracepoint_find("sched_process_fork");
	if (!mg_tp_sched_process_fork) {
		pr_err("tracepoint sched_process_fork not found\n");
		return -ENOENT;
	}
	ret = mg_sysfs_add_stats(mg_enforce_stats);
	if (ret)
		return ret;
	ret = tracepoint_probe_register(mg_tp_sched_process_fork,
					hook_sched_process_fork, NULL);
	if (ret) {
		mg_sysfs_remove_stats(mg_enforce_stats);
		return ret;
	}
	return 0;
}

/*
 * Standing actions end with the module: frozen tasks stay stopped and
 * throttled ones idle, as an operator who unloads mid-incident expects.
 */
void mg_enforce_exit(void)
{
	struct mg_standing *s;
	struct hlist_node *tmp;
	int bkt;

	tracepoint_probe_unregister(mg_tp_sched_process_fork,
				    hook_sched_process_fork, NULL);
	tracepoint_synchronize_unregister();
	cancel_work_sync(&mg_enforce_work);
	hash_for_each_safe(mg_standing_table, bkt, tmp, s, node) {
		hash_del(&s->node);
		kfree(s);
	}
	atomic_set(&mg_standing_count, 0);
	/* kfree_rcu() callbacks of earlier removals must not outlive us. */
	rcu_barrier();
	mg_sysfs_remove_stats(mg_enforce_stats);
}
