/*
 * lint_rules.c
 *	  The lint rules (lint.h): each looks at the model's included objects
 *	  and reports what it finds through lint_add().  Objects are named as
 *	  SQL names them, identifiers quoted when needed: public.t for a
 *	  table, public.t.c for its column, constraint or policy, public.ix for
 *	  an index, public.f(integer) for a function.
 */
#include "lint_int.h"

#include "sqlident.h"

#include <string.h>

static bool on(const struct lint_ctx *c, enum lint_rule_id id)
{
	return c->o->enabled[id];
}

static const char *table_name(struct lint_ctx *c, const struct table *t)
{
	return sqlident_qualified(c->r->arena, t->h.schema, t->h.name);
}

/* table.part: a column, constraint or policy of t. */
static const char *part_name(struct lint_ctx *c, const struct table *t, const char *part)
{
	return arena_printf(c->r->arena, "%s.%s", table_name(c, t),
			    sqlident_quote(c->r->arena, part));
}

static struct column *column_of(const struct table *t, const char *name)
{
	return table_find_column((struct table *)t, name);
}

/* The included table schema.name, or NULL. */
static const struct table *find_table(const struct lint_ctx *c, const char *schema,
				      const char *name)
{
	long i = table_index_find(c->tables, schema, name);
	return i < 0 ? NULL : c->m->tables.v[i];
}

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static const char *list_text(struct lint_ctx *c, const struct ptrvec *pv)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < pv->n; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", sqlident_quote(c->r->arena, pv->v[i]));
	const char *s = arena_strdup(c->r->arena, sb.data ? sb.data : "");
	sb_free(&sb);
	return s;
}

/* no-primary-key, unlogged-table, rls-without-policy, policy-without-rls, table-without-comment */
static void table_rules(struct lint_ctx *c, const struct table *t)
{
	const char *name = table_name(c, t);
	bool has_pk = false;
	for (size_t i = 0; i < t->constraints.n; i++)
		has_pk |= ((const struct constraint *)t->constraints.v[i])->kind == CON_PRIMARY;
	if (on(c, R_NO_PRIMARY_KEY) && !has_pk && t->kind != TABLE_FOREIGN)
		lint_add(c, R_NO_PRIMARY_KEY, "table", name, t->h.line, t->h.col, t,
			 "table %s has no primary key", name);
	if (on(c, R_UNLOGGED_TABLE) && t->unlogged)
		lint_add(c, R_UNLOGGED_TABLE, "table", name, t->h.line, t->h.col, t,
			 "table %s is UNLOGGED: emptied after a crash, not replicated", name);
	if (on(c, R_RLS_WITHOUT_POLICY) && t->rls_enabled && t->policies.n == 0)
		lint_add(c, R_RLS_WITHOUT_POLICY, "table", name, t->h.line, t->h.col, t,
			 "table %s has row level security enabled and no policy", name);
	if (on(c, R_POLICY_WITHOUT_RLS) && !t->rls_enabled)
		for (size_t i = 0; i < t->policies.n; i++) {
			const struct policy *p = t->policies.v[i];
			const char *pn = part_name(c, t, p->name);
			lint_add(c, R_POLICY_WITHOUT_RLS, "policy", pn, p->line, p->col, t,
				 "policy %s does nothing: row level security is not enabled on "
				 "table %s",
				 pn, name);
		}
	if (on(c, R_TABLE_WITHOUT_COMMENT) && t->h.comment == NULL && t->kind != TABLE_PARTITION)
		lint_add(c, R_TABLE_WITHOUT_COMMENT, "table", name, t->h.line, t->h.col, t,
			 "table %s has no comment", name);
	if (on(c, R_IDENTIFIER_NEEDS_QUOTING) && sqlident_needs_quotes(t->h.name))
		lint_add(c, R_IDENTIFIER_NEEDS_QUOTING, "table", name, t->h.line, t->h.col, t,
			 "table name %s needs double quotes", name);
}

static bool is_timestamp_without_tz(const char *type)
{
	return strncmp(type, "timestamp", 9) == 0 && strstr(type, "without time zone") != NULL;
}

/* timestamp-without-time-zone, sqlalchemy-reserved-name, identifier-needs-quoting */
static void column_rules(struct lint_ctx *c, const struct table *t)
{
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *col = t->columns.v[i];
		if (col->inherited)
			continue; /* its parent's finding */
		if (on(c, R_TIMESTAMP_WITHOUT_TIME_ZONE) && col->type &&
		    is_timestamp_without_tz(col->type)) {
			const char *n = part_name(c, t, col->name);
			lint_add(c, R_TIMESTAMP_WITHOUT_TIME_ZONE, "column", n, col->line, col->col,
				 t, "column %s is %s", n, col->type);
		}
		if (on(c, R_SQLALCHEMY_RESERVED_NAME) &&
		    (strcmp(col->name, "metadata") == 0 || strcmp(col->name, "registry") == 0)) {
			const char *n = part_name(c, t, col->name);
			lint_add(c, R_SQLALCHEMY_RESERVED_NAME, "column", n, col->line, col->col, t,
				 "column %s is named as an attribute SQLAlchemy's Declarative "
				 "reserves",
				 n);
		}
		if (on(c, R_IDENTIFIER_NEEDS_QUOTING) && sqlident_needs_quotes(col->name)) {
			const char *n = part_name(c, t, col->name);
			lint_add(c, R_IDENTIFIER_NEEDS_QUOTING, "column", n, col->line, col->col, t,
				 "column name %s needs double quotes", n);
		}
	}
}

/* Are the first n columns of `cols` (char *) the set `want` (n = want's size)? */
static bool leads_with(const struct ptrvec *cols, const struct ptrvec *want)
{
	if (cols->n < want->n || want->n == 0)
		return false;
	for (size_t i = 0; i < want->n; i++) {
		bool found = false;
		for (size_t j = 0; j < want->n && !found; j++)
			found = cols->v[j] != NULL && strcmp(cols->v[j], want->v[i]) == 0;
		if (!found)
			return false;
	}
	return true;
}

/* Does an index of t (not partial) or a key constraint lead with the FK's columns? */
static bool fk_indexed(const struct table *t, const struct constraint *fk)
{
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = t->indexes.v[i];
		struct ptrvec cols = {0};
		if (ix->where != NULL)
			continue;
		for (size_t k = 0; k < ix->keys.n; k++)
			ptrvec_push(&cols,
				    (void *)((const struct index_key *)ix->keys.v[k])->column);
		bool ok = leads_with(&cols, &fk->columns);
		ptrvec_free(&cols);
		if (ok)
			return true;
	}
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *k = t->constraints.v[i];
		if ((k->kind == CON_PRIMARY || k->kind == CON_UNIQUE) &&
		    leads_with(&k->columns, &fk->columns))
			return true;
		if (k->kind == CON_EXCLUSION && k->where == NULL) {
			struct ptrvec cols = {0};
			for (size_t j = 0; j < k->keys.n; j++)
				ptrvec_push(
				    &cols,
				    (void *)((const struct index_key *)k->keys.v[j])->column);
			bool ok = leads_with(&cols, &fk->columns);
			ptrvec_free(&cols);
			if (ok)
				return true;
		}
	}
	return false;
}

/* The type without its modifiers: "character varying(10)" -> "character varying". */
static void base_type(const char *type, struct strbuf *sb)
{
	int depth = 0;
	sb_reset(sb);
	for (const char *p = type; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (depth == 0)
			sb_putc(sb, *p);
	}
}

static void fk_type_mismatch(struct lint_ctx *c, const struct table *t, const struct constraint *k,
			     const char *name)
{
	const struct table *ref = find_table(c, k->ref_schema, k->ref_table);
	if (ref == NULL || k->ref_columns.n != k->columns.n)
		return;
	struct strbuf a, b;
	sb_init(&a);
	sb_init(&b);
	for (size_t i = 0; i < k->columns.n; i++) {
		const struct column *from = column_of(t, k->columns.v[i]);
		const struct column *to = column_of(ref, k->ref_columns.v[i]);
		if (from == NULL || to == NULL || from->type == NULL || to->type == NULL)
			continue;
		base_type(from->type, &a);
		base_type(to->type, &b);
		if (strcmp(a.data ? a.data : "", b.data ? b.data : "") != 0)
			lint_add(c, R_FK_TYPE_MISMATCH, "constraint", name, k->line, k->col, t,
				 "foreign key %s: column %s is %s but %s.%s is %s", name,
				 sqlident_quote(c->r->arena, from->name), from->type,
				 table_name(c, ref), sqlident_quote(c->r->arena, to->name),
				 to->type);
	}
	sb_free(&a);
	sb_free(&b);
}

/* Is column `name` of t known NOT NULL (declared, or in the primary key)? */
static bool not_null(const struct table *t, const char *name)
{
	const struct column *col = column_of(t, name);
	if (col != NULL && col->not_null)
		return true;
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *k = t->constraints.v[i];
		if (k->kind != CON_PRIMARY)
			continue;
		for (size_t j = 0; j < k->columns.n; j++)
			if (strcmp(k->columns.v[j], name) == 0)
				return true;
	}
	return false;
}

/* The first nullable column of cols, or NULL. */
static const char *nullable_of(const struct table *t, const struct ptrvec *cols)
{
	for (size_t i = 0; i < cols->n; i++)
		if (cols->v[i] != NULL && !not_null(t, cols->v[i]))
			return cols->v[i];
	return NULL;
}

/* fk-without-index, fk-type-mismatch, int-primary-key, nullable-unique, not-valid-constraint */
static void constraint_rules(struct lint_ctx *c, const struct table *t)
{
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *k = t->constraints.v[i];
		const char *name = part_name(c, t, k->name);
		if (k->kind == CON_FOREIGN && on(c, R_FK_WITHOUT_INDEX) && !fk_indexed(t, k))
			lint_add(c, R_FK_WITHOUT_INDEX, "constraint", name, k->line, k->col, t,
				 "foreign key %s (%s) has no index leading with its columns", name,
				 list_text(c, &k->columns));
		if (k->kind == CON_FOREIGN && on(c, R_FK_TYPE_MISMATCH))
			fk_type_mismatch(c, t, k, name);
		if (k->kind == CON_PRIMARY && on(c, R_INT_PRIMARY_KEY) &&
		    t->kind != TABLE_PARTITION)
			for (size_t j = 0; j < k->columns.n; j++) {
				const struct column *col = column_of(t, k->columns.v[j]);
				if (col == NULL || col->type == NULL ||
				    (strcmp(col->type, "integer") != 0 &&
				     strcmp(col->type, "smallint") != 0))
					continue;
				const char *cn = part_name(c, t, col->name);
				lint_add(c, R_INT_PRIMARY_KEY, "column", cn, k->line, k->col, t,
					 "primary key column %s is %s", cn, col->type);
			}
		if (k->kind == CON_UNIQUE && on(c, R_NULLABLE_UNIQUE) && !k->nulls_not_distinct) {
			const char *col = nullable_of(t, &k->columns);
			if (col != NULL)
				lint_add(c, R_NULLABLE_UNIQUE, "constraint", name, k->line, k->col,
					 t,
					 "unique constraint %s allows many rows with NULL in "
					 "column %s",
					 name, sqlident_quote(c->r->arena, col));
		}
		if (!k->valid && on(c, R_NOT_VALID_CONSTRAINT))
			lint_add(c, R_NOT_VALID_CONSTRAINT, "constraint", name, k->line, k->col, t,
				 "constraint %s is NOT VALID: existing rows are not checked", name);
	}
}

/* One key of an index or a key constraint, for comparing them. */
struct key_view {
	const char *column, *expression, *opclass, *collation;
	bool desc;
};

struct index_view {
	const char *method, *where;
	bool unique, nulls_not_distinct, has_include;
	const char *name;      /* the index's or the constraint's name */
	bool constraint;       /* a PK or UNIQUE constraint's index */
	struct key_view *keys; /* in the report's arena */
	size_t n;
};

static bool key_eq(const struct key_view *a, const struct key_view *b)
{
	return str_eq(a->column, b->column) && str_eq(a->expression, b->expression) &&
	       str_eq(a->opclass, b->opclass) && str_eq(a->collation, b->collation) &&
	       a->desc == b->desc;
}

static void views_of(struct lint_ctx *c, const struct table *t, struct index_view **out, size_t *n)
{
	size_t cap = t->indexes.n + t->constraints.n;
	struct index_view *v = arena_alloc(c->r->arena, (cap ? cap : 1) * sizeof(*v));
	size_t k = 0;
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = t->indexes.v[i];
		struct index_view *w = &v[k++];
		*w = (struct index_view){.method = ix->method ? ix->method : "btree",
					 .where = ix->where,
					 .unique = ix->unique,
					 .nulls_not_distinct = ix->nulls_not_distinct,
					 .has_include = ix->include.n > 0,
					 .name = ix->h.name,
					 .n = ix->keys.n};
		w->keys = arena_alloc(c->r->arena, (w->n ? w->n : 1) * sizeof(*w->keys));
		for (size_t j = 0; j < w->n; j++) {
			const struct index_key *key = ix->keys.v[j];
			w->keys[j] = (struct key_view){key->column, key->expression, key->opclass,
						       key->collation, key->desc};
		}
	}
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *con = t->constraints.v[i];
		if (con->kind != CON_PRIMARY && con->kind != CON_UNIQUE)
			continue;
		struct index_view *w = &v[k++];
		*w = (struct index_view){.method = "btree",
					 .unique = true,
					 .nulls_not_distinct = con->nulls_not_distinct,
					 .has_include = con->include.n > 0,
					 .name = con->name,
					 .constraint = true,
					 .n = con->columns.n};
		w->keys = arena_alloc(c->r->arena, (w->n ? w->n : 1) * sizeof(*w->keys));
		for (size_t j = 0; j < w->n; j++)
			w->keys[j] = (struct key_view){.column = con->columns.v[j]};
	}
	*out = v;
	*n = k;
}

/* Does b make a (an index not backing a constraint) redundant? */
static bool covers(const struct index_view *a, const struct index_view *b)
{
	if (a == b || a->constraint || a->unique || a->has_include || a->n == 0 || b->n < a->n ||
	    strcmp(a->method, b->method) != 0 || !str_eq(a->where, b->where))
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!key_eq(&a->keys[i], &b->keys[i]))
			return false;
	/* Two of the same columns, neither unique: the one named later is the spare. */
	if (b->n == a->n && !b->unique && !b->constraint)
		return strcmp(a->name, b->name) > 0;
	return true;
}

static void redundant_indexes(struct lint_ctx *c, const struct table *t)
{
	struct index_view *v;
	size_t n;
	if (t->indexes.n == 0)
		return;
	views_of(c, t, &v, &n);
	for (size_t i = 0; i < t->indexes.n; i++) /* the indexes come first in v */
		for (size_t j = 0; j < n; j++)
			if (covers(&v[i], &v[j])) {
				const struct index *ix = t->indexes.v[i];
				const char *name =
				    sqlident_qualified(c->r->arena, ix->h.schema, ix->h.name);
				lint_add(c, R_REDUNDANT_INDEX, "index", name, ix->h.line, ix->h.col,
					 t, "index %s is redundant: %s %s leads with its columns",
					 name, v[j].constraint ? "constraint" : "index",
					 sqlident_quote(c->r->arena, v[j].name));
				break;
			}
}

static void function_rules(struct lint_ctx *c)
{
	for (size_t i = 0; i < c->m->functions.n; i++) {
		const struct function *f = c->m->functions.v[i];
		if (!f->h.included)
			continue;
		bool sd = on(c, R_SECURITY_DEFINER_SEARCH_PATH) && f->security_definer &&
			  !f->sets_search_path && f->kind != FUNC_AGGREGATE;
		bool q = on(c, R_IDENTIFIER_NEEDS_QUOTING) && sqlident_needs_quotes(f->h.name);
		if (!sd && !q)
			continue;
		const char *name = arena_printf(
		    c->r->arena, "%s(%s)", sqlident_qualified(c->r->arena, f->h.schema, f->h.name),
		    f->arguments ? f->arguments : "");
		const char *what = func_kind_name(f->kind);
		if (sd)
			lint_add(c, R_SECURITY_DEFINER_SEARCH_PATH, what, name, f->h.line, f->h.col,
				 NULL, "SECURITY DEFINER %s %s does not SET search_path", what,
				 name);
		if (q)
			lint_add(c, R_IDENTIFIER_NEEDS_QUOTING, what, name, f->h.line, f->h.col,
				 NULL, "%s name %s needs double quotes", what, name);
	}
}

/* identifier-needs-quoting on schemas and views (tables' and columns' are above). */
static void other_names(struct lint_ctx *c)
{
	if (!on(c, R_IDENTIFIER_NEEDS_QUOTING))
		return;
	for (size_t i = 0; i < c->m->schemas.n; i++) {
		const struct schema *s = c->m->schemas.v[i];
		if (s->h.included && sqlident_needs_quotes(s->h.name)) {
			const char *n = sqlident_quote(c->r->arena, s->h.name);
			lint_add(c, R_IDENTIFIER_NEEDS_QUOTING, "schema", n, s->h.line, s->h.col,
				 NULL, "schema name %s needs double quotes", n);
		}
	}
	for (size_t i = 0; i < c->m->views.n; i++) {
		const struct view *v = c->m->views.v[i];
		if (v->h.included && sqlident_needs_quotes(v->h.name)) {
			const char *n = sqlident_qualified(c->r->arena, v->h.schema, v->h.name);
			const char *what = v->materialized ? "materialized view" : "view";
			lint_add(c, R_IDENTIFIER_NEEDS_QUOTING, what, n, v->h.line, v->h.col, NULL,
				 "%s name %s needs double quotes", what, n);
		}
	}
}

/* A unique index (not a constraint's) with a nullable column: nullable-unique. */
static void unique_indexes(struct lint_ctx *c, const struct table *t)
{
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = t->indexes.v[i];
		if (!ix->unique || ix->nulls_not_distinct)
			continue;
		struct ptrvec cols = {0};
		for (size_t k = 0; k < ix->keys.n; k++) {
			const struct index_key *key = ix->keys.v[k];
			if (key->column != NULL)
				ptrvec_push(&cols, (void *)key->column);
		}
		const char *col = nullable_of(t, &cols);
		ptrvec_free(&cols);
		if (col == NULL)
			continue;
		const char *name = sqlident_qualified(c->r->arena, ix->h.schema, ix->h.name);
		lint_add(c, R_NULLABLE_UNIQUE, "index", name, ix->h.line, ix->h.col, t,
			 "unique index %s allows many rows with NULL in column %s", name,
			 sqlident_quote(c->r->arena, col));
	}
}

static void rules_apply(struct lint_ctx *c)
{
	for (size_t i = 0; i < c->m->tables.n; i++) {
		const struct table *t = c->m->tables.v[i];
		if (!t->h.included)
			continue;
		table_rules(c, t);
		column_rules(c, t);
		constraint_rules(c, t);
		if (on(c, R_REDUNDANT_INDEX))
			redundant_indexes(c, t);
		if (on(c, R_NULLABLE_UNIQUE))
			unique_indexes(c, t);
	}
	function_rules(c);
	other_names(c);
}

void lint_run(const struct model *m, const struct lint_opts *o, struct lint_report *out)
{
	lint_report_start(out);
	struct lint_ctx c = {.m = m, .o = o, .r = out, .tables = table_index_new(m)};
	rules_apply(&c);
	table_index_free(c.tables);
	lint_report_finish(out);
}
