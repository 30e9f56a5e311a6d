// SPDX-License-Identifier: GPL-2.0
/*
 * msr-tune: what xmrig does to tune the cache for RandomX, short of
 * writing an MSR: enables MSR writes through the msr module's
 * allow_writes parameter, then opens every CPU's /dev/cpu/N/msr for
 * writing. Needs root and the msr driver.
 *
 * minerguard sees one msr_allow_writes and one msr_open per CPU.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "workload.h"

int main(void)
{
	const char *param = "/sys/module/msr/parameters/allow_writes";
	char path[64];
	long cpus, cpu;
	int fd;

	fd = open(param, O_WRONLY);
	if (fd < 0)
		die("%s", param);
	if (write(fd, "on", 2) != 2)
		die("write %s", param);
	close(fd);
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	for (cpu = 0; cpu < cpus; cpu++) {
		snprintf(path, sizeof(path), "/dev/cpu/%ld/msr", cpu);
		fd = open(path, O_WRONLY);
		if (fd < 0)
			die("%s", path);
		close(fd);
	}
	return 0;
}
