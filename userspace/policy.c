// SPDX-License-Identifier: GPL-2.0
/*
 * minerguardctl policy: show the policy, set one value of it, or load a
 * file of values all or nothing.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allow.h"
#include "json.h"
#include "minerguardctl.h"
#include "sysfs.h"
#include "text.h"
#include "values.h"

#define POLICY_DIR "policy"
#define MODE_KEY "mode"
#define LOCKED_KEY "locked"
#define ALLOW_KEY "allow"

/* The keys set and load take: mode, locked and each file of policy/. */
struct keys {
	char **knobs;
	size_t count;
};

struct assignment {
	unsigned int line;
	char *key;
	char *value;
	char *file;		/* relative to the root; NULL for allow */
};

struct policy_file {
	const char *name;	/* as messages show it */
	size_t count;
	struct assignment *entries;
};

/* What to do to take one change back. */
struct undo {
	const struct assignment *done;
	char *old_value;	/* NULL: an allowlist entry added */
};

static void show_policy_usage(FILE *out)
{
	fprintf(out, "Usage: %s policy [show] [--json]\n", PROG_NAME);
	fprintf(out, "       %s policy set KEY VALUE\n", PROG_NAME);
	fprintf(out, "       %s policy load FILE\n\n", PROG_NAME);
	fputs("show  prints 'KEY VALUE' lines: mode, locked, each file of\n",
	      out);
	fputs("      policy/ by name, then 'allow PATH' for each allowlist\n",
	      out);
	fputs("      entry. --json prints {\"mode\":..,\"locked\":..,\n", out);
	fputs("      \"policy\":{..},\"allow\":[..]} instead.\n", out);
	fputs("set   writes VALUE to KEY: mode, locked or a file of policy/.\n",
	      out);
	fputs("      Writing 1 to locked locks the policy until reboot: after\n",
	      out);
	fputs("      that it can only be tightened.\n", out);
	fputs("load  applies FILE ('-' for stdin): 'KEY = VALUE' lines, with\n",
	      out);
	fputs("      'allow = PATH' lines adding allowlist entries; blank lines\n",
	      out);
	fputs("      and lines starting with '#' are skipped. A file with a bad\n",
	      out);
	fputs("      line is rejected whole (exit 2). Lines apply in order,\n",
	      out);
	fputs("      locked last; if the module refuses one, the values already\n",
	      out);
	fputs("      written are put back and entries added removed (exit 1).\n",
	      out);
}

static int read_keys(struct keys *keys)
{
	int ret;

	ret = mg_sysfs_list_dir(POLICY_DIR, &keys->knobs, &keys->count);
	if (ret == -ENOENT)
		return 0;	/* a module from before the policy engine */
	if (ret < 0)
		fprintf(stderr, "%s: cannot open %s/%s: %s\n", PROG_NAME,
			mg_sysfs_root(), POLICY_DIR, strerror(-ret));
	return ret;
}

/*
 * Set *@file to the file of @key relative to the root. Returns 0, -ENOENT
 * for an unknown key or -ENOMEM.
 */
static int key_file(const struct keys *keys, const char *key, char **file)
{
	char path[PATH_MAX];
	size_t i;

	*file = NULL;
	if (!strcmp(key, MODE_KEY) || !strcmp(key, LOCKED_KEY)) {
		*file = strdup(key);
	} else {
		for (i = 0; i < keys->count; i++) {
			if (strcmp(keys->knobs[i], key))
				continue;
			snprintf(path, sizeof(path), "%s/%s", POLICY_DIR, key);
			*file = strdup(path);
			break;
		}
		if (i == keys->count)
			return -ENOENT;
	}
	return *file ? 0 : -ENOMEM;
}

struct policy {
	char mode[MG_SYSFS_VALUE_SIZE];
	char locked[MG_SYSFS_VALUE_SIZE];
	int locked_err;		/* -ENOENT: an older module */
	struct mg_values knobs;
	struct mg_allowlist allow;
	int allow_err;
};

static int read_policy(struct policy *policy)
{
	if (mg_sysfs_read_value(MODE_KEY, policy->mode,
				sizeof(policy->mode)) < 0)
		return -1;
	policy->locked_err = mg_sysfs_read_quiet(LOCKED_KEY, policy->locked,
						 sizeof(policy->locked));
	if (policy->locked_err && policy->locked_err != -ENOENT)
		mg_sysfs_report_error(LOCKED_KEY, policy->locked_err,
				      sizeof(policy->locked));
	if (mg_values_read(&policy->knobs, POLICY_DIR, NULL, 0, false) < 0)
		return -1;
	policy->allow_err = mg_allowlist_read(&policy->allow, true);
	return policy->allow_err == -ENOENT ? 0 : policy->allow_err;
}

static void print_text_value(const char *key, const char *value)
{
	text_print_escaped(stdout, key);
	putchar(' ');
	text_print_escaped(stdout, value ? value : "-");
	putchar('\n');
}

static void print_policy_text(const struct policy *policy)
{
	size_t i;

	print_text_value(MODE_KEY, policy->mode);
	if (policy->locked_err != -ENOENT)
		print_text_value(LOCKED_KEY, policy->locked_err ? NULL :
				 policy->locked);
	for (i = 0; i < policy->knobs.count; i++)
		print_text_value(policy->knobs.entries[i].name,
				 policy->knobs.entries[i].text);
	for (i = 0; i < policy->allow.count; i++)
		print_text_value(ALLOW_KEY, policy->allow.paths[i]);
}

static void print_policy_json(const struct policy *policy)
{
	const struct mg_value *knob;
	size_t i;

	fputs("{\"mode\":", stdout);
	json_print_string(stdout, policy->mode);
	if (policy->locked_err != -ENOENT) {
		fputs(",\"locked\":", stdout);
		mg_json_print_value(stdout, policy->locked_err ? NULL :
				    policy->locked);
	}
	if (policy->knobs.present) {
		fputs(",\"policy\":{", stdout);
		for (i = 0; i < policy->knobs.count; i++) {
			knob = &policy->knobs.entries[i];
			if (i)
				putchar(',');
			json_print_string(stdout, knob->name);
			putchar(':');
			mg_json_print_value(stdout, knob->text);
		}
		putchar('}');
	}
	if (!policy->allow_err) {
		fputs(",\"allow\":", stdout);
		mg_allowlist_print_json(stdout, &policy->allow);
	}
	fputs("}\n", stdout);
}

static int show_policy(bool json)
{
	/* Static: two page-sized buffers are more than the stack needs. */
	static struct policy policy;
	int ret = MG_EXIT_OK;

	/* Read everything first so a failure prints no partial output. */
	if (read_policy(&policy) < 0)
		ret = MG_EXIT_MODULE_ERROR;
	else if (json)
		print_policy_json(&policy);
	else
		print_policy_text(&policy);
	mg_values_free(&policy.knobs);
	mg_allowlist_free(&policy.allow);
	return ret;
}

static int set_value(const char *subcommand, const char *key,
		     const char *value)
{
	struct keys keys = { 0 };
	char *file;
	int ret;

	if (mg_sysfs_check_loaded() < 0 || read_keys(&keys) < 0)
		return MG_EXIT_MODULE_ERROR;
	ret = key_file(&keys, key, &file);
	mg_free_names(keys.knobs);
	if (ret == -ENOENT)
		return mg_usage_error(subcommand, "unknown key", key);
	if (ret < 0) {
		fprintf(stderr, "%s: out of memory\n", PROG_NAME);
		return MG_EXIT_MODULE_ERROR;
	}
	ret = mg_sysfs_write(file, value);
	free(file);
	if (ret < 0) {
		fprintf(stderr, "%s: cannot set %s to %s: %s\n", PROG_NAME, key,
			value, strerror(-ret));
		return MG_EXIT_MODULE_ERROR;
	}
	return MG_EXIT_OK;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* @str without the blanks around it, cut in place. */
static char *trim(char *str)
{
	size_t len;

	while (is_blank(*str))
		str++;
	len = strlen(str);
	while (len && is_blank(str[len - 1]))
		str[--len] = '\0';
	return str;
}

/* "NAME:LINE: @message '@arg'" on stderr; no quoted part if @arg is NULL. */
static void line_error(const char *name, unsigned int line,
		       const char *message, const char *arg)
{
	fprintf(stderr, "%s:%u: %s", name, line, message);
	if (arg)
		fprintf(stderr, " '%s'", arg);
	fputc('\n', stderr);
}

/*
 * Check line @number, @text without its newline, and add what it assigns
 * to @file. Returns 0, 1 after reporting a bad line, or -ENOMEM.
 */
static int parse_line(struct policy_file *file, const struct keys *keys,
		      unsigned int number, char *text)
{
	struct assignment *entry = &file->entries[file->count];
	char *equals, *key, *value;
	const char *problem;
	int ret;

	text = trim(text);
	if (!text[0] || text[0] == '#')
		return 0;
	equals = strchr(text, '=');
	if (!equals) {
		line_error(file->name, number, "expected 'KEY = VALUE'", NULL);
		return 1;
	}
	*equals = '\0';
	key = trim(text);
	value = trim(equals + 1);
	if (!key[0]) {
		line_error(file->name, number, "missing key before '='", NULL);
		return 1;
	}
	if (!value[0]) {
		line_error(file->name, number, "missing value for", key);
		return 1;
	}

	if (!strcmp(key, ALLOW_KEY)) {
		problem = mg_allow_path_problem(value);
		if (problem) {
			line_error(file->name, number, problem, value);
			return 1;
		}
		entry->file = NULL;
	} else {
		ret = key_file(keys, key, &entry->file);
		if (ret == -ENOENT) {
			line_error(file->name, number, "unknown key", key);
			return 1;
		}
		if (ret < 0)
			return ret;
		/* Values are single words; this also catches comments. */
		if (strpbrk(value, " \t\v\f")) {
			free(entry->file);
			entry->file = NULL;
			line_error(file->name, number,
				   "more than one word in the value of", key);
			return 1;
		}
	}
	entry->line = number;
	entry->key = strdup(key);
	entry->value = strdup(value);
	file->count++;
	return entry->key && entry->value ? 0 : -ENOMEM;
}

static void free_policy_file(struct policy_file *file)
{
	size_t i;

	for (i = 0; i < file->count; i++) {
		free(file->entries[i].key);
		free(file->entries[i].value);
		free(file->entries[i].file);
	}
	free(file->entries);
	file->entries = NULL;
	file->count = 0;
}

static int grow_entries(struct policy_file *file, size_t *capacity)
{
	struct assignment *entries;

	entries = mg_grow_array(file->entries, capacity, file->count + 1,
				sizeof(*entries));
	if (!entries)
		return -ENOMEM;
	file->entries = entries;
	return 0;
}

/*
 * Parse @in, reporting every bad line. Returns MG_EXIT_OK, or the exit
 * code after printing why.
 */
static int parse_policy_file(struct policy_file *file, const struct keys *keys,
			     FILE *in)
{
	unsigned int number = 0, bad = 0;
	size_t size = 0, capacity = 0;
	char *text = NULL;
	ssize_t len;
	int ret = 0;

	for (;;) {
		/* Tells a failed getline() from the end of the file. */
		errno = 0;
		len = getline(&text, &size, in);
		if (len < 0)
			break;
		number++;
		if (len && text[len - 1] == '\n')
			text[--len] = '\0';
		if (strlen(text) != (size_t)len) {
			line_error(file->name, number, "NUL byte in line", NULL);
			bad++;
			continue;
		}
		ret = grow_entries(file, &capacity);
		if (!ret)
			ret = parse_line(file, keys, number, text);
		if (ret < 0)
			break;
		bad += ret;
		ret = 0;
	}
	free(text);
	if (ret < 0 || (len < 0 && errno == ENOMEM)) {
		fprintf(stderr, "%s: out of memory\n", PROG_NAME);
		return MG_EXIT_MODULE_ERROR;
	}
	if (len < 0 && errno) {
		fprintf(stderr, "%s: cannot read %s: %s\n", PROG_NAME,
			file->name, strerror(errno));
		return MG_EXIT_USAGE;
	}
	if (bad) {
		fprintf(stderr, "%s: %s: nothing applied\n", PROG_NAME,
			file->name);
		return MG_EXIT_USAGE;
	}
	return MG_EXIT_OK;
}

/* Whether an earlier line of this run added @path to the allowlist. */
static bool added_before(const struct undo *undo, size_t count,
			 const char *path)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (!undo[i].old_value && !strcmp(undo[i].done->value, path))
			return true;
	}
	return false;
}

/*
 * Apply one assignment, recording in @undo how to take it back. An entry
 * already on the allowlist is left as it is, so that undoing does not
 * remove it. Returns 0 or a negative errno.
 */
static int apply_one(const struct assignment *entry, struct undo *undo,
		     size_t *undo_count, struct mg_allowlist *allow,
		     bool *allow_read)
{
	static char old_value[MG_SYSFS_VALUE_SIZE];
	int ret;

	if (!entry->file) {
		if (!*allow_read) {
			ret = mg_allowlist_read(allow, false);
			if (ret < 0)
				return ret;
			*allow_read = true;
		}
		if (mg_allowlist_contains(allow, entry->value) ||
		    added_before(undo, *undo_count, entry->value))
			return 0;
		ret = mg_allow_change(true, entry->value);
		if (ret < 0)
			return ret;
		undo[(*undo_count)++].done = entry;
		return 0;
	}

	ret = mg_sysfs_read_quiet(entry->file, old_value, sizeof(old_value));
	if (ret < 0)
		return ret;
	undo[*undo_count].old_value = strdup(old_value);
	if (!undo[*undo_count].old_value)
		return -ENOMEM;
	ret = mg_sysfs_write(entry->file, entry->value);
	if (ret < 0) {
		free(undo[*undo_count].old_value);
		undo[*undo_count].old_value = NULL;
		return ret;
	}
	undo[(*undo_count)++].done = entry;
	return 0;
}

/* Take back @count changes, last first. Returns false if one failed. */
static bool undo_changes(struct undo *undo, size_t count)
{
	const struct assignment *done;
	bool ok = true;
	int ret;

	while (count--) {
		done = undo[count].done;
		if (undo[count].old_value) {
			ret = mg_sysfs_write(done->file, undo[count].old_value);
			if (ret < 0)
				fprintf(stderr, "%s: cannot restore %s to %s: %s\n",
					PROG_NAME, done->key,
					undo[count].old_value, strerror(-ret));
		} else {
			ret = mg_allow_change(false, done->value);
			if (ret < 0)
				fprintf(stderr, "%s: cannot remove %s from the allowlist again: %s\n",
					PROG_NAME, done->value, strerror(-ret));
		}
		ok &= ret == 0;
	}
	return ok;
}

static int apply_policy_file(const struct policy_file *file)
{
	const struct assignment *entry, *locked = NULL;
	struct mg_allowlist allow = { 0 };
	bool allow_read = false;
	size_t undo_count = 0, i;
	struct undo *undo;
	int ret = 0;

	undo = calloc(file->count + 1, sizeof(*undo));
	if (!undo) {
		fprintf(stderr, "%s: out of memory\n", PROG_NAME);
		return MG_EXIT_MODULE_ERROR;
	}
	for (i = 0; i < file->count && !ret; i++) {
		entry = &file->entries[i];
		/* Locking first would stop the rest from loosening anything. */
		if (entry->file && !strcmp(entry->file, LOCKED_KEY))
			locked = entry;
		else
			ret = apply_one(entry, undo, &undo_count, &allow,
					&allow_read);
	}
	if (!ret && locked) {
		entry = locked;
		ret = mg_sysfs_write(entry->file, entry->value);
	}

	if (ret < 0) {
		line_error(file->name, entry->line, strerror(-ret), NULL);
		if (undo_changes(undo, undo_count))
			fprintf(stderr, "%s: %s: nothing changed\n", PROG_NAME,
				file->name);
		else
			fprintf(stderr, "%s: %s: could not undo every change\n",
				PROG_NAME, file->name);
	}
	for (i = 0; i < undo_count; i++)
		free(undo[i].old_value);
	free(undo);
	mg_allowlist_free(&allow);
	return ret < 0 ? MG_EXIT_MODULE_ERROR : MG_EXIT_OK;
}

static int load_policy(const char *name)
{
	struct policy_file file = { .name = name };
	struct keys keys = { 0 };
	FILE *in = stdin;
	int ret;

	if (mg_sysfs_check_loaded() < 0 || read_keys(&keys) < 0)
		return MG_EXIT_MODULE_ERROR;
	if (!strcmp(name, "-")) {
		file.name = "<stdin>";
	} else {
		in = fopen(name, "re");
		if (!in) {
			fprintf(stderr, "%s: cannot open %s: %s\n", PROG_NAME,
				name, strerror(errno));
			mg_free_names(keys.knobs);
			return MG_EXIT_USAGE;
		}
	}
	ret = parse_policy_file(&file, &keys, in);
	if (in != stdin)
		fclose(in);
	mg_free_names(keys.knobs);
	if (ret == MG_EXIT_OK)
		ret = apply_policy_file(&file);
	free_policy_file(&file);
	return ret;
}

int policy_main(int argc, const char *const argv[])
{
	const char *command = argc > 1 ? argv[1] : "show";
	bool json = false;
	int i;

	for (i = 1; i < argc; i++) {
		if (mg_is_help(argv[i])) {
			show_policy_usage(stdout);
			return MG_EXIT_OK;
		}
	}
	if (!strcmp(command, "set")) {
		if (argc != 4)
			return mg_usage_error(argv[0], "set takes KEY VALUE",
					      NULL);
		return set_value(argv[0], argv[2], argv[3]);
	}
	if (!strcmp(command, "load")) {
		if (argc != 3)
			return mg_usage_error(argv[0], "load takes FILE", NULL);
		return load_policy(argv[2]);
	}

	i = !strcmp(command, "show") ? 2 : 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else
			return mg_usage_error(argv[0], argv[i][0] == '-' ?
					      "unknown option" :
					      "unknown command", argv[i]);
	}
	return show_policy(json);
}
