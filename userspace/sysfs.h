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

/*
 * The functions below print nothing, so that callers can decide whether
 * a failure matters (a tracked cgroup's directory may vanish at any time).
 * Besides errors from open() and read() they return -EOVERFLOW for a
 * value that does not fit in @size - 1 bytes, -EILSEQ for a value holding
 * a NUL byte and -EBADMSG for a value that is not a decimal number.
 */

/* Open <root>/@name as a directory; returns the descriptor or -errno. */
int mg_sysfs_open_dir(const char *name);

/* Like mg_sysfs_read_value(), for @name relative to directory @dirfd. */
int mg_sysfs_read_at(int dirfd, const char *name, char *value, size_t size);

/* Read the unsigned decimal number in @name relative to @dirfd. */
int mg_sysfs_read_u64_at(int dirfd, const char *name,
			 unsigned long long *value);

/*
 * Parse @str as an unsigned decimal number: digits only (no sign, space
 * or base prefix), fitting in 64 bits. Returns 0 or -EBADMSG.
 */
int mg_parse_u64(const char *str, unsigned long long *value);

/* Print why reading @path failed; @err and @size as given to a reader. */
void mg_sysfs_print_read_error(const char *path, int err, size_t size);

/*
 * 0 if the sysfs root exists; else prints that the module is not loaded
 * and returns -ENOENT.
 */
int mg_sysfs_check_loaded(void);

/* Like mg_sysfs_read_value(), but prints nothing. */
int mg_sysfs_read_quiet(const char *name, char *value, size_t size);

/*
 * Print why reading <root>/@name failed with @err, as
 * mg_sysfs_read_value() does.
 */
void mg_sysfs_report_error(const char *name, int err, size_t size);

/*
 * Write @value to the file at @path with a single write(2), as sysfs and
 * cgroupfs take one value per write. Returns 0 or a negative errno (-EIO
 * if the file took only part of it); prints nothing.
 */
int mg_write_file(const char *path, const char *value);

/* mg_write_file() for <root>/@name. */
int mg_sysfs_write(const char *name, const char *value);

/*
 * Make room in @array, of *@capacity elements of @size bytes, for at least
 * @needed of them, doubling and zeroing what is added. Returns the array
 * to use from now on, or NULL when out of memory (@array is then intact).
 */
void *mg_grow_array(void *array, size_t *capacity, size_t needed,
		    size_t size);

/*
 * The names in directory <root>/@name, sorted by strcmp() and without
 * those starting with '.', as a NULL-terminated array in *@names (NULL
 * when there are none; free it with mg_free_names()) and their number in
 * *@count. Returns 0 or a negative errno (-ENOENT if the directory is
 * missing); prints nothing.
 */
int mg_sysfs_list_dir(const char *name, char ***names, size_t *count);
/*
 * The same, keeping the directory open for the *_at() readers: returns
 * its descriptor (the caller closes it) or a negative errno.
 */
int mg_sysfs_list_open_dir(const char *name, char ***names, size_t *count);

void mg_free_names(char **names);

#endif /* MINERGUARDCTL_SYSFS_H */
