// SPDX-License-Identifier: GPL-2.0
/*
 * The live policy. Hooks read it locklessly; writers (sysfs and module
 * parameters at load time) serialise on mg_policy_mutex so that checks
 * against the current value and the update happen as one step.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include "parse.h"
#include "policy.h"

static DEFINE_MUTEX(mg_policy_mutex);
static enum mg_mode mg_mode_current = MG_MODE_OBSERVE;

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
