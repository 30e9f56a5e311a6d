// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the per-cgroup directories under <root>/cgroups/.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroups.h"
#include "minerguardctl.h"
#include "sysfs.h"

const char *const mg_cgroup_field_names[MG_CG_NR_FIELDS] = {
	[MG_CG_CPU_PCT_SHORT] = "cpu_pct_short",
	[MG_CG_CPU_PCT_LONG] = "cpu_pct_long",
	[MG_CG_BUSY_CPU_S] = "busy_cpu_s",
	[MG_CG_SATURATED_S] = "saturated_s",
	[MG_CG_NR_TASKS] = "nr_tasks",
	[MG_CG_CPUS_ALLOWED_MILLI] = "cpus_allowed_milli",
	[MG_CG_SAMPLES] = "samples",
	[MG_CG_HASH_SAMPLES] = "hash_samples",
	[MG_CG_HASH_DENSITY_PCT_SHORT] = "hash_density_pct_short",
	[MG_CG_HASH_DENSITY_PCT_LONG] = "hash_density_pct_long",
	[MG_CG_MXCSR_ROUNDING_CHANGES] = "mxcsr_rounding_changes",
	[MG_CG_MXCSR_NONDEFAULT_PCT] = "mxcsr_nondefault_pct",
	[MG_CG_ANON_EXEC] = "anon_exec",
	[MG_CG_WX_FLIPS] = "wx_flips",
	[MG_CG_RWX_BYTES] = "rwx_bytes",
	[MG_CG_EXEC_STACK] = "exec_stack",
	[MG_CG_HUGETLB_2M] = "hugetlb_2m",
	[MG_CG_HUGETLB_2M_BYTES] = "hugetlb_2m_bytes",
	[MG_CG_HUGETLB_1G] = "hugetlb_1g",
	[MG_CG_HUGETLB_1G_BYTES] = "hugetlb_1g_bytes",
	[MG_CG_THP_ADVISE] = "thp_advise",
	[MG_CG_THP_ADVISE_BYTES] = "thp_advise_bytes",
	[MG_CG_BIG_ANON] = "big_anon",
	[MG_CG_BIG_ANON_BYTES] = "big_anon_bytes",
	[MG_CG_MSR_OPEN] = "msr_open",
	[MG_CG_HUGEPAGE_SYSCTL] = "hugepage_sysctl",
	[MG_CG_MSR_ALLOW_WRITES] = "msr_allow_writes",
	[MG_CG_STRATUM_HITS] = "stratum_hits",
	[MG_CG_HASHING_S] = "hashing_s",
	[MG_CG_SCORE] = "score",
	[MG_CG_VERDICT_SINCE] = "verdict_since",
	[MG_CG_ALLOWED] = "allowed",
};

const char *const mg_cgroup_text_names[MG_CG_NR_TEXTS] = {
	[MG_CG_PATH] = "path",
	[MG_CG_VERDICT] = "verdict",
	[MG_CG_ACTION] = "action",
	[MG_CG_EVIDENCE] = "evidence",
};

/*
 * kernfs fails open() with ENOENT once a directory is removed, and I/O on
 * a file opened just before with ENODEV; either may mean the whole cgroup
 * directory is gone.
 */
static bool is_gone(int err)
{
	return err == -ENOENT || err == -ENODEV;
}

/* Names <root>/cgroups/@dir_name[/@file] in messages. */
static void print_cgroup_error(const char *what, const char *dir_name,
			       const char *file, int err, size_t size)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s/%s%s%s", mg_sysfs_root(),
		 MG_CGROUPS_DIR, dir_name, file ? "/" : "", file ? file : "");
	if (file) {
		mg_sysfs_print_read_error(path, err, size);
		return;
	}
	fprintf(stderr, "%s: cannot %s %s: %s\n", PROG_NAME, what, path,
		strerror(-err));
}

bool mg_cgroup_parse_id(const char *name, unsigned long long *id)
{
	if (name[0] == '0' && name[1] != '\0')
		return false;
	return mg_parse_u64(name, id) == 0;
}

static void free_cgroup(struct mg_cgroup *cg)
{
	int t;

	for (t = 0; t < MG_CG_NR_TEXTS; t++) {
		free(cg->text[t]);
		cg->text[t] = NULL;
	}
}

/*
 * Fill @cg (id already set, the rest zeroed) from directory @name of the
 * cgroups/ directory @cgroups_fd. Returns 1 if @cg is to be kept, 0 to
 * skip it (vanished, not a directory, cannot be opened), or -ENOMEM.
 */
static int read_cgroup(int cgroups_fd, const char *name, struct mg_cgroup *cg,
		       bool policy_only)
{
	/* Static: one page per text is more than the stack needs. */
	static char text[MG_CG_NR_TEXTS][MG_SYSFS_VALUE_SIZE];
	int err[MG_CG_NR_FIELDS], text_err[MG_CG_NR_TEXTS];
	bool gone = false;
	struct stat st;
	int fd, i;

	fd = openat(cgroups_fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		/* Removed since the listing, or a stray file: not a cgroup. */
		if (errno != ENOENT && errno != ENOTDIR)
			print_cgroup_error("open", name, NULL, -errno, 0);
		return 0;
	}

	for (i = 0; i < MG_CG_NR_TEXTS; i++) {
		text_err[i] = mg_sysfs_read_at(fd, mg_cgroup_text_names[i],
					       text[i], sizeof(text[i]));
		gone |= is_gone(text_err[i]);
	}
	for (i = 0; i < MG_CG_NR_FIELDS; i++) {
		if (policy_only && i < MG_CG_FIRST_POLICY_FIELD) {
			err[i] = -ENOENT;
			continue;
		}
		err[i] = mg_sysfs_read_u64_at(fd, mg_cgroup_field_names[i],
					      &cg->value[i]);
		cg->known[i] = err[i] == 0;
		gone |= is_gone(err[i]);
	}
	close(fd);

	/* Missing files are optional, unless the whole directory went. */
	if (gone && fstatat(cgroups_fd, name, &st, 0) < 0 && errno == ENOENT)
		return 0;

	for (i = 0; i < MG_CG_NR_TEXTS; i++) {
		if (text_err[i] && !is_gone(text_err[i]))
			print_cgroup_error("read", name, mg_cgroup_text_names[i],
					   text_err[i], sizeof(text[i]));
	}
	for (i = 0; i < MG_CG_NR_FIELDS; i++) {
		if (err[i] && !is_gone(err[i]))
			print_cgroup_error("read", name,
					   mg_cgroup_field_names[i], err[i], 0);
	}

	for (i = 0; i < MG_CG_NR_TEXTS; i++) {
		if (text_err[i])
			continue;
		cg->text[i] = strdup(text[i]);
		if (!cg->text[i]) {
			free_cgroup(cg);
			return -ENOMEM;
		}
	}
	return 1;
}

int mg_cgroups_read(struct mg_cgroups *cgroups, bool policy_only)
{
	struct mg_cgroup *entries;
	unsigned long long id;
	size_t capacity = 0;
	DIR *dir;
	int fd, ret = 0;

	memset(cgroups, 0, sizeof(*cgroups));
	fd = mg_sysfs_open_dir(MG_CGROUPS_DIR);
	if (fd == -ENOENT)
		return 0;	/* a module from before cgroup tracking */
	if (fd < 0) {
		fprintf(stderr, "%s: cannot open %s/%s: %s\n", PROG_NAME,
			mg_sysfs_root(), MG_CGROUPS_DIR, strerror(-fd));
		return fd;
	}
	dir = fdopendir(fd);
	if (!dir) {
		ret = -errno;
		close(fd);
		fprintf(stderr, "%s: cannot list %s/%s: %s\n", PROG_NAME,
			mg_sysfs_root(), MG_CGROUPS_DIR, strerror(-ret));
		return ret;
	}
	cgroups->present = true;

	for (;;) {
		const struct dirent *de;

		errno = 0;
		de = readdir(dir);
		if (!de) {
			if (errno) {
				ret = -errno;
				fprintf(stderr, "%s: cannot list %s/%s: %s\n",
					PROG_NAME, mg_sysfs_root(),
					MG_CGROUPS_DIR, strerror(-ret));
			}
			break;
		}
		if (!mg_cgroup_parse_id(de->d_name, &id))
			continue;	/* ".", "..", or a later addition */
		entries = mg_grow_array(cgroups->entries, &capacity,
					cgroups->count + 1, sizeof(*entries));
		if (!entries) {
			ret = -ENOMEM;
			break;
		}
		cgroups->entries = entries;
		memset(&cgroups->entries[cgroups->count], 0,
		       sizeof(cgroups->entries[0]));
		cgroups->entries[cgroups->count].id = id;
		ret = read_cgroup(dirfd(dir), de->d_name,
				  &cgroups->entries[cgroups->count],
				  policy_only);
		if (ret < 0)
			break;
		cgroups->count += ret;
		ret = 0;
	}
	closedir(dir);

	if (ret == -ENOMEM)
		fprintf(stderr, "%s: out of memory\n", PROG_NAME);
	if (ret < 0)
		mg_cgroups_free(cgroups);
	return ret;
}

/* Descending by @field, unknown values last; 0 if no order between them. */
static int compare_desc(const struct mg_cgroup *a, const struct mg_cgroup *b,
			enum mg_cgroup_field field)
{
	if (a->known[field] != b->known[field])
		return a->known[field] ? -1 : 1;
	if (!a->known[field] || a->value[field] == b->value[field])
		return 0;
	return a->value[field] > b->value[field] ? -1 : 1;
}

static int compare_by_score(const void *pa, const void *pb)
{
	const struct mg_cgroup *a = pa, *b = pb;
	int ret;

	ret = compare_desc(a, b, MG_CG_SCORE);
	if (!ret)
		ret = compare_desc(a, b, MG_CG_CPU_PCT_SHORT);
	if (!ret)
		ret = compare_desc(a, b, MG_CG_CPU_PCT_LONG);
	if (!ret && a->id != b->id)
		ret = a->id < b->id ? -1 : 1;
	return ret;
}

static int compare_by_id(const void *pa, const void *pb)
{
	const struct mg_cgroup *a = pa, *b = pb;

	if (a->id == b->id)
		return 0;
	return a->id < b->id ? -1 : 1;
}

/* Oldest first, as a log would list them. */
static int compare_by_time(const void *pa, const void *pb)
{
	const struct mg_cgroup *a = pa, *b = pb;
	int ret;

	ret = compare_desc(b, a, MG_CG_VERDICT_SINCE);
	return ret ? ret : compare_by_id(a, b);
}

void mg_cgroups_sort(struct mg_cgroups *cgroups, enum mg_cgroups_order order)
{
	static int (*const compare[])(const void *, const void *) = {
		[MG_ORDER_SCORE] = compare_by_score,
		[MG_ORDER_TIME] = compare_by_time,
		[MG_ORDER_ID] = compare_by_id,
	};

	if (cgroups->count > 1)
		qsort(cgroups->entries, cgroups->count,
		      sizeof(cgroups->entries[0]), compare[order]);
}

const struct mg_cgroup *mg_cgroups_find(const struct mg_cgroups *cgroups,
					unsigned long long id)
{
	const struct mg_cgroup key = { .id = id };

	if (!cgroups->count)
		return NULL;
	return bsearch(&key, cgroups->entries, cgroups->count,
		       sizeof(cgroups->entries[0]), compare_by_id);
}

void mg_cgroups_free(struct mg_cgroups *cgroups)
{
	size_t i;

	for (i = 0; i < cgroups->count; i++)
		free_cgroup(&cgroups->entries[i]);
	free(cgroups->entries);
	cgroups->entries = NULL;
	cgroups->count = 0;
}
