/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_CGROUPS_H
#define _MG_CGROUPS_H

#include <linux/cgroup.h>
#include <linux/kobject.h>
#include <linux/sched.h>
#include <linux/types.h>
#include "mmclass.h"
#include "sampler.h"

int mg_cgroups_init(struct kobject *parent);
void mg_cgroups_exit(void);

/* Tick side: process context, between mg_cgroups_lock() and _unlock(). */
void mg_cgroups_lock(void);
void mg_cgroups_unlock(void);
void mg_cgroups_charge(u64 job_id, u64 runtime_ns);
void mg_cgroups_add_dropped(u64 runtime_ns);
void mg_cgroups_add_samples(u64 job_id, const struct mg_samples *s);
void mg_cgroups_add_stratum(u64 job_id, u64 hits);
void mg_cgroups_add_mm(u64 job_id, u32 tgid, const char *comm,
		       const struct mg_mm_counts *counts);
void mg_cgroups_count_running(void);
void mg_cgroups_advance(u64 elapsed_ns);
void mg_cgroups_record_tick_us(u64 us);
bool mg_cgroups_alive(u64 id);

/**
 * mg_cgroups_job_of() - the job a cgroup belongs to
 * @cgrp: a cgroup v2 group
 * @job_depth: policy job_depth; 0 makes every cgroup its own job
 *
 * Return: @cgrp's ancestor at level @job_depth if @cgrp is deeper,
 * else @cgrp.
 */
static inline struct cgroup *mg_cgroups_job_of(struct cgroup *cgrp,
					       u32 job_depth)
{
	if (job_depth && cgrp->level > job_depth)
		return cgroup_ancestor(cgrp, job_depth);
	return cgrp;
}

#endif /* _MG_CGROUPS_H */
