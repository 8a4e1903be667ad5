/*
 * facts.h
 *	  The facts every text-like output shows about a constraint, a foreign
 *	  key's actions, an index, a column (its collation, default, identity,
 *	  generation) and a domain, decided in one place: which clauses appear
 *	  (NO ACTION, MATCH SIMPLE and btree are the defaults and are left
 *	  out), in which order, with which SQL keyword and which words in
 *	  prose.  The text report, the Markdown document, the revision
 *	  docstring and the diagrams only escape and decorate what these
 *	  functions return; facts_put_sql() writes a clause as SQL spells it
 *	  for the outputs that show SQL.
 *
 *	  Every string returned points into the model or is static; nothing
 *	  is allocated.
 */
#ifndef PGB_FACTS_H
#define PGB_FACTS_H

#include "model.h"

#include <stdbool.h>
#include <stddef.h>

/* s, or "" for NULL: a name that the model may lack. */
const char *facts_nz(const char *s);

enum fact_kind {
	FACT_MATCH,		 /* MATCH FULL / PARTIAL */
	FACT_ON_DELETE,		 /* ON DELETE CASCADE ... */
	FACT_ON_UPDATE,		 /* ON UPDATE ... */
	FACT_TEMPORAL,		 /* WITHOUT OVERLAPS / PERIOD */
	FACT_NOT_ENFORCED,	 /* NOT ENFORCED */
	FACT_DEFERRABLE,	 /* DEFERRABLE */
	FACT_INITIALLY_DEFERRED, /* INITIALLY DEFERRED */
	FACT_NOT_VALID,		 /* NOT VALID */
	FACT_INCLUDE,		 /* INCLUDE (list) */
	FACT_NULLS_NOT_DISTINCT, /* NULLS NOT DISTINCT */
	FACT_WHERE,		 /* WHERE predicate */
	FACT_NO_INHERIT,	 /* NO INHERIT */
	FACT_COLLATE,		 /* COLLATE collation */
	FACT_NOT_NULL,		 /* NOT NULL (a domain's) */
	FACT_DEFAULT,		 /* DEFAULT expression */
	FACT_IDENTITY,		 /* identity "always" / "by default" */
	FACT_GENERATED,		 /* GENERATED ALWAYS AS (expression), variant: VIRTUAL */
	FACT_INHERITED,		 /* the column comes from a parent */
	FACT_TYPE,		 /* a type's kind: "enum", "domain over" base, "range of" subtype */
};

/*
 * One clause: its kind, its SQL keyword ("ON DELETE"), the same words in
 * prose ("on delete"), and what follows: a value ("CASCADE", an
 * expression), a list of names (INCLUDE's columns), or neither (a flag).
 * variant is set for a generated column that is VIRTUAL.
 */
struct fact {
	enum fact_kind kind;
	const char *keyword;
	const char *prose;
	const char *value;
	const struct ptrvec *list;
	bool variant;
};

/* Room for every clause one call can return. */
#define FACTS_MAX 5

/* Is this referential action shown?  Not when absent or NO ACTION (the default). */
bool facts_action_shown(const char *action);

/* A foreign key's clauses that differ from the defaults, in SQL order: MATCH, ON DELETE,
 * ON UPDATE.  Returns how many were put in out. */
size_t facts_fk_clauses(const struct constraint *c, struct fact out[FACTS_MAX]);

/* A constraint's flags, in SQL order: temporal, NOT ENFORCED, DEFERRABLE, INITIALLY
 * DEFERRED, NOT VALID (each value NULL).  Returns how many were put in out. */
size_t facts_constraint_flags(const struct constraint *c, struct fact out[FACTS_MAX]);

/* A constraint's clauses after its key columns or expression, in SQL order: INCLUDE,
 * NULLS NOT DISTINCT, WHERE, NO INHERIT.  Returns how many were put in out. */
size_t facts_constraint_tail(const struct constraint *c, struct fact out[FACTS_MAX]);

/* An index's access method when it is not the default (btree), else NULL. */
const char *facts_index_method(const struct index *ix);

/* An index's clauses after its key columns, in SQL order: INCLUDE, NULLS NOT DISTINCT,
 * WHERE.  Returns how many were put in out. */
size_t facts_index_tail(const struct index *ix, struct fact out[FACTS_MAX]);

/* A column's clauses after its type, in SQL order: COLLATE, DEFAULT, identity, GENERATED,
 * inherited.  Returns how many were put in out. */
size_t facts_column_clauses(const struct column *c, struct fact out[FACTS_MAX]);

/* A domain's clauses after its base type, in SQL order: COLLATE, NOT NULL, DEFAULT (its
 * CHECKs follow, one per ty->checks entry).  Returns how many were put in out. */
size_t facts_domain_clauses(const struct pgtype *ty, struct fact out[FACTS_MAX]);

/* What a type is, before its details (enum labels, composite attributes, a domain's
 * clauses): kind FACT_TYPE, prose "enum", "composite", "domain over", "range of" or
 * "base type", value the base type or subtype of a domain or range (never NULL for
 * those), else NULL. */
struct fact facts_type_head(const struct pgtype *ty);

/* Appends text from the dump to sb, escaped as the output needs. */
typedef void (*facts_put_fn)(struct strbuf *sb, const char *s);

/*
 * Appends the clauses f[0..n) to sb as SQL writes them, each after a
 * space: " INCLUDE (a, b)", " WHERE expr", " NULLS NOT DISTINCT",
 * " ON DELETE CASCADE".  Values go through put, list entries (names)
 * through put_name.
 */
void facts_put_sql(struct strbuf *sb, const struct fact *f, size_t n, facts_put_fn put,
		   facts_put_fn put_name);

/*
 * Names as a reader pastes them into psql: double-quoted when PostgreSQL
 * needs it ("Album", "order", "a""b"), bare otherwise, by sqlident.c's
 * rule.  A missing (NULL) or empty name appends nothing.
 */
void facts_put_name(struct strbuf *sb, const char *name);
/* schema.name, each part as facts_put_name() writes it; schema may be NULL (then no "."). */
void facts_put_qualified(struct strbuf *sb, const char *schema, const char *name);
/*
 * One index key as pg_get_indexdef prints it: the column as facts_put_name()
 * writes it, or the expression (in parentheses unless it looks like a
 * function call), then COLLATE, the operator class with its parameters,
 * DESC and NULLS FIRST/LAST; an exclusion's key adds " WITH op".
 */
void facts_put_index_key(struct strbuf *sb, const struct index_key *k);
/* The keys of pv (struct index_key *), each as facts_put_index_key() writes it, separated
 * by ", ". */
void facts_put_index_keys(struct strbuf *sb, const struct ptrvec *pv);
/* The names of pv (char *), each as facts_put_name() writes it, separated by ", ". */
void facts_put_names(struct strbuf *sb, const struct ptrvec *pv);
/* An INHERITS parent as the model keeps it, one "schema.table" string, with each part as
 * facts_put_name() writes it: split at its one dot, or, when either part holds a dot, where
 * it names an included table of ix (NULL: none); as it is when no split is known. */
void facts_put_parent(struct strbuf *sb, const struct table_index *ix, const char *qualified);
/* A function as "schema.name(arguments)", its name as facts_put_name() writes it; schema
 * is the one to show (fn->h.schema, or NULL for none). */
void facts_put_function(struct strbuf *sb, const char *schema, const struct function *fn);

#endif /* PGB_FACTS_H */
