// SPDX-License-Identifier: GPL-2.0
/*
 * hugepages-sysctl PAGES: sizes the 2 MB hugetlb pool to PAGES through
 * procfs and again through sysfs, as miners do before mapping their
 * dataset. Needs root.
 *
 * minerguard sees two hugepage_sysctl.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "workload.h"

static void write_value(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		die("%s", path);
	if (write(fd, value, strlen(value)) != (ssize_t)strlen(value))
		die("write %s", path);
	close(fd);
}

int main(int argc, char **argv)
{
	const char *usage = "hugepages-sysctl PAGES";
	char value[32];

	if (argc != 2)
		wl_usage(usage);
	snprintf(value, sizeof(value), "%lu\n", wl_number(argv[1], usage));
	write_value("/proc/sys/vm/nr_hugepages", value);
	write_value("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages",
		    value);
	return 0;
}
