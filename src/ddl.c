/*
 * ddl.c
 *	  The DDL writer: CREATE, DROP and ALTER statements for the model's
 *	  objects, written as pg_dump 15 writes them (see ddl.h).  Object by
 *	  object here (triggers, policies and RLS in ddl_triggers.c; comments,
 *	  owners and grants in ddl_privs.c); the whole schema in dependency
 *	  order in ddl_schema.c.
 *
 *	  Names go through quote_sql_ident(); text from the dump (comments,
 *	  enum labels, option values) through literal(), a standard string
 *	  ('' doubled, no backslash escapes: the schema file sets
 *	  standard_conforming_strings on, as pg_dump does).  Expressions,
 *	  definitions and bodies are the builder's deparsed SQL, in which the
 *	  deparser has quoted every name and literal already.
 */
#include "ddl.h"

#include "sqlident.h"
#include "textquote.h"

#include <stdlib.h>
#include <string.h>

/* ---- pieces ------------------------------------------------------------- */

static const char *nz(const char *s)
{
	return s ? s : "";
}

void ddl_ident(struct strbuf *sb, const char *name)
{
	quote_sql_ident(sb, nz(name));
}

void ddl_qualified(struct strbuf *sb, const char *schema, const char *name)
{
	if (schema != NULL) {
		quote_sql_ident(sb, schema);
		sb_putc(sb, '.');
	}
	quote_sql_ident(sb, nz(name));
}

void ddl_literal(struct strbuf *sb, const char *s)
{
	sb_putc(sb, '\'');
	for (const char *p = nz(s); *p; p++) {
		if (*p == '\'')
			sb_putc(sb, '\'');
		sb_putc(sb, *p);
	}
	sb_putc(sb, '\'');
}

static void idents(struct strbuf *sb, const struct ptrvec *pv)
{
	for (size_t i = 0; i < pv->n; i++) {
		if (i > 0)
			sb_append(sb, ", ");
		ddl_ident(sb, pv->v[i]);
	}
}

/* "schema.name" as the model keeps a reference (unquoted): split at the first dot. */
static void dotted(struct strbuf *sb, const char *s)
{
	const char *dot = strchr(nz(s), '.');
	if (dot == NULL) {
		ddl_ident(sb, s);
		return;
	}
	char *schema = xstrdup(s);
	schema[dot - s] = '\0';
	ddl_qualified(sb, schema, dot + 1);
	free(schema);
}

/*
 * A definition or expression from the builder, then the end of the
 * statement.  A definition kept as written may end in a -- comment: the
 * semicolon then goes on a line of its own.
 */
static void statement_end(struct strbuf *sb, const char *text)
{
	size_t len = strlen(nz(text));
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\n' || text[len - 1] == '\t' ||
			   text[len - 1] == ';' || text[len - 1] == '\r'))
		len--;
	sb_append_len(sb, nz(text), len);
	const char *nl = len > 0 ? memrchr(text, '\n', len) : NULL;
	const char *last = nl ? nl + 1 : nz(text);
	size_t last_len = len - (size_t)(last - nz(text));
	if (memmem(last, last_len, "--", 2) != NULL)
		sb_putc(sb, '\n');
	sb_append(sb, ";\n");
}

void ddl_table_name(struct strbuf *sb, const struct table *t)
{
	ddl_qualified(sb, t->h.schema, t->h.name);
}

/* ---- schemas and extensions --------------------------------------------- */

void ddl_create_schema(struct strbuf *sb, const struct schema *s)
{
	sb_append(sb, "CREATE SCHEMA ");
	ddl_ident(sb, s->h.name);
	sb_append(sb, ";\n");
}

void ddl_drop_schema(struct strbuf *sb, const struct schema *s)
{
	sb_append(sb, "DROP SCHEMA ");
	ddl_ident(sb, s->h.name);
	sb_append(sb, ";\n");
}

void ddl_create_extension(struct strbuf *sb, const struct extension *e)
{
	sb_append(sb, "CREATE EXTENSION IF NOT EXISTS ");
	ddl_ident(sb, e->h.name);
	if (e->h.schema != NULL) {
		sb_append(sb, " WITH SCHEMA ");
		ddl_ident(sb, e->h.schema);
	}
	sb_append(sb, ";\n");
}

void ddl_drop_extension(struct strbuf *sb, const struct extension *e)
{
	sb_append(sb, "DROP EXTENSION ");
	ddl_ident(sb, e->h.name);
	sb_append(sb, ";\n");
}

/* ---- types -------------------------------------------------------------- */

/* A collation as the model keeps it: "C" (pg_catalog's) or "schema.name". */
void ddl_collation(struct strbuf *sb, const char *collation)
{
	dotted(sb, collation);
}

static void domain_check(struct strbuf *sb, const struct domain_check *dc)
{
	if (dc->name != NULL) {
		sb_append(sb, "CONSTRAINT ");
		ddl_ident(sb, dc->name);
		sb_putc(sb, ' ');
	}
	sb_printf(sb, "CHECK (%s)", nz(dc->expression));
}

bool ddl_create_type(struct strbuf *sb, const struct pgtype *t)
{
	switch (t->kind) {
	case TYPE_ENUM:
		sb_append(sb, "CREATE TYPE ");
		ddl_qualified(sb, t->h.schema, t->h.name);
		sb_append(sb, " AS ENUM (");
		for (size_t i = 0; i < t->labels.n; i++) {
			sb_append(sb, i ? ",\n    " : "\n    ");
			ddl_literal(sb, t->labels.v[i]);
		}
		sb_append(sb, t->labels.n ? "\n);\n" : ");\n");
		return true;
	case TYPE_COMPOSITE:
		sb_append(sb, "CREATE TYPE ");
		ddl_qualified(sb, t->h.schema, t->h.name);
		sb_append(sb, " AS (");
		for (size_t i = 0; i < t->attributes.n; i++) {
			const struct type_attr *at = t->attributes.v[i];
			sb_append(sb, i ? ",\n    " : "\n    ");
			ddl_ident(sb, at->name);
			sb_printf(sb, " %s", nz(at->type));
			if (at->collation != NULL) {
				sb_append(sb, " COLLATE ");
				ddl_collation(sb, at->collation);
			}
		}
		sb_append(sb, t->attributes.n ? "\n);\n" : ");\n");
		return true;
	case TYPE_DOMAIN:
		sb_append(sb, "CREATE DOMAIN ");
		ddl_qualified(sb, t->h.schema, t->h.name);
		sb_printf(sb, " AS %s", nz(t->base_type));
		if (t->collation != NULL) {
			sb_append(sb, " COLLATE ");
			ddl_collation(sb, t->collation);
		}
		if (t->default_expr != NULL)
			sb_printf(sb, " DEFAULT %s", t->default_expr);
		if (t->not_null)
			sb_append(sb, " NOT NULL");
		for (size_t i = 0; i < t->checks.n; i++) {
			const struct domain_check *dc = t->checks.v[i];
			if (!dc->valid)
				continue;
			sb_append(sb, "\n\t");
			domain_check(sb, dc);
		}
		sb_append(sb, ";\n");
		for (size_t i = 0; i < t->checks.n; i++) {
			const struct domain_check *dc = t->checks.v[i];
			if (dc->valid)
				continue;
			sb_append(sb, "ALTER DOMAIN ");
			ddl_qualified(sb, t->h.schema, t->h.name);
			sb_append(sb, " ADD ");
			domain_check(sb, dc);
			sb_append(sb, " NOT VALID;\n");
		}
		return true;
	case TYPE_RANGE:
		sb_append(sb, "CREATE TYPE ");
		ddl_qualified(sb, t->h.schema, t->h.name);
		sb_printf(sb, " AS RANGE (\n    subtype = %s\n);\n", nz(t->subtype));
		return true;
	case TYPE_BASE:
		break;
	}
	return false;
}

static const char *type_keyword(const struct pgtype *t)
{
	return t->kind == TYPE_DOMAIN ? "DOMAIN" : "TYPE";
}

void ddl_drop_type(struct strbuf *sb, const struct pgtype *t)
{
	sb_printf(sb, "DROP %s ", type_keyword(t));
	ddl_qualified(sb, t->h.schema, t->h.name);
	sb_append(sb, ";\n");
}

void ddl_add_enum_value(struct strbuf *sb, const struct pgtype *t, const char *label,
			const char *neighbour, bool before)
{
	sb_append(sb, "ALTER TYPE ");
	ddl_qualified(sb, t->h.schema, t->h.name);
	sb_append(sb, " ADD VALUE ");
	ddl_literal(sb, label);
	if (neighbour != NULL) {
		sb_append(sb, before ? " BEFORE " : " AFTER ");
		ddl_literal(sb, neighbour);
	}
	sb_append(sb, ";\n");
}

/* ---- sequences ---------------------------------------------------------- */

/* The options of a sequence as pg_dump writes them, each on a line (prefix before each). */
static void sequence_options(struct strbuf *sb, const struct sequence *s, const char *prefix)
{
	if (s->has_start)
		sb_printf(sb, "%sSTART WITH %lld", prefix, s->start);
	if (s->has_increment)
		sb_printf(sb, "%sINCREMENT BY %lld", prefix, s->increment);
	if (s->has_min)
		sb_printf(sb, "%sMINVALUE %lld", prefix, s->min_value);
	if (s->has_max)
		sb_printf(sb, "%sMAXVALUE %lld", prefix, s->max_value);
	if (s->has_cache)
		sb_printf(sb, "%sCACHE %lld", prefix, s->cache);
	if (s->cycle)
		sb_printf(sb, "%sCYCLE", prefix);
}

void ddl_create_sequence(struct strbuf *sb, const struct sequence *s)
{
	sb_append(sb, "CREATE SEQUENCE ");
	ddl_qualified(sb, s->h.schema, s->h.name);
	if (s->data_type != NULL && strcmp(s->data_type, "bigint") != 0)
		sb_printf(sb, "\n    AS %s", s->data_type);
	sequence_options(sb, s, "\n    ");
	sb_append(sb, ";\n");
}

void ddl_sequence_owned_by(struct strbuf *sb, const struct sequence *s)
{
	if (s->owned_by_table == NULL)
		return;
	sb_append(sb, "ALTER SEQUENCE ");
	ddl_qualified(sb, s->h.schema, s->h.name);
	sb_append(sb, " OWNED BY ");
	ddl_qualified(sb, s->owned_by_schema, s->owned_by_table);
	sb_putc(sb, '.');
	ddl_ident(sb, s->owned_by_column);
	sb_append(sb, ";\n");
}

void ddl_drop_sequence(struct strbuf *sb, const struct sequence *s)
{
	sb_append(sb, "DROP SEQUENCE ");
	ddl_qualified(sb, s->h.schema, s->h.name);
	sb_append(sb, ";\n");
}

/* ---- tables ------------------------------------------------------------- */

static const char *identity_words(enum identity_kind k)
{
	return k == IDENTITY_ALWAYS ? "ALWAYS" : "BY DEFAULT";
}

/* One column of CREATE TABLE or ADD COLUMN (no identity: ddl_add_identity). */
static void column_def(struct strbuf *sb, const struct column *c, bool with_default,
		       bool with_identity)
{
	ddl_ident(sb, c->name);
	sb_printf(sb, " %s", nz(c->type));
	if (c->collation != NULL) {
		sb_append(sb, " COLLATE ");
		ddl_collation(sb, c->collation);
	}
	if (c->generated != NULL)
		sb_printf(sb, " GENERATED ALWAYS AS (%s) %s", c->generated,
			  c->virtual_generated ? "VIRTUAL" : "STORED");
	else if (with_default && c->default_expr != NULL)
		sb_printf(sb, " DEFAULT %s", c->default_expr);
	if (with_identity && c->identity != IDENTITY_NONE)
		sb_printf(sb, " GENERATED %s AS IDENTITY", identity_words(c->identity));
	if (c->not_null)
		sb_append(sb, " NOT NULL");
}

bool ddl_default_inline(const struct column *c, enum ddl_defaults defaults)
{
	if (c->default_expr == NULL || c->generated != NULL || defaults == DDL_DEFAULTS_NONE)
		return false;
	return defaults == DDL_DEFAULTS_ALL || strstr(c->default_expr, "nextval(") == NULL;
}

/* A partition's column that needs a clause of its own (WITH OPTIONS). */
static bool partition_column_options(const struct column *c, enum ddl_defaults defaults)
{
	return c->not_null || ddl_default_inline(c, defaults);
}

void ddl_create_table_checks(struct strbuf *sb, const struct table *t, enum ddl_defaults defaults,
			     bool with_identity, const struct ptrvec *checks,
			     bool partition_as_table)
{
	bool partition = t->parent_table != NULL && !partition_as_table;
	sb_append(sb, "CREATE ");
	if (t->unlogged)
		sb_append(sb, "UNLOGGED ");
	if (t->kind == TABLE_FOREIGN)
		sb_append(sb, "FOREIGN ");
	sb_append(sb, "TABLE ");
	ddl_table_name(sb, t);
	if (partition) {
		sb_append(sb, " PARTITION OF ");
		ddl_qualified(sb, t->parent_schema, t->parent_table);
	}
	size_t n = 0;
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = t->columns.v[i];
		if (partition) {
			if (!partition_column_options(c, defaults))
				continue;
			sb_append(sb, n++ ? ",\n    " : " (\n    ");
			ddl_ident(sb, c->name);
			sb_append(sb, " WITH OPTIONS");
			if (ddl_default_inline(c, defaults))
				sb_printf(sb, " DEFAULT %s", c->default_expr);
			if (c->not_null)
				sb_append(sb, " NOT NULL");
			continue;
		}
		if (c->inherited && t->parent_table == NULL)
			continue;
		sb_append(sb, n++ ? ",\n    " : " (\n    ");
		column_def(sb, c, ddl_default_inline(c, defaults), with_identity);
	}
	for (size_t i = 0; checks != NULL && i < checks->n; i++) {
		const struct constraint *c = checks->v[i];
		sb_append(sb, n++ ? ",\n    " : " (\n    ");
		ddl_constraint_def(sb, c);
	}
	if (n > 0)
		sb_append(sb, "\n)");
	else if (!partition)
		sb_append(sb, " (\n)");
	if (partition)
		sb_printf(sb, "\n%s", nz(t->partition_bound));
	if (!partition && t->inherits.n > 0) {
		sb_append(sb, "\nINHERITS (");
		for (size_t i = 0; i < t->inherits.n; i++) {
			if (i > 0)
				sb_append(sb, ", ");
			dotted(sb, t->inherits.v[i]);
		}
		sb_putc(sb, ')');
	}
	if (t->partition_key != NULL)
		sb_printf(sb, "\nPARTITION BY %s", t->partition_key);
	if (t->kind == TABLE_FOREIGN) {
		sb_append(sb, "\nSERVER ");
		ddl_ident(sb, t->foreign_server);
		if (t->foreign_options != NULL)
			sb_printf(sb, "\nOPTIONS (\n    %s\n)", t->foreign_options);
	}
	sb_append(sb, ";\n");
}

void ddl_create_table(struct strbuf *sb, const struct table *t, bool with_defaults)
{
	ddl_create_table_checks(sb, t, with_defaults ? DDL_DEFAULTS_ALL : DDL_DEFAULTS_NONE, true,
				NULL, false);
}

static const char *table_keyword(const struct table *t)
{
	return t->kind == TABLE_FOREIGN ? "FOREIGN TABLE" : "TABLE";
}

void ddl_attach_partition(struct strbuf *sb, const struct table *t)
{
	if (t->parent_table == NULL)
		return;
	sb_append(sb, "ALTER TABLE ONLY ");
	ddl_qualified(sb, t->parent_schema, t->parent_table);
	sb_append(sb, " ATTACH PARTITION ");
	ddl_table_name(sb, t);
	sb_printf(sb, " %s;\n", nz(t->partition_bound));
}

void ddl_drop_table(struct strbuf *sb, const struct table *t)
{
	sb_printf(sb, "DROP %s ", table_keyword(t));
	ddl_table_name(sb, t);
	sb_append(sb, ";\n");
}

/* "ALTER TABLE [ONLY] schema.name " */
static void alter_table(struct strbuf *sb, const struct table *t, bool only)
{
	sb_printf(sb, "ALTER %s %s", table_keyword(t), only ? "ONLY " : "");
	ddl_table_name(sb, t);
	sb_putc(sb, ' ');
}

static void alter_column(struct strbuf *sb, const struct table *t, const struct column *c,
			 bool only)
{
	alter_table(sb, t, only);
	sb_append(sb, "ALTER COLUMN ");
	ddl_ident(sb, c->name);
	sb_putc(sb, ' ');
}

void ddl_add_column(struct strbuf *sb, const struct table *t, const struct column *c)
{
	alter_table(sb, t, false);
	sb_append(sb, "ADD COLUMN ");
	column_def(sb, c, true, true);
	sb_append(sb, ";\n");
}

void ddl_drop_column(struct strbuf *sb, const struct table *t, const struct column *c)
{
	alter_table(sb, t, false);
	sb_append(sb, "DROP COLUMN ");
	ddl_ident(sb, c->name);
	sb_append(sb, ";\n");
}

void ddl_alter_column_type(struct strbuf *sb, const struct table *t, const struct column *c,
			   const char *using)
{
	alter_column(sb, t, c, false);
	sb_printf(sb, "TYPE %s", nz(c->type));
	if (c->collation != NULL) {
		sb_append(sb, " COLLATE ");
		ddl_collation(sb, c->collation);
	}
	if (using != NULL)
		sb_printf(sb, " USING %s", using);
	sb_append(sb, ";\n");
}

void ddl_alter_column_default(struct strbuf *sb, const struct table *t, const struct column *c)
{
	alter_column(sb, t, c, true);
	if (c->default_expr != NULL)
		sb_printf(sb, "SET DEFAULT %s;\n", c->default_expr);
	else
		sb_append(sb, "DROP DEFAULT;\n");
}

void ddl_alter_column_not_null(struct strbuf *sb, const struct table *t, const struct column *c)
{
	alter_column(sb, t, c, false);
	sb_append(sb, c->not_null ? "SET NOT NULL;\n" : "DROP NOT NULL;\n");
}

void ddl_add_identity(struct strbuf *sb, const struct table *t, const struct column *c,
		      const struct sequence *s)
{
	alter_column(sb, t, c, false);
	sb_printf(sb, "ADD GENERATED %s AS IDENTITY", identity_words(c->identity));
	if (s != NULL) {
		sb_append(sb, " (\n    SEQUENCE NAME ");
		ddl_qualified(sb, s->h.schema, s->h.name);
		sequence_options(sb, s, "\n    ");
		sb_append(sb, "\n)");
	}
	sb_append(sb, ";\n");
}

void ddl_alter_column_identity(struct strbuf *sb, const struct table *t, const struct column *c,
			       enum identity_kind from)
{
	if (from == c->identity)
		return;
	if (c->identity == IDENTITY_NONE) {
		alter_column(sb, t, c, false);
		sb_append(sb, "DROP IDENTITY;\n");
	} else if (from == IDENTITY_NONE) {
		ddl_add_identity(sb, t, c, NULL);
	} else {
		alter_column(sb, t, c, false);
		sb_printf(sb, "SET GENERATED %s;\n", identity_words(c->identity));
	}
}

/* ---- constraints and indexes -------------------------------------------- */

/* An opclass parameter's value as get_reloptions() writes it: bare when it is an identifier
 * that needs no quotes, else a string literal. */
static void param_value(struct strbuf *sb, const char *v)
{
	if (v[0] != '\0' && !sqlident_needs_quotes(v))
		sb_append(sb, v);
	else
		ddl_literal(sb, v);
}

void ddl_index_key(struct strbuf *sb, const struct index_key *k, bool as_catalog)
{
	if (k->column != NULL)
		ddl_ident(sb, k->column);
	else if (as_catalog && !k->parens)
		sb_append(sb, nz(k->expression));
	else
		sb_printf(sb, "(%s)", nz(k->expression));
	if (k->collation != NULL) {
		sb_append(sb, " COLLATE ");
		ddl_qualified(sb, k->collation_schema, k->collation);
	}
	if (k->opclass != NULL) {
		sb_putc(sb, ' ');
		ddl_qualified(sb, k->opclass_schema, k->opclass);
	}
	for (size_t i = 0; i < k->n_opclass_params; i++) {
		sb_append(sb, i == 0 ? " (" : ", ");
		ddl_ident(sb, k->opclass_params[2 * i]);
		if (k->opclass_params[2 * i + 1] != NULL) {
			sb_putc(sb, '=');
			param_value(sb, k->opclass_params[2 * i + 1]);
		}
	}
	if (k->n_opclass_params > 0)
		sb_putc(sb, ')');
	if (k->desc)
		sb_append(sb, " DESC");
	if (k->nulls == KEY_NULLS_FIRST)
		sb_append(sb, " NULLS FIRST");
	else if (k->nulls == KEY_NULLS_LAST)
		sb_append(sb, " NULLS LAST");
	if (k->op != NULL)
		sb_printf(sb, " WITH %s", k->op);
}

static void index_keys(struct strbuf *sb, const struct ptrvec *keys)
{
	for (size_t i = 0; i < keys->n; i++) {
		if (i > 0)
			sb_append(sb, ", ");
		ddl_index_key(sb, keys->v[i], false);
	}
}

static void include_columns(struct strbuf *sb, const struct ptrvec *include)
{
	if (include->n == 0)
		return;
	sb_append(sb, " INCLUDE (");
	idents(sb, include);
	sb_putc(sb, ')');
}

static void deferrable(struct strbuf *sb, bool is_deferrable, bool initially_deferred)
{
	if (is_deferrable)
		sb_append(sb, " DEFERRABLE");
	if (initially_deferred)
		sb_append(sb, " INITIALLY DEFERRED");
}

void ddl_constraint_def(struct strbuf *sb, const struct constraint *c)
{
	sb_append(sb, "CONSTRAINT ");
	ddl_ident(sb, c->name);
	switch (c->kind) {
	case CON_PRIMARY:
	case CON_UNIQUE:
		sb_append(sb, c->kind == CON_PRIMARY ? " PRIMARY KEY" : " UNIQUE");
		if (c->nulls_not_distinct)
			sb_append(sb, " NULLS NOT DISTINCT");
		sb_append(sb, " (");
		idents(sb, &c->columns);
		sb_putc(sb, ')');
		include_columns(sb, &c->include);
		deferrable(sb, c->deferrable, c->initially_deferred);
		break;
	case CON_FOREIGN:
		sb_append(sb, " FOREIGN KEY (");
		idents(sb, &c->columns);
		sb_append(sb, ") REFERENCES ");
		ddl_qualified(sb, c->ref_schema, c->ref_table);
		if (c->ref_columns.n > 0) {
			sb_putc(sb, '(');
			idents(sb, &c->ref_columns);
			sb_putc(sb, ')');
		}
		if (c->match != NULL && strcmp(c->match, "SIMPLE") != 0)
			sb_printf(sb, " MATCH %s", c->match);
		if (c->on_update != NULL && strcmp(c->on_update, "NO ACTION") != 0)
			sb_printf(sb, " ON UPDATE %s", c->on_update);
		if (c->on_delete != NULL && strcmp(c->on_delete, "NO ACTION") != 0)
			sb_printf(sb, " ON DELETE %s", c->on_delete);
		deferrable(sb, c->deferrable, c->initially_deferred);
		if (!c->valid)
			sb_append(sb, " NOT VALID");
		break;
	case CON_CHECK:
		sb_printf(sb, " CHECK (%s)", nz(c->expression));
		if (c->no_inherit)
			sb_append(sb, " NO INHERIT");
		if (!c->valid)
			sb_append(sb, " NOT VALID");
		break;
	case CON_EXCLUSION:
		sb_printf(sb, " EXCLUDE USING %s (", c->method ? c->method : "btree");
		index_keys(sb, &c->keys);
		sb_putc(sb, ')');
		include_columns(sb, &c->include);
		if (c->where != NULL)
			sb_printf(sb, " WHERE (%s)", c->where);
		deferrable(sb, c->deferrable, c->initially_deferred);
		break;
	}
}

/*
 * ONLY where pg_dump writes it: not for a CHECK that children must share,
 * and not on a partitioned table, whose keys and foreign keys reach its
 * partitions (their own indexes, made first, are attached).
 */
static bool constraint_only(const struct table *t, const struct constraint *c)
{
	if (t->kind == TABLE_PARTITIONED)
		return false;
	return c->kind != CON_CHECK || c->no_inherit;
}

void ddl_add_constraint(struct strbuf *sb, const struct table *t, const struct constraint *c)
{
	alter_table(sb, t, constraint_only(t, c));
	sb_append(sb, "ADD ");
	ddl_constraint_def(sb, c);
	sb_append(sb, ";\n");
}

void ddl_drop_constraint(struct strbuf *sb, const struct table *t, const struct constraint *c)
{
	alter_table(sb, t, false);
	sb_append(sb, "DROP CONSTRAINT ");
	ddl_ident(sb, c->name);
	sb_append(sb, ";\n");
}

/* What makes ix the index it is, without its name and table: "btree (a, b) WHERE (...)". */
static void index_shape(struct strbuf *sb, const struct index *ix)
{
	sb_printf(sb, "%s (", ix->method ? ix->method : "btree");
	index_keys(sb, &ix->keys);
	sb_putc(sb, ')');
	include_columns(sb, &ix->include);
	if (ix->nulls_not_distinct)
		sb_append(sb, " NULLS NOT DISTINCT");
	if (ix->where != NULL)
		sb_printf(sb, " WHERE (%s)", ix->where);
}

bool ddl_same_index(const struct index *a, const struct index *b)
{
	struct strbuf x, y;
	sb_init(&x);
	sb_init(&y);
	index_shape(&x, a);
	index_shape(&y, b);
	bool same = a->unique == b->unique && strcmp(x.data, y.data) == 0;
	sb_free(&x);
	sb_free(&y);
	return same;
}

void ddl_create_index(struct strbuf *sb, const struct index *ix)
{
	ddl_create_index_only(sb, ix, false);
}

void ddl_create_index_only(struct strbuf *sb, const struct index *ix, bool only)
{
	sb_printf(sb, "CREATE %sINDEX ", ix->unique ? "UNIQUE " : "");
	ddl_ident(sb, ix->h.name);
	sb_append(sb, only ? " ON ONLY " : " ON ");
	ddl_qualified(sb, ix->h.schema, ix->table);
	sb_printf(sb, " USING %s (", ix->method ? ix->method : "btree");
	index_keys(sb, &ix->keys);
	sb_putc(sb, ')');
	include_columns(sb, &ix->include);
	if (ix->nulls_not_distinct)
		sb_append(sb, " NULLS NOT DISTINCT");
	if (ix->where != NULL)
		sb_printf(sb, " WHERE (%s)", ix->where);
	sb_append(sb, ";\n");
}

void ddl_attach_index(struct strbuf *sb, const struct index *parent, const struct index *child)
{
	sb_append(sb, "ALTER INDEX ");
	ddl_qualified(sb, parent->h.schema, parent->h.name);
	sb_append(sb, " ATTACH PARTITION ");
	ddl_qualified(sb, child->h.schema, child->h.name);
	sb_append(sb, ";\n");
}

void ddl_drop_index(struct strbuf *sb, const struct index *ix)
{
	sb_append(sb, "DROP INDEX ");
	ddl_qualified(sb, ix->h.schema, ix->h.name);
	sb_append(sb, ";\n");
}

/* ---- views -------------------------------------------------------------- */

void ddl_create_view(struct strbuf *sb, const struct view *v)
{
	ddl_create_view_as(sb, v, v->definition, false);
}

void ddl_create_view_as(struct strbuf *sb, const struct view *v, const char *definition,
			bool or_replace)
{
	sb_printf(sb, "CREATE %s%sVIEW ", or_replace && !v->materialized ? "OR REPLACE " : "",
		  v->materialized ? "MATERIALIZED " : "");
	ddl_qualified(sb, v->h.schema, v->h.name);
	if (v->columns.n > 0) {
		sb_append(sb, " (");
		idents(sb, &v->columns);
		sb_putc(sb, ')');
	}
	sb_append(sb, " AS\n");
	if (v->materialized) {
		/* The query may end in a comment kept as written: the clause on a line of its own.
		 */
		struct strbuf q;
		sb_init(&q);
		statement_end(&q, definition);
		q.len -= 2; /* ";\n" */
		q.data[q.len] = '\0';
		sb_append(sb, q.data);
		sb_append(sb, "\n  WITH NO DATA;\n");
		sb_free(&q);
	} else {
		statement_end(sb, definition);
	}
}

void ddl_drop_view(struct strbuf *sb, const struct view *v)
{
	sb_printf(sb, "DROP %sVIEW ", v->materialized ? "MATERIALIZED " : "");
	ddl_qualified(sb, v->h.schema, v->h.name);
	sb_append(sb, ";\n");
}

/* ---- functions ---------------------------------------------------------- */

bool ddl_create_function(struct strbuf *sb, const struct function *f)
{
	if (f->definition == NULL)
		return false;
	statement_end(sb, f->definition);
	return true;
}

static const char *function_keyword(const struct function *f)
{
	return f->kind == FUNC_PROCEDURE   ? "PROCEDURE"
	       : f->kind == FUNC_AGGREGATE ? "AGGREGATE"
					   : "FUNCTION";
}

/* schema.name(arguments), as COMMENT ON, GRANT and DROP take it. */
void ddl_function_target(struct strbuf *sb, const struct function *f)
{
	ddl_qualified(sb, f->h.schema, f->h.name);
	if (f->kind == FUNC_AGGREGATE && (f->arguments == NULL || f->arguments[0] == '\0'))
		sb_append(sb, "(*)");
	else
		sb_printf(sb, "(%s)", nz(f->arguments));
}

void ddl_drop_function(struct strbuf *sb, const struct function *f)
{
	sb_printf(sb, "DROP %s ", function_keyword(f));
	ddl_function_target(sb, f);
	sb_append(sb, ";\n");
}

const char *ddl_function_what(const struct function *f)
{
	return function_keyword(f);
}

/* ---- other objects ------------------------------------------------------ */

bool ddl_object_writable(const struct object *o)
{
	/* A subscription's connection string is left out of the model (it may hold a password). */
	return o->definition != NULL && o->kind != OBJ_SUBSCRIPTION;
}

bool ddl_create_object(struct strbuf *sb, const struct object *o)
{
	if (!ddl_object_writable(o))
		return false;
	statement_end(sb, o->definition);
	return true;
}

static const char *const object_words[N_OBJECT_KINDS] = {
    [OBJ_EVENT_TRIGGER] = "EVENT TRIGGER",
    [OBJ_RULE] = "RULE",
    [OBJ_OPERATOR] = "OPERATOR",
    [OBJ_OPERATOR_CLASS] = "OPERATOR CLASS",
    [OBJ_OPERATOR_FAMILY] = "OPERATOR FAMILY",
    [OBJ_PUBLICATION] = "PUBLICATION",
    [OBJ_SUBSCRIPTION] = "SUBSCRIPTION",
    [OBJ_COLLATION] = "COLLATION",
    [OBJ_CONVERSION] = "CONVERSION",
    [OBJ_TS_CONFIGURATION] = "TEXT SEARCH CONFIGURATION",
    [OBJ_TS_DICTIONARY] = "TEXT SEARCH DICTIONARY",
    [OBJ_TS_PARSER] = "TEXT SEARCH PARSER",
    [OBJ_TS_TEMPLATE] = "TEXT SEARCH TEMPLATE",
    [OBJ_CAST] = "CAST",
    [OBJ_FOREIGN_DATA_WRAPPER] = "FOREIGN DATA WRAPPER",
    [OBJ_SERVER] = "SERVER",
    [OBJ_USER_MAPPING] = "USER MAPPING",
    [OBJ_STATISTICS] = "STATISTICS",
    [OBJ_TRANSFORM] = "TRANSFORM",
    [OBJ_LANGUAGE] = "LANGUAGE",
    [OBJ_ACCESS_METHOD] = "ACCESS METHOD",
};

const char *ddl_object_target(struct strbuf *sb, const struct object *o)
{
	if ((unsigned)o->kind >= N_OBJECT_KINDS)
		return NULL;
	switch (o->kind) {
	case OBJ_RULE:
		ddl_ident(sb, o->h.name);
		sb_append(sb, " ON ");
		ddl_qualified(sb, o->table_schema, o->table);
		break;
	case OBJ_OPERATOR:
		if (o->h.schema != NULL) {
			ddl_ident(sb, o->h.schema);
			sb_putc(sb, '.');
		}
		sb_printf(sb, "%s (%s)", nz(o->h.name), nz(o->arguments));
		break;
	case OBJ_OPERATOR_CLASS:
	case OBJ_OPERATOR_FAMILY:
		ddl_qualified(sb, o->h.schema, o->h.name);
		sb_append(sb, " USING ");
		ddl_ident(sb, o->on);
		break;
	case OBJ_CAST:
		sb_append(sb, nz(o->h.name));
		break;
	case OBJ_TRANSFORM:
		sb_printf(sb, "FOR %s LANGUAGE ", nz(o->h.name));
		ddl_ident(sb, o->on);
		break;
	case OBJ_USER_MAPPING:
		return NULL;
	default:
		ddl_qualified(sb, o->h.schema, o->h.name);
		break;
	}
	return object_words[o->kind];
}

void ddl_drop_object(struct strbuf *sb, const struct object *o)
{
	if (o->kind == OBJ_USER_MAPPING) {
		sb_append(sb, "DROP USER MAPPING FOR ");
		if (strcmp(nz(o->h.name), "public") == 0)
			sb_append(sb, "PUBLIC");
		else
			ddl_ident(sb, o->h.name);
		sb_append(sb, " SERVER ");
		ddl_ident(sb, o->on);
		sb_append(sb, ";\n");
		return;
	}
	struct strbuf target;
	sb_init(&target);
	const char *what = ddl_object_target(&target, o);
	if (what != NULL)
		sb_printf(sb, "DROP %s %s;\n", what, target.data);
	sb_free(&target);
}
