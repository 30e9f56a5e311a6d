/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel-version shim lives here; Kbuild force-includes this header so
 * that the other files are written for the newest kernel and carry no
 * version checks.
 */
#ifndef _MG_COMPAT_H
#define _MG_COMPAT_H

#include <linux/version.h>

#endif /* _MG_COMPAT_H */
