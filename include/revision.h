/*
 * revision.h
 *	  The next Alembic revision from a comparison (`pgbaseline revision`):
 *	  a module whose upgrade() runs the plan from OLD to NEW and whose
 *	  downgrade() runs it back, with Alembic operations where one writes
 *	  exactly the plan's statement and op.execute of the statement
 *	  elsewhere.  emit_revision.c writes it; cmd_revision.c finds the
 *	  project, the head and the files.
 */
#ifndef PGB_REVISION_H
#define PGB_REVISION_H

#include "compare.h"
#include "pgb.h"

struct revision_opts {
	const char *rev;	   /* the new revision id */
	const char *down_revision; /* the project's head */
	const char *message;	   /* -m */
	const char *old_label;	   /* OLD and NEW as given */
	const char *new_label;
	const char *schema_sql; /* the file name of <rev>_schema.sql, for the docstring */
};

/*
 * The revision module for c (plan_statements of both directions),
 * appended to out.  Deterministic: the same comparison and options give
 * the same bytes.
 */
void emit_revision_module(const struct comparison *c, const struct revision_opts *o,
			  struct strbuf *out);

#endif /* PGB_REVISION_H */
