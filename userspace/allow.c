// SPDX-License-Identifier: GPL-2.0
/*
 * minerguardctl allow: list, add or remove allowlisted cgroup path
 * prefixes; and the allowlist helpers policy.c shares.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "allow.h"
#include "json.h"
#include "minerguardctl.h"
#include "sysfs.h"
#include "text.h"

int mg_allowlist_read(struct mg_allowlist *list, bool missing_ok)
{
	char *line, *next;
	size_t n = 0;
	int ret;

	memset(list, 0, sizeof(*list));
	list->text = malloc(MG_SYSFS_VALUE_SIZE);
	if (!list->text)
		goto out_of_memory;
	ret = mg_sysfs_read_quiet(MG_ALLOW_FILE, list->text,
				  MG_SYSFS_VALUE_SIZE);
	if (ret < 0) {
		if (ret != -ENOENT || !missing_ok)
			mg_sysfs_report_error(MG_ALLOW_FILE, ret,
					      MG_SYSFS_VALUE_SIZE);
		mg_allowlist_free(list);
		return ret;
	}
	for (line = list->text; *line; line++)
		n += *line == '\n';
	/* One more line than newlines, as the trailing one is stripped. */
	list->paths = calloc(n + 1, sizeof(*list->paths));
	if (!list->paths)
		goto out_of_memory;
	for (line = list->text; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (*line)
			list->paths[list->count++] = line;
	}
	return 0;

out_of_memory:
	mg_allowlist_free(list);
	fprintf(stderr, "%s: out of memory\n", PROG_NAME);
	return -ENOMEM;
}

void mg_allowlist_free(struct mg_allowlist *list)
{
	free(list->paths);
	free(list->text);
	memset(list, 0, sizeof(*list));
}

bool mg_allowlist_contains(const struct mg_allowlist *list, const char *path)
{
	size_t i;

	for (i = 0; i < list->count; i++) {
		if (!strcmp(list->paths[i], path))
			return true;
	}
	return false;
}

void mg_allowlist_print_json(FILE *out, const struct mg_allowlist *list)
{
	size_t i;

	fputc('[', out);
	for (i = 0; i < list->count; i++) {
		if (i)
			fputc(',', out);
		json_print_string(out, list->paths[i]);
	}
	fputc(']', out);
}

const char *mg_allow_path_problem(const char *path)
{
	if (path[0] != '/')
		return "PATH must start with '/', not";
	/* The file lists one entry per line. */
	if (strchr(path, '\n'))
		return "newline in PATH";
	return NULL;
}

int mg_allow_change(bool add, const char *path)
{
	char value[PATH_MAX + 2];
	int len;

	len = snprintf(value, sizeof(value), "%c%s", add ? '+' : '-', path);
	if (len < 0 || (size_t)len >= sizeof(value))
		return -ENAMETOOLONG;
	return mg_sysfs_write(MG_ALLOW_FILE, value);
}

static void show_allow_usage(FILE *out)
{
	fprintf(out, "Usage: %s allow [--json]\n", PROG_NAME);
	fprintf(out, "       %s allow add PATH\n", PROG_NAME);
	fprintf(out, "       %s allow remove PATH\n\n", PROG_NAME);
	fputs("Lists the allowlist, or adds or removes one entry. An entry is a\n",
	      out);
	fputs("cgroup path prefix, starting with '/'; the policy never acts on\n",
	      out);
	fputs("jobs under it. Paths are listed one per line, bytes outside\n",
	      out);
	fputs("printable ASCII as \\xNN.\n\n", out);
	fputs("  --json  print {\"allow\":[PATH,...]} instead\n", out);
}

static int list_allowlist(bool json)
{
	struct mg_allowlist list;
	size_t i;

	if (mg_allowlist_read(&list, false) < 0)
		return MG_EXIT_MODULE_ERROR;
	if (json) {
		fputs("{\"allow\":", stdout);
		mg_allowlist_print_json(stdout, &list);
		fputs("}\n", stdout);
	} else {
		for (i = 0; i < list.count; i++) {
			text_print_escaped(stdout, list.paths[i]);
			putchar('\n');
		}
	}
	mg_allowlist_free(&list);
	return MG_EXIT_OK;
}

static int change_allowlist(bool add, const char *path)
{
	int ret;

	if (mg_sysfs_check_loaded() < 0)
		return MG_EXIT_MODULE_ERROR;
	ret = mg_allow_change(add, path);
	if (ret < 0) {
		fprintf(stderr, "%s: cannot %s %s %s the allowlist: %s\n",
			PROG_NAME, add ? "add" : "remove", path,
			add ? "to" : "from", strerror(-ret));
		return MG_EXIT_MODULE_ERROR;
	}
	return MG_EXIT_OK;
}

int allow_main(int argc, const char *const argv[])
{
	const char *problem;
	bool json = false;
	int i;

	for (i = 1; i < argc; i++) {
		if (mg_is_help(argv[i])) {
			show_allow_usage(stdout);
			return MG_EXIT_OK;
		}
	}
	if (argc >= 2 && (!strcmp(argv[1], "add") ||
			  !strcmp(argv[1], "remove"))) {
		if (argc != 3)
			return mg_usage_error(argv[0], argc < 3 ?
					      "missing PATH after" :
					      "unexpected argument",
					      argv[argc < 3 ? 1 : 3]);
		problem = mg_allow_path_problem(argv[2]);
		if (problem)
			return mg_usage_error(argv[0], problem, argv[2]);
		return change_allowlist(argv[1][0] == 'a', argv[2]);
	}

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (argv[i][0] == '-')
			return mg_usage_error(argv[0], "unknown option",
					      argv[i]);
		else
			return mg_usage_error(argv[0], "unknown command",
					      argv[i]);
	}
	return list_allowlist(json);
}
