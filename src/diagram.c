/*
 * diagram.c
 *	  The plan both ER diagram emitters draw (diagram.h): which entities,
 *	  in which order, and which relationships with which cardinality.
 */
#include "facts.h"
#include "diagram.h"

#include <stdlib.h>
#include <string.h>

static long column_index(const struct table *t, const char *name)
{
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = t->columns.v[i];
		if (strcmp(c->name, name) == 0)
			return (long)i;
	}
	return -1;
}

static const char *ref_schema(const struct table *t, const struct constraint *fk)
{
	return fk->ref_schema ? fk->ref_schema : facts_nz(t->h.schema);
}

/* Entity index of the stub for schema.name among entities [from, to), or -1. */
static long find_stub(const struct diagram *d, size_t from, const char *schema, const char *name)
{
	for (size_t i = from; i < d->n_entities; i++) {
		const struct diagram_entity *e = &d->entities[i];
		if (strcmp(e->schema, schema) == 0 && strcmp(e->name, name) == 0)
			return (long)i;
	}
	return -1;
}

static int compare_entities(const void *a, const void *b)
{
	const struct diagram_entity *x = a, *y = b;
	int c = strcmp(x->schema, y->schema);
	return c != 0 ? c : strcmp(x->name, y->name);
}

static size_t count_foreign_keys(const struct table *t)
{
	size_t n = 0;
	for (size_t j = 0; j < t->constraints.n; j++) {
		const struct constraint *c = t->constraints.v[j];
		n += c->kind == CON_FOREIGN;
	}
	return n;
}

void diagram_plan(const struct model *m, struct diagram *d)
{
	struct table_index *ix = table_index_new(m);
	size_t *entity_of = xcalloc(m->tables.n ? m->tables.n : 1, sizeof(*entity_of));
	size_t n_fks = 0;

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (t->h.included)
			n_fks += count_foreign_keys(t);
	}
	/* At most one entity per table and one stub per foreign key. */
	d->entities = xcalloc(m->tables.n + n_fks + 1, sizeof(*d->entities));
	d->rels = xcalloc(n_fks + 1, sizeof(*d->rels));
	d->n_entities = 0;
	d->n_rels = 0;

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included)
			continue;
		entity_of[i] = d->n_entities;
		d->entities[d->n_entities++] =
		    (struct diagram_entity){facts_nz(t->h.schema), facts_nz(t->h.name), t, 0};
	}
	size_t n_tables = d->n_entities;

	/* Referenced tables that are not drawn: a stub each, once, sorted by name. */
	for (size_t i = 0; i < n_tables; i++) {
		const struct table *t = d->entities[i].t;
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			const char *rs = ref_schema(t, c), *rt = facts_nz(c->ref_table);
			if (c->kind != CON_FOREIGN || table_index_find(ix, rs, rt) >= 0 ||
			    find_stub(d, n_tables, rs, rt) >= 0)
				continue;
			d->entities[d->n_entities++] = (struct diagram_entity){rs, rt, NULL, 0};
		}
	}
	qsort(d->entities + n_tables, d->n_entities - n_tables, sizeof(*d->entities),
	      compare_entities);

	for (size_t i = 0; i < n_tables; i++) {
		const struct table *t = d->entities[i].t;
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			if (c->kind != CON_FOREIGN)
				continue;
			struct diagram_rel *r = &d->rels[d->n_rels++];
			long hit = table_index_find(ix, ref_schema(t, c), facts_nz(c->ref_table));
			r->child = i;
			r->parent = hit >= 0 ? entity_of[hit]
					     : (size_t)find_stub(d, n_tables, ref_schema(t, c),
								 facts_nz(c->ref_table));
			r->t = t;
			r->fk = c;
			fkey_cardinality(t, c, &r->card);
			r->child_column =
			    c->columns.n > 0 ? column_index(t, facts_nz(c->columns.v[0])) : -1;
			r->parent_column =
			    hit >= 0 && c->ref_columns.n > 0
				? column_index(m->tables.v[hit], facts_nz(c->ref_columns.v[0]))
				: -1;
		}
	}
	free(entity_of);
	table_index_free(ix);
}

void diagram_plan_opts(const struct model *m, const struct diagram_opts *opts, struct diagram *d)
{
	diagram_plan(m, d);
}

void diagram_free(struct diagram *d)
{
	free(d->entities);
	free(d->rels);
	d->entities = NULL;
	d->rels = NULL;
	d->n_entities = d->n_rels = 0;
}

unsigned diagram_column_keys(const struct table *t, const char *name)
{
	unsigned keys = 0;

	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		if (!colset_has(&c->columns, name))
			continue;
		if (c->kind == CON_PRIMARY)
			keys |= DIAGRAM_PK;
		else if (c->kind == CON_FOREIGN)
			keys |= DIAGRAM_FK;
		else if (c->kind == CON_UNIQUE)
			keys |= DIAGRAM_UK;
	}
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = t->indexes.v[i];
		if (ix->unique && ix->where == NULL && colset_has(&ix->columns, name))
			keys |= DIAGRAM_UK;
	}
	return keys;
}

const char *diagram_kind_label(const struct table *t)
{
	switch (t->kind) {
	case TABLE_ORDINARY:
		return NULL;
	case TABLE_PARTITIONED:
		return "partitioned table";
	case TABLE_PARTITION:
		return "partition";
	case TABLE_FOREIGN:
		return "foreign table";
	}
	return NULL;
}

size_t diagram_char(const char *s, char esc[ESCAPE_MAX])
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = escape_char(s, esc);

	/* U+FFFE is EF BF BE, U+FFFF is EF BF BF. */
	if (esc[0] == '\0' && len == 3 && u[0] == 0xef && u[1] == 0xbf && (u[2] & 0xfe) == 0xbe)
		strcpy(esc, u[2] == 0xbe ? "\\ufffe" : "\\uffff");
	return len;
}

int diagram_write(const struct diagram *d, const struct diagram_lang *lang, struct sink *out)
{
	sink_puts(out, lang->head);
	for (size_t i = 0; i < d->n_entities; i++)
		lang->entity(out, &d->entities[i], i + 1);
	for (size_t i = 0; i < d->n_rels; i++)
		lang->relationship(out, &d->rels[i]);
	lang->tail(out, d);
	return sink_finish(out);
}

int diagram_draw_opts(const struct model *m, const struct diagram_opts *opts,
		      const struct diagram_lang *lang, struct sink *out)
{
	struct diagram d;

	diagram_plan_opts(m, opts, &d);
	int rc = diagram_write(&d, lang, out);
	diagram_free(&d);
	return rc;
}

int diagram_draw(const struct model *m, const struct diagram_lang *lang, struct sink *out)
{
	return diagram_draw_opts(m, NULL, lang, out);
}
