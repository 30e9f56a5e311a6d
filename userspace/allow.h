/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The allowlist: cgroup path prefixes the policy never acts on, in the
 * file <root>/allow, one per line; "+PATH" and "-PATH" change it.
 */
#ifndef MINERGUARDCTL_ALLOW_H
#define MINERGUARDCTL_ALLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define MG_ALLOW_FILE "allow"

struct mg_allowlist {
	char *text;		/* the file's contents, split in place */
	size_t count;
	char **paths;
};

/*
 * Read the allowlist. Returns 0, or a negative errno after printing why;
 * with @missing_ok a module without an allowlist gives -ENOENT silently.
 * Release the result with mg_allowlist_free().
 */
int mg_allowlist_read(struct mg_allowlist *list, bool missing_ok);

void mg_allowlist_free(struct mg_allowlist *list);

bool mg_allowlist_contains(const struct mg_allowlist *list, const char *path);

/* Print the paths as a JSON array. */
void mg_allowlist_print_json(FILE *out, const struct mg_allowlist *list);

/*
 * Check that @path may be an entry: absolute, on one line. Returns NULL
 * or what is wrong with it.
 */
const char *mg_allow_path_problem(const char *path);

/* Write "+@path" (@add) or "-@path"; returns 0 or a negative errno. */
int mg_allow_change(bool add, const char *path);

#endif /* MINERGUARDCTL_ALLOW_H */
