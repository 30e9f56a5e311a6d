// SPDX-License-Identifier: GPL-2.0
/*
 * execstack-threads THREADS: benign look-alike of a legacy program linked
 * with an executable stack (-z execstack, set by tests/vm/run-suite from
 * the mg-build line below). Starts THREADS threads, whose stacks glibc
 * makes read-write-execute, and joins them.
 *
 * minerguard sees THREADS exec_stack and no JIT counts.
 *
 * mg-build: -z execstack
 */
#include <pthread.h>
#include "workload.h"

/* Touches a page of its stack, which the compiler cannot leave out. */
static void *work(void *arg)
{
	char buf[4096];

	memset(buf, (int)(unsigned long)arg, sizeof(buf));
	__asm__ __volatile__("" : : "r"(buf) : "memory");
	return (void *)(unsigned long)buf[sizeof(buf) - 1];
}

int main(int argc, char **argv)
{
	const char *usage = "execstack-threads THREADS";
	unsigned long threads, i;
	pthread_t *tids;
	int err;

	if (argc != 2)
		wl_usage(usage);
	threads = wl_number(argv[1], usage);
	tids = calloc(threads, sizeof(*tids));
	if (!tids)
		die("calloc");
	for (i = 0; i < threads; i++) {
		err = pthread_create(&tids[i], NULL, work, (void *)i);
		if (err) {
			errno = err;
			die("pthread_create");
		}
	}
	for (i = 0; i < threads; i++)
		pthread_join(tids[i], NULL);
	return 0;
}
