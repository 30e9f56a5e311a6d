// SPDX-License-Identifier: GPL-2.0
/*
 * minerguardctl status: print the module version and mode, its statistics
 * and policy, and the cgroups it tracks.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cgroups.h"
#include "json.h"
#include "minerguardctl.h"
#include "sysfs.h"
#include "text.h"

#define MAX_GROUP_VALUES 16

/*
 * A directory of named numbers such as stats/: absent on modules that
 * predate it, and any file in it may be missing (value unknown).
 */
struct value_group {
	const char *dir;
	const char *const *names;
	size_t count;
	bool present;
	unsigned long long value[MAX_GROUP_VALUES];
	bool known[MAX_GROUP_VALUES];
};

static const char *const stats_names[] = {
	"tracked_cgroups", "evicted", "probes_failed", "probes_missed",
	"mm_events_dropped", "samples_user", "samples_dropped"
};
static const char *const policy_names[] = {
	"job_depth", "max_cgroups", "saturation_pct", "sample_hz",
	"hash_threshold_pct"
};

_Static_assert(ARRAY_SIZE(stats_names) <= MAX_GROUP_VALUES &&
	       ARRAY_SIZE(policy_names) <= MAX_GROUP_VALUES,
	       "raise MAX_GROUP_VALUES");

struct status {
	char version[MG_SYSFS_VALUE_SIZE];
	char mode[MG_SYSFS_VALUE_SIZE];
	struct value_group stats;
	struct value_group policy;
	struct mg_cgroups cgroups;
};

/* Columns of the cgroup table before PATH, which comes last. */
#define COLUMN_ID (-1)
#define COLUMN_MEMORY (-2)

/* Memory-pattern events the MEMORY column lists when not 0. */
static const enum mg_cgroup_field memory_events[] = {
	MG_CG_ANON_EXEC, MG_CG_WX_FLIPS, MG_CG_EXEC_STACK, MG_CG_HUGETLB_2M,
	MG_CG_HUGETLB_1G, MG_CG_THP_ADVISE, MG_CG_BIG_ANON, MG_CG_MSR_OPEN,
	MG_CG_HUGEPAGE_SYSCTL, MG_CG_MSR_ALLOW_WRITES,
};

static const struct {
	const char *header;
	int field;		/* enum mg_cgroup_field, or COLUMN_ID */
} columns[] = {
	{ "ID", COLUMN_ID },
	{ "CPU%", MG_CG_CPU_PCT_SHORT },
	{ "CPU%5m", MG_CG_CPU_PCT_LONG },
	{ "BUSY_S", MG_CG_BUSY_CPU_S },
	{ "SAT_S", MG_CG_SATURATED_S },
	{ "TASKS", MG_CG_NR_TASKS },
	{ "CPUS", MG_CG_CPUS_ALLOWED_MILLI },
	{ "HASH%", MG_CG_HASH_DENSITY_PCT_SHORT },
	{ "RND%", MG_CG_MXCSR_NONDEFAULT_PCT },
	{ "MEMORY", COLUMN_MEMORY },
};

/* Fits any cell: every memory event with a 20-digit count. */
#define CELL_SIZE 512

static void show_status_usage(FILE *out)
{
	fprintf(out, "Usage: %s status [--json]\n\n", PROG_NAME);
	fputs("Shows the module version and mode, its statistics and policy, and\n",
	      out);
	fputs("the cgroups it tracks, busiest first:\n\n", out);
	fputs("  ID      cgroup v2 id\n", out);
	fputs("  CPU%    share of the CPUs the cgroup may use, last ~10 s\n",
	      out);
	fputs("  CPU%5m  the same over the last ~5 min\n", out);
	fputs("  BUSY_S  CPU seconds used since tracking began\n", out);
	fputs("  SAT_S   seconds with CPU% at or above the policy's saturation_pct\n",
	      out);
	fputs("  TASKS   runnable tasks at the last sample\n", out);
	fputs("  CPUS    CPUs the cgroup may use\n", out);
	fputs("  HASH%   hashing density of the code it runs, last ~10 s\n",
	      out);
	fputs("  RND%    samples with a non-default SSE rounding mode, last ~10 s\n",
	      out);
	fputs("  MEMORY  memory-pattern events that happened, as name=count\n",
	      out);
	fputs("          (anon_exec, wx_flips, exec_stack, hugetlb_2m, hugetlb_1g,\n",
	      out);
	fputs("          thp_advise, big_anon, msr_open, hugepage_sysctl,\n",
	      out);
	fputs("          msr_allow_writes), or none\n", out);
	fputs("  PATH    cgroup path; bytes outside printable ASCII as \\xNN\n\n",
	      out);
	fputs("A '-' marks a value the module did not provide.\n\n", out);
	fputs("  --json  print one JSON object instead of text (null for '-')\n",
	      out);
}

static int status_usage_error(const char *message, const char *arg)
{
	fprintf(stderr, "%s: status: %s '%s'\n", PROG_NAME, message, arg);
	fprintf(stderr, "Try '%s status --help' for more information.\n",
		PROG_NAME);
	return MG_EXIT_USAGE;
}

/*
 * A missing directory or file leaves the group or value unknown; other
 * failures to read a value warn and leave it unknown too. Only a
 * directory that exists but cannot be opened is an error.
 */
static int read_group(struct value_group *group)
{
	char path[PATH_MAX];
	size_t i;
	int fd;

	group->present = false;
	fd = mg_sysfs_open_dir(group->dir);
	if (fd == -ENOENT)
		return 0;
	if (fd < 0) {
		fprintf(stderr, "%s: cannot open %s/%s: %s\n", PROG_NAME,
			mg_sysfs_root(), group->dir, strerror(-fd));
		return fd;
	}
	group->present = true;
	for (i = 0; i < group->count; i++) {
		int ret = mg_sysfs_read_u64_at(fd, group->names[i],
					       &group->value[i]);

		group->known[i] = ret == 0;
		if (ret && ret != -ENOENT) {
			snprintf(path, sizeof(path), "%s/%s/%s",
				 mg_sysfs_root(), group->dir, group->names[i]);
			mg_sysfs_print_read_error(path, ret, 0);
		}
	}
	close(fd);
	return 0;
}

static int read_status(struct status *status)
{
	if (mg_sysfs_read_value("version", status->version,
				sizeof(status->version)) < 0)
		return -1;
	if (mg_sysfs_read_value("mode", status->mode,
				sizeof(status->mode)) < 0)
		return -1;
	if (read_group(&status->stats) < 0 || read_group(&status->policy) < 0)
		return -1;
	if (mg_cgroups_read(&status->cgroups) < 0)
		return -1;
	mg_cgroups_sort_by_cpu(&status->cgroups);
	return 0;
}

static void print_group_text(const struct value_group *group)
{
	size_t i;

	if (!group->present)
		return;
	printf("%s:", group->dir);
	for (i = 0; i < group->count; i++) {
		printf("%s %s ", i ? "," : "", group->names[i]);
		if (group->known[i])
			printf("%llu", group->value[i]);
		else
			putchar('-');
	}
	putchar('\n');
}

/* "name=count,..." for the events that happened; "-" if any is unknown. */
static void format_memory(char *buf, const struct mg_cgroup *cg)
{
	size_t i, len = 0;
	int f;

	for (i = 0; i < ARRAY_SIZE(memory_events); i++) {
		f = memory_events[i];
		if (!cg->known[f]) {
			snprintf(buf, CELL_SIZE, "-");
			return;
		}
		if (cg->value[f])
			len += snprintf(buf + len, CELL_SIZE - len, "%s%s=%llu",
					len ? "," : "", mg_cgroup_field_names[f],
					cg->value[f]);
	}
	if (!len)
		snprintf(buf, CELL_SIZE, "none");
}

static void format_cell(char *buf, const struct mg_cgroup *cg, int field)
{
	if (field == COLUMN_MEMORY)
		format_memory(buf, cg);
	else if (field == COLUMN_ID)
		snprintf(buf, CELL_SIZE, "%llu", cg->id);
	else if (!cg->known[field])
		snprintf(buf, CELL_SIZE, "-");
	else if (field == MG_CG_CPUS_ALLOWED_MILLI)
		text_format_milli(buf, CELL_SIZE, cg->value[field]);
	else
		snprintf(buf, CELL_SIZE, "%llu", cg->value[field]);
}

/* printf width of column @c: numbers right-aligned, words left-aligned. */
static int column_width(size_t c, const size_t *width)
{
	return columns[c].field == COLUMN_MEMORY ? -(int)width[c] :
						   (int)width[c];
}

/* Columns as wide as their widest cell. */
static void print_cgroups_text(const struct mg_cgroups *cgroups)
{
	size_t width[ARRAY_SIZE(columns)];
	char cell[CELL_SIZE];
	size_t i, c;

	if (!cgroups->present)
		return;
	if (!cgroups->count) {
		puts("cgroups: none tracked");
		return;
	}

	for (c = 0; c < ARRAY_SIZE(columns); c++)
		width[c] = strlen(columns[c].header);
	for (i = 0; i < cgroups->count; i++) {
		for (c = 0; c < ARRAY_SIZE(columns); c++) {
			format_cell(cell, &cgroups->entries[i],
				    columns[c].field);
			if (strlen(cell) > width[c])
				width[c] = strlen(cell);
		}
	}

	putchar('\n');
	for (c = 0; c < ARRAY_SIZE(columns); c++)
		printf("%*s  ", column_width(c, width), columns[c].header);
	puts("PATH");
	for (i = 0; i < cgroups->count; i++) {
		const struct mg_cgroup *cg = &cgroups->entries[i];

		for (c = 0; c < ARRAY_SIZE(columns); c++) {
			format_cell(cell, cg, columns[c].field);
			printf("%*s  ", column_width(c, width), cell);
		}
		if (cg->path)
			text_print_escaped(stdout, cg->path);
		else
			putchar('-');
		putchar('\n');
	}
}

static void print_status_text(const struct status *status)
{
	printf("minerguard %s\n", status->version);
	printf("mode: %s\n", status->mode);
	print_group_text(&status->stats);
	print_group_text(&status->policy);
	print_cgroups_text(&status->cgroups);
}

static void print_json_number(bool known, unsigned long long value)
{
	if (known)
		printf("%llu", value);
	else
		fputs("null", stdout);
}

/* Groups the module lacks are left out, as older versions printed. */
static void print_group_json(const struct value_group *group)
{
	size_t i;

	if (!group->present)
		return;
	printf(",\"%s\":{", group->dir);
	for (i = 0; i < group->count; i++) {
		printf("%s\"%s\":", i ? "," : "", group->names[i]);
		print_json_number(group->known[i], group->value[i]);
	}
	putchar('}');
}

static void print_cgroups_json(const struct mg_cgroups *cgroups)
{
	size_t i;
	int f;

	if (!cgroups->present)
		return;
	fputs(",\"cgroups\":[", stdout);
	for (i = 0; i < cgroups->count; i++) {
		const struct mg_cgroup *cg = &cgroups->entries[i];

		printf("%s{\"id\":%llu,\"path\":", i ? "," : "", cg->id);
		if (cg->path)
			json_print_string(stdout, cg->path);
		else
			fputs("null", stdout);
		for (f = 0; f < MG_CG_NR_FIELDS; f++) {
			printf(",\"%s\":", mg_cgroup_field_names[f]);
			print_json_number(cg->known[f], cg->value[f]);
		}
		putchar('}');
	}
	putchar(']');
}

static void print_status_json(const struct status *status)
{
	fputs("{\"version\":", stdout);
	json_print_string(stdout, status->version);
	fputs(",\"mode\":", stdout);
	json_print_string(stdout, status->mode);
	print_group_json(&status->stats);
	print_group_json(&status->policy);
	print_cgroups_json(&status->cgroups);
	fputs("}\n", stdout);
}

int status_main(int argc, const char *const argv[])
{
	/* Static: two page-sized buffers are more than the stack needs. */
	static struct status status = {
		.stats = {
			.dir = "stats",
			.names = stats_names,
			.count = ARRAY_SIZE(stats_names),
		},
		.policy = {
			.dir = "policy",
			.names = policy_names,
			.count = ARRAY_SIZE(policy_names),
		},
	};
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
	mg_cgroups_free(&status.cgroups);
	return MG_EXIT_OK;
}
