// SPDX-License-Identifier: GPL-2.0
/*
 * mg-poll FILE SECONDS: reads FILE, then waits up to SECONDS for sysfs to
 * signal a change of it (poll(2) with POLLPRI, as sysfs_notify() wakes),
 * and prints "woken" or "timeout". Exits 0 when woken.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct pollfd pfd = { .events = POLLPRI | POLLERR };
	char buf[4096];
	int n;

	if (argc != 3) {
		fprintf(stderr, "usage: mg-poll FILE SECONDS\n");
		return 2;
	}
	pfd.fd = open(argv[1], O_RDONLY);
	if (pfd.fd < 0) {
		perror(argv[1]);
		return 2;
	}
	/* sysfs arms the notification with the first read. */
	if (read(pfd.fd, buf, sizeof(buf)) < 0) {
		perror("read");
		return 2;
	}
	n = poll(&pfd, 1, atoi(argv[2]) * 1000);
	if (n < 0) {
		perror("poll");
		return 2;
	}
	puts(n ? "woken" : "timeout");
	return n ? 0 : 1;
}
