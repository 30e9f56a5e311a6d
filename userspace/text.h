/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for text output meant for a terminal.
 */
#ifndef MINERGUARDCTL_TEXT_H
#define MINERGUARDCTL_TEXT_H

#include <stdio.h>

/*
 * Print @str to @out so that it cannot upset a terminal or be misread:
 * every byte outside printable ASCII (0x20-0x7e) comes out as \xNN, and
 * a backslash as \\ so that the escapes stay unambiguous.
 */
void text_print_escaped(FILE *out, const char *str);

/* How many bytes text_print_escaped() prints for @str. */
size_t text_escaped_length(const char *str);

/*
 * Print @str as one space-separated field: escaped as above and with a
 * space shown as \x20 too; NULL or empty as "-".
 */
void text_print_field(FILE *out, const char *str);

/*
 * Length of the well-formed UTF-8 sequence that starts at @p (RFC 3629:
 * no overlong forms, no surrogates, nothing past U+10FFFF), or 0 if @p
 * does not start one. Stops at the first byte that does not fit, so it
 * never reads past a terminating NUL.
 */
size_t text_utf8_length(const unsigned char *p);

/* Format @milli thousandths as a decimal with 1-3 places: 2.0, 0.5, 1.25. */
void text_format_milli(char *buf, size_t size, unsigned long long milli);

#endif /* MINERGUARDCTL_TEXT_H */
