/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_PARSE_H
#define _MG_PARSE_H

#include <linux/types.h>
#include <linux/minerguard.h>

int mg_parse_mode(const char *buf, size_t len, enum mg_mode *mode);
const char *mg_mode_name(enum mg_mode mode);

#endif /* _MG_PARSE_H */
