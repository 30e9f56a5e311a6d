// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers for text output meant for a terminal.
 */
#include <string.h>

#include "text.h"

void text_print_escaped(FILE *out, const char *str)
{
	const unsigned char *p;

	for (p = (const unsigned char *)str; *p; p++) {
		if (*p == '\\')
			fputs("\\\\", out);
		else if (*p < 0x20 || *p > 0x7e)
			fprintf(out, "\\x%02x", *p);
		else
			fputc(*p, out);
	}
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
