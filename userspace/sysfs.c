// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers to read minerguard's sysfs value files.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/minerguard.h>

#include "minerguardctl.h"
#include "sysfs.h"

const char *mg_sysfs_root(void)
{
	const char *root = getenv(MG_SYSFS_ENV);

	/* An empty override would turn "<root>/mode" into "/mode". */
	if (root && root[0])
		return root;
	return MINERGUARD_SYSFS_ROOT;
}

static int root_exists(const char *root)
{
	struct stat st;

	return stat(root, &st) == 0 || (errno != ENOENT && errno != ENOTDIR);
}

/* A missing file under a missing root means the module is not loaded. */
static void report_open_error(const char *path, int err)
{
	const char *root = mg_sysfs_root();

	if ((err == ENOENT || err == ENOTDIR) && !root_exists(root)) {
		fprintf(stderr,
			"%s: the minerguard module is not loaded (%s not found)\n",
			PROG_NAME, root);
		return;
	}
	fprintf(stderr, "%s: cannot open %s: %s\n", PROG_NAME, path,
		strerror(err));
}

/* Read until EOF or until @size bytes; returns the length or -errno. */
static ssize_t read_full(int fd, char *buf, size_t size)
{
	size_t len = 0;

	while (len < size) {
		ssize_t n = read(fd, buf + len, size - len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		len += n;
	}
	return len;
}

/* Reads the whole file into @value; returns 0 or -errno, prints nothing. */
static int read_value_fd(int fd, char *value, size_t size)
{
	char extra;
	ssize_t len;

	len = read_full(fd, value, size - 1);
	if (len < 0)
		return len;
	/* A full buffer is only fine if nothing follows it. */
	if ((size_t)len == size - 1 && read_full(fd, &extra, 1) != 0)
		return -EOVERFLOW;
	/* A NUL would silently cut the value short when used as a string. */
	if (memchr(value, '\0', len))
		return -EILSEQ;
	/* sysfs appends exactly one newline; more would be part of the value. */
	if (len > 0 && value[len - 1] == '\n')
		len--;
	value[len] = '\0';
	return 0;
}

void mg_sysfs_print_read_error(const char *path, int err, size_t size)
{
	switch (err) {
	case -EOVERFLOW:
		fprintf(stderr, "%s: cannot read %s: value longer than %zu bytes\n",
			PROG_NAME, path, size - 1);
		break;
	case -EILSEQ:
		fprintf(stderr, "%s: cannot read %s: value contains a NUL byte\n",
			PROG_NAME, path);
		break;
	case -EBADMSG:
		fprintf(stderr, "%s: cannot read %s: not an unsigned decimal number\n",
			PROG_NAME, path);
		break;
	default:
		fprintf(stderr, "%s: cannot read %s: %s\n", PROG_NAME, path,
			strerror(-err));
	}
}

/* <root>/@name into @path; -ENAMETOOLONG if it does not fit. */
static int sysfs_path(char *path, size_t size, const char *name)
{
	int len = snprintf(path, size, "%s/%s", mg_sysfs_root(), name);

	return len < 0 || (size_t)len >= size ? -ENAMETOOLONG : 0;
}

int mg_sysfs_read_quiet(const char *name, char *value, size_t size)
{
	char path[PATH_MAX];
	int fd, ret;

	if (size == 0)
		return -EINVAL;
	ret = sysfs_path(path, sizeof(path), name);
	if (ret < 0)
		return ret;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = read_value_fd(fd, value, size);
	close(fd);
	return ret;
}

void mg_sysfs_report_error(const char *name, int err, size_t size)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", mg_sysfs_root(), name);
	if (err == -ENOENT || err == -ENOTDIR)
		report_open_error(path, -err);
	else
		mg_sysfs_print_read_error(path, err, size);
}

int mg_sysfs_read_value(const char *name, char *value, size_t size)
{
	int ret = mg_sysfs_read_quiet(name, value, size);

	if (ret < 0)
		mg_sysfs_report_error(name, ret, size);
	return ret;
}

int mg_sysfs_check_loaded(void)
{
	if (root_exists(mg_sysfs_root()))
		return 0;
	report_open_error(mg_sysfs_root(), ENOENT);
	return -ENOENT;
}

int mg_write_file(const char *path, const char *value)
{
	size_t len = strlen(value);
	ssize_t n;
	int fd, ret = 0;

	/* O_TRUNC as a shell redirection does: fake trees are plain files. */
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	do {
		n = write(fd, value, len);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != len)
		ret = -EIO;
	if (close(fd) < 0 && !ret && errno != EINTR)
		ret = -errno;
	return ret;
}

int mg_sysfs_write(const char *name, const char *value)
{
	char path[PATH_MAX];
	int ret;

	ret = sysfs_path(path, sizeof(path), name);
	return ret < 0 ? ret : mg_write_file(path, value);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void *mg_grow_array(void *array, size_t *capacity, size_t needed,
		    size_t size)
{
	char *grown;
	size_t n;

	if (needed <= *capacity)
		return array;
	n = *capacity ? *capacity : 32;
	while (n < needed)
		n *= 2;
	grown = reallocarray(array, n, size);
	if (!grown)
		return NULL;
	memset(grown + *capacity * size, 0, (n - *capacity) * size);
	*capacity = n;
	return grown;
}

/* Append a copy of @name to the NULL-terminated *@names. */
static int add_name(char ***names, size_t *count, size_t *capacity,
		    const char *name)
{
	char **grown = mg_grow_array(*names, capacity, *count + 2,
				     sizeof(**names));

	if (!grown)
		return -ENOMEM;
	*names = grown;
	(*names)[*count] = strdup(name);
	if (!(*names)[*count])
		return -ENOMEM;
	(*names)[++*count] = NULL;
	return 0;
}

int mg_sysfs_list_open_dir(const char *name, char ***names, size_t *count)
{
	size_t capacity = 0;
	int fd, list_fd, ret = 0;
	DIR *dir;

	*names = NULL;
	*count = 0;
	fd = mg_sysfs_open_dir(name);
	if (fd < 0)
		return fd;
	/* closedir() closes the descriptor it reads: give it its own. */
	list_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	dir = list_fd < 0 ? NULL : fdopendir(list_fd);
	if (!dir) {
		ret = -errno;
		if (list_fd >= 0)
			close(list_fd);
		close(fd);
		return ret;
	}
	for (;;) {
		const struct dirent *de;

		errno = 0;
		de = readdir(dir);
		if (!de) {
			ret = -errno;
			break;
		}
		if (de->d_name[0] == '.')
			continue;
		ret = add_name(names, count, &capacity, de->d_name);
		if (ret < 0)
			break;
	}
	closedir(dir);
	if (ret < 0) {
		mg_free_names(*names);
		*names = NULL;
		*count = 0;
		close(fd);
		return ret;
	}
	if (*count > 1)
		qsort(*names, *count, sizeof(**names), compare_names);
	return fd;
}

int mg_sysfs_list_dir(const char *name, char ***names, size_t *count)
{
	int fd = mg_sysfs_list_open_dir(name, names, count);

	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

void mg_free_names(char **names)
{
	char **p;

	if (!names)
		return;
	for (p = names; *p; p++)
		free(*p);
	free(names);
}

int mg_sysfs_open_dir(const char *name)
{
	char path[PATH_MAX];
	int fd;

	if (sysfs_path(path, sizeof(path), name) < 0)
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int mg_sysfs_read_at(int dirfd, const char *name, char *value, size_t size)
{
	int fd, ret;

	if (size == 0)
		return -EINVAL;
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = read_value_fd(fd, value, size);
	close(fd);
	return ret;
}

int mg_parse_u64(const char *str, unsigned long long *value)
{
	unsigned long long v;
	char *end;

	/* strtoull() would skip spaces and accept a sign. */
	if (*str < '0' || *str > '9')
		return -EBADMSG;
	errno = 0;
	v = strtoull(str, &end, 10);
	if (errno || *end)
		return -EBADMSG;
	*value = v;
	return 0;
}

int mg_sysfs_read_u64_at(int dirfd, const char *name,
			 unsigned long long *value)
{
	/* 20 digits of 2^64 - 1; anything longer is not a number. */
	char buf[32];
	int ret;

	ret = mg_sysfs_read_at(dirfd, name, buf, sizeof(buf));
	if (ret == -EOVERFLOW || ret == -EILSEQ)
		return -EBADMSG;
	if (ret < 0)
		return ret;
	return mg_parse_u64(buf, value);
}
