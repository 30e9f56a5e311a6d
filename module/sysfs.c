// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/minerguard: one value per file, documented in
 * Documentation/ABI/testing/sysfs-kernel-minerguard.
 */
#include <linux/capability.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include "parse.h"
#include "policy.h"
#include "sysfs.h"

static struct kobject *mg_kobj;

/* capable() checks the initial user namespace: root in a container is not. */
static bool mg_sysfs_may_change_policy(void)
{
	return capable(CAP_SYS_ADMIN);
}

static ssize_t version_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n", MINERGUARD_VERSION);
}

static ssize_t mode_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", mg_mode_name(mg_policy_mode()));
}

static ssize_t mode_store(struct kobject *kobj, struct kobj_attribute *attr,
			  const char *buf, size_t count)
{
	enum mg_mode old_mode, new_mode;
	int ret;

	if (!mg_sysfs_may_change_policy())
		return -EPERM;
	ret = mg_parse_mode(buf, count, &new_mode);
	if (ret)
		return ret;
	old_mode = mg_policy_mode();
	ret = mg_policy_set_mode(new_mode);
	if (ret)
		return ret;
	if (old_mode != new_mode)
		pr_info("mode %s -> %s\n", mg_mode_name(old_mode),
			mg_mode_name(new_mode));
	return count;
}

static struct kobj_attribute mg_attr_version = __ATTR_RO(version);
static struct kobj_attribute mg_attr_mode = __ATTR_RW(mode);

static struct attribute *mg_root_attrs[] = {
	&mg_attr_version.attr,
	&mg_attr_mode.attr,
	NULL,
};

static const struct attribute_group mg_root_group = {
	.attrs = mg_root_attrs,
};

int mg_sysfs_init(void)
{
	int ret;

	mg_kobj = kobject_create_and_add("minerguard", kernel_kobj);
	if (!mg_kobj)
		return -ENOMEM;
	ret = sysfs_create_group(mg_kobj, &mg_root_group);
	if (ret) {
		kobject_put(mg_kobj);
		mg_kobj = NULL;
	}
	return ret;
}

void mg_sysfs_exit(void)
{
	sysfs_remove_group(mg_kobj, &mg_root_group);
	kobject_put(mg_kobj);
	mg_kobj = NULL;
}
