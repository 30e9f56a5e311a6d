/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cgroups minerguard tracks: <root>/cgroups/<id>/, one directory per
 * cgroup named by its cgroup v2 id, holding one value per file.
 */
#ifndef MINERGUARDCTL_CGROUPS_H
#define MINERGUARDCTL_CGROUPS_H

#include <stdbool.h>
#include <stddef.h>

#define MG_CGROUPS_DIR "cgroups"

/* Numeric per-cgroup files, in the order JSON output lists them. */
enum mg_cgroup_field {
	MG_CG_CPU_PCT_SHORT,
	MG_CG_CPU_PCT_LONG,
	MG_CG_BUSY_CPU_S,
	MG_CG_SATURATED_S,
	MG_CG_NR_TASKS,
	MG_CG_CPUS_ALLOWED_MILLI,
	/* Hot code: samples and what their code windows computed. */
	MG_CG_SAMPLES,
	MG_CG_HASH_SAMPLES,
	MG_CG_HASH_DENSITY_PCT_SHORT,
	MG_CG_HASH_DENSITY_PCT_LONG,
	MG_CG_MXCSR_ROUNDING_CHANGES,
	MG_CG_MXCSR_NONDEFAULT_PCT,
	/* Memory patterns: events, and *_BYTES their sizes. */
	MG_CG_ANON_EXEC,
	MG_CG_WX_FLIPS,
	MG_CG_RWX_BYTES,
	MG_CG_EXEC_STACK,
	MG_CG_HUGETLB_2M,
	MG_CG_HUGETLB_2M_BYTES,
	MG_CG_HUGETLB_1G,
	MG_CG_HUGETLB_1G_BYTES,
	MG_CG_THP_ADVISE,
	MG_CG_THP_ADVISE_BYTES,
	MG_CG_BIG_ANON,
	MG_CG_BIG_ANON_BYTES,
	MG_CG_MSR_OPEN,
	MG_CG_HUGEPAGE_SYSCTL,
	MG_CG_MSR_ALLOW_WRITES,
	MG_CG_STRATUM_HITS,	/* connections that spoke stratum */
	/* Policy engine; from here on, fields older modules lack. */
	MG_CG_HASHING_S,
	MG_CG_SCORE,
	MG_CG_VERDICT_SINCE,	/* seconds since boot (CLOCK_BOOTTIME) */
	MG_CG_ALLOWED,		/* 1: the job matches the allowlist */
	MG_CG_NR_FIELDS
};

#define MG_CG_FIRST_POLICY_FIELD MG_CG_HASHING_S

/* File name of each field, indexed by enum mg_cgroup_field. */
extern const char *const mg_cgroup_field_names[MG_CG_NR_FIELDS];

/* Per-cgroup files read as text. */
enum mg_cgroup_text {
	MG_CG_PATH,
	MG_CG_VERDICT,		/* clean, suspect, miner */
	MG_CG_ACTION,		/* none, log, throttle, freeze, kill */
	MG_CG_EVIDENCE,		/* "name=value:points ...", or "none" */
	MG_CG_NR_TEXTS
};

/* File name of each text, indexed by enum mg_cgroup_text. */
extern const char *const mg_cgroup_text_names[MG_CG_NR_TEXTS];

struct mg_cgroup {
	unsigned long long id;
	/*
	 * value[f] is valid only if known[f]: a field is unknown when its
	 * file is missing (older module), unreadable or not a number.
	 */
	unsigned long long value[MG_CG_NR_FIELDS];
	bool known[MG_CG_NR_FIELDS];
	/* Raw bytes of each text file (any but NUL), or NULL if unknown. */
	char *text[MG_CG_NR_TEXTS];
};

struct mg_cgroups {
	bool present;		/* false: no cgroups/ directory (older module) */
	size_t count;
	struct mg_cgroup *entries;
};

/*
 * Read every <root>/cgroups/<id>/ into @cgroups, in directory order; with
 * @policy_only just the texts and the policy engine's fields, which is
 * all that watching verdicts needs.
 * Entries whose name is not a canonical decimal id are ignored, as is a
 * cgroup whose directory vanishes while being read. A per-cgroup file
 * that cannot be read (other than missing) or parsed leaves its field
 * unknown, with a warning on stderr. Returns 0, or a negative errno after
 * printing why (cgroups/ unreadable, out of memory); @cgroups is then
 * empty. Release the result with mg_cgroups_free().
 */
int mg_cgroups_read(struct mg_cgroups *cgroups, bool policy_only);

enum mg_cgroups_order {
	/*
	 * Score descending, then short-term CPU share descending, then
	 * long-term share descending, then id; unknown values sort last.
	 */
	MG_ORDER_SCORE,
	/* Verdict time ascending, then id; unknown times sort first. */
	MG_ORDER_TIME,
	MG_ORDER_ID,
};

void mg_cgroups_sort(struct mg_cgroups *cgroups, enum mg_cgroups_order order);

/*
 * Parse the name of a directory in cgroups/ as a cgroup id: as the kernel
 * prints it, digits without leading zeros. Returns false for other names.
 */
bool mg_cgroup_parse_id(const char *name, unsigned long long *id);

/* The entry with @id in cgroups sorted by MG_ORDER_ID, or NULL. */
const struct mg_cgroup *mg_cgroups_find(const struct mg_cgroups *cgroups,
					unsigned long long id);

void mg_cgroups_free(struct mg_cgroups *cgroups);

#endif /* MINERGUARDCTL_CGROUPS_H */
