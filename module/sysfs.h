/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_SYSFS_H
#define _MG_SYSFS_H

#include <linux/kobject.h>

int mg_sysfs_init(void);
struct kobject *mg_sysfs_root(void);
void mg_sysfs_exit(void);

#endif /* _MG_SYSFS_H */
