/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for the kernel's <linux/limits.h>. */
#ifndef _MG_UNIT_LINUX_LIMITS_H
#define _MG_UNIT_LINUX_LIMITS_H

#include_next <linux/limits.h>
#include <stdint.h>

#define U8_MAX UINT8_MAX
#define U16_MAX UINT16_MAX
#define U32_MAX UINT32_MAX
#define U64_MAX UINT64_MAX
#define S64_MAX INT64_MAX

#endif /* _MG_UNIT_LINUX_LIMITS_H */
