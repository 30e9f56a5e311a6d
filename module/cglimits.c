// SPDX-License-Identifier: GPL-2.0
/*
 * How many CPUs a cgroup may use: the fewest of the online CPUs, its
 * effective cpuset and the cpu.max quotas of it and its ancestors.
 *
 * The quota lives in the scheduler's private task_group, which a module
 * cannot see, so both limits are read from the cgroup2 files themselves,
 * in the tick's process context, relative to the cgroup2 mount that init
 * sees at /sys/fs/cgroup. Without that mount every cgroup may use every
 * online CPU.
 */
#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "cglimits.h"
#include "parse.h"

#define MG_CGROUP2_MOUNT "/sys/fs/cgroup"

static struct path mg_cgroup2_root;
static bool mg_cgroup2_found;
static char *mg_cglimits_buf;		/* tick-only scratch: a path, then a value */

int mg_cglimits_init(void)
{
	mg_cglimits_buf = kmalloc(PATH_MAX, GFP_KERNEL);
	return mg_cglimits_buf ? 0 : -ENOMEM;
}

void mg_cglimits_exit(void)
{
	if (mg_cgroup2_found)
		path_put(&mg_cgroup2_root);
	mg_cgroup2_found = false;
	kfree(mg_cglimits_buf);
	mg_cglimits_buf = NULL;
}

static bool mg_cglimits_find_root(void)
{
	struct path path;

	if (mg_cgroup2_found)
		return true;
	if (kern_path(MG_CGROUP2_MOUNT, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path))
		return false;
	if (path.dentry->d_sb->s_magic != CGROUP2_SUPER_MAGIC ||
	    path.dentry != path.mnt->mnt_root) {
		path_put(&path);
		return false;
	}
	mg_cgroup2_root = path;
	mg_cgroup2_found = true;
	return true;
}

/* Reads @dir/@name below the cgroup2 root into @value (NUL-terminated). */
static int mg_cglimits_read(const char *dir, const char *name, char *value,
			    size_t size)
{
	struct file *file;
	loff_t pos = 0;
	ssize_t len;

	while (*dir == '/')
		dir++;
	if (snprintf(mg_cglimits_buf, PATH_MAX, "%s%s%s", dir, *dir ? "/" : "",
		     name) >= PATH_MAX)
		return -ENAMETOOLONG;
	file = file_open_root(&mg_cgroup2_root, mg_cglimits_buf, O_RDONLY, 0);
	if (IS_ERR(file))
		return PTR_ERR(file);
	len = kernel_read(file, value, size - 1, &pos);
	filp_close(file, NULL);
	if (len < 0)
		return len;
	/* A value filling the buffer may be cut short: not trusted. */
	if (len == size - 1)
		return -EOVERFLOW;
	value[len] = '\0';
	return len;
}

/* Drops the last component of @path in place; false at the root. */
static bool mg_cglimits_parent(char *path)
{
	char *slash = strrchr(path, '/');

	if (!slash || !path[1])
		return false;
	if (slash == path)
		slash[1] = '\0';
	else
		*slash = '\0';
	return true;
}

/**
 * mg_cglimits_capacity_mcpu() - CPUs a cgroup may use, in milli-CPUs
 * @cgroup_path: path from the cgroup2 root, e.g. "/ci/job-1"
 *
 * Context: process context (may sleep); the tick's only.
 * Return: at least 1.
 */
u32 mg_cglimits_capacity_mcpu(const char *cgroup_path)
{
	u32 capacity = num_online_cpus() * 1000;
	bool cpuset_seen = false;
	char *dir, value[256];
	u32 parsed;
	int len;

	if (!mg_cglimits_find_root())
		return capacity;
	dir = kstrdup(cgroup_path, GFP_KERNEL);
	if (!dir)
		return capacity;
	do {
		len = mg_cglimits_read(dir, "cpu.max", value, sizeof(value));
		if (len > 0 && !mg_parse_cpu_max(value, len, &parsed))
			capacity = min(capacity, parsed);
		/* The nearest cpuset.cpus.effective already includes ancestors. */
		if (!cpuset_seen) {
			len = mg_cglimits_read(dir, "cpuset.cpus.effective",
					       value, sizeof(value));
			if (len > 0 &&
			    !mg_parse_cpulist_count(value, len, &parsed) &&
			    parsed) {
				capacity = min(capacity, parsed * 1000);
				cpuset_seen = true;
			}
		}
	} while (mg_cglimits_parent(dir));
	kfree(dir);
	return max(capacity, 1U);
}
