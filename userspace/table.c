// SPDX-License-Identifier: GPL-2.0
/*
 * Tables of tracked cgroups, shared by status and top.
 */
#include <stdio.h>
#include <string.h>

#include "cgroups.h"
#include "minerguardctl.h"
#include "table.h"
#include "text.h"

#define COLUMN_GAP "  "

/* Memory-pattern events the MEMORY column lists when not 0. */
static const enum mg_cgroup_field memory_events[] = {
	MG_CG_ANON_EXEC, MG_CG_WX_FLIPS, MG_CG_EXEC_STACK, MG_CG_HUGETLB_2M,
	MG_CG_HUGETLB_1G, MG_CG_THP_ADVISE, MG_CG_BIG_ANON, MG_CG_MSR_OPEN,
	MG_CG_HUGEPAGE_SYSCTL, MG_CG_MSR_ALLOW_WRITES,
};

/* "name=count,..." for the events that happened; "-" if any is unknown. */
static void format_memory(char *buf, const struct mg_cgroup *cg)
{
	size_t i, len = 0;
	int f;

	for (i = 0; i < ARRAY_SIZE(memory_events); i++) {
		f = memory_events[i];
		if (!cg->known[f]) {
			snprintf(buf, MG_CELL_SIZE, "-");
			return;
		}
		if (cg->value[f])
			len += snprintf(buf + len, MG_CELL_SIZE - len,
					"%s%s=%llu", len ? "," : "",
					mg_cgroup_field_names[f], cg->value[f]);
	}
	if (!len)
		snprintf(buf, MG_CELL_SIZE, "none");
}

/* A word the module gave, or "-" if it gave none. */
static const char *word_or_dash(const char *text)
{
	return text && text[0] ? text : "-";
}

const char *mg_cell_text(char *buf, const struct mg_cgroup *cg, int field)
{
	switch (field) {
	case MG_COLUMN_MEMORY:
		format_memory(buf, cg);
		return buf;
	case MG_COLUMN_ID:
		snprintf(buf, MG_CELL_SIZE, "%llu", cg->id);
		return buf;
	case MG_COLUMN_VERDICT:
		return word_or_dash(cg->text[MG_CG_VERDICT]);
	case MG_COLUMN_ACTION:
		return word_or_dash(cg->text[MG_CG_ACTION]);
	case MG_COLUMN_EVIDENCE:
		return word_or_dash(cg->text[MG_CG_EVIDENCE]);
	case MG_COLUMN_PATH:
		/* An empty path stays empty, as status always showed it. */
		return cg->text[MG_CG_PATH] ? cg->text[MG_CG_PATH] : "-";
	}
	if (!cg->known[field])
		snprintf(buf, MG_CELL_SIZE, "-");
	else if (field == MG_CG_CPUS_ALLOWED_MILLI)
		text_format_milli(buf, MG_CELL_SIZE, cg->value[field]);
	else
		snprintf(buf, MG_CELL_SIZE, "%llu", cg->value[field]);
	return buf;
}

bool mg_column_is_word(int field)
{
	return field == MG_COLUMN_MEMORY || field == MG_COLUMN_VERDICT ||
	       field == MG_COLUMN_ACTION || field == MG_COLUMN_PATH ||
	       field == MG_COLUMN_EVIDENCE;
}

void mg_table_widths(const struct mg_column *columns, size_t nr_columns,
		     const struct mg_cgroup *cgroups, size_t count,
		     size_t *width)
{
	char buf[MG_CELL_SIZE];
	size_t i, c, len;

	for (c = 0; c < nr_columns; c++)
		width[c] = strlen(columns[c].header);
	for (i = 0; i < count; i++) {
		for (c = 0; c < nr_columns; c++) {
			len = text_escaped_length(mg_cell_text(buf, &cgroups[i],
							       columns[c].field));
			if (len > width[c])
				width[c] = len;
		}
	}
}

size_t mg_table_offset(const size_t *width, size_t c)
{
	size_t i, offset = 0;

	for (i = 0; i < c; i++)
		offset += width[i] + strlen(COLUMN_GAP);
	return offset;
}

static void print_padding(FILE *out, size_t n)
{
	while (n--)
		fputc(' ', out);
}

/*
 * @text escaped and padded to @width, then the gap to the next column;
 * the @last column has neither padding after it nor a gap.
 */
static void print_cell(FILE *out, int field, const char *text, size_t width,
		       bool last)
{
	size_t len = text_escaped_length(text);
	size_t padding = width > len ? width - len : 0;
	bool word = mg_column_is_word(field);

	if (!word)
		print_padding(out, padding);
	text_print_escaped(out, text);
	if (last)
		return;
	if (word)
		print_padding(out, padding);
	fputs(COLUMN_GAP, out);
}

void mg_table_print_header(FILE *out, const struct mg_column *columns,
			   size_t nr_columns, const size_t *width)
{
	size_t c;

	for (c = 0; c < nr_columns; c++)
		print_cell(out, columns[c].field, columns[c].header, width[c],
			   c + 1 == nr_columns);
	fputc('\n', out);
}

void mg_table_print_row(FILE *out, const struct mg_column *columns,
			size_t nr_columns, const size_t *width,
			const struct mg_cgroup *cg)
{
	char buf[MG_CELL_SIZE];
	size_t c;

	for (c = 0; c < nr_columns; c++)
		print_cell(out, columns[c].field,
			   mg_cell_text(buf, cg, columns[c].field), width[c],
			   c + 1 == nr_columns);
	fputc('\n', out);
}
