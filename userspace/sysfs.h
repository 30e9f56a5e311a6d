/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading minerguard's sysfs tree: one value per file, named relative to
 * the sysfs root.
 */
#ifndef MINERGUARDCTL_SYSFS_H
#define MINERGUARDCTL_SYSFS_H

#include <stddef.h>

/* Names a directory to use instead of MINERGUARD_SYSFS_ROOT (tests). */
#define MG_SYSFS_ENV "MINERGUARD_SYSFS"

/*
 * A sysfs show() callback returns at most one page; our values are far
 * shorter, so a 4 KiB value plus its terminating NUL is plenty.
 */
#define MG_SYSFS_VALUE_MAX 4096
#define MG_SYSFS_VALUE_SIZE (MG_SYSFS_VALUE_MAX + 1)

/* $MINERGUARD_SYSFS if set and non-empty, else MINERGUARD_SYSFS_ROOT. */
const char *mg_sysfs_root(void);

/*
 * Read the value in <root>/@name into @value (@size bytes) as a C string,
 * with the one trailing newline sysfs adds removed. Returns 0, or a
 * negative errno after printing why to stderr (including "module not
 * loaded" when the root directory is missing).
 */
int mg_sysfs_read_value(const char *name, char *value, size_t size);

#endif /* MINERGUARDCTL_SYSFS_H */
