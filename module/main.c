// SPDX-License-Identifier: GPL-2.0
/*
 * minerguard: per-cgroup detection of cryptocurrency miners on CI runners.
 *
 * Only brings subsystems up in order and takes them down in reverse.
 */
#include <linux/module.h>
#include "cgroups.h"
#include "enforce.h"
#include "lsm_hooks.h"
#include "net_hooks.h"
#include "parse.h"
#include "policy.h"
#include "sampler.h"
#include "sched_hooks.h"
#include "sysfs.h"
#include "tick.h"

static int __init mg_init(void)
{
	int ret;

	ret = mg_sysfs_init();
	if (ret)
		return ret;
	ret = mg_cgroups_init(mg_sysfs_root());
	if (ret)
		goto err_sysfs;
	ret = mg_enforce_init();
	if (ret)
		goto err_cgroups;
	ret = mg_sched_hooks_init();
	if (ret)
		goto err_enforce;
	ret = mg_lsm_hooks_init();
	if (ret)
		goto err_sched;
	ret = mg_sampler_init();
	if (ret)
		goto err_lsm;
	ret = mg_net_hooks_init();
	if (ret)
		goto err_sampler;
	ret = mg_tick_init();
	if (ret)
		goto err_net;
	mg_policy_pin_if_locked();
	pr_info("version %s loaded, mode %s%s\n", MINERGUARD_VERSION,
		mg_mode_name(mg_policy_mode()),
		mg_policy_locked() ? ", policy locked" : "");
	return 0;

err_net:
	mg_net_hooks_exit();
err_sampler:
	mg_sampler_exit();
err_lsm:
	mg_lsm_hooks_exit();
err_sched:
	mg_sched_hooks_exit();
err_enforce:
	mg_enforce_exit();
err_cgroups:
	mg_cgroups_exit();
err_sysfs:
	mg_sysfs_exit();
	mg_policy_exit();
	return ret;
}

static void __exit mg_exit(void)
{
	mg_tick_exit();
	mg_net_hooks_exit();
	mg_sampler_exit();
	mg_lsm_hooks_exit();
	mg_sched_hooks_exit();
	mg_enforce_exit();
	mg_cgroups_exit();
	mg_sysfs_exit();
	mg_policy_exit();
	pr_info("unloaded\n");
}

module_init(mg_init);
module_exit(mg_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Per-cgroup cryptominer detection for CI runners");
MODULE_VERSION(MINERGUARD_VERSION);
