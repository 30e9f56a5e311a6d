/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cases for the allowlist parser and matcher in module/parse.c, shared by
 * the KUnit suite (tests/kunit/parse_test.c) and the host test
 * (tests/unit/parse_test.c).
 */
#ifndef MG_ALLOW_CASES_H
#define MG_ALLOW_CASES_H

struct mg_allow_case {
	const char *name;
	const char *buf;
	int ret;
	bool add;
	const char *path;	/* what PATH must be on success */
};

static const struct mg_allow_case mg_allow_cases[] = {
	{ "add", "+/ci/job-1", 0, true, "/ci/job-1" },
	{ "add-newline", "+/ci/job-1\n", 0, true, "/ci/job-1" },
	{ "remove", "-/ci", 0, false, "/ci" },
	{ "root", "+/", 0, true, "/" },
	{ "dots-inside-names", "+/a.b/..c/c..", 0, true, "/a.b/..c/c.." },
	{ "spaces-inside-names", "+/my job", 0, true, "/my job" },
	{ "empty", "", -EINVAL, false, NULL },
	{ "newline-only", "\n", -EINVAL, false, NULL },
	{ "sign-only", "+", -EINVAL, false, NULL },
	{ "no-sign", "/ci", -EINVAL, false, NULL },
	{ "relative", "+ci", -EINVAL, false, NULL },
	{ "space-after-sign", "+ /ci", -EINVAL, false, NULL },
	{ "trailing-slash", "+/ci/", -EINVAL, false, NULL },
	{ "double-slash", "+/ci//a", -EINVAL, false, NULL },
	{ "dot", "+/ci/.", -EINVAL, false, NULL },
	{ "dotdot", "+/ci/../etc", -EINVAL, false, NULL },
	{ "two-newlines", "+/ci\n\n", -EINVAL, false, NULL },
	{ "cr", "+/ci\r\n", -EINVAL, false, NULL },
	{ "tab", "+/c\ti", -EINVAL, false, NULL },
	{ "del", "+/c\x7fi", -EINVAL, false, NULL },
	{ "two-entries", "+/a\n+/b", -EINVAL, false, NULL },
	{ "both-signs", "+-/a", -EINVAL, false, NULL },
};

struct mg_allow_match_case {
	const char *prefix;
	const char *path;
	bool match;
};

static const struct mg_allow_match_case mg_allow_match_cases[] = {
	{ "/ci/a", "/ci/a", true },
	{ "/ci/a", "/ci/a/b", true },
	{ "/ci/a", "/ci/ab", false },
	{ "/ci/a", "/ci", false },
	{ "/ci/a", "/", false },
	{ "/", "/", true },
	{ "/", "/anything/at/all", true },
	{ "/ci", "/cid/x", false },
	{ "/ci", "/other/ci", false },
};

#endif /* MG_ALLOW_CASES_H */
