// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers for text output meant for a terminal.
 */
#include <stdbool.h>
#include <string.h>

#include "text.h"

/*
 * Print @str escaped to @out, or only count the bytes that takes if @out
 * is NULL. With @escape_space a space is shown as \x20 too.
 */
static size_t escape(FILE *out, const char *str, bool escape_space)
{
	const unsigned char *p;
	size_t len = 0;

	for (p = (const unsigned char *)str; *p; p++) {
		if (*p == '\\') {
			len += 2;
			if (out)
				fputs("\\\\", out);
		} else if (*p < 0x20 || *p > 0x7e ||
			   (escape_space && *p == ' ')) {
			len += 4;
			if (out)
				fprintf(out, "\\x%02x", *p);
		} else {
			len++;
			if (out)
				fputc(*p, out);
		}
	}
	return len;
}

size_t text_utf8_length(const unsigned char *p)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		if (p[0] == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (p[0] == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		if (p[0] == 0xf0)
			lo = 0x90;	/* overlong */
		else if (p[0] == 0xf4)
			hi = 0x8f;	/* past U+10FFFF */
	} else {
		return 0;
	}
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	}
	return len;
}

void text_print_escaped(FILE *out, const char *str)
{
	escape(out, str, false);
}

size_t text_escaped_length(const char *str)
{
	return escape(NULL, str, false);
}

void text_print_field(FILE *out, const char *str)
{
	if (!str || !str[0])
		fputc('-', out);
	else
		escape(out, str, true);
}

void text_format_milli(char *buf, size_t size, unsigned long long milli)
{
	int len;

	len = snprintf(buf, size, "%llu.%03llu", milli / 1000, milli % 1000);
	if (len < 0 || (size_t)len >= size)
		return;
	/* Drop trailing zeros, keeping one decimal place. */
	while (buf[len - 1] == '0' && buf[len - 2] != '.')
		buf[--len] = '\0';
}
