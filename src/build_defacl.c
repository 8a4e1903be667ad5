/*
 * build_defacl.c
 *	  ALTER DEFAULT PRIVILEGES as pg_default_acl holds it (struct
 *	  default_acl), and the role that creates objects (SET ROLE, SET
 *	  SESSION AUTHORIZATION, RESET ROLE): the defaults of that role are
 *	  applied to each table, view, sequence, function, type and schema
 *	  created afterwards, as PostgreSQL applies them at CREATE
 *	  (get_user_default_acl): the entry of every schema, or the built-in
 *	  default when there is none, merged with the entry of the object's
 *	  schema.  What a role creates is its own (its owner).
 */
#include "build_int.h"

#include <string.h>

/* IsA() that is false for NULL. */
#define IS_NODE(n, T) ((n) != NULL && IsA((n), T))

static const char *role_of(const RoleSpec *r)
{
	if (r == NULL)
		return NULL;
	switch (r->roletype) {
	case ROLESPEC_PUBLIC:
		return "PUBLIC";
	case ROLESPEC_CSTRING:
		return r->rolename;
	default:
		return NULL; /* CURRENT_USER...: the role running the script */
	}
}

/* The kind of default privileges a GRANT's object type names, or NULL. */
static const char *defacl_kind(ObjectType t)
{
	switch (t) {
	case OBJECT_TABLE:
		return "tables";
	case OBJECT_SEQUENCE:
		return "sequences";
	case OBJECT_FUNCTION:
	case OBJECT_PROCEDURE:
	case OBJECT_ROUTINE:
		return "functions";
	case OBJECT_TYPE:
		return "types";
	case OBJECT_SCHEMA:
		return "schemas";
	default:
		return NULL;
	}
}

/* The built-in default an entry of every schema starts from (acldefault()). */
static void start_from_default(struct builder *b, struct default_acl *d)
{
	struct privilege all = {.name = "ALL"};
	struct ptrvec privs = {0};
	ptrvec_push(&privs, &all);
	grants_apply(b->m, &d->h, d->h.name, &privs, true, false, default_acl_all(d->kind));
	const char *pub = strcmp(d->kind, "functions") == 0 ? "EXECUTE"
			  : strcmp(d->kind, "types") == 0   ? "USAGE"
							    : NULL;
	if (pub != NULL) {
		struct privilege p = {.name = pub};
		privs.v[0] = &p;
		grants_apply(b->m, &d->h, "PUBLIC", &privs, true, false, pub);
	}
	ptrvec_free(&privs);
}

static struct default_acl *entry(struct builder *b, const char *role, const char *schema,
				 const char *kind)
{
	struct default_acl *d = model_find_default_acl(b->m, role, schema, kind);
	if (d != NULL)
		return d;
	d = model_add_default_acl(b->m, role, schema, kind);
	if (schema == NULL)
		start_from_default(b, d);
	return d;
}

static void privileges_of(const GrantStmt *gs, struct ptrvec *out)
{
	ListCell *lc;
	if (gs->privileges == NIL) {
		struct privilege *p = xcalloc(1, sizeof(*p));
		p->name = xstrdup("ALL");
		ptrvec_push(out, p);
		return;
	}
	foreach (lc, gs->privileges) {
		const AccessPriv *ap = lfirst(lc);
		if (!IS_NODE(ap, AccessPriv) || ap->priv_name == NULL)
			continue;
		struct privilege *p = xcalloc(1, sizeof(*p));
		char *name = xstrdup(ap->priv_name);
		for (char *c = name; *c; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 'a' + 'A');
		p->name = name;
		ptrvec_push(out, p);
	}
}

void build_default_privileges(struct builder *b, const AlterDefaultPrivilegesStmt *st)
{
	ListCell *lc, *lc3;
	const GrantStmt *gs = st->action;
	const List *roles = NIL, *schemas = NIL;
	if (gs == NULL)
		return;
	const char *kind = defacl_kind(gs->objtype);
	if (kind == NULL)
		return;
	foreach (lc, st->options) {
		const DefElem *d = lfirst(lc);
		if (!IS_NODE(d, DefElem) || !IS_NODE(d->arg, List))
			continue;
		if (strcmp(d->defname, "roles") == 0)
			roles = (const List *)d->arg;
		else if (strcmp(d->defname, "schemas") == 0)
			schemas = (const List *)d->arg;
	}
	if (schemas != NIL && gs->objtype == OBJECT_SCHEMA) {
		build_warn(b, 0,
			   "cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS "
			   "(statement ignored; PostgreSQL stops with an error)");
		return;
	}
	struct ptrvec privs = {0};
	privileges_of(gs, &privs);
	/* The roles: FOR ROLE's, else the one creating objects now. */
	struct ptrvec who = {0};
	foreach (lc, roles) {
		const char *r = IS_NODE(lfirst(lc), RoleSpec) ? role_of(lfirst(lc)) : NULL;
		ptrvec_push(&who, (void *)(r ? r : b->current_role ? b->current_role : ""));
	}
	if (roles == NIL)
		ptrvec_push(&who, (void *)(b->current_role ? b->current_role : ""));
	for (size_t i = 0; i < who.n; i++) {
		const char *role = who.v[i];
		if (role[0])
			model_note_role(b->m, role);
		for (int k = 0; k < (schemas == NIL ? 1 : list_length(schemas)); k++) {
			const char *schema =
			    schemas == NIL ? NULL : node_string(list_nth(schemas, k));
			struct default_acl *d = entry(b, role, schema, kind);
			foreach (lc3, gs->grantees) {
				if (!IS_NODE(lfirst(lc3), RoleSpec))
					continue;
				const char *g = role_of(lfirst(lc3));
				if (g == NULL)
					g = b->current_role ? b->current_role : "";
				if (g[0])
					model_note_role(b->m, g);
				grants_apply(b->m, &d->h, g, &privs, gs->is_grant, gs->grant_option,
					     default_acl_all(kind));
			}
		}
	}
	ptrvec_free(&who);
	for (size_t i = 0; i < privs.n; i++) {
		struct privilege *p = privs.v[i];
		free((char *)p->name);
		free(p);
	}
	ptrvec_free(&privs);
}

void build_set_role(struct builder *b, const VariableSetStmt *vs)
{
	if (vs->name == NULL || vs->is_local)
		return;
	bool role = strcmp(vs->name, "role") == 0;
	if (!role && strcmp(vs->name, "session_authorization") != 0)
		return;
	if (vs->kind == VAR_SET_VALUE && list_length(vs->args) == 1) {
		const char *v = NULL;
		const Node *arg = linitial(vs->args);
		if (IS_NODE(arg, A_Const) && !((const A_Const *)arg)->isnull &&
		    IsA(&((const A_Const *)arg)->val, String))
			v = strVal(&((const A_Const *)arg)->val);
		/* SET ROLE NONE: back to the session's role */
		b->current_role =
		    v == NULL || (role && strcmp(v, "none") == 0) ? NULL : arena_strdup(b->a, v);
	} else if (vs->kind == VAR_RESET || vs->kind == VAR_SET_DEFAULT ||
		   vs->kind == VAR_RESET_ALL) {
		b->current_role = NULL;
	}
}

/*
 * The ACL an object of `kind` created now by the current role in `schema`
 * (NULL for a schema) gets: its grants to others are applied to h (the
 * owner's own entry is not kept).  Nothing when no default applies or the
 * result is the built-in default.
 */
static void apply_defaults(struct builder *b, struct objhdr *h, const char *kind,
			   const char *schema)
{
	const char *role = b->current_role ? b->current_role : "";
	struct default_acl *glob = model_find_default_acl(b->m, role, NULL, kind);
	struct default_acl *here = schema ? model_find_default_acl(b->m, role, schema, kind) : NULL;
	if (glob == NULL && here == NULL)
		return;
	/* The merged ACL, in a scratch header. */
	struct default_acl merged = {0};
	merged.h.name = role;
	merged.kind = kind;
	if (glob == NULL)
		start_from_default(b, &merged);
	const struct default_acl *parts[2] = {glob, here};
	for (int p = 0; p < 2; p++)
		for (size_t i = 0; parts[p] && i < parts[p]->h.grants.n; i++) {
			const struct grant *g = parts[p]->h.grants.v[i];
			if (g->privs.n > 0)
				grants_apply(b->m, &merged.h, g->grantee, &g->privs, true,
					     g->with_grant_option, default_acl_all(kind));
		}
	grants_render(b->m, &merged.h);
	/* Equal to the built-in default: the object keeps a NULL ACL. */
	struct default_acl plain = {0};
	plain.h.name = role;
	plain.kind = kind;
	start_from_default(b, &plain);
	grants_render(b->m, &plain.h);
	bool same = true;
	size_t live = 0;
	for (size_t i = 0; i < merged.h.grants.n; i++) {
		const struct grant *g = merged.h.grants.v[i];
		if (g->privs.n == 0)
			continue;
		live++;
		bool found = false;
		for (size_t j = 0; j < plain.h.grants.n && !found; j++) {
			const struct grant *x = plain.h.grants.v[j];
			found = strcmp(x->grantee, g->grantee) == 0 &&
				x->with_grant_option == g->with_grant_option &&
				strcmp(x->privileges, g->privileges) == 0;
		}
		same = same && found;
	}
	if (!same || live != plain.h.grants.n) {
		h->acl_set = true;
		for (size_t i = 0; i < merged.h.grants.n; i++) {
			const struct grant *g = merged.h.grants.v[i];
			if (g->privs.n == 0 || strcmp(g->grantee, role) == 0)
				continue; /* the owner's own entry is not kept */
			grants_apply(b->m, h, g->grantee, &g->privs, true, g->with_grant_option,
				     default_acl_all(kind));
		}
	}
	grants_free(&merged.h);
	ptrvec_free(&merged.h.grants);
	grants_free(&plain.h);
	ptrvec_free(&plain.h.grants);
}

void build_defacl_mark(const struct builder *b, struct defacl_mark *mk)
{
	const struct model *m = b->m;
	mk->tables = m->tables.n;
	mk->views = m->views.n;
	mk->sequences = m->sequences.n;
	mk->functions = m->functions.n;
	mk->types = m->types.n;
	mk->schemas = m->schemas.n;
}

/* Objects a role creates are that role's (pg_dump --use-set-session-authorization's owners). */
static void own(struct builder *b, struct objhdr *h)
{
	if (b->current_role != NULL && h->owner == NULL)
		h->owner = b->current_role;
}

void build_defacl_created(struct builder *b, const struct defacl_mark *mk)
{
	struct model *m = b->m;
	if (b->current_role != NULL) {
		for (size_t i = mk->tables; i < m->tables.n; i++)
			own(b, m->tables.v[i]);
		for (size_t i = mk->views; i < m->views.n; i++)
			own(b, m->views.v[i]);
		for (size_t i = mk->sequences; i < m->sequences.n; i++)
			own(b, m->sequences.v[i]);
		for (size_t i = mk->functions; i < m->functions.n; i++)
			own(b, m->functions.v[i]);
		for (size_t i = mk->types; i < m->types.n; i++)
			own(b, m->types.v[i]);
		for (size_t i = mk->schemas; i < m->schemas.n; i++)
			own(b, m->schemas.v[i]);
	}
	if (m->default_acls.n == 0)
		return;
	for (size_t i = mk->tables; i < m->tables.n; i++) {
		struct table *t = m->tables.v[i];
		apply_defaults(b, &t->h, "tables", t->h.schema);
	}
	for (size_t i = mk->views; i < m->views.n; i++) {
		struct view *v = m->views.v[i];
		apply_defaults(b, &v->h, "tables", v->h.schema);
	}
	for (size_t i = mk->sequences; i < m->sequences.n; i++) {
		struct sequence *s = m->sequences.v[i];
		apply_defaults(b, &s->h, "sequences", s->h.schema);
	}
	for (size_t i = mk->functions; i < m->functions.n; i++) {
		struct function *f = m->functions.v[i];
		apply_defaults(b, &f->h, "functions", f->h.schema);
	}
	for (size_t i = mk->types; i < m->types.n; i++) {
		struct pgtype *t = m->types.v[i];
		apply_defaults(b, &t->h, "types", t->h.schema);
	}
	for (size_t i = mk->schemas; i < m->schemas.n; i++) {
		struct schema *s = m->schemas.v[i];
		apply_defaults(b, &s->h, "schemas", NULL);
	}
}
