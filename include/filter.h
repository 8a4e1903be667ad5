/*
 * filter.h
 *	  Object selection with pg_dump's own options and pattern syntax:
 *	  -n/--schema, -N/--exclude-schema, -t/--table, -T/--exclude-table.
 *
 *	  Patterns follow psql/pg_dump rules (processSQLNamePattern): letters
 *	  outside double quotes are folded to lower case; `*` matches any
 *	  sequence and `?` any single character; inside double quotes every
 *	  character is literal and `""` is one quote; an unquoted `.` separates
 *	  schema from name (a three-part db.schema.table pattern is accepted
 *	  when its database part is `*` or matches nothing in particular); the
 *	  whole name must match.  Patterns are compiled to anchored PCRE2
 *	  regular expressions.
 *
 *	  Semantics (as pg_dump): a schema is included when no -n is given or
 *	  it matches some -n, and it matches no -N.  A relation (table, view,
 *	  sequence, foreign table) is included when -t patterns were given and
 *	  it matches one of them, or when none were given and its schema is
 *	  included; in both cases it must match no -T.  A -t pattern without a
 *	  schema part matches the relation in any schema.
 */
#ifndef PGB_FILTER_H
#define PGB_FILTER_H

#include "diag.h"
#include "pgb.h"

enum filter_kind {
	FILTER_SCHEMA,	       /* -n */
	FILTER_EXCLUDE_SCHEMA, /* -N */
	FILTER_TABLE,	       /* -t */
	FILTER_EXCLUDE_TABLE,  /* -T */
};

struct filter;

struct filter *filter_new(void);
void filter_free(struct filter *f);

/* Add a pattern; on a malformed pattern reports a usage error and returns false. */
bool filter_add(struct filter *f, enum filter_kind kind, const char *pattern);

/* The same for a command-line option letter: 'n', 'N', 't' or 'T'. */
bool filter_add_option(struct filter *f, int option, const char *pattern);

bool filter_is_empty(const struct filter *f);
struct model;
/* Set h.included on every object of m from the filter (NULL: include all). */
void filter_apply(struct model *m, const struct filter *f);
bool filter_schema_included(const struct filter *f, const char *schema);
/*
 * As pg_dump does (its --strict-names, and "no matching tables were found"):
 * every -n pattern must select a schema of m and every -t pattern a table,
 * view or sequence, whether or not other patterns leave it out.  Reports
 * each pattern that selects nothing, with the option that would select a
 * name differing only in case, and returns false then.  -N and -T may
 * select nothing.
 */
bool filter_check_matches(const struct filter *f, const struct model *m, struct diags *d);

/*
 * Append to out a PostgreSQL boolean expression that is true exactly when
 * filter_relation_included(f, schema, name) is, for the SQL expressions
 * schema_expr and name_expr (text); "true" for no filter.  The regexes are
 * string literals for standard_conforming_strings = on.
 */
struct strbuf;
void filter_sql_included(const struct filter *f, const char *schema_expr, const char *name_expr,
			 struct strbuf *out);

/*
 * Append to sb the pattern that selects exactly schema.name (schema NULL:
 * name in any schema), between single quotes as a shell reads it back:
 * 'public."Album"'.
 */
void filter_pattern_for(struct strbuf *sb, const char *schema, const char *name);
bool filter_relation_included(const struct filter *f, const char *schema, const char *name);

/*
 * The anchored regular expressions a pattern turns into, for tests and
 * --help: *schema_re gets NULL when the pattern has no schema part.
 * Both results are malloc'd.  Returns false on a malformed pattern.
 */
bool filter_pattern_to_regex(const char *pattern, char **schema_re, char **name_re);

#endif /* PGB_FILTER_H */
