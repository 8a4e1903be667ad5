/*
 * ddl.h
 *	  SQL that creates, drops and alters the model's objects (the DDL
 *	  writer).  It writes what pg_dump would write for the same catalog, so
 *	  that PostgreSQL 15 runs it with ON_ERROR_STOP and pgbaseline's own
 *	  builder reads it back into the same model.  Shared by `diff --format
 *	  sql`, `revision` (through plan.h) and the baseline's schema SQL.
 *
 *	  Every function appends whole statements to sb, each ending in ";\n".
 *	  Names are quoted by sqlident; literals and bodies are quoted so that
 *	  nothing from the dump can end a literal or a dollar quote early: a
 *	  name or text from a dump is always data in the SQL written.
 *
 *	  Objects are the model's (const): nothing here changes a model.
 */
#ifndef PGB_DDL_H
#define PGB_DDL_H

#include "model.h"

struct ddl_opts {
	bool owners;	  /* ALTER ... OWNER TO after each CREATE */
	bool privileges;  /* GRANT / REVOKE to reach the object's grants from its default */
	bool no_comments; /* leave out COMMENT ON */
};

/*
 * The whole schema of m's included objects, as run in an empty database:
 * in dependency order (schemas, extensions, types, functions, sequences,
 * tables, defaults and OWNED BY, views in the order the dump created them,
 * constraints, indexes, foreign keys, triggers, policies and RLS, other
 * objects, comments, then owners and grants when asked).  Each object the
 * writer cannot write (held by name only, with no definition) is pushed
 * to `unwritable` as a malloc'd "kind schema.name" line and written as a
 * comment.  Returns the number of unwritable objects.
 */
size_t ddl_schema(struct strbuf *sb, const struct model *m, const struct ddl_opts *o,
		  struct ptrvec *unwritable);

/* CREATE and DROP of each kind (DROP without CASCADE; plan.h orders around dependents). */
void ddl_create_schema(struct strbuf *sb, const struct schema *s);
void ddl_drop_schema(struct strbuf *sb, const struct schema *s);
void ddl_create_extension(struct strbuf *sb, const struct extension *e);
void ddl_drop_extension(struct strbuf *sb, const struct extension *e);
/* Enum, composite, domain (with its CHECKs), range; false when it cannot (a base type). */
bool ddl_create_type(struct strbuf *sb, const struct pgtype *t);
void ddl_drop_type(struct strbuf *sb, const struct pgtype *t);
/* The sequence with its options; OWNED BY separately, once the table exists. */
void ddl_create_sequence(struct strbuf *sb, const struct sequence *s);
void ddl_sequence_owned_by(struct strbuf *sb, const struct sequence *s);
void ddl_drop_sequence(struct strbuf *sb, const struct sequence *s);
/*
 * The table with its columns (types, collations, NOT NULL, identity,
 * generated; defaults too when with_defaults), partitioning, INHERITS,
 * PARTITION OF, UNLOGGED and foreign server, but none of its constraints,
 * indexes, triggers or policies.
 */
void ddl_create_table(struct strbuf *sb, const struct table *t, bool with_defaults);
void ddl_drop_table(struct strbuf *sb, const struct table *t);
void ddl_create_view(struct strbuf *sb, const struct view *v);
void ddl_drop_view(struct strbuf *sb, const struct view *v);
/* The view with that definition (CREATE OR REPLACE VIEW when or_replace). */
void ddl_create_view_as(struct strbuf *sb, const struct view *v, const char *definition,
			bool or_replace);
/* False when the model holds no definition for it. */
bool ddl_create_function(struct strbuf *sb, const struct function *f);
void ddl_drop_function(struct strbuf *sb, const struct function *f);
/* From its definition; false when the model holds none. */
bool ddl_create_object(struct strbuf *sb, const struct object *o);
void ddl_drop_object(struct strbuf *sb, const struct object *o);

/* Parts of a table (t is the table they are on). */
void ddl_add_column(struct strbuf *sb, const struct table *t, const struct column *c);
void ddl_drop_column(struct strbuf *sb, const struct table *t, const struct column *c);
/* ALTER COLUMN ... TYPE to c's type (and collation), with USING when using is not NULL. */
void ddl_alter_column_type(struct strbuf *sb, const struct table *t, const struct column *c,
			   const char *using);
/* SET DEFAULT c's default, or DROP DEFAULT when it has none. */
void ddl_alter_column_default(struct strbuf *sb, const struct table *t, const struct column *c);
/* SET NOT NULL or DROP NOT NULL, as c says. */
void ddl_alter_column_not_null(struct strbuf *sb, const struct table *t, const struct column *c);
/* Identity (ADD GENERATED / DROP IDENTITY / SET GENERATED) from `from` to c's. */
void ddl_alter_column_identity(struct strbuf *sb, const struct table *t, const struct column *c,
			       enum identity_kind from);
void ddl_add_constraint(struct strbuf *sb, const struct table *t, const struct constraint *c);
void ddl_drop_constraint(struct strbuf *sb, const struct table *t, const struct constraint *c);
/* ix is on a table or a materialized view (ix->h.schema, ix->table). */
void ddl_create_index(struct strbuf *sb, const struct index *ix);
void ddl_drop_index(struct strbuf *sb, const struct index *ix);
void ddl_create_trigger(struct strbuf *sb, const struct trigger *tr);
void ddl_drop_trigger(struct strbuf *sb, const struct trigger *tr);
void ddl_create_policy(struct strbuf *sb, const struct policy *p);
void ddl_drop_policy(struct strbuf *sb, const struct policy *p);
/* ENABLE / DISABLE and FORCE / NO FORCE ROW LEVEL SECURITY as t says. */
void ddl_table_rls(struct strbuf *sb, const struct table *t);
/* ALTER TYPE ... ADD VALUE label BEFORE / AFTER neighbour (NULL: at the end). */
void ddl_add_enum_value(struct strbuf *sb, const struct pgtype *t, const char *label,
			const char *neighbour, bool before);

/*
 * COMMENT ON the object (what: "TABLE", "COLUMN", "FUNCTION", ...; target:
 * its name as that statement takes it, already quoted); comment NULL
 * writes IS NULL.
 */
void ddl_comment(struct strbuf *sb, const char *what, const char *target, const char *comment);
/*
 * GRANT / REVOKE turning the grants `from` (NULL: the kind's default ACL)
 * into `to` on the object (what and target as for ddl_comment).
 */
void ddl_grants(struct strbuf *sb, const char *what, const char *target, const struct objhdr *from,
		const struct objhdr *to);
/*
 * ALTER DEFAULT PRIVILEGES turning the default ACL `from` (NULL: the
 * built-in default) into `to` (NULL: back to the built-in default); one of
 * them is not NULL.  Each grantee's privileges are revoked, then granted
 * as `to` holds them.
 */
void ddl_default_privileges(struct strbuf *sb, const struct default_acl *from,
			    const struct default_acl *to);
void ddl_owner(struct strbuf *sb, const char *what, const char *target, const char *owner);

/* ---- Pieces the writer is made of, for plan.c and the emitters ---------- */

/* A name quoted as quote_ident() would; schema.name with schema NULL left out. */
void ddl_ident(struct strbuf *sb, const char *name);
void ddl_qualified(struct strbuf *sb, const char *schema, const char *name);
/* A standard string literal ('' doubled; the SQL sets standard_conforming_strings on). */
void ddl_literal(struct strbuf *sb, const char *s);
void ddl_table_name(struct strbuf *sb, const struct table *t);
/* A collation as the model keeps it ("C", "public.fr"), quoted. */
void ddl_collation(struct strbuf *sb, const char *collation);
/* PUBLIC, CURRENT_USER... as keywords, other roles quoted. */
void ddl_role(struct strbuf *sb, const char *role);
/* "CONSTRAINT name PRIMARY KEY (...)": a constraint as CREATE TABLE and ADD take it. */
void ddl_constraint_def(struct strbuf *sb, const struct constraint *c);
/*
 * One index or exclusion key: a column, or an expression in parentheses,
 * then COLLATE, operator class (parameters), DESC, NULLS, WITH operator.
 * as_catalog writes it as pg_get_indexdef() does: an expression bare
 * where the catalog shows it so (a function call); else always in
 * parentheses, as CREATE INDEX takes every expression.
 */
void ddl_index_key(struct strbuf *sb, const struct index_key *k, bool as_catalog);
/* Which column defaults CREATE TABLE writes: none, all, or all but nextval() (pg_dump's). */
enum ddl_defaults { DDL_DEFAULTS_NONE, DDL_DEFAULTS_ALL, DDL_DEFAULTS_NO_NEXTVAL };
/* Does CREATE TABLE write c's default under `defaults`? */
bool ddl_default_inline(const struct column *c, enum ddl_defaults defaults);
/*
 * ddl_create_table with the identity clauses left out when !with_identity
 * (ddl_add_identity writes them with their sequence), and the CHECKs in
 * `checks` (struct constraint *, or NULL) written inside it.
 */
void ddl_create_table_checks(struct strbuf *sb, const struct table *t, enum ddl_defaults defaults,
			     bool with_identity, const struct ptrvec *checks,
			     bool partition_as_table);
/* A partition as pg_dump writes it: CREATE TABLE (partition_as_table), then this ATTACH. */
void ddl_attach_partition(struct strbuf *sb, const struct table *t);
/* CREATE INDEX ... ON ONLY the table when `only` (a partitioned table's, attached later). */
void ddl_create_index_only(struct strbuf *sb, const struct index *ix, bool only);
/* Do a and b have one shape (method, keys, INCLUDE, WHERE, UNIQUE), whatever their names? */
bool ddl_same_index(const struct index *a, const struct index *b);
/* ALTER INDEX parent ATTACH PARTITION child. */
void ddl_attach_index(struct strbuf *sb, const struct index *parent, const struct index *child);
/* ALTER COLUMN ... ADD GENERATED ... AS IDENTITY, with s's name and options when s is not NULL. */
void ddl_add_identity(struct strbuf *sb, const struct table *t, const struct column *c,
		      const struct sequence *s);
/* schema.name(arguments) of a function, as COMMENT ON and GRANT take it; and its keyword. */
void ddl_function_target(struct strbuf *sb, const struct function *f);
const char *ddl_function_what(const struct function *f);
/* Can ddl_create_object write o (a definition, and not a subscription)? */
bool ddl_object_writable(const struct object *o);
/*
 * o's name as COMMENT ON / DROP take it, appended to sb; returns the
 * keyword before it ("RULE", "OPERATOR CLASS"), or NULL when there is none.
 */
const char *ddl_object_target(struct strbuf *sb, const struct object *o);

#endif /* PGB_DDL_H */
