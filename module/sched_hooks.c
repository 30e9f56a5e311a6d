// SPDX-License-Identifier: GPL-2.0
/*
 * Scheduler tracepoint glue: sched_stat_runtime charges every slice of CPU
 * time, of every scheduling class, to the job of the task that ran.
 *
 * The probe runs with the runqueue locked and interrupts off, so it only
 * adds to a small per-CPU table keyed by job id. The tick flips each CPU
 * to its other table, waits for probes still using the old one
 * (tracepoint probes run in RCU read-side sections), then folds it into
 * the cgroup table and empties it.
 */
#include <linux/hash.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include "cgroups.h"
#include "policy.h"
#include "sched_hooks.h"

enum {
	MG_RUNTIME_SLOT_BITS = 9,
	MG_RUNTIME_SLOTS = 1 << MG_RUNTIME_SLOT_BITS,
	/* Probes past this many occupied slots give up: bounded work. */
	MG_RUNTIME_MAX_PROBES = 32,
};

struct mg_runtime_slot {
	u64 job_id;			/* 0: free; cgroup ids start at 1 */
	u64 runtime_ns;
};

struct mg_runtime_table {
	struct mg_runtime_slot slot[MG_RUNTIME_SLOTS];
	u64 dropped_ns;			/* no free slot: counted in stats */
};

/* 16 KiB: alloc_percpu() refuses more than 32 KiB. */
struct mg_runtime_cpu {
	struct mg_runtime_table table[2];
	unsigned int active;
};

static struct mg_runtime_cpu __percpu *mg_runtime;
static struct tracepoint *mg_tp_sched_stat_runtime;

static void mg_runtime_add(struct mg_runtime_table *table, u64 job_id,
			   u64 runtime_ns)
{
	u32 i = hash_64(job_id, MG_RUNTIME_SLOT_BITS);
	int probes;

	for (probes = 0; probes < MG_RUNTIME_MAX_PROBES; probes++) {
		struct mg_runtime_slot *slot = &table->slot[i];

		if (slot->job_id == job_id || !slot->job_id) {
			slot->job_id = job_id;
			slot->runtime_ns += runtime_ns;
			return;
		}
		i = (i + 1) & (MG_RUNTIME_SLOTS - 1);
	}
	table->dropped_ns += runtime_ns;
}

static void hook_sched_stat_runtime(void *data, MG_TP_SCHED_STAT_RUNTIME_ARGS)
{
	struct mg_runtime_cpu *cpu;
	struct cgroup *job;

	if (tsk->flags & PF_KTHREAD)
		return;
	rcu_read_lock();
	job = mg_cgroups_job_of(task_dfl_cgroup(tsk),
				mg_policy_get(MG_KNOB_JOB_DEPTH));
	cpu = this_cpu_ptr(mg_runtime);
	mg_runtime_add(&cpu->table[READ_ONCE(cpu->active)], cgroup_id(job),
		       runtime);
	rcu_read_unlock();
}

/**
 * mg_sched_hooks_flip() - send new charges to each CPU's other table
 *
 * Context: the tick. The caller waits for an RCU grace period (probes run
 * in RCU read-side sections) before mg_sched_hooks_drain().
 */
void mg_sched_hooks_flip(void)
{
	struct mg_runtime_cpu *cpu;
	int c;

	for_each_possible_cpu(c) {
		cpu = per_cpu_ptr(mg_runtime, c);
		WRITE_ONCE(cpu->active, !cpu->active);
	}
}

/**
 * mg_sched_hooks_drain() - fold the tables flipped out into the cgroup table
 *
 * Context: the tick, between mg_cgroups_lock() and mg_cgroups_unlock().
 */
void mg_sched_hooks_drain(void)
{
	struct mg_runtime_table *table;
	struct mg_runtime_cpu *cpu;
	int c, i;

	for_each_possible_cpu(c) {
		cpu = per_cpu_ptr(mg_runtime, c);
		table = &cpu->table[!READ_ONCE(cpu->active)];
		for (i = 0; i < MG_RUNTIME_SLOTS; i++) {
			if (table->slot[i].job_id)
				mg_cgroups_charge(table->slot[i].job_id,
						  table->slot[i].runtime_ns);
		}
		if (table->dropped_ns)
			mg_cgroups_add_dropped(table->dropped_ns);
		memset(table, 0, sizeof(*table));
	}
}

struct mg_tracepoint_lookup {
	const char *name;
	struct tracepoint *found;
};

static void mg_tracepoint_match(struct tracepoint *tp, void *priv)
{
	struct mg_tracepoint_lookup *lookup = priv;

	if (!strcmp(tp->name, lookup->name))
		lookup->found = tp;
}

/* Tracepoints are not exported as symbols; find one by its name. */
struct tracepoint *mg_tracepoint_find(const char *name)
{
	struct mg_tracepoint_lookup lookup = { .name = name };

	for_each_kernel_tracepoint(mg_tracepoint_match, &lookup);
	return lookup.found;
}

int mg_sched_hooks_init(void)
{
	int ret;

	mg_runtime = alloc_percpu(struct mg_runtime_cpu);
	if (!mg_runtime)
		return -ENOMEM;
	mg_tp_sched_stat_runtime = mg_tracepoint_find("sched_stat_runtime");
	if (!mg_tp_sched_stat_runtime) {
		pr_err("tracepoint sched_stat_runtime not found\n");
		ret = -ENOENT;
		goto err_free;
	}
	ret = tracepoint_probe_register(mg_tp_sched_stat_runtime,
					hook_sched_stat_runtime, NULL);
	if (ret)
		goto err_free;
	return 0;

err_free:
	free_percpu(mg_runtime);
	mg_runtime = NULL;
	return ret;
}

void mg_sched_hooks_exit(void)
{
	tracepoint_probe_unregister(mg_tp_sched_stat_runtime,
				    hook_sched_stat_runtime, NULL);
	/* No probe may still be running when the tables go. */
	tracepoint_synchronize_unregister();
	free_percpu(mg_runtime);
	mg_runtime = NULL;
}
