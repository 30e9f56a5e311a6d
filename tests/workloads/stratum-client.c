// SPDX-License-Identifier: GPL-2.0
/*
 * stratum-client HOST PORT [--proto xmrig|btc] [--split N] [--crlf]
 *                [--pretty] [--submits K] [--interval-ms M] [--timeout S]:
 * opens a connection to a pool (HOST an IPv4 or IPv6 literal) the way a
 * miner does. With --proto xmrig (the default) it sends an xmrig login
 * (login, pass, agent and a list of algorithms); with --proto btc a
 * mining.subscribe and, once that is answered, a mining.authorize. Then
 * it sends K submits (default 0), one every M ms (default 100), the kind
 * the protocol has, and waits for their answers.
 *
 *   --split N   the first line goes out in pieces of N bytes 10 ms apart,
 *               one TCP segment each (TCP_NODELAY)
 *   --crlf      lines end in \r\n instead of \n
 *   --pretty    JSON with spaces and tabs around every token (still one
 *               line) and the keys in another order, "method" last
 *   --timeout S how long to wait for each answer (default 5 s)
 *
 * Prints "client: logged in" and exits 0 once the login (xmrig) or the
 * authorize (btc) is answered, after a "client: A of K submits accepted"
 * line if K > 0. Exits 3 after "client: no answer (timeout)", "client:
 * connection reset" or "client: connection closed" if that answer never
 * came, 4 if the pool refused, 2 on bad usage, 1 if the connection failed.
 *
 * minerguard sees a stratum connection: the first payload bytes of the
 * connection are a stratum login (mining.subscribe for btc), which the
 * classifier calls stratum, however split, with either line end and in
 * either format. Its network side counts a stratum hit for the client's
 * cgroup, and with stratum_action=drop the login never gets an answer
 * (exit 3).
 */
#include <signal.h>
#include "network.h"

#define USAGE "stratum-client HOST PORT [--proto xmrig|btc] [--split N] [--crlf] [--pretty] [--submits K] [--interval-ms M] [--timeout S]"

#define WALLET "48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4fhdUyZijBGUicoD"
#define AGENT "XMRig/6.21.0 (Linux x86_64) libuv/1.44.2 gcc/11.4.0"
#define WORKER "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq.rig1"

/* xmrig 6.21's list of algorithms, compact and spaced out. */
#define ALGOS "\"rx/0\",\"rx/wow\",\"rx/arq\",\"rx/graft\",\"rx/sfx\",\"rx/keva\",\"cn/1\",\"cn/2\",\"cn/r\",\"cn/fast\",\"cn/half\",\"cn/xao\",\"cn/rto\",\"cn/rwz\",\"cn/zls\",\"cn/double\",\"cn/ccx\",\"cn-lite/1\",\"cn-heavy/0\",\"cn-heavy/tube\",\"cn-heavy/xhv\",\"cn-pico\",\"cn-pico/tlo\",\"cn/upx2\",\"argon2/chukwa\",\"argon2/chukwav2\",\"argon2/ninja\",\"ghostrider\""
#define ALGOS_PRETTY "\"rx/0\" , \"rx/wow\" , \"rx/arq\" , \"rx/graft\" , \"rx/sfx\" , \"rx/keva\" , \"cn/1\" , \"cn/2\" , \"cn/r\" , \"cn/fast\" , \"cn/half\" , \"cn/xao\" , \"cn/rto\" , \"cn/rwz\" , \"cn/zls\" , \"cn/double\" , \"cn/ccx\" , \"cn-lite/1\" , \"cn-heavy/0\" , \"cn-heavy/tube\" , \"cn-heavy/xhv\" , \"cn-pico\" , \"cn-pico/tlo\" , \"cn/upx2\" , \"argon2/chukwa\" , \"argon2/chukwav2\" , \"argon2/ninja\" , \"ghostrider\""

static int btc, crlf, pretty;
static unsigned long split, timeout = WL_NET_TIMEOUT;
static struct wl_lines in;
static unsigned long sent, answered, accepted;

/* Formats a request into BUF and ends it with the chosen line end. */
static size_t format_line(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n + 3 > size)
		die("line too long");
	strcpy(buf + n, crlf ? "\r\n" : "\n");
	return n + (crlf ? 2 : 1);
}

static void send_or_exit(const char *buf, size_t len, size_t piece)
{
	enum wl_net_status status = wl_send(in.fd, buf, len, piece);

	if (status) {
		printf("client: %s\n", wl_status_text(status));
		exit(WL_EXIT_NO_ANSWER);
	}
}

/*
 * Waits for the answer to request ID (our pool answers with "{"id":ID,"
 * first) and exits 3 if it does not come, or 4 if it lacks OK.
 */
static const char *answer(unsigned int id, const char *ok)
{
	double deadline = wl_now() + timeout;
	enum wl_net_status status;
	char start[32];
	char *line;

	snprintf(start, sizeof(start), "{\"id\":%u,", id);
	do {
		status = wl_read_line(&in, deadline, &line);
		if (status) {
			printf("client: %s\n", wl_status_text(status));
			exit(WL_EXIT_NO_ANSWER);
		}
	} while (strncmp(line, start, strlen(start)));
	if (!strstr(line, ok)) {
		printf("client: refused: %.200s\n", line);
		exit(WL_EXIT_BAD_ANSWER);
	}
	return line;
}

/*
 * Reads the answers to submits that come in until DEADLINE, or with ALL
 * until every submit sent is answered; 0 once the connection is gone.
 */
static int drain(double deadline, int all)
{
	const char *ok = btc ? "\"result\":true" : "\"status\":\"OK\"";
	enum wl_net_status status;
	char *line;

	while (!all || answered < sent) {
		status = wl_read_line(&in, deadline, &line);
		if (status == WL_TIMEOUT)
			return 1;
		if (status) {
			printf("client: %s after login\n",
			       wl_status_text(status));
			return 0;
		}
		/* Submits have ids from 10 on; notifications have null. */
		if (strncmp(line, "{\"id\":", 6) || strtoul(line + 6, NULL, 10) < 10)
			continue;
		answered++;
		if (strstr(line, ok))
			accepted++;
	}
	return 1;
}

/* Logs in; returns the answer. */
static const char *log_in(void)
{
	char buf[2048];
	size_t len;

	if (btc) {
		if (pretty)
			len = format_line(buf, sizeof(buf), "{ \"params\" : [ \"cpuminer/2.5.1\" ] ,\t\"id\" : 1 , \"method\" : \"mining.subscribe\" }");
		else
			len = format_line(buf, sizeof(buf), "{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"cpuminer/2.5.1\"]}");
		send_or_exit(buf, len, split);
		answer(1, "\"result\":[");
		if (pretty)
			len = format_line(buf, sizeof(buf), "{ \"params\" : [ \"%s\" , \"x\" ] , \"id\" : 2 , \"method\" : \"mining.authorize\" }",
				      WORKER);
		else
			len = format_line(buf, sizeof(buf), "{\"id\":2,\"method\":\"mining.authorize\",\"params\":[\"%s\",\"x\"]}",
				      WORKER);
		send_or_exit(buf, len, 0);
		return answer(2, "\"result\":true");
	}
	if (pretty)
		len = format_line(buf, sizeof(buf), "{ \"jsonrpc\" : \"2.0\" ,\t\"id\" : 1 , \"params\" : { \"algo\" : [ %s ] , \"rigid\" : \"\" , \"agent\" : \"%s\" , \"pass\" : \"x\" , \"login\" : \"%s\" } , \"method\" : \"login\" }",
			      ALGOS_PRETTY, AGENT, WALLET);
	else
		len = format_line(buf, sizeof(buf), "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":{\"login\":\"%s\",\"pass\":\"x\",\"agent\":\"%s\",\"algo\":[%s],\"rigid\":\"\"}}",
			      WALLET, AGENT, ALGOS);
	send_or_exit(buf, len, split);
	return answer(1, "\"status\":\"OK\"");
}

/* Sends submit number K, request id ID, for session SESSION (xmrig). */
static void send_share(unsigned long k, unsigned int id,
		       const char *session)
{
	unsigned int nonce = 0x03c4 + k * 977;
	char buf[1024], result[65];
	size_t len;
	int i;

	for (i = 0; i < 64; i += 8)
		snprintf(result + i, 9, "%08x", nonce * 2654435761U + i);
	if (btc && pretty)
		len = format_line(buf, sizeof(buf), "{ \"params\" : [ \"%s\" , \"1\" , \"00000000\" , \"5f5e1000\" , \"%08x\" ] , \"id\" : %u , \"method\" : \"mining.submit\" }",
			      WORKER, nonce, id);
	else if (btc)
		len = format_line(buf, sizeof(buf), "{\"id\":%u,\"method\":\"mining.submit\",\"params\":[\"%s\",\"1\",\"00000000\",\"5f5e1000\",\"%08x\"]}",
			      id, WORKER, nonce);
	else if (pretty)
		len = format_line(buf, sizeof(buf), "{ \"params\" : { \"algo\" : \"rx/0\" , \"result\" : \"%s\" , \"nonce\" : \"%08x\" , \"job_id\" : \"1\" , \"id\" : \"%s\" } ,\t\"jsonrpc\" : \"2.0\" , \"id\" : %u , \"method\" : \"submit\" }",
			      result, nonce, session, id);
	else
		len = format_line(buf, sizeof(buf), "{\"id\":%u,\"jsonrpc\":\"2.0\",\"method\":\"submit\",\"params\":{\"id\":\"%s\",\"job_id\":\"1\",\"nonce\":\"%08x\",\"result\":\"%s\",\"algo\":\"rx/0\"}}",
			      id, session, nonce, result);
	send_or_exit(buf, len, 0);
	sent++;
}

int main(int argc, char **argv)
{
	unsigned long submits = 0, interval = 100, k;
	char session[64] = "mg-session-1";
	const char *s;
	unsigned short port;
	int i, alive = 1;

	if (argc < 3)
		wl_usage(USAGE);
	port = wl_port(argv[2], USAGE);
	for (i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--crlf"))
			crlf = 1;
		else if (!strcmp(argv[i], "--pretty"))
			pretty = 1;
		else if (i + 1 == argc)
			wl_usage(USAGE);
		else if (!strcmp(argv[i], "--proto") &&
			 (!strcmp(argv[i + 1], "btc") ||
			  !strcmp(argv[i + 1], "xmrig")))
			btc = !strcmp(argv[++i], "btc");
		else if (!strcmp(argv[i], "--split"))
			split = wl_number(argv[++i], USAGE);
		else if (!strcmp(argv[i], "--submits"))
			submits = wl_number(argv[++i], USAGE);
		else if (!strcmp(argv[i], "--interval-ms"))
			interval = wl_number(argv[++i], USAGE);
		else if (!strcmp(argv[i], "--timeout"))
			timeout = wl_number(argv[++i], USAGE);
		else
			wl_usage(USAGE);
	}
	if (!timeout)
		wl_usage(USAGE);
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	wl_lines_init(&in, wl_connect(argv[1], port));
	s = log_in();
	/* The session id the pool handed out (xmrig): "result":{"id":"...". */
	s = strstr(s, "\"result\":{\"id\":\"");
	if (s)
		snprintf(session, sizeof(session), "%.*s",
			 (int)strcspn(s + 16, "\""), s + 16);
	printf("client: logged in\n");
	for (k = 0; k < submits && alive; k++) {
		alive = drain(wl_now() + interval / 1000.0, 0);
		if (alive)
			send_share(k, 10 + k, session);
	}
	if (submits && alive)
		drain(wl_now() + timeout, 1);
	if (submits)
		printf("client: %lu of %lu submits accepted\n", accepted,
		       submits);
	close(in.fd);
	return 0;
}
