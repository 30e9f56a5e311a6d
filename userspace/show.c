// SPDX-License-Identifier: GPL-2.0
/*
 * minerguardctl show: everything the module has on one job, the files of
 * its directory cgroups/<id>/.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgroups.h"
#include "job.h"
#include "json.h"
#include "minerguardctl.h"
#include "sysfs.h"
#include "text.h"
#include "values.h"

/* The policy engine's files, shown first in this order. */
static const char *const head_files[] = {
	"path", "verdict", "verdict_since", "action", "score", "evidence",
	"verdict_history", "allowed",
};

/* Files that hold one item per line, shown one line each. */
static const char *const list_files[] = { "verdict_history", "mm_processes" };

struct jobs {
	size_t count;
	size_t capacity;
	struct mg_job *entries;
};

static void show_show_usage(FILE *out)
{
	fprintf(out, "Usage: %s show [--json] JOB\n\n", PROG_NAME);
	fputs("Prints every file of a tracked job's directory, cgroups/ID/, as\n",
	      out);
	fputs("'NAME VALUE' lines after the job's id: path, verdict,\n", out);
	fputs("verdict_since, action, score, evidence, verdict_history and\n",
	      out);
	fputs("allowed first, then the signals (cpu_pct_short to hashing_s, in\n",
	      out);
	fputs("the order of the sysfs documentation), then any other file by\n",
	      out);
	fputs("name. JOB is a cgroup id, or a cgroup path as the job's path\n",
	      out);
	fputs("file holds it (e.g. /ci/job-2); a path that more than one job\n",
	      out);
	fputs("has shows each of them by id, a blank line between.\n\n", out);
	fputs("verdict_since is when the verdict last changed, in seconds since\n",
	      out);
	fputs("boot; verdict_history holds the job's last 8 changes of verdict\n",
	      out);
	fputs("or action, oldest first, one per line: 'TIME VERDICT SCORE\n",
	      out);
	fputs("ACTION', TIME in seconds since boot. Values show bytes outside\n",
	      out);
	fputs("printable ASCII as \\xNN; mm_processes has one process per\n",
	      out);
	fputs("line. A '-' marks a file that could not be read. Exits 3 if\n",
	      out);
	fputs("no tracked job is JOB.\n\n", out);
	fputs("  --json  one JSON object per job and line instead: id, then each\n",
	      out);
	fputs("          file under its name, numbers as numbers, other values\n",
	      out);
	fputs("          as strings, unreadable ones null\n", out);
}

static bool is_in(const char *name, const char *const *list, size_t size)
{
	size_t i;

	for (i = 0; i < size; i++) {
		if (!strcmp(name, list[i]))
			return true;
	}
	return false;
}

static bool is_head(const char *name)
{
	return is_in(name, head_files, ARRAY_SIZE(head_files));
}

/* The signals: the numeric files cgroups.h knows, but for the head's. */
static bool is_signal(const char *name)
{
	size_t i;

	for (i = 0; i < MG_CG_NR_FIELDS; i++) {
		if (!strcmp(name, mg_cgroup_field_names[i]))
			return !is_head(name);
	}
	return false;
}

/*
 * Call @fn for each file of @job in the order shown: the head, the
 * signals, the rest by name.
 */
static void visit_files(const struct mg_job *job,
			void (*fn)(const struct mg_value *file, void *data),
			void *data)
{
	const struct mg_value *file;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(head_files); i++) {
		file = mg_job_file(job, head_files[i]);
		if (file)
			fn(file, data);
	}
	for (i = 0; i < MG_CG_NR_FIELDS; i++) {
		file = mg_job_file(job, mg_cgroup_field_names[i]);
		if (file && is_signal(file->name))
			fn(file, data);
	}
	for (i = 0; i < job->files.count; i++) {
		file = &job->files.entries[i];
		if (!is_head(file->name) && !is_signal(file->name))
			fn(file, data);
	}
}

static void widen(const struct mg_value *file, void *data)
{
	size_t *width = data;

	if (text_escaped_length(file->name) > *width)
		*width = text_escaped_length(file->name);
}

/* Print @text from its start up to @end (or its NUL) escaped. */
static void print_part(const char *text, const char *end)
{
	char *part = end ? strndup(text, end - text) : NULL;

	if (end && !part) {
		/* Out of memory: the line unsplit is still right. */
		text_print_escaped(stdout, text);
		return;
	}
	text_print_escaped(stdout, part ? part : text);
	free(part);
}

static void print_file_text(const struct mg_value *file, void *data)
{
	size_t width = *(size_t *)data;
	size_t padding = width - text_escaped_length(file->name);
	const char *line = file->text, *end;

	text_print_escaped(stdout, file->name);
	if (!line) {
		printf("%*s-\n", (int)padding, "");
		return;
	}
	if (!line[0]) {
		putchar('\n');
		return;
	}
	if (!is_in(file->name, list_files, ARRAY_SIZE(list_files))) {
		printf("%*s", (int)padding, "");
		text_print_escaped(stdout, line);
		putchar('\n');
		return;
	}
	/* One item per line, each in the value column. */
	for (;;) {
		end = strchr(line, '\n');
		printf("%*s", (int)padding, "");
		print_part(line, end);
		putchar('\n');
		if (!end || !end[1])
			break;
		line = end + 1;
		padding = width;
	}
}

static void print_job_text(const struct mg_job *job)
{
	/* Two spaces after the longest name. */
	size_t width = strlen("id");

	visit_files(job, widen, &width);
	width += 2;
	printf("%-*s%llu\n", (int)width, "id", job->id);
	visit_files(job, print_file_text, &width);
}

static void print_file_json(const struct mg_value *file, void *data)
{
	(void)data;
	putchar(',');
	json_print_string(stdout, file->name);
	putchar(':');
	mg_json_print_value(stdout, file->text);
}

static void print_job_json(const struct mg_job *job)
{
	printf("{\"id\":%llu", job->id);
	visit_files(job, print_file_json, NULL);
	fputs("}\n", stdout);
}

/* Read job @id into @jobs; returns 0 or a negative errno (printed). */
static int add_job(struct jobs *jobs, unsigned long long id)
{
	struct mg_job *entries;
	int ret;

	entries = mg_grow_array(jobs->entries, &jobs->capacity,
				jobs->count + 1, sizeof(*entries));
	if (!entries) {
		fprintf(stderr, "%s: out of memory\n", PROG_NAME);
		return -ENOMEM;
	}
	jobs->entries = entries;
	ret = mg_job_read(&jobs->entries[jobs->count], id);
	if (ret < 0)
		return ret;
	jobs->count += ret;
	return 0;
}

/* Every tracked job whose path is @path, by id. */
static int find_by_path(struct jobs *jobs, const char *path)
{
	/* Static: one page is more than the stack needs. */
	static char value[MG_SYSFS_VALUE_SIZE];
	char name[64];
	unsigned long long *ids;
	size_t nr_ids, i;
	int ret;

	ret = mg_job_ids(&ids, &nr_ids);
	if (ret < 0)
		return ret;
	for (i = 0; i < nr_ids && !ret; i++) {
		snprintf(name, sizeof(name), "%s/%llu/path", MG_CGROUPS_DIR,
			 ids[i]);
		ret = mg_sysfs_read_quiet(name, value, sizeof(value));
		if (ret == 0 && !strcmp(value, path)) {
			ret = add_job(jobs, ids[i]);
			continue;
		}
		/* Jobs come and go; a path that cannot be read cannot match. */
		if (ret < 0 && ret != -ENOENT && ret != -ENODEV)
			mg_sysfs_report_error(name, ret, sizeof(value));
		ret = 0;
	}
	free(ids);
	return ret;
}

static void free_jobs(struct jobs *jobs)
{
	size_t i;

	for (i = 0; i < jobs->count; i++)
		mg_job_free(&jobs->entries[i]);
	free(jobs->entries);
}

int show_main(int argc, const char *const argv[])
{
	struct jobs jobs = { 0 };
	const char *job = NULL;
	unsigned long long id;
	bool json = false;
	size_t j;
	int i, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (mg_is_help(argv[i])) {
			show_show_usage(stdout);
			return MG_EXIT_OK;
		} else if (argv[i][0] == '-') {
			return mg_usage_error(argv[0], "unknown option",
					      argv[i]);
		} else if (job) {
			return mg_usage_error(argv[0], "unexpected argument",
					      argv[i]);
		} else {
			job = argv[i];
		}
	}
	if (!job)
		return mg_usage_error(argv[0], "missing JOB", NULL);
	if (job[0] != '/' && mg_parse_u64(job, &id) < 0)
		return mg_usage_error(argv[0],
				      "JOB is a cgroup id or a path starting with '/', not",
				      job);

	if (mg_sysfs_check_loaded() < 0)
		return MG_EXIT_MODULE_ERROR;
	/* Read everything first so a failure prints no partial output. */
	ret = job[0] == '/' ? find_by_path(&jobs, job) : add_job(&jobs, id);
	if (ret < 0) {
		free_jobs(&jobs);
		return MG_EXIT_MODULE_ERROR;
	}
	if (!jobs.count) {
		free_jobs(&jobs);
		fprintf(stderr, "%s: %s: no tracked job has %s '%s'\n",
			PROG_NAME, argv[0], job[0] == '/' ? "path" : "id", job);
		return MG_EXIT_NOT_FOUND;
	}
	for (j = 0; j < jobs.count; j++) {
		if (json) {
			print_job_json(&jobs.entries[j]);
		} else {
			if (j)
				putchar('\n');
			print_job_text(&jobs.entries[j]);
		}
	}
	free_jobs(&jobs);
	return MG_EXIT_OK;
}
