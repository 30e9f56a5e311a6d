// SPDX-License-Identifier: GPL-2.0
/*
 * pingpong ROUNDS: two processes pass one byte back and forth over a pair of
 * pipes ROUNDS times; prints the elapsed nanoseconds. Every round is two
 * context switches, so this is the workload that shows what a scheduler
 * hook costs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void bounce(int in, int out, long rounds, int first)
{
	char byte = 0;
	long i;

	for (i = 0; i < rounds; i++) {
		if (first && write(out, &byte, 1) != 1)
			exit(1);
		if (read(in, &byte, 1) != 1)
			exit(1);
		if (!first && write(out, &byte, 1) != 1)
			exit(1);
	}
}

int main(int argc, char **argv)
{
	int there[2], back[2];
	struct timespec t0, t1;
	long rounds;
	pid_t child;

	rounds = argc == 2 ? strtol(argv[1], NULL, 10) : 0;
	if (rounds < 1) {
		fprintf(stderr, "usage: pingpong ROUNDS\n");
		return 2;
	}
	if (pipe(there) || pipe(back))
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	child = fork();
	if (child < 0)
		return 1;
	if (!child) {
		bounce(there[0], back[1], rounds, 0);
		return 0;
	}
	bounce(back[0], there[1], rounds, 1);
	waitpid(child, NULL, 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%lld\n", (t1.tv_sec - t0.tv_sec) * 1000000000LL +
	       (t1.tv_nsec - t0.tv_nsec));
	return 0;
}
