/*
 * security.h
 *	  The security view of a model, planned once (security.c) and drawn
 *	  by every output that shows it: inspect's text and Markdown, and the
 *	  HTML report.  It answers an auditor's questions without a database:
 *	  who owns what; which privileges each role holds on schemas, tables,
 *	  columns, sequences and functions (PUBLIC included, PostgreSQL's
 *	  default ACL applied where no GRANT or REVOKE was); which default
 *	  privileges apply to objects created later; which tables have row
 *	  level security, whether it is forced, and their policies; which
 *	  functions run as SECURITY DEFINER and whether they pin search_path.
 *
 *	  Only included objects (filter_apply) are planned, in the model's
 *	  order (model_sort).  Every string points into the model, is
 *	  static, or is the view's own (a column row's privileges); the
 *	  vectors and rows are owned by the view and freed by security_free().
 *
 *	  A row is one grantee's privileges on one object (with or without
 *	  the grant option): table-level ones in one row, a column's in a row
 *	  of kind "column" (schema and name its table's).  While no GRANT or
 *	  REVOKE touched an object its ACL is PostgreSQL's default: PUBLIC's
 *	  EXECUTE on functions and procedures, USAGE on types, domains,
 *	  languages and the schema public are rows with is_default.  An
 *	  owner's own privileges come with ownership (security_role.owns) and
 *	  are rows only when the dump granted them to it explicitly.  The
 *	  object of a row or of owns is the header a struct table, view,
 *	  sequence, pgtype, function, schema or object begins with, told by
 *	  its kind.
 */
#ifndef PGB_SECURITY_H
#define PGB_SECURITY_H

#include "model.h"

#include <stdbool.h>
#include <stddef.h>

/* One grantee's privileges on one object. */
struct security_grant {
	const char *role;	/* grantee: a role name, or "PUBLIC" */
	const char *kind;	/* "schema", "table", "view", "materialized view", "sequence",
				   "foreign table", "column", "function", "procedure", "type",
				   "domain", ... */
	const char *schema;	/* NULL for a schema itself */
	const char *name;	/* the object (a function: its signature) */
	const char *column;	/* a column grant's column, else NULL */
	size_t column_number;	/* that column's position in its table (1-based), 0: unknown */
	const char *privileges; /* "SELECT, INSERT" or "ALL", as struct grant's */
	bool with_grant_option;
	bool is_default;     /* PostgreSQL's default ACL, no GRANT or REVOKE seen */
	const char *grantor; /* the object's owner, or NULL when unknown */
	const struct objhdr *object;
};

/* One role: what it owns and what it may do, for the "who can do what" table. */
struct security_role {
	const char *role;	 /* a role name, or "PUBLIC"; sorted by name, PUBLIC last */
	struct ptrvec owns;	 /* const struct objhdr *: objects it owns, model order */
	struct ptrvec owns_kind; /* const char *: the kind of owns.v[i] ("table", "function") */
	struct ptrvec holds;	 /* const struct security_grant *: its grants, object order */
};

/* A table with row level security, or with policies (RLS off: they do nothing). */
struct security_rls {
	const struct table *table;
	bool enabled, forced;
	struct ptrvec policies; /* const struct policy *: the table's, in its order */
};

struct security_view {
	struct ptrvec roles;	    /* struct security_role * */
	struct ptrvec grants;	    /* struct security_grant *: by object, then grantee */
	struct ptrvec default_acls; /* const struct default_acl *: shown ones, model order */
	struct ptrvec rls;	    /* struct security_rls *: model order */
	struct ptrvec definers;	    /* const struct function *: SECURITY DEFINER ones */
	size_t n_definers_unpinned; /* of them, without SET search_path */
	size_t n_objects_owned;	    /* objects with a known owner */
	struct ptrvec strings;	    /* char *: texts made for the rows (private) */
};

/* Plans v from m's included objects (after filter_apply and model_sort).  Free with
 * security_free(). */
void security_plan(const struct model *m, struct security_view *v);
void security_free(struct security_view *v);

/*
 * The object of a row or of a role's owns entry, named as psql takes it,
 * into sb: "app.t", "app.f(integer)", "app.t.id" (column given), an
 * operator "app.~<<(text, text)", a rule "r on app.t".  kind is the
 * row's (a column row's object is its table) or owns_kind's.
 */
void security_put_object(struct strbuf *sb, const char *kind, const struct objhdr *h,
			 const char *column);

/* Is there anything to show (an owner, a grant, a default privilege, RLS, a definer)? */
bool security_any(const struct security_view *v);

#endif /* PGB_SECURITY_H */
