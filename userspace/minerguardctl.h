/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by minerguardctl's main() and its subcommands.
 */
#ifndef MINERGUARDCTL_H
#define MINERGUARDCTL_H

#include <stdbool.h>

#define PROG_NAME "minerguardctl"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))

/* Exit codes; keep the list in the usage text in minerguardctl.c in sync. */
enum {
	MG_EXIT_OK = 0,
	/* Not loaded, a read or write failed; enforce --once: an action. */
	MG_EXIT_MODULE_ERROR = 1,
	MG_EXIT_USAGE = 2,		/* bad subcommand, option or argument */
	MG_EXIT_NOT_FOUND = 3,		/* show: no tracked job is JOB */
};

/*
 * Each subcommand gets its own argv with argv[0] set to its name and
 * returns one of the exit codes above.
 */
int status_main(int argc, const char *const argv[]);
int top_main(int argc, const char *const argv[]);
int policy_main(int argc, const char *const argv[]);
int allow_main(int argc, const char *const argv[]);
int events_main(int argc, const char *const argv[]);
int enforce_main(int argc, const char *const argv[]);
int show_main(int argc, const char *const argv[]);
int metrics_main(int argc, const char *const argv[]);

/* True for --help and -h. */
bool mg_is_help(const char *arg);

/*
 * Print "<prog>: @subcommand: @message '@arg'" (without the quoted part
 * if @arg is NULL) and where to find help; returns MG_EXIT_USAGE.
 */
int mg_usage_error(const char *subcommand, const char *message,
		   const char *arg);

/*
 * If argv[*i] is @option, either as "@option VALUE" or "@option=VALUE",
 * set *@value, step *@i past it and return 1. Returns 0 if it is another
 * argument, or -1 after a usage error (argv[0] names the subcommand) for
 * a missing value.
 */
int mg_option_value(int argc, const char *const argv[], int *i,
		    const char *option, const char **value);

#endif /* MINERGUARDCTL_H */
