/*
 * build_drop.c
 *	  DROP TABLE / VIEW / MATERIALIZED VIEW / SEQUENCE / INDEX and ALTER
 *	  TABLE ... DROP COLUMN / DROP CONSTRAINT, as PostgreSQL applies them:
 *	  what depends on the object automatically goes with it (a table's
 *	  partitions, indexes, keys and owned sequences; the indexes and
 *	  constraints on a dropped column; the partitions' copies of a dropped
 *	  index or key), what depends on it otherwise goes only with CASCADE
 *	  (foreign keys from other tables, inheritance children), and without
 *	  CASCADE the statement is refused with a warning, as PostgreSQL
 *	  refuses it.  Dropping what does not exist does nothing: pg_dump
 *	  --clean writes DROPs before the objects are created.
 */
#include "build_int.h"

#include <string.h>

/* Does the expression text `expr` name `col` as an identifier (bare or quoted)? */
static bool mentions(const char *expr, const char *col)
{
	size_t len;
	return build_find_ident(expr, col, &len) != NULL;
}

static bool list_mentions(const struct ptrvec *pv, const char *col)
{
	for (size_t i = 0; i < pv->n; i++)
		if (mentions(pv->v[i], col))
			return true;
	return false;
}

/* A foreign key of a table outside `victims` that refers to table t (to column col, or any). */
static struct constraint *fk_into(struct model *m, const struct table *t, const char *col,
				  const struct ptrvec *key, const struct ptrvec *victims,
				  struct table **from)
{
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *o = m->tables.v[i];
		bool victim = false;
		for (size_t j = 0; victims && j < victims->n && !victim; j++)
			victim = victims->v[j] == o;
		if (victim)
			continue;
		for (size_t j = 0; j < o->constraints.n; j++) {
			struct constraint *c = o->constraints.v[j];
			if (c->kind == CON_FOREIGN && c->ref_table &&
			    strcmp(c->ref_table, t->h.name) == 0 &&
			    strcmp(c->ref_schema, t->h.schema) == 0 &&
			    (col == NULL || list_mentions(&c->ref_columns, col)) &&
			    (key == NULL || build_strvec_eq(&c->ref_columns, key))) {
				*from = o;
				return c;
			}
		}
	}
	return NULL;
}

/*
 * Foreign keys into t (to column col, to the key `key`, or any) from outside
 * `victims`: dropped with CASCADE, else the drop of `what` ("table s.t") is
 * refused (false).
 */
static bool fks_into(struct builder *b, struct table *t, const char *col, const struct ptrvec *key,
		     const struct ptrvec *victims, bool cascade, const char *what)
{
	struct table *from;
	struct constraint *c;
	while ((c = fk_into(b->m, t, col, key, victims, &from))) {
		if (!cascade) {
			build_warn(
			    b, 0,
			    "cannot drop %s: foreign key %s of %s.%s depends on it (not dropped; "
			    "CASCADE would)",
			    what, c->name, from->h.schema, from->h.name);
			return false;
		}
		table_drop_constraint(b->m, from, c);
	}
	return true;
}

/* The sequences owned by t (its column col, or any): dropped with it. */
static void drop_owned_sequences(struct builder *b, const struct table *t, const char *col)
{
	for (size_t i = b->m->sequences.n; i-- > 0;) {
		struct sequence *s = b->m->sequences.v[i];
		if (s->owned_by_table && strcmp(s->owned_by_table, t->h.name) == 0 &&
		    strcmp(s->owned_by_schema, t->h.schema) == 0 &&
		    (col == NULL || strcmp(s->owned_by_column, col) == 0))
			model_drop_sequence(b->m, s);
	}
}

static void drop_table(struct builder *b, struct table *t, bool cascade)
{
	struct ptrvec victims = {0};
	build_tables_below(b, t, !cascade, &victims);
	/* Without CASCADE, INHERITS children refuse it (partitions go with their table). */
	struct ptrvec all = {0};
	build_tables_below(b, t, false, &all);
	if (all.n > victims.n) {
		build_warn(b, 0,
			   "cannot drop table %s.%s: other tables inherit from it (not dropped; "
			   "CASCADE would)",
			   t->h.schema, t->h.name);
		goto done;
	}
	for (size_t i = 0; i < victims.n; i++)
		if (!fks_into(b, victims.v[i], NULL, NULL, &victims, cascade,
			      arena_printf(b->a, "table %s.%s", t->h.schema, t->h.name)))
			goto done;
	for (size_t i = victims.n; i-- > 0;) {
		drop_owned_sequences(b, victims.v[i], NULL);
		model_drop_table(b->m, victims.v[i]);
	}
done:
	ptrvec_free(&victims);
	ptrvec_free(&all);
}

/* An index on a partitioned table takes the partitions' indexes attached to it along. */
static void drop_index(struct builder *b, struct index *ix)
{
	struct table *t = model_find_table(b->m, ix->h.schema, ix->table);
	if (ix->constraint) {
		build_warn(b, 0, "cannot drop index %s.%s: constraint %s requires it (not dropped)",
			   ix->h.schema, ix->h.name, ix->constraint);
		return;
	}
	if (t && t->kind == TABLE_PARTITIONED) {
		struct ptrvec below = {0};
		build_tables_below(b, t, true, &below);
		for (size_t i = 1; i < below.n; i++) {
			struct table *p = below.v[i];
			for (size_t j = 0; j < p->indexes.n; j++) {
				struct index *pi = p->indexes.v[j];
				if (build_index_matches(ix, pi)) {
					model_drop_index(b->m, pi);
					break;
				}
			}
		}
		ptrvec_free(&below);
	}
	model_drop_index(b->m, ix);
}

/* Find schema.name (schema NULL: along search_path) of kind 'T', 'V', 'S' or 'I'. */
static void *find_relation(struct builder *b, const List *names, char kind)
{
	const char *schema, *name;
	build_qualname(b, names, &schema, &name);
	for (int i = -1; name && i < b->n_search_path; i++) {
		const char *s = i < 0 ? schema : b->search_path[i];
		if ((i < 0) != (schema != NULL))
			continue;
		void *o = kind == 'T'	? (void *)model_find_table(b->m, s, name)
			  : kind == 'V' ? (void *)model_find_view(b->m, s, name)
			  : kind == 'S' ? (void *)model_find_sequence(b->m, s, name)
					: (void *)model_find_index(b->m, s, name);
		if (o)
			return o;
	}
	return NULL;
}

void build_drop(struct builder *b, const DropStmt *ds)
{
	bool cascade = ds->behavior == DROP_CASCADE;
	ListCell *lc;
	foreach (lc, ds->objects) {
		if (!IsA(lfirst(lc), List))
			continue;
		const List *names = lfirst(lc);
		void *o;
		switch (ds->removeType) {
		case OBJECT_TABLE:
		case OBJECT_FOREIGN_TABLE:
			if ((o = find_relation(b, names, 'T')))
				drop_table(b, o, cascade);
			break;
		case OBJECT_VIEW:
		case OBJECT_MATVIEW:
			if ((o = find_relation(b, names, 'V')) &&
			    ((struct view *)o)->materialized == (ds->removeType == OBJECT_MATVIEW))
				model_drop_view(b->m, o);
			break;
		case OBJECT_SEQUENCE:
			if ((o = find_relation(b, names, 'S')))
				model_drop_sequence(b->m, o);
			break;
		case OBJECT_INDEX:
			if ((o = find_relation(b, names, 'I')))
				drop_index(b, o);
			break;
		default:
			break; /* types, functions, schemas...: not followed */
		}
	}
}

/* Drop constraint c of t, and of the tables below what PostgreSQL drops with it. */
static void drop_constraint_down(struct builder *b, struct table *t, struct constraint *c,
				 bool recurse)
{
	const char *name = c->name;
	enum con_kind kind = c->kind;
	struct ptrvec keycols = {0};
	for (size_t i = 0; i < c->columns.n; i++)
		ptrvec_push(&keycols, c->columns.v[i]);
	struct ptrvec below = {0};
	if (recurse)
		build_tables_below(b, t, kind != CON_CHECK, &below);
	for (size_t i = 0; i < t->indexes.n; i++) {
		struct index *ix = t->indexes.v[i];
		if (ix->constraint && strcmp(ix->constraint, name) == 0) {
			model_drop_index(b->m, ix);
			break;
		}
	}
	table_drop_constraint(b->m, t, c);
	for (size_t i = 1; i < below.n; i++) {
		struct table *x = below.v[i];
		for (size_t j = 0; j < x->constraints.n; j++) {
			struct constraint *xc = x->constraints.v[j];
			bool same = kind == CON_CHECK || kind == CON_FOREIGN
					? strcmp(xc->name, name) == 0 && xc->kind == kind
					: xc->kind == kind && xc->columns.n == keycols.n;
			for (size_t k = 0;
			     same && kind != CON_CHECK && kind != CON_FOREIGN && k < keycols.n; k++)
				same = strcmp(xc->columns.v[k], keycols.v[k]) == 0;
			if (same) {
				table_drop_constraint(b->m, x, xc);
				break;
			}
		}
	}
	ptrvec_free(&below);
	ptrvec_free(&keycols);
}

void build_drop_constraint(struct builder *b, struct table *t, const AlterTableCmd *cmd,
			   bool recurse)
{
	struct constraint *c = cmd->name ? table_find_constraint(t, cmd->name) : NULL;
	if (c == NULL) {
		if (!cmd->missing_ok)
			build_warn(b, 0, "constraint \"%s\" of table %s.%s does not exist",
				   cmd->name ? cmd->name : "?", t->h.schema, t->h.name);
		return;
	}
	if ((c->kind == CON_PRIMARY || c->kind == CON_UNIQUE) &&
	    !fks_into(
		b, t, NULL, &c->columns, NULL, cmd->behavior == DROP_CASCADE,
		arena_printf(b->a, "constraint %s of %s.%s", c->name, t->h.schema, t->h.name)))
		return;
	drop_constraint_down(b, t, c, recurse);
}

/* DROP COLUMN on one table: its indexes, constraints and owned sequence go with it. */
static void drop_column_here(struct builder *b, struct table *t, struct column *col)
{
	const char *name = col->name;
	for (size_t i = t->indexes.n; i-- > 0;) {
		struct index *ix = t->indexes.v[i];
		if (list_mentions(&ix->columns, name) || list_mentions(&ix->include, name) ||
		    (ix->where && mentions(ix->where, name)))
			model_drop_index(b->m, ix);
	}
	for (size_t i = t->constraints.n; i-- > 0;) {
		struct constraint *c = t->constraints.v[i];
		if (list_mentions(&c->columns, name) || list_mentions(&c->include, name) ||
		    (c->expression && mentions(c->expression, name)) ||
		    (c->where && mentions(c->where, name)))
			table_drop_constraint(b->m, t, c);
	}
	drop_owned_sequences(b, t, name);
	table_drop_column(t, col);
}

void build_drop_column(struct builder *b, struct table *t, const AlterTableCmd *cmd, bool recurse)
{
	struct column *col = cmd->name ? table_find_column(t, cmd->name) : NULL;
	if (col == NULL) {
		if (!cmd->missing_ok)
			build_warn(b, 0, "column \"%s\" of table %s.%s does not exist",
				   cmd->name ? cmd->name : "?", t->h.schema, t->h.name);
		return;
	}
	struct ptrvec below = {0};
	build_tables_below(b, t, false, &below);
	for (size_t i = 0; i < below.n; i++)
		if (!fks_into(b, below.v[i], cmd->name, NULL, &below, cmd->behavior == DROP_CASCADE,
			      arena_printf(b->a, "column %s of %s.%s", cmd->name, t->h.schema,
					   t->h.name)))
			goto done;
	drop_column_here(b, t, col);
	/* Below: an inherited-only column goes too; with ONLY, or merged, it stays, now local. */
	for (size_t i = 1; i < below.n; i++) {
		struct column *cc = table_find_column(below.v[i], cmd->name);
		if (cc == NULL)
			continue;
		/* A partition's columns are never its own (attislocal is false). */
		if (recurse && (cc->inherited || ((struct table *)below.v[i])->parent_table))
			drop_column_here(b, below.v[i], cc);
		else
			cc->inherited = false;
	}
done:
	ptrvec_free(&below);
}
