// SPDX-License-Identifier: GPL-2.0
/*
 * mg-cgroups make DIR PREFIX N: creates the cgroups DIR/PREFIX0 ..
 * DIR/PREFIX<N-1> (existing ones are fine).
 * mg-cgroups spawn DIR PREFIX N ROUNDS SPIN: ROUNDS times over those
 * cgroups, starts a task in each that spins SPIN loop iterations and
 * exits; two at a time. Prints "N tasks".
 * mg-cgroups remove DIR PREFIX N: removes them.
 *
 * Tasks start in their cgroup with clone3(CLONE_INTO_CGROUP): moving a
 * task by writing cgroup.procs takes the cgroup threadgroup lock for
 * writing, an RCU grace period each time, which makes 10,000 moves take
 * minutes under TCG. The scale test needs many jobs and tasks, not moves.
 * Exits 1 on the first failure, saying which.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define USAGE "usage: mg-cgroups make|remove DIR PREFIX N | spawn DIR PREFIX N ROUNDS SPIN"
#define IN_FLIGHT 2

static void fail(const char *what, const char *dir, const char *prefix,
		 unsigned long i)
{
	fprintf(stderr, "mg-cgroups: %s %s/%s%lu: %s\n", what, dir, prefix, i,
		strerror(errno));
	exit(1);
}

static unsigned long number(const char *arg)
{
	char *end;
	unsigned long value;

	errno = 0;
	value = strtoul(arg, &end, 10);
	if (errno || end == arg || *end) {
		fprintf(stderr, "%s\n", USAGE);
		exit(2);
	}
	return value;
}

/* A task in the cgroup open at @cgroup_fd that spins and exits. */
static pid_t spawn_into(int cgroup_fd, unsigned long spin)
{
	struct clone_args args = {
		.flags = CLONE_INTO_CGROUP,
		.exit_signal = SIGCHLD,
		.cgroup = (unsigned long)cgroup_fd,
	};
	unsigned long n;
	pid_t pid;

	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid)
		return pid;
	/* The empty asm keeps the compiler from dropping the loop. */
	for (n = 0; n < spin; n++)
		__asm__ __volatile__("" : : : "memory");
	_exit(0);
}

static void reap(unsigned int *running)
{
	int status;

	if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "mg-cgroups: a task failed\n");
		exit(1);
	}
	(*running)--;
}

int main(int argc, char **argv)
{
	unsigned long n, rounds = 0, spin = 0, i, r, tasks = 0;
	unsigned int running = 0;
	const char *dir, *prefix;
	char path[4096];
	int fd;

	if (argc < 5)
		goto usage;
	dir = argv[2];
	prefix = argv[3];
	n = number(argv[4]);
	if (!strcmp(argv[1], "make") && argc == 5) {
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/%s%lu", dir, prefix, i);
			if (mkdir(path, 0755) && errno != EEXIST)
				fail("mkdir", dir, prefix, i);
		}
		return 0;
	}
	if (!strcmp(argv[1], "remove") && argc == 5) {
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/%s%lu", dir, prefix, i);
			if (rmdir(path))
				fail("rmdir", dir, prefix, i);
		}
		return 0;
	}
	if (strcmp(argv[1], "spawn") || argc != 7)
		goto usage;
	rounds = number(argv[5]);
	spin = number(argv[6]);
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/%s%lu", dir, prefix, i);
			fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (fd < 0)
				fail("open", dir, prefix, i);
			if (running == IN_FLIGHT)
				reap(&running);
			if (spawn_into(fd, spin) < 0)
				fail("clone3 into", dir, prefix, i);
			running++;
			tasks++;
			close(fd);
		}
	}
	while (running)
		reap(&running);
	printf("%lu tasks\n", tasks);
	return 0;
usage:
	fprintf(stderr, "%s\n", USAGE);
	return 2;
}
