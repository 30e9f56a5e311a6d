// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for module/parse.c, built against the shims in
 * tests/unit/include. Prints one "PASS <name>" or "FAIL <name>" line per
 * case on stdout, details of failures on stderr, and exits 1 if any failed.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))

/* Never a valid mode: shows whether a failed parse wrote to *mode. */
#define MODE_UNTOUCHED ((enum mg_mode)0x5a5a)

#define LONG_INPUT_LEN 65536

struct parse_case {
	const char *name;
	const char *buf;
	size_t len;
	int ret;
	enum mg_mode mode;	/* expected when ret == 0 */
};

/* sizeof, not strlen, so that embedded NULs count towards the length. */
#define ACCEPT(name, str, mode) { name, str, sizeof(str) - 1, 0, mode }
#define REJECT(name, str) { name, str, sizeof(str) - 1, -EINVAL, 0 }

static const struct parse_case parse_cases[] = {
	ACCEPT("off", "off", MG_MODE_OFF),
	ACCEPT("observe", "observe", MG_MODE_OBSERVE),
	ACCEPT("enforce", "enforce", MG_MODE_ENFORCE),
	ACCEPT("off-newline", "off\n", MG_MODE_OFF),
	ACCEPT("observe-newline", "observe\n", MG_MODE_OBSERVE),
	ACCEPT("enforce-newline", "enforce\n", MG_MODE_ENFORCE),
	/* Only the first @len bytes count, whatever follows them. */
	{ "len-excludes-tail", "observex", 7, 0, MG_MODE_OBSERVE },
	{ "len-excludes-nul", "enforce", 7, 0, MG_MODE_ENFORCE },
	REJECT("empty", ""),
	REJECT("newline-only", "\n"),
	REJECT("two-newlines", "observe\n\n"),
	REJECT("crlf", "observe\r\n"),
	REJECT("leading-space", " observe"),
	REJECT("trailing-space", "observe "),
	REJECT("leading-newline", "\nobserve"),
	REJECT("capitalised", "Observe"),
	REJECT("upper-case", "OBSERVE"),
	REJECT("prefix", "observ"),
	REJECT("extra-char", "observex"),
	REJECT("newline-inside", "observe\nx"),
	REJECT("two-names", "off enforce"),
	REJECT("nul-after", "observe\0"),
	REJECT("nul-before-newline", "observe\0\n"),
	REJECT("nul-inside", "obs\0erve"),
	REJECT("nul-first", "\0observe"),
	{ "len-cuts-name", "observe", 6, -EINVAL, 0 },
	{ "len-zero", "observe", 0, -EINVAL, 0 },
};

static int failures;

static void report(const char *name, bool ok)
{
	printf("%s parse-mode-%s\n", ok ? "PASS" : "FAIL", name);
	if (!ok)
		failures++;
}

/*
 * Parse @len bytes copied into a heap buffer of exactly that size (so a
 * sanitizer build catches any read past @len), then again with a stray
 * "x" after them (so even a plain build catches parsers that look at
 * buf[len] or rely on a NUL there).
 */
static bool check_parse(const char *name, const char *buf, size_t len,
			int want_ret, enum mg_mode want_mode)
{
	static const struct {
		const char *name;
		bool tail;
	} layouts[] = {
		{ "exact", false },
		{ "tail", true },
	};
	bool ok = true;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(layouts); i++) {
		enum mg_mode mode = MODE_UNTOUCHED;
		/* malloc(0) may return NULL; one spare byte is harmless. */
		char *copy = malloc(layouts[i].tail ? len + 2 : len + !len);
		int ret;

		if (!copy) {
			perror("malloc");
			exit(1);
		}
		memcpy(copy, buf, len);
		if (layouts[i].tail)
			memcpy(copy + len, "x", 2);

		ret = mg_parse_mode(copy, len, &mode);
		free(copy);

		if (ret != want_ret) {
			fprintf(stderr,
				"parse-mode-%s (%s): returned %d, want %d\n",
				name, layouts[i].name, ret, want_ret);
			ok = false;
		} else if (ret == 0 && mode != want_mode) {
			fprintf(stderr,
				"parse-mode-%s (%s): mode %d, want %d\n",
				name, layouts[i].name, (int)mode,
				(int)want_mode);
			ok = false;
		} else if (ret != 0 && mode != MODE_UNTOUCHED) {
			fprintf(stderr,
				"parse-mode-%s (%s): failed but set mode to %d\n",
				name, layouts[i].name, (int)mode);
			ok = false;
		}
	}
	return ok;
}

/* Inputs too big for the table: garbage, and a valid name plus junk. */
static void test_long_inputs(void)
{
	char *buf = malloc(LONG_INPUT_LEN);

	if (!buf) {
		perror("malloc");
		exit(1);
	}

	memset(buf, 'o', LONG_INPUT_LEN);
	report("long-garbage", check_parse("long-garbage", buf,
					   LONG_INPUT_LEN, -EINVAL, 0));

	memset(buf, ' ', LONG_INPUT_LEN);
	memcpy(buf, "observe", 7);
	report("long-name-then-spaces",
	       check_parse("long-name-then-spaces", buf, LONG_INPUT_LEN,
			   -EINVAL, 0));

	memset(buf, '\n', LONG_INPUT_LEN);
	memcpy(buf, "enforce", 7);
	report("long-name-then-newlines",
	       check_parse("long-name-then-newlines", buf, LONG_INPUT_LEN,
			   -EINVAL, 0));

	free(buf);
}

/* Every mode has its sysfs spelling, which parses back to it. */
static void test_mode_names(void)
{
	static const struct {
		enum mg_mode mode;
		const char *name;
	} modes[] = {
		{ MG_MODE_OFF, "off" },
		{ MG_MODE_OBSERVE, "observe" },
		{ MG_MODE_ENFORCE, "enforce" },
	};
	char case_name[64];
	size_t i;

	_Static_assert(ARRAY_SIZE(modes) == MG_MODE_COUNT,
		       "a new mode needs its name tested here");

	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		const char *name = mg_mode_name(modes[i].mode);
		bool ok = name && !strcmp(name, modes[i].name);

		snprintf(case_name, sizeof(case_name), "name-%s",
			 modes[i].name);
		if (ok) {
			ok = check_parse(case_name, name, strlen(name), 0,
					 modes[i].mode);
		} else {
			fprintf(stderr,
				"parse-mode-%s: mg_mode_name(%d) gave \"%s\"\n",
				case_name, (int)modes[i].mode,
				name ?: "(null)");
		}
		report(case_name, ok);
	}
}

/* Out-of-range modes get a printable name that is not a mode name. */
static void test_mode_name_out_of_range(void)
{
	static const struct {
		const char *name;
		int value;
	} cases[] = {
		{ "name-count", MG_MODE_COUNT },
		{ "name-negative", -1 },
		{ "name-large", 0x5a5a },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *name = mg_mode_name((enum mg_mode)cases[i].value);
		bool ok = name && check_parse(cases[i].name, name,
					      strlen(name), -EINVAL, 0);

		if (!name)
			fprintf(stderr, "parse-mode-%s: mg_mode_name(%d) is NULL\n",
				cases[i].name, cases[i].value);
		report(cases[i].name, ok);
	}
}

#include "../kunit/allow_cases.h"

/* From a heap copy of exactly the input's length, for ASan. */
static void test_allow(void)
{
	const struct mg_allow_case *c;
	const char *path;
	char name[64], *copy;
	size_t i, len, path_len;
	bool add, ok;
	int ret;

	for (i = 0; i < ARRAY_SIZE(mg_allow_cases); i++) {
		c = &mg_allow_cases[i];
		len = strlen(c->buf);
		copy = malloc(len ? len : 1);
		if (!copy)
			abort();
		memcpy(copy, c->buf, len);
		add = !c->add;
		path = NULL;
		path_len = 0;
		ret = mg_parse_allow(copy, len, &add, &path, &path_len);
		ok = ret == c->ret;
		if (ok && !ret)
			ok = add == c->add && path_len == strlen(c->path) &&
			     !memcmp(path, c->path, path_len);
		if (ok && ret)
			ok = path == NULL && path_len == 0 && add != c->add;
		if (!ok)
			fprintf(stderr, "parse-allow-%s: returned %d, want %d\n",
				c->name, ret, c->ret);
		snprintf(name, sizeof(name), "allow-%s", c->name);
		report(name, ok);
		free(copy);
	}
	for (i = 0; i < ARRAY_SIZE(mg_allow_match_cases); i++) {
		const struct mg_allow_match_case *m = &mg_allow_match_cases[i];

		ok = mg_allow_matches(m->prefix, m->path) == m->match;
		snprintf(name, sizeof(name), "allow-match-%zu", i);
		if (!ok)
			fprintf(stderr, "parse-%s: %s on %s, want %d\n", name,
				m->prefix, m->path, m->match);
		report(name, ok);
	}
}

static void test_allow_too_long(void)
{
	size_t len = MG_ALLOW_PATH_MAX + 2, path_len = 0;
	const char *path;
	char *buf = malloc(len);
	bool add;

	if (!buf)
		abort();
	memset(buf, 'a', len);
	buf[0] = '+';
	buf[1] = '/';
	report("allow-too-long",
	       mg_parse_allow(buf, len, &add, &path, &path_len) ==
	       -ENAMETOOLONG);
	report("allow-longest",
	       mg_parse_allow(buf, len - 1, &add, &path, &path_len) == 0 &&
	       path_len == MG_ALLOW_PATH_MAX);
	free(buf);
}

int main(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];

		report(c->name, check_parse(c->name, c->buf, c->len, c->ret,
					    c->mode));
	}
	test_long_inputs();
	test_mode_names();
	test_mode_name_out_of_range();
	test_allow();
	test_allow_too_long();

	return failures ? 1 : 0;
}
