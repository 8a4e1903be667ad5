/*
 * compare.h
 *	  What differs between two models (the comparison engine): every
 *	  object kind the model holds, matched by identity (kind, schema, name;
 *	  a function by its argument types; a column, constraint, index,
 *	  trigger or policy within its table), with the hazards of each change.
 *
 *	  Both models must have been filtered (filter_apply) and sorted
 *	  (model_sort); only included objects are compared.  Two dumps of one
 *	  schema are one schema: what the comparison sees is normalised as the
 *	  builder normalises it (qualified names, format_type() spellings),
 *	  so pg_dump versions and search_path make no difference.
 *
 *	  The comparison owns its changes (compare_free); changes point into
 *	  the two models, which must outlive it.  plan.h turns changes into
 *	  ordered SQL.  Changes, fields and their texts live in the
 *	  comparison's arena; `up` and `down` hold malloc'd strings that
 *	  compare_free frees.
 */
#ifndef PGB_COMPARE_H
#define PGB_COMPARE_H

#include "model.h"

enum change_action {
	CHANGE_ADD,   /* in NEW only */
	CHANGE_DROP,  /* in OLD only */
	CHANGE_ALTER, /* in both, different: see fields */
	CHANGE_RENAME /* a --rename hint matched: OLD's object is NEW's under another name */
};

/* What a change is to; old_obj and new_obj point to the struct named here. */
enum change_kind {
	CK_SCHEMA,    /* struct schema */
	CK_EXTENSION, /* struct extension */
	CK_TYPE,      /* struct pgtype */
	CK_SEQUENCE,  /* struct sequence */
	CK_TABLE,  /* struct table: its own facts (kind, partitioning, RLS, comment, grants...) */
	CK_COLUMN, /* struct column, on table */
	CK_CONSTRAINT,	/* struct constraint, on table */
	CK_INDEX,	/* struct index, on a table or materialized view */
	CK_VIEW,	/* struct view (plain or materialized) */
	CK_FUNCTION,	/* struct function */
	CK_TRIGGER,	/* struct trigger, on table */
	CK_POLICY,	/* struct policy, on table */
	CK_OBJECT,	/* struct object (object_kind says which) */
	CK_DEFAULT_ACL, /* struct default_acl: ALTER DEFAULT PRIVILEGES (a grants difference) */
	N_CHANGE_KINDS
};

/* Hazards: what running the change may do to a live database. */
enum hazard {
	HAZARD_DATA_LOSS = 1 << 0,     /* drops data: table, column, narrowing type, enum value */
	HAZARD_TABLE_REWRITE = 1 << 1, /* rewrites the table (type change, volatile default) */
	HAZARD_ACCESS_EXCLUSIVE = 1 << 2, /* holds ACCESS EXCLUSIVE for a scan or rewrite */
	HAZARD_INDEX_BUILD = 1 << 3,	  /* builds an index blocking writes: use CONCURRENTLY */
	HAZARD_VALIDATION_SCAN = 1 << 4,  /* validates a constraint: use NOT VALID + VALIDATE */
	HAZARD_NOT_NULL_SCAN = 1 << 5,	  /* SET NOT NULL scans the table */
	HAZARD_POSSIBLE_RENAME = 1 << 6,  /* a drop and an add that may be one rename */
	HAZARD_RECREATE = 1 << 7,	  /* dropped and created again (enum value removed, view) */
	N_HAZARDS = 8
};

/* One field that differs in an ALTER: its name and both values as text (NULL: absent). */
struct change_field {
	const char *field; /* "type", "default", "not_null", "comment", "grants", "labels", ... */
	const char *old;
	const char *new;
};

struct change {
	enum change_kind kind;
	enum change_action action;
	enum object_kind object_kind; /* CK_OBJECT only */
	const char *schema;	      /* the object's (or its table's) schema; NULL when global */
	const char *table;	      /* the table or view a part is on, else NULL */
	const char *name;	      /* the object's name; a function's signature */
	const char *old_name;	      /* CHANGE_RENAME: the name in OLD */
	const char *old_schema;	      /* CHANGE_RENAME of a table: the schema in OLD */
	const char *qualifier; /* CK_OBJECT: its `on` (an operator: its arguments), else NULL */
	const void *old_obj;   /* in OLD, or NULL when added */
	const void *new_obj;   /* in NEW, or NULL when dropped */
	const struct table *old_table, *new_table; /* parts: the tables (NULL for a view's index) */
	struct ptrvec fields;			   /* struct change_field *: CHANGE_ALTER */
	unsigned hazards;			   /* enum hazard bits */
	/* Filled by plan.h: the statements (char *) that make the change, and undo it. */
	struct ptrvec up;
	struct ptrvec down;
};

/* A --rename hint: OLD's schema.name (a table) or schema.table.column is NEW's `to`. */
struct rename_hint {
	const char *from;
	const char *to;
	bool used;
};

struct compare_opts {
	const struct rename_hint *renames;
	size_t n_renames;
	bool no_owners;	  /* owners are no difference */
	bool no_grants;	  /* grants are no difference */
	bool no_comments; /* comments are no difference */
	/* the same columns in another order are no difference (field "column_order") */
	bool ignore_column_order;
};

struct comparison {
	const struct model *old;
	const struct model *new;
	/*
	 * struct change *: by kind, then schema, table, name, and for one object
	 * a drop, a rename, an alter, an add (deterministic).  An added table's
	 * constraints, indexes, triggers and policies (and an added
	 * materialized view's indexes) are ADD changes of their own; a dropped
	 * table's or view's parts are not listed.
	 */
	struct ptrvec changes;
	size_t counts[N_CHANGE_KINDS][4]; /* changes per kind and action */
	unsigned hazards;		  /* every change's hazards, or'ed */
	/* const struct rename_hint *: the hints no drop and add matched (an error for the caller)
	 */
	struct ptrvec unused_renames;
	struct arena *arena; /* the changes' memory */
};

/* Compares OLD with NEW into out (which the caller then frees with compare_free). */
void compare_models(const struct model *old, const struct model *new, const struct compare_opts *o,
		    struct comparison *out);
void compare_free(struct comparison *c);

const char *change_kind_name(enum change_kind k);     /* "table", "column", ... */
const char *change_action_name(enum change_action a); /* "add", "drop", "alter", "rename" */
const char *hazard_name(enum hazard h);		      /* "data-loss", "table-rewrite", ... */
/* The hazard named s ("data-loss"), or 0 when none is. */
unsigned hazard_parse(const char *s);
/*
 * The hazards of ALTER COLUMN TYPE from type o to n (format_type() forms)
 * on a table with rows: 0 for a binary-coercible change (varchar(n) to
 * varchar(m >= n) or text, numeric(p,s) to numeric(p' >= p,s), ...).
 */
unsigned compare_type_change_hazards(const char *o, const char *n);
/* One line: what the hazard means to a DBA ("drops data"). */
const char *hazard_explain(enum hazard h);

/*
 * A --rename argument "OLD=NEW" into *out (from and to malloc'd: the
 * caller frees them).  OLD is schema.table or schema.table.column, NEW the
 * same or just the new name; a part may be "double quoted" (with "" for a
 * quote) to hold a dot or an equals sign.  false when malformed.
 */
bool compare_parse_rename(const char *arg, struct rename_hint *out);

#endif /* PGB_COMPARE_H */
