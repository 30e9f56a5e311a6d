/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for the kernel's <linux/kernel.h>: snprintf. */
#ifndef MG_SHIM_LINUX_KERNEL_H
#define MG_SHIM_LINUX_KERNEL_H

#include <stdio.h>

#endif /* MG_SHIM_LINUX_KERNEL_H */
