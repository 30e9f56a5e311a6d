/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Names shared by the minerguard module and its control tool.
 *
 * The sysfs tree under MINERGUARD_SYSFS_ROOT is the interface; this header
 * only keeps the spelling of its values in one place.
 */
#ifndef _UAPI_LINUX_MINERGUARD_H
#define _UAPI_LINUX_MINERGUARD_H

#define MINERGUARD_VERSION "0.1.0"
#define MINERGUARD_SYSFS_ROOT "/sys/kernel/minerguard"

/* Global mode; sysfs spells them "off", "observe", "enforce". */
enum mg_mode {
	MG_MODE_OFF,
	MG_MODE_OBSERVE,
	MG_MODE_ENFORCE,
	MG_MODE_COUNT
};

#endif /* _UAPI_LINUX_MINERGUARD_H */
