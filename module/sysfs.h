/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_SYSFS_H
#define _MG_SYSFS_H

#include <linux/kobject.h>
#include <linux/sysfs.h>

int mg_sysfs_init(void);
struct kobject *mg_sysfs_root(void);
void mg_sysfs_exit(void);
int mg_sysfs_add_stats(const struct attribute *const *attrs);
void mg_sysfs_remove_stats(const struct attribute *const *attrs);
void mg_sysfs_notify_stat(const char *name);

/* A read-only stats/ file showing @var, declared as mg_stat_attr_<name>. */
#define MG_STAT_ATTR(name, var, fmt)					\
static ssize_t name##_show(struct kobject *kobj,			\
			   struct kobj_attribute *attr, char *buf)	\
{									\
	return sysfs_emit(buf, fmt "\n", READ_ONCE(var));		\
}									\
static struct kobj_attribute mg_stat_attr_##name = __ATTR_RO(name)

#endif /* _MG_SYSFS_H */
