// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers to read minerguard's sysfs value files.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

int mg_sysfs_read_value(const char *name, char *value, size_t size)
{
	const char *root = mg_sysfs_root();
	char path[PATH_MAX];
	int fd, len, ret;

	if (size == 0)
		return -EINVAL;

	len = snprintf(path, sizeof(path), "%s/%s", root, name);
	if (len < 0 || (size_t)len >= sizeof(path)) {
		fprintf(stderr, "%s: path too long: %s/%s\n", PROG_NAME, root,
			name);
		return -ENAMETOOLONG;
	}

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		report_open_error(path, -ret);
		return ret;
	}
	ret = read_value_fd(fd, value, size);
	close(fd);
	if (ret < 0)
		mg_sysfs_print_read_error(path, ret, size);
	return ret;
}

int mg_sysfs_open_dir(const char *name)
{
	char path[PATH_MAX];
	int fd, len;

	len = snprintf(path, sizeof(path), "%s/%s", mg_sysfs_root(), name);
	if (len < 0 || (size_t)len >= sizeof(path))
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
