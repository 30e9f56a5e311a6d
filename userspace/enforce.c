// SPDX-License-Identifier: GPL-2.0
/*
 * minerguardctl enforce: the daemon that carries out the actions the
 * module decides, through each job's cgroup v2 interface files.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cgroups.h"
#include "minerguardctl.h"
#include "sysfs.h"
#include "text.h"
#include "watch.h"

#define DEFAULT_CGROUP_ROOT "/sys/fs/cgroup"
/* 10 ms of CPU per 100 ms period: a tenth of one CPU. */
#define DEFAULT_THROTTLE_CPU_MAX "10000 100000"

struct enforcer {
	const char *cgroup_root;
	const char *throttle_cpu_max;
	bool failed;
};

/* The actions that need doing here; "log" the module does itself. */
static const struct {
	const char *action;
	const char *file;
	const char *value;	/* NULL: --throttle-cpu-max */
} actions[] = {
	{ "throttle", "cpu.max", NULL },
	{ "freeze", "cgroup.freeze", "1" },
	{ "kill", "cgroup.kill", "1" },
};

static void show_enforce_usage(FILE *out)
{
	fprintf(out, "Usage: %s enforce [--once] [--cgroup-root DIR]\n",
		PROG_NAME);
	fputs("                             [--throttle-cpu-max VALUE]\n\n",
	      out);
	fputs("Carries out the action the module puts on each job, once per\n",
	      out);
	fputs("change of action, in the job's cgroup (DIR followed by the\n",
	      out);
	fputs("job's path):\n\n", out);
	fputs("  throttle  writes VALUE to cpu.max\n", out);
	fputs("  freeze    writes 1 to cgroup.freeze\n", out);
	fputs("  kill      writes 1 to cgroup.kill\n\n", out);
	fputs("Prints 'enforce: ID PATH ACTION FILE' for each action taken; a\n",
	      out);
	fputs("failed one is reported on stderr and the others go on. Jobs the\n",
	      out);
	fputs("allowlist matches are left alone. Runs until SIGINT or SIGTERM.\n\n",
	      out);
	fputs("  --once                    handle the jobs as they are and exit\n",
	      out);
	fputs("                            (1 if an action failed)\n", out);
	fprintf(out, "  --cgroup-root DIR         cgroup v2 mount (default %s)\n",
		DEFAULT_CGROUP_ROOT);
	fputs("  --throttle-cpu-max VALUE  written to cpu.max: \"QUOTA [PERIOD]\",\n",
	      out);
	fputs("                            QUOTA in microseconds or max\n", out);
	fprintf(out, "                            (default \"%s\")\n",
		DEFAULT_THROTTLE_CPU_MAX);
}

/* Digits only, as cpu.max takes them. */
static bool is_number(const char *str, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (str[i] < '0' || str[i] > '9')
			return false;
	}
	return len > 0;
}

/* "QUOTA [PERIOD]", QUOTA a number or max: what cpu.max accepts. */
static bool is_cpu_max(const char *value)
{
	const char *space = strchr(value, ' ');
	size_t quota_len = space ? (size_t)(space - value) : strlen(value);

	if (!is_number(value, quota_len) &&
	    (quota_len != 3 || strncmp(value, "max", 3)))
		return false;
	return !space || is_number(space + 1, strlen(space + 1));
}

/*
 * The module's paths are absolute and canonical; anything else must not
 * steer a write outside the job's cgroup.
 */
static bool is_safe_path(const char *path)
{
	const char *p;

	if (path[0] != '/')
		return false;
	for (p = path; p; p = strchr(p + 1, '/')) {
		if (!strncmp(p, "/./", 3) || !strcmp(p, "/.") ||
		    !strncmp(p, "/../", 4) || !strcmp(p, "/.."))
			return false;
	}
	return true;
}

/* Starts a line on stderr about @job; the caller ends it. */
static void report(const struct mg_cgroup *job, const char *action)
{
	fprintf(stderr, "%s: enforce: %llu ", PROG_NAME, job->id);
	text_print_field(stderr, job->text[MG_CG_PATH]);
	fprintf(stderr, " %s: ", action);
}

static bool enforce_action(const struct mg_cgroup *job,
			   const struct mg_cgroup *before, bool first_scan,
			   void *data)
{
	const char *action = mg_job_action(job);
	const char *path = job->text[MG_CG_PATH];
	struct enforcer *enforcer = data;
	char file[PATH_MAX];
	const char *value;
	size_t i;
	int ret;

	(void)first_scan;
	/* Only the verdict changed: the action stands as it was done. */
	if (!strcmp(action, mg_job_action(before)))
		return false;
	for (i = 0; i < ARRAY_SIZE(actions); i++) {
		if (!strcmp(action, actions[i].action))
			break;
	}
	if (i == ARRAY_SIZE(actions))
		return false;
	/* Belt and braces: the module should not act on these at all. */
	if (job->known[MG_CG_ALLOWED] && job->value[MG_CG_ALLOWED]) {
		report(job, action);
		fputs("allowlisted, left alone\n", stderr);
		return false;
	}
	if (!path || !is_safe_path(path)) {
		report(job, action);
		fputs("no usable cgroup path\n", stderr);
		enforcer->failed = true;
		return false;
	}

	/* The root cgroup's path is "/", which would double the slash. */
	ret = snprintf(file, sizeof(file), "%s%s/%s", enforcer->cgroup_root,
		       strcmp(path, "/") ? path : "", actions[i].file);
	if (ret < 0 || (size_t)ret >= sizeof(file)) {
		report(job, action);
		fputs("cgroup path too long\n", stderr);
		enforcer->failed = true;
		return false;
	}
	value = actions[i].value ? actions[i].value :
				   enforcer->throttle_cpu_max;
	ret = mg_write_file(file, value);
	if (ret < 0) {
		report(job, action);
		fprintf(stderr, "cannot write %s to %s: %s\n", value, file,
			strerror(-ret));
		enforcer->failed = true;
		return false;
	}
	printf("enforce: %llu ", job->id);
	text_print_field(stdout, path);
	printf(" %s %s\n", action, actions[i].file);
	return false;
}

int enforce_main(int argc, const char *const argv[])
{
	struct enforcer enforcer = {
		.cgroup_root = DEFAULT_CGROUP_ROOT,
		.throttle_cpu_max = DEFAULT_THROTTLE_CPU_MAX,
	};
	bool once = false;
	int i, ret;

	for (i = 1; i < argc; i++) {
		ret = mg_option_value(argc, argv, &i, "--cgroup-root",
				      &enforcer.cgroup_root);
		if (!ret)
			ret = mg_option_value(argc, argv, &i,
					      "--throttle-cpu-max",
					      &enforcer.throttle_cpu_max);
		if (ret < 0)
			return MG_EXIT_USAGE;
		if (ret > 0)
			continue;
		if (!strcmp(argv[i], "--once")) {
			once = true;
		} else if (mg_is_help(argv[i])) {
			show_enforce_usage(stdout);
			return MG_EXIT_OK;
		} else {
			return mg_usage_error(argv[0], argv[i][0] == '-' ?
					      "unknown option" :
					      "unexpected argument", argv[i]);
		}
	}
	if (!enforcer.cgroup_root[0])
		return mg_usage_error(argv[0], "empty --cgroup-root", NULL);
	if (!is_cpu_max(enforcer.throttle_cpu_max))
		return mg_usage_error(argv[0],
				      "--throttle-cpu-max takes \"QUOTA [PERIOD]\", not",
				      enforcer.throttle_cpu_max);

	ret = mg_watch(!once, enforce_action, &enforcer);
	if (ret == MG_EXIT_OK && once && enforcer.failed)
		ret = MG_EXIT_MODULE_ERROR;
	return ret;
}
