// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for module/decay.c, built against the shims in
 * tests/unit/include. Prints one "PASS <name>" or "FAIL <name>" line per
 * case and exits 1 if any failed. The cases are in
 * tests/kunit/decay_cases.h, shared with the KUnit suite.
 */
#include <stdbool.h>
#include <stdio.h>

#include "decay.h"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))

#include "../kunit/decay_cases.h"

int main(void)
{
	int failures = 0;
	size_t i;
	u32 mean;

	for (i = 0; i < ARRAY_SIZE(mg_decay_cases); i++) {
		mean = mg_decay_case_run(&mg_decay_cases[i]);
		printf("%s decay-%s\n", mean == mg_decay_cases[i].mean ?
		       "PASS" : "FAIL", mg_decay_cases[i].name);
		if (mean != mg_decay_cases[i].mean) {
			fprintf(stderr, "decay-%s: mean %u, want %u\n",
				mg_decay_cases[i].name, mean,
				mg_decay_cases[i].mean);
			failures++;
		}
	}
	return failures ? 1 : 0;
}
