/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MG_PARSE_H
#define _MG_PARSE_H

#include <linux/limits.h>
#include <linux/types.h>
#include <linux/minerguard.h>

int mg_parse_name(const char *buf, size_t len, const char *const *names,
		  unsigned int count, unsigned int *index);
int mg_parse_mode(const char *buf, size_t len, enum mg_mode *mode);
const char *mg_mode_name(enum mg_mode mode);
const char *mg_stratum_action_name(enum mg_stratum_action action);
int mg_parse_u32(const char *buf, size_t len, u32 min, u32 max, u32 *value);

/* cpu.max "max" (no quota) reads as this many milli-CPUs. */
#define MG_CPU_MAX_UNLIMITED U32_MAX
int mg_parse_cpu_max(const char *buf, size_t len, u32 *mcpu);
int mg_parse_cpulist_count(const char *buf, size_t len, u32 *count);

/* Longest cgroup path an allowlist entry may hold. */
#define MG_ALLOW_PATH_MAX 1024
int mg_parse_allow(const char *buf, size_t len, bool *add, const char **path,
		   size_t *path_len);
bool mg_allow_matches(const char *prefix, const char *path);

#endif /* _MG_PARSE_H */
