// SPDX-License-Identifier: GPL-2.0
/*
 * mg-write FILE: writes standard input to FILE in one write(2) call and
 * prints "ok" or the errno's name (EINVAL, EPERM, ...), so that tests can
 * assert the exact error a sysfs file returns. Exits 0 only on a write
 * that took every byte.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[65536];

int main(int argc, char **argv)
{
	size_t len = 0;
	ssize_t n;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: mg-write FILE <VALUE\n");
		return 2;
	}
	while (len < sizeof(buf)) {
		n = read(STDIN_FILENO, buf + len, sizeof(buf) - len);
		if (n <= 0)
			break;
		len += n;
	}
	fd = open(argv[1], O_WRONLY);
	if (fd < 0) {
		printf("%s\n", strerrorname_np(errno));
		return 1;
	}
	n = write(fd, buf, len);
	if (n < 0) {
		printf("%s\n", strerrorname_np(errno));
		return 1;
	}
	if ((size_t)n != len) {
		printf("short write %zd of %zu\n", n, len);
		return 1;
	}
	printf("ok\n");
	return 0;
}
