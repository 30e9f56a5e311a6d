// SPDX-License-Identifier: GPL-2.0
/*
 * cpu-work ITERATIONS: a fixed amount of CPU-bound integer work in one
 * thread; prints the nanoseconds it took. The benchmarks' yardstick for
 * costs that scale with CPU time, such as the sampler's.
 */
#include <stdio.h>
#include <time.h>
#include "workload.h"

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	const char *usage = "cpu-work ITERATIONS";
	unsigned long iterations, i, x = 1;
	unsigned long long start;

	if (argc != 2)
		wl_usage(usage);
	iterations = wl_number(argv[1], usage);
	start = now_ns();
	for (i = 0; i < iterations; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		/* Keeps the compiler from folding the loop away. */
		__asm__ __volatile__("" : "+r"(x));
	}
	printf("%llu\n", now_ns() - start);
	return x == 0;
}
