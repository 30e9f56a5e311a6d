// SPDX-License-Identifier: GPL-2.0
/*
 * minerguardctl events: the jobs the policy engine has a verdict or an
 * action on, and with --follow every change to them.
 */
#include <stdio.h>
#include <string.h>

#include "cgroups.h"
#include "json.h"
#include "minerguardctl.h"
#include "sysfs.h"
#include "text.h"
#include "watch.h"

struct events {
	bool json;
	unsigned long long max_changes;	/* 0: no limit */
	unsigned long long changes;
};

static void show_events_usage(FILE *out)
{
	fprintf(out, "Usage: %s events [--json] [--follow [--count N]]\n\n",
		PROG_NAME);
	fputs("Prints one line per job whose verdict is not clean or whose\n",
	      out);
	fputs("action is not none, oldest verdict first:\n\n", out);
	fputs("  TIME ID VERDICT SCORE ACTION PATH EVIDENCE\n\n", out);
	fputs("TIME is when the verdict last changed, in seconds since boot.\n",
	      out);
	fputs("PATH has spaces and bytes outside printable ASCII as \\xNN;\n",
	      out);
	fputs("EVIDENCE is name=value:points tokens, or none. A '-' marks a\n",
	      out);
	fputs("value the module did not provide.\n\n", out);
	fputs("  --json       one JSON object per line instead, with the keys\n",
	      out);
	fputs("               verdict_since, id, verdict, score, action, path\n",
	      out);
	fputs("               and evidence (null for '-')\n", out);
	fputs("  --follow     then print a line for each job whose verdict or\n",
	      out);
	fputs("               action changes, back to clean too (a new job\n",
	      out);
	fputs("               starts as clean, none), until SIGINT or SIGTERM\n",
	      out);
	fputs("  --count N    with --follow, exit after N such change lines\n",
	      out);
}

static void print_number(bool json, bool known, unsigned long long value)
{
	if (known)
		printf("%llu", value);
	else
		fputs(json ? "null" : "-", stdout);
}

static void print_json_text(const char *text)
{
	if (text)
		json_print_string(stdout, text);
	else
		fputs("null", stdout);
}

static void print_event_json(const struct mg_cgroup *job)
{
	fputs("{\"verdict_since\":", stdout);
	print_number(true, job->known[MG_CG_VERDICT_SINCE],
		     job->value[MG_CG_VERDICT_SINCE]);
	printf(",\"id\":%llu,\"verdict\":", job->id);
	print_json_text(job->text[MG_CG_VERDICT]);
	fputs(",\"score\":", stdout);
	print_number(true, job->known[MG_CG_SCORE], job->value[MG_CG_SCORE]);
	fputs(",\"action\":", stdout);
	print_json_text(job->text[MG_CG_ACTION]);
	fputs(",\"path\":", stdout);
	print_json_text(job->text[MG_CG_PATH]);
	fputs(",\"evidence\":", stdout);
	print_json_text(job->text[MG_CG_EVIDENCE]);
	fputs("}\n", stdout);
}

static void print_event_text(const struct mg_cgroup *job)
{
	const char *evidence = job->text[MG_CG_EVIDENCE];

	print_number(false, job->known[MG_CG_VERDICT_SINCE],
		     job->value[MG_CG_VERDICT_SINCE]);
	printf(" %llu ", job->id);
	text_print_field(stdout, job->text[MG_CG_VERDICT]);
	putchar(' ');
	print_number(false, job->known[MG_CG_SCORE], job->value[MG_CG_SCORE]);
	putchar(' ');
	text_print_field(stdout, job->text[MG_CG_ACTION]);
	putchar(' ');
	text_print_field(stdout, job->text[MG_CG_PATH]);
	putchar(' ');
	/* Last on the line, so its spaces can stay. */
	text_print_escaped(stdout, evidence && evidence[0] ? evidence : "-");
	putchar('\n');
}

static bool print_event(const struct mg_cgroup *job,
			const struct mg_cgroup *before, bool first_scan,
			void *data)
{
	struct events *events = data;

	(void)before;
	if (events->json)
		print_event_json(job);
	else
		print_event_text(job);
	if (first_scan || !events->max_changes)
		return false;
	return ++events->changes >= events->max_changes;
}

int events_main(int argc, const char *const argv[])
{
	struct events events = { 0 };
	const char *count = NULL;
	bool follow = false;
	int i, ret;

	for (i = 1; i < argc; i++) {
		ret = mg_option_value(argc, argv, &i, "--count", &count);
		if (ret < 0)
			return MG_EXIT_USAGE;
		if (ret > 0)
			continue;
		if (!strcmp(argv[i], "--json")) {
			events.json = true;
		} else if (!strcmp(argv[i], "--follow")) {
			follow = true;
		} else if (mg_is_help(argv[i])) {
			show_events_usage(stdout);
			return MG_EXIT_OK;
		} else {
			return mg_usage_error(argv[0], argv[i][0] == '-' ?
					      "unknown option" :
					      "unexpected argument", argv[i]);
		}
	}
	if (count && (mg_parse_u64(count, &events.max_changes) < 0 ||
		      !events.max_changes))
		return mg_usage_error(argv[0], "--count needs a number above 0, not",
				      count);
	if (count && !follow)
		return mg_usage_error(argv[0], "--count needs --follow", NULL);

	return mg_watch(follow, print_event, &events);
}
