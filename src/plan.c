/*
 * plan.c
 *	  A comparison as ordered SQL (see plan.h).  Each change of one
 *	  direction (OLD to NEW, or NEW back to OLD with adds and drops
 *	  swapped) writes steps: a statement, the phase of the script it
 *	  belongs to and a key that orders it within the phase (a table's or
 *	  view's depth among its parents, a type's kind); the steps sorted by
 *	  phase, key and the order written are the script.  The statements
 *	  come from the DDL writer (ddl.h); what it has no function for
 *	  (ALTER SEQUENCE, ALTER DOMAIN, partitions attached and detached, an
 *	  enum's rename dance) is written here, names quoted by quote_sql_ident.
 *
 *	  Which views use what is read from each view's definition as the
 *	  identifiers it holds (a view that holds a changed column's table and
 *	  column names is taken as using it): a view too many is recreated,
 *	  none too few.
 */
#include "plan.h"

#include "ddl.h"
#include "strmap.h"
#include "textquote.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The script's phases, in the order they run. */
enum phase {
	PH_ENUM_ADD, /* before BEGIN: a value added in a transaction is not usable in it */
	PH_DROP_EARLY_OBJECT,
	PH_DROP_TRIGGER,
	PH_DROP_POLICY,
	PH_DROP_VIEW,
	PH_DROP_FUNCTION_ROWTYPE, /* functions of a table's row type, before the table */
	PH_DROP_FK,
	PH_DROP_INDEX,
	PH_DROP_CONSTRAINT,
	PH_DETACH, /* NO INHERIT, DETACH PARTITION, OWNED BY NONE */
	PH_DROP_COLUMN,
	PH_DROP_TABLE,
	PH_DROP_FUNCTION_EARLY, /* functions created again with another result or around a type */
	PH_RENAME,
	PH_SCHEMA,
	PH_EXTENSION,
	PH_TYPE,
	PH_TYPE_ALTER,
	PH_FUNCTION,
	PH_OBJECT,
	PH_SEQUENCE,
	PH_TABLE,
	PH_FUNCTION_ROWTYPE, /* functions that take or return a table's row type */
	PH_COLUMN,
	PH_ATTACH,
	PH_TABLE_ALTER,
	PH_OWNED_BY,
	PH_CONSTRAINT,
	PH_INDEX,
	PH_FK,
	PH_VIEW,
	PH_VIEW_INDEX,
	PH_TRIGGER,
	PH_POLICY,
	PH_OBJECT_LATE,
	PH_COMMENT,
	PH_GRANT,
	PH_OWNER,
	PH_DROP_OBJECT,
	PH_DROP_SEQUENCE,
	PH_DROP_FUNCTION,
	PH_DROP_TYPE,
	PH_DROP_EXTENSION,
	PH_DROP_SCHEMA,
};

struct step {
	int phase;
	long key;
	size_t seq;
	size_t change;
	const char *path; /* the schema its text from the dump runs under (search_path), or NULL */
	char *sql;
	struct tag {
		enum plan_what what; /* what the statement is (plan.h) */
		const struct table *table;
		const void *obj, *old_obj;
		char *using; /* malloc'd */
	} tag;
};
/* A view of one side, with the identifiers its definition holds. */
struct vinfo {
	const struct view *v;
	struct strmap *tokens; /* identifier -> (void *)1, built on first use */
	int depth;	       /* 0: not yet known; else 1 + the deepest view it uses */
	bool visiting;
	size_t cause; /* the change that drops or creates it */
	bool drop, create;
};

/* One side's views: by "schema|name", and by bare name (a ptrvec of struct vinfo *). */
struct vside {
	struct strmap *by_key;
	struct strmap *by_name;
	struct ptrvec all;   /* struct vinfo *, in the model's order */
	struct ptrvec names; /* struct ptrvec * to free */
};

struct planner {
	const struct comparison *c;
	bool down;
	const struct model *from, *to;
	struct ptrvec steps; /* struct step * */
	size_t seq;
	size_t cur;	   /* the change being planned */
	const char *path;  /* the schema of what is being written, when not the change's */
	struct strbuf sb;  /* the statement being written */
	struct tag tag;	   /* what it is, when tagged (the next step takes it) */
	struct strbuf key; /* scratch for keys */
	struct strmap *added_tables, *dropped_tables; /* "schema|name" */
	struct strmap *changed_cons; /* "schema|table|name" of constraints with a change */
	struct strmap *redone_fks;   /* "schema|table|name" dropped and added again */
	struct vside vfrom, vto;
	struct strmap *rels_from,
	    *rels_to; /* quoted "schema.name" of tables and views, built on first use */
};

/* ---- small helpers ------------------------------------------------------- */

static const char *nz(const char *s)
{
	return s ? s : "";
}

static bool same_str(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool same_list(const struct ptrvec *a, const struct ptrvec *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!same_str(a->v[i], b->v[i]))
			return false;
	return true;
}

static const char *key2(struct planner *p, const char *a, const char *b)
{
	sb_reset(&p->key);
	sb_printf(&p->key, "%zu:%s|%s", strlen(nz(a)), nz(a), nz(b));
	return p->key.data;
}

static const char *key3(struct planner *p, const char *a, const char *b, const char *c)
{
	sb_reset(&p->key);
	sb_printf(&p->key, "%zu:%s|%zu:%s|%s", strlen(nz(a)), nz(a), strlen(nz(b)), nz(b), nz(c));
	return p->key.data;
}

static void put_qname(struct strbuf *sb, const char *schema, const char *name)
{
	if (schema) {
		quote_sql_ident(sb, schema);
		sb_putc(sb, '.');
	}
	quote_sql_ident(sb, name);
}

/* The statement written into p->sb becomes a step of the current change. */
static void step(struct planner *p, int phase, long key)
{
	if (p->sb.len == 0) {
		free(p->tag.using);
		memset(&p->tag, 0, sizeof(p->tag));
		return;
	}
	struct step *s = xcalloc(1, sizeof(*s));
	s->phase = phase;
	s->key = key;
	s->seq = p->seq++;
	s->change = p->cur;
	s->path = p->path ? p->path : ((const struct change *)p->c->changes.v[p->cur])->schema;
	s->sql = sb_steal(&p->sb);
	s->tag = p->tag;
	memset(&p->tag, 0, sizeof(p->tag));
	sb_init(&p->sb);
	ptrvec_push(&p->steps, s);
}

/* The next step is `what` (plan.h's enum plan_what) on table's obj. */
static void tag(struct planner *p, enum plan_what what, const struct table *t, const void *obj,
		const void *old_obj)
{
	free(p->tag.using);
	p->tag = (struct tag){.what = what, .table = t, .obj = obj, .old_obj = old_obj};
}

/* Text in a -- comment: names escaped, so that no newline ends the comment. */
static void put_comment_text(struct strbuf *sb, const char *s)
{
	quote_sql_comment_text(sb, s);
}
static void cannot(struct planner *p, int phase, const char *what, const char *schema,
		   const char *name)
{
	sb_append(&p->sb, "-- pgbaseline cannot write ");
	sb_append(&p->sb, what);
	sb_putc(&p->sb, ' ');
	struct strbuf q;
	sb_init(&q);
	put_qname(&q, schema, name);
	put_comment_text(&p->sb, q.data ? q.data : "");
	sb_free(&q);
	sb_append(&p->sb, ": the model holds no definition for it\n");
	step(p, phase, 0);
}

/* ---- direction ------------------------------------------------------------ */

static enum change_action act(const struct planner *p, const struct change *ch)
{
	if (!p->down)
		return ch->action;
	if (ch->action == CHANGE_ADD)
		return CHANGE_DROP;
	if (ch->action == CHANGE_DROP)
		return CHANGE_ADD;
	return ch->action;
}

static const void *from_obj(const struct planner *p, const struct change *ch)
{
	return p->down ? ch->new_obj : ch->old_obj;
}

static const void *to_obj(const struct planner *p, const struct change *ch)
{
	return p->down ? ch->old_obj : ch->new_obj;
}

static const struct table *from_table(const struct planner *p, const struct change *ch)
{
	return p->down ? ch->new_table : ch->old_table;
}

static const struct table *to_table(const struct planner *p, const struct change *ch)
{
	return p->down ? ch->old_table : ch->new_table;
}

/* ---- comments, grants, owners ---------------------------------------------- */

static bool same_grants(const struct objhdr *a, const struct objhdr *b)
{
	if (a->grants.n != b->grants.n)
		return false;
	for (size_t i = 0; i < a->grants.n; i++) {
		const struct grant *x = a->grants.v[i], *y = b->grants.v[i];
		if (!same_str(x->grantee, y->grantee) || !same_str(x->privileges, y->privileges) ||
		    x->with_grant_option != y->with_grant_option)
			return false;
	}
	return true;
}

/* Kinds whose default ACL gives PUBLIC a privilege (EXECUTE, USAGE). */
static bool public_by_default(const char *what)
{
	return strcmp(what, "FUNCTION") == 0 || strcmp(what, "PROCEDURE") == 0 ||
	       strcmp(what, "TYPE") == 0 || strcmp(what, "DOMAIN") == 0 ||
	       strcmp(what, "LANGUAGE") == 0;
}

static bool has_grantee(const struct objhdr *h, const char *who)
{
	for (size_t i = 0; i < h->grants.n; i++) {
		const struct grant *g = h->grants.v[i];
		if (same_str(g->grantee, who) && g->privs.n > 0)
			return true;
	}
	return false;
}

/*
 * What changes in an object's comment, grants and owner from `from` (NULL:
 * the object is new, or made again) to `to`.  what/target as ddl_comment takes them;
 * grant_what for GRANT (a view's is TABLE).
 */
static void meta(struct planner *p, const char *what, const char *grant_what, const char *target,
		 const struct objhdr *from, const struct objhdr *to)
{
	if (from ? !same_str(from->comment, to->comment) : to->comment != NULL) {
		ddl_comment(&p->sb, what, target, to->comment);
		step(p, PH_COMMENT, 0);
	}
	if (from ? !same_grants(from, to) || from->acl_set != to->acl_set
		 : (to->acl_set || to->grants.n > 0)) {
		/* an ACL never set is the kind's default, which ddl_grants knows as NULL */
		ddl_grants(&p->sb, grant_what, target, from && from->acl_set ? from : NULL, to);
		if (from && from->acl_set && !to->acl_set && public_by_default(grant_what) &&
		    !has_grantee(from, "PUBLIC")) {
			/* back to the default: PUBLIC's privilege comes back */
			sb_printf(&p->sb, "GRANT ALL ON %s %s TO PUBLIC;\n", grant_what, target);
		}
		step(p, PH_GRANT, 0);
	}
	if (to->owner && (from == NULL || !same_str(from->owner, to->owner))) {
		ddl_owner(&p->sb, what, target, to->owner);
		step(p, PH_OWNER, 0);
	}
}

static char *qtarget(const char *schema, const char *name)
{
	struct strbuf sb;
	sb_init(&sb);
	put_qname(&sb, schema, name);
	return sb_steal(&sb);
}

static void comment_on(struct planner *p, const char *what, const char *target, const char *from,
		       const char *to, bool is_new)
{
	if (is_new ? to != NULL : !same_str(from, to)) {
		ddl_comment(&p->sb, what, target, to);
		step(p, PH_COMMENT, 0);
	}
}

/* ---- view identifiers ---------------------------------------------------- */

static bool ident_start(unsigned char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool ident_char(unsigned char c)
{
	return ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

/* The identifiers of SQL text: bare words lower-cased, quoted ones unquoted; literals skipped. */
static struct strmap *tokens_of(const char *s)
{
	struct strmap *m = strmap_new();
	struct strbuf w;
	sb_init(&w);
	while (s && *s) {
		unsigned char c = (unsigned char)*s;
		if (c == '\'') {
			for (s++; *s; s++)
				if (*s == '\'') {
					if (s[1] == '\'') {
						s++;
						continue;
					}
					s++;
					break;
				}
			continue;
		}
		if (c == '"') {
			sb_reset(&w);
			for (s++; *s; s++) {
				if (*s == '"') {
					if (s[1] == '"') {
						sb_putc(&w, '"');
						s++;
						continue;
					}
					s++;
					break;
				}
				sb_putc(&w, *s);
			}
			strmap_put(m, w.data ? w.data : "", (void *)1);
			continue;
		}
		if (ident_start(c)) {
			sb_reset(&w);
			while (*s && ident_char((unsigned char)*s)) {
				char ch = *s++;
				if (ch >= 'A' && ch <= 'Z')
					ch = (char)(ch - 'A' + 'a');
				sb_putc(&w, ch);
			}
			strmap_put(m, w.data, (void *)1);
			continue;
		}
		s++;
	}
	sb_free(&w);
	return m;
}

static void vside_init(struct vside *vs, const struct model *m)
{
	vs->by_key = strmap_new();
	vs->by_name = strmap_new();
	struct strbuf k;
	sb_init(&k);
	for (size_t i = 0; i < m->views.n; i++) {
		const struct view *v = m->views.v[i];
		if (!v->h.included)
			continue;
		struct vinfo *vi = xcalloc(1, sizeof(*vi));
		vi->v = v;
		ptrvec_push(&vs->all, vi);
		sb_reset(&k);
		sb_printf(&k, "%zu:%s|%s", strlen(nz(v->h.schema)), nz(v->h.schema), v->h.name);
		strmap_put(vs->by_key, k.data, vi);
		struct ptrvec *same = strmap_get(vs->by_name, v->h.name);
		if (!same) {
			same = xcalloc(1, sizeof(*same));
			ptrvec_push(&vs->names, same);
			strmap_put(vs->by_name, v->h.name, same);
		}
		ptrvec_push(same, vi);
	}
	sb_free(&k);
}

static void vside_free(struct vside *vs)
{
	for (size_t i = 0; i < vs->all.n; i++) {
		struct vinfo *vi = vs->all.v[i];
		if (vi->tokens)
			strmap_free(vi->tokens);
		free(vi);
	}
	ptrvec_free(&vs->all);
	for (size_t i = 0; i < vs->names.n; i++) {
		ptrvec_free(vs->names.v[i]);
		free(vs->names.v[i]);
	}
	ptrvec_free(&vs->names);
	strmap_free(vs->by_key);
	strmap_free(vs->by_name);
}

static bool vuses(struct vinfo *vi, const char *name)
{
	if (!vi->tokens)
		vi->tokens = tokens_of(vi->v->definition);
	return strmap_has(vi->tokens, name);
}

/* 1 + the depth of the deepest view of the same side it names. */
static int vdepth(struct vside *vs, struct vinfo *vi)
{
	if (vi->depth)
		return vi->depth;
	if (vi->visiting)
		return 1;
	vi->visiting = true;
	int d = 1;
	for (size_t i = 0; i < vs->names.n; i++) {
		struct ptrvec *same = vs->names.v[i];
		struct vinfo *first = same->v[0];
		if (!vuses(vi, first->v->h.name))
			continue;
		for (size_t j = 0; j < same->n; j++) {
			struct vinfo *w = same->v[j];
			if (w == vi)
				continue;
			int wd = vdepth(vs, w) + 1;
			if (wd > d)
				d = wd;
		}
	}
	vi->visiting = false;
	vi->depth = d;
	return d;
}

/* Mark views of the from side that use table (and column, when not NULL) to be made again. */
static void recreate_users(struct planner *p, const char *table, const char *column)
{
	for (size_t i = 0; i < p->vfrom.all.n; i++) {
		struct vinfo *vi = p->vfrom.all.v[i];
		if (vi->drop || !vuses(vi, table) || (column && !vuses(vi, column)))
			continue;
		vi->drop = true;
		vi->cause = p->cur;
	}
}

/* ---- tables ---------------------------------------------------------------- */

static bool table_added(struct planner *p, const struct table *t)
{
	return t && strmap_has(p->added_tables, key2(p, t->h.schema, t->h.name));
}

static bool table_dropped(struct planner *p, const struct table *t)
{
	return t && strmap_has(p->dropped_tables, key2(p, t->h.schema, t->h.name));
}

/* The table of m whose "schema.name" (as INHERITS lists it) is qs. */
static const struct table *table_by_dotted(const struct model *m, const char *qs)
{
	size_t n = strlen(qs);
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		size_t ls = strlen(t->h.schema);
		if (ls < n && strncmp(qs, t->h.schema, ls) == 0 && qs[ls] == '.' &&
		    strcmp(qs + ls + 1, t->h.name) == 0)
			return t;
	}
	return NULL;
}

static const struct table *find_table(const struct model *m, const char *schema, const char *name)
{
	if (!schema || !name)
		return NULL;
	return model_find_table((struct model *)m, schema, name);
}

/* The tables t inherits from or is a partition of. */
static void parents_of(const struct model *m, const struct table *t, const struct table **out,
		       size_t *n, size_t max)
{
	*n = 0;
	const struct table *pt = find_table(m, t->parent_schema, t->parent_table);
	if (pt && *n < max)
		out[(*n)++] = pt;
	for (size_t i = 0; i < t->inherits.n && *n < max; i++) {
		const struct table *q = table_by_dotted(m, t->inherits.v[i]);
		if (q)
			out[(*n)++] = q;
	}
}

static long table_depth(const struct model *m, const struct table *t, int guard)
{
	const struct table *ps[8];
	size_t n;
	if (guard > 32)
		return 0;
	parents_of(m, t, ps, &n, 8);
	long d = 0;
	for (size_t i = 0; i < n; i++) {
		long pd = table_depth(m, ps[i], guard + 1) + 1;
		if (pd > d)
			d = pd;
	}
	return d;
}

static bool same_index_def(const struct index *a, const struct index *b)
{
	return a->unique == b->unique && a->nulls_not_distinct == b->nulls_not_distinct &&
	       same_str(a->method, b->method) && same_list(&a->columns, &b->columns) &&
	       same_list(&a->include, &b->include) && same_str(a->where, b->where);
}

/* A part PostgreSQL gives t itself because a parent has it (a partition's index, a CHECK). */
static bool from_parent_con(const struct model *m, const struct table *t,
			    const struct constraint *c)
{
	const struct table *ps[8];
	size_t n;
	parents_of(m, t, ps, &n, 8);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < ps[i]->constraints.n; j++) {
			const struct constraint *pc = ps[i]->constraints.v[j];
			if (pc->kind != c->kind)
				continue;
			if (c->kind == CON_CHECK || c->kind == CON_FOREIGN) {
				if (strcmp(pc->name, c->name) == 0 && !pc->no_inherit)
					return true;
			} else if (t->parent_table && same_list(&pc->columns, &c->columns)) {
				return true;
			}
		}
	return false;
}

static bool from_parent_index(const struct model *m, const struct table *t, const struct index *ix)
{
	if (!t || !t->parent_table)
		return false;
	const struct table *pt = find_table(m, t->parent_schema, t->parent_table);
	for (size_t i = 0; pt && i < pt->indexes.n; i++)
		if (same_index_def(pt->indexes.v[i], ix))
			return true;
	return false;
}

static bool from_parent_trigger(const struct model *m, const struct table *t,
				const struct trigger *tr)
{
	if (!t || !t->parent_table)
		return false;
	const struct table *pt = find_table(m, t->parent_schema, t->parent_table);
	for (size_t i = 0; pt && i < pt->triggers.n; i++) {
		const struct trigger *x = pt->triggers.v[i];
		if (strcmp(x->name, tr->name) == 0 && x->for_each_row)
			return true;
	}
	return false;
}

/* ---- constraints --------------------------------------------------------- */

static bool same_con_def(const struct constraint *a, const struct constraint *b)
{
	return a->kind == b->kind && same_list(&a->columns, &b->columns) &&
	       same_list(&a->include, &b->include) && same_str(a->ref_schema, b->ref_schema) &&
	       same_str(a->ref_table, b->ref_table) &&
	       same_list(&a->ref_columns, &b->ref_columns) &&
	       same_str(a->on_delete, b->on_delete) && same_str(a->on_update, b->on_update) &&
	       same_str(a->match, b->match) && a->deferrable == b->deferrable &&
	       a->initially_deferred == b->initially_deferred &&
	       same_str(a->expression, b->expression) && same_str(a->method, b->method) &&
	       same_str(a->where, b->where) && a->no_inherit == b->no_inherit &&
	       a->nulls_not_distinct == b->nulls_not_distinct && a->not_enforced == b->not_enforced;
}

static char *con_target(const struct table *t, const struct constraint *c)
{
	struct strbuf sb;
	sb_init(&sb);
	quote_sql_ident(&sb, c->name);
	sb_append(&sb, " ON ");
	put_qname(&sb, t->h.schema, t->h.name);
	return sb_steal(&sb);
}

static void add_con(struct planner *p, const struct table *t, const struct constraint *c)
{
	tag(p, PLAN_ADD_CONSTRAINT, t, c, NULL);
	ddl_add_constraint(&p->sb, t, c);
	step(p, c->kind == CON_FOREIGN ? PH_FK : PH_CONSTRAINT, 0);
}

static void drop_con(struct planner *p, const struct table *t, const struct constraint *c)
{
	tag(p, PLAN_DROP_CONSTRAINT, t, c, NULL);
	ddl_drop_constraint(&p->sb, t, c);
	step(p, c->kind == CON_FOREIGN ? PH_DROP_FK : PH_DROP_CONSTRAINT, 0);
}

/*
 * A key of table t goes: the foreign keys that reference t and have no
 * change of their own are dropped before and added again after (they
 * depend on the key's index).
 */
static void redo_referencing_fks(struct planner *p, const struct table *t)
{
	for (size_t i = 0; i < p->from->tables.n; i++) {
		const struct table *ft = p->from->tables.v[i];
		if (!ft->h.included || table_dropped(p, ft))
			continue;
		for (size_t j = 0; j < ft->constraints.n; j++) {
			const struct constraint *fk = ft->constraints.v[j];
			if (fk->kind != CON_FOREIGN || !same_str(fk->ref_schema, t->h.schema) ||
			    !same_str(fk->ref_table, t->h.name))
				continue;
			const char *k = key3(p, ft->h.schema, ft->h.name, fk->name);
			if (strmap_has(p->changed_cons, k) || strmap_has(p->redone_fks, k))
				continue;
			strmap_put(p->redone_fks, k, (void *)1);
			drop_con(p, ft, fk);
			const struct table *tt = find_table(p->to, ft->h.schema, ft->h.name);
			const struct constraint *tfk =
			    tt ? table_find_constraint((struct table *)tt, fk->name) : NULL;
			if (tfk)
				add_con(p, tt, tfk);
		}
	}
}

/* ---- the table's whole contents, when it is created ------------------------ */

static void table_meta(struct planner *p, const struct table *from, const struct table *to)
{
	char *target = qtarget(to->h.schema, to->h.name);
	meta(p, to->kind == TABLE_FOREIGN ? "FOREIGN TABLE" : "TABLE", "TABLE", target,
	     from ? &from->h : NULL, &to->h);
	free(target);
}

static void column_comment(struct planner *p, const struct table *t, const struct column *from,
			   const struct column *to)
{
	struct strbuf sb;
	sb_init(&sb);
	put_qname(&sb, t->h.schema, t->h.name);
	sb_putc(&sb, '.');
	quote_sql_ident(&sb, to->name);
	comment_on(p, "COLUMN", sb.data, from ? from->comment : NULL, to->comment, from == NULL);
	sb_free(&sb);
}

static void index_comment(struct planner *p, const struct index *from, const struct index *to)
{
	char *target = qtarget(to->h.schema, to->h.name);
	comment_on(p, "INDEX", target, from ? from->h.comment : NULL, to->h.comment, from == NULL);
	free(target);
}

static void trigger_comment(struct planner *p, const struct table *t, const struct trigger *from,
			    const struct trigger *to, const char *what)
{
	struct strbuf sb;
	sb_init(&sb);
	quote_sql_ident(&sb, to->name);
	sb_append(&sb, " ON ");
	put_qname(&sb, t->h.schema, t->h.name);
	comment_on(p, what, sb.data, from ? from->comment : NULL, to->comment, from == NULL);
	sb_free(&sb);
}

/* The identity sequence of column c of t, in m (its name and options), or NULL. */
static const struct sequence *identity_sequence(const struct model *m, const struct table *t,
						const struct column *c)
{
	for (size_t i = 0; i < m->sequences.n; i++) {
		const struct sequence *s = m->sequences.v[i];
		if (s->identity && same_str(s->owned_by_schema, t->h.schema) &&
		    same_str(s->owned_by_table, t->h.name) && same_str(s->owned_by_column, c->name))
			return s;
	}
	return NULL;
}

static void create_table(struct planner *p, const struct table *t)
{
	/* identities after, each with its sequence's name and options */
	tag(p, PLAN_CREATE_TABLE, t, t, NULL);
	ddl_create_table_checks(&p->sb, t, DDL_DEFAULTS_ALL, false, NULL, false);
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = t->columns.v[i];
		if (c->identity != IDENTITY_NONE && !c->inherited)
			ddl_add_identity(&p->sb, t, c, identity_sequence(p->to, t, c));
	}
	step(p, PH_TABLE, table_depth(p->to, t, 0));
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = t->columns.v[i];
		if (c->comment)
			column_comment(p, t, NULL, c);
	}
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		if (from_parent_con(p->to, t, c))
			continue;
		add_con(p, t, c);
		if (c->comment) {
			char *target = con_target(t, c);
			comment_on(p, "CONSTRAINT", target, NULL, c->comment, true);
			free(target);
		}
	}
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = t->indexes.v[i];
		if (from_parent_index(p->to, t, ix))
			continue;
		tag(p, PLAN_CREATE_INDEX, t, ix, NULL);
		ddl_create_index(&p->sb, ix);
		step(p, PH_INDEX, 0);
		index_comment(p, NULL, ix);
	}
	for (size_t i = 0; i < t->triggers.n; i++) {
		const struct trigger *tr = t->triggers.v[i];
		if (from_parent_trigger(p->to, t, tr))
			continue;
		ddl_create_trigger(&p->sb, tr);
		step(p, PH_TRIGGER, 0);
		trigger_comment(p, t, NULL, tr, "TRIGGER");
	}
	for (size_t i = 0; i < t->policies.n; i++) {
		const struct policy *po = t->policies.v[i];
		ddl_create_policy(&p->sb, po);
		step(p, PH_POLICY, 0);
		struct strbuf sb;
		sb_init(&sb);
		quote_sql_ident(&sb, po->name);
		sb_append(&sb, " ON ");
		put_qname(&sb, t->h.schema, t->h.name);
		comment_on(p, "POLICY", sb.data, NULL, po->comment, true);
		sb_free(&sb);
	}
	if (t->rls_enabled || t->rls_forced) {
		ddl_table_rls(&p->sb, t);
		step(p, PH_TABLE_ALTER, 0);
	}
	table_meta(p, NULL, t);
}

static void drop_table(struct planner *p, const struct table *t)
{
	/* its policies first: one may name another dropped table */
	for (size_t i = 0; i < t->policies.n; i++) {
		ddl_drop_policy(&p->sb, t->policies.v[i]);
		step(p, PH_DROP_POLICY, 0);
	}
	/* and its foreign keys: another dropped table may be what they reference */
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		if (c->kind == CON_FOREIGN && !from_parent_con(p->from, t, c))
			drop_con(p, t, c);
	}
	tag(p, PLAN_DROP_TABLE, t, t, NULL);
	ddl_drop_table(&p->sb, t);
	step(p, PH_DROP_TABLE, -table_depth(p->from, t, 0));
}

static void put_bound(struct strbuf *sb, const struct table *t)
{
	sb_append(sb, "ALTER TABLE ONLY ");
	put_qname(sb, t->parent_schema, t->parent_table);
}

/* `word` (NO INHERIT, INHERIT) each parent of a (in m) that b does not have. */
static void inherit_changes(struct planner *p, const struct table *a, const struct table *b,
			    const struct model *m, const char *word, int phase, long key)
{
	for (size_t i = 0; i < a->inherits.n; i++) {
		bool both = false;
		for (size_t j = 0; j < b->inherits.n; j++)
			both = both || same_str(a->inherits.v[i], b->inherits.v[j]);
		const struct table *pt = table_by_dotted(m, a->inherits.v[i]);
		if (both || !pt)
			continue;
		sb_append(&p->sb, "ALTER TABLE ONLY ");
		put_qname(&p->sb, a->h.schema, a->h.name);
		sb_append(&p->sb, word);
		put_qname(&p->sb, pt->h.schema, pt->h.name);
		sb_append(&p->sb, ";\n");
		step(p, phase, key);
	}
}

static void alter_table(struct planner *p, const struct change *ch, const struct table *from,
			const struct table *to)
{
	if (act(p, ch) == CHANGE_RENAME) {
		if (same_str(from->h.schema, to->h.schema) && from->kind != TABLE_FOREIGN)
			tag(p, PLAN_RENAME_TABLE, to, to, from);
		sb_append(&p->sb, "ALTER TABLE ");
		put_qname(&p->sb, from->h.schema, from->h.name);
		sb_append(&p->sb, " RENAME TO ");
		quote_sql_ident(&p->sb, to->h.name);
		sb_append(&p->sb, ";\n");
		step(p, PH_RENAME, 0);
	}
	bool same_part = same_str(from->parent_schema, to->parent_schema) &&
			 same_str(from->parent_table, to->parent_table) &&
			 same_str(from->partition_bound, to->partition_bound);
	if (!same_part && from->parent_table) {
		put_bound(&p->sb, from);
		sb_append(&p->sb, " DETACH PARTITION ");
		put_qname(&p->sb, from->h.schema, from->h.name);
		sb_append(&p->sb, ";\n");
		step(p, PH_DETACH, 0);
	}
	if (!same_part && to->parent_table) {
		put_bound(&p->sb, to);
		sb_append(&p->sb, " ATTACH PARTITION ");
		put_qname(&p->sb, to->h.schema, to->h.name);
		sb_printf(&p->sb, " %s;\n", nz(to->partition_bound));
		step(p, PH_ATTACH, 0);
	}
	inherit_changes(p, from, to, p->from, " NO INHERIT ", PH_DETACH, 0);
	inherit_changes(p, to, from, p->to, " INHERIT ", PH_ATTACH, 1);
	if (from->rls_enabled != to->rls_enabled || from->rls_forced != to->rls_forced) {
		ddl_table_rls(&p->sb, to);
		step(p, PH_TABLE_ALTER, 0);
	}
	if (from->unlogged != to->unlogged) {
		sb_append(&p->sb, "ALTER TABLE ");
		put_qname(&p->sb, to->h.schema, to->h.name);
		sb_append(&p->sb, to->unlogged ? " SET UNLOGGED;\n" : " SET LOGGED;\n");
		step(p, PH_TABLE_ALTER, 0);
	}
	table_meta(p, from, to);
}

/* ---- columns --------------------------------------------------------------- */

static bool type_in(const char *t, const char *const *set)
{
	for (; *set; set++) {
		size_t n = strlen(*set);
		if (strncmp(t, *set, n) == 0 && (t[n] == '\0' || t[n] == '('))
			return true;
	}
	return false;
}

/* Does ALTER COLUMN TYPE need USING: is there no assignment cast from `from` to `to`? */
static bool needs_using(const char *from, const char *to)
{
	static const char *const numeric[] = {"smallint",	  "integer", "bigint", "real",
					      "double precision", "numeric", NULL};
	static const char *const text[] = {
	    "text",   "character varying", "character", "\"char\"", "name",
	    "bpchar", "varchar",	   NULL};
	static const char *const times[] = {"timestamp without time zone",
					    "timestamp with time zone", "date", NULL};
	static const char *const clock[] = {"time without time zone", "time with time zone",
					    "interval", NULL};
	static const char *const bits[] = {"bit", "bit varying", NULL};
	if (strchr(from, '[') || strchr(to, '['))
		return strcmp(from, to) != 0 && !(type_in(from, text) && type_in(to, text));
	if (type_in(to, text))
		return false; /* every type has an assignment cast to the string types */
	const char *const *fam[] = {numeric, times, clock, bits, NULL};
	for (size_t i = 0; fam[i]; i++)
		if (type_in(from, fam[i]) && type_in(to, fam[i]))
			return false;
	return strcmp(from, to) != 0 && !(type_in(from, text) && type_in(to, text));
}

static bool column_type_changes(const struct column *a, const struct column *b)
{
	return !same_str(a->type, b->type) || !same_str(a->collation, b->collation);
}

static void alter_column(struct planner *p, const struct table *t, const struct column *from,
			 const struct column *to)
{
	bool type = column_type_changes(from, to);
	bool inherited = from->inherited && to->inherited;
	if (!same_str(from->generated, to->generated)) {
		/* PostgreSQL 15 cannot change a generation expression: the column is made again */
		ddl_drop_column(&p->sb, t, from);
		ddl_add_column(&p->sb, t, to);
		step(p, PH_COLUMN, 2);
		column_comment(p, t, NULL, to);
		return;
	}
	bool deflt = !same_str(from->default_expr, to->default_expr);
	bool default_dropped = false;
	if (from->default_expr && (type || deflt || to->identity != IDENTITY_NONE)) {
		struct column tmp = *from;
		tmp.default_expr = NULL;
		tmp.name = to->name;
		tag(p, PLAN_DROP_DEFAULT, t, to, from);
		ddl_alter_column_default(&p->sb, t, &tmp);
		step(p, PH_COLUMN, 0);
		default_dropped = true;
	}
	if (from->identity != IDENTITY_NONE && to->identity == IDENTITY_NONE) {
		ddl_alter_column_identity(&p->sb, t, to, from->identity);
		step(p, PH_COLUMN, 1);
	}
	if (type && !inherited) {
		char *using = NULL;
		if (needs_using(from->type, to->type)) {
			struct strbuf u;
			sb_init(&u);
			quote_sql_ident(&u, to->name);
			sb_printf(&u, "::%s", to->type);
			using = sb_steal(&u);
		}
		tag(p, PLAN_COLUMN_TYPE, t, to, from);
		p->tag.using = using ? xstrdup(using) : NULL;
		ddl_alter_column_type(&p->sb, t, to, using);
		free(using);
		step(p, PH_COLUMN, 3);
	}
	if (from->not_null != to->not_null) {
		tag(p, PLAN_NOT_NULL, t, to, from);
		ddl_alter_column_not_null(&p->sb, t, to);
		step(p, PH_COLUMN, 4);
	}
	if (to->identity != IDENTITY_NONE && to->identity != from->identity) {
		if (from->identity == IDENTITY_NONE)
			ddl_add_identity(&p->sb, t, to, identity_sequence(p->to, t, to));
		else
			ddl_alter_column_identity(&p->sb, t, to, from->identity);
		step(p, PH_COLUMN, 5);
	}
	if (to->default_expr && (deflt || default_dropped)) {
		tag(p, PLAN_SET_DEFAULT, t, to, from);
		ddl_alter_column_default(&p->sb, t, to);
		step(p, PH_COLUMN, 6);
	}
	column_comment(p, t, from, to);
}

static void plan_column(struct planner *p, const struct change *ch)
{
	const struct table *ft = from_table(p, ch), *tt = to_table(p, ch);
	const struct column *from = from_obj(p, ch), *to = to_obj(p, ch);
	if (table_added(p, tt) || table_dropped(p, ft))
		return;
	switch (act(p, ch)) {
	case CHANGE_ADD: {
		if (to->inherited)
			return;
		/* in the table's order; one that comes before a kept column lands after it */
		size_t pos = 0;
		while (pos < tt->columns.n && tt->columns.v[pos] != to)
			pos++;
		for (size_t i = pos + 1; ft && i < tt->columns.n; i++) {
			const struct column *later = tt->columns.v[i];
			if (later->inherited || !table_find_column((struct table *)ft, later->name))
				continue;
			sb_append(&p->sb, "-- column order: ADD COLUMN puts ");
			struct strbuf n;
			sb_init(&n);
			quote_sql_ident(&n, to->name);
			sb_append(&n, " after ");
			quote_sql_ident(&n, later->name);
			put_comment_text(&p->sb, n.data);
			sb_free(&n);
			sb_append(&p->sb, " (PostgreSQL cannot move a column)\n");
			break;
		}
		tag(p, PLAN_ADD_COLUMN, tt, to, NULL);
		ddl_add_column(&p->sb, tt, to);
		step(p, PH_COLUMN, 1000 + (long)pos);
		column_comment(p, tt, NULL, to);
		break;
	}
	case CHANGE_DROP:
		if (from->inherited)
			return;
		tag(p, PLAN_DROP_COLUMN, ft, from, NULL);
		ddl_drop_column(&p->sb, ft, from);
		step(p, PH_DROP_COLUMN, 0);
		break;
	case CHANGE_RENAME:
		tag(p, PLAN_RENAME_COLUMN, tt, to, from);
		sb_append(&p->sb, "ALTER TABLE ");
		put_qname(&p->sb, tt->h.schema, tt->h.name);
		sb_append(&p->sb, " RENAME COLUMN ");
		quote_sql_ident(&p->sb, from->name);
		sb_append(&p->sb, " TO ");
		quote_sql_ident(&p->sb, to->name);
		sb_append(&p->sb, ";\n");
		step(p, PH_RENAME, 1);
		alter_column(p, tt, from, to);
		break;
	case CHANGE_ALTER:
		alter_column(p, tt, from, to);
		break;
	}
}

/* ---- sequences ------------------------------------------------------------ */

static bool same_seq_options(const struct sequence *a, const struct sequence *b)
{
	return same_str(a->data_type, b->data_type) && a->has_start == b->has_start &&
	       a->start == b->start && a->has_increment == b->has_increment &&
	       a->increment == b->increment && a->has_min == b->has_min &&
	       a->min_value == b->min_value && a->has_max == b->has_max &&
	       a->max_value == b->max_value && a->has_cache == b->has_cache &&
	       a->cache == b->cache && a->cycle == b->cycle;
}

static void alter_sequence(struct planner *p, const struct sequence *s)
{
	sb_append(&p->sb, "ALTER SEQUENCE ");
	put_qname(&p->sb, s->h.schema, s->h.name);
	sb_printf(&p->sb, "\n    AS %s", s->data_type ? s->data_type : "bigint");
	sb_printf(&p->sb, "\n    INCREMENT BY %lld", s->has_increment ? s->increment : 1LL);
	if (s->has_min)
		sb_printf(&p->sb, "\n    MINVALUE %lld", s->min_value);
	else
		sb_append(&p->sb, "\n    NO MINVALUE");
	if (s->has_max)
		sb_printf(&p->sb, "\n    MAXVALUE %lld", s->max_value);
	else
		sb_append(&p->sb, "\n    NO MAXVALUE");
	if (s->has_start)
		sb_printf(&p->sb, "\n    START WITH %lld", s->start);
	else if (s->has_increment && s->increment < 0)
		sb_append(&p->sb, "\n    START WITH -1");
	else
		sb_append(&p->sb, "\n    START WITH 1");
	sb_printf(&p->sb, "\n    CACHE %lld", s->has_cache ? s->cache : 1LL);
	sb_append(&p->sb, s->cycle ? "\n    CYCLE;\n" : "\n    NO CYCLE;\n");
}

/* Does dropping the from side's tables or columns drop s with them (OWNED BY)? */
static bool goes_with_owner(struct planner *p, const struct sequence *s)
{
	if (!s->owned_by_table)
		return false;
	const struct table *ft = find_table(p->from, s->owned_by_schema, s->owned_by_table);
	if (!ft || table_dropped(p, ft))
		return true;
	const struct table *tt = find_table(p->to, s->owned_by_schema, s->owned_by_table);
	return !tt || !table_find_column((struct table *)tt, s->owned_by_column);
}

/* A sequence's comment and grants; its owner too unless OWNED BY (it follows its table's). */
static void meta_seq(struct planner *p, const char *target, const struct sequence *from,
		     const struct sequence *to)
{
	struct objhdr h = to->h;
	if (to->owned_by_table)
		h.owner = from ? from->h.owner : NULL;
	meta(p, "SEQUENCE", "SEQUENCE", target, from ? &from->h : NULL, &h);
}

static void plan_sequence(struct planner *p, const struct change *ch)
{
	const struct sequence *from = from_obj(p, ch), *to = to_obj(p, ch);
	if ((from && from->identity) || (to && to->identity))
		return; /* made and dropped with its identity column */
	char *target = qtarget(to ? to->h.schema : from->h.schema, to ? to->h.name : from->h.name);
	switch (act(p, ch)) {
	case CHANGE_ADD:
		ddl_create_sequence(&p->sb, to);
		step(p, PH_SEQUENCE, 0);
		if (to->owned_by_table) {
			ddl_sequence_owned_by(&p->sb, to);
			step(p, PH_OWNED_BY, 0);
		}
		meta_seq(p, target, NULL, to);
		break;
	case CHANGE_DROP:
		if (!goes_with_owner(p, from)) {
			ddl_drop_sequence(&p->sb, from);
			step(p, PH_DROP_SEQUENCE, 0);
		}
		break;
	case CHANGE_RENAME:
	case CHANGE_ALTER:
		if (!same_seq_options(from, to)) {
			alter_sequence(p, to);
			step(p, PH_SEQUENCE, 0);
		}
		if (!same_str(from->owned_by_schema, to->owned_by_schema) ||
		    !same_str(from->owned_by_table, to->owned_by_table) ||
		    !same_str(from->owned_by_column, to->owned_by_column)) {
			if (from->owned_by_table) {
				sb_printf(&p->sb, "ALTER SEQUENCE %s OWNED BY NONE;\n", target);
				step(p, PH_DETACH, 0);
			}
			if (to->owned_by_table) {
				ddl_sequence_owned_by(&p->sb, to);
				step(p, PH_OWNED_BY, 0);
			}
		}
		meta_seq(p, target, from, to);
		break;
	}
	free(target);
}

/* ---- types ----------------------------------------------------------------- */

static long type_depth(const struct pgtype *t)
{
	switch (t->kind) {
	case TYPE_ENUM:
		return 0;
	case TYPE_BASE:
	case TYPE_RANGE:
		return 1;
	case TYPE_DOMAIN:
		return 2;
	case TYPE_COMPOSITE:
		return 3;
	}
	return 0;
}

static const char *type_what(const struct pgtype *t)
{
	return t->kind == TYPE_DOMAIN ? "DOMAIN" : "TYPE";
}

/* Are to's labels from's with some added, in the same order? */
static bool labels_only_added(const struct pgtype *from, const struct pgtype *to)
{
	size_t j = 0;
	for (size_t i = 0; i < to->labels.n && j < from->labels.n; i++)
		if (strcmp(to->labels.v[i], from->labels.v[j]) == 0)
			j++;
	return j == from->labels.n;
}

static bool has_label(const struct pgtype *t, const char *l)
{
	for (size_t i = 0; i < t->labels.n; i++)
		if (strcmp(t->labels.v[i], l) == 0)
			return true;
	return false;
}

static void add_enum_values(struct planner *p, const struct pgtype *from, const struct pgtype *to)
{
	for (size_t i = 0; i < to->labels.n; i++) {
		const char *l = to->labels.v[i];
		if (has_label(from, l))
			continue;
		if (i > 0)
			ddl_add_enum_value(&p->sb, to, l, to->labels.v[i - 1], false);
		else if (from->labels.n > 0)
			ddl_add_enum_value(&p->sb, to, l, from->labels.v[0], true);
		else
			ddl_add_enum_value(&p->sb, to, l, NULL, false);
		step(p, PH_ENUM_ADD, 0);
	}
}

/* The type's name with a suffix, within PostgreSQL's 63 bytes (cut at a character's start). */
static char *aside_name(const char *name)
{
	static const char suffix[] = "_pgb_old";
	size_t n = strlen(name), room = 63 - (sizeof(suffix) - 1);
	if (n > room) {
		n = room;
		while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
			n--;
	}
	struct strbuf sb;
	sb_init(&sb);
	sb_append_len(&sb, name, n);
	sb_append(&sb, suffix);
	return sb_steal(&sb);
}

/*
 * An enum that loses or reorders values is made again: the old type is
 * renamed aside, the new one created under its name, each column of it
 * moved over through text, and the old one dropped.  Views that use those
 * columns and functions that take or return the type are made again around it.
 */
static void recreate_enum(struct planner *p, const struct pgtype *from, const struct pgtype *to)
{
	char *q = qtarget(from->h.schema, from->h.name);
	size_t ql = strlen(q);
	char *aside = aside_name(from->h.name);
	for (size_t i = 0; i < p->from->functions.n; i++) {
		const struct function *f = p->from->functions.v[i];
		if (!f->h.included || (!strstr(nz(f->arguments), q) && !strstr(nz(f->returns), q)))
			continue;
		ddl_drop_function(&p->sb, f);
		step(p, PH_DROP_FUNCTION_EARLY, 0);
		const struct function *tf = model_find_function((struct model *)p->to, f->h.schema,
								f->h.name, f->arguments);
		if (tf) {
			if (ddl_create_function(&p->sb, tf))
				step(p, PH_FUNCTION, 0);
			else
				cannot(p, PH_FUNCTION, "function", tf->h.schema, tf->signature);
		}
	}
	sb_printf(&p->sb, "ALTER TYPE %s RENAME TO ", q);
	quote_sql_ident(&p->sb, aside);
	sb_append(&p->sb, ";\n");
	ddl_create_type(&p->sb, to);
	step(p, PH_TYPE_ALTER, 0);
	for (size_t i = 0; i < p->from->tables.n; i++) {
		const struct table *ft = p->from->tables.v[i];
		if (!ft->h.included || table_dropped(p, ft))
			continue;
		const struct table *tt = find_table(p->to, ft->h.schema, ft->h.name);
		for (size_t j = 0; tt && j < ft->columns.n; j++) {
			const struct column *fc = ft->columns.v[j];
			bool array =
			    strncmp(fc->type, q, ql) == 0 && strcmp(fc->type + ql, "[]") == 0;
			if (fc->inherited || (strcmp(fc->type, q) != 0 && !array))
				continue;
			const struct column *tc = table_find_column((struct table *)tt, fc->name);
			if (!tc || strcmp(tc->type, fc->type) != 0)
				continue;
			recreate_users(p, ft->h.name, fc->name);
			if (fc->default_expr) {
				struct column tmp = *fc;
				tmp.default_expr = NULL;
				ddl_alter_column_default(&p->sb, tt, &tmp);
			}
			struct strbuf u;
			sb_init(&u);
			quote_sql_ident(&u, fc->name);
			sb_printf(&u, "::text%s::%s", array ? "[]" : "", tc->type);
			ddl_alter_column_type(&p->sb, tt, tc, u.data);
			sb_free(&u);
			if (tc->default_expr)
				ddl_alter_column_default(&p->sb, tt, tc);
			step(p, PH_TYPE_ALTER, 1);
		}
	}
	recreate_users(p, from->h.name, NULL);
	sb_append(&p->sb, "DROP TYPE ");
	put_qname(&p->sb, from->h.schema, aside);
	sb_append(&p->sb, ";\n");
	step(p, PH_TYPE_ALTER, 2);
	free(aside);
	free(q);
}

static bool same_domain_check(const struct domain_check *a, const struct domain_check *b)
{
	return same_str(a->expression, b->expression) && a->valid == b->valid;
}

static const struct domain_check *find_check(const struct pgtype *t, const char *name)
{
	for (size_t i = 0; i < t->checks.n; i++) {
		const struct domain_check *d = t->checks.v[i];
		if (same_str(d->name, name))
			return d;
	}
	return NULL;
}

static void alter_domain(struct planner *p, const char *q, const struct pgtype *from,
			 const struct pgtype *to)
{
	if (!same_str(from->default_expr, to->default_expr)) {
		if (to->default_expr)
			sb_printf(&p->sb, "ALTER DOMAIN %s SET DEFAULT %s;\n", q, to->default_expr);
		else
			sb_printf(&p->sb, "ALTER DOMAIN %s DROP DEFAULT;\n", q);
	}
	if (from->not_null != to->not_null)
		sb_printf(&p->sb, "ALTER DOMAIN %s %s NOT NULL;\n", q,
			  to->not_null ? "SET" : "DROP");
	for (size_t i = 0; i < from->checks.n; i++) {
		const struct domain_check *d = from->checks.v[i];
		const struct domain_check *n = find_check(to, d->name);
		if (n && same_domain_check(d, n))
			continue;
		sb_printf(&p->sb, "ALTER DOMAIN %s DROP CONSTRAINT ", q);
		quote_sql_ident(&p->sb, d->name);
		sb_append(&p->sb, ";\n");
	}
	for (size_t i = 0; i < to->checks.n; i++) {
		const struct domain_check *d = to->checks.v[i];
		const struct domain_check *o = find_check(from, d->name);
		if (o && same_domain_check(d, o))
			continue;
		sb_printf(&p->sb, "ALTER DOMAIN %s ADD CONSTRAINT ", q);
		quote_sql_ident(&p->sb, d->name);
		sb_printf(&p->sb, " CHECK (%s)%s;\n", d->expression, d->valid ? "" : " NOT VALID");
	}
	step(p, PH_TYPE_ALTER, 0);
}

static const struct type_attr *find_attr(const struct pgtype *t, const char *name)
{
	for (size_t i = 0; i < t->attributes.n; i++) {
		const struct type_attr *a = t->attributes.v[i];
		if (strcmp(a->name, name) == 0)
			return a;
	}
	return NULL;
}

static void alter_composite(struct planner *p, const char *q, const struct pgtype *from,
			    const struct pgtype *to)
{
	for (size_t i = 0; i < from->attributes.n; i++) {
		const struct type_attr *a = from->attributes.v[i];
		if (find_attr(to, a->name))
			continue;
		sb_printf(&p->sb, "ALTER TYPE %s DROP ATTRIBUTE ", q);
		quote_sql_ident(&p->sb, a->name);
		sb_append(&p->sb, ";\n");
	}
	for (size_t i = 0; i < to->attributes.n; i++) {
		const struct type_attr *a = to->attributes.v[i];
		const struct type_attr *o = find_attr(from, a->name);
		if (o && same_str(o->type, a->type) && same_str(o->collation, a->collation))
			continue;
		sb_printf(&p->sb, "ALTER TYPE %s %s ATTRIBUTE ", q, o ? "ALTER" : "ADD");
		quote_sql_ident(&p->sb, a->name);
		sb_printf(&p->sb, "%s %s", o ? " TYPE" : "", a->type);
		if (a->collation)
			sb_printf(&p->sb, " COLLATE %s", a->collation);
		sb_append(&p->sb, ";\n");
	}
	step(p, PH_TYPE_ALTER, 0);
}

static void plan_type(struct planner *p, const struct change *ch)
{
	const struct pgtype *from = from_obj(p, ch), *to = to_obj(p, ch);
	const struct pgtype *any = to ? to : from;
	char *q = qtarget(any->h.schema, any->h.name);
	switch (act(p, ch)) {
	case CHANGE_ADD:
		if (ddl_create_type(&p->sb, to))
			step(p, PH_TYPE, type_depth(to));
		else
			cannot(p, PH_TYPE, "type", to->h.schema, to->h.name);
		meta(p, type_what(to), "TYPE", q, NULL, &to->h);
		break;
	case CHANGE_DROP:
		ddl_drop_type(&p->sb, from);
		step(p, PH_DROP_TYPE, -type_depth(from));
		break;
	case CHANGE_RENAME:
	case CHANGE_ALTER:
		if (from->kind != to->kind ||
		    (to->kind == TYPE_DOMAIN && (!same_str(from->base_type, to->base_type) ||
						 !same_str(from->collation, to->collation))) ||
		    (to->kind == TYPE_RANGE && !same_str(from->subtype, to->subtype))) {
			ddl_drop_type(&p->sb, from);
			step(p, PH_DROP_FUNCTION_EARLY, 0);
			if (ddl_create_type(&p->sb, to))
				step(p, PH_TYPE, type_depth(to));
			meta(p, type_what(to), "TYPE", q, NULL, &to->h);
			break;
		}
		if (to->kind == TYPE_ENUM && !same_list(&from->labels, &to->labels)) {
			if (labels_only_added(from, to))
				add_enum_values(p, from, to);
			else
				recreate_enum(p, from, to);
		} else if (to->kind == TYPE_DOMAIN) {
			alter_domain(p, q, from, to);
		} else if (to->kind == TYPE_COMPOSITE) {
			alter_composite(p, q, from, to);
		}
		meta(p, type_what(to), "TYPE", q, &from->h, &to->h);
		break;
	}
	free(q);
}

/* ---- functions ------------------------------------------------------------- */

static const char *func_what(const struct function *f)
{
	return f->kind == FUNC_PROCEDURE   ? "PROCEDURE"
	       : f->kind == FUNC_AGGREGATE ? "AGGREGATE"
					   : "FUNCTION";
}

static char *func_target(const struct function *f)
{
	struct strbuf sb;
	sb_init(&sb);
	put_qname(&sb, f->h.schema, f->h.name);
	sb_printf(&sb, "(%s)", nz(f->arguments));
	return sb_steal(&sb);
}

static bool only_meta_fields(const struct change *ch)
{
	for (size_t i = 0; i < ch->fields.n; i++) {
		const struct change_field *f = ch->fields.v[i];
		if (strcmp(f->field, "comment") != 0 && strcmp(f->field, "grants") != 0 &&
		    strcmp(f->field, "owner") != 0 && strcmp(f->field, "acl") != 0)
			return false;
	}
	return true;
}

static struct strmap *relations_of(const struct model *m)
{
	struct strmap *r = strmap_new();
	const struct ptrvec *lists[] = {&m->tables, &m->views};
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			const struct objhdr *h =
			    lists[l]->v[i]; /* struct table and view start so */
			char *q = qtarget(h->schema, h->name);
			strmap_put(r, q, (void *)1);
			free(q);
		}
	return r;
}

/* Does one of the names in text (a function's argument types or result) name a relation of r? */
static bool names_relation(const struct strmap *r, const char *text)
{
	struct strbuf w;
	sb_init(&w);
	bool found = false;
	const char *s = text ? text : "";
	while (*s && !found) {
		while (*s == ' ' || *s == ',' || *s == '(' || *s == ')')
			s++;
		sb_reset(&w);
		bool quoted = false;
		for (; *s && (quoted || (*s != ' ' && *s != ',' && *s != '(' && *s != ')')); s++) {
			if (*s == '"')
				quoted = !quoted;
			sb_putc(&w, *s);
		}
		while (w.len >= 2 && strcmp(w.data + w.len - 2, "[]") == 0)
			w.data[w.len -= 2] = '\0';
		found = w.len > 0 && strmap_has(r, w.data);
	}
	sb_free(&w);
	return found;
}

/* f takes or returns a row type of the side's tables or views: made after them, dropped before. */
static bool uses_rowtype(struct planner *p, const struct function *f, bool to_side)
{
	struct strmap **r = to_side ? &p->rels_to : &p->rels_from;
	if (!*r)
		*r = relations_of(to_side ? p->to : p->from);
	return names_relation(*r, f->arguments) || names_relation(*r, f->returns);
}

static bool create_function(struct planner *p, const struct function *f, bool replace)
{
	if (!ddl_create_function(&p->sb, f)) {
		cannot(p, PH_FUNCTION, func_what(f), f->h.schema, f->signature);
		return false;
	}
	if (replace && strncmp(p->sb.data, "CREATE ", 7) == 0 &&
	    strncmp(p->sb.data, "CREATE OR REPLACE ", 18) != 0) {
		char *rest = xstrdup(p->sb.data + 7);
		sb_reset(&p->sb);
		sb_append(&p->sb, "CREATE OR REPLACE ");
		sb_append(&p->sb, rest);
		free(rest);
	}
	step(p, uses_rowtype(p, f, true) ? PH_FUNCTION_ROWTYPE : PH_FUNCTION,
	     f->kind == FUNC_AGGREGATE ? 1 : 0);
	return true;
}

static void plan_function(struct planner *p, const struct change *ch)
{
	const struct function *from = from_obj(p, ch), *to = to_obj(p, ch);
	switch (act(p, ch)) {
	case CHANGE_ADD: {
		create_function(p, to, false);
		char *t = func_target(to);
		meta(p, func_what(to), func_what(to), t, NULL, &to->h);
		free(t);
		break;
	}
	case CHANGE_DROP:
		ddl_drop_function(&p->sb, from);
		step(p, uses_rowtype(p, from, false) ? PH_DROP_FUNCTION_ROWTYPE : PH_DROP_FUNCTION,
		     from->kind == FUNC_AGGREGATE ? -1 : 0);
		break;
	case CHANGE_RENAME:
	case CHANGE_ALTER: {
		char *t = func_target(to);
		if (only_meta_fields(ch)) {
			meta(p, func_what(to), func_what(to), t, &from->h, &to->h);
		} else if (same_str(from->returns, to->returns) && from->kind == to->kind) {
			create_function(p, to, true);
			meta(p, func_what(to), func_what(to), t, &from->h, &to->h);
		} else {
			/* another result: dropped and created again, with the views that call it */
			ddl_drop_function(&p->sb, from);
			step(p, PH_DROP_FUNCTION_EARLY, 0);
			recreate_users(p, from->h.name, NULL);
			create_function(p, to, false);
			meta(p, func_what(to), func_what(to), t, NULL, &to->h);
		}
		free(t);
		break;
	}
	}
}

/* ---- indexes, triggers, policies ------------------------------------------ */

static bool index_on_view(struct planner *p, const struct index *ix, const struct vside *vs,
			  bool create)
{
	struct vinfo *vi = strmap_get(vs->by_key, key2(p, ix->h.schema, ix->table));
	return vi && (create ? vi->create : vi->drop);
}

static void plan_index(struct planner *p, const struct change *ch)
{
	const struct index *from = from_obj(p, ch), *to = to_obj(p, ch);
	const struct table *ft = from_table(p, ch), *tt = to_table(p, ch);
	if ((from && from->constraint) || (to && to->constraint))
		return; /* made with its constraint */
	if (table_added(p, tt) || table_dropped(p, ft))
		return;
	bool drop_it = from && !index_on_view(p, from, &p->vfrom, false) &&
		       !from_parent_index(p->from, ft, from);
	bool make_it =
	    to && !index_on_view(p, to, &p->vto, true) && !from_parent_index(p->to, tt, to);
	switch (act(p, ch)) {
	case CHANGE_ADD:
		if (make_it) {
			tag(p, PLAN_CREATE_INDEX, tt, to, NULL);
			ddl_create_index(&p->sb, to);
			step(p, PH_INDEX, 0);
			index_comment(p, NULL, to);
		}
		break;
	case CHANGE_DROP:
		if (drop_it) {
			tag(p, PLAN_DROP_INDEX, ft, from, NULL);
			ddl_drop_index(&p->sb, from);
			step(p, PH_DROP_INDEX, 0);
		}
		break;
	case CHANGE_RENAME:
	case CHANGE_ALTER:
		if (same_index_def(from, to)) {
			if (make_it)
				index_comment(p, from, to);
			break;
		}
		if (drop_it) {
			tag(p, PLAN_DROP_INDEX, ft, from, NULL);
			ddl_drop_index(&p->sb, from);
			step(p, PH_DROP_INDEX, 0);
		}
		if (make_it) {
			tag(p, PLAN_CREATE_INDEX, tt, to, NULL);
			ddl_create_index(&p->sb, to);
			step(p, PH_INDEX, 0);
			index_comment(p, NULL, to);
		}
		break;
	}
}

static bool same_trigger(const struct trigger *a, const struct trigger *b)
{
	return same_str(a->timing, b->timing) && same_str(a->events, b->events) &&
	       a->for_each_row == b->for_each_row && same_str(a->function, b->function) &&
	       same_str(a->when, b->when) && a->constraint_trigger == b->constraint_trigger;
}

static void plan_trigger(struct planner *p, const struct change *ch)
{
	const struct trigger *from = from_obj(p, ch), *to = to_obj(p, ch);
	const struct table *ft = from_table(p, ch), *tt = to_table(p, ch);
	if (table_added(p, tt) || table_dropped(p, ft))
		return;
	if ((from && from_parent_trigger(p->from, ft, from)) ||
	    (to && from_parent_trigger(p->to, tt, to)))
		return;
	enum change_action a = act(p, ch);
	if (a != CHANGE_ADD && (a == CHANGE_DROP || !same_trigger(from, to))) {
		ddl_drop_trigger(&p->sb, from);
		step(p, PH_DROP_TRIGGER, 0);
	}
	if (a == CHANGE_DROP)
		return;
	if (a == CHANGE_ADD || !same_trigger(from, to)) {
		ddl_create_trigger(&p->sb, to);
		step(p, PH_TRIGGER, 0);
		trigger_comment(p, tt, NULL, to, "TRIGGER");
	} else {
		trigger_comment(p, tt, from, to, "TRIGGER");
	}
}

static bool same_policy(const struct policy *a, const struct policy *b)
{
	return same_str(a->command, b->command) && a->permissive == b->permissive &&
	       same_list(&a->roles, &b->roles) && same_str(a->using_expr, b->using_expr) &&
	       same_str(a->check_expr, b->check_expr);
}

static void policy_comment(struct planner *p, const struct table *t, const struct policy *from,
			   const struct policy *to)
{
	struct strbuf sb;
	sb_init(&sb);
	quote_sql_ident(&sb, to->name);
	sb_append(&sb, " ON ");
	put_qname(&sb, t->h.schema, t->h.name);
	comment_on(p, "POLICY", sb.data, from ? from->comment : NULL, to->comment, from == NULL);
	sb_free(&sb);
}

static void plan_policy(struct planner *p, const struct change *ch)
{
	const struct policy *from = from_obj(p, ch), *to = to_obj(p, ch);
	const struct table *ft = from_table(p, ch), *tt = to_table(p, ch);
	if (table_added(p, tt) || table_dropped(p, ft))
		return;
	enum change_action a = act(p, ch);
	if (a != CHANGE_ADD && (a == CHANGE_DROP || !same_policy(from, to))) {
		ddl_drop_policy(&p->sb, from);
		step(p, PH_DROP_POLICY, 0);
	}
	if (a == CHANGE_DROP)
		return;
	if (a == CHANGE_ADD || !same_policy(from, to)) {
		ddl_create_policy(&p->sb, to);
		step(p, PH_POLICY, 0);
		policy_comment(p, tt, NULL, to);
	} else {
		policy_comment(p, tt, from, to);
	}
}

static void plan_constraint(struct planner *p, const struct change *ch)
{
	const struct constraint *from = from_obj(p, ch), *to = to_obj(p, ch);
	const struct table *ft = from_table(p, ch), *tt = to_table(p, ch);
	if (table_added(p, tt) || table_dropped(p, ft))
		return;
	if ((from && from_parent_con(p->from, ft, from)) || (to && from_parent_con(p->to, tt, to)))
		return;
	enum change_action a = act(p, ch);
	bool redefine = a == CHANGE_ALTER && !same_con_def(from, to);
	bool validate = a == CHANGE_ALTER && !redefine && !from->valid && to->valid;
	if (a == CHANGE_ALTER && !redefine && from->valid && !to->valid)
		redefine = true; /* valid to NOT VALID: only made again */
	if (a == CHANGE_DROP || redefine) {
		drop_con(p, ft, from);
		if (from->kind == CON_PRIMARY || from->kind == CON_UNIQUE)
			redo_referencing_fks(p, ft);
	}
	if (a == CHANGE_ADD || redefine)
		add_con(p, tt, to);
	if (validate) {
		sb_append(&p->sb, "ALTER TABLE ");
		put_qname(&p->sb, tt->h.schema, tt->h.name);
		sb_append(&p->sb, " VALIDATE CONSTRAINT ");
		quote_sql_ident(&p->sb, to->name);
		sb_append(&p->sb, ";\n");
		step(p, to->kind == CON_FOREIGN ? PH_FK : PH_CONSTRAINT, 1);
	}
	if (a != CHANGE_DROP) {
		char *target = con_target(tt, to);
		comment_on(p, "CONSTRAINT", target,
			   a == CHANGE_ADD || redefine ? NULL : from->comment, to->comment,
			   a == CHANGE_ADD || redefine);
		free(target);
	}
}

/* ---- the other kinds --------------------------------------------------------- */

static void plan_schema(struct planner *p, const struct change *ch)
{
	const struct schema *from = from_obj(p, ch), *to = to_obj(p, ch);
	switch (act(p, ch)) {
	case CHANGE_ADD: {
		ddl_create_schema(&p->sb, to);
		step(p, PH_SCHEMA, 0);
		char *t = qtarget(NULL, to->h.name);
		meta(p, "SCHEMA", "SCHEMA", t, NULL, &to->h);
		free(t);
		break;
	}
	case CHANGE_DROP:
		ddl_drop_schema(&p->sb, from);
		step(p, PH_DROP_SCHEMA, 0);
		break;
	default: {
		char *t = qtarget(NULL, to->h.name);
		if (!same_str(from->h.name, to->h.name)) {
			sb_append(&p->sb, "ALTER SCHEMA ");
			quote_sql_ident(&p->sb, from->h.name);
			sb_printf(&p->sb, " RENAME TO %s;\n", t);
			step(p, PH_RENAME, 0);
		}
		meta(p, "SCHEMA", "SCHEMA", t, &from->h, &to->h);
		free(t);
		break;
	}
	}
}

static void plan_extension(struct planner *p, const struct change *ch)
{
	const struct extension *from = from_obj(p, ch), *to = to_obj(p, ch);
	switch (act(p, ch)) {
	case CHANGE_ADD: {
		ddl_create_extension(&p->sb, to);
		step(p, PH_EXTENSION, 0);
		char *t = qtarget(NULL, to->h.name);
		comment_on(p, "EXTENSION", t, NULL, to->h.comment, true);
		free(t);
		break;
	}
	case CHANGE_DROP:
		ddl_drop_extension(&p->sb, from);
		step(p, PH_DROP_EXTENSION, 0);
		break;
	default: {
		char *t = qtarget(NULL, to->h.name);
		if (to->h.schema && !same_str(from->h.schema, to->h.schema)) {
			sb_printf(&p->sb, "ALTER EXTENSION %s SET SCHEMA ", t);
			quote_sql_ident(&p->sb, to->h.schema);
			sb_append(&p->sb, ";\n");
			step(p, PH_EXTENSION, 0);
		}
		if (to->version && !same_str(from->version, to->version)) {
			sb_printf(&p->sb, "ALTER EXTENSION %s UPDATE TO ", t);
			quote_sql_literal(&p->sb, to->version);
			sb_append(&p->sb, ";\n");
			step(p, PH_EXTENSION, 0);
		}
		comment_on(p, "EXTENSION", t, from->h.comment, to->h.comment, false);
		free(t);
		break;
	}
	}
}

static bool late_object(enum object_kind k)
{
	return k == OBJ_RULE || k == OBJ_STATISTICS || k == OBJ_EVENT_TRIGGER ||
	       k == OBJ_PUBLICATION || k == OBJ_SUBSCRIPTION;
}

/* The order other objects are created in (dropped in reverse): what they are made of first. */
static long object_rank(enum object_kind k)
{
	static const enum object_kind order[] = {OBJ_LANGUAGE,
						 OBJ_ACCESS_METHOD,
						 OBJ_COLLATION,
						 OBJ_CONVERSION,
						 OBJ_FOREIGN_DATA_WRAPPER,
						 OBJ_SERVER,
						 OBJ_USER_MAPPING,
						 OBJ_TS_PARSER,
						 OBJ_TS_TEMPLATE,
						 OBJ_TS_DICTIONARY,
						 OBJ_TS_CONFIGURATION,
						 OBJ_OPERATOR,
						 OBJ_OPERATOR_FAMILY,
						 OBJ_OPERATOR_CLASS,
						 OBJ_CAST,
						 OBJ_TRANSFORM,
						 OBJ_STATISTICS,
						 OBJ_RULE,
						 OBJ_PUBLICATION,
						 OBJ_SUBSCRIPTION,
						 OBJ_EVENT_TRIGGER};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (order[i] == k)
			return (long)i;
	return 0;
}

static void plan_object(struct planner *p, const struct change *ch)
{
	const struct object *from = from_obj(p, ch), *to = to_obj(p, ch);
	enum change_action a = act(p, ch);
	bool remake = a == CHANGE_ALTER && !same_str(from->definition, to->definition);
	if (a == CHANGE_DROP || remake) {
		ddl_drop_object(&p->sb, from);
		step(p, late_object(from->kind) ? PH_DROP_EARLY_OBJECT : PH_DROP_OBJECT,
		     -object_rank(from->kind));
	}
	if (a == CHANGE_ADD || remake) {
		if (ddl_create_object(&p->sb, to))
			step(p, late_object(to->kind) ? PH_OBJECT_LATE : PH_OBJECT,
			     object_rank(to->kind));
		else
			cannot(p, PH_OBJECT, object_kind_label(to->kind), to->h.schema, to->h.name);
	}
}

/* ---- views ----------------------------------------------------------------- */

static void mark_view(struct planner *p, const struct change *ch)
{
	const struct view *from = from_obj(p, ch), *to = to_obj(p, ch);
	if (from) {
		struct vinfo *vi =
		    strmap_get(p->vfrom.by_key, key2(p, from->h.schema, from->h.name));
		bool only_meta = act(p, ch) == CHANGE_ALTER && to &&
				 same_str(from->definition, to->definition) &&
				 same_list(&from->columns, &to->columns) &&
				 from->materialized == to->materialized;
		if (vi && !vi->drop && !only_meta) {
			vi->drop = true;
			vi->cause = p->cur;
		}
	}
	if (to) {
		struct vinfo *vi = strmap_get(p->vto.by_key, key2(p, to->h.schema, to->h.name));
		if (vi && !vi->create && act(p, ch) == CHANGE_ADD) {
			vi->create = true;
			vi->cause = p->cur;
		}
	}
}

/* Each view dropped whose name another view uses drops that one too; dropped views made again. */
static void close_views(struct planner *p)
{
	bool more = true;
	while (more) {
		more = false;
		for (size_t i = 0; i < p->vfrom.all.n; i++) {
			struct vinfo *d = p->vfrom.all.v[i];
			if (!d->drop)
				continue;
			for (size_t j = 0; j < p->vfrom.all.n; j++) {
				struct vinfo *u = p->vfrom.all.v[j];
				if (u->drop || !vuses(u, d->v->h.name))
					continue;
				u->drop = true;
				u->cause = d->cause;
				more = true;
			}
		}
	}
	for (size_t i = 0; i < p->vfrom.all.n; i++) {
		struct vinfo *d = p->vfrom.all.v[i];
		if (!d->drop)
			continue;
		struct vinfo *c = strmap_get(p->vto.by_key, key2(p, d->v->h.schema, d->v->h.name));
		if (c && !c->create) {
			c->create = true;
			c->cause = d->cause;
		}
	}
}

static void emit_views(struct planner *p)
{
	for (size_t i = 0; i < p->vfrom.all.n; i++) {
		struct vinfo *d = p->vfrom.all.v[i];
		if (!d->drop)
			continue;
		p->cur = d->cause;
		p->path = d->v->h.schema;
		ddl_drop_view(&p->sb, d->v);
		step(p, PH_DROP_VIEW, -vdepth(&p->vfrom, d));
	}
	for (size_t i = 0; i < p->vto.all.n; i++) {
		struct vinfo *c = p->vto.all.v[i];
		if (!c->create)
			continue;
		const struct view *v = c->v;
		p->cur = c->cause;
		p->path = v->h.schema;
		ddl_create_view(&p->sb, v);
		step(p, PH_VIEW, vdepth(&p->vto, c));
		for (size_t j = 0; j < v->indexes.n; j++) {
			const struct index *ix = v->indexes.v[j];
			ddl_create_index(&p->sb, ix);
			step(p, PH_VIEW_INDEX, 0);
			index_comment(p, NULL, ix);
		}
		char *t = qtarget(v->h.schema, v->h.name);
		meta(p, v->materialized ? "MATERIALIZED VIEW" : "VIEW", "TABLE", t, NULL, &v->h);
		free(t);
	}
	p->path = NULL;
}

/* A view changed only in its comment, grants or owner. */
static void plan_view_meta(struct planner *p, const struct change *ch)
{
	const struct view *from = from_obj(p, ch), *to = to_obj(p, ch);
	if (!from || !to)
		return;
	struct vinfo *vi = strmap_get(p->vto.by_key, key2(p, to->h.schema, to->h.name));
	if (vi && vi->create)
		return;
	char *t = qtarget(to->h.schema, to->h.name);
	meta(p, to->materialized ? "MATERIALIZED VIEW" : "VIEW", "TABLE", t, &from->h, &to->h);
	free(t);
}

/* ---- the plan of one direction ------------------------------------------------ */

static int step_cmp(const void *a, const void *b)
{
	const struct step *x = *(const struct step *const *)a, *y = *(const struct step *const *)b;
	if (x->phase != y->phase)
		return x->phase < y->phase ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void planner_run(struct planner *p, const struct comparison *c, bool down)
{
	memset(p, 0, sizeof(*p));
	p->c = c;
	p->down = down;
	p->from = down ? c->new : c->old;
	p->to = down ? c->old : c->new;
	sb_init(&p->sb);
	sb_init(&p->key);
	p->added_tables = strmap_new();
	p->dropped_tables = strmap_new();
	p->changed_cons = strmap_new();
	p->redone_fks = strmap_new();
	vside_init(&p->vfrom, p->from);
	vside_init(&p->vto, p->to);

	/* what the other changes need to know first */
	for (size_t i = 0; i < c->changes.n; i++) {
		const struct change *ch = c->changes.v[i];
		if (ch->kind == CK_TABLE && act(p, ch) == CHANGE_ADD) {
			const struct table *t = to_obj(p, ch);
			strmap_put(p->added_tables, key2(p, t->h.schema, t->h.name), (void *)1);
		} else if (ch->kind == CK_TABLE && act(p, ch) == CHANGE_DROP) {
			const struct table *t = from_obj(p, ch);
			strmap_put(p->dropped_tables, key2(p, t->h.schema, t->h.name), (void *)1);
		} else if (ch->kind == CK_CONSTRAINT) {
			const struct constraint *k = from_obj(p, ch);
			const struct table *t = from_table(p, ch);
			if (k && t)
				strmap_put(p->changed_cons,
					   key3(p, t->h.schema, t->h.name, k->name), (void *)1);
		}
	}
	for (size_t i = 0; i < c->changes.n; i++) {
		const struct change *ch = c->changes.v[i];
		p->cur = i;
		if (ch->kind == CK_VIEW)
			mark_view(p, ch);
		if (ch->kind == CK_COLUMN && act(p, ch) != CHANGE_ADD) {
			const struct column *from = from_obj(p, ch), *to = to_obj(p, ch);
			const struct table *ft = from_table(p, ch);
			if (ft && (!to || column_type_changes(from, to) ||
				   !same_str(from->generated, to->generated)))
				recreate_users(p, ft->h.name, from->name);
		}
	}
	for (size_t i = 0; i < c->changes.n; i++) {
		const struct change *ch = c->changes.v[i];
		p->cur = i;
		switch (ch->kind) {
		case CK_SCHEMA:
			plan_schema(p, ch);
			break;
		case CK_EXTENSION:
			plan_extension(p, ch);
			break;
		case CK_TYPE:
			plan_type(p, ch);
			break;
		case CK_SEQUENCE:
			plan_sequence(p, ch);
			break;
		case CK_TABLE:
			if (act(p, ch) == CHANGE_ADD)
				create_table(p, to_obj(p, ch));
			else if (act(p, ch) == CHANGE_DROP)
				drop_table(p, from_obj(p, ch));
			else
				alter_table(p, ch, from_obj(p, ch), to_obj(p, ch));
			break;
		case CK_COLUMN:
			plan_column(p, ch);
			break;
		case CK_CONSTRAINT:
			plan_constraint(p, ch);
			break;
		case CK_INDEX:
			break; /* after the views are known */
		case CK_VIEW:
			plan_view_meta(p, ch);
			break;
		case CK_FUNCTION:
			plan_function(p, ch);
			break;
		case CK_TRIGGER:
			plan_trigger(p, ch);
			break;
		case CK_POLICY:
			plan_policy(p, ch);
			break;
		case CK_OBJECT:
			plan_object(p, ch);
			break;
		case CK_DEFAULT_ACL:
			ddl_default_privileges(&p->sb, from_obj(p, ch), to_obj(p, ch));
			step(p, PH_GRANT, 0);
			break;
		case N_CHANGE_KINDS:
			break;
		}
	}
	close_views(p);
	for (size_t i = 0; i < c->changes.n; i++) {
		const struct change *ch = c->changes.v[i];
		p->cur = i;
		if (ch->kind == CK_INDEX)
			plan_index(p, ch);
	}
	emit_views(p);
	if (p->steps.n > 1)
		qsort(p->steps.v, p->steps.n, sizeof(p->steps.v[0]), step_cmp);
}

static void planner_free(struct planner *p)
{
	for (size_t i = 0; i < p->steps.n; i++) {
		struct step *s = p->steps.v[i];
		free(s->sql);
		free(s->tag.using);
		free(s);
	}
	ptrvec_free(&p->steps);
	free(p->tag.using);
	sb_free(&p->sb);
	sb_free(&p->key);
	strmap_free(p->added_tables);
	strmap_free(p->dropped_tables);
	strmap_free(p->changed_cons);
	strmap_free(p->redone_fks);
	vside_free(&p->vfrom);
	vside_free(&p->vto);
	if (p->rels_from)
		strmap_free(p->rels_from);
	if (p->rels_to)
		strmap_free(p->rels_to);
}

/* ---- the public functions ----------------------------------------------------- */

static void clear_vec(struct ptrvec *pv)
{
	for (size_t i = 0; i < pv->n; i++)
		free(pv->v[i]);
	ptrvec_free(pv);
	memset(pv, 0, sizeof(*pv));
}

void plan_clear(struct comparison *c)
{
	for (size_t i = 0; i < c->changes.n; i++) {
		struct change *ch = c->changes.v[i];
		clear_vec(&ch->up);
		clear_vec(&ch->down);
	}
}

void plan_fill(struct comparison *c)
{
	plan_clear(c);
	for (int down = 0; down < 2; down++) {
		struct planner p;
		planner_run(&p, c, down);
		for (size_t i = 0; i < p.steps.n; i++) {
			struct step *s = p.steps.v[i];
			struct change *ch = c->changes.v[s->change];
			ptrvec_push(down ? &ch->down : &ch->up, s->sql);
			s->sql = NULL;
		}
		planner_free(&p);
	}
}

void plan_statements(const struct comparison *c, bool down, struct ptrvec *out)
{
	if (c->changes.n == 0)
		return;
	struct planner p;
	planner_run(&p, c, down);
	for (size_t i = 0; i < p.steps.n; i++) {
		struct step *s = p.steps.v[i];
		struct plan_stmt *ps = xmalloc(sizeof(*ps));
		ps->change = s->change;
		ps->before_txn = s->phase == PH_ENUM_ADD;
		ps->sql = s->sql;
		s->sql = NULL;
		ps->what = s->tag.what;
		ps->table = s->tag.table;
		ps->obj = s->tag.obj;
		ps->old_obj = s->tag.old_obj;
		ps->using = s->tag.using;
		s->tag.using = NULL;
		ptrvec_push(out, ps);
	}
	planner_free(&p);
}

void plan_statements_free(struct ptrvec *out)
{
	for (size_t i = 0; i < out->n; i++) {
		struct plan_stmt *ps = out->v[i];
		free(ps->sql);
		free(ps->using);
		free(ps);
	}
	ptrvec_free(out);
}

/* The hazards of a change run backwards (NEW to OLD): what the reverse does. */
static unsigned reverse_hazards(const struct change *ch)
{
	unsigned h = ch->hazards & (HAZARD_RECREATE | HAZARD_POSSIBLE_RENAME);
	if (ch->action == CHANGE_ADD &&
	    (ch->kind == CK_TABLE || ch->kind == CK_COLUMN || ch->kind == CK_TYPE ||
	     ch->kind == CK_SEQUENCE || ch->kind == CK_VIEW))
		h |= HAZARD_DATA_LOSS;
	if (ch->action == CHANGE_DROP && (ch->kind == CK_INDEX || ch->kind == CK_CONSTRAINT))
		h |= ch->kind == CK_INDEX ? HAZARD_INDEX_BUILD : HAZARD_VALIDATION_SCAN;
	if (ch->action == CHANGE_ALTER && ch->kind == CK_COLUMN)
		h |= ch->hazards & (HAZARD_TABLE_REWRITE | HAZARD_ACCESS_EXCLUSIVE |
				    HAZARD_DATA_LOSS | HAZARD_NOT_NULL_SCAN);
	if (ch->action == CHANGE_ALTER && ch->kind == CK_TYPE)
		h |= ch->hazards & HAZARD_DATA_LOSS;
	return h;
}

static void put_hazards(struct strbuf *sb, const struct change *ch, unsigned h, bool down)
{
	if (!h)
		return;
	sb_append(sb, "-- hazard");
	const char *sep = " ";
	for (unsigned bit = 0; bit < N_HAZARDS; bit++)
		if (h & (1u << bit)) {
			sb_append(sb, sep);
			sb_append(sb, hazard_name((enum hazard)(1u << bit)));
			sep = ", ";
		}
	enum change_action a = ch->action;
	if (down && a == CHANGE_ADD)
		a = CHANGE_DROP;
	else if (down && a == CHANGE_DROP)
		a = CHANGE_ADD;
	sb_printf(sb, ": %s %s ", change_action_name(a), change_kind_name(ch->kind));
	struct strbuf n;
	sb_init(&n);
	if (ch->schema) {
		quote_sql_ident(&n, ch->schema);
		sb_putc(&n, '.');
	}
	if (ch->table) {
		quote_sql_ident(&n, ch->table);
		sb_putc(&n, '.');
	}
	if (ch->kind == CK_FUNCTION)
		sb_append(&n, nz(ch->name));
	else
		quote_sql_ident(&n, nz(ch->name));
	put_comment_text(sb, n.data ? n.data : "");
	sb_free(&n);
	sb_putc(sb, '\n');
}

void plan_script(struct strbuf *sb, const struct comparison *c, bool down)
{
	if (c->changes.n == 0)
		return;
	struct planner p;
	planner_run(&p, c, down);
	sb_append(sb, "-- pgbaseline: the statements that turn the first schema into the second\n"
		      "SET client_encoding = 'UTF8';\n"
		      "SET standard_conforming_strings = on;\n"
		      "SELECT pg_catalog.set_config('search_path', '', false);\n"
		      "SET check_function_bodies = false;\n");
	bool *told = xcalloc(c->changes.n + 1, sizeof(bool));
	bool in_txn = false;
	const char *path = NULL;
	if (p.steps.n > 0 && ((struct step *)p.steps.v[0])->phase == PH_ENUM_ADD)
		sb_append(sb,
			  "-- enum values first, each committed on its own: PostgreSQL cannot use\n"
			  "-- a value in the transaction that added it\n");
	for (size_t i = 0; i < p.steps.n; i++) {
		struct step *s = p.steps.v[i];
		if (s->phase != PH_ENUM_ADD && !in_txn) {
			sb_append(sb, "\nBEGIN;\n");
			in_txn = true;
		}
		if (!same_str(s->path, path)) {
			/* text from the dump means what it meant under its schema (pg_catalog
			 * first) */
			path = s->path;
			sb_append(sb, "SELECT pg_catalog.set_config('search_path', ");
			if (path) {
				struct strbuf q;
				sb_init(&q);
				quote_sql_ident(&q, path);
				quote_sql_literal(sb, q.data);
				sb_free(&q);
			} else {
				sb_append(sb, "''");
			}
			sb_append(sb, ", false);\n");
		}
		const struct change *ch = c->changes.v[s->change];
		if (!told[s->change]) {
			told[s->change] = true;
			put_hazards(sb, ch, down ? reverse_hazards(ch) : ch->hazards, down);
		}
		sb_append(sb, s->sql);
	}
	if (!in_txn)
		sb_append(sb, "\nBEGIN;\n");
	sb_append(sb, "\nCOMMIT;\n");
	free(told);
	planner_free(&p);
}
