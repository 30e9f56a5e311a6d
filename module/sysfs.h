/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_SYSFS_H
#define _MG_SYSFS_H

int mg_sysfs_init(void);
void mg_sysfs_exit(void);

#endif /* _MG_SYSFS_H */
