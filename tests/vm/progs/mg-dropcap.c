// SPDX-License-Identifier: GPL-2.0
/*
 * mg-dropcap CMD [ARGS...]: runs CMD as root but without CAP_SYS_ADMIN, to
 * test that policy writes need the capability and not just uid 0.
 * Busybox's setpriv cannot shrink the bounding set, hence this helper.
 */
#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct __user_cap_header_struct header = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	const unsigned int sys_admin = 1u << CAP_SYS_ADMIN; /* in data[0] */

	if (argc < 2) {
		fprintf(stderr, "usage: mg-dropcap CMD [ARGS...]\n");
		return 2;
	}
	if (prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0)) {
		perror("mg-dropcap: PR_CAPBSET_DROP");
		return 1;
	}
	if (syscall(SYS_capget, &header, data)) {
		perror("mg-dropcap: capget");
		return 1;
	}
	/* Root regains only what the bounding set allows on exec. */
	data[0].effective &= ~sys_admin;
	data[0].permitted &= ~sys_admin;
	data[0].inheritable &= ~sys_admin;
	if (syscall(SYS_capset, &header, data)) {
		perror("mg-dropcap: capset");
		return 1;
	}
	execvp(argv[1], argv + 1);
	fprintf(stderr, "mg-dropcap: exec %s: %s\n", argv[1], strerror(errno));
	return 127;
}
