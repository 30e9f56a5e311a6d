/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One tracked job's directory, <root>/cgroups/<id>/, read whole: every
 * file in it, including those this tool does not know, for show and
 * metrics.
 */
#ifndef MINERGUARDCTL_JOB_H
#define MINERGUARDCTL_JOB_H

#include <stddef.h>

#include "values.h"

struct mg_job {
	unsigned long long id;
	/* Every file, sorted by name; text NULL if it could not be read. */
	struct mg_values files;
};

/*
 * The ids of the tracked jobs, ascending, in *@ids (free() it) and their
 * number in *@count; entries of cgroups/ that are not ids are skipped,
 * and a module without cgroups/ has none. Returns 0, or a negative errno
 * after printing why.
 */
int mg_job_ids(unsigned long long **ids, size_t *count);

/*
 * Read every file of <root>/cgroups/@id/ into @job. A file that cannot be
 * read (other than gone) warns on stderr and has text NULL. Returns 1; 0
 * if there is no such job or it vanished meanwhile (@job is then empty);
 * or a negative errno after printing why. Release it with mg_job_free().
 */
int mg_job_read(struct mg_job *job, unsigned long long id);

/* The file @name of @job, or NULL if the job has none. */
const struct mg_value *mg_job_file(const struct mg_job *job,
				   const char *name);

/* The text of file @name of @job, or NULL if missing or unreadable. */
const char *mg_job_text(const struct mg_job *job, const char *name);

void mg_job_free(struct mg_job *job);

#endif /* MINERGUARDCTL_JOB_H */
