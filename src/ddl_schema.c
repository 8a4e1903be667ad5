/*
 * ddl_schema.c
 *	  The whole schema of a model as SQL, for an empty database
 *	  (ddl_schema() in ddl.h).
 *
 *	  The order is the dump's own where it matters: every object that
 *	  exists before the data (schemas, extensions, types, functions,
 *	  sequences, tables, views and the objects held by their definition)
 *	  is written in the order the dump created it (objhdr.created), which
 *	  restored once and so is a dependency order.  Then what pg_dump writes
 *	  after the data: defaults and OWNED BY, keys and indexes (partitions
 *	  before their parents, so that a parent's index attaches theirs as
 *	  PostgreSQL does), foreign keys, triggers, row level security and
 *	  policies; then comments, owners and grants.
 *
 *	  What PostgreSQL derives by itself is left to it: the columns,
 *	  CHECKs, foreign keys and row triggers a child or partition has from
 *	  its parent, and an identity's sequence.
 */
#include "ddl.h"

#include "textquote.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

/* ---- lookups ------------------------------------------------------------ */

struct ctx {
	struct strbuf *sb;
	const struct model *m;
	const struct ddl_opts *o;
	struct ptrvec *unwritable;
	struct strmap *tables;	   /* "schema\x1fname" -> struct table * */
	struct strmap *identities; /* "schema\x1ftable\x1fcolumn" -> struct sequence * */
	struct strbuf key;
	char *path; /* the search_path set last (NULL: pg_dump's empty one) */
};

/*
 * Statements whose text comes from the dump (definitions, bodies,
 * expressions) run with their object's schema as search_path, as an old
 * pg_dump's `SET search_path = s, pg_catalog` had them, so that an
 * unqualified name means there what it meant in the dump; pg_catalog is
 * still searched first, and every name the writer itself writes is
 * qualified.
 */
static void use_schema(struct ctx *c, const char *schema)
{
	if (schema == NULL || (c->path != NULL && strcmp(c->path, schema) == 0))
		return;
	struct strbuf q;
	sb_init(&q);
	ddl_ident(&q, schema);
	sb_append(c->sb, "SELECT pg_catalog.set_config('search_path', ");
	ddl_literal(c->sb, q.data);
	sb_append(c->sb, ", false);\n");
	sb_free(&q);
	free(c->path);
	c->path = xstrdup(schema);
}

static const char *table_key(struct ctx *c, const char *schema, const char *name)
{
	sb_reset(&c->key);
	sb_printf(&c->key, "%s\x1f%s", schema ? schema : "", name ? name : "");
	return c->key.data;
}

static const struct table *find_table(struct ctx *c, const char *schema, const char *name)
{
	return strmap_get(c->tables, table_key(c, schema, name));
}

/* An INHERITS parent as the model keeps it ("schema.table"): the first split that names a table. */
static const struct table *find_dotted(struct ctx *c, const char *qualified)
{
	for (const char *d = strchr(qualified, '.'); d != NULL; d = strchr(d + 1, '.')) {
		char *schema = xstrdup(qualified);
		schema[d - qualified] = '\0';
		const struct table *t = find_table(c, schema, d + 1);
		free(schema);
		if (t != NULL)
			return t;
	}
	return NULL;
}

/* t's parents: its partitioned table, or its INHERITS parents (into out, at most n). */
static size_t parents(struct ctx *c, const struct table *t, const struct table **out, size_t n)
{
	size_t k = 0;
	if (t->parent_table != NULL) {
		const struct table *p = find_table(c, t->parent_schema, t->parent_table);
		if (p != NULL && k < n)
			out[k++] = p;
	}
	for (size_t i = 0; i < t->inherits.n; i++) {
		const struct table *p = find_dotted(c, t->inherits.v[i]);
		if (p != NULL && k < n)
			out[k++] = p;
	}
	return k;
}

#define MAX_PARENTS 64

/* Does a parent of t have a constraint named name of that kind (that its children get)? */
static bool parent_has_constraint(struct ctx *c, const struct table *t, const char *name,
				  enum con_kind kind)
{
	const struct table *ps[MAX_PARENTS];
	size_t n = parents(c, t, ps, MAX_PARENTS);
	if (kind == CON_FOREIGN && t->parent_table == NULL)
		return false; /* INHERITS children do not get foreign keys */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < ps[i]->constraints.n; j++) {
			const struct constraint *pc = ps[i]->constraints.v[j];
			if (pc->kind == kind && !pc->no_inherit && strcmp(pc->name, name) == 0)
				return true;
		}
	return false;
}

static bool parent_has_trigger(struct ctx *c, const struct table *t, const struct trigger *tr)
{
	if (t->parent_table == NULL || !tr->for_each_row)
		return false;
	const struct table *p = find_table(c, t->parent_schema, t->parent_table);
	for (size_t i = 0; p != NULL && i < p->triggers.n; i++)
		if (strcmp(((const struct trigger *)p->triggers.v[i])->name, tr->name) == 0)
			return true;
	return false;
}

/* How many levels of parents t has (partitions and children after their parents). */
static unsigned depth(struct ctx *c, const struct table *t)
{
	unsigned d = 0;
	for (unsigned guard = 0; guard < 1000; guard++) {
		const struct table *ps[1];
		if (parents(c, t, ps, 1) == 0)
			break;
		t = ps[0];
		d++;
	}
	return d;
}

/* ---- the list of what is written, in creation order --------------------- */

enum item_kind {
	IT_SCHEMA,
	IT_EXTENSION,
	IT_TYPE,
	IT_FUNCTION,
	IT_SEQUENCE,
	IT_TABLE,
	IT_VIEW,
	IT_OBJECT
};

struct item {
	enum item_kind kind;
	const struct objhdr *h;
	const void *obj;
	unsigned depth; /* tables */
};

static void push(struct ptrvec *pv, enum item_kind kind, const struct objhdr *h, const void *obj)
{
	if (!h->included)
		return;
	struct item *it = xcalloc(1, sizeof(*it));
	*it = (struct item){kind, h, obj, 0};
	ptrvec_push(pv, it);
}

static int by_created(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a, *y = *(const struct item *const *)b;
	return x->h->created < y->h->created ? -1 : x->h->created > y->h->created;
}

/* Deepest first, then in creation order. */
static int by_depth(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a, *y = *(const struct item *const *)b;
	if (x->depth != y->depth)
		return x->depth > y->depth ? -1 : 1;
	return by_created(a, b);
}

static void collect(const struct model *m, struct ptrvec *out)
{
	/* Each kind's list; every one of these structs begins with its objhdr. */
	const struct {
		enum item_kind kind;
		const struct ptrvec *pv;
	} lists[] = {{IT_SCHEMA, &m->schemas},	   {IT_EXTENSION, &m->extensions},
		     {IT_TYPE, &m->types},	   {IT_FUNCTION, &m->functions},
		     {IT_SEQUENCE, &m->sequences}, {IT_TABLE, &m->tables},
		     {IT_VIEW, &m->views},	   {IT_OBJECT, &m->objects}};
	for (size_t k = 0; k < sizeof(lists) / sizeof(lists[0]); k++)
		for (size_t i = 0; i < lists[k].pv->n; i++)
			push(out, lists[k].kind, lists[k].pv->v[i], lists[k].pv->v[i]);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(out->v[0]), by_created);
}

/* ---- unwritable objects ------------------------------------------------- */

static void unwritable(struct ctx *c, const char *kind, const char *target)
{
	struct strbuf line;
	sb_init(&line);
	sb_printf(&line, "%s %s", kind, target);
	sb_append(c->sb, "-- pgbaseline: not written, the model holds only its name: ");
	quote_sql_comment_text(c->sb, line.data);
	sb_putc(c->sb, '\n');
	if (c->unwritable != NULL)
		ptrvec_push(c->unwritable, sb_steal(&line));
	sb_free(&line);
}

/* ---- pre-data ----------------------------------------------------------- */

/*
 * The CHECKs CREATE TABLE writes: a partition's all (ATTACH PARTITION
 * wants the parent's there), an INHERITS child's own (it gets its
 * parents' from them).
 */
static void checks_of(struct ctx *c, const struct table *t, struct ptrvec *inline_checks)
{
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *k = t->constraints.v[i];
		if (k->kind == CON_CHECK && k->valid &&
		    (t->parent_table != NULL || !parent_has_constraint(c, t, k->name, CON_CHECK)))
			ptrvec_push(inline_checks, (void *)k);
	}
}

static void write_table(struct ctx *c, const struct table *t)
{
	struct ptrvec checks = {0};
	checks_of(c, t, &checks);
	ddl_create_table_checks(c->sb, t, DDL_DEFAULTS_NO_NEXTVAL, false, &checks, true);
	ptrvec_free(&checks);
	ddl_attach_partition(c->sb, t);
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *col = t->columns.v[i];
		if (col->identity == IDENTITY_NONE || col->inherited)
			continue;
		sb_reset(&c->key);
		sb_printf(&c->key, "%s\x1f%s\x1f%s", t->h.schema ? t->h.schema : "", t->h.name,
			  col->name);
		ddl_add_identity(c->sb, t, col, strmap_get(c->identities, c->key.data));
	}
}

static void write_pre(struct ctx *c, const struct item *it)
{
	struct strbuf target;
	sb_init(&target);
	if (it->kind != IT_SCHEMA && it->kind != IT_EXTENSION)
		use_schema(c, it->h->schema);
	switch (it->kind) {
	case IT_SCHEMA: {
		const struct schema *s = it->obj;
		if (strcmp(s->h.name, "public") != 0)
			ddl_create_schema(c->sb, s);
		break;
	}
	case IT_EXTENSION:
		ddl_create_extension(c->sb, it->obj);
		break;
	case IT_TYPE: {
		const struct pgtype *t = it->obj;
		if (!ddl_create_type(c->sb, t)) {
			ddl_qualified(&target, t->h.schema, t->h.name);
			unwritable(c, "type", target.data);
		}
		break;
	}
	case IT_FUNCTION: {
		const struct function *f = it->obj;
		if (!ddl_create_function(c->sb, f)) {
			ddl_function_target(&target, f);
			unwritable(c, func_kind_name(f->kind), target.data);
		}
		break;
	}
	case IT_SEQUENCE: {
		const struct sequence *s = it->obj;
		if (!s->identity)
			ddl_create_sequence(c->sb, s);
		break;
	}
	case IT_TABLE:
		write_table(c, it->obj);
		break;
	case IT_VIEW: {
		/* A view in a dependency loop: its stand-in now, its query after the keys. */
		const struct view *v = it->obj;
		if (v->definition == NULL) {
			ddl_qualified(&target, v->h.schema, v->h.name);
			unwritable(c, v->materialized ? "materialized view" : "view", target.data);
			break;
		}
		ddl_create_view_as(c->sb, v, v->placeholder ? v->placeholder : v->definition,
				   false);
		break;
	}
	case IT_OBJECT: {
		const struct object *o = it->obj;
		if (!ddl_create_object(c->sb, o)) {
			if (ddl_object_target(&target, o) == NULL)
				ddl_qualified(&target, o->h.schema, o->h.name);
			unwritable(c, object_kind_label(o->kind), target.data);
		}
		break;
	}
	}
	sb_free(&target);
}

/* ---- post-data ---------------------------------------------------------- */

static void write_defaults(struct ctx *c, const struct ptrvec *items)
{
	for (size_t i = 0; i < items->n; i++) {
		const struct item *it = items->v[i];
		if (it->kind != IT_TABLE)
			continue;
		const struct table *t = it->obj;
		for (size_t j = 0; j < t->columns.n; j++) {
			const struct column *col = t->columns.v[j];
			/* An INHERITS child's inherited column is not in its CREATE TABLE. */
			bool skipped = col->inherited && t->parent_table == NULL;
			if (col->default_expr == NULL || col->generated != NULL ||
			    col->identity != IDENTITY_NONE ||
			    (!skipped && ddl_default_inline(col, DDL_DEFAULTS_NO_NEXTVAL)))
				continue;
			use_schema(c, t->h.schema);
			ddl_alter_column_default(c->sb, t, col);
		}
	}
	for (size_t i = 0; i < items->n; i++) {
		const struct item *it = items->v[i];
		if (it->kind != IT_SEQUENCE)
			continue;
		const struct sequence *s = it->obj;
		if (!s->identity)
			ddl_sequence_owned_by(c->sb, s);
	}
}

/* The direct partitions of t, from the tables in out (struct table *). */
static void partitions_of(const struct ptrvec *tables, const struct table *t, struct ptrvec *out)
{
	for (size_t i = 0; i < tables->n; i++) {
		const struct table *p = ((const struct item *)tables->v[i])->obj;
		if (p->parent_table != NULL && strcmp(p->parent_table, t->h.name) == 0 &&
		    strcmp(p->parent_schema ? p->parent_schema : "",
			   t->h.schema ? t->h.schema : "") == 0)
			ptrvec_push(out, (void *)p);
	}
}

static const struct index *matching_index(const struct table *t, const struct index *ix)
{
	for (size_t i = 0; i < t->indexes.n; i++)
		if (ddl_same_index(t->indexes.v[i], ix))
			return t->indexes.v[i];
	return NULL;
}

/*
 * A partitioned table's index: made on the table alone (ON ONLY) when a
 * partition has no index of its shape, with those that have one attached,
 * as the catalog has it; otherwise made whole, which attaches the
 * partitions' own (made before).
 */
static void partitioned_index(struct ctx *c, const struct ptrvec *tables, const struct table *t,
			      const struct index *ix)
{
	struct ptrvec parts = {0};
	partitions_of(tables, t, &parts);
	bool all = true;
	for (size_t i = 0; i < parts.n; i++)
		if (matching_index(parts.v[i], ix) == NULL)
			all = false;
	ddl_create_index_only(c->sb, ix, !all);
	for (size_t i = 0; !all && i < parts.n; i++) {
		const struct index *m = matching_index(parts.v[i], ix);
		if (m != NULL)
			ddl_attach_index(c->sb, ix, m);
	}
	ptrvec_free(&parts);
}

/*
 * t's constraints of that kind that its parents do not give it (of CHECKs
 * the NOT VALID ones: the others are in its CREATE TABLE).
 */
static void add_own(struct ctx *c, const struct table *t, enum con_kind kind)
{
	for (size_t j = 0; j < t->constraints.n; j++) {
		const struct constraint *k = t->constraints.v[j];
		if (k->kind != kind || (kind == CON_CHECK && k->valid) ||
		    parent_has_constraint(c, t, k->name, kind))
			continue;
		use_schema(c, t->h.schema);
		ddl_add_constraint(c->sb, t, k);
	}
}

static void write_keys(struct ctx *c, const struct ptrvec *tables, const struct ptrvec *items)
{
	/* NOT VALID CHECKs once every partition is attached (ALTER TABLE recurses to them). */
	for (size_t i = 0; i < tables->n; i++)
		add_own(c, ((const struct item *)tables->v[i])->obj, CON_CHECK);
	for (size_t i = 0; i < tables->n; i++) {
		const struct table *t = ((const struct item *)tables->v[i])->obj;
		use_schema(c, t->h.schema);
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *k = t->constraints.v[j];
			if (k->kind == CON_PRIMARY || k->kind == CON_UNIQUE ||
			    k->kind == CON_EXCLUSION)
				ddl_add_constraint(c->sb, t, k);
		}
		for (size_t j = 0; j < t->indexes.n; j++) {
			if (!((const struct index *)t->indexes.v[j])->h.included)
				continue;
			if (t->kind == TABLE_PARTITIONED)
				partitioned_index(c, tables, t, t->indexes.v[j]);
			else
				ddl_create_index(c->sb, t->indexes.v[j]);
		}
	}
	for (size_t i = 0; i < items->n; i++) {
		const struct item *it = items->v[i];
		const struct view *v = it->obj;
		if (it->kind != IT_VIEW || v->placeholder == NULL || v->definition == NULL)
			continue;
		use_schema(c, v->h.schema);
		ddl_create_view_as(c->sb, v, v->definition, true);
	}
	for (size_t i = 0; i < items->n; i++) {
		const struct item *it = items->v[i];
		if (it->kind != IT_VIEW)
			continue;
		const struct view *v = it->obj;
		if (v->indexes.n > 0)
			use_schema(c, v->h.schema);
		for (size_t j = 0; j < v->indexes.n; j++)
			ddl_create_index(c->sb, v->indexes.v[j]);
	}
	for (size_t i = 0; i < tables->n; i++)
		add_own(c, ((const struct item *)tables->v[i])->obj, CON_FOREIGN);
	for (size_t i = 0; i < tables->n; i++) {
		const struct table *t = ((const struct item *)tables->v[i])->obj;
		for (size_t j = 0; j < t->triggers.n; j++)
			if (!parent_has_trigger(c, t, t->triggers.v[j])) {
				use_schema(c, t->h.schema);
				ddl_create_trigger(c->sb, t->triggers.v[j]);
			}
	}
	for (size_t i = 0; i < tables->n; i++) {
		const struct table *t = ((const struct item *)tables->v[i])->obj;
		if (t->rls_enabled) {
			sb_append(c->sb, "ALTER TABLE ");
			ddl_table_name(c->sb, t);
			sb_append(c->sb, " ENABLE ROW LEVEL SECURITY;\n");
		}
		if (t->rls_forced) {
			sb_append(c->sb, "ALTER TABLE ");
			ddl_table_name(c->sb, t);
			sb_append(c->sb, " FORCE ROW LEVEL SECURITY;\n");
		}
		if (t->policies.n > 0)
			use_schema(c, t->h.schema);
		for (size_t j = 0; j < t->policies.n; j++)
			ddl_create_policy(c->sb, t->policies.v[j]);
	}
}

/* ---- comments, owners, grants ------------------------------------------- */

/* One object's comment, owner and grants (what/target as ddl_comment takes them). */
static void about(struct ctx *c, const char *what, const char *target, const struct objhdr *h,
		  int pass)
{
	if (pass == 0 && h->comment != NULL && !c->o->no_comments)
		ddl_comment(c->sb, what, target, h->comment);
	if (pass == 1 && c->o->owners)
		ddl_owner(c->sb, what, target, h->owner);
	if (pass == 2 && c->o->privileges)
		ddl_grants(c->sb, what, target, NULL, h);
}

static void sub_comment(struct ctx *c, const char *what, const char *name, const char *on,
			const char *comment)
{
	if (comment == NULL || c->o->no_comments)
		return;
	struct strbuf target;
	sb_init(&target);
	ddl_ident(&target, name);
	if (on != NULL)
		sb_printf(&target, " ON %s", on);
	ddl_comment(c->sb, what, target.data, comment);
	sb_free(&target);
}

static void index_comments(struct ctx *c, const struct ptrvec *indexes)
{
	for (size_t i = 0; i < indexes->n; i++) {
		const struct index *ix = indexes->v[i];
		if (ix->h.comment == NULL || c->o->no_comments)
			continue;
		struct strbuf in;
		sb_init(&in);
		ddl_qualified(&in, ix->h.schema, ix->h.name);
		ddl_comment(c->sb, "INDEX", in.data, ix->h.comment);
		sb_free(&in);
	}
}

static void table_parts(struct ctx *c, const struct table *t, const char *target)
{
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *col = t->columns.v[i];
		if (col->comment == NULL || c->o->no_comments)
			continue;
		struct strbuf cn;
		sb_init(&cn);
		sb_printf(&cn, "%s.", target);
		ddl_ident(&cn, col->name);
		ddl_comment(c->sb, "COLUMN", cn.data, col->comment);
		sb_free(&cn);
	}
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *k = t->constraints.v[i];
		sub_comment(c, "CONSTRAINT", k->name, target, k->comment);
	}
	index_comments(c, &t->indexes);
	for (size_t i = 0; i < t->triggers.n; i++) {
		const struct trigger *tr = t->triggers.v[i];
		sub_comment(c, "TRIGGER", tr->name, target, tr->comment);
	}
	for (size_t i = 0; i < t->policies.n; i++) {
		const struct policy *p = t->policies.v[i];
		sub_comment(c, "POLICY", p->name, target, p->comment);
	}
}

static void write_about(struct ctx *c, const struct item *it, int pass)
{
	struct strbuf target;
	sb_init(&target);
	switch (it->kind) {
	case IT_SCHEMA:
		ddl_ident(&target, it->h->name);
		about(c, "SCHEMA", target.data, it->h, pass);
		break;
	case IT_EXTENSION:
		ddl_ident(&target, it->h->name);
		if (pass == 0)
			about(c, "EXTENSION", target.data, it->h, pass);
		break;
	case IT_TYPE: {
		const struct pgtype *t = it->obj;
		if (t->kind == TYPE_BASE)
			break;
		ddl_qualified(&target, t->h.schema, t->h.name);
		about(c, t->kind == TYPE_DOMAIN ? "DOMAIN" : "TYPE", target.data, it->h,
		      pass == 2 ? 2 : pass);
		break;
	}
	case IT_FUNCTION: {
		const struct function *f = it->obj;
		if (f->definition == NULL)
			break;
		ddl_function_target(&target, f);
		about(c, ddl_function_what(f), target.data, it->h, pass);
		break;
	}
	case IT_SEQUENCE: {
		const struct sequence *s = it->obj;
		ddl_qualified(&target, s->h.schema, s->h.name);
		/* An identity's sequence goes with its table (no owner of its own). */
		if (!s->identity || pass != 1)
			about(c, "SEQUENCE", target.data, it->h, pass);
		break;
	}
	case IT_TABLE: {
		const struct table *t = it->obj;
		ddl_table_name(&target, t);
		about(c, t->kind == TABLE_FOREIGN ? "FOREIGN TABLE" : "TABLE", target.data, it->h,
		      pass);
		if (pass == 0)
			table_parts(c, t, target.data);
		break;
	}
	case IT_VIEW: {
		const struct view *v = it->obj;
		ddl_qualified(&target, v->h.schema, v->h.name);
		about(c, v->materialized ? "MATERIALIZED VIEW" : "VIEW", target.data, it->h, pass);
		if (pass == 0)
			index_comments(c, &v->indexes);
		break;
	}
	case IT_OBJECT: {
		const struct object *o = it->obj;
		if (!ddl_object_writable(o))
			break;
		const char *what = ddl_object_target(&target, o);
		/* Kinds that have no owner to set. */
		bool owned = o->kind != OBJ_RULE && o->kind != OBJ_CAST &&
			     o->kind != OBJ_TRANSFORM && o->kind != OBJ_ACCESS_METHOD &&
			     o->kind != OBJ_TS_PARSER && o->kind != OBJ_TS_TEMPLATE;
		if (what != NULL && (pass != 1 || owned))
			about(c, what, target.data, it->h, pass);
		break;
	}
	}
	sb_free(&target);
}

/* ---- the whole schema --------------------------------------------------- */

size_t ddl_schema(struct strbuf *sb, const struct model *m, const struct ddl_opts *o,
		  struct ptrvec *unwritable_out)
{
	static const struct ddl_opts none = {0};
	struct ctx c = {.sb = sb, .m = m, .o = o ? o : &none, .unwritable = unwritable_out};
	size_t before = unwritable_out ? unwritable_out->n : 0;
	c.tables = strmap_new();
	c.identities = strmap_new();
	sb_init(&c.key);
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		strmap_put(c.tables, table_key(&c, t->h.schema, t->h.name), (void *)t);
	}
	for (size_t i = 0; i < m->sequences.n; i++) {
		const struct sequence *s = m->sequences.v[i];
		if (!s->identity || s->owned_by_table == NULL)
			continue;
		sb_reset(&c.key);
		sb_printf(&c.key, "%s\x1f%s\x1f%s", s->owned_by_schema ? s->owned_by_schema : "",
			  s->owned_by_table, s->owned_by_column ? s->owned_by_column : "");
		strmap_put(c.identities, c.key.data, (void *)s);
	}

	struct ptrvec items = {0}, tables = {0};
	collect(m, &items);

	sb_append(sb, "SET statement_timeout = 0;\n"
		      "SET lock_timeout = 0;\n"
		      "SET idle_in_transaction_session_timeout = 0;\n"
		      "SET client_encoding = 'UTF8';\n"
		      "SET standard_conforming_strings = on;\n"
		      "SELECT pg_catalog.set_config('search_path', '', false);\n"
		      "SET check_function_bodies = false;\n"
		      "SET xmloption = content;\n"
		      "SET client_min_messages = warning;\n"
		      "SET row_security = off;\n\n");
	for (size_t i = 0; i < items.n; i++)
		write_pre(&c, items.v[i]);
	sb_putc(sb, '\n');
	write_defaults(&c, &items);

	for (size_t i = 0; i < items.n; i++) {
		struct item *it = items.v[i];
		if (it->kind != IT_TABLE)
			continue;
		it->depth = depth(&c, it->obj);
		ptrvec_push(&tables, it);
	}
	if (tables.n > 1)
		qsort(tables.v, tables.n, sizeof(tables.v[0]), by_depth);
	write_keys(&c, &tables, &items);
	if (c.path != NULL)
		sb_append(sb, "SELECT pg_catalog.set_config('search_path', '', false);\n");

	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < items.n; i++)
			write_about(&c, items.v[i], pass);
	/* Default privileges last, as pg_dump writes them: they are for what is created after. */
	for (size_t i = 0; c.o->privileges && i < m->default_acls.n; i++) {
		const struct default_acl *da = m->default_acls.v[i];
		if (da->shown && da->h.included)
			ddl_default_privileges(sb, NULL, da);
	}

	for (size_t i = 0; i < items.n; i++)
		free(items.v[i]);
	ptrvec_free(&items);
	ptrvec_free(&tables);
	strmap_free(c.tables);
	strmap_free(c.identities);
	sb_free(&c.key);
	free(c.path);
	return unwritable_out ? unwritable_out->n - before : 0;
}
