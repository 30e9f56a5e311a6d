// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal JSON output helpers.
 */
#include "json.h"

/*
 * Length of the well-formed UTF-8 sequence that starts at @p (RFC 3629:
 * no overlong forms, no surrogates, nothing past U+10FFFF), or 0 if @p
 * does not start one. Stops at the first byte that does not fit, so it
 * never reads past a terminating NUL.
 */
static size_t utf8_sequence_length(const unsigned char *p)
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

void json_print_string(FILE *out, const char *str)
{
	const unsigned char *p;
	size_t len;

	fputc('"', out);
	for (p = (const unsigned char *)str; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\b':
			fputs("\\b", out);
			break;
		case '\f':
			fputs("\\f", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			/*
			 * JSON forbids raw control characters and must be
			 * valid UTF-8. Well-formed UTF-8 passes through; any
			 * other byte from 0x80 up is shown as the code point
			 * of the same value, so the output stays valid JSON.
			 */
			len = utf8_sequence_length(p);
			if (*p < 0x20 || len == 0) {
				fprintf(out, "\\u%04x", *p);
			} else {
				fwrite(p, 1, len, out);
				p += len - 1;
			}
		}
	}
	fputc('"', out);
}
