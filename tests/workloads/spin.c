// SPDX-License-Identifier: GPL-2.0
/*
 * spin THREADS [SECONDS]: keeps THREADS threads busy with plain integer
 * arithmetic for SECONDS (0 or absent: until killed). The most basic CPU
 * hog: what a build or a miner looks like to the scheduler alone.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double deadline;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *spin(void *arg)
{
	unsigned long x = (unsigned long)arg + 1;
	unsigned int i;

	for (;;) {
		for (i = 0; i < 1000000; i++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			/* Keeps the compiler from folding the loop away. */
			__asm__ __volatile__("" : "+r"(x));
		}
		if (deadline && now() >= deadline)
			return NULL;
	}
}

int main(int argc, char **argv)
{
	long threads, seconds = 0, i;
	pthread_t *tids;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: spin THREADS [SECONDS]\n");
		return 2;
	}
	threads = strtol(argv[1], NULL, 10);
	if (argc == 3)
		seconds = strtol(argv[2], NULL, 10);
	if (threads < 1 || threads > 1024 || seconds < 0) {
		fprintf(stderr, "spin: bad arguments\n");
		return 2;
	}
	if (seconds)
		deadline = now() + seconds;
	tids = calloc(threads, sizeof(*tids));
	if (!tids)
		return 1;
	for (i = 1; i < threads; i++)
		if (pthread_create(&tids[i], NULL, spin, (void *)i)) {
			perror("spin: pthread_create");
			return 1;
		}
	spin((void *)0);
	for (i = 1; i < threads; i++)
		pthread_join(tids[i], NULL);
	free(tids);
	return 0;
}
