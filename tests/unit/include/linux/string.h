/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel's <linux/string.h>.
 */
#ifndef MG_SHIM_LINUX_STRING_H
#define MG_SHIM_LINUX_STRING_H

#include <string.h>

#endif /* MG_SHIM_LINUX_STRING_H */
