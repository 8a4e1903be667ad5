/*
 * plan.h
 *	  A comparison as ordered, runnable SQL (the plan): each change's
 *	  statements (its `up` and `down`, compare.h) and the whole script
 *	  turning OLD into NEW or NEW back into OLD, for `diff --format sql`,
 *	  the JSON format's statements and `revision`.
 *
 *	  The script runs with `psql -v ON_ERROR_STOP=1 -f` on a database
 *	  holding the schema it starts from.  It creates in dependency order
 *	  (schemas, extensions, types, functions, sequences, tables, columns,
 *	  constraints, indexes, foreign keys, views, triggers, policies,
 *	  comments, grants) and drops in reverse; a view that uses a column
 *	  whose type changes or that goes is dropped before the change and
 *	  created again after it, with the views that use it; an enum's added
 *	  value is added by ALTER TYPE ... ADD VALUE before the transaction (a
 *	  value added in a transaction cannot be used in it); a removed value
 *	  recreates the type under its name (the old one renamed, the columns
 *	  moved over with USING, the old one dropped).  Hazards are comments
 *	  before the statements of their change.  Deterministic: the same
 *	  comparison gives the same bytes.
 */
#ifndef PGB_PLAN_H
#define PGB_PLAN_H

#include "compare.h"

/*
 * Fill each change's up (OLD to NEW) and down (NEW to OLD) with its
 * statements (malloc'd char *, each ending in ";\n"), in the order the
 * script runs them; statements the change makes necessary elsewhere (a
 * view dropped and created again around a column's new type) are the
 * change's too.  Statements filled before are freed first.
 */
void plan_fill(struct comparison *c);
/* Free the statements plan_fill put in up and down (compare_free may also do it). */
void plan_clear(struct comparison *c);

/*
 * The script turning OLD into NEW (down: NEW into OLD), appended to sb:
 * nothing when there is no change, else its settings, the enum values to
 * add, then BEGIN, the statements with each change's hazards as comments
 * before them, and COMMIT.
 */
void plan_script(struct strbuf *sb, const struct comparison *c, bool down);

/*
 * What a statement is, for a writer that says it another way (the
 * revision's Alembic operations); the objects are the model's the
 * statement was written from, its names exactly the statement's.
 */
enum plan_what {
	PLAN_OTHER,	      /* only its SQL says */
	PLAN_CREATE_TABLE,    /* table: its CREATE TABLE (every default inline, no identity),
				 then ADD GENERATED of each identity column */
	PLAN_DROP_TABLE,      /* table */
	PLAN_RENAME_TABLE,    /* old_obj (struct table *) renamed to table's name */
	PLAN_ADD_COLUMN,      /* table, obj (struct column *) */
	PLAN_DROP_COLUMN,     /* table, obj (struct column *) */
	PLAN_RENAME_COLUMN,   /* table, old_obj renamed to obj (struct column *) */
	PLAN_COLUMN_TYPE,     /* table, obj's type (and collation) from old_obj's; using */
	PLAN_SET_DEFAULT,     /* table, obj: SET DEFAULT its default */
	PLAN_DROP_DEFAULT,    /* table, obj: DROP DEFAULT */
	PLAN_NOT_NULL,	      /* table, obj: SET or DROP NOT NULL as it says */
	PLAN_ADD_CONSTRAINT,  /* table, obj (struct constraint *) */
	PLAN_DROP_CONSTRAINT, /* table, obj (struct constraint *) */
	PLAN_CREATE_INDEX,    /* obj (struct index *) */
	PLAN_DROP_INDEX,      /* obj (struct index *) */
};

/* One statement of the script, in the order it runs. */
struct plan_stmt {
	size_t change;	 /* its change: an index into the comparison's changes */
	bool before_txn; /* an enum value added: runs on its own, before the transaction */
	char *sql;	 /* the statement, ending in ";\n" (malloc'd) */
	/* what the statement is (PLAN_OTHER: nothing but sql); pointers into the models */
	enum plan_what what;
	const struct table *table;
	const void *obj, *old_obj;
	char *using; /* PLAN_COLUMN_TYPE: its USING expression, or NULL (malloc'd) */
};

/*
 * The script's statements (plan_script's, without its settings, BEGIN,
 * COMMIT and comments) in order, pushed to out as malloc'd struct
 * plan_stmt *: the caller frees them with plan_statements_free.
 */
void plan_statements(const struct comparison *c, bool down, struct ptrvec *out);
void plan_statements_free(struct ptrvec *out);

#endif /* PGB_PLAN_H */
