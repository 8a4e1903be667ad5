/*
 * build_data.c
 *	  What the builder keeps of a dump's data (datascan.h reads it): a
 *	  table's first value from its first COPY line, and the rows and first
 *	  value of each INSERT of pg_dump's forms, added to its table's.
 */
#include "build_int.h"

#include "arena.h"
#include "datascan.h"

#include <string.h>

void build_data_copy(struct builder *b, struct table *t, const char *first_row)
{
	if (t != NULL && t->first_value == NULL && first_row != NULL)
		t->first_value = datascan_copy_value(b->a, first_row);
}

void build_data_insert(struct builder *b, const struct stmt *st)
{
	struct datascan_insert ins;
	sb_init(&ins.schema);
	sb_init(&ins.name);
	sb_init(&ins.value);

	long long rows = datascan_insert(st->text, st->len, build_standard_strings(b), &ins);
	if (rows >= 0) {
		RangeVar rv;
		memset(&rv, 0, sizeof(rv));
		rv.type = T_RangeVar;
		rv.schemaname = ins.schema.len > 0 ? ins.schema.data : NULL;
		rv.relname = ins.name.data;
		struct table *t = build_find_table(b, &rv);
		if (t != NULL) {
			t->rows = pgb_add_rows(t->rows < 0 ? 0 : t->rows, rows);
			if (t->first_value == NULL && ins.have_value)
				t->first_value = arena_strdup(b->a, ins.value.data);
		}
	}
	sb_free(&ins.schema);
	sb_free(&ins.name);
	sb_free(&ins.value);
}
