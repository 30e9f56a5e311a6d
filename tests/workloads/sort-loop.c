// SPDX-License-Identifier: GPL-2.0
/*
 * sort-loop THREADS SECONDS: benign look-alike of a busy CPU-bound job that is
 * not hashing. Each of THREADS threads, for SECONDS (0: until killed),
 * fills an array of 65536 numbers from a linear congruential generator and
 * sorts it with a quicksort (median-of-three pivot, insertion sort for short
 * ranges), checks the order and prints a checksum at the end.
 *
 * minerguard sees one busy CPU per thread, its samples in compare, branch
 * and move code: hash density below the threshold, default rounding mode,
 * no memory signals.
 */
#include <stdint.h>
#include "workload.h"

#define COUNT (1UL << 16)
/* Ranges this short are left to the insertion sort. */
#define SHORT 16

static void insertion_sort(uint32_t *a, long n)
{
	long i, j;
	uint32_t v;

	for (i = 1; i < n; i++) {
		v = a[i];
		for (j = i; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

static inline void swap(uint32_t *a, uint32_t *b)
{
	uint32_t t = *a;

	*a = *b;
	*b = t;
}

/* Recurses into the smaller part, loops over the larger: depth log2(n). */
static void quick_sort(uint32_t *a, long n)
{
	uint32_t pivot;
	long i, j;

	while (n > SHORT) {
		/* Median of three into a[0], with a[n / 2] <= a[0] <= a[n-1]. */
		if (a[n / 2] > a[n - 1])
			swap(&a[n / 2], &a[n - 1]);
		if (a[0] > a[n - 1])
			swap(&a[0], &a[n - 1]);
		if (a[n / 2] > a[0])
			swap(&a[n / 2], &a[0]);
		pivot = a[0];
		i = 0;
		j = n;
		/* Hoare partition: a[0..j] <= pivot <= a[j+1..n-1]. */
		for (;;) {
			do
				i++;
			while (a[i] < pivot);
			do
				j--;
			while (a[j] > pivot);
			if (i >= j)
				break;
			swap(&a[i], &a[j]);
		}
		swap(&a[0], &a[j]);
		if (j < n - 1 - j) {
			quick_sort(a, j);
			a += j + 1;
			n -= j + 1;
		} else {
			quick_sort(a + j + 1, n - 1 - j);
			n = j;
		}
	}
	insertion_sort(a, n);
}

static unsigned long sort_loop(unsigned long index, double deadline)
{
	uint32_t *a, seed = index * 2654435761u + 1;
	unsigned long i, sum = 0;

	a = malloc(COUNT * sizeof(*a));
	if (!a)
		die("malloc");
	do {
		for (i = 0; i < COUNT; i++) {
			seed = seed * 1103515245 + 12345;
			a[i] = seed;
		}
		quick_sort(a, COUNT);
		for (i = 1; i < COUNT; i++)
			if (a[i - 1] > a[i]) {
				fprintf(stderr, "sort: out of order at %lu\n",
					i);
				exit(1);
			}
		sum = sum * 31 + a[index % COUNT];
	} while (!wl_expired(deadline));
	free(a);
	return sum;
}

int main(int argc, char **argv)
{
	return wl_run_threads(argc, argv, "sort-loop", sort_loop);
}
