// SPDX-License-Identifier: GPL-2.0
/*
 * minerguardctl: inspect and control the minerguard kernel module through
 * its sysfs interface.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/minerguard.h>

#include "minerguardctl.h"

static const struct {
	const char *name;
	int (*function)(int argc, const char *const argv[]);
	const char *help;
} subcommands[] = {
	{ "status", status_main,
	  "Shows version, mode, stats and tracked cgroups (--json for JSON)" },
};

static void show_usage(FILE *out)
{
	size_t i;

	fprintf(out, "Usage: %s [<subcommand> [<args>]]\n", PROG_NAME);
	fprintf(out, "       %s --help | --version\n\n", PROG_NAME);
	fprintf(out, "Reads the minerguard module's state from %s\n",
		MINERGUARD_SYSFS_ROOT);
	fputs("(or from the directory named by $MINERGUARD_SYSFS).\n", out);
	fputs("With no subcommand, runs 'status'.\n\n", out);
	fputs("Available subcommands:\n", out);
	for (i = 0; i < ARRAY_SIZE(subcommands); i++)
		fprintf(out, "  %-10s %s\n", subcommands[i].name,
			subcommands[i].help);
	fprintf(out, "\nUse '%s <subcommand> --help' for its options.\n\n",
		PROG_NAME);
	fputs("Exit codes:\n", out);
	fputs("  0  success\n", out);
	fputs("  1  error talking to the module (not loaded, sysfs read failed)\n",
	      out);
	fputs("  2  usage error (unknown subcommand, option or argument)\n",
	      out);
}

static int usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "%s: unknown %s '%s'\n", PROG_NAME, what, arg);
	fprintf(stderr, "Try '%s --help' for more information.\n", PROG_NAME);
	return MG_EXIT_USAGE;
}

/*
 * Output goes through stdio buffers, so a full disk or closed pipe only
 * shows up at the final flush; report it rather than exiting 0.
 */
static int finish_output(int ret)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write output: %s\n", PROG_NAME,
			strerror(errno));
		if (ret == MG_EXIT_OK)
			ret = MG_EXIT_MODULE_ERROR;
	}
	return ret;
}

static int run(int argc, const char *const argv[])
{
	const char *name;
	size_t i;

	if (argc < 2) {
		static const char *const default_argv[] = { "status", NULL };

		return status_main(1, default_argv);
	}

	name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h") ||
	    !strcmp(name, "help")) {
		show_usage(stdout);
		return MG_EXIT_OK;
	}
	if (!strcmp(name, "--version")) {
		printf("%s %s\n", PROG_NAME, MINERGUARD_VERSION);
		return MG_EXIT_OK;
	}
	if (name[0] == '-')
		return usage_error("option", name);

	for (i = 0; i < ARRAY_SIZE(subcommands); i++) {
		if (!strcmp(name, subcommands[i].name))
			return subcommands[i].function(argc - 1, argv + 1);
	}
	return usage_error("subcommand", name);
}

int main(int argc, char *argv[])
{
	return finish_output(run(argc, (const char **)argv));
}
