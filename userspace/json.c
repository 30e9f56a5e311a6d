// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal JSON output helpers.
 */
#include "json.h"

void json_print_string(FILE *out, const char *str)
{
	const unsigned char *p;

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
			 * JSON forbids raw control characters. Bytes from
			 * 0x80 up pass through: valid UTF-8 needs no escaping.
			 */
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}
