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
	{ "top", top_main,
	  "Shows the jobs by score on a screen that refreshes, like top(1)" },
	{ "policy", policy_main,
	  "Shows the policy, sets one knob or loads a policy file" },
	{ "allow", allow_main,
	  "Lists, adds or removes allowlisted cgroup path prefixes" },
	{ "events", events_main,
	  "Lists jobs with a verdict or action; --follow prints changes" },
	{ "enforce", enforce_main,
	  "Applies the actions the module decides to the jobs' cgroups" },
	{ "show", show_main,
	  "Shows every file the module has on one job (--json for JSON)" },
	{ "metrics", metrics_main,
	  "Prints every figure for Prometheus; --output FILE writes FILE" },
};

static void show_usage(FILE *out)
{
	size_t i;

	fprintf(out, "Usage: %s [<subcommand> [<args>]]\n", PROG_NAME);
	fprintf(out, "       %s --help | --version\n\n", PROG_NAME);
	fprintf(out, "Talks to the minerguard module through %s\n",
		MINERGUARD_SYSFS_ROOT);
	fputs("(or the directory named by $MINERGUARD_SYSFS).\n", out);
	fputs("With no subcommand, runs 'status'.\n\n", out);
	fputs("Available subcommands:\n", out);
	for (i = 0; i < ARRAY_SIZE(subcommands); i++)
		fprintf(out, "  %-10s %s\n", subcommands[i].name,
			subcommands[i].help);
	fprintf(out, "\nUse '%s <subcommand> --help' for its options.\n\n",
		PROG_NAME);
	fputs("Exit codes:\n", out);
	fputs("  0  success\n", out);
	fputs("  1  error talking to the module (not loaded, a read or write\n",
	      out);
	fputs("     failed), output or memory failed, or, for enforce --once,\n",
	      out);
	fputs("     an action failed\n", out);
	fputs("  2  usage error (unknown subcommand, option, argument or policy\n",
	      out);
	fputs("     key; a policy file that cannot be read or has a bad line)\n",
	      out);
	fputs("  3  not found: no tracked job is the JOB given to show\n", out);
}

bool mg_is_help(const char *arg)
{
	return !strcmp(arg, "--help") || !strcmp(arg, "-h");
}

int mg_usage_error(const char *subcommand, const char *message,
		   const char *arg)
{
	fprintf(stderr, "%s: %s: %s", PROG_NAME, subcommand, message);
	if (arg)
		fprintf(stderr, " '%s'", arg);
	fprintf(stderr, "\nTry '%s %s --help' for more information.\n",
		PROG_NAME, subcommand);
	return MG_EXIT_USAGE;
}

int mg_option_value(int argc, const char *const argv[], int *i,
		    const char *option, const char **value)
{
	size_t len = strlen(option);
	const char *arg = argv[*i];

	if (strncmp(arg, option, len))
		return 0;
	if (arg[len] == '=') {
		*value = arg + len + 1;
		return 1;
	}
	if (arg[len])
		return 0;
	if (*i + 1 >= argc) {
		mg_usage_error(argv[0], "missing value for", option);
		return -1;
	}
	*value = argv[++*i];
	return 1;
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
	if (mg_is_help(name) || !strcmp(name, "help")) {
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
