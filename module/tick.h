/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_TICK_H
#define _MG_TICK_H

int mg_tick_init(void);
void mg_tick_exit(void);

#endif /* _MG_TICK_H */
