// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal JSON output helpers.
 */
#include "json.h"
#include "text.h"

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
			len = text_utf8_length(p);
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
