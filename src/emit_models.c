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
 *	  partitions, inheritance children, foreign tables) is listed in the
 *	  docstring; the tables among it are kept out of autogenerate by the
 *	  module's include_object().
 *
 *	  Each table with a primary key is mapped by a declarative class
 *	  (__table__ is the Table), with relationship()s from the foreign keys
 *	  (fkey.c's cardinality and association tables); class and attribute
 *	  names are made from the dump's names but are plain ASCII identifiers,
 *	  unique, never a keyword nor a name declarative keeps.  The MetaData
 *	  carries the naming convention most names follow (nc_infer), and the
 *	  names outside it are written explicitly and listed.
 */
#include "emit.h"

#include "alembic_types.h"
#include "facts.h"
#include "fkey.h"
#include "strmap.h"
#include "textquote.h"

#include <ctype.h>
#include <stdint.h>
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

/* The sequences owned by columns, by "schema\x1ftable\x1fcolumn" (first of each). */
struct models_owned {
	struct strmap *identity; /* identity sequences */
	struct strmap *serial;	 /* the others */
};

static void owned_key(struct strbuf *sb, const char *schema, const char *table, const char *column)
{
	sb_reset(sb);
	/* a schema NULL (none written) is not "public": \x1e stands for it */
	sb_append(sb, schema ? schema : "\x1e");
	sb_putc(sb, '\x1f');
	sb_append(sb, table);
	sb_putc(sb, '\x1f');
	sb_append(sb, column);
}

static void owned_build(const struct model *m, struct models_owned *ow)
{
	struct strbuf k;
	sb_init(&k);
	ow->identity = strmap_new();
	ow->serial = strmap_new();
	for (size_t i = 0; i < m->sequences.n; i++) {
		struct sequence *s = m->sequences.v[i];
		if (s->owned_by_table == NULL || s->owned_by_column == NULL)
			continue;
		owned_key(&k, s->owned_by_schema, s->owned_by_table, s->owned_by_column);
		struct strmap *map = s->identity ? ow->identity : ow->serial;
		if (!strmap_has(map, k.data))
			strmap_put(map, k.data, s);
	}
	sb_free(&k);
}

static void owned_free(struct models_owned *ow)
{
	strmap_free(ow->identity);
	strmap_free(ow->serial);
}

/* The sequence of that kind owned by t.column, or NULL. */
static const struct sequence *owned_sequence(const struct strmap *map, const struct table *t,
					     const char *column)
{
	struct strbuf k;
	sb_init(&k);
	owned_key(&k, t->h.schema, t->h.name, column);
	const struct sequence *s = strmap_get(map, k.data);
	sb_free(&k);
	return s;
}

/* The identity sequence of t.column, or NULL. */
static const struct sequence *identity_sequence(const struct models_owned *ow,
						const struct table *t, const struct column *c)
{
	return owned_sequence(ow->identity, t, c->name);
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
 * sequence it owns, named as SERIAL names it (<table>_<column>_seq).  Alembic's PostgreSQL
 * autogenerate drops such a reflected default (autogen_column_reflect), so the model has none
 * either; SQLAlchemy makes a single-column primary key of it SERIAL.
 */
static bool serial_column(const struct models_owned *ow, const struct table *t,
			  const struct column *c)
{
	/* Alembic looks the sequence up by the default's text, which is bare only in public */
	if (models_schema(t->h.schema) != NULL)
		return false;
	if (c->default_expr == NULL || strncmp(c->default_expr, "nextval(", 8) != 0 ||
	    (strcmp(c->type, "integer") != 0 && strcmp(c->type, "bigint") != 0))
		return false;
	const struct sequence *s = owned_sequence(ow->serial, t, c->name);
	if (s == NULL)
		return false;
	/* SERIAL names its sequence so; another name is the column's default, said */
	struct strbuf want;
	sb_init(&want);
	sb_printf(&want, "%s_%s_seq", t->h.name, c->name);
	bool same = want.len <= 63 && strcmp(want.data, s->h.name) == 0;
	sb_free(&want);
	return same;
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

/*
 * A column's collation as SQLAlchemy's string types take it (collation=,
 * which DDL writes as COLLATE "name", unqualified): the model holds
 * pg_catalog's bare ("C", "en_US.utf8") and the dump's own as
 * "schema.name", whose schema SQLAlchemy cannot say.  *schema gets that
 * schema or NULL; the name returned is malloc'd.
 */
static char *collation_name(const struct model *m, const char *coll, const char **schema)
{
	*schema = NULL;
	for (size_t i = 0; i < m->objects.n; i++) {
		const struct object *o = m->objects.v[i];
		size_t n = o->h.schema ? strlen(o->h.schema) : 0;
		if (o->kind == OBJ_COLLATION && n > 0 && strncmp(coll, o->h.schema, n) == 0 &&
		    coll[n] == '.' && strcmp(coll + n + 1, o->h.name) == 0) {
			*schema = o->h.schema;
			return xstrdup(o->h.name);
		}
	}
	return xstrdup(coll);
}

/* The column's type, with its collation when SQLAlchemy's type takes one. */
static void put_column_type(const struct model *m, struct strbuf *out, const struct column *c)
{
	static const char *const collatable[] = {"sa.Text(", "sa.VARCHAR(", "sa.CHAR("};
	struct strbuf ty;
	sb_init(&ty);
	put_type(m, &ty, c->type, 0);
	bool takes = false;
	for (size_t i = 0; i < sizeof collatable / sizeof collatable[0]; i++)
		takes = takes || strncmp(ty.data, collatable[i], strlen(collatable[i])) == 0;
	if (c->collation == NULL || !takes || ty.data[ty.len - 1] != ')') {
		if (c->collation != NULL) {
			sb_append(out, "# not expressed: COLLATE ");
			quote_python_literal(out, c->collation);
			sb_append(out, "\n        ");
		}
		sb_append(out, ty.data);
		sb_free(&ty);
		return;
	}
	const char *schema;
	char *name = collation_name(m, c->collation, &schema);
	if (schema != NULL) {
		sb_append(out, "# collation of schema ");
		quote_python_literal(out, schema);
		sb_append(out, " (SQLAlchemy writes it unqualified)\n        ");
	}
	sb_append_len(out, ty.data, ty.len - 1);
	sb_append(out, ty.data[ty.len - 2] == '(' ? "collation=" : ", collation=");
	quote_python_literal(out, name);
	sb_append(out, ")");
	free(name);
	sb_free(&ty);
}

static void put_column(const struct model *m, const struct models_owned *ow, struct strbuf *out,
		       const struct table *t, const struct column *c)
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
	put_column_type(m, out, c);
	sb_append(out, ",\n");
	if (c->identity != IDENTITY_NONE) {
		const struct sequence *s = identity_sequence(ow, t, c);
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
	bool serial = serial_column(ow, t, c);
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

struct models_nc;
static bool nc_follows(const struct models_nc *nc, const struct table *t,
		       const struct constraint *c, char **middle);
static bool nc_index_follows(const struct models_nc *nc, const struct table *t,
			     const struct index *ix);

/* An exclusion constraint: postgresql.ExcludeConstraint((element, operator), ...). */
static void put_exclusion(struct strbuf *out, const struct constraint *c)
{
	struct strbuf ops, key;
	sb_init(&ops);
	sb_init(&key);
	sb_append(out, "    postgresql.ExcludeConstraint(\n");
	for (size_t i = 0; i < c->keys.n; i++) {
		const struct index_key *k = c->keys.v[i];
		sb_append(out, "        (");
		if (k->column != NULL && k->collation == NULL && k->n_opclass_params == 0 &&
		    !k->desc && k->nulls == KEY_NULLS_DEFAULT) {
			quote_python_literal(out, k->column);
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
			struct index_key bare = *k;
			bare.op = NULL;
			sb_reset(&key);
			facts_put_index_key(&key, &bare);
			put_sql_text(out, key.data);
		}
		sb_append(out, ", ");
		quote_python_literal(out, k->op ? k->op : "=");
		sb_append(out, "),\n");
	}
	sb_append(out, "        name=");
	quote_python_literal(out, c->name);
	sb_append(out, ",\n        using=");
	quote_python_literal(out, c->method ? c->method : "gist");
	if (c->where != NULL) {
		sb_append(out, ",\n        where=");
		put_sql_text(out, c->where);
	}
	if (ops.len)
		sb_printf(out, ",\n        ops={%s}", ops.data);
	if (c->deferrable)
		sb_printf(out, ",\n        deferrable=True,\n        initially=%s",
			  c->initially_deferred ? "'DEFERRED'" : "'IMMEDIATE'");
	sb_append(out, ",\n    ),\n");
	sb_free(&ops);
	sb_free(&key);
}

/*
 * A constraint in its Table.  Its name is left to the naming convention
 * when the convention gives it; a check constraint's then is the part the
 * convention's %(constraint_name)s stands for, and one the convention does
 * not give is wrapped in conv() (the convention would otherwise rewrite it).
 */
static void put_constraint(struct strbuf *out, const struct models_nc *nc, const struct table *t,
			   const struct constraint *c)
{
	char *middle = NULL;
	bool follows = nc_follows(nc, t, c, &middle);
	if (!c->valid && c->kind != CON_FOREIGN)
		sb_append(out, "    # NOT VALID in the dump: SQLAlchemy cannot say it\n");
	if (c->no_inherit)
		sb_append(out, "    # NO INHERIT in the dump: SQLAlchemy cannot say it\n");
	if (c->nulls_not_distinct)
		sb_append(out,
			  "    # NULLS NOT DISTINCT in the dump: SQLAlchemy 1.4 cannot say it\n");
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
	case CON_EXCLUSION:
		put_exclusion(out, c);
		return;
	default:
		return;
	}
	const char *sep = c->columns.n || c->kind == CON_CHECK ? ", " : "";
	if (middle != NULL) {
		sb_printf(out, "%sname=", sep);
		quote_python_literal(out, middle);
	} else if (!follows && c->kind == CON_CHECK) {
		sb_printf(out, "%sname=sa.schema.conv(", sep);
		quote_python_literal(out, c->name);
		sb_append(out, ")");
	} else if (!follows) {
		sb_printf(out, "%sname=", sep);
		quote_python_literal(out, c->name);
	}
	free(middle);
	if (c->deferrable)
		sb_printf(out, ", deferrable=True, initially=%s",
			  c->initially_deferred ? "'DEFERRED'" : "'IMMEDIATE'");
	sb_append(out, "),\n");
}

/* An index, after its table: sa.Index(name, keys..., _table=table). */
static void put_index(struct strbuf *out, const struct models_nc *nc, const struct table *t,
		      const struct index *ix)
{
	if (ix->nulls_not_distinct)
		sb_append(out, "# NULLS NOT DISTINCT in the dump: SQLAlchemy 1.4 cannot say it\n");
	sb_append(out, "sa.Index(\n    ");
	if (nc_index_follows(nc, t, ix))
		sb_append(out, "None");
	else
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

/* ---- the naming convention ---------------------------------------------- */

/*
 * The kinds of name a naming convention gives, as MetaData's keys, with
 * the candidates each may take: PostgreSQL's own first (it wins ties),
 * then the patterns teams use (SQLAlchemy's and Alembic's documented ones,
 * Rails' index_<table>_on_<column>).
 * Keep in sync with enum nc_kind.
 */
enum nc_kind { NC_PK, NC_UQ, NC_FK, NC_CK, NC_IX, NC_KINDS };
static const char *const nc_keys[NC_KINDS] = {"pk", "uq", "fk", "ck", "ix"};
static const char *const nc_candidates[NC_KINDS][4] = {
    {"%(table_name)s_pkey", "pk_%(table_name)s", NULL},
    {"%(table_name)s_%(column_0_N_name)s_key", "uq_%(table_name)s_%(column_0_N_name)s",
     "uq_%(table_name)s_%(column_0_name)s", NULL},
    {"%(table_name)s_%(column_0_N_name)s_fkey",
     "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
     "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", NULL},
    {"%(table_name)s_%(constraint_name)s_check", "ck_%(table_name)s_%(constraint_name)s", NULL},
    {"%(table_name)s_%(column_0_N_name)s_idx", "ix_%(table_name)s_%(column_0_N_name)s",
     "index_%(table_name)s_on_%(column_0_name)s", NULL},
};
_Static_assert(sizeof nc_keys / sizeof nc_keys[0] == NC_KINDS, "nc_keys and enum nc_kind");

/* PostgreSQL's longest name (NAMEDATALEN - 1): a longer one is truncated, never derived. */
#define NC_MAX_NAME 63

/* The chosen template of each kind (NULL: none), for the module's MetaData. */
struct models_nc {
	const char *template[NC_KINDS];
	size_t n_explicit; /* constraints and indexes keeping their own name */
};

/* What a template is expanded with: the table and the key's columns. */
struct nc_subject {
	const char *table;
	const struct ptrvec *columns; /* char *; NULL or empty when not plain columns */
	const char *referred;	      /* foreign keys */
};

/*
 * Expand a template as SQLAlchemy does for the subject (constraint_name:
 * the token is matched against `name` instead).  Returns whether `name` is
 * what the template gives; *middle (check constraints) gets the part that
 * %(constraint_name)s stands for, malloc'd, when it is.
 */
static bool nc_matches(const char *tmpl, const struct nc_subject *s, const char *name,
		       char **middle)
{
	struct strbuf pre, post;
	sb_init(&pre);
	sb_init(&post);
	struct strbuf *cur = &pre;
	bool ok = true, has_cn = false;
	for (const char *p = tmpl; *p && ok; p++) {
		if (strncmp(p, "%(", 2) != 0) {
			sb_putc(cur, *p);
			continue;
		}
		const char *end = strstr(p, ")s");
		size_t n = (size_t)(end - p - 2);
		const char *tok = p + 2;
		if (strncmp(tok, "table_name", n) == 0 && n == 10)
			sb_append(cur, s->table);
		else if (strncmp(tok, "referred_table_name", n) == 0 && n == 19 && s->referred)
			sb_append(cur, s->referred);
		else if (n == 13 && strncmp(tok, "column_0_name", n) == 0 && s->columns &&
			 s->columns->n)
			sb_append(cur, s->columns->v[0]);
		else if (n == 15 && strncmp(tok, "column_0_N_name", n) == 0 && s->columns &&
			 s->columns->n) {
			for (size_t i = 0; i < s->columns->n; i++) {
				if (i)
					sb_putc(cur, '_');
				sb_append(cur, s->columns->v[i]);
			}
		} else if (n == 15 && strncmp(tok, "constraint_name", n) == 0 && cur == &pre)
			has_cn = true, cur = &post;
		else
			ok = false;
		p = end + 1;
	}
	size_t len = strlen(name);
	const char *a = pre.data ? pre.data : "", *b = post.data ? post.data : "";
	if (ok && has_cn)
		ok = len > pre.len + post.len && strncmp(name, a, pre.len) == 0 &&
		     strcmp(name + len - post.len, b) == 0 && len <= NC_MAX_NAME;
	else if (ok)
		ok = strcmp(name, a) == 0 && len <= NC_MAX_NAME;
	if (ok && has_cn && middle != NULL) {
		*middle = xstrdup(name + pre.len);
		(*middle)[len - pre.len - post.len] = '\0';
	}
	sb_free(&pre);
	sb_free(&post);
	return ok;
}

/* Are the index's keys plain columns, all of them (what column_0_N_name can name)? */
static bool index_plain(const struct index *ix, struct ptrvec *cols)
{
	for (size_t i = 0; i < ix->keys.n; i++) {
		const struct index_key *k = ix->keys.v[i];
		if (k->column == NULL || k->collation != NULL || k->opclass != NULL || k->desc ||
		    k->nulls != KEY_NULLS_DEFAULT || k->n_opclass_params != 0)
			return false;
		ptrvec_push(cols, (void *)k->column);
	}
	return ix->keys.n > 0;
}

/* The kind of a constraint's name, or NC_KINDS when a convention never gives it. */
static enum nc_kind nc_kind_of(const struct constraint *c)
{
	switch (c->kind) {
	case CON_PRIMARY:
		return NC_PK;
	case CON_UNIQUE:
		return NC_UQ;
	case CON_FOREIGN:
		return NC_FK;
	case CON_CHECK:
		return NC_CK;
	default:
		return NC_KINDS;
	}
}

static void nc_subject_of(const struct table *t, const struct constraint *c, struct nc_subject *s)
{
	*s = (struct nc_subject){.table = t->h.name, .columns = &c->columns};
	if (c->kind == CON_FOREIGN)
		s->referred = c->ref_table;
	if (c->kind == CON_CHECK)
		s->columns = NULL;
}

/* Does constraint c of t take its name from the convention? *middle as nc_matches(). */
static bool nc_follows(const struct models_nc *nc, const struct table *t,
		       const struct constraint *c, char **middle)
{
	enum nc_kind k = nc_kind_of(c);
	if (k == NC_KINDS || nc->template[k] == NULL || c->name == NULL)
		return false;
	struct nc_subject s;
	nc_subject_of(t, c, &s);
	return nc_matches(nc->template[k], &s, c -> name, middle);
}

static bool nc_index_follows(const struct models_nc *nc, const struct table *t,
			     const struct index *ix)
{
	if (nc->template[NC_IX] == NULL)
		return false;
	struct ptrvec cols = {0};
	bool ok = index_plain(ix, &cols);
	struct nc_subject s = {.table = t->h.name, .columns = &cols};
	ok = ok && nc_matches(nc->template[NC_IX], &s, ix -> h.name, NULL);
	ptrvec_free(&cols);
	return ok;
}

/* Choose, for each kind, the candidate that gives the most of the modelled names. */
static void nc_infer(const struct model *m, struct models_nc *nc)
{
	size_t hits[NC_KINDS][4] = {{0}};
	memset(nc, 0, sizeof *nc);
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!models_table(t))
			continue;
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			enum nc_kind k = nc_kind_of(c);
			if (k == NC_KINDS || c->name == NULL)
				continue;
			struct nc_subject s;
			nc_subject_of(t, c, &s);
			for (int v = 0; nc_candidates[k][v]; v++)
				hits[k][v] += nc_matches(nc_candidates[k][v], &s, c->name, NULL);
		}
		for (size_t j = 0; j < t->indexes.n; j++) {
			const struct index *ix = t->indexes.v[j];
			struct ptrvec cols = {0};
			if (index_plain(ix, &cols)) {
				struct nc_subject s = {.table = t->h.name, .columns = &cols};
				for (int v = 0; nc_candidates[NC_IX][v]; v++)
					hits[NC_IX][v] += nc_matches(nc_candidates[NC_IX][v], &s,
								     ix->h.name, NULL);
			}
			ptrvec_free(&cols);
		}
	}
	for (int k = 0; k < NC_KINDS; k++) {
		size_t best = 0;
		for (int v = 0; nc_candidates[k][v]; v++)
			if (hits[k][v] > best) {
				best = hits[k][v];
				nc->template[k] = nc_candidates[k][v];
			}
	}
}

/* The convention, as the module's NAMING_CONVENTION. */
static void put_naming_convention(struct strbuf *out, const struct models_nc *nc)
{
	sb_append(out,
		  "# The naming convention the dump's names follow (pgbaseline inferred it);\n"
		  "# the names that do not follow it are given explicitly (see the docstring).\n"
		  "NAMING_CONVENTION = {\n");
	for (int k = 0; k < NC_KINDS; k++)
		if (nc->template[k] != NULL)
			sb_printf(out, "    \"%s\": \"%s\",\n", nc_keys[k], nc->template[k]);
	sb_append(out, "}\n");
}

/* The docstring's part on the convention: its templates and the names outside it. */
static void put_nc_doc(const struct model *m, struct strbuf *out, const struct models_nc *nc)
{
	struct strbuf q, q2;
	sb_init(&q);
	sb_init(&q2);
	sb_append(out, "\nNaming convention (NAMING_CONVENTION, on metadata), inferred from the\n"
		       "names the dump holds:\n");
	bool any = false;
	for (int k = 0; k < NC_KINDS; k++)
		if (nc->template[k] != NULL) {
			sb_printf(out, "- %s: %s\n", nc_keys[k], nc->template[k]);
			any = true;
		}
	if (!any)
		sb_append(out, "- none\n");
	sb_append(out, "Names that do not follow it (given explicitly):\n");
	size_t n = 0;
	static const char *const what[] = {"primary key", "unique constraint", "foreign key",
					   "check constraint", "exclusion constraint"};
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!models_table(t))
			continue;
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			if (c->name == NULL || nc_follows(nc, t, c, NULL))
				continue;
			n++;
			sb_reset(&q2);
			quote_sql_ident(&q2, c->name);
			doc_line(out, "- %s %s on %s\n", what[c->kind], q2.data,
				 qual(&q, t->h.schema, t->h.name));
		}
		for (size_t j = 0; j < t->indexes.n; j++) {
			const struct index *ix = t->indexes.v[j];
			if (nc_index_follows(nc, t, ix))
				continue;
			n++;
			sb_reset(&q2);
			quote_sql_ident(&q2, ix->h.name);
			doc_line(out, "- index %s on %s\n", q2.data,
				 qual(&q, t->h.schema, t->h.name), NULL);
		}
	}
	if (n == 0)
		sb_append(out, "- none\n");
	sb_free(&q);
	sb_free(&q2);
}

/* ---- mapped classes and relationships ------------------------------------ */

/*
 * Names the module defines itself, which a class must not take; and the
 * attributes declarative keeps for itself, which a column or relationship
 * must not take.
 */
static const char *const models_module_names[] = {
    "Base",
    "PgType",
    "ENUMS",
    "EXTENSIONS",
    "LEFT_OUT_TABLES",
    "DEFAULT_SCHEMA",
    "NAMING_CONVENTION",
    "None",
    "True",
    "False",
};
static const char *const models_reserved_attrs[] = {"metadata", "registry", "query"};

static const char *const python_keywords[] = {
    "False", "None",	 "True",  "and",    "as",   "assert", "async",	"await",    "break",
    "class", "continue", "def",	  "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",	 "if",	  "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",	 "raise", "return", "try",  "while",  "with",	"yield",
};

static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

#define IN_LIST(s, list) in_list((s), (list), sizeof(list) / sizeof((list)[0]))

/* Is s an ASCII Python identifier that is not a keyword? */
static bool py_plain_ident(const char *s)
{
	if (!(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return !IN_LIST(s, python_keywords);
}

/* Is c an ASCII letter or digit? */
static bool ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/*
 * A table's name as a class name: the ASCII letters and digits of each
 * run, capitalised and joined ("order_items" -> "OrderItems"); "T" first
 * when it would start with a digit or be empty.  Appended to out.
 */
static void camel(struct strbuf *out, const char *name)
{
	bool up = true;
	size_t start = out->len;
	for (const char *p = name; *p; p++) {
		if (!ascii_alnum(*p)) {
			up = true;
			continue;
		}
		if (out->len == start && *p >= '0' && *p <= '9')
			sb_putc(out, 'T');
		sb_putc(out, up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
		up = false;
	}
	if (out->len == start)
		sb_append(out, "Table");
}

/*
 * A name from the dump as an attribute name: kept when it is a plain
 * identifier that declarative leaves free, otherwise its ASCII letters,
 * digits and underscores, each run of other characters as one '_'
 * ("a.b" -> "a_b"), "c" first when it would start
 * with a digit or '_' ("__table__" -> "c__table__"), "_" last when a
 * keyword or a reserved attribute ("metadata" -> "metadata_").  With
 * lower, ASCII capitals are lowered.  Appended to out.
 */
static void attr_base(struct strbuf *out, const char *name, bool lower)
{
	size_t start = out->len;
	for (const char *p = name; *p; p++) {
		char ch = *p;
		if (lower && ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (ascii_alnum(ch) || ch == '_')
			sb_putc(out, ch);
		else if (out->len == start || out->data[out->len - 1] != '_' ||
			 (p > name && (p[-1] == '_')))
			sb_putc(out, '_'); /* a run of other characters as one '_' */
	}
	const char *s = out->data + start;
	if (out->len == start || (*s >= '0' && *s <= '9') || *s == '_') {
		char *rest = xstrdup(out->len == start ? "" : s);
		out->len = start;
		out->data[start] = '\0';
		sb_append(out, *rest == '_' ? "c" : "c_");
		sb_append(out, rest);
		free(rest);
		s = out->data + start;
	}
	if (IN_LIST(s, python_keywords) || IN_LIST(s, models_reserved_attrs))
		sb_putc(out, '_');
}

/* base, or base2, base3... (base_2... with sep): the first one `taken` lacks, then taken. */
static char *unique_name(struct strmap *taken, const char *base, const char *sep)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, base);
	for (int n = 2; strmap_has(taken, sb.data); n++) {
		sb_reset(&sb);
		sb_printf(&sb, "%s%s%d", base, sep, n);
	}
	strmap_put(taken, sb.data, (void *)1);
	return sb_steal(&sb);
}

enum rel_kind { REL_MANY_TO_ONE, REL_ONE_TO_MANY, REL_MANY_TO_MANY };

/* One relationship() in a class: its side of a foreign key or an association table. */
struct models_rel {
	enum rel_kind kind;
	size_t owner, target;	      /* indexes into m->tables */
	const struct constraint *fk;  /* the key (many-to-many: the one to the owner) */
	const struct constraint *fk2; /* many-to-many: the key to the target */
	size_t via;		      /* many-to-many: the association table */
	bool explicit_join;	      /* another key joins the same tables: say which */
	bool uselist_false;	      /* one-to-many side of a one-to-one key */
	char *name;
	struct models_rel *back;
	struct strbuf overlaps; /* the relationships writing a column this one writes */
};

/* What the classes need: a class name per mapped table, attributes, relationships. */
struct models_orm {
	const struct model *m;
	struct strmap *by_name; /* "schema\x1fname" -> table index + 1 */
	char **class_name;	/* per table: the class, or NULL (not mapped) */
	struct strmap **attrs;	/* per mapped table: attribute names taken */
	char ***column_attr;	/* per mapped table, per column: the attribute when renamed */
	bool *association;	/* per table: a pure association table (secondary only) */
	struct models_rel *rels;
	size_t n_rels;
	size_t n_unmapped; /* modelled tables with no class (no primary key) */
};

static void table_key(struct strbuf *sb, const char *schema, const char *name)
{
	sb_reset(sb);
	sb_append(sb, schema ? schema : "public");
	sb_putc(sb, '\x1f');
	sb_append(sb, name);
}

/* The index + 1 in m->tables of the modelled table schema.name, or 0. */
static size_t orm_find(const struct models_orm *o, const char *schema, const char *name)
{
	struct strbuf k;
	sb_init(&k);
	table_key(&k, schema, name);
	size_t i = (size_t)(uintptr_t)strmap_get(o->by_name, k.data);
	sb_free(&k);
	return i;
}

/* The table a foreign key references, as an index + 1, when it is modelled; else 0. */
static size_t orm_fk_target(const struct models_orm *o, const struct constraint *c)
{
	return c->ref_table == NULL ? 0 : orm_find(o, c->ref_schema, c->ref_table);
}

/* Is every column of t within its primary key (a link table and nothing more)? */
static bool only_key_columns(const struct table *t)
{
	const struct constraint *pk = table_primary_key(t);
	for (size_t i = 0; pk != NULL && i < t->columns.n; i++)
		if (!colset_has(&pk->columns, ((const struct column *)t->columns.v[i])->name))
			return false;
	return pk != NULL;
}

/* The stem of a foreign key's relationship: its column less "_id", or the referred table. */
static void fk_stem(struct strbuf *out, const struct constraint *c)
{
	const char *col = c->columns.n == 1 ? c->columns.v[0] : NULL;
	size_t n = col ? strlen(col) : 0;
	if (n > 3 && (strcmp(col + n - 3, "_id") == 0 || strcmp(col + n - 3, "_ID") == 0)) {
		char *stem = xstrdup(col);
		stem[n - 3] = '\0';
		attr_base(out, stem, true);
		free(stem);
	} else
		attr_base(out, c->ref_table, true);
}

static struct models_rel *orm_add_rel(struct models_orm *o, size_t *cap)
{
	if (o->n_rels == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		o->rels = xrealloc(o->rels, *cap * sizeof *o->rels);
	}
	struct models_rel *r = &o->rels[o->n_rels++];
	memset(r, 0, sizeof *r);
	return r;
}

/* A pair of tables as a map key, in either order. */
static void pair_key(struct strbuf *sb, size_t a, size_t b)
{
	sb_reset(sb);
	sb_printf(sb, "%zu:%zu", a < b ? a : b, a < b ? b : a);
}

static void orm_plan(struct models_orm *o)
{
	const struct model *m = o->m;
	size_t n = m->tables.n, cap = 0;
	struct strbuf sb;
	sb_init(&sb);
	o->by_name = strmap_new();
	o->class_name = xcalloc(n ? n : 1, sizeof *o->class_name);
	o->attrs = xcalloc(n ? n : 1, sizeof *o->attrs);
	o->column_attr = xcalloc(n ? n : 1, sizeof *o->column_attr);
	o->association = xcalloc(n ? n : 1, sizeof *o->association);
	for (size_t i = 0; i < n; i++) {
		const struct table *t = m->tables.v[i];
		if (!models_table(t))
			continue;
		table_key(&sb, t->h.schema, t->h.name);
		strmap_put(o->by_name, sb.data, (void *)(uintptr_t)(i + 1));
	}
	/* pure association tables whose two ends are mapped: secondary tables only */
	for (size_t i = 0; i < n; i++) {
		const struct table *t = m->tables.v[i];
		const struct constraint *a, *b;
		if (!models_table(t) || !only_key_columns(t) || !fkey_association(t, &a, &b))
			continue;
		size_t ta = orm_fk_target(o, a), tb = orm_fk_target(o, b);
		if (ta && tb && ta != i + 1 && tb != i + 1 &&
		    table_primary_key(m->tables.v[ta - 1]) &&
		    table_primary_key(m->tables.v[tb - 1]))
			o->association[i] = true;
	}
	/* class names, then each class's column attributes */
	struct strmap *classes = strmap_new();
	for (size_t i = 0; i < sizeof models_module_names / sizeof models_module_names[0]; i++)
		strmap_put(classes, models_module_names[i], (void *)1);
	/* the default schema's tables first: another schema's is prefixed on a clash */
	for (size_t ii = 0; ii < 2 * n; ii++) {
		size_t i = ii % n;
		const struct table *t = m->tables.v[i];
		if (!models_table(t) || o->association[i] ||
		    (models_schema(t->h.schema) == NULL) != (ii < n))
			continue;
		if (table_primary_key(t) == NULL) {
			o->n_unmapped++;
			continue;
		}
		sb_reset(&sb);
		camel(&sb, t->h.name);
		if (strmap_has(classes, sb.data) && models_schema(t->h.schema) != NULL) {
			sb_reset(&sb);
			camel(&sb, t->h.schema);
			camel(&sb, t->h.name);
		}
		o->class_name[i] = unique_name(classes, sb.data, "");
		struct strmap *taken = o->attrs[i] = strmap_new();
		o->column_attr[i] = xcalloc(t->columns.n ? t->columns.n : 1, sizeof(char *));
		for (size_t j = 0; j < t->columns.n; j++) {
			const char *name = ((const struct column *)t->columns.v[j])->name;
			if (py_plain_ident(name) && !IN_LIST(name, models_reserved_attrs) &&
			    strncmp(name, "__", 2) != 0 && strncmp(name, "_sa_", 4) != 0)
				strmap_put(taken, name, (void *)1);
		}
		for (size_t j = 0; j < t->columns.n; j++) {
			const char *name = ((const struct column *)t->columns.v[j])->name;
			if (strmap_has(taken, name) && py_plain_ident(name) &&
			    !IN_LIST(name, models_reserved_attrs) && strncmp(name, "__", 2) != 0 &&
			    strncmp(name, "_sa_", 4) != 0)
				continue;
			sb_reset(&sb);
			attr_base(&sb, name, false);
			o->column_attr[i][j] = unique_name(taken, sb.data, "_");
		}
	}
	strmap_free(classes);

	/* the relationships, then how many keys join each pair of tables */
	struct strmap *pairs = strmap_new();
	for (size_t i = 0; i < n; i++) {
		const struct table *t = m->tables.v[i];
		if (!models_table(t))
			continue;
		if (o->association[i]) {
			const struct constraint *a, *b;
			fkey_association(t, &a, &b);
			size_t ta = orm_fk_target(o, a) - 1, tb = orm_fk_target(o, b) - 1;
			struct models_rel *ra = orm_add_rel(o, &cap);
			*ra = (struct models_rel){.kind = REL_MANY_TO_MANY,
						  .owner = ta,
						  .target = tb,
						  .fk = a,
						  .fk2 = b,
						  .via = i,
						  .explicit_join = true};
			struct models_rel *rb = orm_add_rel(o, &cap);
			*rb = (struct models_rel){.kind = REL_MANY_TO_MANY,
						  .owner = tb,
						  .target = ta,
						  .fk = b,
						  .fk2 = a,
						  .via = i,
						  .explicit_join = true};
			continue;
		}
		if (o->class_name[i] == NULL)
			continue;
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			if (c->kind != CON_FOREIGN || c->columns.n == 0 ||
			    c->columns.n != c->ref_columns.n)
				continue;
			size_t r = orm_fk_target(o, c);
			if (r == 0 || o->class_name[r - 1] == NULL)
				continue;
			/* a key from columns to themselves joins nothing: no relationship */
			if (r - 1 == i && colset_same(&c->columns, &c->ref_columns))
				continue;
			struct fkey_card card;
			fkey_cardinality(t, c, &card);
			struct models_rel *down = orm_add_rel(o, &cap);
			*down = (struct models_rel){
			    .kind = REL_MANY_TO_ONE, .owner = i, .target = r - 1, .fk = c};
			struct models_rel *up = orm_add_rel(o, &cap);
			*up = (struct models_rel){.kind = REL_ONE_TO_MANY,
						  .owner = r - 1,
						  .target = i,
						  .fk = c,
						  .uselist_false = card.one_to_one};
			pair_key(&sb, i, r - 1);
			uintptr_t k = (uintptr_t)strmap_get(pairs, sb.data);
			strmap_put(pairs, sb.data, (void *)(k + 1));
		}
	}
	/* a key between the same pair, or to its own table: joins said, names qualified */
	for (size_t i = 0; i < o->n_rels; i++) {
		struct models_rel *r = &o->rels[i];
		if (r->kind == REL_MANY_TO_MANY)
			continue;
		pair_key(&sb, r->owner, r->target);
		if ((uintptr_t)strmap_get(pairs, sb.data) > 1 || r->owner == r->target)
			r->explicit_join = true;
	}
	strmap_free(pairs);
	/* names: pairs are added down then up, or a then b */
	for (size_t i = 0; i + 1 < o->n_rels; i += 2) {
		struct models_rel *x = &o->rels[i], *y = &o->rels[i + 1];
		x->back = y;
		y->back = x;
		struct strbuf bx;
		sb_init(&bx);
		sb_reset(&sb);
		if (x->kind == REL_MANY_TO_ONE) {
			const struct table *child = m->tables.v[x->owner];
			fk_stem(&bx, x->fk);
			attr_base(&sb, child->h.name, true);
			if (x->owner == x->target) {
				sb_reset(&sb);
				sb_printf(&sb, "%s_reverse", bx.data);
			} else if (x->explicit_join) {
				sb_putc(&sb, '_');
				fk_stem(&sb, x->fk);
			}
		} else {
			const struct table *via = m->tables.v[x->via];
			const struct table *ta = m->tables.v[x->owner],
					   *tb = m->tables.v[x->target];
			if (x->owner == x->target) {
				attr_base(&bx, via->h.name, true);
				sb_putc(&bx, '_');
				fk_stem(&bx, x->fk2);
				attr_base(&sb, via->h.name, true);
				sb_putc(&sb, '_');
				fk_stem(&sb, x->fk);
			} else {
				attr_base(&bx, tb->h.name, true);
				attr_base(&sb, ta->h.name, true);
			}
		}
		x->name = unique_name(o->attrs[x->owner], bx.data, "_");
		y->name = unique_name(o->attrs[y->owner], sb.data, "_");
		sb_free(&bx);
	}
	/*
	 * Two keys of one table sharing a column: both pairs of relationships
	 * write it, and each says so (overlaps=), which SQLAlchemy otherwise
	 * warns about.  Pairs of a table are adjacent: keys are planned per table.
	 */
	for (size_t i = 0; i + 1 < o->n_rels; i += 2) {
		struct models_rel *x = &o->rels[i];
		if (x->kind != REL_MANY_TO_ONE)
			continue;
		for (size_t j = i + 2; j + 1 < o->n_rels && o->rels[j].owner == x->owner &&
				       o->rels[j].kind == REL_MANY_TO_ONE;
		     j += 2) {
			struct models_rel *y = &o->rels[j];
			if (colset_is_disjoint(&x->fk->columns, &y->fk->columns))
				continue;
			struct models_rel *pair[2][2] = {{x, x->back}, {y, y->back}};
			for (int a = 0; a < 2; a++)
				for (int side = 0; side < 2; side++)
					for (int b = 0; b < 2; b++) {
						struct strbuf *ov = &pair[a][side]->overlaps;
						sb_printf(ov, "%s%s", ov->len ? "," : "",
							  pair[1 - a][b]->name);
					}
		}
	}
	sb_free(&sb);
}

static void orm_free(struct models_orm *o)
{
	const struct model *m = o->m;
	for (size_t i = 0; i < m->tables.n; i++) {
		if (o->class_name[i] != NULL) {
			const struct table *t = m->tables.v[i];
			for (size_t j = 0; j < t->columns.n; j++)
				free(o->column_attr[i][j]);
			free(o->column_attr[i]);
			strmap_free(o->attrs[i]);
		}
		free(o->class_name[i]);
	}
	for (size_t i = 0; i < o->n_rels; i++) {
		free(o->rels[i].name);
		sb_free(&o->rels[i].overlaps);
	}
	free(o->rels);
	free(o->class_name);
	free(o->attrs);
	free(o->column_attr);
	free(o->association);
	strmap_free(o->by_name);
}

/* table.c["col"] for each column of cols: "[a, b]" when list. */
static void put_cols(struct strbuf *out, const struct table *t, const struct ptrvec *cols)
{
	sb_append(out, "[");
	for (size_t i = 0; i < cols->n; i++) {
		if (i)
			sb_append(out, ", ");
		put_table_key(out, t->h.schema, t->h.name);
		sb_append(out, ".c[");
		quote_python_literal(out, cols->v[i]);
		sb_append(out, "]");
	}
	sb_append(out, "]");
}

/* The join of a foreign key: child.c[x] == parent.c[y], and_()ed. */
static void put_join(struct strbuf *out, const struct model *m, const struct table *child,
		     const struct constraint *c, const struct table *parent)
{
	(void)m;
	if (c->columns.n > 1)
		sb_append(out, "sa.and_(");
	for (size_t i = 0; i < c->columns.n; i++) {
		if (i)
			sb_append(out, ", ");
		put_table_key(out, parent->h.schema, parent->h.name);
		sb_append(out, ".c[");
		quote_python_literal(out, c->ref_columns.v[i]);
		sb_append(out, "] == ");
		put_table_key(out, child->h.schema, child->h.name);
		sb_append(out, ".c[");
		quote_python_literal(out, c->columns.v[i]);
		sb_append(out, "]");
	}
	if (c->columns.n > 1)
		sb_append(out, ")");
}

static void put_rel(struct strbuf *out, const struct models_orm *o, const struct models_rel *r)
{
	const struct model *m = o->m;
	const struct table *owner = m->tables.v[r->owner], *target = m->tables.v[r->target];
	sb_printf(out, "    %s = relationship(\n        \"%s\",\n", r->name,
		  o->class_name[r->target]);
	if (r->kind == REL_MANY_TO_MANY) {
		const struct table *via = m->tables.v[r->via];
		sb_append(out, "        secondary=");
		put_table_key(out, via->h.schema, via->h.name);
		sb_append(out, ",\n        primaryjoin=");
		put_join(out, m, via, r->fk, owner);
		sb_append(out, ",\n        secondaryjoin=");
		put_join(out, m, via, r->fk2, target);
		sb_append(out, ",\n");
	} else if (r->explicit_join) {
		const struct table *child = r->kind == REL_MANY_TO_ONE ? owner : target;
		const struct table *parent = r->kind == REL_MANY_TO_ONE ? target : owner;
		sb_append(out, "        primaryjoin=");
		put_join(out, m, child, r->fk, parent);
		sb_append(out, ",\n        foreign_keys=");
		put_cols(out, child, &r->fk->columns);
		sb_append(out, ",\n");
		if (r->kind == REL_MANY_TO_ONE && r->owner == r->target) {
			sb_append(out, "        remote_side=");
			put_cols(out, parent, &r->fk->ref_columns);
			sb_append(out, ",\n");
		}
	}
	if (r->uselist_false)
		sb_append(out, "        uselist=False,\n");
	if (r->overlaps.len)
		sb_printf(out, "        overlaps=\"%s\",\n", r->overlaps.data);
	sb_printf(out, "        back_populates=\"%s\",\n    )\n", r->back->name);
}

/* The declarative classes, after every table, index and foreign key. */
static void put_classes(struct strbuf *out, const struct models_orm *o)
{
	const struct model *m = o->m;
	/* each class's relationships, in the order they were planned */
	size_t *first = xmalloc((m->tables.n + 1) * sizeof *first);
	size_t *next = xmalloc((o->n_rels + 1) * sizeof *next);
	for (size_t i = 0; i < m->tables.n; i++)
		first[i] = SIZE_MAX;
	for (size_t k = o->n_rels; k-- > 0;) {
		next[k] = first[o->rels[k].owner];
		first[o->rels[k].owner] = k;
	}
	for (size_t i = 0; i < m->tables.n; i++) {
		if (o->class_name[i] == NULL)
			continue;
		const struct table *t = m->tables.v[i];
		sb_printf(out, "\n\nclass %s(Base):\n    __table__ = ", o->class_name[i]);
		put_table_key(out, t->h.schema, t->h.name);
		sb_append(out, "\n");
		bool any = false;
		for (size_t j = 0; j < t->columns.n; j++) {
			if (o->column_attr[i][j] == NULL)
				continue;
			if (!any)
				sb_append(out,
					  "    __mapper_args__ = {\n        \"properties\": {\n");
			any = true;
			sb_printf(out, "            \"%s\": __table__.c[", o->column_attr[i][j]);
			quote_python_literal(out, ((const struct column *)t->columns.v[j])->name);
			sb_append(out, "],\n");
		}
		if (any)
			sb_append(out, "        },\n    }\n");
		for (size_t k = first[i]; k != SIZE_MAX; k = next[k])
			put_rel(out, o, &o->rels[k]);
	}
	free(first);
	free(next);
}

static void put_docstring(const struct model *m, struct strbuf *out, const struct models_nc *nc,
			  const struct models_orm *orm)
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
		       "metadata.tables[\"schema.name\"]; tables in public carry no schema),\n"
		       "each mapped by a declarative class on `Base` (__table__) with\n"
		       "relationship()s from the foreign keys, back_populates on both sides;\n"
		       "association tables are their many-to-many relationships' secondary.\n"
		       "Columns whose names are not plain Python identifiers, or are reserved\n"
		       "by declarative (metadata, registry), are mapped under another attribute\n"
		       "name (__mapper_args__ properties).\n"
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
	}
	if (n == 0)
		sb_append(out, "- nothing\n");
	if (orm->n_unmapped > 0) {
		sb_append(out,
			  "\nTables without a primary key (a Table, no class: declarative maps\n"
			  "only tables with one):\n");
		for (size_t i = 0; i < m->tables.n; i++) {
			const struct table *t = m->tables.v[i];
			if (models_table(t) && orm->class_name[i] == NULL && !orm->association[i])
				doc_line(out, "- %s\n", qual(&q, t->h.schema, t->h.name), NULL,
					 NULL);
		}
	}
	put_nc_doc(m, out, nc);
	sb_append(out, "\"\"\"\n");
	sb_free(&q);
	sb_free(&q2);
}

/* After the imports and the convention (emit_models writes those). */
static const char models_head[] =
    "\n"
    "metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)\n"
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
    "def _rel(table):\n"
    "    \"\"\"A table's name as regclass input: \"schema\".\"name\", quoted.\"\"\"\n"
    "    return \".\".join('\"%s\"' % p.replace('\"', '\"\"') for p in (table.schema, table.name) "
    "if p)\n"
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
    "    rel = _rel(inspected_column.table)\n"
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
    "    arg = getattr(metadata_default, \"arg\", None)\n"
    "    if arg is None or not hasattr(arg, \"compile\"):\n"
    "        return None\n"
    "    model = str(arg.compile(dialect=context.dialect))\n"
    "    if inspected_default is None and model.startswith(\"nextval(\"):\n"
    "        # Alembic drops a reflected nextval() of a sequence the column owns\n"
    "        actual = context.connection.execute(\n"
    "            sa.text(\n"
    "                \"SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid)\"\n"
    "                \" FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a\"\n"
    "                \" ON a.attrelid = d.adrelid AND a.attnum = d.adnum\"\n"
    "                \" WHERE d.adrelid = CAST(:rel AS regclass) AND a.attname = :col\"\n"
    "            ),\n"
    "            {\"rel\": _rel(inspected_column.table), \"col\": inspected_column.name},\n"
    "        ).scalar()\n"
    "        return actual is None or _bare(actual) != _bare(model)\n"
    "    if inspected_default is None:\n"
    "        return None\n"
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
static bool serial_owner(const struct models_orm *o, const struct models_owned *ow,
			 const struct sequence *s)
{
	if (s->owned_by_table == NULL || s->owned_by_column == NULL)
		return false;
	size_t i = orm_find(o, s->owned_by_schema, s->owned_by_table);
	if (i == 0)
		return false; /* not a modelled table */
	const struct table *t = o->m->tables.v[i - 1];
	for (size_t j = 0; j < t->columns.n; j++) {
		const struct column *c = t->columns.v[j];
		if (owned_by(s, t, c->name) && serial_column(ow, t, c))
			return true;
	}
	return false;
}

int emit_models(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	(void)opts;
	struct strbuf sb;
	struct models_nc nc;
	struct models_orm orm = {.m = m};
	sb_init(&sb);
	struct models_owned owned;
	nc_infer(m, &nc);
	orm_plan(&orm);
	owned_build(m, &owned);
	put_docstring(m, &sb, &nc, &orm);
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
		if (!s->h.included || s->identity || serial_owner(&orm, &owned, s))
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
			put_column(m, &owned, &sb, t, t->columns.v[j]);
		for (size_t j = 0; j < t->constraints.n; j++)
			put_constraint(&sb, &nc, t, t->constraints.v[j]);
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
			put_index(&sb, &nc, t, t->indexes.v[j]);
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
			bool target = orm_fk_target(&orm, c) != 0;
			if (!target)
				continue; /* to a table left out: listed by the inventory */
			if (!any_fk)
				sb_append(&sb, "\n");
			any_fk = true;
			if (!c->valid)
				sb_append(&sb,
					  "# NOT VALID in the dump: SQLAlchemy cannot say it\n");
			sb_append(&sb, "_fk(\n    ");
			put_table_key(&sb, t->h.schema, t->h.name);
			sb_append(&sb, ",\n    [");
			put_names(&sb, &c->columns);
			sb_append(&sb, "],\n    ");
			put_table_key(&sb, c->ref_schema, c->ref_table);
			sb_append(&sb, ",\n    [");
			put_names(&sb, &c->ref_columns);
			sb_append(&sb, "]");
			if (!nc_follows(&nc, t, c, NULL)) {
				sb_append(&sb, ",\n    name=");
				quote_python_literal(&sb, c->name);
			}
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

	put_classes(&sb, &orm);
	orm_free(&orm);
	owned_free(&owned);

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
	sb_append(&sb, models_tail);
	/* the imports, each only when used (pyflakes) */
	const char *body = sb.data + head_at;
	sink_write(out, sb.data, head_at);
	sink_puts(out, "import re\n\nimport sqlalchemy as sa\n");
	if (strstr(body, "postgresql.") != NULL)
		sink_puts(out, "from sqlalchemy.dialects import postgresql\n");
	sink_puts(out, strstr(body, "= relationship(") != NULL
			   ? "from sqlalchemy.orm import declarative_base, relationship\n\n"
			   : "from sqlalchemy.orm import declarative_base\n\n");
	sb_reset(&q);
	put_naming_convention(&q, &nc);
	sink_puts(out, q.data);
	sink_puts(out, models_head);
	sink_puts(out, body);
	sb_free(&sb);
	sb_free(&q);
	return out->failed ? -1 : 0;
}
