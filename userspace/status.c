// SPDX-License-Identifier: GPL-2.0
/*
 * minerguardctl status: print the module version and mode, its statistics
 * and policy, and the cgroups it tracks.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cgroups.h"
#include "json.h"
#include "minerguardctl.h"
#include "sysfs.h"
#include "table.h"
#include "text.h"
#include "values.h"

/*
 * stats/ and policy/ list these first, in this order, as earlier versions
 * did; files the module added since follow, sorted by name.
 */
static const char *const stats_names[] = {
	"tracked_cgroups", "evicted", "probes_failed", "probes_missed",
	"mm_events_dropped", "samples_user", "samples_dropped"
};
static const char *const policy_names[] = {
	"job_depth", "max_cgroups", "saturation_pct", "sample_hz",
	"hash_threshold_pct"
};

struct status {
	char version[MG_SYSFS_VALUE_SIZE];
	char mode[MG_SYSFS_VALUE_SIZE];
	struct mg_values stats;
	struct mg_values policy;
	struct mg_cgroups cgroups;
};

static const struct mg_column columns[] = {
	{ "ID", MG_COLUMN_ID },
	{ "SCORE", MG_CG_SCORE },
	{ "VERDICT", MG_COLUMN_VERDICT },
	{ "ACTION", MG_COLUMN_ACTION },
	{ "CPU%", MG_CG_CPU_PCT_SHORT },
	{ "CPU%5m", MG_CG_CPU_PCT_LONG },
	{ "BUSY_S", MG_CG_BUSY_CPU_S },
	{ "SAT_S", MG_CG_SATURATED_S },
	{ "TASKS", MG_CG_NR_TASKS },
	{ "CPUS", MG_CG_CPUS_ALLOWED_MILLI },
	{ "HASH%", MG_CG_HASH_DENSITY_PCT_SHORT },
	{ "RND%", MG_CG_MXCSR_NONDEFAULT_PCT },
	{ "MEMORY", MG_COLUMN_MEMORY },
	{ "PATH", MG_COLUMN_PATH },
};

static void show_status_usage(FILE *out)
{
	fprintf(out, "Usage: %s status [--json]\n\n", PROG_NAME);
	fputs("Shows the module version and mode, its statistics and policy, and\n",
	      out);
	fputs("the cgroups it tracks, highest score first, then busiest:\n\n",
	      out);
	fputs("  ID      cgroup v2 id\n", out);
	fputs("  SCORE   the policy engine's score from the evidence against it\n",
	      out);
	fputs("  VERDICT clean, suspect or miner\n", out);
	fputs("  ACTION  what the policy does to it: none, log, throttle, freeze\n",
	      out);
	fputs("          or kill\n", out);
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
	fputs("  --json  print one JSON object instead of text (null for '-');\n",
	      out);
	fputs("          each cgroup has every value of its sysfs directory under\n",
	      out);
	fputs("          the file's name; policy-engine values the module does\n",
	      out);
	fputs("          not provide are left out\n", out);
}

static int read_status(struct status *status)
{
	if (mg_sysfs_read_value("version", status->version,
				sizeof(status->version)) < 0)
		return -1;
	if (mg_sysfs_read_value("mode", status->mode,
				sizeof(status->mode)) < 0)
		return -1;
	if (mg_values_read(&status->stats, "stats", stats_names,
			   ARRAY_SIZE(stats_names), true) < 0)
		return -1;
	if (mg_values_read(&status->policy, "policy", policy_names,
			   ARRAY_SIZE(policy_names), false) < 0)
		return -1;
	if (mg_cgroups_read(&status->cgroups, false) < 0)
		return -1;
	mg_cgroups_sort(&status->cgroups, MG_ORDER_SCORE);
	return 0;
}

static void free_status(struct status *status)
{
	mg_values_free(&status->stats);
	mg_values_free(&status->policy);
	mg_cgroups_free(&status->cgroups);
}

static void print_values_text(const char *dir, const struct mg_values *values)
{
	size_t i;

	if (!values->present)
		return;
	printf("%s:", dir);
	for (i = 0; i < values->count; i++) {
		fputs(i ? ", " : " ", stdout);
		text_print_escaped(stdout, values->entries[i].name);
		putchar(' ');
		if (values->entries[i].text)
			text_print_escaped(stdout, values->entries[i].text);
		else
			putchar('-');
	}
	putchar('\n');
}

/* Columns as wide as their widest cell. */
static void print_cgroups_text(const struct mg_cgroups *cgroups)
{
	size_t width[ARRAY_SIZE(columns)];
	size_t i;

	if (!cgroups->present)
		return;
	if (!cgroups->count) {
		puts("cgroups: none tracked");
		return;
	}

	mg_table_widths(columns, ARRAY_SIZE(columns), cgroups->entries,
			cgroups->count, width);
	putchar('\n');
	mg_table_print_header(stdout, columns, ARRAY_SIZE(columns), width);
	for (i = 0; i < cgroups->count; i++)
		mg_table_print_row(stdout, columns, ARRAY_SIZE(columns), width,
				   &cgroups->entries[i]);
}

static void print_status_text(const struct status *status)
{
	printf("minerguard %s\n", status->version);
	printf("mode: %s\n", status->mode);
	print_values_text("stats", &status->stats);
	print_values_text("policy", &status->policy);
	print_cgroups_text(&status->cgroups);
}

static void print_json_number(bool known, unsigned long long value)
{
	if (known)
		printf("%llu", value);
	else
		fputs("null", stdout);
}

/* Directories the module lacks are left out, as older versions did. */
static void print_values_json(const char *dir, const struct mg_values *values)
{
	size_t i;

	if (!values->present)
		return;
	printf(",\"%s\":{", dir);
	for (i = 0; i < values->count; i++) {
		printf("%s", i ? "," : "");
		json_print_string(stdout, values->entries[i].name);
		putchar(':');
		mg_json_print_value(stdout, values->entries[i].text);
	}
	putchar('}');
}

/*
 * The policy engine's values, left out when unknown so that an older
 * module gives the JSON it always gave.
 */
static void print_policy_fields_json(const struct mg_cgroup *cg)
{
	static const struct {
		bool is_text;
		int index;	/* enum mg_cgroup_field or mg_cgroup_text */
	} fields[] = {
		{ false, MG_CG_HASHING_S },
		{ false, MG_CG_SCORE },
		{ true, MG_CG_VERDICT },
		{ false, MG_CG_VERDICT_SINCE },
		{ true, MG_CG_ACTION },
		{ true, MG_CG_EVIDENCE },
		{ false, MG_CG_ALLOWED },
	};
	const char *text;
	size_t i;
	int f;

	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		f = fields[i].index;
		if (fields[i].is_text) {
			text = cg->text[f];
			if (!text)
				continue;
			printf(",\"%s\":", mg_cgroup_text_names[f]);
			json_print_string(stdout, text);
		} else if (cg->known[f]) {
			printf(",\"%s\":%llu", mg_cgroup_field_names[f],
			       cg->value[f]);
		}
	}
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
		if (cg->text[MG_CG_PATH])
			json_print_string(stdout, cg->text[MG_CG_PATH]);
		else
			fputs("null", stdout);
		for (f = 0; f < MG_CG_FIRST_POLICY_FIELD; f++) {
			printf(",\"%s\":", mg_cgroup_field_names[f]);
			print_json_number(cg->known[f], cg->value[f]);
		}
		print_policy_fields_json(cg);
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
	print_values_json("stats", &status->stats);
	print_values_json("policy", &status->policy);
	print_cgroups_json(&status->cgroups);
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
		} else if (mg_is_help(argv[i])) {
			show_status_usage(stdout);
			return MG_EXIT_OK;
		} else if (argv[i][0] == '-') {
			return mg_usage_error(argv[0], "unknown option",
					      argv[i]);
		} else {
			return mg_usage_error(argv[0], "unexpected argument",
					      argv[i]);
		}
	}

	/* Read everything first so a failure prints no partial output. */
	if (read_status(&status) < 0) {
		free_status(&status);
		return MG_EXIT_MODULE_ERROR;
	}

	if (json)
		print_status_json(&status);
	else
		print_status_text(&status);
	free_status(&status);
	return MG_EXIT_OK;
}
