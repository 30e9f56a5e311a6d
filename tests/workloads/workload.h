/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the workload programs: each program is one file
 * plus this header, so that a guest runs it with nothing else around.
 */
#ifndef MG_WORKLOAD_H
#define MG_WORKLOAD_H

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* die(FORMAT, ...): prints "PROGRAM: message: strerror(errno)", exits 1. */
#define die(...) wl_die(__FILE__, errno, __VA_ARGS__)

_Noreturn static inline void wl_die(const char *file, int err,
				   const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(err));
	exit(1);
}

_Noreturn static inline void wl_usage(const char *usage)
{
	fprintf(stderr, "usage: %s\n", usage);
	exit(2);
}

/* A number from the command line, or exit 2 with the usage. */
static inline unsigned long wl_number(const char *arg, const char *usage)
{
	char *end;
	unsigned long value;

	errno = 0;
	value = strtoul(arg, &end, 0);
	if (errno || end == arg || *end)
		wl_usage(usage);
	return value;
}

/*
 * Writes "mov eax, VALUE; ret" at CODE: the smallest function a JIT can
 * emit that shows it really ran (it returns VALUE).
 */
static inline void wl_emit_return(unsigned char *code, unsigned int value)
{
	code[0] = 0xb8;
	memcpy(code + 1, &value, sizeof(value));
	code[5] = 0xc3;
}

static inline unsigned int wl_call(const unsigned char *code)
{
	return ((unsigned int (*)(void))code)();
}

/* Seconds on the monotonic clock. */
static inline double wl_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		die("clock_gettime");
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* True once DEADLINE, a wl_now() time or 0 for never, has passed. */
static inline int wl_expired(double deadline)
{
	return deadline && wl_now() >= deadline;
}

/*
 * One thread of a program run as "NAME THREADS SECONDS": work(index,
 * deadline) computes until wl_expired(deadline) and returns a checksum.
 */
struct wl_thread {
	pthread_t tid;
	unsigned long (*work)(unsigned long index, double deadline);
	unsigned long index;
	double deadline;
	unsigned long sum;
};

static inline void *wl_thread_main(void *arg)
{
	struct wl_thread *t = arg;

	t->sum = t->work(t->index, t->deadline);
	return NULL;
}

/*
 * The main of a program run as "NAME THREADS SECONDS": checks the
 * arguments, runs WORK on THREADS threads (1 to 1024; the calling thread is
 * thread 0) for SECONDS (0: until killed), prints "NAME: checksum X", X
 * mixed from the threads' checksums so that the compiler keeps their work,
 * and returns main's exit status.
 */
static inline int wl_run_threads(int argc, char **argv, const char *name,
				 unsigned long (*work)(unsigned long index,
						       double deadline))
{
	unsigned long threads, seconds, sum = 0, i;
	struct wl_thread *t;
	double deadline = 0;
	char usage[64];
	int err;

	snprintf(usage, sizeof(usage), "%s THREADS SECONDS", name);
	if (argc != 3)
		wl_usage(usage);
	threads = wl_number(argv[1], usage);
	seconds = wl_number(argv[2], usage);
	if (threads < 1 || threads > 1024)
		wl_usage(usage);
	if (seconds)
		deadline = wl_now() + seconds;
	t = calloc(threads, sizeof(*t));
	if (!t)
		die("calloc");
	for (i = 0; i < threads; i++) {
		t[i].work = work;
		t[i].index = i;
		t[i].deadline = deadline;
	}
	for (i = 1; i < threads; i++) {
		err = pthread_create(&t[i].tid, NULL, wl_thread_main, &t[i]);
		if (err) {
			errno = err;
			die("pthread_create");
		}
	}
	wl_thread_main(&t[0]);
	for (i = 1; i < threads; i++) {
		err = pthread_join(t[i].tid, NULL);
		if (err) {
			errno = err;
			die("pthread_join");
		}
	}
	for (i = 0; i < threads; i++)
		sum = sum * 31 + t[i].sum;
	printf("%s: checksum %016lx\n", name, sum);
	free(t);
	return 0;
}

#endif /* MG_WORKLOAD_H */
