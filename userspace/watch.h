/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Watching the jobs' verdicts and actions: scan cgroups/, report what
 * changed since the scan before, wait for the module to say that
 * something changed (or a second to pass) and scan again.
 */
#ifndef MINERGUARDCTL_WATCH_H
#define MINERGUARDCTL_WATCH_H

#include <stdbool.h>

#include "cgroups.h"

/*
 * Called, oldest verdict first, for each job whose verdict or action
 * differs from the scan before; a job not seen before counts as clean
 * with action none, so the first scan reports every job that is not.
 * @before is the job as the scan before saw it, or NULL; @first_scan
 * tells the first scan from later ones. Return true to stop watching.
 */
typedef bool (*mg_watch_fn)(const struct mg_cgroup *job,
			    const struct mg_cgroup *before, bool first_scan,
			    void *data);

/*
 * Scan once, or with @follow until @on_change returns true or SIGINT or
 * SIGTERM arrives. Flushes stdout after each scan. Returns MG_EXIT_OK,
 * or MG_EXIT_MODULE_ERROR after printing why.
 */
int mg_watch(bool follow, mg_watch_fn on_change, void *data);

/* The job's verdict and action; unknown ones (or no job) as the default. */
const char *mg_job_verdict(const struct mg_cgroup *job);
const char *mg_job_action(const struct mg_cgroup *job);

#endif /* MINERGUARDCTL_WATCH_H */
