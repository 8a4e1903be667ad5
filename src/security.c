/*
 * security.c
 *	  The security view of a model (security.h), planned once for every
 *	  output that shows it.
 *
 *	  A grant row is one grantee's privileges on one object, with or
 *	  without the grant option, as aclexplode() would list them grouped:
 *	  the table-level privileges of a struct grant in one row, and its
 *	  column privileges in a row per column ("SELECT, UPDATE" on column a).
 *	  An object no GRANT or REVOKE touched (objhdr.acl_set false) has
 *	  PostgreSQL's default ACL (acldefault()): besides its owner, PUBLIC
 *	  holds EXECUTE on a function or procedure, USAGE on a type, domain or
 *	  language, and USAGE on the schema public (PostgreSQL 15's initial
 *	  ACL, unless the dump creates that schema itself); those rows are
 *	  marked is_default.  The owner's own privileges
 *	  come with ownership and are not rows (what it owns is listed per
 *	  role); an entry the dump granted to the owner explicitly is.
 */
#include "security.h"

#include "facts.h"

#include "strmap.h"

#include <stdlib.h>
#include <string.h>

struct planner {
	const struct model *m;
	struct security_view *v;
	struct ptrvec rows; /* struct security_grant *: the current object's, to be sorted */
};

/* A string the view owns (freed by security_free). */
static const char *keep(struct security_view *v, char *s)
{
	ptrvec_push(&v->strings, s);
	return s;
}

static int cmp_role_name(const char *a, const char *b)
{
	bool pa = strcmp(a, "PUBLIC") == 0, pb = strcmp(b, "PUBLIC") == 0;
	if (pa != pb)
		return pa ? 1 : -1;
	return strcmp(a, b);
}

/* A column's position in its table (1-based), or 0 when not a table's column. */
static size_t column_number(const char *kind, const struct objhdr *h, const char *col)
{
	if (strcmp(kind, "table") != 0 && strcmp(kind, "foreign table") != 0)
		return 0;
	const struct table *t = (const struct table *)h; /* struct table begins with h */
	for (size_t i = 0; i < t->columns.n; i++)
		if (strcmp(((const struct column *)t->columns.v[i])->name, col) == 0)
			return i + 1;
	return 0;
}

/* One object's rows: by grantee (PUBLIC last), table level first, then columns in order. */
static int cmp_row(const void *x, const void *y)
{
	const struct security_grant *a = *(const struct security_grant *const *)x;
	const struct security_grant *b = *(const struct security_grant *const *)y;
	int c = cmp_role_name(a->role, b->role);
	if (c != 0)
		return c;
	if ((a->column == NULL) != (b->column == NULL))
		return a->column == NULL ? -1 : 1;
	if (a->column_number != b->column_number)
		return a->column_number - 1 < b->column_number - 1 ? -1 : 1; /* 0 (unknown) last */
	if (a->column != NULL && (c = strcmp(a->column, b->column)) != 0)
		return c;
	if (a->with_grant_option != b->with_grant_option)
		return a->with_grant_option ? 1 : -1;
	return a->is_default != b->is_default ? (a->is_default ? -1 : 1) : 0;
}

static struct security_grant *add_row(struct planner *p, const char *kind, const struct objhdr *h,
				      const char *name, const char *role, const char *privileges)
{
	struct security_grant *g = xcalloc(1, sizeof(*g));
	g->role = role;
	g->kind = kind;
	g->schema = h->schema;
	g->name = name;
	g->privileges = privileges;
	g->grantor = h->owner;
	g->object = h;
	ptrvec_push(&p->rows, g);
	return g;
}

/* A column privilege's name: "" is ALL (columns). */
static const char *privilege_name(const struct privilege *pr)
{
	return pr->name[0] != '\0' ? pr->name : "ALL";
}

/* The rows of one struct grant: table level in one, each column in its own. */
static void grant_rows(struct planner *p, const char *kind, const struct objhdr *h,
		       const char *name, const struct grant *g)
{
	bool any_columns = false, any_table = false;
	for (size_t i = 0; i < g->privs.n; i++) {
		const struct privilege *pr = g->privs.v[i];
		any_columns |= pr->columns;
		any_table |= !pr->columns;
	}
	if (any_table) {
		const char *text = g->privileges;
		if (any_columns || text == NULL) {
			struct strbuf sb;
			sb_init(&sb);
			sb_append(&sb, "");
			for (size_t i = 0; i < g->privs.n; i++) {
				const struct privilege *pr = g->privs.v[i];
				if (!pr->columns)
					sb_printf(&sb, "%s%s", sb.len ? ", " : "", pr->name);
			}
			text = keep(p->v, sb_steal(&sb));
		}
		add_row(p, kind, h, name, g->grantee, text)->with_grant_option =
		    g->with_grant_option;
	}
	if (!any_columns)
		return;
	/* Each column once, in the order first granted; its privileges in theirs. */
	struct ptrvec cols = {0};
	for (size_t i = 0; i < g->privs.n; i++) {
		const struct privilege *pr = g->privs.v[i];
		for (size_t c = 0; pr->columns && c < pr->cols.n; c++) {
			bool seen = false;
			for (size_t k = 0; k < cols.n && !seen; k++)
				seen = strcmp(cols.v[k], pr->cols.v[c]) == 0;
			if (!seen)
				ptrvec_push(&cols, pr->cols.v[c]);
		}
	}
	for (size_t k = 0; k < cols.n; k++) {
		struct strbuf sb;
		sb_init(&sb);
		sb_append(&sb, "");
		for (size_t i = 0; i < g->privs.n; i++) {
			const struct privilege *pr = g->privs.v[i];
			for (size_t c = 0; pr->columns && c < pr->cols.n; c++)
				if (strcmp(pr->cols.v[c], cols.v[k]) == 0)
					sb_printf(&sb, "%s%s", sb.len ? ", " : "",
						  privilege_name(pr));
		}
		struct security_grant *row =
		    add_row(p, "column", h, name, g->grantee, keep(p->v, sb_steal(&sb)));
		row->column = cols.v[k];
		row->column_number = column_number(kind, h, cols.v[k]);
		row->with_grant_option = g->with_grant_option;
	}
	ptrvec_free(&cols);
}

/*
 * What PUBLIC holds on an object of this kind while its ACL is the
 * default (acldefault()), or NULL.
 */
static const char *public_default(const char *kind, const struct objhdr *h)
{
	if (strcmp(kind, "function") == 0 || strcmp(kind, "procedure") == 0 ||
	    strcmp(kind, "aggregate") == 0)
		return "EXECUTE";
	if (strcmp(kind, "type") == 0 || strcmp(kind, "domain") == 0 ||
	    strcmp(kind, "language") == 0)
		return "USAGE";
	/* PostgreSQL 15's initial ACL of the schema public; one the dump creates
	   (its database's was dropped and made again) has the default of any schema */
	if (strcmp(kind, "schema") == 0 && strcmp(h->name, "public") == 0 &&
	    !((const struct schema *)h)->created)
		return "USAGE";
	return NULL;
}

/* The owner, its owned list (created on first use). */
static struct security_role *role_of(struct ptrvec *roles, struct strmap **ix, const char *name)
{
	struct security_role *r = *ix ? strmap_get(*ix, name) : NULL;
	if (r != NULL)
		return r;
	if (*ix == NULL)
		*ix = strmap_new();
	r = xcalloc(1, sizeof(*r));
	r->role = name;
	ptrvec_push(roles, r);
	strmap_put(*ix, name, r);
	return r;
}

struct role_book {
	struct ptrvec *roles;
	struct strmap *ix;
};

/* One included object: its owner, its ACL's rows. */
static void plan_object(struct planner *p, struct role_book *book, const char *kind,
			const struct objhdr *h, const char *name)
{
	if (!h->included)
		return;
	struct security_view *v = p->v;
	if (h->owner != NULL) {
		struct security_role *r = role_of(book->roles, &book->ix, h->owner);
		ptrvec_push(&r->owns, (void *)h);
		ptrvec_push(&r->owns_kind, (void *)kind);
		v->n_objects_owned++;
	}
	p->rows.n = 0;
	if (!h->acl_set) {
		const char *pub = public_default(kind, h);
		if (pub != NULL)
			add_row(p, kind, h, name, "PUBLIC", pub)->is_default = true;
	} else {
		for (size_t i = 0; i < h->grants.n; i++) {
			const struct grant *g = h->grants.v[i];
			if (g->privs.n > 0)
				grant_rows(p, kind, h, name, g);
		}
	}
	if (p->rows.n > 1)
		qsort(p->rows.v, p->rows.n, sizeof(void *), cmp_row);
	for (size_t i = 0; i < p->rows.n; i++) {
		struct security_grant *g = p->rows.v[i];
		ptrvec_push(&v->grants, g);
		ptrvec_push(&role_of(book->roles, &book->ix, g->role)->holds, g);
	}
}

static const char *table_kind(const struct table *t)
{
	return t->kind == TABLE_FOREIGN ? "foreign table" : "table";
}

static const char *type_kind(const struct pgtype *t)
{
	return t->kind == TYPE_DOMAIN ? "domain" : "type";
}

static int cmp_roles(const void *x, const void *y)
{
	const struct security_role *a = *(const struct security_role *const *)x;
	const struct security_role *b = *(const struct security_role *const *)y;
	return cmp_role_name(a->role, b->role);
}

void security_plan(const struct model *m, struct security_view *v)
{
	memset(v, 0, sizeof(*v));
	struct planner p = {.m = m, .v = v};
	struct role_book book = {&v->roles, NULL};

	for (size_t i = 0; i < m->schemas.n; i++) {
		const struct schema *s = m->schemas.v[i];
		plan_object(&p, &book, "schema", &s->h, s->h.name);
	}
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		plan_object(&p, &book, table_kind(t), &t->h, t->h.name);
	}
	for (size_t i = 0; i < m->views.n; i++) {
		const struct view *w = m->views.v[i];
		plan_object(&p, &book, w->materialized ? "materialized view" : "view", &w->h,
			    w->h.name);
	}
	for (size_t i = 0; i < m->sequences.n; i++) {
		const struct sequence *s = m->sequences.v[i];
		plan_object(&p, &book, "sequence", &s->h, s->h.name);
	}
	for (size_t i = 0; i < m->types.n; i++) {
		const struct pgtype *t = m->types.v[i];
		plan_object(&p, &book, type_kind(t), &t->h, t->h.name);
	}
	for (size_t i = 0; i < m->functions.n; i++) {
		const struct function *f = m->functions.v[i];
		plan_object(&p, &book, func_kind_name(f->kind), &f->h,
			    f->signature ? f->signature : f->h.name);
	}
	for (size_t i = 0; i < m->objects.n; i++) {
		const struct object *o = m->objects.v[i];
		plan_object(&p, &book, object_kind_label(o->kind), &o->h, o->h.name);
	}
	ptrvec_free(&p.rows);
	strmap_free(book.ix);
	if (v->roles.n > 1)
		qsort(v->roles.v, v->roles.n, sizeof(void *), cmp_roles);

	for (size_t i = 0; i < m->default_acls.n; i++) {
		const struct default_acl *d = m->default_acls.v[i];
		if (d->shown && d->h.included)
			ptrvec_push(&v->default_acls, (void *)d);
	}
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included || (!t->rls_enabled && !t->rls_forced && t->policies.n == 0))
			continue;
		struct security_rls *r = xcalloc(1, sizeof(*r));
		r->table = t;
		r->enabled = t->rls_enabled;
		r->forced = t->rls_forced;
		for (size_t j = 0; j < t->policies.n; j++)
			ptrvec_push(&r->policies, t->policies.v[j]);
		ptrvec_push(&v->rls, r);
	}
	for (size_t i = 0; i < m->functions.n; i++) {
		const struct function *f = m->functions.v[i];
		if (!f->h.included || !f->security_definer)
			continue;
		ptrvec_push(&v->definers, (void *)f);
		if (!f->sets_search_path)
			v->n_definers_unpinned++;
	}
}

void security_free(struct security_view *v)
{
	for (size_t i = 0; i < v->roles.n; i++) {
		struct security_role *r = v->roles.v[i];
		ptrvec_free(&r->owns);
		ptrvec_free(&r->owns_kind);
		ptrvec_free(&r->holds);
		free(r);
	}
	ptrvec_free(&v->roles);
	for (size_t i = 0; i < v->grants.n; i++)
		free(v->grants.v[i]);
	ptrvec_free(&v->grants);
	ptrvec_free(&v->default_acls);
	for (size_t i = 0; i < v->rls.n; i++) {
		struct security_rls *r = v->rls.v[i];
		ptrvec_free(&r->policies);
		free(r);
	}
	ptrvec_free(&v->rls);
	ptrvec_free(&v->definers);
	for (size_t i = 0; i < v->strings.n; i++)
		free(v->strings.v[i]);
	ptrvec_free(&v->strings);
	memset(v, 0, sizeof(*v));
}

/* Is h the header of a struct object (kind is none of the model's own lists')? */
static bool is_held_by_name(const char *kind)
{
	static const char *const own[] = {
	    "schema", "table",	"foreign table", "view",      "materialized view", "sequence",
	    "type",   "domain", "function",	 "procedure", "aggregate",	   "column",
	};
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (strcmp(kind, own[i]) == 0)
			return false;
	return true;
}

void security_put_object(struct strbuf *sb, const char *kind, const struct objhdr *h,
			 const char *column)
{
	if (strcmp(kind, "function") == 0 || strcmp(kind, "procedure") == 0 ||
	    strcmp(kind, "aggregate") == 0) {
		facts_put_function(sb, h->schema, (const struct function *)h);
	} else if (is_held_by_name(kind)) {
		const struct object *o = (const struct object *)h; /* begins with h */
		/* A rule's name is its table's (o->table), in no schema of its own. */
		const char *schema = o->kind == OBJ_RULE ? NULL : h->schema;
		if (object_name_is_identifier(o->kind)) {
			facts_put_qualified(sb, schema, h->name);
		} else {
			if (schema != NULL) {
				facts_put_name(sb, schema);
				sb_putc(sb, '.');
			}
			sb_append(sb, facts_nz(h->name));
		}
		if (o->arguments != NULL)
			sb_printf(sb, "(%s)", o->arguments);
		if (o->on != NULL) {
			sb_printf(sb, " %s ", facts_nz(object_kind_on(o->kind)));
			if (o->table != NULL)
				facts_put_qualified(sb, o->table_schema, o->table);
			else
				facts_put_name(sb, o->on);
		}
	} else {
		facts_put_qualified(sb, h->schema, h->name);
	}
	if (column != NULL) {
		sb_putc(sb, '.');
		facts_put_name(sb, column);
	}
}

bool security_any(const struct security_view *v)
{
	return v->n_objects_owned > 0 || v->grants.n > 0 || v->default_acls.n > 0 || v->rls.n > 0 ||
	       v->definers.n > 0;
}
