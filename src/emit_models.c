/*
 * emit_models.c
 *	  `pgbaseline models`: the included tables as one Python module of
 *	  SQLAlchemy metadata (Table objects on a module-level `metadata`,
 *	  with a declarative `Base` sharing it), written for SQLAlchemy 1.4 and
 *	  2.0, that Alembic's autogenerate compares with the restored database
 *	  and finds nothing to do.
 *
 *	  Every name from the dump reaches the module only as a Python string
 *	  literal (quote_python_literal) or escaped docstring text, never as an
 *	  identifier: tables are reached through metadata.tables, columns
 *	  through Table.c[...], so keywords, `metadata`, quotes, non-ASCII and
 *	  names differing only in case need no mapping.  SQL text (defaults,
 *	  checks, index expressions) goes through sa.text() with its colons
 *	  escaped, so no ":name" becomes a bind parameter.
 *
 *	  Tables in `public` are written without a schema: Alembic reflects the
 *	  connection's default schema with none, and a foreign key to
 *	  "public.t" would otherwise differ from the reflected one to "t".
 *
 *	  What a Table cannot express (views, functions, triggers, policies,
 *	  partitions, inheritance children, foreign tables, exclusion
 *	  constraints) is listed in the docstring; the tables among it are
 *	  kept out of autogenerate by the module's include_object().
 */
#include "emit.h"

#include "alembic_types.h"
#include "facts.h"
#include "textquote.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *models_schema(const char *schema)
{
	return schema == NULL || strcmp(schema, "public") == 0 ? NULL : schema;
}

/* SQL text as a sa.text() argument: ':' escaped as "\:" so it is never a bind parameter. */
static void put_sql_text(struct strbuf *out, const char *sql)
{
	struct strbuf esc;
	sb_init(&esc);
	for (const char *p = sql; *p; p++) {
		if (*p == ':')
			sb_putc(&esc, '\\');
		sb_putc(&esc, *p);
	}
	sb_append(out, "sa.text(");
	quote_python_literal(out, esc.data ? esc.data : "");
	sb_append(out, ")");
	sb_free(&esc);
}

/* Has sql a space outside quotes and parentheses (an operator expression)? */
static bool top_level_space(const char *sql)
{
	int depth = 0;
	char quote = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"')
			quote = *p;
		else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == ' ' && depth == 0)
			return true;
	}
	return false;
}

/*
 * A default as PostgreSQL's pg_get_expr() shows it with search_path
 * "$user", public: a nextval() of a sequence in public names it bare.
 */
static char *default_text(const char *expr)
{
	struct strbuf sb;
	sb_init(&sb);
	const char *p = expr;
	const char *hit;
	while ((hit = strstr(p, "nextval('public.")) != NULL) {
		sb_append_len(&sb, p, (size_t)(hit - p));
		sb_append(&sb, "nextval('");
		p = hit + strlen("nextval('public.");
	}
	sb_append(&sb, p);
	/* pg_get_expr() parenthesises an operator expression; DDL needs it too */
	if (top_level_space(sb.data)) {
		char *bare = sb_steal(&sb);
		sb_printf(&sb, "(%s)", bare);
		free(bare);
	}
	return sb_steal(&sb);
}

/* The user type whose format_type() name is `type`, or NULL. */
static const struct pgtype *find_type(const struct model *m, const char *type)
{
	struct strbuf name;
	sb_init(&name);
	const struct pgtype *found = NULL;
	for (size_t i = 0; i < m->types.n && found == NULL; i++) {
		const struct pgtype *t = m->types.v[i];
		sb_reset(&name);
		if (t->h.schema != NULL) {
			quote_sql_ident(&name, t->h.schema);
			sb_putc(&name, '.');
		}
		quote_sql_ident(&name, t->h.name);
		if (strcmp(name.data, type) == 0)
			found = t;
	}
	sb_free(&name);
	return found;
}

/* The enums of the module, numbered in the order of m->types. */
static long enum_number(const struct model *m, const struct pgtype *t)
{
	long n = 0;
	for (size_t i = 0; i < m->types.n; i++) {
		const struct pgtype *u = m->types.v[i];
		if (u == t)
			return n;
		if (u->kind == TYPE_ENUM)
			n++;
	}
	return -1;
}

static void put_type(const struct model *m, struct strbuf *out, const char *type, int depth);

static void put_type(const struct model *m, struct strbuf *out, const char *type, int depth)
{
	size_t n = strlen(type);
	if (depth < 8 && n > 2 && strcmp(type + n - 2, "[]") == 0) {
		char *inner = xstrdup(type);
		inner[n - 2] = '\0';
		sb_append(out, "postgresql.ARRAY(");
		put_type(m, out, inner, depth + 1);
		sb_append(out, ")");
		free(inner);
		return;
	}
	if (alembic_types_builtin(out, type))
		return;
	const struct pgtype *t = find_type(m, type);
	if (t != NULL && t->kind == TYPE_ENUM) {
		sb_printf(out, "ENUMS[%ld]", enum_number(m, t));
		return;
	}
	if (t != NULL && t->kind == TYPE_DOMAIN && t->base_type != NULL && depth < 8) {
		put_type(m, out, t->base_type, depth + 1);
		return;
	}
	sb_append(out, "PgType(");
	quote_python_literal(out, type);
	sb_append(out, ")");
}

/* Integer types, whose single-column primary key SQLAlchemy would make SERIAL. */
static bool integer_type(const char *type)
{
	return strcmp(type, "integer") == 0 || strcmp(type, "bigint") == 0 ||
	       strcmp(type, "smallint") == 0;
}

/* The identity sequence of t.column, or NULL. */
static const struct sequence *identity_sequence(const struct model *m, const struct table *t,
						const struct column *c)
{
	for (size_t i = 0; i < m->sequences.n; i++) {
		const struct sequence *s = m->sequences.v[i];
		if (s->identity && s->owned_by_table && s->owned_by_column &&
		    strcmp(s->owned_by_table, t->h.name) == 0 &&
		    strcmp(s->owned_by_column, c->name) == 0 &&
		    ((s->owned_by_schema == NULL && t->h.schema == NULL) ||
		     (s->owned_by_schema && t->h.schema &&
		      strcmp(s->owned_by_schema, t->h.schema) == 0)))
			return s;
	}
	return NULL;
}

/* Is s owned by t.column? */
static bool owned_by(const struct sequence *s, const struct table *t, const char *column)
{
	return s->owned_by_table && s->owned_by_column &&
	       strcmp(s->owned_by_table, t->h.name) == 0 &&
	       strcmp(s->owned_by_column, column) == 0 &&
	       ((s->owned_by_schema == NULL && t->h.schema == NULL) ||
		(s->owned_by_schema && t->h.schema &&
		 strcmp(s->owned_by_schema, t->h.schema) == 0));
}

/*
 * A serial: an integer or bigint column whose default is nextval() of a
 * sequence it owns.  Alembic's PostgreSQL autogenerate drops such a
 * reflected default (autogen_column_reflect), so the model has none
 * either; SQLAlchemy makes a single-column primary key of it SERIAL.
 */
static bool serial_column(const struct model *m, const struct table *t, const struct column *c)
{
	/* Alembic looks the sequence up by the default's text, which is bare only in public */
	if (models_schema(t->h.schema) != NULL)
		return false;
	if (c->default_expr == NULL || strncmp(c->default_expr, "nextval(", 8) != 0 ||
	    (strcmp(c->type, "integer") != 0 && strcmp(c->type, "bigint") != 0))
		return false;
	for (size_t i = 0; i < m->sequences.n; i++) {
		const struct sequence *s = m->sequences.v[i];
		if (!s->identity && owned_by(s, t, c->name))
			return true;
	}
	return false;
}

/* A sequence's options with PostgreSQL's defaults filled in, as Alembic reflects them. */
static void put_sequence_options(struct strbuf *out, const struct sequence *s, const char *type)
{
	long long max = 9223372036854775807LL, min = -9223372036854775807LL - 1;
	if (type != NULL && strcmp(type, "integer") == 0) {
		max = 2147483647LL;
		min = -2147483648LL;
	} else if (type != NULL && strcmp(type, "smallint") == 0) {
		max = 32767;
		min = -32768;
	}
	long long inc = s->has_increment ? s->increment : 1;
	long long lo = s->has_min ? s->min_value : (inc > 0 ? 1 : min);
	long long hi = s->has_max ? s->max_value : (inc > 0 ? max : -1);
	long long start = s->has_start ? s->start : (inc > 0 ? lo : hi);
	sb_printf(out,
		  "start=%lld, increment=%lld, minvalue=%lld, maxvalue=%lld, cycle=%s, cache=%lld",
		  start, inc, lo, hi, s->cycle ? "True" : "False", s->has_cache ? s->cache : 1);
}

static bool in_primary_key(const struct table *t, const char *col)
{
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		if (c->kind != CON_PRIMARY)
			continue;
		for (size_t j = 0; j < c->columns.n; j++)
			if (strcmp(c->columns.v[j], col) == 0)
				return true;
	}
	return false;
}

static void put_column(const struct model *m, struct strbuf *out, const struct table *t,
		       const struct column *c)
{
	const struct pgtype *dom = find_type(m, c->type);
	if (dom != NULL && dom->kind == TYPE_DOMAIN) {
		sb_append(out, "    # domain ");
		quote_python_literal(out, c->type);
		sb_append(out, "\n");
	}
	sb_append(out, "    sa.Column(\n        ");
	quote_python_literal(out, c->name);
	sb_append(out, ",\n        ");
	put_type(m, out, c->type, 0);
	sb_append(out, ",\n");
	if (c->identity != IDENTITY_NONE) {
		const struct sequence *s = identity_sequence(m, t, c);
		sb_printf(out, "    sa.Identity(always=%s",
			  c->identity == IDENTITY_ALWAYS ? "True" : "False");
		if (s != NULL) {
			sb_append(out, ", ");
			put_sequence_options(out, s, c->type);
		} else {
			struct sequence dflt = {0};
			sb_append(out, ", ");
			put_sequence_options(out, &dflt, c->type);
		}
		sb_append(out, "),\n");
	} else if (c->generated != NULL) {
		sb_append(out, "    sa.Computed(");
		put_sql_text(out, c->generated);
		sb_append(out, ", persisted=True),\n");
	}
	/* SQLAlchemy reflects a column of a NOT NULL domain as not nullable */
	bool not_null = c->not_null;
	const struct pgtype *dt = dom;
	for (int depth = 0; dt != NULL && dt->kind == TYPE_DOMAIN && depth < 8; depth++) {
		not_null = not_null || dt->not_null;
		dt = dt->base_type ? find_type(m, dt->base_type) : NULL;
	}
	sb_printf(out, "        nullable=%s,\n", not_null ? "False" : "True");
	bool serial = serial_column(m, t, c);
	if (c->default_expr != NULL && c->identity == IDENTITY_NONE && c->generated == NULL &&
	    !serial) {
		char *d = default_text(c->default_expr);
		sb_append(out, "        server_default=");
		put_sql_text(out, d);
		sb_append(out, ",\n");
		free(d);
	}
	if (integer_type(c->type) && in_primary_key(t, c->name) && c->identity == IDENTITY_NONE &&
	    !serial)
		sb_append(out, "        autoincrement=False,\n");
	if (c->comment != NULL) {
		sb_append(out, "        comment=");
		quote_python_literal(out, c->comment);
		sb_append(out, ",\n");
	}
	sb_append(out, "    ),\n");
}

static void put_names(struct strbuf *out, const struct ptrvec *names)
{
	for (size_t i = 0; i < names->n; i++) {
		if (i)
			sb_append(out, ", ");
		quote_python_literal(out, names->v[i]);
	}
}

static void put_constraint(struct strbuf *out, const struct constraint *c)
{
	switch (c->kind) {
	case CON_PRIMARY:
		sb_append(out, "    sa.PrimaryKeyConstraint(");
		put_names(out, &c->columns);
		break;
	case CON_UNIQUE:
		if (c->include.n) {
			/* SQLAlchemy 1.4's UniqueConstraint takes no postgresql_include */
			sb_append(out, "    # not expressed: INCLUDE (");
			put_names(out, &c->include);
			sb_append(out, ")\n");
		}
		sb_append(out, "    sa.UniqueConstraint(");
		put_names(out, &c->columns);
		break;
	case CON_CHECK:
		sb_append(out, "    sa.CheckConstraint(");
		put_sql_text(out, c->expression ? c->expression : "true");
		break;
	default:
		return;
	}
	if (c->columns.n || c->kind == CON_CHECK)
		sb_append(out, ", ");
	sb_append(out, "name=");
	quote_python_literal(out, c->name);
	if (c->deferrable)
		sb_printf(out, ", deferrable=True, initially=%s",
			  c->initially_deferred ? "'DEFERRED'" : "'IMMEDIATE'");
	sb_append(out, "),\n");
}

/* An index, after its table: sa.Index(name, keys..., _table=table). */
static void put_index(struct strbuf *out, const struct index *ix)
{
	sb_append(out, "sa.Index(\n    ");
	quote_python_literal(out, ix->h.name);
	struct strbuf ops, key;
	sb_init(&ops);
	sb_init(&key);
	for (size_t i = 0; i < ix->keys.n; i++) {
		const struct index_key *k = ix->keys.v[i];
		sb_append(out, ",\n    ");
		bool column = k->column != NULL && k->collation == NULL &&
			      k->n_opclass_params == 0 &&
			      (k->opclass == NULL || (!k->desc && k->nulls == KEY_NULLS_DEFAULT));
		if (column) {
			sb_append(out, "_t.c[");
			quote_python_literal(out, k->column);
			sb_append(out, "]");
			if (k->desc)
				sb_append(out, ".desc()");
			if (k->nulls == KEY_NULLS_FIRST)
				sb_append(out, ".nulls_first()");
			else if (k->nulls == KEY_NULLS_LAST)
				sb_append(out, ".nulls_last()");
			if (k->opclass != NULL) {
				sb_append(&ops, ops.len ? ", " : "");
				quote_python_literal(&ops, k->column);
				sb_append(&ops, ": ");
				sb_reset(&key);
				if (k->opclass_schema) {
					quote_sql_ident(&key, k->opclass_schema);
					sb_putc(&key, '.');
				}
				sb_append(&key, k->opclass);
				quote_python_literal(&ops, key.data);
			}
		} else {
			sb_reset(&key);
			facts_put_index_key(&key, k);
			put_sql_text(out, key.data);
		}
	}
	if (ix->unique)
		sb_append(out, ",\n    unique=True");
	if (ix->method != NULL && strcmp(ix->method, "btree") != 0) {
		sb_append(out, ",\n    postgresql_using=");
		quote_python_literal(out, ix->method);
	}
	if (ix->where != NULL) {
		sb_append(out, ",\n    postgresql_where=");
		put_sql_text(out, ix->where);
	}
	if (ix->include.n) {
		sb_append(out, ",\n    postgresql_include=[");
		put_names(out, &ix->include);
		sb_append(out, "]");
	}
	if (ops.len)
		sb_printf(out, ",\n    postgresql_ops={%s}", ops.data);
	sb_append(out, ",\n    _table=_t,\n)\n");
	sb_free(&ops);
	sb_free(&key);
}

/* metadata.tables' key of a table: "schema.name", or "name" in the default schema. */
static void put_table_key(struct strbuf *out, const char *schema, const char *name)
{
	struct strbuf k;
	sb_init(&k);
	const char *s = models_schema(schema);
	if (s != NULL)
		sb_printf(&k, "%s.", s);
	sb_append(&k, name);
	sb_append(out, "metadata.tables[");
	quote_python_literal(out, k.data);
	sb_append(out, "]");
	sb_free(&k);
}

/* Is t written as a Table?  Partitions, inheritance children and foreign tables are not. */
static bool models_table(const struct table *t)
{
	return t->h.included && (t->kind == TABLE_ORDINARY || t->kind == TABLE_PARTITIONED) &&
	       t->inherits.n == 0 && t->parent_table == NULL;
}

static void doc_line(struct strbuf *out, const char *fmt, const char *a, const char *b,
		     const char *c)
{
	struct strbuf line, piece;
	sb_init(&line);
	sb_init(&piece);
	/* fmt has %s for each of a, b, c (pieces escaped) */
	const char *args[3] = {a, b, c};
	int ai = 0;
	for (const char *p = fmt; *p; p++) {
		if (p[0] == '%' && p[1] == 's' && ai < 3) {
			sb_reset(&piece);
			quote_python_docstring_piece(&piece, args[ai] ? args[ai] : "");
			sb_append(&line, piece.data ? piece.data : "");
			ai++;
			p++;
		} else
			sb_putc(&line, *p);
	}
	quote_python_docstring_line(out, line.data, line.len);
	sb_free(&line);
	sb_free(&piece);
}

static const char *qual(struct strbuf *sb, const char *schema, const char *name)
{
	sb_reset(sb);
	if (schema != NULL) {
		quote_sql_ident(sb, schema);
		sb_putc(sb, '.');
	}
	quote_sql_ident(sb, name);
	return sb->data;
}

static void put_docstring(const struct model *m, struct strbuf *out)
{
	struct strbuf q, q2;
	sb_init(&q);
	sb_init(&q2);
	sb_append(out, "\"\"\"SQLAlchemy models of the schema");
	if (m->source.file != NULL) {
		sb_append(out, " of ");
		quote_python_docstring_text(out, m->source.file);
	}
	sb_append(out, ", written by pgbaseline models.\n"
		       "\n"
		       "Tables are sa.Table objects on `metadata` (reach them as\n"
		       "metadata.tables[\"schema.name\"]; tables in public carry no schema).\n"
		       "Use it as Alembic's target_metadata with compare_type=True,\n"
		       "compare_server_default=True, include_schemas=True and this module's\n"
		       "include_object.\n"
		       "\n"
		       "Left out (models cannot express them; autogenerate is told to ignore\n"
		       "the tables among them by include_object):\n");
	size_t n = 0;
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included || models_table(t))
			continue;
		n++;
		if (t->parent_table != NULL)
			doc_line(out, "- partition %s of %s (the parent is modelled)\n",
				 qual(&q, t->h.schema, t->h.name),
				 qual(&q2, t->parent_schema, t->parent_table), NULL);
		else if (t->kind == TABLE_FOREIGN)
			doc_line(out, "- foreign table %s\n", qual(&q, t->h.schema, t->h.name),
				 NULL, NULL);
		else if (t->inherits.n > 0)
			doc_line(out, "- inheritance child %s (INHERITS %s)\n",
				 qual(&q, t->h.schema, t->h.name), (const char *)t->inherits.v[0],
				 NULL);
	}
	for (size_t i = 0; i < m->views.n; i++) {
		const struct view *v = m->views.v[i];
		if (!v->h.included)
			continue;
		n++;
		doc_line(out, v->materialized ? "- materialized view %s\n" : "- view %s\n",
			 qual(&q, v->h.schema, v->h.name), NULL, NULL);
	}
	for (size_t i = 0; i < m->functions.n; i++) {
		const struct function *f = m->functions.v[i];
		if (!f->h.included)
			continue;
		n++;
		sb_reset(&q2);
		if (f->h.schema) {
			quote_sql_ident(&q2, f->h.schema);
			sb_putc(&q2, '.');
		}
		doc_line(out, "- %s %s%s\n", func_kind_name(f->kind), q2.data ? q2.data : "",
			 f->signature ? f->signature : f->h.name);
	}
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included)
			continue;
		for (size_t j = 0; j < t->triggers.n; j++) {
			const struct trigger *tr = t->triggers.v[j];
			n++;
			sb_reset(&q2);
			quote_sql_ident(&q2, tr->name);
			doc_line(out, "- trigger %s on %s\n", q2.data,
				 qual(&q, t->h.schema, t->h.name), NULL);
		}
		for (size_t j = 0; j < t->policies.n; j++) {
			const struct policy *p = t->policies.v[j];
			n++;
			sb_reset(&q2);
			quote_sql_ident(&q2, p->name);
			doc_line(out, "- policy %s on %s\n", q2.data,
				 qual(&q, t->h.schema, t->h.name), NULL);
		}
		if (!models_table(t))
			continue;
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			if (c->kind != CON_EXCLUSION)
				continue;
			n++;
			sb_reset(&q2);
			quote_sql_ident(&q2, c->name);
			doc_line(out, "- exclusion constraint %s on %s\n", q2.data,
				 qual(&q, t->h.schema, t->h.name), NULL);
		}
	}
	if (n == 0)
		sb_append(out, "- nothing\n");
	sb_append(out, "\"\"\"\n");
	sb_free(&q);
	sb_free(&q2);
}

static const char models_head[] =
    "import re\n"
    "\n"
    "import sqlalchemy as sa\n"
    "from sqlalchemy.dialects import postgresql\n"
    "from sqlalchemy.orm import declarative_base\n"
    "\n"
    "metadata = sa.MetaData()\n"
    "Base = declarative_base(metadata=metadata)\n"
    "\n"
    "# The schema of reflected tables that carry none: the connection's default.\n"
    "DEFAULT_SCHEMA = \"public\"\n"
    "\n"
    "\n"
    "class PgType(sa.types.UserDefinedType):\n"
    "    \"\"\"A PostgreSQL type SQLAlchemy has no class for, by its SQL name.\"\"\"\n"
    "\n"
    "    cache_ok = True\n"
    "\n"
    "    def __init__(self, name):\n"
    "        self.name = name\n"
    "\n"
    "    def get_col_spec(self, **kw):\n"
    "        return self.name\n"
    "\n"
    "\n"
    "def _fk(table, columns, referred, referred_columns, **kw):\n"
    "    \"\"\"Add a foreign key from table's columns to referred's, by Column objects.\"\"\"\n"
    "    table.append_constraint(\n"
    "        sa.ForeignKeyConstraint(\n"
    "            columns, [referred.c[c] for c in referred_columns], **kw\n"
    "        )\n"
    "    )\n"
    "\n"
    "\n";

static const char models_tail[] =
    "\n"
    "\n"
    "def _bare(sql):\n"
    "    \"\"\"SQL without spaces and parentheses: pg_get_expr() and the dump differ there.\"\"\"\n"
    "    return re.sub(r\"[ ()]|\\bpublic\\.\", \"\", sql)\n"
    "\n"
    "\n"
    "def compare_type(context, inspected_column, metadata_column, inspected_type, metadata_type):\n"
    "    \"\"\"Alembic's compare_type hook: a type SQLAlchemy has no class for (PgType,\n"
    "    maybe in an ARRAY) is compared by name with what PostgreSQL's format_type()\n"
    "    reports; every other type gets Alembic's own comparison.\n"
    "    \"\"\"\n"
    "    name, suffix = metadata_type, \"\"\n"
    "    while isinstance(name, postgresql.ARRAY):\n"
    "        name, suffix = name.item_type, suffix + \"[]\"\n"
    "    if not isinstance(name, PgType):\n"
    "        return None\n"
    "    table = inspected_column.table\n"
    "    rel = \".\".join(\n"
    "        '\"%s\"' % p.replace('\"', '\"\"') for p in (table.schema, table.name) if p\n"
    "    )\n"
    "    actual = context.connection.execute(\n"
    "        sa.text(\n"
    "            \"SELECT pg_catalog.format_type(atttypid, atttypmod) FROM "
    "pg_catalog.pg_attribute\"\n"
    "            \" WHERE attrelid = CAST(:rel AS regclass) AND attname = :col\"\n"
    "        ),\n"
    "        {\"rel\": rel, \"col\": inspected_column.name},\n"
    "    ).scalar()\n"
    "    wanted = name.name + suffix\n"
    "    short = wanted[len(\"public.\"):] if wanted.startswith(\"public.\") else wanted\n"
    "    return actual not in (wanted, short)\n"
    "\n"
    "\n"
    "def compare_server_default(\n"
    "    context, inspected_column, metadata_column, inspected_default, metadata_default,\n"
    "    rendered_metadata_default\n"
    "):\n"
    "    \"\"\"Alembic's compare_server_default hook: is the model's default another?\n"
    "\n"
    "    The model holds each default as the dump wrote it.  The same text is no\n"
    "    change (so nextval() and other volatile defaults are never evaluated);\n"
    "    for a string-like column (Alembic 1.8 re-quotes their defaults wrongly)\n"
    "    PostgreSQL compares the two values; other columns get Alembic's own\n"
    "    comparison.\n"
    "    \"\"\"\n"
    "    if inspected_default is None or metadata_default is None:\n"
    "        return None\n"
    "    arg = getattr(metadata_default, \"arg\", None)\n"
    "    if arg is None or not hasattr(arg, \"compile\"):\n"
    "        return None\n"
    "    model = str(arg.compile(dialect=context.dialect))\n"
    "    if model == inspected_default or _bare(model) == _bare(inspected_default):\n"
    "        return False\n"
    "    if metadata_column.type._type_affinity is not sa.String:\n"
    "        return None\n"
    "    conn = context.connection.execution_options(no_parameters=True)\n"
    "    try:\n"
    "        with conn.begin_nested():\n"
    "            same = conn.exec_driver_sql(\n"
    "                \"SELECT (%s) IS NOT DISTINCT FROM (%s)\" % (inspected_default, model)\n"
    "            ).scalar()\n"
    "    except sa.exc.DBAPIError:\n"
    "        return True\n"
    "    return not same\n"
    "\n"
    "\n"
    "def include_object(object, name, type_, reflected, compare_to):\n"
    "    \"\"\"Leave out of autogenerate the tables these models do not express.\"\"\"\n"
    "    if type_ == \"table\":\n"
    "        if (object.schema or DEFAULT_SCHEMA, name) in LEFT_OUT_TABLES:\n"
    "            return False\n"
    "    if type_ == \"foreign_key_constraint\":\n"
    "        # the copies PostgreSQL makes of a key to a partitioned table's partitions\n"
    "        referred = object.referred_table\n"
    "        if (referred.schema or DEFAULT_SCHEMA, referred.name) in LEFT_OUT_TABLES:\n"
    "            return False\n"
    "    return True\n";

/* Is s the sequence of a serial column of a modelled table (SERIAL makes it)? */
static bool serial_owner(const struct model *m, const struct sequence *s)
{
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!models_table(t) || s->owned_by_column == NULL)
			continue;
		for (size_t j = 0; j < t->columns.n; j++) {
			const struct column *c = t->columns.v[j];
			if (owned_by(s, t, c->name) && serial_column(m, t, c))
				return true;
		}
	}
	return false;
}

int emit_models(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	(void)opts;
	struct strbuf sb;
	sb_init(&sb);
	put_docstring(m, &sb);
	size_t head_at = sb.len;

	/* extensions, which create_all() needs before the tables (citext, ...) */
	sb_append(&sb,
		  "# The extensions the schema uses (create them before metadata.create_all()).\n"
		  "EXTENSIONS = (");
	for (size_t i = 0; i < m->extensions.n; i++) {
		const struct extension *e = m->extensions.v[i];
		if (strcmp(e->h.name, "plpgsql") == 0)
			continue;
		quote_python_literal(&sb, e->h.name);
		sb_append(&sb, ", ");
	}
	sb_append(&sb, ")\n\n");

	/* enums, numbered as put_type() refers to them */
	sb_append(&sb, "ENUMS = (\n");
	for (size_t i = 0; i < m->types.n; i++) {
		const struct pgtype *t = m->types.v[i];
		if (t->kind != TYPE_ENUM)
			continue;
		sb_append(&sb, "    postgresql.ENUM(\n");
		for (size_t j = 0; j < t->labels.n; j++) {
			sb_append(&sb, "        ");
			quote_python_literal(&sb, t->labels.v[j]);
			sb_append(&sb, ",\n");
		}
		sb_append(&sb, "        name=");
		quote_python_literal(&sb, t->h.name);
		if (models_schema(t->h.schema) != NULL) {
			sb_append(&sb, ",\n        schema=");
			quote_python_literal(&sb, t->h.schema);
		}
		sb_append(&sb, ",\n        create_type=False,\n    ),\n");
	}
	sb_append(&sb, ")\n\n");

	/* sequences (not identity ones): created by metadata.create_all() */
	for (size_t i = 0; i < m->sequences.n; i++) {
		const struct sequence *s = m->sequences.v[i];
		if (!s->h.included || s->identity || serial_owner(m, s))
			continue;
		sb_append(&sb, "sa.Sequence(");
		quote_python_literal(&sb, s->h.name);
		if (models_schema(s->h.schema)) {
			sb_append(&sb, ", schema=");
			quote_python_literal(&sb, s->h.schema);
		}
		sb_append(&sb, ", ");
		put_sequence_options(&sb, s, s->data_type);
		sb_append(&sb, ", metadata=metadata)\n");
	}

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!models_table(t))
			continue;
		sb_append(&sb, "\nsa.Table(\n    ");
		quote_python_literal(&sb, t->h.name);
		sb_append(&sb, ",\n    metadata,\n");
		for (size_t j = 0; j < t->columns.n; j++)
			put_column(m, &sb, t, t->columns.v[j]);
		for (size_t j = 0; j < t->constraints.n; j++)
			put_constraint(&sb, t->constraints.v[j]);
		if (models_schema(t->h.schema)) {
			sb_append(&sb, "    schema=");
			quote_python_literal(&sb, t->h.schema);
			sb_append(&sb, ",\n");
		}
		if (t->h.comment != NULL) {
			sb_append(&sb, "    comment=");
			quote_python_literal(&sb, t->h.comment);
			sb_append(&sb, ",\n");
		}
		if (t->kind == TABLE_PARTITIONED && t->partition_key != NULL) {
			sb_append(&sb, "    postgresql_partition_by=");
			quote_python_literal(&sb, t->partition_key);
			sb_append(&sb, ",\n");
		}
		if (t->unlogged)
			sb_append(&sb, "    prefixes=[\"UNLOGGED\"],\n");
		sb_append(&sb, ")\n");
	}

	/* indexes, after their table */
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!models_table(t) || t->indexes.n == 0)
			continue;
		sb_append(&sb, "\n_t = ");
		put_table_key(&sb, t->h.schema, t->h.name);
		sb_append(&sb, "\n");
		for (size_t j = 0; j < t->indexes.n; j++)
			put_index(&sb, t->indexes.v[j]);
	}

	/* foreign keys, once every table exists */
	bool any_fk = false;
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!models_table(t))
			continue;
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			if (c->kind != CON_FOREIGN || c->ref_table == NULL)
				continue;
			bool target = false;
			for (size_t k = 0; k < m->tables.n && !target; k++) {
				const struct table *r = m->tables.v[k];
				target = models_table(r) && strcmp(r->h.name, c->ref_table) == 0 &&
					 ((r->h.schema == NULL && c->ref_schema == NULL) ||
					  (r->h.schema && c->ref_schema &&
					   strcmp(r->h.schema, c->ref_schema) == 0));
			}
			if (!target)
				continue; /* to a table left out: listed by the inventory */
			if (!any_fk)
				sb_append(&sb, "\n");
			any_fk = true;
			sb_append(&sb, "_fk(\n    ");
			put_table_key(&sb, t->h.schema, t->h.name);
			sb_append(&sb, ",\n    [");
			put_names(&sb, &c->columns);
			sb_append(&sb, "],\n    ");
			put_table_key(&sb, c->ref_schema, c->ref_table);
			sb_append(&sb, ",\n    [");
			put_names(&sb, &c->ref_columns);
			sb_append(&sb, "],\n    name=");
			quote_python_literal(&sb, c->name);
			if (c->on_delete && strcmp(c->on_delete, "NO ACTION") != 0)
				sb_printf(&sb, ",\n    ondelete='%s'", c->on_delete);
			if (c->on_update && strcmp(c->on_update, "NO ACTION") != 0)
				sb_printf(&sb, ",\n    onupdate='%s'", c->on_update);
			if (c->match && strcmp(c->match, "SIMPLE") != 0)
				sb_printf(&sb, ",\n    match='%s'", c->match);
			if (c->deferrable)
				sb_printf(&sb, ",\n    deferrable=True,\n    initially='%s'",
					  c->initially_deferred ? "DEFERRED" : "IMMEDIATE");
			sb_append(&sb, ",\n)\n");
		}
	}

	struct strbuf q;
	sb_init(&q);
	sb_append(&sb, "\n# (schema, table) of the tables left out (see the docstring).\n");
	size_t n = 0;
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included || models_table(t))
			continue;
		sb_append(&sb, n++ ? "    (" : "LEFT_OUT_TABLES = {\n    (");
		quote_python_literal(&sb, t->h.schema ? t->h.schema : "public");
		sb_append(&sb, ", ");
		quote_python_literal(&sb, t->h.name);
		sb_append(&sb, "),\n");
	}
	sb_append(&sb, n ? "}\n" : "LEFT_OUT_TABLES = set()\n");
	sb_free(&q);
	sb_append(&sb, models_tail);
	/* the head, with the dialect's import only when used (pyflakes) */
	const char *head = models_head;
	if (strstr(sb.data + head_at, "postgresql.") == NULL)
		head = strstr(models_head, "from sqlalchemy.orm");
	sink_write(out, sb.data, head_at);
	if (head != models_head)
		sink_puts(out, "import re\n\nimport sqlalchemy as sa\n");
	sink_puts(out, head);
	sink_puts(out, sb.data + head_at);
	sb_free(&sb);
	return out->failed ? -1 : 0;
}
