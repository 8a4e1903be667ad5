/*
 * build_int.h
 *	  Internal to the model builder (build_*.c and typefmt.c): the
 *	  builder's state and the helpers its parts share.  What every part
 *	  uses is defined in build_util.c, below them all; build_table.c,
 *	  build_alter.c and build_objects.c also share functions with each
 *	  other (the three siblings tools/check-layers.py allows).
 */
#ifndef PGB_BUILD_INT_H
#define PGB_BUILD_INT_H

#include "ast.h"
#include "build.h"
#include "diag.h"
#include "hint.h"
#include "model.h"

#define BUILD_MAX_SEARCH_PATH 8

struct builder {
	struct diags *d; /* the caller's diagnostics list */
	struct model *m;
	struct arena *a; /* the model's arena */
	struct splitter *sp;
	const char *file;
	const struct stmt *st; /* statement being applied */
	/* search_path as set by the dump; unqualified names resolve through it */
	const char *search_path[BUILD_MAX_SEARCH_PATH];
	int n_search_path;
	struct session *ss;	  /* standard_conforming_strings (build_session.c) */
	bool stopped;		  /* the model is full (model_full): nothing more is applied */
	const char *current_role; /* SET ROLE / SESSION AUTHORIZATION; NULL: the script's */
};

/* build_util.c: what every part shares. */

/* Location of the current statement, or of a byte offset inside it. */
struct loc build_loc(const struct builder *b, int byte_offset);
/* "TABLE public.users" from the pg_dump header, written into buf (returned), or NULL. */
const char *build_hint_object(struct builder *b, char *buf, size_t size);
void build_warn(struct builder *b, int byte_offset, const char *fmt, ...) PGB_PRINTF(3, 4);

/*
 * Keep a statement pgbaseline could not follow as unparsed (so --strict
 * fails on it) and warn at `l`; `object` may be NULL.  Strings are copied.
 */
void build_record_unparsed(struct builder *b, struct loc l, const char *object,
			   const char *message);
/*
 * Count a statement that was not applied and keep the first
 * MODEL_UNPARSED_KEPT of them (no warning: the caller words it).
 */
void build_keep_unparsed(struct builder *b, struct loc l, const char *object, const char *message,
			 const char *excerpt);
/* build_record_unparsed with a formatted message, for the current statement. */
void build_note(struct builder *b, struct loc l, const char *fmt, ...) PGB_PRINTF(3, 4);

/* The schema unqualified new objects go into (first of search_path). */
const char *build_creation_schema(const struct builder *b);
/* Schema of a RangeVar: explicit, or the creation schema. */
const char *build_rv_schema(struct builder *b, const RangeVar *rv);
/* Find a table named by a RangeVar, searching search_path when unqualified. */
struct table *build_find_table(struct builder *b, const RangeVar *rv);
/* Split a qualified name list (String nodes) into schema (may be NULL) and name. */
void build_qualname(struct builder *b, const List *names, const char **schema, const char **name);
/*
 * A COLLATE clause as one name whoever wrote it: "schema.name" for the
 * dump's own collations (an unqualified one resolved through search_path),
 * the bare name for pg_catalog's ("C", written pg_catalog."C" by pg_dump),
 * and NULL for COLLATE "default", which pg_dump never writes back.
 */
const char *build_collation(struct builder *b, const CollateClause *cc);
/*
 * The schema of search_path in which a function `name` the model holds is
 * found first, as PostgreSQL resolves an unqualified name; NULL when none
 * is (pg_catalog's own, or one pgbaseline does not know).
 */
const char *build_function_schema(struct builder *b, const char *name);
/* Equal strings (both NULL counts); equal lists of strings. */
bool build_str_eq(const char *x, const char *y);
bool build_strvec_eq(const struct ptrvec *x, const struct ptrvec *y);
/* Is c a partition of t; a partition or an INHERITS child of t? */
bool build_is_partition_of(const struct table *c, const struct table *t);
bool build_is_child_of(const struct table *c, const struct table *t);
/* "nextval('schema.seq'::regclass)", as pg_get_expr prints a serial column's default. */
/* regclass input of `text`: one or two names, each bare (folded to lower case) or
 * double-quoted, into *schema (NULL for one) and *name (arena strings).  False when it
 * is not that. */
bool build_regclass_parse(struct builder *b, const char *text, const char **schema,
			  const char **name);
const char *build_nextval_default(struct builder *b, const char *schema, const char *seq);
/*
 * t and every table below it (INHERITS children and partitions, theirs...),
 * each once, t first; with `partitions`, only partitions.  out is the
 * caller's to free.
 */
void build_tables_below(struct builder *b, struct table *t, bool partitions, struct ptrvec *out);
/* Does a partition's index `child` stand for its parent's `parent` (CompareIndexInfo())? */
bool build_index_matches(const struct index *parent, const struct index *child);

/*
 * build_data.c: what the builder reads of data.  build_data_copy: t's
 * first value from a COPY block's first data line (split.h's
 * copy_first_row; NULL: no data).  build_data_insert: an INSERT of
 * pg_dump's forms, scanned: its rows added to its table's and its first
 * value kept; anything else is left alone.
 */
struct stmt;
void build_data_copy(struct builder *b, struct table *t, const char *first_row);
void build_data_insert(struct builder *b, const struct stmt *st);

/*
 * build_session.c: standard_conforming_strings as the session has it.
 * The current value is the splitter's (split_standard_strings).
 */
struct session;
struct session *build_session_new(void);
void build_session_free(struct session *ss);
/* The value the current statement is read with. */
bool build_standard_strings(const struct builder *b);
void build_session_set(struct builder *b, const VariableSetStmt *vs);
void build_session_transaction(struct builder *b, const TransactionStmt *ts);
void build_session_alter_database(struct builder *b, const AlterDatabaseSetStmt *s);
void build_session_alter_role(struct builder *b, const AlterRoleSetStmt *s);
/* set_config calls, and code that may change the setting where it cannot be followed. */
void build_session_statement(struct builder *b, const Node *n);

/* What a generated name must not collide with (ChooseConstraintName / ChooseRelationName). */
enum name_clash {
	CLASH_CONSTRAINT,	   /* constraint names in the schema (tables' and domains') */
	CLASH_CONSTRAINT_RELATION, /* both: the index of a PRIMARY KEY / UNIQUE / EXCLUDE */
	CLASH_RELATION,		   /* relation names in the schema: a sequence */
};

/*
 * name1_name2_label cut to 63 bytes as PostgreSQL's makeObjectName() cuts
 * it (name2 may be NULL), with 1, 2, ... added to the label until the name
 * is free in `schema`.
 */
const char *build_choose_name(struct builder *b, const char *schema, const char *name1,
			      const char *name2, const char *label, enum name_clash clash);

/* Names joined with "_" and cut as ChooseIndexNameAddition() does: name2 of an index's name. */
const char *build_name_addition(struct builder *b, const struct ptrvec *names);

/*
 * An expression deparsed, with each cast's type spelled as format_type()
 * prints it ('x'::character varying, not varchar), as pg_get_expr shows
 * casts.  NULL for NULL.
 */
const char *build_expr(struct builder *b, const Node *expr);
/* The statement n deparsed (or as written when it does not deparse), in b's arena. */
char *build_definition(struct builder *b, const Node *n);

/* An index or partition key expression as pg_get_indexdef prints it: "(a + b)", "lower(b)". */
const char *build_key_expr(struct builder *b, const Node *expr);

/* One index or exclusion key as the model keeps it (struct index_key), in the arena. */
struct index_key *build_index_key(struct builder *b, const IndexElem *ie);
/* A copy of k in the arena (a partition's index or constraint renames its own). */
struct index_key *build_copy_key(struct builder *b, const struct index_key *k);

/*
 * build_canon.c: the canonical form of a definition (a view's query, a
 * CREATE RULE, a CREATE or ALTER FUNCTION, a CREATE AGGREGATE), deparsed
 * text in b's arena, the same for one meaning however pg_dump wrote it,
 * names resolved through the current search_path; NULL when def is NULL
 * or does not parse again.
 */
const char *build_canon_query(struct builder *b, const char *def);
const char *build_canon_rule(struct builder *b, const char *def);
const char *build_canon_function(struct builder *b, const char *def);
/*
 * An expression's (a column's default or generated expression, deparsed)
 * canonical form: names resolved as above, and the spellings ruleutils
 * gave one value over the versions made one (now() and
 * CURRENT_TIMESTAMP, ('now'::text)::date and CURRENT_DATE,
 * "current_user"() and CURRENT_USER, ...).  NULL when it is the text
 * itself (or the text does not parse again).
 */
const char *build_canon_expr(struct builder *b, const char *text);

/* typefmt.c: a TypeName as format_type() prints it. */
char *typefmt_format(struct builder *b, const TypeName *tn);

/* Apply statements; in build_table.c, build_alter.c, build_objects.c. */
void build_create_table(struct builder *b, const CreateStmt *cs, bool foreign, const char *server);
void build_alter_table(struct builder *b, const AlterTableStmt *as);
void build_index(struct builder *b, const IndexStmt *is);
void build_add_constraint(struct builder *b, struct table *t, const Constraint *c,
			  const char *column);
/* A column's DEFAULT as the catalog keeps it: none (NULL) when it is a bare null constant. */
const char *build_default_expr(struct builder *b, const struct column *col, const Node *expr);
/* ALTER TABLE ... ADD COLUMN: the column with its defaults and constraints. */
void build_add_column(struct builder *b, struct table *t, const ColumnDef *cd);
void build_object_statement(struct builder *b, const Node *n);

/*
 * build_named.c: the objects the model holds by name (struct object).
 * build_named_statement applies n when it creates or alters one (false:
 * not such a statement).  build_named_kind tells which kind an ObjectType
 * (of COMMENT, ALTER ... OWNER TO, GRANT) names; build_named_find finds
 * that object, or NULL.  build_named_options writes generic options
 * (OPTIONS (a 'x')) as "a 'x', b 'y'" in the model's arena, or NULL for
 * none.
 */
bool build_named_statement(struct builder *b, const Node *n);
bool build_named_kind(ObjectType type, enum object_kind *kind);
struct objhdr *build_named_find(struct builder *b, enum object_kind kind, const Node *obj);
const char *build_named_options(struct builder *b, const List *options);
/*
 * `old` (build_named_options' form) with OPTIONS (ADD / SET / DROP ...)
 * applied as PostgreSQL applies them (transformGenericOptions); a bad one
 * (ADD of what is there, SET or DROP of what is not) fails the statement in
 * PostgreSQL: a warning naming `what`, and `old` is returned unchanged.
 */
const char *build_named_options_alter(struct builder *b, const char *old, const List *actions,
				      const char *what);

/*
 * build_dialect.c: after a failed parse, rewrite newer pg_dump syntax
 * (dialect.h) and parse again into *p.  Returns the rewrite (malloc'd) when
 * the rewritten text parsed, else NULL with *p still holding the first
 * error.  build_dialect_mark(), called once the tree was applied and
 * before pgparse_free(), marks the model with what the rewrite dropped and
 * frees the rewrite; NULL is a no-op.
 */
struct dialect_rewrite;
struct dialect_rewrite *build_dialect_retry(struct builder *b, struct pgparse *p);
void build_dialect_mark(struct builder *b, const struct pgparse *p, struct dialect_rewrite *rw);

/* Shared between the parts. */
const char *build_partition_bound(struct builder *b, const PartitionBoundSpec *pb);
void build_attach_partition(struct builder *b, struct table *parent, struct table *part,
			    const PartitionBoundSpec *pb);
/*
 * Give `to` the indexes and PRIMARY KEY / UNIQUE / EXCLUDE constraints of
 * `from`, under names chosen for `to`: a new partition (`attach`: one it
 * has already stands for its parent's when it matches), or LIKE ...
 * INCLUDING INDEXES.
 */
void build_clone_indexes(struct builder *b, struct table *from, struct table *to, bool attach);
/* A row trigger on partitioned t is cloned onto every partition below it (same name). */
void build_trigger_to_partitions(struct builder *b, struct table *t, const struct trigger *tr);
/*
 * ChooseIndexColumnNames() for one more key or INCLUDE column: its name
 * (the column's, the expression's own as FigureColname() gives it, else
 * "expr"), made distinct from those in `names` with 1, 2..., appended.
 */
void build_index_colname(struct builder *b, struct ptrvec *names, const IndexElem *ie);
/* build_drop.c: DROP TABLE / VIEW / SEQUENCE / INDEX, ALTER TABLE DROP COLUMN / CONSTRAINT. */
void build_drop(struct builder *b, const DropStmt *ds);
void build_drop_column(struct builder *b, struct table *t, const AlterTableCmd *cmd, bool recurse);
void build_drop_constraint(struct builder *b, struct table *t, const AlterTableCmd *cmd,
			   bool recurse);
/*
 * build_util.c: the first identifier token at or after p that names column `col` (bare or
 * double-quoted; not inside a string literal, not a function's or a type's
 * name), with its length in *len; NULL when there is none.
 */
const char *build_find_ident(const char *p, const char *col, size_t *len);
/* build_rename.c: RENAME (tables, columns, constraints, indexes, sequences, views), SET SCHEMA. */
void build_rename(struct builder *b, const RenameStmt *rs);
void build_set_schema(struct builder *b, const AlterObjectSchemaStmt *as);
/* ALTER TYPE ... RENAME VALUE (once build_objects.c renamed the label): expressions follow. */
void build_rename_enum_value(struct builder *b, const AlterEnumStmt *es);
/* CREATE/ALTER SEQUENCE options and identity sequence options (DefElem nodes). */
void build_sequence_options(struct builder *b, struct sequence *s, const List *opts);
/* GENERATED ... AS IDENTITY on a column: the column's identity and its sequence. */
void build_add_identity(struct builder *b, struct table *t, struct column *col,
			const Constraint *c);

/*
 * build_defacl.c: ALTER DEFAULT PRIVILEGES (struct default_acl), the role
 * that creates objects (SET ROLE, SET SESSION AUTHORIZATION), and the
 * defaults applied to what a statement created: build_defacl_mark before
 * it, build_defacl_created after it.
 */
void build_default_privileges(struct builder *b, const AlterDefaultPrivilegesStmt *st);
void build_set_role(struct builder *b, const VariableSetStmt *vs);
struct defacl_mark {
	size_t tables, views, sequences, functions, types, schemas;
};
void build_defacl_mark(const struct builder *b, struct defacl_mark *mk);
void build_defacl_created(struct builder *b, const struct defacl_mark *mk);

#endif /* PGB_BUILD_INT_H */
