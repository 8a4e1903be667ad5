/*
 * build_int.h
 *	  Internal to the model builder (build_*.c and typefmt.c): the
 *	  builder's state and the helpers its parts share.
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
	struct model *m;
	struct arena *a; /* the model's arena */
	struct splitter *sp;
	const char *file;
	const struct stmt *st; /* statement being applied */
	/* search_path as set by the dump; unqualified names resolve through it */
	const char *search_path[BUILD_MAX_SEARCH_PATH];
	int n_search_path;
	struct session *ss; /* standard_conforming_strings (build_session.c) */
};

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
/* The same with a formatted message, for the current statement. */
void build_note(struct builder *b, struct loc l, const char *fmt, ...) PGB_PRINTF(3, 4);

/*
 * build_session.c: standard_conforming_strings as the session has it.
 * The current value is the splitter's (split_standard_strings).
 */
struct session;
struct session *build_session_new(void);
void build_session_free(struct session *ss);
/* The value the current statement is read with. */
bool build_standard_strings(const struct builder *b);
/* parse_bool(): 1 true, 0 false, -1 not a boolean. */
int build_parse_bool(const char *v);
void build_session_set(struct builder *b, const VariableSetStmt *vs);
void build_session_transaction(struct builder *b, const TransactionStmt *ts);
void build_session_alter_database(struct builder *b, const AlterDatabaseSetStmt *s);
void build_session_alter_role(struct builder *b, const AlterRoleSetStmt *s);
/* set_config calls, and code that may change the setting where it cannot be followed. */
void build_session_statement(struct builder *b, const Node *n);
/* A new connection to `dbname` (NULL: not known) starts from its default. */
void build_session_reconnect(struct builder *b, const char *dbname);
/* A statement that is not applied (another database's): follow the setting only. */
void build_session_follow(struct builder *b, const struct stmt *st);

/* The schema unqualified new objects go into (first of search_path). */
const char *build_creation_schema(const struct builder *b);
/* Schema of a RangeVar: explicit, or the creation schema. */
const char *build_rv_schema(struct builder *b, const RangeVar *rv);
/* Find a table named by a RangeVar, searching search_path when unqualified. */
struct table *build_find_table(struct builder *b, const RangeVar *rv);
/* Split a qualified name list (String nodes) into schema (may be NULL) and name. */
void build_qualname(struct builder *b, const List *names, const char **schema, const char **name);

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

/* An index or partition key expression as pg_get_indexdef prints it: "(a + b)", "lower(b)". */
const char *build_key_expr(struct builder *b, const Node *expr);

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
/* CREATE/ALTER SEQUENCE options and identity sequence options (DefElem nodes). */
void build_sequence_options(struct builder *b, struct sequence *s, const List *opts);
/* GENERATED ... AS IDENTITY on a column: the column's identity and its sequence. */
void build_add_identity(struct builder *b, struct table *t, struct column *col,
			const Constraint *c);

/*
 * build_db.c: split the dump and apply its statements, keeping only the
 * globals and the section of `dbname` (NULL: the only database there is)
 * of a dump with `\connect` lines.  Returns 0, or -1 after an error was
 * reported (by the splitter, or because the database choice failed).
 */
int build_sections(struct builder *b, struct splitter *sp, const char *dbname);

#endif /* PGB_BUILD_INT_H */
