/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_NET_HOOKS_H
#define _MG_NET_HOOKS_H

#include <linux/types.h>

int mg_net_hooks_init(void);
void mg_net_hooks_exit(void);

/* Tick side, between mg_cgroups_lock() and mg_cgroups_unlock(). */
void mg_net_hooks_drain(void);
void mg_net_hooks_allow_begin(void);
void mg_net_hooks_allow_job(u64 job_id);
void mg_net_hooks_allow_publish(void);

/* Tick side, outside the cgroup lock: lets go of finished connections. */
void mg_net_hooks_reap(void);

#endif /* _MG_NET_HOOKS_H */
