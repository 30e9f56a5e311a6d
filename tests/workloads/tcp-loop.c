// SPDX-License-Identifier: GPL-2.0
/*
 * tcp-loop connections N | stream MIB: TCP over loopback between this
 * process and a forked server; prints the elapsed nanoseconds.
 *
 *   connections N  N connections one after the other, each sending one
 *                  JSON-RPC request of about 900 bytes (an editor's
 *                  didOpen: not stratum, and only its closing brace says
 *                  so) and reading a one-line answer
 *   stream MIB     one connection sending MIB mebibytes in 64 KiB writes
 *
 * The workloads that show what minerguard's netfilter hook costs: the
 * first reads every connection's first packet to the end, the second is
 * all later packets, which the hook passes after a few loads.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

static char request[1024];
static char chunk[CHUNK];

/* A didOpen whose text pads it to about 900 bytes, one line. */
static void make_request(void)
{
	int len;

	len = snprintf(request, sizeof(request),
		       "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///src/main.c\",\"languageId\":\"c\",\"version\":1,\"text\":\"");
	while (len < 880)
		len += snprintf(request + len, sizeof(request) - len,
				"int x%d = %d;\\n", len, len);
	snprintf(request + len, sizeof(request) - len, "\"}}}\n");
}

static int write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, buf, len);
		if (n <= 0)
			return -1;
		buf += n;
		len -= n;
	}
	return 0;
}

/* Reads until a newline or the end of the stream; 0 if it got either. */
static int read_line(int fd)
{
	char buf[4096];
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0)
			return -1;
		if (n == 0 || memchr(buf, '\n', n))
			return 0;
	}
}

static void serve(int listener)
{
	int fd;

	for (;;) {
		fd = accept(listener, NULL, NULL);
		if (fd < 0)
			exit(1);
		if (read_line(fd) || write_all(fd, "{\"id\":1}\n", 9))
			exit(1);
		close(fd);
	}
}

static int dial(const struct sockaddr_in *addr)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || connect(fd, (const struct sockaddr *)addr,
			      sizeof(*addr)))
		exit(1);
	return fd;
}

static void connections(const struct sockaddr_in *addr, long n)
{
	int fd;

	for (; n > 0; n--) {
		fd = dial(addr);
		if (write_all(fd, request, strlen(request)) || read_line(fd))
			exit(1);
		close(fd);
	}
}

static void stream(const struct sockaddr_in *addr, long mib)
{
	long chunks = mib * (1024 * 1024 / CHUNK);
	int fd = dial(addr);

	memset(chunk, 'x', sizeof(chunk));
	for (; chunks > 0; chunks--)
		if (write_all(fd, chunk, sizeof(chunk)))
			exit(1);
	if (write_all(fd, "\n", 1) || read_line(fd))
		exit(1);
	close(fd);
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t len = sizeof(addr);
	struct timespec t0, t1;
	int listener, status;
	long count;
	pid_t server;

	count = argc == 3 ? strtol(argv[2], NULL, 10) : 0;
	if (count < 1 || (strcmp(argv[1], "connections") &&
			  strcmp(argv[1], "stream"))) {
		fprintf(stderr, "usage: tcp-loop connections N | stream MIB\n");
		return 2;
	}
	make_request();
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || bind(listener, (struct sockaddr *)&addr, len) ||
	    listen(listener, 64) ||
	    getsockname(listener, (struct sockaddr *)&addr, &len)) {
		perror("tcp-loop: listen on 127.0.0.1");
		return 1;
	}
	server = fork();
	if (server < 0)
		return 1;
	if (!server)
		serve(listener);
	close(listener);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!strcmp(argv[1], "connections"))
		connections(&addr, count);
	else
		stream(&addr, count);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	kill(server, SIGKILL);
	waitpid(server, &status, 0);
	printf("%lld\n", (t1.tv_sec - t0.tv_sec) * 1000000000LL +
	       (t1.tv_nsec - t0.tv_nsec));
	return 0;
}
