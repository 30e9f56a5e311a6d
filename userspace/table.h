/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tables of tracked cgroups, one row per cgroup, as status and top print
 * them: columns two spaces apart, each as wide as its widest cell,
 * numbers right-aligned, words left-aligned, the last column unpadded.
 */
#ifndef MINERGUARDCTL_TABLE_H
#define MINERGUARDCTL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cgroups.h"

/* Columns that are not one numeric file of enum mg_cgroup_field. */
enum {
	MG_COLUMN_ID = -1,
	MG_COLUMN_MEMORY = -2,		/* memory events as name=count,... */
	MG_COLUMN_VERDICT = -3,
	MG_COLUMN_ACTION = -4,
	MG_COLUMN_PATH = -5,
	MG_COLUMN_EVIDENCE = -6,
};

struct mg_column {
	const char *header;
	int field;		/* enum mg_cgroup_field, or an MG_COLUMN_* */
};

/* Fits any cell formatted into a buffer: every memory event, 20 digits. */
#define MG_CELL_SIZE 512

/*
 * The text of a cell, unescaped: numbers and MEMORY are formatted into
 * @buf (MG_CELL_SIZE bytes), words come from the module as they are;
 * "-" for a value the module did not provide.
 */
const char *mg_cell_text(char *buf, const struct mg_cgroup *cg, int field);

/* Numbers are right-aligned, words left-aligned. */
bool mg_column_is_word(int field);

/*
 * Set @width[c] to the escaped length of the widest cell of column c
 * among @count cgroups, its header included.
 */
void mg_table_widths(const struct mg_column *columns, size_t nr_columns,
		     const struct mg_cgroup *cgroups, size_t count,
		     size_t *width);

/* Where column @c starts in a line, given the @width of those before. */
size_t mg_table_offset(const size_t *width, size_t c);

/* The header line and one cgroup's line, each with its newline. */
void mg_table_print_header(FILE *out, const struct mg_column *columns,
			   size_t nr_columns, const size_t *width);
void mg_table_print_row(FILE *out, const struct mg_column *columns,
			size_t nr_columns, const size_t *width,
			const struct mg_cgroup *cg);

#endif /* MINERGUARDCTL_TABLE_H */
