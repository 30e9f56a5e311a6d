// SPDX-License-Identifier: GPL-2.0
/*
 * stratum-pool PORT [--v6] [--count N] [--reset]: a minimal fake mining
 * pool. Listens on TCP PORT of every IPv4 address (every IPv6 address with
 * --v6), serves up to 64 connections at a time from one poll loop, reads
 * newline-delimited JSON requests (\n or \r\n) and answers them as a pool
 * would:
 *
 *   login                  a result with a session id and a job (xmrig)
 *   submit, keepalived     {"status":"OK"}, {"status":"KEEPALIVED"}
 *   getjob                 the job
 *   mining.subscribe       the classic stratum v1 subscription result
 *   mining.authorize       true, then a mining.set_difficulty and a
 *                          mining.notify
 *   mining.submit          true
 *   anything else          a JSON-RPC error
 *
 * It prints one flushed line per event on stdout, "pool: EVENT from ADDR",
 * where EVENT is connect, the method of a request (unknown if it has
 * none), or how the connection ended: close (the peer closed it), reset
 * (the peer reset it), idle (nothing came for 10 s: the pool closes it),
 * overflow (a line longer than 8 KiB) or reset-sent. With --count it exits
 * 0 once N connections have ended. With --reset it answers nothing: it
 * resets each connection (RST) as soon as its first bytes arrive.
 *
 * minerguard sees nothing here: a pool is not a miner, and the module
 * classifies the first bytes a connection sends, not what it receives (the
 * pool's first bytes are an answer). A test reads the pool's output to
 * see which requests got through.
 */
#include <signal.h>
#include "network.h"

#define USAGE "stratum-pool PORT [--v6] [--count N] [--reset]"
#define MAX_CONNS 64
#define IDLE_SECONDS 10

struct conn {
	struct wl_lines in;
	char peer[INET6_ADDRSTRLEN];
	double idle_deadline;
};

static struct conn conns[MAX_CONNS];
static struct pollfd pfds[MAX_CONNS + 1];
static int nconns;
static unsigned long ended, count;
static char blob[153];

static void event(const char *what, const struct conn *c)
{
	printf("pool: %s from %s\n", what, c->peer);
}

/* Skips a JSON string starting at its opening quote S: its closing one. */
static const char *skip_string(const char *s)
{
	for (s++; *s && *s != '"'; s++)
		if (*s == '\\' && s[1])
			s++;
	return s;
}

/*
 * The value of KEY among the top-level keys of the JSON object in LINE, or
 * NULL. Good enough for what clients send: no validation.
 */
static const char *top_value(const char *line, const char *key)
{
	size_t n = strlen(key);
	const char *s, *start;
	int depth = 0;

	for (s = line; *s; s++) {
		if (*s == '{' || *s == '[') {
			depth++;
		} else if (*s == '}' || *s == ']') {
			depth--;
		} else if (*s == '"') {
			start = s + 1;
			s = skip_string(s);
			if (!*s)
				return NULL;
			if (depth != 1 || (size_t)(s - start) != n ||
			    memcmp(start, key, n))
				continue;
			start = s + 1 + strspn(s + 1, " \t\r\n");
			if (*start == ':')
				return start + 1 + strspn(start + 1, " \t\r\n");
		}
	}
	return NULL;
}

/*
 * Copies the scalar JSON value at V (a string with its quotes, a number,
 * true, false or null) into OUT; "null" if there is none or it is too long.
 */
static void copy_scalar(const char *v, char *out, size_t size)
{
	size_t n;

	if (!v)
		n = 0;
	else if (*v == '"')
		n = *skip_string(v) ? skip_string(v) - v + 1 : 0;
	else
		n = strcspn(v, ",}] \t\r\n");
	if (!n || n >= size || *v == '{' || *v == '[') {
		snprintf(out, size, "null");
		return;
	}
	memcpy(out, v, n);
	out[n] = 0;
}

static void end_conn(int i, const char *why)
{
	struct conn *c = &conns[i];

	event(why, c);
	close(c->in.fd);
	nconns--;
	if (i != nconns)
		*c = conns[nconns];
	ended++;
	if (count && ended >= count)
		exit(0);
}

/* Closes connection I with an RST rather than a FIN. */
static void reset_conn(int i)
{
	struct linger lin = { .l_onoff = 1, .l_linger = 0 };

	if (setsockopt(conns[i].in.fd, SOL_SOCKET, SO_LINGER, &lin,
		       sizeof(lin)))
		die("setsockopt SO_LINGER");
	end_conn(i, "reset-sent");
}

static void respond(struct conn *c, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || n >= (int)sizeof(buf) - 1)
		die("answer too long");
	buf[n++] = '\n';
	/* A peer that went away shows up on the next read. */
	wl_send(c->in.fd, buf, n, 0);
}

static void job_reply(struct conn *c, const char *id, int login)
{
	respond(c,
	      "{\"id\":%s,\"jsonrpc\":\"2.0\",\"error\":null,\"result\":{%s\"job\":{\"blob\":\"%s\",\"job_id\":\"1\",\"target\":\"b88d0600\",\"algo\":\"rx/0\",\"height\":3000000,\"seed_hash\":\"%.64s\"}%s}}",
	      id, login ? "\"id\":\"mg-session-1\"," : "", blob, blob,
	      login ? ",\"extensions\":[\"keepalive\"],\"status\":\"OK\"" : "");
}

static void handle(struct conn *c, const char *line)
{
	char method[64], id[64];
	const char *m = method + 1;
	size_t n;

	if (!line[strspn(line, " \t")])
		return;
	copy_scalar(top_value(line, "id"), id, sizeof(id));
	copy_scalar(top_value(line, "method"), method, sizeof(method));
	n = strlen(method);
	if (method[0] != '"' || n < 3) {
		event("unknown", c);
		respond(c, "{\"id\":%s,\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid request\"},\"result\":null}",
		      id);
		return;
	}
	method[n - 1] = 0;
	event(m, c);
	if (!strcmp(m, "login")) {
		job_reply(c, id, 1);
	} else if (!strcmp(m, "getjob")) {
		job_reply(c, id, 0);
	} else if (!strcmp(m, "submit")) {
		respond(c, "{\"id\":%s,\"jsonrpc\":\"2.0\",\"error\":null,\"result\":{\"status\":\"OK\"}}",
		      id);
	} else if (!strcmp(m, "keepalived")) {
		respond(c, "{\"id\":%s,\"jsonrpc\":\"2.0\",\"error\":null,\"result\":{\"status\":\"KEEPALIVED\"}}",
		      id);
	} else if (!strcmp(m, "mining.subscribe")) {
		respond(c, "{\"id\":%s,\"result\":[[[\"mining.set_difficulty\",\"1\"],[\"mining.notify\",\"1\"]],\"08000002\",4],\"error\":null}",
		      id);
	} else if (!strcmp(m, "mining.authorize")) {
		respond(c, "{\"id\":%s,\"result\":true,\"error\":null}", id);
		respond(c, "{\"id\":null,\"method\":\"mining.set_difficulty\",\"params\":[1]}");
		respond(c, "{\"id\":null,\"method\":\"mining.notify\",\"params\":[\"1\",\"%.64s\",\"01000000010000\",\"072f736c7573682f00000000\",[],\"20000000\",\"1703a30c\",\"5f5e1000\",true]}",
		      blob);
	} else if (!strcmp(m, "mining.submit")) {
		respond(c, "{\"id\":%s,\"result\":true,\"error\":null}", id);
	} else {
		respond(c, "{\"id\":%s,\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"result\":null}",
		      id);
	}
}

/* Reads what came in on connection I and answers every whole line. */
static void serve(int i, int reset)
{
	struct conn *c = &conns[i];
	enum wl_net_status status;
	char *line;

	status = wl_fill(&c->in, 0);
	if (status == WL_TIMEOUT)
		return;
	if (status == WL_CLOSED || status == WL_RESET) {
		end_conn(i, status == WL_CLOSED ? "close" : "reset");
		return;
	}
	if (reset) {
		reset_conn(i);
		return;
	}
	c->idle_deadline = wl_now() + IDLE_SECONDS;
	while ((line = wl_take_line(&c->in)))
		handle(c, line);
	if (c->in.len == sizeof(c->in.buf))
		end_conn(i, "overflow");
}

int main(int argc, char **argv)
{
	int lfd, v6 = 0, reset = 0, i, n, timeout;
	unsigned short port;
	double now, next;

	if (argc < 2)
		wl_usage(USAGE);
	port = wl_port(argv[1], USAGE);
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--v6"))
			v6 = 1;
		else if (!strcmp(argv[i], "--reset"))
			reset = 1;
		else if (!strcmp(argv[i], "--count") && i + 1 < argc)
			count = wl_number(argv[++i], USAGE);
		else
			wl_usage(USAGE);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < 76; i++)
		snprintf(blob + 2 * i, 3, "%02x", (i * 37 + 11) & 0xff);
	lfd = wl_listen(port, v6);
	for (;;) {
		now = wl_now();
		next = now + IDLE_SECONDS;
		pfds[0] = (struct pollfd){ .fd = lfd, .events = POLLIN };
		for (i = 0; i < nconns; i++) {
			pfds[i + 1] = (struct pollfd){ .fd = conns[i].in.fd,
						       .events = POLLIN };
			if (conns[i].idle_deadline < next)
				next = conns[i].idle_deadline;
		}
		/* No new connection while all slots are taken. */
		if (nconns == MAX_CONNS)
			pfds[0].fd = -1;
		timeout = wl_ms_left(next);
		n = poll(pfds, nconns + 1, timeout);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("poll");
		/* Backwards: end_conn() moves the last connection into I. */
		for (i = nconns - 1; i >= 0; i--) {
			if (pfds[i + 1].revents)
				serve(i, reset);
			else if (wl_expired(conns[i].idle_deadline))
				end_conn(i, "idle");
		}
		if (n > 0 && pfds[0].revents) {
			struct conn *c = &conns[nconns];

			wl_lines_init(&c->in,
				      wl_accept(lfd, c->peer, sizeof(c->peer)));
			c->idle_deadline = wl_now() + IDLE_SECONDS;
			nconns++;
			event("connect", c);
		}
	}
}
