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

/* A job's verdict; sysfs spells them "clean", "suspect", "miner". */
enum mg_verdict {
	MG_VERDICT_CLEAN,
	MG_VERDICT_SUSPECT,
	MG_VERDICT_MINER,
	MG_VERDICT_COUNT
};

/*
 * What is done to a job, mildest first: an action only ever moves down this
 * list while the job lives. sysfs spells them "none", "log", "throttle",
 * "freeze", "kill".
 */
enum mg_action {
	MG_ACTION_NONE,
	MG_ACTION_LOG,
	MG_ACTION_THROTTLE,
	MG_ACTION_FREEZE,
	MG_ACTION_KILL,
	MG_ACTION_COUNT
};

/*
 * What the network side does with a connection that speaks stratum; sysfs
 * spells them "count" and "drop".
 */
enum mg_stratum_action {
	MG_STRATUM_ACTION_COUNT,
	MG_STRATUM_ACTION_DROP,
	MG_STRATUM_ACTION_NR
};

#endif /* _UAPI_LINUX_MINERGUARD_H */
