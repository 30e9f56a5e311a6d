// SPDX-License-Identifier: GPL-2.0
/*
 * jsonrpc-peer server PORT [--v6] [--count N] | client HOST PORT: an
 * ordinary JSON-RPC exchange, the kind that is not mining.
 *
 * The client makes two connections to HOST (an IPv4 or IPv6 literal):
 * on the first it sends a language server "initialize" request framed by
 * a Content-Length header, on the second an Ethereum node call,
 * {"jsonrpc":"2.0","method":"eth_blockNumber","params":[],"id":1}, as one
 * newline-terminated line. It prints "jsonrpc: initialize answered" and
 * "jsonrpc: eth_blockNumber answered" and exits 0 when both answers came;
 * 3 with "jsonrpc: no answer (timeout)", "...: connection reset" or
 * "...: connection closed" when one did not come within 5 s, 4 on a wrong
 * answer, 2 on bad usage, 1 if a connection failed.
 *
 * The server listens on TCP PORT of every IPv4 address (IPv6 with --v6),
 * serves one connection at a time, answers each request in the framing it
 * came in, prints "jsonrpc: METHOD from ADDR" per request, and with
 * --count exits 0 after N connections.
 *
 * minerguard sees two connections that are not stratum: the first bytes
 * of one are an LSP header (not JSON: NO at once), of the other a JSON-RPC
 * object whose method is not a mining call (NO once the object closes). No
 * stratum hit is counted, and with stratum_action=drop both answers still
 * arrive.
 */
#include <signal.h>
#include <strings.h>
#include "network.h"

#define USAGE "jsonrpc-peer server PORT [--v6] [--count N] | client HOST PORT"
#define MAX_BODY 4096

static const char *initialize =
	"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":4242,\"clientInfo\":{\"name\":\"jsonrpc-peer\",\"version\":\"1.0\"},\"rootUri\":\"file:///src\",\"capabilities\":{\"textDocument\":{\"completion\":{\"dynamicRegistration\":false}}},\"trace\":\"off\"}}";
static const char *block_number =
	"{\"jsonrpc\":\"2.0\",\"method\":\"eth_blockNumber\",\"params\":[],\"id\":1}\n";

/* Copies the value of the first "KEY": in JSON into OUT, quotes dropped. */
static void field(const char *json, const char *key, char *out, size_t size)
{
	char pattern[32];
	const char *v;

	snprintf(pattern, sizeof(pattern), "\"%s\":", key);
	v = strstr(json, pattern);
	if (!v) {
		snprintf(out, size, "null");
		return;
	}
	v += strlen(pattern);
	v += strspn(v, " \"");
	snprintf(out, size, "%.*s", (int)strcspn(v, "\",} "), v);
}

/*
 * Answers the request in BODY on FD, with a Content-Length header if
 * FRAMED, else as a line.
 */
static void respond(int fd, const char *body, int framed, const char *peer)
{
	char method[64], id[32], reply[512], buf[600];
	const char *result;
	int n;

	field(body, "method", method, sizeof(method));
	field(body, "id", id, sizeof(id));
	printf("jsonrpc: %s from %s\n", method, peer);
	if (!strcmp(method, "initialize"))
		result = "\"result\":{\"capabilities\":{\"textDocumentSync\":1},\"serverInfo\":{\"name\":\"jsonrpc-peer\",\"version\":\"1.0\"}}";
	else if (!strcmp(method, "eth_blockNumber"))
		result = "\"result\":\"0x10d4f\"";
	else
		result = "\"error\":{\"code\":-32601,\"message\":\"Method not found\"}";
	n = snprintf(reply, sizeof(reply), "{\"jsonrpc\":\"2.0\",\"id\":%s,%s}%s",
		     id, result, framed ? "" : "\n");
	if (framed)
		snprintf(buf, sizeof(buf), "Content-Length: %d\r\n\r\n%s", n,
			 reply);
	else
		snprintf(buf, sizeof(buf), "%s", reply);
	wl_send_str(fd, buf);
}

/*
 * Reads one message: a line of JSON, or headers up to an empty line and
 * then Content-Length bytes of body. *FRAMED tells which.
 */
static enum wl_net_status read_message(struct wl_lines *in, char *body,
				       int *framed)
{
	double deadline = wl_now() + WL_NET_TIMEOUT;
	enum wl_net_status status;
	unsigned long length = 0;
	char *line;

	do {
		status = wl_read_line(in, deadline, &line);
		if (status)
			return status;
	} while (!*line);
	*framed = *line != '{';
	if (!*framed) {
		if (strlen(line) >= MAX_BODY)
			return WL_OVERFLOW;
		strcpy(body, line);
		return WL_OK;
	}
	while (*line) {
		if (!strncasecmp(line, "Content-Length:", 15))
			length = strtoul(line + 15, NULL, 10);
		status = wl_read_line(in, deadline, &line);
		if (status)
			return status;
	}
	if (length >= MAX_BODY)
		return WL_OVERFLOW;
	return wl_read_bytes(in, deadline, body, length);
}

static int server(unsigned short port, int v6, unsigned long count)
{
	static struct wl_lines in;
	char peer[INET6_ADDRSTRLEN], body[MAX_BODY];
	unsigned long served;
	int lfd, framed;

	lfd = wl_listen(port, v6);
	for (served = 0; !count || served < count; served++) {
		wl_lines_init(&in, wl_accept(lfd, peer, sizeof(peer)));
		while (!read_message(&in, body, &framed))
			respond(in.fd, body, framed, peer);
		close(in.fd);
	}
	return 0;
}

/* Sends REQUEST on a new connection and checks the answer's result. */
static void call(const char *host, unsigned short port, const char *name,
		 const char *request, const char *result)
{
	static struct wl_lines in;
	enum wl_net_status status;
	char body[MAX_BODY];
	int framed;

	wl_lines_init(&in, wl_connect(host, port));
	status = wl_send_str(in.fd, request);
	if (!status)
		status = read_message(&in, body, &framed);
	if (status) {
		printf("jsonrpc: %s\n", wl_status_text(status));
		exit(WL_EXIT_NO_ANSWER);
	}
	if (!strstr(body, "\"id\":1,") || !strstr(body, result)) {
		printf("jsonrpc: wrong answer: %.200s\n", body);
		exit(WL_EXIT_BAD_ANSWER);
	}
	printf("jsonrpc: %s answered\n", name);
	close(in.fd);
}

static int client(const char *host, unsigned short port)
{
	char request[MAX_BODY];

	snprintf(request, sizeof(request), "Content-Length: %zu\r\n\r\n%s",
		 strlen(initialize), initialize);
	call(host, port, "initialize", request, "\"capabilities\":");
	call(host, port, "eth_blockNumber", block_number, "\"result\":\"0x");
	return 0;
}

int main(int argc, char **argv)
{
	return wl_peer_main(argc, argv, USAGE, server, client);
}
