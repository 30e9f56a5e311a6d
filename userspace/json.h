/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal JSON output helpers.
 */
#ifndef MINERGUARDCTL_JSON_H
#define MINERGUARDCTL_JSON_H

#include <stdio.h>

/*
 * Print @str to @out as a quoted, escaped JSON string. Bytes that are not
 * well-formed UTF-8 come out as \u00XX, so the result is always valid.
 */
void json_print_string(FILE *out, const char *str);

#endif /* MINERGUARDCTL_JSON_H */
