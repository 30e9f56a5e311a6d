/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP helpers shared by the network workloads (stratum-pool,
 * stratum-client, jsonrpc-peer, http-peer): numeric addresses only, every
 * wait for the peer bounded by a deadline, line reading that takes both
 * \n and \r\n.
 *
 * Clients exit 0 when the answer they wait for arrived, 3 when the
 * connection was reset or closed, or no answer came in time, 4 when an
 * answer came but not the expected one, 2 on bad usage and 1 on any other
 * error (connect refused included).
 */
#ifndef MG_WORKLOAD_NET_H
#define MG_WORKLOAD_NET_H

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include "workload.h"

/* die() for these helpers: it names the program, not this header. */
extern char *program_invocation_short_name;
#define wl_net_die(...) wl_die(program_invocation_short_name, errno, __VA_ARGS__)

/* Seconds a client waits for an answer, and a server for a request. */
#define WL_NET_TIMEOUT 5
/* Exit status of a client whose peer did not answer. */
#define WL_EXIT_NO_ANSWER 3
/* Exit status of a client whose peer answered something unexpected. */
#define WL_EXIT_BAD_ANSWER 4

enum wl_net_status {
	WL_OK,
	WL_TIMEOUT,
	WL_CLOSED,
	WL_RESET,
	WL_OVERFLOW,
};

static inline const char *wl_status_text(enum wl_net_status status)
{
	switch (status) {
	case WL_OK:
		return "ok";
	case WL_TIMEOUT:
		return "no answer (timeout)";
	case WL_CLOSED:
		return "connection closed";
	case WL_RESET:
		return "connection reset";
	case WL_OVERFLOW:
		return "line too long";
	}
	return "?";
}

/* True for an errno that means the peer or the path to it went away. */
static inline int wl_conn_lost(int err)
{
	return err == ECONNRESET || err == EPIPE || err == ECONNABORTED ||
	       err == ETIMEDOUT || err == EHOSTUNREACH || err == ENETUNREACH;
}

/* A TCP port from the command line, or exit 2 with the usage. */
static inline unsigned short wl_port(const char *arg, const char *usage)
{
	unsigned long port = wl_number(arg, usage);

	if (!port || port > 65535)
		wl_usage(usage);
	return port;
}

/* Milliseconds left until DEADLINE, a wl_now() time: at least 0. */
static inline int wl_ms_left(double deadline)
{
	double left = deadline - wl_now();

	return left > 0 ? (int)(left * 1000) + 1 : 0;
}

/* Sends and receives on FD give up after WL_NET_TIMEOUT seconds. */
static inline void wl_set_timeouts(int fd)
{
	struct timeval tv = { .tv_sec = WL_NET_TIMEOUT };

	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
		wl_net_die("setsockopt SO_SNDTIMEO");
}

/*
 * Listens on TCP PORT of every IPv4 address, or with V6 of every IPv6
 * address (IPv6 only, so that a v4 and a v6 server can share the port).
 */
static inline int wl_listen(unsigned short port, int v6)
{
	struct sockaddr_in6 a6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(port),
		.sin6_addr = IN6ADDR_ANY_INIT,
	};
	struct sockaddr_in a4 = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	int fd, one = 1, err;

	fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		wl_net_die("socket");
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)))
		wl_net_die("setsockopt SO_REUSEADDR");
	if (v6 && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)))
		wl_net_die("setsockopt IPV6_V6ONLY");
	if (v6)
		err = bind(fd, (struct sockaddr *)&a6, sizeof(a6));
	else
		err = bind(fd, (struct sockaddr *)&a4, sizeof(a4));
	if (err)
		wl_net_die("bind port %u", port);
	if (listen(fd, 64))
		wl_net_die("listen");
	return fd;
}

/*
 * Accepts a connection on LFD (waiting as long as it takes) and writes the
 * peer's address, without the port, into PEER.
 */
static inline int wl_accept(int lfd, char *peer, size_t size)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	const void *addr;
	int fd;

	fd = accept(lfd, (struct sockaddr *)&ss, &len);
	if (fd < 0)
		wl_net_die("accept");
	if (ss.ss_family == AF_INET6)
		addr = &((struct sockaddr_in6 *)&ss)->sin6_addr;
	else
		addr = &((struct sockaddr_in *)&ss)->sin_addr;
	if (!inet_ntop(ss.ss_family, addr, peer, size))
		snprintf(peer, size, "?");
	wl_set_timeouts(fd);
	return fd;
}

/*
 * Connects to PORT of HOST, an IPv4 or IPv6 literal, giving up after
 * WL_NET_TIMEOUT seconds. The socket has TCP_NODELAY: each send goes out
 * at once. Returns it, or -1 with errno set and *FAILED naming what
 * failed: "address" (HOST is no literal), "connect" (the connection
 * itself: refused, unreachable, timed out), or the call that failed.
 */
static inline int wl_try_connect(const char *host, unsigned short port,
				 const char **failed)
{
	struct sockaddr_storage ss = { 0 };
	struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
	struct pollfd pfd = { .events = POLLOUT };
	socklen_t len = sizeof(int);
	int fd, one = 1, err = 0;

	if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons(port);
	} else if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(port);
	} else {
		*failed = "address";
		errno = EINVAL;
		return -1;
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	*failed = "socket";
	if (fd < 0)
		return -1;
	*failed = "setsockopt TCP_NODELAY";
	if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)))
		goto fail;
	*failed = "connect";
	if (connect(fd, (struct sockaddr *)&ss, sizeof(ss)) &&
	    errno != EINPROGRESS)
		goto fail;
	pfd.fd = fd;
	err = poll(&pfd, 1, WL_NET_TIMEOUT * 1000);
	if (err <= 0) {
		if (err < 0)
			*failed = "poll";
		else
			errno = ETIMEDOUT;
		goto fail;
	}
	*failed = "getsockopt SO_ERROR";
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len))
		goto fail;
	*failed = "connect";
	if (err) {
		errno = err;
		goto fail;
	}
	*failed = "fcntl";
	if (fcntl(fd, F_SETFL, 0))
		goto fail;
	wl_set_timeouts(fd);
	return fd;
fail:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

/* wl_try_connect(), or exit: 2 on a bad address, 1 if it failed. */
static inline int wl_connect(const char *host, unsigned short port)
{
	const char *failed;
	int fd = wl_try_connect(host, port, &failed);

	if (fd >= 0)
		return fd;
	if (!strcmp(failed, "address")) {
		fprintf(stderr, "%s: not an IPv4 or IPv6 address\n", host);
		exit(2);
	}
	if (!strcmp(failed, "connect"))
		wl_net_die("connect %s port %u", host, port);
	wl_net_die("%s", failed);
}

/*
 * Sends LEN bytes of BUF on FD; with SPLIT, in pieces of SPLIT bytes
 * 10 ms apart, so that each goes out in a TCP segment of its own.
 */
static inline enum wl_net_status wl_send(int fd, const char *buf, size_t len,
					 size_t split)
{
	const struct timespec pause = { .tv_nsec = 10 * 1000 * 1000 };
	size_t piece;
	ssize_t n;

	while (len) {
		piece = split && split < len ? split : len;
		n = send(fd, buf, piece, MSG_NOSIGNAL);
		if (n < 0 && wl_conn_lost(errno))
			return WL_RESET;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return WL_TIMEOUT;
		if (n < 0)
			wl_net_die("send");
		buf += n;
		len -= n;
		if (split && len)
			nanosleep(&pause, NULL);
	}
	return WL_OK;
}

static inline enum wl_net_status wl_send_str(int fd, const char *str)
{
	return wl_send(fd, str, strlen(str), 0);
}

/* What has come in on a connection and is not handed out yet. */
struct wl_lines {
	int fd;
	size_t used;	/* bytes at the start of buf already handed out */
	size_t len;	/* bytes in buf */
	char buf[8192];
};

static inline void wl_lines_init(struct wl_lines *l, int fd)
{
	l->fd = fd;
	l->used = 0;
	l->len = 0;
}

/* Drops the bytes handed out, keeping the rest at the start of l->buf. */
static inline void wl_compact(struct wl_lines *l)
{
	memmove(l->buf, l->buf + l->used, l->len - l->used);
	l->len -= l->used;
	l->used = 0;
}

/*
 * The next whole line that came in, NUL-terminated, without its \n or
 * \r\n, or NULL if there is none yet. Valid until the next call.
 */
static inline char *wl_take_line(struct wl_lines *l)
{
	char *nl;

	wl_compact(l);
	nl = memchr(l->buf, '\n', l->len);
	if (!nl)
		return NULL;
	*nl = 0;
	if (nl > l->buf && nl[-1] == '\r')
		nl[-1] = 0;
	l->used = nl + 1 - l->buf;
	return l->buf;
}

/* Copies the next N bytes into OUT, NUL-terminated; 0 if not there yet. */
static inline int wl_take_bytes(struct wl_lines *l, char *out, size_t n)
{
	wl_compact(l);
	if (l->len < n)
		return 0;
	memcpy(out, l->buf, n);
	out[n] = 0;
	l->used = n;
	return 1;
}

/* Reads what is there on l->fd, waiting for it until DEADLINE (0: not). */
static inline enum wl_net_status wl_fill(struct wl_lines *l, double deadline)
{
	struct pollfd pfd = { .fd = l->fd, .events = POLLIN };
	ssize_t n;
	int ready;

	wl_compact(l);
	if (l->len == sizeof(l->buf))
		return WL_OVERFLOW;
	if (deadline) {
		ready = poll(&pfd, 1, wl_ms_left(deadline));
		if (ready < 0)
			wl_net_die("poll");
		if (!ready)
			return WL_TIMEOUT;
	}
	n = recv(l->fd, l->buf + l->len, sizeof(l->buf) - l->len, 0);
	if (n < 0 && wl_conn_lost(errno))
		return WL_RESET;
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return WL_TIMEOUT;
	if (n < 0)
		wl_net_die("recv");
	if (!n)
		return WL_CLOSED;
	l->len += n;
	return WL_OK;
}

/* Waits until DEADLINE for a whole line and sets *LINE to it. */
static inline enum wl_net_status wl_read_line(struct wl_lines *l,
					      double deadline, char **line)
{
	enum wl_net_status status;

	for (;;) {
		*line = wl_take_line(l);
		if (*line)
			return WL_OK;
		status = wl_fill(l, deadline);
		if (status)
			return status;
	}
}

/* Waits until DEADLINE for N more bytes and copies them into OUT. */
static inline enum wl_net_status wl_read_bytes(struct wl_lines *l,
					       double deadline, char *out,
					       size_t n)
{
	enum wl_net_status status;

	for (;;) {
		if (wl_take_bytes(l, out, n))
			return WL_OK;
		status = wl_fill(l, deadline);
		if (status)
			return status;
	}
}

/*
 * main() of a "NAME server PORT [--v6] [--count N] | client HOST PORT"
 * program: line-buffered output, no SIGPIPE, then the chosen side.
 */
static inline int wl_peer_main(int argc, char **argv, const char *usage,
			       int (*server)(unsigned short port, int v6,
					     unsigned long count),
			       int (*client)(const char *host,
					     unsigned short port))
{
	unsigned long connections = 0;
	int v6 = 0, i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (argc == 4 && !strcmp(argv[1], "client"))
		return client(argv[2], wl_port(argv[3], usage));
	if (argc < 3 || strcmp(argv[1], "server"))
		wl_usage(usage);
	for (i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--v6"))
			v6 = 1;
		else if (!strcmp(argv[i], "--count") && i + 1 < argc)
			connections = wl_number(argv[++i], usage);
		else
			wl_usage(usage);
	}
	return server(wl_port(argv[2], usage), v6, connections);
}

#endif /* MG_WORKLOAD_NET_H */
