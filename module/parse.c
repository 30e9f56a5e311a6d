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
#include <linux/string.h>
#include "parse.h"

static const char *const mg_mode_names[MG_MODE_COUNT] = {
	[MG_MODE_OFF] = "off",
	[MG_MODE_OBSERVE] = "observe",
	[MG_MODE_ENFORCE] = "enforce",
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
 * mg_parse_mode() - parse a mode name
 * @buf: the written bytes, not necessarily NUL-terminated
 * @len: number of bytes in @buf
 * @mode: set to the parsed mode on success, untouched on failure
 *
 * Return: 0, or -EINVAL when @buf is not exactly one mode name.
 */
int mg_parse_mode(const char *buf, size_t len, enum mg_mode *mode)
{
	size_t token_len = mg_token_len(buf, len);
	int i;

	for (i = 0; i < MG_MODE_COUNT; i++) {
		if (mg_token_equals(buf, token_len, mg_mode_names[i])) {
			*mode = i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *mg_mode_name(enum mg_mode mode)
{
	if ((unsigned int)mode >= MG_MODE_COUNT)
		return "?";
	return mg_mode_names[mode];
}
