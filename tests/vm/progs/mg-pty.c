// SPDX-License-Identifier: GPL-2.0
/*
 * mg-pty OUT COLSxROWS [DELAY_MS KEYS]... -- CMD [ARG]...: runs CMD on a
 * new pseudo-terminal of COLS x ROWS as its controlling terminal (a new
 * session, so that Ctrl-C typed there is SIGINT for it), copies everything
 * it writes to the file OUT, and types each KEYS (bytes as given: the
 * shell's $(printf '\003') is Ctrl-C) DELAY_MS after the previous typing or
 * the start. Exits with CMD's exit status, 128 + N if signal N ended it,
 * or 125 if it was still running 10 s after the last keys (then killed).
 *
 * The guest has no script(1) and no Python: this is how a guest test runs
 * a full-screen program (minerguardctl top) as a user at a terminal would.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define USAGE "usage: mg-pty OUT COLSxROWS [DELAY_MS KEYS]... -- CMD [ARG]..."
#define MAX_KEYS 16
#define LAST_WAIT_MS 10000

struct typing {
	long delay_ms;
	const char *keys;
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void die(const char *what)
{
	fprintf(stderr, "mg-pty: %s: %s\n", what, strerror(errno));
	exit(126);
}

static void usage(void)
{
	fprintf(stderr, "%s\n", USAGE);
	exit(2);
}

static void child(int master, const struct winsize *ws, char **argv)
{
	int slave;

	if (setsid() < 0)
		die("setsid");
	slave = open(ptsname(master), O_RDWR);
	if (slave < 0)
		die("open the terminal");
	if (ioctl(slave, TIOCSCTTY, 0) < 0 || ioctl(slave, TIOCSWINSZ, ws) < 0)
		die("set up the terminal");
	close(master);
	if (dup2(slave, 0) < 0 || dup2(slave, 1) < 0 || dup2(slave, 2) < 0)
		die("dup2");
	if (slave > 2)
		close(slave);
	execvp(argv[0], argv);
	die(argv[0]);
}

/* Copies what the terminal has to OUT; returns 0 once it has closed. */
static int drain(int master, FILE *out)
{
	char buf[4096];
	ssize_t n = read(master, buf, sizeof(buf));

	if (n > 0) {
		fwrite(buf, 1, n, out);
		return 1;
	}
	/* EIO: every process holding the terminal's other end is gone. */
	return n < 0 && errno == EINTR;
}

int main(int argc, char **argv)
{
	struct typing typing[MAX_KEYS];
	unsigned int nr_typing = 0, typed = 0;
	struct winsize ws = { 0 };
	struct pollfd pfd;
	long next, deadline = 0;
	int master, status, open_tty = 1, i = 3;
	unsigned int cols, rows;
	FILE *out;
	pid_t pid;
	char end;

	if (argc < 5 || sscanf(argv[2], "%ux%u%c", &cols, &rows, &end) != 2)
		usage();
	ws.ws_col = cols;
	ws.ws_row = rows;
	while (i < argc && strcmp(argv[i], "--")) {
		if (i + 1 >= argc || nr_typing == MAX_KEYS)
			usage();
		typing[nr_typing].delay_ms = atol(argv[i]);
		typing[nr_typing++].keys = argv[i + 1];
		i += 2;
	}
	if (i + 1 >= argc)
		usage();
	out = fopen(argv[1], "w");
	if (!out)
		die(argv[1]);
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) || unlockpt(master))
		die("posix_openpt");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid)
		child(master, &ws, argv + i + 1);

	next = now_ms() + (nr_typing ? typing[0].delay_ms : 0);
	if (!nr_typing)
		deadline = now_ms() + LAST_WAIT_MS;
	pfd.fd = master;
	pfd.events = POLLIN;
	while (open_tty) {
		long wait = (typed < nr_typing ? next : deadline) - now_ms();

		if (poll(&pfd, 1, wait > 0 ? (int)wait : 0) > 0) {
			open_tty = drain(master, out);
			continue;
		}
		if (typed < nr_typing) {
			const char *keys = typing[typed].keys;

			if (write(master, keys, strlen(keys)) < 0)
				die("type");
			if (++typed < nr_typing)
				next = now_ms() + typing[typed].delay_ms;
			else
				deadline = now_ms() + LAST_WAIT_MS;
		} else if (now_ms() >= deadline) {
			fprintf(stderr, "mg-pty: %s still runs: killed\n",
				argv[i + 1]);
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			fclose(out);
			return 125;
		}
	}
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	if (fclose(out))
		die(argv[1]);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
