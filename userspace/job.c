// SPDX-License-Identifier: GPL-2.0
/*
 * Reading one tracked job's directory whole, for show and metrics.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroups.h"
#include "job.h"
#include "minerguardctl.h"
#include "sysfs.h"

/* "cgroups/" and 20 digits. */
#define JOB_DIR_SIZE 32

static int compare_ids(const void *pa, const void *pb)
{
	unsigned long long a = *(const unsigned long long *)pa;
	unsigned long long b = *(const unsigned long long *)pb;

	if (a == b)
		return 0;
	return a < b ? -1 : 1;
}

int mg_job_ids(unsigned long long **ids, size_t *count)
{
	char **names;
	size_t nr_names, i;
	int ret;

	*ids = NULL;
	*count = 0;
	ret = mg_sysfs_list_dir(MG_CGROUPS_DIR, &names, &nr_names);
	if (ret == -ENOENT)
		return 0;	/* a module from before cgroup tracking */
	if (ret < 0) {
		fprintf(stderr, "%s: cannot open %s/%s: %s\n", PROG_NAME,
			mg_sysfs_root(), MG_CGROUPS_DIR, strerror(-ret));
		return ret;
	}
	if (nr_names) {
		*ids = calloc(nr_names, sizeof(**ids));
		if (!*ids) {
			mg_free_names(names);
			fprintf(stderr, "%s: out of memory\n", PROG_NAME);
			return -ENOMEM;
		}
	}
	for (i = 0; i < nr_names; i++) {
		if (mg_cgroup_parse_id(names[i], &(*ids)[*count]))
			(*count)++;
	}
	mg_free_names(names);
	if (*count > 1)
		qsort(*ids, *count, sizeof(**ids), compare_ids);
	return 0;
}

/*
 * kernfs fails open() with ENOENT once a directory is removed, and I/O on
 * a file opened just before with ENODEV.
 */
static bool is_gone(int err)
{
	return err == -ENOENT || err == -ENODEV;
}

static void job_dir(char *dir, unsigned long long id)
{
	snprintf(dir, JOB_DIR_SIZE, "%s/%llu", MG_CGROUPS_DIR, id);
}

/* Whether <root>/@dir is gone, rather than just a file of it. */
static bool dir_gone(const char *dir)
{
	int fd = mg_sysfs_open_dir(dir);

	if (fd >= 0)
		close(fd);
	return fd == -ENOENT || fd == -ENOTDIR;
}

/*
 * Read the files @names of @dir_fd into @job->files, which has room for
 * them, leaving each read's result in @errs. Returns 0 or -ENOMEM.
 */
static int read_files(struct mg_job *job, int dir_fd, char **names,
		      size_t nr_names, int *errs)
{
	/* Static: one page is more than the stack needs. */
	static char text[MG_SYSFS_VALUE_SIZE];
	struct mg_value *value;
	size_t i;

	for (i = 0; i < nr_names; i++) {
		value = &job->files.entries[job->files.count++];
		value->name = names[i];
		names[i] = NULL;
		errs[i] = mg_sysfs_read_at(dir_fd, value->name, text,
					   sizeof(text));
		if (errs[i])
			continue;
		value->text = strdup(text);
		if (!value->text)
			return -ENOMEM;
	}
	return 0;
}

int mg_job_read(struct mg_job *job, unsigned long long id)
{
	char dir[JOB_DIR_SIZE], path[PATH_MAX];
	size_t nr_names, i;
	bool gone = false;
	int fd, ret, *errs;
	char **names;

	memset(job, 0, sizeof(*job));
	job->id = id;
	job_dir(dir, id);
	fd = mg_sysfs_list_open_dir(dir, &names, &nr_names);
	if (is_gone(fd) || fd == -ENOTDIR)
		return 0;
	if (fd < 0) {
		fprintf(stderr, "%s: cannot open %s/%s: %s\n", PROG_NAME,
			mg_sysfs_root(), dir, strerror(-fd));
		return fd;
	}
	job->files.present = true;
	job->files.entries = calloc(nr_names + 1, sizeof(*job->files.entries));
	errs = calloc(nr_names + 1, sizeof(*errs));
	ret = job->files.entries && errs ? 0 : -ENOMEM;
	if (!ret)
		ret = read_files(job, fd, names, nr_names, errs);
	close(fd);
	/* read_files() took the names it got to; free the rest. */
	for (i = 0; i < nr_names; i++)
		free(names[i]);
	free(names);
	if (ret < 0) {
		free(errs);
		mg_job_free(job);
		fprintf(stderr, "%s: out of memory\n", PROG_NAME);
		return ret;
	}

	for (i = 0; i < job->files.count; i++)
		gone |= is_gone(errs[i]);
	/* Files come and go with their directory only. */
	if (gone && dir_gone(dir)) {
		free(errs);
		mg_job_free(job);
		return 0;
	}
	for (i = 0; i < job->files.count; i++) {
		if (!errs[i] || is_gone(errs[i]))
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s", mg_sysfs_root(), dir,
			 job->files.entries[i].name);
		mg_sysfs_print_read_error(path, errs[i], MG_SYSFS_VALUE_SIZE);
	}
	free(errs);
	return 1;
}

static int compare_file(const void *key, const void *entry)
{
	return strcmp(key, ((const struct mg_value *)entry)->name);
}

const struct mg_value *mg_job_file(const struct mg_job *job,
				   const char *name)
{
	if (!job->files.count)
		return NULL;
	return bsearch(name, job->files.entries, job->files.count,
		       sizeof(job->files.entries[0]), compare_file);
}

const char *mg_job_text(const struct mg_job *job, const char *name)
{
	const struct mg_value *file = mg_job_file(job, name);

	return file ? file->text : NULL;
}

void mg_job_free(struct mg_job *job)
{
	mg_values_free(&job->files);
}
