/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_LSM_HOOKS_H
#define _MG_LSM_HOOKS_H

int mg_lsm_hooks_init(void);
void mg_lsm_hooks_exit(void);
void mg_lsm_hooks_flip(void);
void mg_lsm_hooks_drain(void);

#endif /* _MG_LSM_HOOKS_H */
