// SPDX-License-Identifier: GPL-2.0
/*
 * Parsers for values written to sysfs and module parameters.
 *
 * Pure code: no locks, clocks, allocation or hooks, so the same file is
 * compiled into the module, the KUnit suites, the host unit tests and the
 * fuzzers.
 */
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/string.h>
#include "parse.h"

static const char *const mg_mode_names[MG_MODE_COUNT] = {
	[MG_MODE_OFF] = "off",
	[MG_MODE_OBSERVE] = "observe",
	[MG_MODE_ENFORCE] = "enforce",
};

static const char *const mg_stratum_action_names[MG_STRATUM_ACTION_NR] = {
	[MG_STRATUM_ACTION_COUNT] = "count",
	[MG_STRATUM_ACTION_DROP] = "drop",
};

/*
 * A sysfs value is the bare token, optionally followed by one newline (what
 * `echo` writes). Anything else, including surrounding spaces, is refused
 * so that a typo never half-applies.
 */
static size_t mg_token_len(const char *buf, size_t len)
{
	if (len && buf[len - 1] == '\n')
		len--;
	return len;
}

static bool mg_token_equals(const char *buf, size_t len, const char *word)
{
	size_t word_len = strlen(word);

	return len == word_len && !memcmp(buf, word, len);
}

/**
 * mg_parse_name() - parse one of a list of names
 * @buf: the written bytes, not necessarily NUL-terminated
 * @len: number of bytes in @buf
 * @names: the accepted names; the index of one is the value
 * @count: number of @names
 * @index: set to the index of the name on success, untouched on failure
 *
 * Return: 0, or -EINVAL when @buf is not exactly one of @names.
 */
int mg_parse_name(const char *buf, size_t len, const char *const *names,
		  unsigned int count, unsigned int *index)
{
	size_t token_len = mg_token_len(buf, len);
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (mg_token_equals(buf, token_len, names[i])) {
			*index = i;
			return 0;
		}
	}
	return -EINVAL;
}

/**
 * mg_parse_mode() - parse a mode name
 * @buf: the written bytes, not necessarily NUL-terminated
 * @len: number of bytes in @buf
 * @mode: set to the parsed mode on success, untouched on failure
 *
 * Return: 0, or -EINVAL when @buf is not exactly one mode name.
 */
int mg_parse_mode(const char *buf, size_t len, enum mg_mode *mode)
{
	unsigned int index;
	int ret;

	ret = mg_parse_name(buf, len, mg_mode_names, MG_MODE_COUNT, &index);
	if (!ret)
		*mode = index;
	return ret;
}

const char *mg_mode_name(enum mg_mode mode)
{
	if ((unsigned int)mode >= MG_MODE_COUNT)
		return "?";
	return mg_mode_names[mode];
}

const char *mg_stratum_action_name(enum mg_stratum_action action)
{
	if ((unsigned int)action >= MG_STRATUM_ACTION_NR)
		return "?";
	return mg_stratum_action_names[action];
}

/* Parses decimal digits at *pos up to a non-digit; no sign, no leading '+'. */
static int mg_parse_digits(const char *buf, size_t len, size_t *pos, u64 limit,
			   u64 *value)
{
	size_t start = *pos;
	u64 v = 0;

	while (*pos < len && buf[*pos] >= '0' && buf[*pos] <= '9') {
		v = v * 10 + (buf[*pos] - '0');
		if (v > limit)
			return -ERANGE;
		(*pos)++;
	}
	if (*pos == start)
		return -EINVAL;
	*value = v;
	return 0;
}

/**
 * mg_parse_u32() - parse a decimal policy value
 * @buf: the written bytes, not necessarily NUL-terminated
 * @len: number of bytes in @buf
 * @min: smallest value accepted
 * @max: largest value accepted
 * @value: set on success, untouched on failure
 *
 * Accepts digits only, optionally followed by one newline.
 *
 * Return: 0, -EINVAL for anything but digits, -ERANGE outside [@min, @max].
 */
int mg_parse_u32(const char *buf, size_t len, u32 min, u32 max, u32 *value)
{
	size_t token_len = mg_token_len(buf, len);
	size_t pos = 0;
	u64 v;
	int ret;

	ret = mg_parse_digits(buf, token_len, &pos, U32_MAX, &v);
	if (ret == -ERANGE) {
		/* Out of range only if the rest is digits too. */
		while (pos < token_len && buf[pos] >= '0' && buf[pos] <= '9')
			pos++;
		return pos == token_len ? -ERANGE : -EINVAL;
	}
	if (ret || pos != token_len)
		return -EINVAL;
	if (v < min || v > max)
		return -ERANGE;
	*value = v;
	return 0;
}

/**
 * mg_parse_cpu_max() - CPUs granted by a cgroup's cpu.max
 * @buf: contents of cpu.max: "$QUOTA $PERIOD" or "max $PERIOD"
 * @len: number of bytes in @buf
 * @mcpu: set to quota / period in milli-CPUs (at least 1), or
 *        MG_CPU_MAX_UNLIMITED for "max"
 *
 * Return: 0 or -EINVAL.
 */
int mg_parse_cpu_max(const char *buf, size_t len, u32 *mcpu)
{
	size_t token_len = mg_token_len(buf, len);
	size_t pos = 0;
	bool unlimited = false;
	u64 quota = 0, period, milli;

	if (token_len >= 3 && !memcmp(buf, "max", 3)) {
		unlimited = true;
		pos = 3;
	} else if (mg_parse_digits(buf, token_len, &pos, U32_MAX, &quota)) {
		return -EINVAL;
	}
	if (pos >= token_len || buf[pos] != ' ')
		return -EINVAL;
	pos++;
	if (mg_parse_digits(buf, token_len, &pos, U32_MAX, &period) ||
	    pos != token_len || !period)
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

/**
 * mg_parse_cpulist_count() - number of CPUs in a cpulist
 * @buf: e.g. "0-3,8,10-11" as in cpuset.cpus.effective; may be empty
 * @len: number of bytes in @buf
 * @count: set to the number of CPUs listed
 *
 * Return: 0 or -EINVAL (malformed, or a range running backwards).
 */
int mg_parse_cpulist_count(const char *buf, size_t len, u32 *count)
{
	size_t token_len = mg_token_len(buf, len);
	size_t pos = 0;
	u64 first, last, total = 0;

	while (pos < token_len) {
		if (mg_parse_digits(buf, token_len, &pos, U32_MAX, &first))
			return -EINVAL;
		last = first;
		if (pos < token_len && buf[pos] == '-') {
			pos++;
			if (mg_parse_digits(buf, token_len, &pos, U32_MAX, &last) ||
			    last < first)
				return -EINVAL;
		}
		total += last - first + 1;
		if (pos < token_len) {
			if (buf[pos] != ',' || pos + 1 == token_len)
				return -EINVAL;
			pos++;
		}
	}
	if (total > U32_MAX)
		return -EINVAL;
	*count = total;
	return 0;
}

/*
 * A cgroup path as the kernel prints it: "/" or "/" followed by names
 * separated by single slashes; no "." or ".." names, no trailing slash, no
 * control bytes.
 */
static bool mg_cgroup_path_valid(const char *path, size_t len)
{
	size_t i, name_start = 1;

	if (!len || path[0] != '/')
		return false;
	if (len == 1)
		return true;
	for (i = 1; i <= len; i++) {
		if (i < len && path[i] != '/') {
			if ((unsigned char)path[i] < 0x20 || path[i] == 0x7f)
				return false;
			continue;
		}
		/* A name ends at i. */
		if (i == name_start)
			return false;
		if (i - name_start <= 2 && path[name_start] == '.' &&
		    (i - name_start == 1 || path[name_start + 1] == '.'))
			return false;
		name_start = i + 1;
	}
	return true;
}

/**
 * mg_parse_allow() - parse a write to the allowlist
 * @buf: "+PATH" to add or "-PATH" to remove, optionally one newline
 * @len: number of bytes in @buf
 * @add: set to true for '+', false for '-'
 * @path: set to where PATH starts in @buf
 * @path_len: set to its length, at most MG_ALLOW_PATH_MAX
 *
 * Outputs are set only on success.
 *
 * Return: 0, -EINVAL for a malformed entry, -ENAMETOOLONG for a too long
 * path.
 */
int mg_parse_allow(const char *buf, size_t len, bool *add, const char **path,
		   size_t *path_len)
{
	size_t token_len = mg_token_len(buf, len);

	if (token_len < 2 || (buf[0] != '+' && buf[0] != '-'))
		return -EINVAL;
	if (!mg_cgroup_path_valid(buf + 1, token_len - 1))
		return -EINVAL;
	if (token_len - 1 > MG_ALLOW_PATH_MAX)
		return -ENAMETOOLONG;
	*add = buf[0] == '+';
	*path = buf + 1;
	*path_len = token_len - 1;
	return 0;
}

/**
 * mg_allow_matches() - does an allowlist prefix cover a cgroup path
 * @prefix: an entry mg_parse_allow() accepted, NUL-terminated
 * @path: a cgroup path, NUL-terminated
 *
 * Prefixes match whole names: "/ci/a" covers "/ci/a" and "/ci/a/b", not
 * "/ci/ab". "/" covers everything.
 */
bool mg_allow_matches(const char *prefix, const char *path)
{
	size_t len = strlen(prefix);

	if (len == 1)
		return true;
	return !strncmp(prefix, path, len) &&
	       (path[len] == '\0' || path[len] == '/');
}
