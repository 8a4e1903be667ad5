/*
 * lint_int.h
 *	  What lint.c (the rule table, the findings, the ignore file) shares
 *	  with lint_rules.c (the rules themselves and lint_run), which calls it.  Internal to the
 *lint stage.
 */
#ifndef PGB_LINT_INT_H
#define PGB_LINT_INT_H

#include "lint.h"

/* The rules, in lint_rules[]'s order. */
enum lint_rule_id {
	R_NO_PRIMARY_KEY,
	R_FK_WITHOUT_INDEX,
	R_FK_TYPE_MISMATCH,
	R_REDUNDANT_INDEX,
	R_INT_PRIMARY_KEY,
	R_TIMESTAMP_WITHOUT_TIME_ZONE,
	R_RLS_WITHOUT_POLICY,
	R_POLICY_WITHOUT_RLS,
	R_SECURITY_DEFINER_SEARCH_PATH,
	R_SQLALCHEMY_RESERVED_NAME,
	R_NULLABLE_UNIQUE,
	R_NOT_VALID_CONSTRAINT,
	R_UNLOGGED_TABLE,
	R_IDENTIFIER_NEEDS_QUOTING,
	R_TABLE_WITHOUT_COMMENT,
	N_LINT_RULES
};

/* One run: the model, the options and the report being filled. */
struct lint_ctx {
	const struct model *m;
	const struct lint_opts *o;
	struct lint_report *r;
	struct table_index *tables; /* included tables by name */
};

/*
 * A finding of rule `id` about `object` (kind: "table", ...), defined at
 * line:col of the dump, on table t (for the row count; NULL: none).  The
 * message is formatted; strings are copied into the report's arena.
 */
void lint_add(struct lint_ctx *c, enum lint_rule_id id, const char *kind, const char *object,
	      int line, int col, const struct table *t, const char *fmt, ...) PGB_PRINTF(8, 9);

/* lint.c: an empty report (its arena made); the findings sorted and counted. */
void lint_report_start(struct lint_report *r);
void lint_report_finish(struct lint_report *r);

#endif /* PGB_LINT_INT_H */
