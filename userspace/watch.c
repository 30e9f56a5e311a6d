// SPDX-License-Identifier: GPL-2.0
/*
 * The scanning loop events --follow and enforce share.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "minerguardctl.h"
#include "sysfs.h"
#include "watch.h"

/* The module calls sysfs_notify() on it when a verdict or action changes. */
#define NOTIFY_DIR "stats"
#define NOTIFY_FILE "verdict_changes"

/* Also rescans fake trees, and older modules, which never notify. */
#define RESCAN_MS 1000

static const char *text_or(const struct mg_cgroup *job, int text,
			   const char *fallback)
{
	if (!job || !job->text[text] || !job->text[text][0])
		return fallback;
	return job->text[text];
}

const char *mg_job_verdict(const struct mg_cgroup *job)
{
	return text_or(job, MG_CG_VERDICT, "clean");
}

const char *mg_job_action(const struct mg_cgroup *job)
{
	return text_or(job, MG_CG_ACTION, "none");
}

/*
 * SIGINT and SIGTERM are blocked and read from a descriptor, so that they
 * end a wait rather than a scan half-reported. Returns the descriptor, or
 * -1 after printing why.
 */
static int catch_stop_signals(sigset_t *old_mask)
{
	sigset_t mask;
	int fd;

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, old_mask);
	fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "%s: cannot catch signals: %s\n", PROG_NAME,
			strerror(errno));
		sigprocmask(SIG_SETMASK, old_mask, NULL);
	}
	return fd;
}

/*
 * Take the caught signals off the pending list, where unblocking them
 * would deliver them, and stop catching them.
 */
static void release_stop_signals(int signal_fd, const sigset_t *old_mask)
{
	struct signalfd_siginfo info;

	while (read(signal_fd, &info, sizeof(info)) == sizeof(info))
		;
	close(signal_fd);
	sigprocmask(SIG_SETMASK, old_mask, NULL);
}

/* -1 if the module has no notifying file: the rescan timer does it all. */
static int open_notify(void)
{
	int dir_fd, fd;

	dir_fd = mg_sysfs_open_dir(NOTIFY_DIR);
	if (dir_fd < 0)
		return -1;
	fd = openat(dir_fd, NOTIFY_FILE, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno != ENOENT)
		fprintf(stderr, "%s: cannot open %s/%s/%s: %s\n", PROG_NAME,
			mg_sysfs_root(), NOTIFY_DIR, NOTIFY_FILE,
			strerror(errno));
	close(dir_fd);
	return fd;
}

/* sysfs wakes poll() only for changes after the file was last read. */
static int arm_notify(int fd)
{
	char buf[64];

	if (pread(fd, buf, sizeof(buf), 0) >= 0)
		return 0;
	/* ENODEV: the module was unloaded. */
	fprintf(stderr, "%s: cannot read %s/%s/%s: %s\n", PROG_NAME,
		mg_sysfs_root(), NOTIFY_DIR, NOTIFY_FILE, strerror(errno));
	return -1;
}

/*
 * Wait for the module to notify a change (never, if @notify_fd is -1), a
 * stop signal or the rescan timeout. Returns 1 to stop, 0 to rescan or
 * -1 after printing why.
 */
static int wait_for_change(int notify_fd, int signal_fd)
{
	struct pollfd fds[] = {
		{ .fd = signal_fd, .events = POLLIN },
		/* poll() skips a negative descriptor. */
		{ .fd = notify_fd, .events = POLLPRI | POLLERR },
	};

	if (poll(fds, ARRAY_SIZE(fds), RESCAN_MS) >= 0)
		return fds[0].revents ? 1 : 0;
	if (errno == EINTR)
		return 0;
	fprintf(stderr, "%s: cannot wait for changes: %s\n", PROG_NAME,
		strerror(errno));
	return -1;
}

/* Calls @on_change for @now's changes; true if it asked to stop. */
static bool report_changes(struct mg_cgroups *now,
			   const struct mg_cgroups *before, bool first_scan,
			   mg_watch_fn on_change, void *data)
{
	const struct mg_cgroup *job, *old;
	bool stop = false;
	size_t i;

	mg_cgroups_sort(now, MG_ORDER_TIME);
	for (i = 0; i < now->count && !stop; i++) {
		job = &now->entries[i];
		old = mg_cgroups_find(before, job->id);
		if (strcmp(mg_job_verdict(job), mg_job_verdict(old)) ||
		    strcmp(mg_job_action(job), mg_job_action(old)))
			stop = on_change(job, old, first_scan, data);
	}
	/* The next scan looks jobs up in this one. */
	mg_cgroups_sort(now, MG_ORDER_ID);
	return stop;
}

int mg_watch(bool follow, mg_watch_fn on_change, void *data)
{
	int notify_fd = -1, signal_fd = -1, ret = MG_EXIT_OK;
	struct mg_cgroups before = { 0 }, now;
	bool first_scan = true, stop = false;
	sigset_t old_mask;

	if (mg_sysfs_check_loaded() < 0)
		return MG_EXIT_MODULE_ERROR;
	if (follow) {
		signal_fd = catch_stop_signals(&old_mask);
		if (signal_fd < 0)
			return MG_EXIT_MODULE_ERROR;
		notify_fd = open_notify();
	}
	while (!stop) {
		/* Armed before the scan: a change during it ends the wait. */
		if (notify_fd >= 0 && arm_notify(notify_fd) < 0) {
			ret = MG_EXIT_MODULE_ERROR;
			break;
		}
		if (mg_cgroups_read(&now, true) < 0) {
			ret = MG_EXIT_MODULE_ERROR;
			break;
		}
		stop = report_changes(&now, &before, first_scan, on_change,
				      data) || !follow;
		mg_cgroups_free(&before);
		before = now;
		first_scan = false;
		/* A reader of a pipe sees each batch at once. */
		if (fflush(stdout) == EOF || ferror(stdout)) {
			ret = MG_EXIT_MODULE_ERROR;
			break;
		}
		if (!stop) {
			ret = wait_for_change(notify_fd, signal_fd);
			stop = ret != 0;
			ret = ret < 0 ? MG_EXIT_MODULE_ERROR : MG_EXIT_OK;
		}
	}
	mg_cgroups_free(&before);
	if (notify_fd >= 0)
		close(notify_fd);
	if (signal_fd >= 0)
		release_stop_signals(signal_fd, &old_mask);
	return ret;
}
