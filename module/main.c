// SPDX-License-Identifier: GPL-2.0
/*
 * minerguard: per-cgroup detection of cryptocurrency miners on CI runners.
 *
 * Only brings subsystems up in order and takes them down in reverse.
 */
#include <linux/module.h>
#include "parse.h"
#include "policy.h"
#include "sysfs.h"

static int __init mg_init(void)
{
	int ret;

	ret = mg_sysfs_init();
	if (ret)
		return ret;
	pr_info("version %s loaded, mode %s\n", MINERGUARD_VERSION,
		mg_mode_name(mg_policy_mode()));
	return 0;
}

static void __exit mg_exit(void)
{
	mg_sysfs_exit();
	pr_info("unloaded\n");
}

module_init(mg_init);
module_exit(mg_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Per-cgroup cryptominer detection for CI runners");
MODULE_VERSION(MINERGUARD_VERSION);
