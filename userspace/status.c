// SPDX-License-Identifier: GPL-2.0
/*
 * minerguardctl status: print the module version and mode.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "minerguardctl.h"
#include "sysfs.h"

struct status {
	char version[MG_SYSFS_VALUE_SIZE];
	char mode[MG_SYSFS_VALUE_SIZE];
};

static void show_status_usage(FILE *out)
{
	fprintf(out, "Usage: %s status [--json]\n\n", PROG_NAME);
	fputs("Shows the module version and mode.\n\n", out);
	fputs("  --json  print one JSON object instead of text\n", out);
}

static int status_usage_error(const char *message, const char *arg)
{
	fprintf(stderr, "%s: status: %s '%s'\n", PROG_NAME, message, arg);
	fprintf(stderr, "Try '%s status --help' for more information.\n",
		PROG_NAME);
	return MG_EXIT_USAGE;
}

static int read_status(struct status *status)
{
	if (mg_sysfs_read_value("version", status->version,
				sizeof(status->version)) < 0)
		return -1;
	if (mg_sysfs_read_value("mode", status->mode,
				sizeof(status->mode)) < 0)
		return -1;
	return 0;
}

static void print_status_text(const struct status *status)
{
	printf("minerguard %s\n", status->version);
	printf("mode: %s\n", status->mode);
}

static void print_status_json(const struct status *status)
{
	fputs("{\"version\":", stdout);
	json_print_string(stdout, status->version);
	fputs(",\"mode\":", stdout);
	json_print_string(stdout, status->mode);
	fputs("}\n", stdout);
}

int status_main(int argc, const char *const argv[])
{
	/* Static: two page-sized buffers are more than the stack needs. */
	static struct status status;
	bool json = false;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--help") ||
			   !strcmp(argv[i], "-h")) {
			show_status_usage(stdout);
			return MG_EXIT_OK;
		} else if (argv[i][0] == '-') {
			return status_usage_error("unknown option", argv[i]);
		} else {
			return status_usage_error("unexpected argument",
						  argv[i]);
		}
	}

	/* Read everything first so a failure prints no partial output. */
	if (read_status(&status) < 0)
		return MG_EXIT_MODULE_ERROR;

	if (json)
		print_status_json(&status);
	else
		print_status_text(&status);
	return MG_EXIT_OK;
}
