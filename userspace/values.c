// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a directory of named values such as stats/ or policy/.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "minerguardctl.h"
#include "sysfs.h"
#include "values.h"

static bool is_first(const char *name, const char *const *first,
		     size_t nr_first)
{
	size_t i;

	for (i = 0; i < nr_first; i++) {
		if (!strcmp(name, first[i]))
			return true;
	}
	return false;
}

/* Read @name in @dir_fd into @value; a missing file leaves it unknown. */
static int read_value(int dir_fd, const char *dir, const char *name,
		      bool numeric, struct mg_value *value)
{
	/* Static: one page is more than the stack needs. */
	static char text[MG_SYSFS_VALUE_SIZE];
	unsigned long long number;
	char path[PATH_MAX];
	int ret;

	value->name = strdup(name);
	if (!value->name)
		return -ENOMEM;
	ret = mg_sysfs_read_at(dir_fd, name, text, sizeof(text));
	if (!ret && numeric)
		ret = mg_parse_u64(text, &number);
	if (ret == -ENOENT)
		return 0;
	if (ret < 0) {
		snprintf(path, sizeof(path), "%s/%s/%s", mg_sysfs_root(), dir,
			 name);
		mg_sysfs_print_read_error(path, ret, sizeof(text));
		return 0;
	}
	value->text = strdup(text);
	return value->text ? 0 : -ENOMEM;
}

int mg_values_read(struct mg_values *values, const char *dir,
		   const char *const *first, size_t nr_first, bool numeric)
{
	char **names;
	size_t nr_names, n, i;
	int fd, ret = 0;

	memset(values, 0, sizeof(*values));
	fd = mg_sysfs_list_open_dir(dir, &names, &nr_names);
	if (fd == -ENOENT)
		return 0;
	if (fd == -ENOMEM)
		goto out_of_memory;
	if (fd < 0) {
		fprintf(stderr, "%s: cannot open %s/%s: %s\n", PROG_NAME,
			mg_sysfs_root(), dir, strerror(-fd));
		return fd;
	}
	values->present = true;

	n = nr_first + nr_names;
	values->entries = n ? calloc(n, sizeof(*values->entries)) : NULL;
	if (n && !values->entries) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < nr_first && !ret; i++)
		ret = read_value(fd, dir, first[i], numeric,
				 &values->entries[values->count++]);
	for (i = 0; i < nr_names && !ret; i++) {
		if (is_first(names[i], first, nr_first))
			continue;
		ret = read_value(fd, dir, names[i], numeric,
				 &values->entries[values->count++]);
	}
out:
	close(fd);
	mg_free_names(names);
	if (!ret)
		return 0;
	mg_values_free(values);
out_of_memory:
	fprintf(stderr, "%s: out of memory\n", PROG_NAME);
	return -ENOMEM;
}

void mg_values_free(struct mg_values *values)
{
	size_t i;

	for (i = 0; i < values->count; i++) {
		free(values->entries[i].name);
		free(values->entries[i].text);
	}
	free(values->entries);
	memset(values, 0, sizeof(*values));
}

void mg_json_print_value(FILE *out, const char *text)
{
	unsigned long long number;

	if (!text)
		fputs("null", out);
	else if (!mg_parse_u64(text, &number))
		fprintf(out, "%llu", number);
	else
		json_print_string(out, text);
}
