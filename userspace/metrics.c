// SPDX-License-Identifier: GPL-2.0
/*
 * minerguardctl metrics: every figure of the module in the Prometheus text
 * exposition format 0.0.4, for node_exporter's textfile collector.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "allow.h"
#include "cgroups.h"
#include "job.h"
#include "minerguardctl.h"
#include "sysfs.h"
#include "text.h"
#include "values.h"

#define PREFIX "minerguard_"
#define POLICY_PREFIX PREFIX "policy_"
#define JOB_PREFIX PREFIX "job_"
/* A knob with a name for a value this tool does not know the names of. */
#define UNKNOWN_ENUM_LABEL "value"

/* Longer file names are not metric material. */
#define NAME_SIZE 256

enum kind {
	UNTYPED,	/* a number this tool does not know: no _total */
	GAUGE,
	COUNTER,
	ENUM,		/* one sample per value, 1 for the current one */
	TEXT,		/* not a metric (path is the job's label) */
};

static const char *const kind_names[] = {
	[UNTYPED] = "untyped",
	[GAUGE] = "gauge",
	[COUNTER] = "counter",
	[ENUM] = "gauge",
};

static const char *const mode_names[] = { "off", "observe", "enforce" };

static const char *const verdict_names[] = { "clean", "suspect", "miner" };

static const char *const action_names[] = {
	"none", "log", "throttle", "freeze", "kill"
};

static const char *const stratum_action_names[] = { "count", "drop" };

struct file_info {
	const char *file;
	enum kind kind;
	const char *help;
	/* ENUM: the label and the values it may have. */
	const char *label;
	const char *const *values;
	size_t nr_values;
	/* The name after the prefix, if not the file's own. */
	const char *metric;
};

#define COUNTER_FILE(name, text) \
	{ .file = (name), .kind = COUNTER, .help = (text) }
#define GAUGE_FILE(name, text) \
	{ .file = (name), .kind = GAUGE, .help = (text) }
#define TEXT_FILE(name) { .file = (name), .kind = TEXT }
#define ENUM_FILE(name, text, label_name, names) \
	{ .file = (name), .kind = ENUM, .help = (text), \
	  .label = (label_name), .values = (names), \
	  .nr_values = ARRAY_SIZE(names) }

static const struct file_info stats_files[] = {
	COUNTER_FILE("actions_taken",
		     "Signals sent and threads throttled since load"),
	COUNTER_FILE("enforce_passes",
		     "Passes over all tasks made to apply standing actions"),
	COUNTER_FILE("evicted", "Entries evicted because the table was full"),
	COUNTER_FILE("log_suppressed",
		     "Verdict log lines dropped by the rate limit"),
	COUNTER_FILE("mm_events_dropped",
		     "Memory-pattern events that found no slot for their job"),
	COUNTER_FILE("net_conns_untracked",
		     "Connections the network side had no room to follow"),
	COUNTER_FILE("net_hits_lost",
		     "Stratum connections not counted for lack of room"),
	COUNTER_FILE("net_packets_dropped",
		     "Packets dropped under policy stratum_action drop"),
	COUNTER_FILE("net_packets_inspected",
		     "TCP packets whose payload the stratum classifier read"),
	GAUGE_FILE("probes_failed", "kprobes that could not be placed at load"),
	COUNTER_FILE("probes_missed",
		     "kprobe hits not handled because another kprobe ran"),
	COUNTER_FILE("removed",
		     "Entries forgotten because their cgroup was removed"),
	COUNTER_FILE("runtime_dropped_ns",
		     "CPU time not attributed to a job for lack of room"),
	GAUGE_FILE("sampler_cpus", "CPUs with a running sampler event"),
	COUNTER_FILE("sampler_ns",
		     "Time spent in the sample handler, on all CPUs"),
	COUNTER_FILE("samples_dropped",
		     "User samples that found no slot for their job"),
	COUNTER_FILE("samples_other",
		     "Samples of the kernel or of exiting tasks, not charged"),
	COUNTER_FILE("samples_unreadable",
		     "User samples whose code page was not resident"),
	COUNTER_FILE("samples_user", "Samples of user code charged to a job"),
	GAUGE_FILE("tick_last_us", "Processing time of the last tick"),
	GAUGE_FILE("tick_max_us", "Longest processing time of a tick since load"),
	GAUGE_FILE("tracked_cgroups", "Entries in the per-cgroup table"),
	COUNTER_FILE("verdict_changes",
		     "Changes of a job's verdict or action since load"),
};

static const struct file_info policy_files[] = {
	ENUM_FILE("action_miner",
		  "Action on a job judged miner, 1 for the current one",
		  "action", action_names),
	ENUM_FILE("action_suspect",
		  "Action on a job judged suspect, 1 for the current one",
		  "action", action_names),
	ENUM_FILE("stratum_action",
		  "What is done with stratum connections, 1 for the current one",
		  "action", stratum_action_names),
};

static const struct file_info job_files[] = {
	ENUM_FILE("action", "Action standing on the job, 1 for the current one",
		  "action", action_names),
	GAUGE_FILE("allowed", "1 if the job matches the allowlist"),
	COUNTER_FILE("anon_exec", "Anonymous mappings created executable"),
	COUNTER_FILE("big_anon", "Anonymous mappings of 256 MiB or more"),
	COUNTER_FILE("big_anon_bytes", "Bytes of those big anonymous mappings"),
	COUNTER_FILE("busy_cpu_s", "CPU time the job used"),
	GAUGE_FILE("cpu_pct_long",
		   "Percent of the CPUs the job may use that it used, last ~5 min"),
	GAUGE_FILE("cpu_pct_short",
		   "Percent of the CPUs the job may use that it used, last ~10 s"),
	GAUGE_FILE("cpus_allowed_milli", "CPUs the job may use"),
	TEXT_FILE("evidence"),
	COUNTER_FILE("exec_stack", "Stacks made executable"),
	GAUGE_FILE("hash_density_pct_long",
		   "Hashing density of the code the job runs, percent, last ~5 min"),
	GAUGE_FILE("hash_density_pct_short",
		   "Hashing density of the code the job runs, percent, last ~10 s"),
	COUNTER_FILE("hash_samples",
		     "Samples whose code reached policy hash_threshold_pct"),
	COUNTER_FILE("hashing_s", "Time the job spent saturated and hashing"),
	COUNTER_FILE("hugepage_sysctl",
		     "Opens for writing of the hugepage pool sysctls"),
	COUNTER_FILE("hugetlb_1g", "MAP_HUGETLB requests for 1 GB pages"),
	COUNTER_FILE("hugetlb_1g_bytes",
		     "Bytes of MAP_HUGETLB requests for 1 GB pages"),
	COUNTER_FILE("hugetlb_2m", "MAP_HUGETLB requests for 2 MB pages"),
	COUNTER_FILE("hugetlb_2m_bytes",
		     "Bytes of MAP_HUGETLB requests for 2 MB pages"),
	TEXT_FILE("mm_processes"),
	COUNTER_FILE("msr_allow_writes",
		     "Opens for writing of the msr module's allow_writes"),
	COUNTER_FILE("msr_open", "Opens for writing of an MSR device"),
	GAUGE_FILE("mxcsr_nondefault_pct",
		   "Percent of samples with a non-default SSE rounding mode, last ~10 s"),
	COUNTER_FILE("mxcsr_rounding_changes",
		     "Changes of a task's SSE rounding mode between samples"),
	GAUGE_FILE("nr_tasks", "Tasks running or runnable at the last tick"),
	TEXT_FILE("path"),
	COUNTER_FILE("rwx_bytes",
		     "Bytes of anonymous memory made writable and executable at once"),
	COUNTER_FILE("samples", "User-mode samples of the job's tasks"),
	COUNTER_FILE("saturated_s",
		     "Time the job's short CPU share was at or above saturation_pct"),
	GAUGE_FILE("score", "The policy engine's score"),
	COUNTER_FILE("stratum_hits",
		     "TCP connections that spoke the stratum mining protocol"),
	COUNTER_FILE("thp_advise", "MADV_HUGEPAGE advice, per VMA"),
	COUNTER_FILE("thp_advise_bytes", "Bytes MADV_HUGEPAGE advice covered"),
	ENUM_FILE("verdict", "Verdict on the job, 1 for the current one",
		  "verdict", verdict_names),
	{ .file = "verdict_since", .kind = GAUGE,
	  .help = "When the verdict last changed, in seconds since boot",
	  .metric = "verdict_since_seconds" },
	TEXT_FILE("verdict_history"),
	COUNTER_FILE("wx_flips",
		     "mprotect() calls that made written anonymous memory executable"),
};

/*
 * File name suffixes that name a unit: the metric is in seconds, or for
 * _milli in units, with the value divided by 10^decimals.
 */
static const struct {
	const char *suffix;
	const char *replacement;
	unsigned int decimals;
} units[] = {
	{ "_ns", "_seconds", 9 },
	{ "_us", "_seconds", 6 },
	{ "_ms", "_seconds", 3 },
	{ "_s", "_seconds", 0 },
	{ "_milli", "", 3 },
};

/* A directory of files, and how its files become metrics. */
struct section {
	const char *dir;		/* NULL: the root */
	const char *prefix;
	const struct file_info *table;
	size_t table_size;
	enum kind unknown_kind;		/* of a number the table lacks */
	const char *unknown_help;
};

static const struct section root_section = {
	.prefix = PREFIX, .unknown_kind = GAUGE,
};

static const struct section stats_section = {
	.dir = "stats", .prefix = PREFIX,
	.table = stats_files, .table_size = ARRAY_SIZE(stats_files),
	.unknown_kind = UNTYPED,
	.unknown_help = "Not described by this minerguardctl",
};

/* Knobs are settings: gauges, known or not. */
static const struct section policy_section = {
	.dir = "policy", .prefix = POLICY_PREFIX,
	.table = policy_files, .table_size = ARRAY_SIZE(policy_files),
	.unknown_kind = GAUGE, .unknown_help = "Policy setting",
};

static const struct section job_section = {
	.dir = MG_CGROUPS_DIR "/ID", .prefix = JOB_PREFIX,
	.table = job_files, .table_size = ARRAY_SIZE(job_files),
	.unknown_kind = UNTYPED,
	.unknown_help = "Not described by this minerguardctl",
};

struct metrics {
	char version[MG_SYSFS_VALUE_SIZE];
	char mode[MG_SYSFS_VALUE_SIZE];
	char locked[MG_SYSFS_VALUE_SIZE];
	bool has_locked;
	struct mg_allowlist allow;
	bool has_allow;
	struct mg_values stats;
	struct mg_values policy;
	struct mg_job *jobs;
	size_t nr_jobs;
	/* Every file name of any job, sorted, once each. */
	char **job_files;
	size_t nr_job_files;
};

/* One metric family as it is printed. */
struct family {
	const struct section *section;
	const char *file;
	char name[NAME_SIZE];
	unsigned int decimals;
	enum kind kind;
	const struct file_info *info;	/* NULL for a file not in a table */
	const char *label;		/* ENUM */
	char help[NAME_SIZE * 2];
};

/* Where the output goes, and the family names it has, to never repeat one. */
struct output {
	FILE *out;
	char **names;
	size_t count;
	size_t capacity;
	bool failed;		/* out of memory */
};

static void show_metrics_usage(FILE *out)
{
	fprintf(out, "Usage: %s metrics [--output FILE]\n\n", PROG_NAME);
	fputs("Prints every figure of the module in the Prometheus text format\n",
	      out);
	fputs("(version 0.0.4), one metric family per sysfs file:\n\n", out);
	fputs("  version, mode    minerguard_info{version}, minerguard_mode{mode}\n",
	      out);
	fputs("  locked, allow    minerguard_locked, minerguard_allow_entries\n",
	      out);
	fputs("  stats/NAME       minerguard_NAME\n", out);
	fputs("  policy/NAME      minerguard_policy_NAME\n", out);
	fputs("  cgroups/ID/NAME  minerguard_job_NAME{id,path}, jobs by id\n\n",
	      out);
	fputs("Counters end in _total; numbers this tool does not know are\n",
	      out);
	fputs("untyped. NAME ending in _s, _ms, _us or _ns ends in _seconds\n",
	      out);
	fputs("instead, the value in seconds; cpus_allowed_milli gives\n", out);
	fputs("cpus_allowed in CPUs; verdict_since gives verdict_since_seconds.\n",
	      out);
	fputs("Files with a name for a value (mode, verdict, action, action_*,\n",
	      out);
	fputs("stratum_action) give one sample per possible value: 1 for the\n",
	      out);
	fputs("current one, 0 for the others. Files the module lacks, text files\n",
	      out);
	fputs("(path is a label) and unreadable values are left out.\n\n", out);
	fputs("  --output FILE  write to FILE.tmp, then rename it to FILE, so\n",
	      out);
	fputs("                 that a reader never sees half a file; on an\n",
	      out);
	fputs("                 error FILE is left as it was (exit 1)\n", out);
}

static bool ends_with(const char *str, const char *suffix)
{
	size_t len = strlen(str), suffix_len = strlen(suffix);

	return len >= suffix_len && !strcmp(str + len - suffix_len, suffix);
}

/* Letters, digits and '_': valid in a metric name after our prefix. */
static bool is_name(const char *str)
{
	const char *p;

	for (p = str; *p; p++) {
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && *p != '_')
			return false;
	}
	return p != str;
}

static const struct file_info *find_info(const struct section *section,
					 const char *file)
{
	size_t i;

	for (i = 0; i < section->table_size; i++) {
		if (!strcmp(section->table[i].file, file))
			return &section->table[i];
	}
	return NULL;
}

/* "@dir/@file", or @file alone for a file of the root. */
static void file_name(char *buf, size_t size, const struct section *section,
		      const char *file)
{
	snprintf(buf, size, "%s%s%s", section->dir ? section->dir : "",
		 section->dir ? "/" : "", file);
}

static void name_error(const struct section *section, const char *file,
		       const char *why)
{
	char name[PATH_MAX];

	file_name(name, sizeof(name), section, file);
	fprintf(stderr, "%s: metrics: %s/%s: %s, left out\n", PROG_NAME,
		mg_sysfs_root(), name, why);
}

/*
 * Set up @family for @file of @section, as @info describes it, or if
 * @info is NULL as a file of @kind. Returns false, with a warning, if the
 * file's name cannot make a metric name.
 */
static bool make_family(struct family *family, const struct section *section,
			const char *file, const struct file_info *info,
			enum kind kind)
{
	char base[NAME_SIZE], name[NAME_SIZE];
	size_t i, len;
	int ret;

	memset(family, 0, sizeof(*family));
	family->section = section;
	family->file = file;
	family->info = info;
	family->kind = info ? info->kind : kind;
	family->label = info ? info->label : UNKNOWN_ENUM_LABEL;
	if (!is_name(file) || strlen(file) >= sizeof(base)) {
		name_error(section, file, "not a name for a metric");
		return false;
	}
	snprintf(base, sizeof(base), "%s", info && info->metric ?
		 info->metric : file);
	for (i = 0; !(info && info->metric) && i < ARRAY_SIZE(units); i++) {
		if (!ends_with(base, units[i].suffix))
			continue;
		len = strlen(base) - strlen(units[i].suffix);
		snprintf(base + len, sizeof(base) - len, "%s",
			 units[i].replacement);
		family->decimals = units[i].decimals;
		break;
	}
	ret = snprintf(family->name, sizeof(family->name), "%s%s%s",
		       section->prefix, base,
		       family->kind == COUNTER ? "_total" : "");
	if (ret < 0 || (size_t)ret >= sizeof(family->name)) {
		name_error(section, file, "not a name for a metric");
		return false;
	}
	file_name(name, sizeof(name), section, file);
	snprintf(family->help, sizeof(family->help), "%s (%s).",
		 info && info->help ? info->help : section->unknown_help,
		 name);
	return true;
}

/*
 * Print @str as a label value: valid UTF-8, with backslash, double quote
 * and newline escaped.
 */
static void print_label_value(FILE *out, const char *str)
{
	const unsigned char *p;
	size_t len;

	for (p = (const unsigned char *)str; *p; p++) {
		if (*p == '\\') {
			fputs("\\\\", out);
		} else if (*p == '"') {
			fputs("\\\"", out);
		} else if (*p == '\n') {
			fputs("\\n", out);
		} else {
			len = text_utf8_length(p);
			if (len == 0) {
				/* Not UTF-8: U+FFFD, as Prometheus wants UTF-8. */
				fputs("\xef\xbf\xbd", out);
			} else {
				fwrite(p, 1, len, out);
				p += len - 1;
			}
		}
	}
}

/* @value divided by 10^@decimals, exactly, without trailing zeros. */
static void print_number(FILE *out, unsigned long long value,
			 unsigned int decimals)
{
	unsigned long long divisor = 1;
	char fraction[32];
	unsigned int i;
	int len;

	for (i = 0; i < decimals; i++)
		divisor *= 10;
	fprintf(out, "%llu", value / divisor);
	if (!(value % divisor))
		return;
	len = snprintf(fraction, sizeof(fraction), "%0*llu", (int)decimals,
		       value % divisor);
	while (len > 0 && fraction[len - 1] == '0')
		fraction[--len] = '\0';
	fprintf(out, ".%s", fraction);
}

/*
 * Print the HELP and TYPE lines of @family, unless a family of that name
 * was printed already (then warn and return false).
 */
static bool begin_family(struct output *o, const struct family *family)
{
	char **names;
	size_t i;

	for (i = 0; i < o->count; i++) {
		if (!strcmp(o->names[i], family->name)) {
			name_error(family->section, family->file,
				   "its metric name is taken");
			return false;
		}
	}
	names = mg_grow_array(o->names, &o->capacity, o->count + 1,
			      sizeof(*names));
	if (names) {
		o->names = names;
		o->names[o->count] = strdup(family->name);
	}
	if (!names || !o->names[o->count]) {
		o->failed = true;
		return false;
	}
	o->count++;
	fprintf(o->out, "# HELP %s %s\n# TYPE %s %s\n", family->name,
		family->help, family->name, kind_names[family->kind]);
	return true;
}

/*
 * The samples of an ENUM family: one per value it may have, 1 for
 * @current and 0 for the others, then @current with 1 if it is none of
 * them. @labels prints the labels that come first, if not NULL.
 */
static void print_enum(FILE *out, const struct family *family,
		       void (*labels)(FILE *out, const void *data),
		       const void *data, const char *current)
{
	const char *const *values = family->info ? family->info->values : NULL;
	size_t nr_values = family->info ? family->info->nr_values : 0;
	bool known = false, is_current;
	const char *value;
	size_t i;

	for (i = 0; i <= nr_values; i++) {
		value = i < nr_values ? values[i] : current;
		is_current = !strcmp(value, current);
		if (i == nr_values && known)
			break;
		known |= is_current;
		fprintf(out, "%s{", family->name);
		if (labels) {
			labels(out, data);
			putc(',', out);
		}
		fprintf(out, "%s=\"", family->label);
		print_label_value(out, value);
		fprintf(out, "\"} %d\n", is_current);
	}
}

/* A number of the root, as described by @info. */
static void print_root_number(struct output *o, const struct file_info *info,
			      unsigned long long value)
{
	struct family family;

	if (make_family(&family, &root_section, info->file, info, GAUGE) &&
	    begin_family(o, &family))
		fprintf(o->out, "%s %llu\n", family.name, value);
}

static void print_root(struct output *o, const struct metrics *m)
{
	static const struct file_info version = {
		.file = "version", .kind = GAUGE, .metric = "info",
		.help = "The loaded module's version, as a label",
	};
	static const struct file_info mode = {
		.file = "mode", .kind = ENUM, .label = "mode",
		.help = "The global mode, 1 for the current one",
		.values = mode_names, .nr_values = ARRAY_SIZE(mode_names),
	};
	static const struct file_info locked = {
		.file = "locked", .kind = GAUGE,
		.help = "1 if the policy is locked until reboot",
	};
	static const struct file_info allow = {
		.file = "allow", .kind = GAUGE, .metric = "allow_entries",
		.help = "Entries on the allowlist",
	};
	unsigned long long number;
	struct family family;

	/* An info metric: the value is always 1, the version a label. */
	if (make_family(&family, &root_section, version.file, &version,
			GAUGE) && begin_family(o, &family)) {
		fprintf(o->out, "%s{version=\"", family.name);
		print_label_value(o->out, m->version);
		fputs("\"} 1\n", o->out);
	}
	if (make_family(&family, &root_section, mode.file, &mode, ENUM) &&
	    begin_family(o, &family))
		print_enum(o->out, &family, NULL, NULL, m->mode);
	if (m->has_locked && !mg_parse_u64(m->locked, &number))
		print_root_number(o, &locked, number);
	if (m->has_allow)
		print_root_number(o, &allow, m->allow.count);
}

/* stats/ or policy/, in the order of the file names. */
static void print_values(struct output *o, const struct section *section,
			 const struct mg_values *values)
{
	const struct mg_value *value;
	unsigned long long number;
	struct family family;
	bool numeric;
	size_t i;

	for (i = 0; i < values->count; i++) {
		value = &values->entries[i];
		if (!value->text)
			continue;	/* missing or unreadable: warned */
		/* A value that is not a number must be a name. */
		numeric = !mg_parse_u64(value->text, &number);
		if (!make_family(&family, section, value->name,
				 find_info(section, value->name),
				 numeric ? section->unknown_kind : ENUM))
			continue;
		if (family.kind != ENUM && !numeric) {
			name_error(section, value->name, "not a number");
			continue;
		}
		if (!begin_family(o, &family))
			continue;
		if (family.kind == ENUM) {
			print_enum(o->out, &family, NULL, NULL, value->text);
			continue;
		}
		fprintf(o->out, "%s ", family.name);
		print_number(o->out, number, family.decimals);
		putc('\n', o->out);
	}
}

/* The labels every sample of a job starts with. */
static void print_job_labels(FILE *out, const void *data)
{
	const struct mg_job *job = data;
	const char *path = mg_job_text(job, "path");

	fprintf(out, "id=\"%llu\",path=\"", job->id);
	print_label_value(out, path ? path : "");
	putc('"', out);
}

/*
 * Whether @job has a sample for @family, its number in *@number; with
 * @warn, a file the table says is a number warns if it is not one.
 */
static bool job_sample(const struct mg_job *job, const struct family *family,
		       bool warn, unsigned long long *number)
{
	const char *text = mg_job_text(job, family->file);
	char path[PATH_MAX];

	if (!text)
		return false;
	if (family->kind == ENUM || !mg_parse_u64(text, number))
		return true;
	/* A file this tool does not know may well be text. */
	if (warn && family->info) {
		snprintf(path, sizeof(path), "%s/%s/%llu/%s", mg_sysfs_root(),
			 MG_CGROUPS_DIR, job->id, family->file);
		mg_sysfs_print_read_error(path, -EBADMSG, 0);
	}
	return false;
}

/* The family of the jobs' @file, with a sample for each job that has one. */
static void print_job_family(struct output *o, const struct metrics *m,
			     const char *file)
{
	const struct file_info *info = find_info(&job_section, file);
	const struct mg_job *job;
	unsigned long long number;
	struct family family;
	size_t i, samples = 0;

	if (info && info->kind == TEXT)
		return;
	if (!make_family(&family, &job_section, file, info,
			 job_section.unknown_kind))
		return;
	/* Only a family with samples is printed. */
	for (i = 0; i < m->nr_jobs; i++)
		samples += job_sample(&m->jobs[i], &family, true, &number);
	if (!samples || !begin_family(o, &family))
		return;
	for (i = 0; i < m->nr_jobs; i++) {
		job = &m->jobs[i];
		if (!job_sample(job, &family, false, &number))
			continue;
		if (family.kind == ENUM) {
			print_enum(o->out, &family, print_job_labels, job,
				   mg_job_text(job, file));
			continue;
		}
		fprintf(o->out, "%s{", family.name);
		print_job_labels(o->out, job);
		fputs("} ", o->out);
		print_number(o->out, number, family.decimals);
		putc('\n', o->out);
	}
}

/* Returns 0, or -ENOMEM after printing why. */
static int print_metrics(FILE *out, const struct metrics *m)
{
	struct output o = { .out = out };
	size_t i;

	print_root(&o, m);
	print_values(&o, &stats_section, &m->stats);
	print_values(&o, &policy_section, &m->policy);
	for (i = 0; i < m->nr_job_files; i++)
		print_job_family(&o, m, m->job_files[i]);
	for (i = 0; i < o.count; i++)
		free(o.names[i]);
	free(o.names);
	if (!o.failed)
		return 0;
	fprintf(stderr, "%s: out of memory\n", PROG_NAME);
	return -ENOMEM;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* m->job_files: the names of every job's files, sorted, once each. */
static int collect_job_files(struct metrics *m)
{
	size_t i, j, n = 0, count = 0;

	for (i = 0; i < m->nr_jobs; i++)
		n += m->jobs[i].files.count;
	if (!n)
		return 0;
	m->job_files = calloc(n, sizeof(*m->job_files));
	if (!m->job_files)
		return -ENOMEM;
	/* Borrowed from the jobs, which outlive them. */
	for (i = 0; i < m->nr_jobs; i++) {
		for (j = 0; j < m->jobs[i].files.count; j++)
			m->job_files[count++] = m->jobs[i].files.entries[j].name;
	}
	qsort(m->job_files, n, sizeof(*m->job_files), compare_names);
	for (i = 0; i < n; i++) {
		if (!m->nr_job_files ||
		    strcmp(m->job_files[m->nr_job_files - 1], m->job_files[i]))
			m->job_files[m->nr_job_files++] = m->job_files[i];
	}
	return 0;
}

static int read_jobs(struct metrics *m)
{
	unsigned long long *ids;
	size_t nr_ids, i;
	int ret;

	ret = mg_job_ids(&ids, &nr_ids);
	if (ret < 0)
		return ret;
	if (nr_ids) {
		m->jobs = calloc(nr_ids, sizeof(*m->jobs));
		if (!m->jobs) {
			free(ids);
			fprintf(stderr, "%s: out of memory\n", PROG_NAME);
			return -ENOMEM;
		}
	}
	for (i = 0; i < nr_ids; i++) {
		ret = mg_job_read(&m->jobs[m->nr_jobs], ids[i]);
		if (ret < 0)
			break;
		m->nr_jobs += ret;
	}
	free(ids);
	if (ret < 0)
		return ret;
	if (collect_job_files(m) < 0) {
		fprintf(stderr, "%s: out of memory\n", PROG_NAME);
		return -ENOMEM;
	}
	return 0;
}

/* A missing file is left out; one that cannot be read is too, warned. */
static bool read_optional(const char *name, char *value, size_t size)
{
	int ret = mg_sysfs_read_quiet(name, value, size);

	if (ret < 0 && ret != -ENOENT)
		mg_sysfs_report_error(name, ret, size);
	return ret == 0;
}

static int read_metrics(struct metrics *m)
{
	unsigned long long number;
	int ret;

	if (mg_sysfs_read_value("version", m->version,
				sizeof(m->version)) < 0 ||
	    mg_sysfs_read_value("mode", m->mode, sizeof(m->mode)) < 0)
		return -1;
	m->has_locked = read_optional("locked", m->locked, sizeof(m->locked));
	if (m->has_locked && mg_parse_u64(m->locked, &number) < 0)
		mg_sysfs_report_error("locked", -EBADMSG, sizeof(m->locked));
	ret = mg_allowlist_read(&m->allow, true);
	if (ret == -ENOMEM)
		return -1;
	m->has_allow = ret == 0;
	if (mg_values_read(&m->stats, "stats", NULL, 0, true) < 0 ||
	    mg_values_read(&m->policy, "policy", NULL, 0, false) < 0)
		return -1;
	return read_jobs(m) < 0 ? -1 : 0;
}

static void free_metrics(struct metrics *m)
{
	size_t i;

	mg_allowlist_free(&m->allow);
	mg_values_free(&m->stats);
	mg_values_free(&m->policy);
	for (i = 0; i < m->nr_jobs; i++)
		mg_job_free(&m->jobs[i]);
	free(m->jobs);
	free(m->job_files);
	memset(m, 0, sizeof(*m));
}

/*
 * Write the metrics to @file.tmp and rename that to @file, so that the
 * textfile collector sees the old file or the new one, never half of one.
 */
static int write_file(const struct metrics *m, const char *file)
{
	char tmp[PATH_MAX];
	int fd, err = 0;
	FILE *out;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", file) >= (int)sizeof(tmp)) {
		fprintf(stderr, "%s: cannot write %s.tmp: %s\n", PROG_NAME,
			file, strerror(ENAMETOOLONG));
		return MG_EXIT_MODULE_ERROR;
	}
	/* Not through a symlink someone left where the file goes. */
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
		  0644);
	if (fd < 0) {
		fprintf(stderr, "%s: cannot write %s: %s\n", PROG_NAME, tmp,
			strerror(errno));
		return MG_EXIT_MODULE_ERROR;
	}
	out = fdopen(fd, "w");
	if (!out) {
		err = errno;
		close(fd);
	} else {
		if (print_metrics(out, m) < 0)
			err = ENOMEM;
		errno = 0;
		/* On disk before the rename makes it the file. */
		if (!err && (fflush(out) == EOF || ferror(out) || fsync(fd) < 0))
			err = errno ? errno : EIO;
		if (fclose(out) == EOF && !err)
			err = errno;
	}
	if (!err && rename(tmp, file) == 0)
		return MG_EXIT_OK;
	if (err)
		fprintf(stderr, "%s: cannot write %s: %s\n", PROG_NAME, tmp,
			strerror(err));
	else
		fprintf(stderr, "%s: cannot rename %s to %s: %s\n", PROG_NAME,
			tmp, file, strerror(errno));
	unlink(tmp);
	return MG_EXIT_MODULE_ERROR;
}

int metrics_main(int argc, const char *const argv[])
{
	/* Static: three page-sized buffers are more than the stack needs. */
	static struct metrics metrics;
	const char *output = NULL;
	int i, ret;

	for (i = 1; i < argc; i++) {
		ret = mg_option_value(argc, argv, &i, "--output", &output);
		if (ret < 0)
			return MG_EXIT_USAGE;
		if (ret > 0)
			continue;
		if (mg_is_help(argv[i])) {
			show_metrics_usage(stdout);
			return MG_EXIT_OK;
		}
		return mg_usage_error(argv[0], argv[i][0] == '-' ?
				      "unknown option" : "unexpected argument",
				      argv[i]);
	}
	if (output && !output[0])
		return mg_usage_error(argv[0], "empty --output", NULL);

	/* Read everything first so a failure writes nothing. */
	if (read_metrics(&metrics) < 0)
		ret = MG_EXIT_MODULE_ERROR;
	else if (output)
		ret = write_file(&metrics, output);
	else if (print_metrics(stdout, &metrics) < 0)
		ret = MG_EXIT_MODULE_ERROR;
	else
		ret = MG_EXIT_OK;
	free_metrics(&metrics);
	return ret;
}
