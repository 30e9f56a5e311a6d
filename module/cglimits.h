/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_CGLIMITS_H
#define _MG_CGLIMITS_H

#include <linux/types.h>

int mg_cglimits_init(void);
void mg_cglimits_exit(void);
u32 mg_cglimits_capacity_mcpu(const char *cgroup_path);

#endif /* _MG_CGLIMITS_H */
