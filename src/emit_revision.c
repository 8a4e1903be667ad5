/*
 * emit_revision.c
 *	  The next Alembic revision (revision.h): a module in the shape of
 *	  Alembic's script.py.mako, whose docstring lists the changes and their
 *	  hazards as `diff` writes them, and whose upgrade() and downgrade()
 *	  run the plan's statements (plan.h) in the plan's order.
 *
 *	  Each statement the plan says what it is (plan_stmt.what) becomes the
 *	  Alembic operation that compiles to it, written from the model's
 *	  objects: op.create_table, add_column, alter_column (type, default,
 *	  nullability, rename), drop_column, drop_table, rename_table,
 *	  create_index, drop_index, create_primary_key,
 *	  create_unique_constraint, create_check_constraint,
 *	  create_foreign_key and drop_constraint.  Each name is a Python
 *	  string literal, which SQLAlchemy quotes where PostgreSQL needs it
 *	  (a keyword SQLAlchemy does not know as one is a quoted_name); each
 *	  expression from the dump (a default, a CHECK, an index key or
 *	  predicate) goes through _text(), which hides its colons from
 *	  SQLAlchemy's bind parameters.  Where SQLAlchemy 1.4 cannot say
 *	  exactly what the statement says (a type it has no name for, a
 *	  collation, NOT VALID, NO INHERIT, INCLUDE or NULLS NOT DISTINCT on a
 *	  key, exclusion constraints, identity columns added, ONLY on a table
 *	  with children, partitions, inheritance, foreign and unlogged tables,
 *	  an opclass parameter, raw text holding a '%'), and for every other
 *	  statement, the statement runs as written through _execute().  An
 *	  enum value added runs in Alembic's autocommit block, before the
 *	  rest, as the plan runs it before its transaction.  The rest runs
 *	  with the plan's settings (an empty search_path, no function body
 *	  checks), set for the transaction and put back at the end, so
 *	  Alembic's own version table update sees the usual ones.
 */
#include "revision.h"

#include "alembic_types.h"
#include "ddl.h"
#include "emit.h"
#include "plan.h"
#include "sqlident.h"
#include "textquote.h"

#include <string.h>

/* What the statements are written against: both models, for types and children. */
struct rev {
	const struct comparison *c;
	const char *indent;
};

/*
 * A name as a Python expression SQLAlchemy quotes exactly where PostgreSQL
 * needs it: a literal, or a quoted_name for a keyword that SQLAlchemy,
 * seeing only lower-case letters, digits and _, might leave bare.
 */
static void put_name(struct strbuf *out, const char *name)
{
	bool bare = (name[0] >= 'a' && name[0] <= 'z') || name[0] == '_';
	for (const char *p = name; bare && *p; p++)
		bare =
		    (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '$';
	if (bare && sqlident_needs_quotes(name)) {
		sb_append(out, "sa.sql.quoted_name(");
		quote_python_literal(out, name);
		sb_append(out, ", True)");
		return;
	}
	quote_python_literal(out, name);
}

/* [name, ...] */
static void put_names(struct strbuf *out, const struct ptrvec *names)
{
	sb_putc(out, '[');
	for (size_t i = 0; i < names->n; i++) {
		if (i > 0)
			sb_append(out, ", ");
		put_name(out, names->v[i]);
	}
	sb_putc(out, ']');
}

/* ", schema=NAME" */
static void put_schema(struct strbuf *out, const char *key, const char *schema)
{
	if (schema == NULL)
		return;
	sb_printf(out, ", %s=", key);
	put_name(out, schema);
}

/* _text('...'): SQL from the dump, as SQLAlchemy writes it back. */
static void put_text(struct strbuf *out, const char *sql)
{
	sb_append(out, "_text(");
	quote_python_literal(out, sql);
	sb_putc(out, ')');
}

/* The type of a column, as SQLAlchemy compiles it exactly, from either model. */
static bool put_type(const struct rev *r, struct strbuf *out, const struct column *col)
{
	if (col->collation != NULL || col->type == NULL)
		return false;
	return alembic_types_exact(out, r->c->new, col->type) ||
	       alembic_types_exact(out, r->c->old, col->type);
}

/* Is "schema.name" (as INHERITS lists it) the table t? */
static bool names_table(const char *dotted, const struct table *t)
{
	size_t ls = strlen(t->h.schema);
	return strncmp(dotted, t->h.schema, ls) == 0 && dotted[ls] == '.' &&
	       strcmp(dotted + ls + 1, t->h.name) == 0;
}

/* Does any table of m inherit from t or is a partition of it? */
static bool has_children_in(const struct model *m, const struct table *t)
{
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *u = m->tables.v[i];
		if (u->parent_table != NULL && strcmp(u->parent_table, t->h.name) == 0 &&
		    u->parent_schema != NULL && strcmp(u->parent_schema, t->h.schema) == 0)
			return true;
		for (size_t j = 0; j < u->inherits.n; j++)
			if (names_table(u->inherits.v[j], t))
				return true;
	}
	return false;
}

/*
 * A table an operation of Alembic's ALTER TABLE (never ONLY, never FOREIGN)
 * means exactly what the plan's statement means on: an ordinary table
 * with no parent and no child in either model.
 */
static bool plain_table(const struct rev *r, const struct table *t)
{
	return t != NULL && t->kind == TABLE_ORDINARY && t->parent_table == NULL &&
	       t->inherits.n == 0 && !has_children_in(r->c->old, t) &&
	       !has_children_in(r->c->new, t);
}

/* sa.Column(...) of col, as CREATE TABLE and ADD COLUMN write it (no identity); false if it cannot.
 */
static bool put_column(const struct rev *r, struct strbuf *out, const struct column *col)
{
	if (col->identity != IDENTITY_NONE || col->inherited)
		return false;
	sb_append(out, "sa.Column(");
	put_name(out, col->name);
	sb_append(out, ", ");
	if (!put_type(r, out, col))
		return false;
	if (col->generated != NULL) {
		sb_append(out, ", sa.Computed(");
		put_text(out, col->generated);
		sb_append(out, ", persisted=True)");
	} else if (col->default_expr != NULL) {
		sb_append(out, ", server_default=");
		put_text(out, col->default_expr);
	}
	if (col->not_null)
		sb_append(out, ", nullable=False");
	sb_putc(out, ')');
	return true;
}

/* op.create_table; the identities' statements after it run as written. */
static bool put_create_table(const struct rev *r, struct strbuf *out, const struct plan_stmt *ps)
{
	const struct table *t = ps->table;
	if (t->kind != TABLE_ORDINARY || t->unlogged || t->partition_key != NULL ||
	    t->parent_table != NULL || t->inherits.n > 0)
		return false;
	struct strbuf create;
	sb_init(&create);
	ddl_create_table_checks(&create, t, DDL_DEFAULTS_ALL, false, NULL, false);
	bool ok = create.data != NULL && strncmp(ps->sql, create.data, create.len) == 0;
	const char *rest = ps->sql + (ok ? create.len : 0);
	sb_free(&create);
	if (!ok)
		return false;
	sb_append(out, "op.create_table(\n");
	sb_append(out, r->indent);
	sb_append(out, "    ");
	put_name(out, t->h.name);
	sb_append(out, ",\n");
	for (size_t i = 0; i < t->columns.n; i++) {
		sb_append(out, r->indent);
		sb_append(out, "    ");
		struct column c = *(const struct column *)t->columns.v[i];
		c.identity = IDENTITY_NONE; /* added after it, with its sequence */
		if (!put_column(r, out, &c))
			return false;
		sb_append(out, ",\n");
	}
	sb_append(out, r->indent);
	sb_append(out, "    schema=");
	put_name(out, t->h.schema);
	sb_append(out, ",\n");
	sb_append(out, r->indent);
	sb_append(out, ")\n");
	if (*rest) {
		sb_append(out, r->indent);
		sb_append(out, "_execute(");
		size_t n = strlen(rest);
		while (n > 0 && (rest[n - 1] == '\n' || rest[n - 1] == ';'))
			n--;
		struct strbuf s;
		sb_init(&s);
		sb_append_len(&s, rest, n);
		quote_python_literal(out, s.data ? s.data : "");
		sb_free(&s);
		sb_append(out, ")\n");
	}
	return true;
}

/* op.create_index: keys by name, with postgresql_ops, or as _text() of the key. */
static bool put_create_index(struct strbuf *out, const struct index *ix)
{
	const char *m = ix->method ? ix->method : "btree";
	if (ix->nulls_not_distinct ||
	    strspn(m, "abcdefghijklmnopqrstuvwxyz_0123456789") != strlen(m))
		return false;
	struct strbuf ops, key;
	sb_init(&ops);
	sb_init(&key);
	bool ok = true;
	sb_printf(out, "op.create_index(");
	put_name(out, ix->h.name);
	sb_append(out, ", ");
	put_name(out, ix->table);
	sb_append(out, ", [");
	for (size_t i = 0; i < ix->keys.n && ok; i++) {
		const struct index_key *k = ix->keys.v[i];
		if (i > 0)
			sb_append(out, ", ");
		bool by_name = k->column != NULL && k->collation == NULL &&
			       k->n_opclass_params == 0 && !k->desc &&
			       k->nulls == KEY_NULLS_DEFAULT && k->op == NULL;
		for (size_t j = 0; by_name && k->opclass && j < ix->keys.n; j++) {
			const struct index_key *o = ix->keys.v[j];
			if (j != i && o->column && strcmp(o->column, k->column) == 0)
				by_name =
				    false; /* postgresql_ops is by name: one opclass per name */
		}
		sb_reset(&key);
		if (by_name && k->opclass) {
			ddl_qualified(&key, k->opclass_schema, k->opclass);
			if (strchr(key.data, '%') != NULL) /* written raw, as the driver reads it */
				by_name = false;
			else {
				sb_append(&ops, ops.len ? ", " : "");
				quote_python_literal(&ops, k->column);
				sb_append(&ops, ": ");
				quote_python_literal(&ops, key.data);
			}
		}
		if (by_name) {
			put_name(out, k->column);
			continue;
		}
		sb_reset(&key);
		if (k->n_opclass_params > 0) {
			ok = false;
			break;
		}
		ddl_index_key(&key, k, false);
		put_text(out, key.data);
	}
	sb_append(out, "]");
	put_schema(out, "schema", ix->h.schema);
	if (ix->unique)
		sb_append(out, ", unique=True");
	if (strcmp(m, "btree") != 0)
		sb_printf(out, ", postgresql_using='%s'", m);
	if (ix->include.n > 0) {
		sb_append(out, ", postgresql_include=");
		put_names(out, &ix->include);
	}
	if (ops.len > 0)
		sb_printf(out, ", postgresql_ops={%s}", ops.data);
	if (ix->where != NULL) {
		sb_reset(&key);
		sb_printf(&key, "(%s)", ix->where);
		sb_append(out, ", postgresql_where=");
		put_text(out, key.data);
	}
	sb_append(out, ")\n");
	sb_free(&ops);
	sb_free(&key);
	return ok;
}

/* ", deferrable=True, initially='DEFERRED'" */
static void put_deferrable(struct strbuf *out, const struct constraint *k)
{
	if (k->deferrable)
		sb_append(out, ", deferrable=True");
	if (k->initially_deferred)
		sb_append(out, ", initially='DEFERRED'");
}

static bool is_action(const char *a)
{
	static const char *const actions[] = {"CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT",
					      "NO ACTION"};
	for (size_t i = 0; a && i < sizeof actions / sizeof actions[0]; i++)
		if (strcmp(a, actions[i]) == 0)
			return true;
	return false;
}

/* op.create_primary_key / create_unique_constraint / create_check_constraint / create_foreign_key.
 */
static bool put_add_constraint(const struct rev *r, struct strbuf *out, const struct plan_stmt *ps)
{
	const struct table *t = ps->table;
	const struct constraint *k = ps->obj;
	if (!plain_table(r, t) || !k->valid || k->not_enforced || k->temporal ||
	    k->nulls_not_distinct || k->include.n > 0)
		return false;
	switch (k->kind) {
	case CON_PRIMARY:
		if (k->deferrable || k->initially_deferred)
			return false; /* create_primary_key takes neither */
		sb_append(out, "op.create_primary_key(");
		break;
	case CON_UNIQUE:
		sb_append(out, "op.create_unique_constraint(");
		break;
	case CON_CHECK:
		if (k->no_inherit || k->expression == NULL)
			return false;
		sb_append(out, "op.create_check_constraint(");
		break;
	case CON_FOREIGN:
		if (k->ref_columns.n == 0 || k->ref_table == NULL ||
		    (k->on_delete && !is_action(k->on_delete)) ||
		    (k->on_update && !is_action(k->on_update)) ||
		    (k->match && strcmp(k->match, "SIMPLE") != 0 && strcmp(k->match, "FULL") != 0))
			return false;
		sb_append(out, "op.create_foreign_key(");
		break;
	default:
		return false;
	}
	put_name(out, k->name);
	sb_append(out, ", ");
	put_name(out, t->h.name);
	sb_append(out, ", ");
	switch (k->kind) {
	case CON_PRIMARY:
	case CON_UNIQUE:
		put_names(out, &k->columns);
		put_schema(out, "schema", t->h.schema);
		put_deferrable(out, k);
		break;
	case CON_CHECK:
		put_text(out, k->expression);
		put_schema(out, "schema", t->h.schema);
		break;
	default:
		put_name(out, k->ref_table);
		sb_append(out, ", ");
		put_names(out, &k->columns);
		sb_append(out, ", ");
		put_names(out, &k->ref_columns);
		if (k->on_update && strcmp(k->on_update, "NO ACTION") != 0)
			sb_printf(out, ", onupdate='%s'", k->on_update);
		if (k->on_delete && strcmp(k->on_delete, "NO ACTION") != 0)
			sb_printf(out, ", ondelete='%s'", k->on_delete);
		put_deferrable(out, k);
		if (k->match && strcmp(k->match, "SIMPLE") != 0)
			sb_printf(out, ", match='%s'", k->match);
		put_schema(out, "source_schema", t->h.schema);
		put_schema(out, "referent_schema", k->ref_schema);
		break;
	}
	sb_append(out, ")\n");
	return true;
}

/* op.alter_column(TABLE, COLUMN, ...) up to the arguments. */
static void alter_head(struct strbuf *out, const struct table *t, const char *column)
{
	sb_append(out, "op.alter_column(");
	put_name(out, t->h.name);
	sb_append(out, ", ");
	put_name(out, column);
}

/*
 * The operation of a tagged statement (plan.h's plan_stmt.what), as a
 * line of Python at r->indent, appended to out; false (out as it was) when
 * SQLAlchemy cannot write exactly that statement.
 */
static bool put_operation(const struct rev *r, struct strbuf *out, const struct plan_stmt *ps)
{
	const struct table *t = ps->table;
	const struct column *col = ps->obj, *old = ps->old_obj;
	size_t at = out->len;
	bool ok = true;
	if (ps->what != PLAN_CREATE_INDEX && ps->what != PLAN_DROP_INDEX &&
	    (t == NULL || t->kind == TABLE_FOREIGN))
		return false;
	sb_append(out, r->indent);
	switch (ps->what) {
	case PLAN_OTHER:
		ok = false;
		break;
	case PLAN_CREATE_TABLE:
		ok = put_create_table(r, out, ps);
		break;
	case PLAN_DROP_TABLE:
		sb_append(out, "op.drop_table(");
		put_name(out, t->h.name);
		put_schema(out, "schema", t->h.schema);
		sb_append(out, ")\n");
		break;
	case PLAN_RENAME_TABLE:
		sb_append(out, "op.rename_table(");
		put_name(out, ((const struct table *)ps->old_obj)->h.name);
		sb_append(out, ", ");
		put_name(out, t->h.name);
		put_schema(out, "schema", t->h.schema);
		sb_append(out, ")\n");
		break;
	case PLAN_ADD_COLUMN:
		sb_append(out, "op.add_column(");
		put_name(out, t->h.name);
		sb_append(out, ", ");
		ok = put_column(r, out, col);
		put_schema(out, "schema", t->h.schema);
		sb_append(out, ")\n");
		break;
	case PLAN_DROP_COLUMN:
		sb_append(out, "op.drop_column(");
		put_name(out, t->h.name);
		sb_append(out, ", ");
		put_name(out, col->name);
		put_schema(out, "schema", t->h.schema);
		sb_append(out, ")\n");
		break;
	case PLAN_RENAME_COLUMN:
		alter_head(out, t, old->name);
		sb_append(out, ", new_column_name=");
		put_name(out, col->name);
		put_schema(out, "schema", t->h.schema);
		sb_append(out, ")\n");
		break;
	case PLAN_COLUMN_TYPE:
		/* USING is written raw: a '%' in it would be the driver's */
		if (ps->using != NULL && strchr(ps->using, '%') != NULL) {
			ok = false;
			break;
		}
		alter_head(out, t, col->name);
		sb_append(out, ", type_=");
		ok = put_type(r, out, col);
		if (ok && old != NULL && old->collation == NULL) {
			size_t before = out->len;
			sb_append(out, ", existing_type=");
			if (!put_type(r, out, old))
				out->len = before, out->data[before] = '\0';
		}
		if (ps->using != NULL) {
			sb_append(out, ", postgresql_using=");
			quote_python_literal(out, ps->using);
		}
		put_schema(out, "schema", t->h.schema);
		sb_append(out, ")\n");
		break;
	case PLAN_SET_DEFAULT:
	case PLAN_DROP_DEFAULT:
		if (!plain_table(r, t)) { /* the plan's is ALTER TABLE ONLY */
			ok = false;
			break;
		}
		alter_head(out, t, col->name);
		sb_append(out, ", server_default=");
		if (ps->what == PLAN_SET_DEFAULT && col->default_expr != NULL)
			put_text(out, col->default_expr);
		else
			sb_append(out, "None");
		put_schema(out, "schema", t->h.schema);
		sb_append(out, ")\n");
		break;
	case PLAN_NOT_NULL:
		alter_head(out, t, col->name);
		sb_append(out, col->not_null ? ", nullable=False" : ", nullable=True");
		put_schema(out, "schema", t->h.schema);
		sb_append(out, ")\n");
		break;
	case PLAN_ADD_CONSTRAINT:
		ok = put_add_constraint(r, out, ps);
		break;
	case PLAN_DROP_CONSTRAINT:
		sb_append(out, "op.drop_constraint(");
		put_name(out, ((const struct constraint *)ps->obj)->name);
		sb_append(out, ", ");
		put_name(out, t->h.name);
		put_schema(out, "schema", t->h.schema);
		sb_append(out, ")\n");
		break;
	case PLAN_CREATE_INDEX:
		ok = put_create_index(out, ps->obj);
		break;
	case PLAN_DROP_INDEX: {
		const struct index *ix = ps->obj;
		sb_append(out, "op.drop_index(");
		put_name(out, ix->h.name);
		put_schema(out, "schema", ix->h.schema);
		sb_append(out, ")\n");
		break;
	}
	}
	if (!ok) {
		out->len = at;
		if (out->data)
			out->data[at] = '\0';
	}
	return ok;
}

/* The comment the plan puts before an added column that cannot go in its place. */
static const char column_order[] = "-- column order: ";

/* One statement as a line of Python at indent, appended to out. */
static void put_statement(const struct rev *r, struct strbuf *out, const struct plan_stmt *ps)
{
	const char *sql = ps->sql;
	struct plan_stmt body = *ps;
	if (ps->what == PLAN_ADD_COLUMN && strncmp(sql, column_order, strlen(column_order)) == 0 &&
	    strchr(sql, '\n') != NULL) {
		body.sql = strchr(sql, '\n') + 1;
		if (strncmp(body.sql, "--", 2) != 0) {
			sb_append(out, r->indent);
			sb_append(out, "# column order: PostgreSQL adds the column after the ones "
				       "kept, not in its place\n");
		}
	}
	if (strncmp(body.sql, "--", 2) != 0 && put_operation(r, out, &body))
		return;
	sb_append(out, r->indent);
	size_t n = strlen(sql);
	while (n > 0 && (sql[n - 1] == '\n' || sql[n - 1] == ';'))
		n--; /* the plan's ";\n": one statement, as Alembic executes it */
	struct strbuf s;
	sb_init(&s);
	sb_append_len(&s, sql, n);
	sb_append(out, "_execute(");
	quote_python_literal(out, s.data ? s.data : "");
	sb_append(out, ")\n");
	sb_free(&s);
}

static const char settings_on[] =
    "    op.execute(\"SELECT pg_catalog.set_config('pgbaseline.search_path', "
    "pg_catalog.current_setting('search_path'), true), \"\n"
    "               \"pg_catalog.set_config('pgbaseline.check_function_bodies', "
    "pg_catalog.current_setting('check_function_bodies'), true), \"\n"
    "               \"pg_catalog.set_config('search_path', '', true), \"\n"
    "               \"pg_catalog.set_config('check_function_bodies', 'off', true)\")\n";

static const char settings_off[] =
    "    op.execute(\"SELECT pg_catalog.set_config('search_path', \"\n"
    "               \"pg_catalog.current_setting('pgbaseline.search_path'), true), \"\n"
    "               \"pg_catalog.set_config('check_function_bodies', \"\n"
    "               \"pg_catalog.current_setting('pgbaseline.check_function_bodies'), true)\")\n";

/* def upgrade() or downgrade(): the plan of one direction. */
static void put_function(struct strbuf *out, const struct comparison *c, bool down)
{
	struct ptrvec stmts = {0};
	struct rev r = {.c = c, .indent = "        "};
	plan_statements(c, down, &stmts);
	sb_printf(out, "\n\ndef %s() -> None:\n", down ? "downgrade" : "upgrade");
	bool any_before = false, any_in = false;
	for (size_t i = 0; i < stmts.n; i++) {
		const struct plan_stmt *ps = stmts.v[i];
		if (ps->before_txn) {
			if (!any_before)
				sb_append(
				    out,
				    "    # an enum value cannot be used in the transaction that "
				    "adds it\n"
				    "    with op.get_context().autocommit_block():\n");
			any_before = true;
			put_statement(&r, out, ps);
		}
	}
	for (size_t i = 0; i < stmts.n; i++) {
		const struct plan_stmt *ps = stmts.v[i];
		if (ps->before_txn)
			continue;
		if (!any_in)
			sb_append(out, settings_on);
		any_in = true;
		r.indent = "    ";
		put_statement(&r, out, ps);
	}
	if (any_in)
		sb_append(out, settings_off);
	if (!any_before && !any_in)
		sb_append(out, "    pass\n");
	plan_statements_free(&stmts);
}

/* One docstring line from text that is not yet quoted. */
static void put_doc_line(struct strbuf *out, const char *indent, const char *text, size_t len)
{
	struct strbuf piece, raw;
	sb_init(&piece);
	sb_init(&raw);
	sb_append_len(&raw, text, len);
	sb_append(&piece, indent);
	quote_python_docstring_piece(&piece, raw.data ? raw.data : "");
	sb_putc(&piece, '\n');
	quote_python_docstring_line(out, piece.data, piece.len);
	sb_free(&piece);
	sb_free(&raw);
}

static void put_doc_text(struct strbuf *out, const char *indent, const char *text)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		put_doc_line(out, len ? indent : "", text, len);
		text += len + (nl != NULL);
	}
}

static void put_docstring(struct strbuf *out, const struct comparison *c,
			  const struct revision_opts *o)
{
	struct strbuf sb, changes;
	struct sink s;
	sb_init(&sb);
	sb_init(&changes);

	sb_append(out, "\"\"\"");
	sb_printf(&sb, "%s\n\nRevision ID: %s\nRevises: %s\n\n", o->message, o->rev,
		  o->down_revision);
	sb_printf(&sb, "Written by pgbaseline %s revision from\n", PGB_VERSION);
	put_doc_text(out, "", sb.data);
	put_doc_text(out, "    OLD: ", o->old_label);
	put_doc_text(out, "", "to");
	put_doc_text(out, "    NEW: ", o->new_label);
	sb_reset(&sb);
	sb_printf(&sb,
		  "\nupgrade() turns OLD into NEW, downgrade() NEW back into OLD.  The schema\n"
		  "this revision leads to is recorded beside it in %s\n"
		  "(pgbaseline verify compares a database with it).\n\nChanges:\n",
		  o->schema_sql);
	put_doc_text(out, "", sb.data);
	sink_init_buf(&s, &changes);
	emit_diff_text(c->new,
		       &(struct emit_opts){
			   .comparison = c, .old_label = o->old_label, .new_label = o->new_label},
		       &s);
	put_doc_text(out, "    ", changes.data ? changes.data : "");
	sb_append(out, "\"\"\"\n");
	sb_free(&sb);
	sb_free(&changes);
}

static const char module_head[] = "from typing import Sequence, Union\n"
				  "\n"
				  "from alembic import op\n"
				  "import sqlalchemy as sa\n"
				  "from sqlalchemy.dialects import postgresql\n"
				  "\n"
				  "\n"
				  "# revision identifiers, used by Alembic.\n";

static const char module_helper[] =
    "\n"
    "\n"
    "def _execute(statement: str) -> None:\n"
    "    \"\"\"Run one statement of pgbaseline's plan as written.\n"
    "\n"
    "    Alembic reads a colon before a word as a bind parameter; escaped, it is a\n"
    "    colon again when SQLAlchemy compiles the statement.\n"
    "    \"\"\"\n"
    "    op.execute(statement.replace(\":\", \"\\\\:\"))\n"
    "\n"
    "\n"
    "def _text(sql: str) -> sa.sql.elements.TextClause:\n"
    "    \"\"\"SQL from the dump (a default, a CHECK, an index key) as written.\n"
    "\n"
    "    Its colons escaped as _execute() escapes them, so that none is a bind\n"
    "    parameter.\n"
    "    \"\"\"\n"
    "    return sa.text(sql.replace(\":\", \"\\\\:\"))\n";

void emit_revision_module(const struct comparison *c, const struct revision_opts *o,
			  struct strbuf *out)
{
	put_docstring(out, c, o);
	sb_append(out, module_head);
	sb_append(out, "revision: str = ");
	quote_python_literal(out, o->rev);
	sb_append(out, "\ndown_revision: Union[str, Sequence[str], None] = ");
	quote_python_literal(out, o->down_revision);
	sb_append(out, "\nbranch_labels: Union[str, Sequence[str], None] = None\n"
		       "depends_on: Union[str, Sequence[str], None] = None\n");
	sb_append(out, module_helper);
	put_function(out, c, false);
	put_function(out, c, true);
}
