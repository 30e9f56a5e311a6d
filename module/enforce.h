/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_ENFORCE_H
#define _MG_ENFORCE_H

#include <linux/types.h>
#include <linux/minerguard.h>

int mg_enforce_init(void);
void mg_enforce_exit(void);
void mg_enforce_set(u64 job_id, enum mg_action action);
void mg_enforce_tick(void);
void mg_enforce_log(bool block, const char *path, enum mg_verdict verdict,
		    u32 score, enum mg_action action, const char *evidence);

#endif /* _MG_ENFORCE_H */
