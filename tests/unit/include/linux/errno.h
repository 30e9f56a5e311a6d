/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel's <linux/errno.h>.
 */
#ifndef MG_SHIM_LINUX_ERRNO_H
#define MG_SHIM_LINUX_ERRNO_H

/*
 * glibc's <errno.h> itself includes <linux/errno.h>, which lands back here
 * with the guard already set; pull in the real uapi numbers first so that
 * inner include still ends up with EINVAL and friends defined.
 */
#include_next <linux/errno.h>
#include <errno.h>

#endif /* MG_SHIM_LINUX_ERRNO_H */
