// SPDX-License-Identifier: GPL-2.0
/*
 * minerguardctl top: the tracked jobs, highest score first, on a screen
 * that refreshes, as top(1) shows processes. Plain ANSI escapes, no
 * curses: the alternate screen, the cursor hidden, cbreak mode for keys.
 */
#define _GNU_SOURCE		/* memfd_create() */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cgroups.h"
#include "minerguardctl.h"
#include "sysfs.h"
#include "table.h"
#include "text.h"

#define DEFAULT_INTERVAL_MS 2000
#define MAX_INTERVAL_MS (3600 * 1000)

/* Without a window size from a terminal that has one. */
#define DEFAULT_WIDTH 80
#define DEFAULT_HEIGHT 24

/* The header, the message line and the column headers come first. */
#define HEAD_LINES 3

#define ALTERNATE_SCREEN "\033[?1049h"	/* saves the cursor too */
#define MAIN_SCREEN "\033[?1049l"
#define HIDE_CURSOR "\033[?25l"
#define SHOW_CURSOR "\033[?25h"
#define CLEAR_LINE_END "\033[K"
#define CLEAR_SCREEN_END "\033[J"
#define COLOUR_RESET "\033[0m"
#define COLOUR_MINER "\033[31m"		/* red */
#define COLOUR_SUSPECT "\033[33m"	/* yellow */

/* The stats the header shows after the number of jobs. */
static const char *const header_stats[] = {
	"verdict_changes", "actions_taken", "evicted",
};

static const struct mg_column columns[] = {
	{ "ID", MG_COLUMN_ID },
	{ "SCORE", MG_CG_SCORE },
	{ "VERDICT", MG_COLUMN_VERDICT },
	{ "ACTION", MG_COLUMN_ACTION },
	{ "CPU%", MG_CG_CPU_PCT_SHORT },
	{ "CPU%5m", MG_CG_CPU_PCT_LONG },
	{ "HASH%", MG_CG_HASH_DENSITY_PCT_SHORT },
	{ "PATH", MG_COLUMN_PATH },
	{ "EVIDENCE", MG_COLUMN_EVIDENCE },
};

/* Its index in columns[], for colour. */
#define VERDICT_COLUMN 2

/* A number of 20 digits, or "-". */
#define NUMBER_SIZE 32

/* One reading of the module: what a frame shows. */
struct snapshot {
	char version[MG_SYSFS_VALUE_SIZE];
	char mode[MG_SYSFS_VALUE_SIZE];
	char locked[NUMBER_SIZE];
	char stats[ARRAY_SIZE(header_stats)][NUMBER_SIZE];
	struct mg_cgroups cgroups;
};

/* The lines of a frame, in one buffer, before they are cut to fit. */
struct frame_line {
	size_t start, len;
	const char *colour;	/* for colour_len bytes from colour_start */
	size_t colour_start, colour_len;
};

struct frame {
	FILE *out;
	char *text;
	size_t size;
	size_t count, capacity;
	struct frame_line *lines;
};

/*
 * Warnings printed while reading the module go to a memory file rather
 * than over the screen, and the frame shows the first.
 */
struct capture {
	int fd;			/* -1: none, warnings go to stderr as ever */
	int saved_stderr;
	bool copy;		/* stderr is not a terminal: copy them there */
	char first[MG_SYSFS_VALUE_SIZE];
	size_t count;		/* lines captured */
};

struct top {
	unsigned int interval_ms;
	bool colour;
	size_t width, height;	/* 0: no limit */
	/* The refreshing screen only. */
	bool keys;		/* stdin is a terminal we read keys from */
	bool termios_set;	/* saved_termios is to be put back */
	struct termios saved_termios, raw_termios;
	int signal_fd;
	sigset_t old_mask;
	struct capture capture;
	bool read_ok;		/* else the frame shows why not */
	struct snapshot snapshot;
};

static void show_top_usage(FILE *out)
{
	fprintf(out, "Usage: %s top [--once] [--interval SECONDS]\n\n",
		PROG_NAME);
	fputs("Shows the tracked jobs as top(1) shows processes, highest score\n",
	      out);
	fputs("first, then busiest, refreshed every SECONDS. The first line has\n",
	      out);
	fputs("the module version, mode, locked, the number of jobs and the\n",
	      out);
	fputs("stats verdict_changes, actions_taken and evicted; the second the\n",
	      out);
	fputs("first warning, if any. Then one row per job, as many as fit, each\n",
	      out);
	fputs("line cut at the terminal's width:\n\n", out);
	fputs("  ID        cgroup v2 id\n", out);
	fputs("  SCORE     the policy engine's score\n", out);
	fputs("  VERDICT   clean, suspect (yellow) or miner (red)\n", out);
	fputs("  ACTION    none, log, throttle, freeze or kill\n", out);
	fputs("  CPU%      share of the CPUs the job may use, last ~10 s\n",
	      out);
	fputs("  CPU%5m    the same over the last ~5 min\n", out);
	fputs("  HASH%     hashing density of the code it runs, last ~10 s\n",
	      out);
	fputs("  PATH      cgroup path; bytes outside printable ASCII as \\xNN\n",
	      out);
	fputs("  EVIDENCE  name=value:points tokens, or none\n\n", out);
	fputs("q quits; any other key refreshes at once. SIGINT (Ctrl-C),\n",
	      out);
	fputs("SIGTERM and SIGHUP quit too, with exit 0. If the module goes\n",
	      out);
	fputs("away, the screen says why and top keeps trying; it exits 1 only\n",
	      out);
	fputs("if the first reading fails. Colour only on a terminal and with\n",
	      out);
	fputs("NO_COLOR unset or empty.\n\n", out);
	fputs("  --interval SECONDS  time between refreshes: above 0, at most\n",
	      out);
	fputs("                      3600, up to 3 decimals; default 2\n", out);
	fputs("  --once              print one frame and exit, as top does when\n",
	      out);
	fputs("                      standard output is not a terminal; COLUMNS\n",
	      out);
	fputs("                      and LINES then cut it, if set\n", out);
}

/*
 * SECONDS as milliseconds: digits, then optionally '.' and 1-3 digits;
 * above 0 and at most MAX_INTERVAL_MS. Returns 0 or -1.
 */
static int parse_interval(const char *arg, unsigned int *ms)
{
	unsigned long long whole = 0, fraction = 0;
	const char *p = arg;
	int digits = 0;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		whole = whole * 10 + (*p - '0');
		if (whole > MAX_INTERVAL_MS / 1000)
			return -1;
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++digits > 3)
				return -1;
			fraction = fraction * 10 + (*p - '0');
		}
		if (!digits)
			return -1;
		for (; digits < 3; digits++)
			fraction *= 10;
	}
	if (*p)
		return -1;
	whole = whole * 1000 + fraction;
	if (!whole || whole > MAX_INTERVAL_MS)
		return -1;
	*ms = whole;
	return 0;
}

/* The environment variable @name as a positive number, or 0. */
static size_t env_size(const char *name)
{
	const char *value = getenv(name);
	unsigned long long n;

	if (!value || mg_parse_u64(value, &n) < 0 || n > 100000)
		return 0;
	return n;
}

/*
 * The terminal's size; COLUMNS and LINES where it has none (or is not a
 * terminal, where no limit is the default).
 */
static void get_size(struct top *t, bool tty)
{
	struct winsize ws;

	t->width = 0;
	t->height = 0;
	if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
		t->width = ws.ws_col;
		t->height = ws.ws_row;
	}
	if (!t->width)
		t->width = env_size("COLUMNS");
	if (!t->height)
		t->height = env_size("LINES");
	if (tty && !t->width)
		t->width = DEFAULT_WIDTH;
	if (tty && !t->height)
		t->height = DEFAULT_HEIGHT;
}

/*
 * Read the number in <root>/@name into @value, or "-" if it is missing
 * or, with a warning, cannot be read or is not a number.
 */
static void read_number(const char *name, char *value, size_t size)
{
	unsigned long long number;
	int ret;

	ret = mg_sysfs_read_quiet(name, value, size);
	if (!ret && mg_parse_u64(value, &number) < 0)
		ret = -EBADMSG;
	if (ret < 0 && ret != -ENOENT)
		mg_sysfs_report_error(name, ret, size);
	if (ret < 0)
		snprintf(value, size, "-");
}

/* Returns 0, or -1 after printing why. */
static int read_snapshot(struct snapshot *s)
{
	char name[64];
	size_t i;

	mg_cgroups_free(&s->cgroups);
	if (mg_sysfs_read_value("version", s->version,
				sizeof(s->version)) < 0 ||
	    mg_sysfs_read_value("mode", s->mode, sizeof(s->mode)) < 0)
		return -1;
	read_number("locked", s->locked, sizeof(s->locked));
	for (i = 0; i < ARRAY_SIZE(header_stats); i++) {
		snprintf(name, sizeof(name), "stats/%s", header_stats[i]);
		read_number(name, s->stats[i], sizeof(s->stats[i]));
	}
	if (mg_cgroups_read(&s->cgroups, false) < 0)
		return -1;
	mg_cgroups_sort(&s->cgroups, MG_ORDER_SCORE);
	return 0;
}

static void capture_init(struct capture *c)
{
	c->fd = memfd_create("minerguardctl-top", MFD_CLOEXEC);
	c->saved_stderr = c->fd < 0 ? -1 :
			  fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (c->fd >= 0 && c->saved_stderr < 0) {
		close(c->fd);
		c->fd = -1;
	}
	c->copy = !isatty(STDERR_FILENO);
	c->first[0] = '\0';
	c->count = 0;
}

static void capture_free(struct capture *c)
{
	if (c->fd < 0)
		return;
	close(c->fd);
	close(c->saved_stderr);
	c->fd = -1;
}

static void capture_start(struct capture *c)
{
	c->first[0] = '\0';
	c->count = 0;
	if (c->fd < 0)
		return;
	fflush(stderr);
	if (ftruncate(c->fd, 0) == 0 && lseek(c->fd, 0, SEEK_SET) == 0)
		dup2(c->fd, STDERR_FILENO);
}

/* Write what was captured to the real stderr. */
static void capture_copy(const struct capture *c)
{
	char buf[4096];
	off_t offset = 0;
	ssize_t n;

	while ((n = pread(c->fd, buf, sizeof(buf), offset)) > 0) {
		if (write(c->saved_stderr, buf, n) != n)
			break;
		offset += n;
	}
}

/* Put stderr back; keep the first line captured and count them all. */
static void capture_stop(struct capture *c)
{
	char buf[4096], *newline;
	size_t first_len = 0;
	off_t offset = 0;
	ssize_t n;
	bool in_first = true;

	if (c->fd < 0)
		return;
	fflush(stderr);
	dup2(c->saved_stderr, STDERR_FILENO);
	if (c->copy)
		capture_copy(c);
	while ((n = pread(c->fd, buf, sizeof(buf), offset)) > 0) {
		offset += n;
		for (newline = buf; (newline = memchr(newline, '\n',
						      buf + n - newline));
		     newline++)
			c->count++;
		if (!in_first)
			continue;
		newline = memchr(buf, '\n', n);
		if (newline)
			n = newline - buf;
		if ((size_t)n > sizeof(c->first) - 1 - first_len)
			n = sizeof(c->first) - 1 - first_len;
		memcpy(c->first + first_len, buf, n);
		first_len += n;
		in_first = !newline;
	}
	c->first[first_len] = '\0';
	if (!c->count && first_len)
		c->count = 1;
}

/* Starts a line of @f; the caller writes it to @f->out. */
static int frame_line(struct frame *f)
{
	struct frame_line *lines;

	lines = mg_grow_array(f->lines, &f->capacity, f->count + 1,
			      sizeof(*lines));
	if (!lines)
		return -ENOMEM;
	f->lines = lines;
	memset(&lines[f->count], 0, sizeof(lines[0]));
	lines[f->count++].start = ftell(f->out);
	return 0;
}

/* Ends the line started last; strips the newline a table printer adds. */
static void frame_line_end(struct frame *f)
{
	struct frame_line *line = &f->lines[f->count - 1];
	long end = ftell(f->out);

	line->len = end - line->start;
	fflush(f->out);
	if (line->len && f->text[line->start + line->len - 1] == '\n')
		line->len--;
}

static const char *verdict_colour(const char *verdict)
{
	if (!strcmp(verdict, "miner"))
		return COLOUR_MINER;
	if (!strcmp(verdict, "suspect"))
		return COLOUR_SUSPECT;
	return NULL;
}

/* The first line: the module's state and a few stats. */
static void print_header(FILE *out, const struct snapshot *s)
{
	size_t i;

	fputs("minerguard ", out);
	text_print_escaped(out, s->version);
	fputs(", mode ", out);
	text_print_escaped(out, s->mode);
	fprintf(out, ", locked %s, jobs ", s->locked);
	if (s->cgroups.present)
		fprintf(out, "%zu", s->cgroups.count);
	else
		fputc('-', out);
	for (i = 0; i < ARRAY_SIZE(header_stats); i++)
		fprintf(out, ", %s %s", header_stats[i], s->stats[i]);
}

/* The first message captured, and how many more there were. */
static void print_message(FILE *out, const struct capture *c)
{
	if (!c->count)
		return;
	text_print_escaped(out, c->first);
	if (c->count > 1)
		fprintf(out, " (and %zu more)", c->count - 1);
}

static int build_table(struct frame *f, const struct top *t)
{
	const struct mg_cgroups *cgroups = &t->snapshot.cgroups;
	size_t width[ARRAY_SIZE(columns)];
	struct frame_line *line;
	size_t i, rows = cgroups->count;
	char buf[MG_CELL_SIZE];
	const char *verdict;

	if (t->height)
		rows = t->height > HEAD_LINES ? t->height - HEAD_LINES : 0;
	if (rows > cgroups->count)
		rows = cgroups->count;
	mg_table_widths(columns, ARRAY_SIZE(columns), cgroups->entries, rows,
			width);
	if (frame_line(f) < 0)
		return -ENOMEM;
	mg_table_print_header(f->out, columns, ARRAY_SIZE(columns), width);
	frame_line_end(f);
	for (i = 0; i < rows; i++) {
		if (frame_line(f) < 0)
			return -ENOMEM;
		mg_table_print_row(f->out, columns, ARRAY_SIZE(columns), width,
				   &cgroups->entries[i]);
		frame_line_end(f);
		line = &f->lines[f->count - 1];
		verdict = mg_cell_text(buf, &cgroups->entries[i],
				       columns[VERDICT_COLUMN].field);
		line->colour = verdict_colour(verdict);
		line->colour_start = mg_table_offset(width, VERDICT_COLUMN);
		line->colour_len = text_escaped_length(verdict);
	}
	return 0;
}

/* Lay out the frame; returns 0 or -ENOMEM. */
static int build_frame(struct frame *f, const struct top *t)
{
	char interval[NUMBER_SIZE];
	int ret;

	memset(f, 0, sizeof(*f));
	f->out = open_memstream(&f->text, &f->size);
	if (!f->out)
		return -ENOMEM;
	if (!t->read_ok) {
		/* What went wrong, and that top has not given up. */
		ret = frame_line(f);
		if (!ret) {
			if (t->capture.count)
				print_message(f->out, &t->capture);
			else
				fputs("cannot read the module", f->out);
			frame_line_end(f);
			ret = frame_line(f);
		}
		if (!ret) {
			text_format_milli(interval, sizeof(interval),
					  t->interval_ms);
			fprintf(f->out, "retrying every %s s", interval);
			frame_line_end(f);
		}
		return ret;
	}
	ret = frame_line(f);
	if (ret)
		return ret;
	print_header(f->out, &t->snapshot);
	frame_line_end(f);
	ret = frame_line(f);
	if (ret)
		return ret;
	print_message(f->out, &t->capture);
	frame_line_end(f);
	if (!t->snapshot.cgroups.present)
		return 0;
	return build_table(f, t);
}

static void free_frame(struct frame *f)
{
	if (f->out)
		fclose(f->out);
	free(f->text);
	free(f->lines);
}

/*
 * Write @line cut at @width (0: no limit), without the padding a cut may
 * leave at its end, coloured if asked. Returns the columns it took.
 */
static size_t put_line(const struct frame *f, const struct frame_line *line,
		       size_t width, bool colour)
{
	const char *text = f->text + line->start;
	size_t len = line->len, start, end;

	if (width && len > width) {
		len = width;
		while (len && text[len - 1] == ' ')
			len--;
	}
	if (!colour || !line->colour || line->colour_start >= len) {
		fwrite(text, 1, len, stdout);
		return len;
	}
	start = line->colour_start;
	end = start + line->colour_len < len ? start + line->colour_len : len;
	fwrite(text, 1, start, stdout);
	fputs(line->colour, stdout);
	fwrite(text + start, 1, end - start, stdout);
	fputs(COLOUR_RESET, stdout);
	fwrite(text + end, 1, len - end, stdout);
	return len;
}

/*
 * Draw a frame: on the screen, each line in its place and the rest of the
 * screen cleared; else the lines one after another.
 */
static int draw(const struct top *t, bool screen)
{
	struct frame f;
	size_t i, n, len;
	int ret;

	ret = build_frame(&f, t);
	/* The memory stream fails its writes when memory runs out. */
	if (!ret && (fflush(f.out) == EOF || ferror(f.out)))
		ret = -ENOMEM;
	if (!ret) {
		n = f.count;
		if (t->height && n > t->height)
			n = t->height;
		for (i = 0; i < n; i++) {
			if (screen)
				printf("\033[%zu;1H", i + 1);
			len = put_line(&f, &f.lines[i], t->width, t->colour);
			/*
			 * Not after a full line: the cursor still is on its
			 * last character.
			 */
			if (screen && (!t->width || len < t->width))
				fputs(CLEAR_LINE_END, stdout);
			if (!screen)
				putchar('\n');
		}
		if (screen && n < t->height)
			printf("\033[%zu;1H" CLEAR_SCREEN_END, n + 1);
	}
	free_frame(&f);
	if (ret) {
		fprintf(stderr, "%s: out of memory\n", PROG_NAME);
		return -1;
	}
	return fflush(stdout) == EOF || ferror(stdout) ? -1 : 0;
}

/*
 * Cbreak mode: keys come one at a time, unechoed; Ctrl-C still signals.
 * Again after SIGCONT, as the shell may have reset the terminal.
 */
static void set_terminal(struct top *t)
{
	if (t->keys && !t->termios_set &&
	    tcgetattr(STDIN_FILENO, &t->saved_termios) == 0) {
		t->raw_termios = t->saved_termios;
		t->raw_termios.c_lflag &= ~(ICANON | ECHO);
		t->raw_termios.c_cc[VMIN] = 1;
		t->raw_termios.c_cc[VTIME] = 0;
		t->termios_set = true;
	}
	if (t->termios_set)
		tcsetattr(STDIN_FILENO, TCSANOW, &t->raw_termios);
	fputs(HIDE_CURSOR, stdout);
}

static void enter_screen(struct top *t)
{
	fputs(ALTERNATE_SCREEN, stdout);
	set_terminal(t);
}

static void leave_screen(struct top *t)
{
	fputs(SHOW_CURSOR MAIN_SCREEN, stdout);
	fflush(stdout);
	if (t->termios_set)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &t->saved_termios);
	t->termios_set = false;
}

/*
 * Stop as Ctrl-Z would, with the terminal as it was meanwhile. In an
 * orphaned process group the kernel drops the signal: nothing stops.
 */
static void suspend(struct top *t)
{
	sigset_t tstp;

	leave_screen(t);
	sigemptyset(&tstp);
	sigaddset(&tstp, SIGTSTP);
	kill(getpid(), SIGTSTP);	/* pending until unblocked */
	sigprocmask(SIG_UNBLOCK, &tstp, NULL);
	/* Continued. */
	sigprocmask(SIG_BLOCK, &tstp, NULL);
	enter_screen(t);
}

/*
 * Signals that end, redraw or suspend the screen are read from a
 * descriptor rather than interrupting a frame half drawn. Returns 0, or
 * -1 after printing why.
 */
static int catch_signals(struct top *t)
{
	static const int signals[] = {
		SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGCONT,
	};
	sigset_t mask;
	size_t i;

	sigemptyset(&mask);
	for (i = 0; i < ARRAY_SIZE(signals); i++)
		sigaddset(&mask, signals[i]);
	sigprocmask(SIG_BLOCK, &mask, &t->old_mask);
	t->signal_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (t->signal_fd >= 0)
		return 0;
	fprintf(stderr, "%s: cannot catch signals: %s\n", PROG_NAME,
		strerror(errno));
	sigprocmask(SIG_SETMASK, &t->old_mask, NULL);
	return -1;
}

/* Take caught signals off the pending list, then stop catching them. */
static void release_signals(struct top *t)
{
	struct signalfd_siginfo info;

	while (read(t->signal_fd, &info, sizeof(info)) == sizeof(info))
		;
	close(t->signal_fd);
	sigprocmask(SIG_SETMASK, &t->old_mask, NULL);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

enum event { EVENT_TIMEOUT, EVENT_REDRAW, EVENT_REFRESH, EVENT_QUIT };

/* What the signals read from the descriptor ask for. */
static enum event handle_signals(struct top *t)
{
	struct signalfd_siginfo info;
	enum event event = EVENT_REDRAW;

	while (read(t->signal_fd, &info, sizeof(info)) == sizeof(info)) {
		switch (info.ssi_signo) {
		case SIGINT:
		case SIGTERM:
		case SIGHUP:
			return EVENT_QUIT;
		case SIGTSTP:
			suspend(t);
			break;
		case SIGCONT:
			/* Stopped by other means: the terminal may be reset. */
			set_terminal(t);
			break;
		}
	}
	return event;
}

/* What the keys typed ask for: q quits, any other key refreshes. */
static enum event handle_keys(struct top *t)
{
	char keys[64];
	ssize_t n, i;

	n = read(STDIN_FILENO, keys, sizeof(keys));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return EVENT_REDRAW;
	if (n <= 0) {
		/* End of input: Ctrl-C and the signals still work. */
		t->keys = false;
		return EVENT_REDRAW;
	}
	for (i = 0; i < n; i++) {
		if (keys[i] == 'q' || keys[i] == 'Q')
			return EVENT_QUIT;
	}
	return EVENT_REFRESH;
}

/* Wait until @deadline (ms), a signal or a key. */
static enum event wait_event(struct top *t, long long deadline)
{
	struct pollfd fds[] = {
		{ .fd = t->signal_fd, .events = POLLIN },
		/* poll() skips a negative descriptor. */
		{ .fd = t->keys ? STDIN_FILENO : -1, .events = POLLIN },
	};
	long long timeout = deadline - now_ms();
	int n;

	if (timeout < 0)
		timeout = 0;
	n = poll(fds, ARRAY_SIZE(fds), timeout);
	if (n < 0)
		return EVENT_REDRAW;	/* EINTR: nothing caught is blocked */
	if (fds[0].revents)
		return handle_signals(t);
	if (fds[1].revents)
		return handle_keys(t);
	return EVENT_TIMEOUT;
}

/* One reading, its warnings captured for the frame. */
static void read_captured(struct top *t)
{
	capture_start(&t->capture);
	t->read_ok = read_snapshot(&t->snapshot) == 0;
	capture_stop(&t->capture);
}

static int run_screen(struct top *t)
{
	int ret = MG_EXIT_OK;
	enum event event;
	long long deadline;

	/* Whole frames at once, not a line at a time. */
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	capture_init(&t->capture);
	read_captured(t);
	if (!t->read_ok) {
		/* Not loaded, say: as status would, and no screen. */
		if (!t->capture.copy && t->capture.fd >= 0)
			capture_copy(&t->capture);
		capture_free(&t->capture);
		return MG_EXIT_MODULE_ERROR;
	}
	if (catch_signals(t) < 0) {
		capture_free(&t->capture);
		mg_cgroups_free(&t->snapshot.cgroups);
		return MG_EXIT_MODULE_ERROR;
	}
	t->keys = isatty(STDIN_FILENO);
	enter_screen(t);
	deadline = now_ms() + t->interval_ms;
	event = EVENT_REDRAW;
	while (event != EVENT_QUIT) {
		if (event == EVENT_TIMEOUT || event == EVENT_REFRESH) {
			read_captured(t);
			deadline = now_ms() + t->interval_ms;
		}
		get_size(t, true);
		if (draw(t, true) < 0) {
			ret = MG_EXIT_MODULE_ERROR;
			break;
		}
		event = wait_event(t, deadline);
	}
	leave_screen(t);
	release_signals(t);
	capture_free(&t->capture);
	mg_cgroups_free(&t->snapshot.cgroups);
	return ret;
}

int top_main(int argc, const char *const argv[])
{
	/* Static: two page-sized buffers are more than the stack needs. */
	static struct top t;
	const char *interval = NULL;
	bool once = false, tty;
	int i, ret;

	for (i = 1; i < argc; i++) {
		ret = mg_option_value(argc, argv, &i, "--interval", &interval);
		if (ret < 0)
			return MG_EXIT_USAGE;
		if (ret > 0)
			continue;
		if (!strcmp(argv[i], "--once")) {
			once = true;
		} else if (mg_is_help(argv[i])) {
			show_top_usage(stdout);
			return MG_EXIT_OK;
		} else {
			return mg_usage_error(argv[0], argv[i][0] == '-' ?
					      "unknown option" :
					      "unexpected argument", argv[i]);
		}
	}
	t.interval_ms = DEFAULT_INTERVAL_MS;
	if (interval && parse_interval(interval, &t.interval_ms) < 0)
		return mg_usage_error(argv[0],
				      "--interval needs seconds above 0 and at most 3600, not",
				      interval);

	tty = isatty(STDOUT_FILENO);
	t.colour = tty && !(getenv("NO_COLOR") && getenv("NO_COLOR")[0]);
	get_size(&t, tty);
	if (tty && !once)
		return run_screen(&t);

	/* Read everything first so a failure prints no partial output. */
	ret = read_snapshot(&t.snapshot);
	t.read_ok = ret == 0;
	if (t.read_ok && draw(&t, false) < 0)
		ret = -1;
	mg_cgroups_free(&t.snapshot.cgroups);
	return ret ? MG_EXIT_MODULE_ERROR : MG_EXIT_OK;
}
