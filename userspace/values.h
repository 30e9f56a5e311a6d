/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A directory of named values such as stats/ or policy/: one value per
 * file, with new files appearing as the module grows.
 */
#ifndef MINERGUARDCTL_VALUES_H
#define MINERGUARDCTL_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct mg_value {
	char *name;
	char *text;		/* NULL: missing, unreadable or malformed */
};

struct mg_values {
	bool present;		/* false: no such directory (older module) */
	size_t count;
	struct mg_value *entries;
};

/*
 * Read <root>/@dir: first the @nr_first names of @first in that order
 * (unknown when their file is missing), then every other file in it
 * sorted by name. With @numeric, a value that is not an unsigned decimal
 * number is unknown. A value that cannot be read (other than missing)
 * or is malformed warns on stderr. Returns 0, or a negative errno after
 * printing why (directory unreadable, out of memory); @values is then
 * empty. Release the result with mg_values_free().
 */
int mg_values_read(struct mg_values *values, const char *dir,
		   const char *const *first, size_t nr_first, bool numeric);

void mg_values_free(struct mg_values *values);

/*
 * Print @text as JSON: an unsigned decimal number as a number, anything
 * else as a string, NULL as null.
 */
void mg_json_print_value(FILE *out, const char *text);

#endif /* MINERGUARDCTL_VALUES_H */
