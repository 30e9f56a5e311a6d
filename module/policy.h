/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_POLICY_H
#define _MG_POLICY_H

#include <linux/minerguard.h>

enum mg_mode mg_policy_mode(void);
int mg_policy_set_mode(enum mg_mode mode);

#endif /* _MG_POLICY_H */
