// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for module/parse.c, built with the real source file by
 * tests/fuzz/run. Every parser gets the same input (a heap buffer of
 * exactly its length, so ASan catches a read past it) and is checked
 * against a plain reference written from its contract in parse.h and
 * parse.c:
 *
 *  - the same return code, and on success the same output;
 *  - mg_parse_mode() and mg_parse_u32() leave the output untouched on
 *    failure, as they promise (the other two promise nothing there);
 *  - an accepted value round-trips: the mode's name, the number printed
 *    back, "<mcpu> 1000" for cpu.max and "0-<n-1>" for a cpulist parse to
 *    the same value.
 *
 * mg_parse_name() is checked the same way on a few fixed lists, tricky
 * ones included (an empty name, a name ending in a newline, a repeated
 * one: the first wins), and mg_parse_allow() against its contract too:
 * outputs untouched on failure, the path pointing into the buffer, and an
 * accepted entry round-trips with and without its newline. The accepted
 * path, as a prefix, must cover itself and its children but not a longer
 * name or its parent, and mg_allow_matches() must agree with a
 * component-by-component reference on the input as a path under a few
 * fixed prefixes, and on the path after the input's first newline when
 * what comes before it is an accepted entry.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/limits.h>	/* parse.h uses U32_MAX */
#include "parse.h"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))
#define UNTOUCHED 0x5a5a5a5aU
#define TOO_BIG ((uint64_t)UINT32_MAX + 1)
#define UNTOUCHED_LEN ((size_t)-1)

static void fail(const char *parser, const char *what)
{
	fprintf(stderr, "parse_fuzz: %s: %s\n", parser, what);
	abort();
}

/* A sysfs value: the token, optionally followed by one newline. */
static size_t token_len(const uint8_t *buf, size_t len)
{
	return len && buf[len - 1] == '\n' ? len - 1 : len;
}

/* Decimal digits at *pos; false if none. The value stops at TOO_BIG. */
static int digits(const uint8_t *buf, size_t len, size_t *pos, uint64_t *value)
{
	size_t start = *pos;
	uint64_t v = 0;

	while (*pos < len && buf[*pos] >= '0' && buf[*pos] <= '9') {
		v = v * 10 + (buf[*pos] - '0');
		if (v > TOO_BIG)
			v = TOO_BIG;
		(*pos)++;
	}
	*value = v;
	return *pos > start;
}

static int ref_mode(const uint8_t *buf, size_t len, enum mg_mode *mode)
{
	static const char *const names[MG_MODE_COUNT] = {
		"off", "observe", "enforce",
	};
	size_t n = token_len(buf, len);
	int i;

	for (i = 0; i < MG_MODE_COUNT; i++) {
		if (n == strlen(names[i]) && !memcmp(buf, names[i], n)) {
			*mode = i;
			return 0;
		}
	}
	return -EINVAL;
}

static int ref_u32(const uint8_t *buf, size_t len, uint32_t min, uint32_t max,
		   uint32_t *value)
{
	size_t n = token_len(buf, len), pos = 0;
	uint64_t v;

	if (!digits(buf, n, &pos, &v) || pos != n)
		return -EINVAL;
	if (v < min || v > max)
		return -ERANGE;
	*value = v;
	return 0;
}

static int ref_cpu_max(const uint8_t *buf, size_t len, uint32_t *mcpu)
{
	size_t n = token_len(buf, len), pos = 0;
	uint64_t quota = 0, period, milli;
	int unlimited = n >= 3 && !memcmp(buf, "max", 3);

	if (unlimited)
		pos = 3;
	else if (!digits(buf, n, &pos, &quota) || quota > UINT32_MAX)
		return -EINVAL;
	if (pos >= n || buf[pos] != ' ')
		return -EINVAL;
	pos++;
	if (!digits(buf, n, &pos, &period) || period > UINT32_MAX ||
	    pos != n || !period)
		return -EINVAL;
	if (unlimited) {
		*mcpu = MG_CPU_MAX_UNLIMITED;
		return 0;
	}
	milli = quota * 1000 / period;
	if (milli >= MG_CPU_MAX_UNLIMITED)
		milli = MG_CPU_MAX_UNLIMITED - 1;
	*mcpu = milli ? milli : 1;
	return 0;
}

static int ref_cpulist_count(const uint8_t *buf, size_t len, uint32_t *count)
{
	size_t n = token_len(buf, len), pos = 0;
	uint64_t first, last, total = 0;

	while (pos < n) {
		if (!digits(buf, n, &pos, &first) || first > UINT32_MAX)
			return -EINVAL;
		last = first;
		if (pos < n && buf[pos] == '-') {
			pos++;
			if (!digits(buf, n, &pos, &last) ||
			    last > UINT32_MAX || last < first)
				return -EINVAL;
		}
		total += last - first + 1;
		if (pos < n) {
			if (buf[pos] != ',' || pos + 1 == n)
				return -EINVAL;
			pos++;
		}
	}
	if (total > UINT32_MAX)
		return -EINVAL;
	*count = total;
	return 0;
}

static int ref_name(const uint8_t *buf, size_t len, const char *const *names,
		    unsigned int count, unsigned int *index)
{
	size_t n = token_len(buf, len);
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (n == strlen(names[i]) && !memcmp(buf, names[i], n)) {
			*index = i;
			return 0;
		}
	}
	return -EINVAL;
}

/*
 * A cgroup path, taken name by name: "/" alone, or "/NAME" repeated with
 * no name empty (no "//", no trailing slash), "." or "..", and no control
 * byte anywhere.
 */
static int ref_cgroup_path(const uint8_t *path, size_t len)
{
	size_t start, end, i;

	if (!len || path[0] != '/')
		return 0;
	if (len == 1)
		return 1;
	for (start = 1; start <= len; start = end + 1) {
		end = start;
		while (end < len && path[end] != '/')
			end++;
		if (end == start)
			return 0;
		if ((end - start == 1 && path[start] == '.') ||
		    (end - start == 2 && !memcmp(path + start, "..", 2)))
			return 0;
		for (i = start; i < end; i++)
			if (path[i] < 0x20 || path[i] == 0x7f)
				return 0;
	}
	return 1;
}

/* A malformed entry is refused before a too long one. */
static int ref_allow(const uint8_t *buf, size_t len, int *add,
		     size_t *path_len)
{
	size_t n = token_len(buf, len);

	if (!n || (buf[0] != '+' && buf[0] != '-'))
		return -EINVAL;
	if (!ref_cgroup_path(buf + 1, n - 1))
		return -EINVAL;
	if (n - 1 > MG_ALLOW_PATH_MAX)
		return -ENAMETOOLONG;
	*add = buf[0] == '+';
	*path_len = n - 1;
	return 0;
}

/*
 * Both split at every '/', the empty name before the leading one included:
 * the prefix covers the path when its names are the path's first ones.
 * "/" covers everything.
 */
static int ref_matches(const char *prefix, const char *path)
{
	size_t prefix_name, path_name;

	if (!strcmp(prefix, "/"))
		return 1;
	for (;;) {
		prefix_name = strcspn(prefix, "/");
		path_name = strcspn(path, "/");
		if (prefix_name != path_name ||
		    memcmp(prefix, path, prefix_name))
			return 0;
		prefix += prefix_name;
		path += path_name;
		if (!*prefix)
			return 1;
		if (!*path)
			return 0;
		prefix++;
		path++;
	}
}

static void fuzz_mode(const char *buf, size_t len)
{
	enum mg_mode mode = MG_MODE_COUNT, want, again;
	const char *name;
	int ret = mg_parse_mode(buf, len, &mode);

	if (ret != ref_mode((const uint8_t *)buf, len, &want))
		fail("mg_parse_mode", "return code differs from the contract");
	if (ret) {
		if (mode != MG_MODE_COUNT)
			fail("mg_parse_mode", "a refused value changed the mode");
		return;
	}
	if (mode != want)
		fail("mg_parse_mode", "wrong mode");
	name = mg_mode_name(mode);
	if (mg_parse_mode(name, strlen(name), &again) || again != mode)
		fail("mg_parse_mode", "the name does not parse back");
}

static void fuzz_u32(const char *buf, size_t len, uint32_t min, uint32_t max)
{
	uint32_t value = UNTOUCHED, want, again;
	char text[16];
	int ret = mg_parse_u32(buf, len, min, max, &value);

	if (ret != ref_u32((const uint8_t *)buf, len, min, max, &want))
		fail("mg_parse_u32", "return code differs from the contract");
	if (ret) {
		if (value != UNTOUCHED)
			fail("mg_parse_u32", "a refused value changed the output");
		return;
	}
	if (value != want)
		fail("mg_parse_u32", "wrong value");
	snprintf(text, sizeof(text), "%u\n", value);
	if (mg_parse_u32(text, strlen(text), min, max, &again) ||
	    again != value)
		fail("mg_parse_u32", "the value does not parse back");
}

static void fuzz_cpu_max(const char *buf, size_t len)
{
	uint32_t mcpu = UNTOUCHED, want, again;
	char text[32];
	int ret = mg_parse_cpu_max(buf, len, &mcpu);

	if (ret != ref_cpu_max((const uint8_t *)buf, len, &want))
		fail("mg_parse_cpu_max", "return code differs from the contract");
	if (ret)
		return;
	if (mcpu != want)
		fail("mg_parse_cpu_max", "wrong milli-CPUs");
	if (mcpu == MG_CPU_MAX_UNLIMITED)
		return;
	snprintf(text, sizeof(text), "%u 1000\n", mcpu);
	if (mg_parse_cpu_max(text, strlen(text), &again) || again != mcpu)
		fail("mg_parse_cpu_max", "the quota does not parse back");
}

static void fuzz_cpulist_count(const char *buf, size_t len)
{
	uint32_t count = UNTOUCHED, want, again;
	char text[32] = "";
	int ret = mg_parse_cpulist_count(buf, len, &count);

	if (ret != ref_cpulist_count((const uint8_t *)buf, len, &want))
		fail("mg_parse_cpulist_count",
		     "return code differs from the contract");
	if (ret)
		return;
	if (count != want)
		fail("mg_parse_cpulist_count", "wrong count");
	if (count)
		snprintf(text, sizeof(text), "0-%u", count - 1);
	if (mg_parse_cpulist_count(text, strlen(text), &again) ||
	    again != count)
		fail("mg_parse_cpulist_count", "the count does not parse back");
}

static void fuzz_name(const char *buf, size_t len, const char *const *names,
		      unsigned int count)
{
	unsigned int index = UNTOUCHED, want, again;
	char text[16];
	int ret = mg_parse_name(buf, len, names, count, &index);

	if (ret != ref_name((const uint8_t *)buf, len, names, count, &want))
		fail("mg_parse_name", "return code differs from the contract");
	if (ret) {
		if (index != UNTOUCHED)
			fail("mg_parse_name", "a refused value changed the index");
		return;
	}
	if (index != want)
		fail("mg_parse_name", "wrong index");
	snprintf(text, sizeof(text), "%s\n", names[index]);
	if (mg_parse_name(text, strlen(text), names, count, &again) ||
	    again != index)
		fail("mg_parse_name", "the name does not parse back");
}

/* A NUL-terminated copy of @len bytes of @buf, to free(). */
static char *string_of(const char *buf, size_t len, const char *suffix)
{
	char *copy = malloc(len + strlen(suffix) + 1);

	if (!copy)
		abort();
	memcpy(copy, buf, len);
	strcpy(copy + len, suffix);
	return copy;
}

static void check_matches(const char *prefix, const char *path, int want)
{
	if (mg_allow_matches(prefix, path) != want) {
		fprintf(stderr, "parse_fuzz: prefix \"%s\", path \"%s\"\n",
			prefix, path);
		fail("mg_allow_matches", want ? "no match, the contract says one" :
		     "a match the contract refuses");
	}
}

/* An accepted path as a prefix: its children, not its neighbours. */
static void fuzz_matches_self(const char *prefix)
{
	int root = !strcmp(prefix, "/");
	char *child = string_of(prefix, strlen(prefix), "/x");
	char *longer = string_of(prefix, strlen(prefix), "x");
	char *parent = string_of(prefix, strrchr(prefix, '/') - prefix, "");

	check_matches(prefix, prefix, 1);
	check_matches(prefix, child, 1);
	check_matches(prefix, longer, root);
	check_matches(prefix, "/", root);
	check_matches(prefix, parent, root);
	check_matches("/", prefix, 1);
	if (*parent)
		check_matches(parent, prefix, 1);
	free(child);
	free(longer);
	free(parent);
}

/*
 * Checks mg_parse_allow() on @buf, which holds exactly @len bytes;
 * returns the accepted path as a string to free(), or NULL.
 */
static char *fuzz_allow(const char *buf, size_t len)
{
	static const char sentinel[] = "untouched";
	const char *path = sentinel;
	size_t path_len = UNTOUCHED_LEN, want_len;
	int want_add;
	/* What a success would not set, so that a stray write shows. */
	bool add = !(len && buf[0] == '+');
	bool refused_add = add, again_add;
	const char *again_path;
	size_t again_len;
	char *entry, *prefix;
	int ret = mg_parse_allow(buf, len, &add, &path, &path_len);

	if (ret != ref_allow((const uint8_t *)buf, len, &want_add, &want_len))
		fail("mg_parse_allow", "return code differs from the contract");
	if (ret) {
		if (add != refused_add || path != sentinel ||
		    path_len != UNTOUCHED_LEN)
			fail("mg_parse_allow", "a refused entry set an output");
		return NULL;
	}
	if (add != want_add || path != buf + 1 || path_len != want_len)
		fail("mg_parse_allow", "wrong sign, path or length");
	if (path_len > MG_ALLOW_PATH_MAX)
		fail("mg_parse_allow", "accepted a path above MG_ALLOW_PATH_MAX");

	/* The entry alone, then with a newline: heap copies, no slack. */
	entry = malloc(path_len + 2);
	if (!entry)
		abort();
	entry[0] = add ? '+' : '-';
	memcpy(entry + 1, path, path_len);
	entry[path_len + 1] = '\n';
	if (mg_parse_allow(entry, path_len + 1, &again_add, &again_path,
			   &again_len) || again_add != add ||
	    again_path != entry + 1 || again_len != path_len ||
	    mg_parse_allow(entry, path_len + 2, &again_add, &again_path,
			   &again_len) || again_len != path_len)
		fail("mg_parse_allow", "the entry does not parse back");
	free(entry);

	prefix = string_of(path, path_len, "");
	fuzz_matches_self(prefix);
	return prefix;
}

/*
 * The whole input as a path under a few fixed prefixes; then, if there is
 * a newline, the entry before the first one as a prefix, the rest as a
 * path.
 */
static void fuzz_matches(const char *buf, size_t len)
{
	static const char *const prefixes[] = {
		"/", "/ci", "/ci/a", "/a.b/..c",
	};
	const char *newline = memchr(buf, '\n', len);
	size_t entry_len, i;
	char *entry, *prefix, *path;

	/* Bytes after a NUL in the path are not part of it. */
	path = string_of(buf, len, "");
	for (i = 0; i < ARRAY_SIZE(prefixes); i++)
		check_matches(prefixes[i], path,
			      ref_matches(prefixes[i], path));
	free(path);
	if (!newline)
		return;
	entry_len = newline - buf;
	entry = malloc(entry_len ? entry_len : 1);
	if (!entry)
		abort();
	memcpy(entry, buf, entry_len);
	prefix = fuzz_allow(entry, entry_len);
	free(entry);
	if (!prefix)
		return;
	path = string_of(newline + 1, len - entry_len - 1, "");
	check_matches(prefix, path, ref_matches(prefix, path));
	free(prefix);
	free(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const actions[] = {
		"none", "log", "throttle", "freeze", "kill",
	};
	static const char *const tricky[] = {
		"", "x", "x\n", "xy", "x", "x y",
	};
	static const uint32_t ranges[][2] = {
		{ 0, UINT32_MAX }, { 1, 100 }, { 100, 1 }, { 7, 7 },
		{ UINT32_MAX, UINT32_MAX },
	};
	const char *buf = (const char *)data;
	size_t i;

	fuzz_mode(buf, size);
	for (i = 0; i < ARRAY_SIZE(ranges); i++)
		fuzz_u32(buf, size, ranges[i][0], ranges[i][1]);
	fuzz_cpu_max(buf, size);
	fuzz_cpulist_count(buf, size);
	fuzz_name(buf, size, actions, ARRAY_SIZE(actions));
	fuzz_name(buf, size, tricky, ARRAY_SIZE(tricky));
	fuzz_name(buf, size, actions, 0);
	free(fuzz_allow(buf, size));
	fuzz_matches(buf, size);
	return 0;
}
