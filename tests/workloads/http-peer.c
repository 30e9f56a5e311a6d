// SPDX-License-Identifier: GPL-2.0
/*
 * http-peer server PORT [--v6] [--count N] | client HOST PORT: a plain
 * HTTP/1.1 GET and its small answer.
 *
 * The client connects to HOST (an IPv4 or IPv6 literal), sends
 * "GET / HTTP/1.1" with a few headers and reads the response. It prints
 * "http: 200 OK, N bytes" and exits 0 on a 200 response with its whole
 * body; 3 with "http: no answer (timeout)", "http: connection reset" or
 * "http: connection closed" when none came within 5 s, 4 on another
 * status, 2 on bad usage, 1 if the connection failed.
 *
 * The server listens on TCP PORT of every IPv4 address (IPv6 with --v6),
 * serves one connection at a time, prints "http: GET /PATH from ADDR" per
 * request, answers 200 with a short text body and closes, and with
 * --count exits 0 after N connections.
 *
 * minerguard sees a connection that is not stratum: its first byte, the G
 * of GET, is not JSON, so the classifier says NO at once. No stratum hit
 * is counted, and with stratum_action=drop the answer still arrives.
 */
#include <signal.h>
#include <strings.h>
#include "network.h"

#define USAGE "http-peer server PORT [--v6] [--count N] | client HOST PORT"
#define BODY "hello from http-peer\n"

static struct wl_lines in;

static int server(unsigned short port, int v6, unsigned long count)
{
	char peer[INET6_ADDRSTRLEN], method[16], path[64], buf[256];
	double deadline;
	unsigned long served;
	char *line;
	int lfd;

	lfd = wl_listen(port, v6);
	for (served = 0; !count || served < count; served++) {
		wl_lines_init(&in, wl_accept(lfd, peer, sizeof(peer)));
		deadline = wl_now() + WL_NET_TIMEOUT;
		if (wl_read_line(&in, deadline, &line))
			goto next;
		/* "GET / HTTP/1.1": the method and the path. */
		if (sscanf(line, "%15s %63s", method, path) != 2)
			snprintf(path, sizeof(path), "?");
		/* The headers, up to the empty line. */
		do {
			if (wl_read_line(&in, deadline, &line))
				goto next;
		} while (*line);
		printf("http: %s %s from %s\n", method, path, peer);
		snprintf(buf, sizeof(buf),
			 "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
			 strlen(BODY), BODY);
		wl_send_str(in.fd, buf);
		/* Waits for the client to close first: no RST on our side. */
		shutdown(in.fd, SHUT_WR);
		while (!wl_fill(&in, deadline))
			in.used = in.len;
next:
		close(in.fd);
	}
	return 0;
}

static int client(const char *host, unsigned short port)
{
	double deadline = wl_now() + WL_NET_TIMEOUT;
	enum wl_net_status status;
	unsigned long length = 0;
	char buf[256], body[256], where[64];
	char *line;
	int code;

	wl_lines_init(&in, wl_connect(host, port));
	/* An IPv6 literal goes in brackets in the Host header. */
	if (strchr(host, ':'))
		snprintf(where, sizeof(where), "[%s]:%u", host, port);
	else
		snprintf(where, sizeof(where), "%s:%u", host, port);
	snprintf(buf, sizeof(buf),
		 "GET / HTTP/1.1\r\nHost: %s\r\nUser-Agent: http-peer/1.0\r\nAccept: */*\r\nConnection: close\r\n\r\n",
		 where);
	status = wl_send_str(in.fd, buf);
	if (!status)
		status = wl_read_line(&in, deadline, &line);
	if (status)
		goto fail;
	if (sscanf(line, "HTTP/1.%*u %d", &code) != 1) {
		printf("http: not HTTP: %.100s\n", line);
		return WL_EXIT_BAD_ANSWER;
	}
	if (code != 200) {
		printf("http: status %d\n", code);
		return WL_EXIT_BAD_ANSWER;
	}
	do {
		status = wl_read_line(&in, deadline, &line);
		if (status)
			goto fail;
		if (!strncasecmp(line, "Content-Length:", 15))
			length = strtoul(line + 15, NULL, 10);
	} while (*line);
	if (length >= sizeof(body)) {
		printf("http: body too long\n");
		return WL_EXIT_BAD_ANSWER;
	}
	status = wl_read_bytes(&in, deadline, body, length);
	if (status)
		goto fail;
	printf("http: 200 OK, %lu bytes\n", length);
	close(in.fd);
	return 0;
fail:
	printf("http: %s\n", wl_status_text(status));
	return WL_EXIT_NO_ANSWER;
}

int main(int argc, char **argv)
{
	return wl_peer_main(argc, argv, USAGE, server, client);
}
