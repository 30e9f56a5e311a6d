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
	MG_CG_NR_FIELDS
};

/* File name of each field, indexed by enum mg_cgroup_field. */
extern const char *const mg_cgroup_field_names[MG_CG_NR_FIELDS];

struct mg_cgroup {
	unsigned long long id;
	/* Raw bytes of the path file (any but NUL), or NULL if unknown. */
	char *path;
	/*
	 * value[f] is valid only if known[f]: a field is unknown when its
	 * file is missing (older module), unreadable or not a number.
	 */
	unsigned long long value[MG_CG_NR_FIELDS];
	bool known[MG_CG_NR_FIELDS];
};

struct mg_cgroups {
	bool present;		/* false: no cgroups/ directory (older module) */
	size_t count;
	struct mg_cgroup *entries;
};

/*
 * Read every <root>/cgroups/<id>/ into @cgroups, in directory order.
 * Entries whose name is not a canonical decimal id are ignored, as is a
 * cgroup whose directory vanishes while being read. A per-cgroup file
 * that cannot be read (other than missing) or parsed leaves its field
 * unknown, with a warning on stderr. Returns 0, or a negative errno after
 * printing why (cgroups/ unreadable, out of memory); @cgroups is then
 * empty. Release the result with mg_cgroups_free().
 */
int mg_cgroups_read(struct mg_cgroups *cgroups);

/*
 * Sort by short-term CPU share descending, then long-term share
 * descending, then id ascending; unknown shares sort last.
 */
void mg_cgroups_sort_by_cpu(struct mg_cgroups *cgroups);

void mg_cgroups_free(struct mg_cgroups *cgroups);

#endif /* MINERGUARDCTL_CGROUPS_H */
