/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by minerguardctl's main() and its subcommands.
 */
#ifndef MINERGUARDCTL_H
#define MINERGUARDCTL_H

#define PROG_NAME "minerguardctl"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))

/* Exit codes; keep the list in the usage text in minerguardctl.c in sync. */
enum {
	MG_EXIT_OK = 0,
	MG_EXIT_MODULE_ERROR = 1,	/* not loaded, or sysfs read failed */
	MG_EXIT_USAGE = 2,		/* bad subcommand, option or argument */
};

/*
 * Each subcommand gets its own argv with argv[0] set to its name and
 * returns one of the exit codes above.
 */
int status_main(int argc, const char *const argv[]);

#endif /* MINERGUARDCTL_H */
