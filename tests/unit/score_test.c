// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for module/score.c, built against the shims in
 * tests/unit/include. Prints one "PASS <name>" or "FAIL <name>" line per
 * case and exits 1 if any failed. The cases are in
 * tests/kunit/score_cases.h, shared with the KUnit suite.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "score.h"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))

#include "../kunit/score_cases.h"

static bool check_score_case(const struct mg_score_case *c)
{
	struct mg_score_state st;
	bool ok;

	mg_score_case_run(c, &st);
	ok = st.score == c->score && st.verdict == c->verdict &&
	     st.verdict_since_s == c->verdict_since_s &&
	     !strcmp(st.evidence, c->evidence);
	if (!ok)
		fprintf(stderr,
			"score-%s: score %u verdict %s since %llu evidence '%s'; want %u %s %llu '%s'\n",
			c->name, st.score, mg_verdict_name(st.verdict),
			(unsigned long long)st.verdict_since_s, st.evidence,
			c->score, mg_verdict_name(c->verdict),
			(unsigned long long)c->verdict_since_s, c->evidence);
	return ok;
}

int main(void)
{
	int failures = 0;
	enum mg_action got;
	size_t i;
	bool ok;

	for (i = 0; i < ARRAY_SIZE(mg_score_cases); i++) {
		ok = check_score_case(&mg_score_cases[i]);
		printf("%s score-%s\n", ok ? "PASS" : "FAIL",
		       mg_score_cases[i].name);
		failures += !ok;
	}
	for (i = 0; i < ARRAY_SIZE(mg_action_cases); i++) {
		got = mg_action_case_run(&mg_action_cases[i]);
		ok = got == mg_action_cases[i].want;
		printf("%s score-action-%s\n", ok ? "PASS" : "FAIL",
		       mg_action_cases[i].name);
		if (!ok)
			fprintf(stderr, "score-action-%s: %s, want %s\n",
				mg_action_cases[i].name, mg_action_name(got),
				mg_action_name(mg_action_cases[i].want));
		failures += !ok;
	}
	for (i = 0; i < ARRAY_SIZE(mg_history_cases); i++) {
		const struct mg_history_case *c = &mg_history_cases[i];
		char buf[MG_HISTORY_TEST_BUF];
		struct mg_history h;
		size_t len;

		len = mg_history_case_run(c, &h, buf);
		ok = mg_history_case_ok(c, len, buf);
		printf("%s score-history-%s\n", ok ? "PASS" : "FAIL", c->name);
		if (!ok)
			fprintf(stderr, "score-history-%s: %zu bytes '%.*s'\n",
				c->name, len, (int)(len < 200 ? len : 200), buf);
		failures += !ok;
	}
	return failures ? 1 : 0;
}
