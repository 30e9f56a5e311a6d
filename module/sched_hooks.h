/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_SCHED_HOOKS_H
#define _MG_SCHED_HOOKS_H

int mg_sched_hooks_init(void);
void mg_sched_hooks_exit(void);
void mg_sched_hooks_flip(void);
void mg_sched_hooks_drain(void);
struct tracepoint *mg_tracepoint_find(const char *name);

#endif /* _MG_SCHED_HOOKS_H */
