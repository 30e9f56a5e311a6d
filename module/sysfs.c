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

static struct kobj_attribute mg_policy_attrs[MG_KNOB_COUNT];
static struct attribute *mg_policy_attr_list[MG_KNOB_COUNT + 1];

static ssize_t mg_policy_show_attr(struct kobject *kobj,
				   struct kobj_attribute *attr, char *buf)
{
	return mg_policy_show(attr - mg_policy_attrs, buf);
}

static ssize_t mg_policy_store_attr(struct kobject *kobj,
				    struct kobj_attribute *attr,
				    const char *buf, size_t count)
{
	int ret;

	if (!mg_sysfs_may_change_policy())
		return -EPERM;
	ret = mg_policy_store(attr - mg_policy_attrs, buf, count);
	return ret ? ret : count;
}

static const struct attribute_group mg_policy_group = {
	.name = "policy",
	.attrs = mg_policy_attr_list,
};

static ssize_t locked_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%d\n", mg_policy_locked());
}

/* 1 locks; 0 is accepted only while unlocked, where it changes nothing. */
static ssize_t locked_store(struct kobject *kobj, struct kobj_attribute *attr,
			    const char *buf, size_t count)
{
	u32 value;
	int ret;

	if (!mg_sysfs_may_change_policy())
		return -EPERM;
	ret = mg_parse_u32(buf, count, 0, 1, &value);
	if (ret)
		return ret == -ERANGE ? -EINVAL : ret;
	if (!value)
		return mg_policy_locked() ? -EPERM : count;
	if (!mg_policy_locked())
		pr_info("policy locked until reboot\n");
	mg_policy_lock();
	return count;
}

static ssize_t allow_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return mg_policy_allow_show(buf);
}

static ssize_t allow_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	int ret;

	if (!mg_sysfs_may_change_policy())
		return -EPERM;
	ret = mg_policy_allow_write(buf, count);
	return ret ? ret : count;
}

static struct kobj_attribute mg_attr_version = __ATTR_RO(version);
static struct kobj_attribute mg_attr_mode = __ATTR_RW(mode);
static struct kobj_attribute mg_attr_locked = __ATTR_RW(locked);
static struct kobj_attribute mg_attr_allow = __ATTR_RW(allow);

static struct attribute *mg_root_attrs[] = {
	&mg_attr_version.attr,
	&mg_attr_mode.attr,
	&mg_attr_locked.attr,
	&mg_attr_allow.attr,
	NULL,
};

static const struct attribute_group mg_root_group = {
	.attrs = mg_root_attrs,
};

struct kobject *mg_sysfs_root(void)
{
	return mg_kobj;
}

static void mg_sysfs_remove_stats_n(const struct attribute *const *attrs,
				    int n)
{
	while (n--)
		sysfs_remove_file_from_group(mg_kobj, attrs[n], "stats");
}

/**
 * mg_sysfs_add_stats() - add a subsystem's counters to stats/
 * @attrs: NULL-terminated; the stats group must exist
 *
 * Return: 0, or an error with none of @attrs added.
 */
int mg_sysfs_add_stats(const struct attribute *const *attrs)
{
	int i, ret;

	for (i = 0; attrs[i]; i++) {
		ret = sysfs_add_file_to_group(mg_kobj, attrs[i], "stats");
		if (ret) {
			mg_sysfs_remove_stats_n(attrs, i);
			return ret;
		}
	}
	return 0;
}

void mg_sysfs_remove_stats(const struct attribute *const *attrs)
{
	int n = 0;

	while (attrs[n])
		n++;
	mg_sysfs_remove_stats_n(attrs, n);
}

/* Wakes pollers of stats/NAME. */
void mg_sysfs_notify_stat(const char *name)
{
	sysfs_notify(mg_kobj, "stats", name);
}

/* policy/<knob> for every knob in the policy table. */
static void mg_sysfs_build_policy_attrs(void)
{
	int i;

	for (i = 0; i < MG_KNOB_COUNT; i++) {
		struct kobj_attribute *attr = &mg_policy_attrs[i];

		sysfs_attr_init(&attr->attr);
		attr->attr.name = mg_policy_knob_name(i);
		attr->attr.mode = 0644;
		attr->show = mg_policy_show_attr;
		attr->store = mg_policy_store_attr;
		mg_policy_attr_list[i] = &attr->attr;
	}
}

int mg_sysfs_init(void)
{
	int ret;

	mg_sysfs_build_policy_attrs();
	mg_kobj = kobject_create_and_add("minerguard", kernel_kobj);
	if (!mg_kobj)
		return -ENOMEM;
	ret = sysfs_create_group(mg_kobj, &mg_root_group);
	if (ret)
		goto err_put;
	ret = sysfs_create_group(mg_kobj, &mg_policy_group);
	if (ret)
		goto err_root;
	return 0;

err_root:
	sysfs_remove_group(mg_kobj, &mg_root_group);
err_put:
	kobject_put(mg_kobj);
	mg_kobj = NULL;
	return ret;
}

void mg_sysfs_exit(void)
{
	sysfs_remove_group(mg_kobj, &mg_policy_group);
	sysfs_remove_group(mg_kobj, &mg_root_group);
	kobject_put(mg_kobj);
	mg_kobj = NULL;
}
