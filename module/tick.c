// SPDX-License-Identifier: GPL-2.0
/*
 * The periodic tick: once a second, in process context, fold what the hooks
 * accumulated per CPU into the per-job table and advance every job's
 * windows by the time that really passed.
 */
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>
#include "cgroups.h"
#include "enforce.h"
#include "lsm_hooks.h"
#include "net_hooks.h"
#include "sampler.h"
#include "sched_hooks.h"
#include "tick.h"

static void mg_tick_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(mg_tick_work, mg_tick_fn);
static u64 mg_tick_last_ns;

static void mg_tick_fn(struct work_struct *work)
{
	u64 flip_ns, work_ns;

	mg_sampler_sync_rate();
	mg_cgroups_lock();
	/* Charges after the flip belong to the next interval. */
	flip_ns = ktime_get_ns();
	mg_sched_hooks_flip();
	mg_lsm_hooks_flip();
	mg_sampler_flip();
	/* Every hook runs with preemption or interrupts off, or under RCU. */
	synchronize_rcu();
	mg_sched_hooks_drain();
	mg_lsm_hooks_drain();
	mg_sampler_drain();
	mg_net_hooks_drain();
	/* The tick's own cost, without the wait for probes in flight. */
	work_ns = ktime_get_ns();
	mg_cgroups_count_running();
	mg_cgroups_advance(flip_ns - mg_tick_last_ns);
	mg_cgroups_record_tick_us(div_u64(ktime_get_ns() - work_ns,
					  NSEC_PER_USEC));
	mg_cgroups_unlock();
	mg_enforce_tick();
	mg_net_hooks_reap();
	mg_tick_last_ns = flip_ns;
	schedule_delayed_work(&mg_tick_work, HZ);
}

int mg_tick_init(void)
{
	mg_tick_last_ns = ktime_get_ns();
	schedule_delayed_work(&mg_tick_work, HZ);
	return 0;
}

void mg_tick_exit(void)
{
	cancel_delayed_work_sync(&mg_tick_work);
}
