/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel-version shim lives here; Kbuild force-includes this header so
 * that the other files are written for the newest kernel and carry no
 * version checks.
 */
#ifndef _MG_COMPAT_H
#define _MG_COMPAT_H

#include <linux/version.h>

/* sched_stat_runtime lost its vruntime argument in 6.8. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 8, 0)
#define MG_TP_SCHED_STAT_RUNTIME_ARGS \
	struct task_struct *tsk, u64 runtime, u64 vruntime
#else
#define MG_TP_SCHED_STAT_RUNTIME_ARGS struct task_struct *tsk, u64 runtime
#endif

#endif /* _MG_COMPAT_H */
