/*
 * model.h
 *	  The schema model: what PostgreSQL's catalog would hold after the dump
 *	  was restored, built offline from the dump's statements (see build.h).
 *
 *	  Every object lives in the model's arena and lives as long as the model.
 *	  Strings are arena copies; NULL means "absent" (no comment, no
 *	  default...).  Names are stored unquoted, exactly as the catalog holds
 *	  them.  Types are written as format_type() prints them with an empty
 *	  search_path (built-in types bare, others schema-qualified);
 *	  expressions as libpg_query deparses them.
 *
 *	  Lists are ptrvecs in the order objects were created; model_sort()
 *	  orders the top-level lists by schema then name (then by a stable
 *	  tie-break) for deterministic output.
 */
#ifndef PGB_MODEL_H
#define PGB_MODEL_H

#include "arena.h"
#include "pgb.h"

struct strmap;

/*
 * One privilege: table-level ("SELECT"; "ALL": every privilege of the
 * object's kind) or on columns ("SELECT" on a, b).  Names are upper case;
 * "" is ALL (columns).
 */
struct privilege {
	const char *name;
	bool columns;	       /* a column privilege, on `cols` */
	struct ptrvec cols;    /* char *: in the order granted */
	struct strmap *col_ix; /* private to grants.c */
	const char *key;       /* private to grants.c */
};

/*
 * The privileges a grantee holds on an object, with or without the grant
 * option (grants.c): at most one entry of each per grantee, as
 * PostgreSQL's ACL has one item per grantee.
 */
struct grant {
	const char *grantee;	/* role name, "PUBLIC" */
	const char *privileges; /* "SELECT, INSERT", "ALL", "SELECT(a, b)": made by model_sort() */
	bool with_grant_option;
	struct ptrvec privs; /* struct privilege *, in the order first granted */
	/* private to grants.c */
	struct strmap *priv_ix;
	const char *key;
	bool dirty; /* privs changed since `privileges` was made */
};

/* Fields every named object carries. */
struct objhdr {
	const char *schema; /* NULL for schema-less objects (schemas, extensions' own name) */
	const char *name;
	const char *owner;
	const char *comment;
	struct ptrvec grants;	 /* struct grant *: one per grantee and grant option (grants.c) */
	bool included;		 /* passes the -n/-N/-t/-T filters (set by filter_apply) */
	struct strmap *grant_ix; /* private to grants.c */
	size_t grants_dead;	 /* private to grants.c: emptied entries not yet dropped */
	bool acl_set;		 /* a GRANT or REVOKE was applied: grants start from the default */
	size_t created; /* creation ordinal (model_add_*): the dump's order, a dependency order */
	int line, col;	/* where the dump created it (model.at_line/at_col then), 0 when unknown */
};

enum table_kind {
	TABLE_ORDINARY,
	TABLE_PARTITIONED,
	TABLE_PARTITION,
	TABLE_FOREIGN,
};

enum identity_kind {
	IDENTITY_NONE = 0,
	IDENTITY_ALWAYS = 'a',
	IDENTITY_BY_DEFAULT = 'd',
};

struct column {
	const char *name;
	const char *type; /* format_type() form */
	bool not_null;
	const char *default_expr; /* deparsed, or NULL */
	enum identity_kind identity;
	const char *generated;	/* expression of GENERATED ALWAYS AS (...) STORED, or NULL */
	bool virtual_generated; /* PG 18 virtual generated column (read as STORED, see dialect.h) */
	const char *collation;	/* explicit COLLATE, qualified as pg_dump wrote it, or NULL */
	const char *comment;
	bool inherited;		     /* came from a parent (INHERITS / PARTITION OF) only */
	const char *foreign_options; /* foreign tables: the column's OPTIONS as "a 'x'", or NULL */
	int line, col;		     /* where the dump added it (as objhdr's), 0 when unknown */
};

enum con_kind {
	CON_PRIMARY,
	CON_UNIQUE,
	CON_FOREIGN,
	CON_CHECK,
	CON_EXCLUSION,
};

/*
 * One key of an index or exclusion constraint, as written: a column by
 * name or an expression (deparsed), with what differs from the defaults.
 * Outputs render it with facts_put_index_key().
 */
enum key_nulls { KEY_NULLS_DEFAULT, KEY_NULLS_FIRST, KEY_NULLS_LAST };
struct index_key {
	const char *column;	      /* the column's name, or NULL for an expression */
	const char *expression;	      /* the expression, deparsed, or NULL for a column */
	bool parens;		      /* pg_get_indexdef wraps the expression in parentheses */
	const char *collation_schema; /* or NULL */
	const char *collation;	      /* as written, or NULL */
	const char *opclass_schema;   /* or NULL */
	const char *opclass;	      /* operator class as written, or NULL */
	const char **opclass_params;  /* name, value, name, value...: 2 * n_opclass_params */
	size_t n_opclass_params;
	bool desc;
	enum key_nulls nulls; /* only when not the default for the order (LAST asc, FIRST desc) */
	const char *op;	      /* exclusion: the operator after WITH, else NULL */
};

struct constraint {
	const char *name;
	enum con_kind kind;
	struct ptrvec columns; /* char *: key columns (PK, UNIQUE, FK); exclusion: "elem WITH op" */
	struct ptrvec keys;    /* struct index_key *: exclusion's elements */
	struct ptrvec include; /* char *: INCLUDE columns of PK/UNIQUE */
	/* foreign keys */
	const char *ref_schema;
	const char *ref_table;
	struct ptrvec ref_columns; /* char * */
	const char *on_delete; /* "NO ACTION", "CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT" */
	const char *on_update;
	const char *match; /* "SIMPLE", "FULL", "PARTIAL" */
	bool deferrable;
	bool initially_deferred;
	bool valid; /* false for NOT VALID until VALIDATE CONSTRAINT */
	/* check and exclusion */
	const char *expression; /* CHECK expression, deparsed */
	const char *method;	/* exclusion: index method */
	const char *where;	/* exclusion: WHERE predicate */
	bool no_inherit;
	bool nulls_not_distinct;
	bool not_enforced; /* PG 18 CHECK / FOREIGN KEY ... NOT ENFORCED */
	bool temporal;	   /* PG 18 WITHOUT OVERLAPS (PK, UNIQUE) or PERIOD (FK), dropped */
	const char *comment;
	/* CHECK: a ring of the copies sharing this expression (inherited ones), or NULL */
	struct constraint *next_copy;
	int line, col; /* where the dump added it (as objhdr's), 0 when unknown */
};

struct index {
	struct objhdr h; /* schema is the table's schema */
	const char *table;
	bool unique;
	bool nulls_not_distinct;
	const char *method;	/* "btree", "gin", ... */
	struct ptrvec columns;	/* char *: column name or expression, for matching by name */
	struct ptrvec keys;	/* struct index_key *: what outputs show */
	struct ptrvec include;	/* char * */
	const char *where;	/* partial index predicate, deparsed, or NULL */
	const char *constraint; /* name of the PK/UNIQUE/EXCLUDE constraint it backs, or NULL */
	struct ptrvec colnames; /* char *: its columns' own names ("lower", "expr1"), for naming */
};

struct trigger {
	const char *name;
	const char *table_schema;
	const char *table;
	const char *timing; /* "BEFORE", "AFTER", "INSTEAD OF" */
	const char *events; /* "INSERT OR UPDATE OF a, b" */
	bool for_each_row;
	const char *function; /* qualified name with arguments as written: "public.f()" */
	const char *when;
	bool constraint_trigger;
	const char *comment;
	const char *function_schema; /* the function's schema (NULL: as written, unqualified) */
	const char *function_name;   /* its name */
	const char *function_args;   /* its arguments as SQL literals: "'x', 'it''s'" */
	const char **update_of;	     /* the columns of UPDATE OF (in the arena) */
	size_t n_update_of;
	bool deferrable, initially_deferred; /* a constraint trigger's */
};

struct policy {
	const char *name;
	const char *table_schema;
	const char *table;
	const char *command; /* "ALL", "SELECT", "INSERT", "UPDATE", "DELETE" */
	bool permissive;
	struct ptrvec roles; /* char * */
	const char *using_expr;
	const char *check_expr;
	const char *comment;
	int line, col; /* where the dump created it (as objhdr's), 0 when unknown */
};

struct table {
	struct objhdr h;
	enum table_kind kind;
	bool unlogged;
	bool rls_enabled;
	bool rls_forced;
	const char *partition_key; /* "RANGE (payment_date)" for partitioned tables */
	const char *parent_schema; /* partitions: the partitioned table */
	const char *parent_table;
	const char *partition_bound; /* "FOR VALUES FROM (...) TO (...)", "DEFAULT" */
	struct ptrvec inherits;	     /* char *: "schema.table" of INHERITS parents */
	const char *foreign_server;  /* foreign tables */
	const char *foreign_options; /* foreign tables: OPTIONS as "a 'x', b 'y'", or NULL */
	struct ptrvec columns;	     /* struct column *, in attnum order */
	struct ptrvec constraints;   /* struct constraint * */
	struct ptrvec indexes;	     /* struct index *: CREATE INDEX ones, not constraint-backed */
	struct ptrvec triggers;	     /* struct trigger * */
	struct ptrvec policies;	     /* struct policy * */
	long long rows;		     /* rows of COPY data seen, -1 when unknown */
	const char *first_value; /* the first data row's first value (COPY or INSERT), or NULL */
	/* private to model.c: lookups by name, and the tables that may be children */
	struct strmap *column_ix;	/* see strmap_list_find() */
	struct strmap *constraint_ix;	/* see strmap_list_find() */
	struct ptrvec children;		/* struct table *: INHERITS / PARTITION OF this, ever */
	struct constraint *primary_key; /* the first CON_PRIMARY added */
	unsigned n_primary_keys;	/* how many were added (more than one: search) */
	struct strmap *trigger_ix, *policy_ix; /* see strmap_list_find() (build_objects.c) */
	bool trigger_dups, policy_dups;	       /* a name came twice: search the list */
	unsigned visit;			       /* traversal mark (model.visit_gen) */
};

struct view {
	struct objhdr h;
	bool materialized;
	const char *definition;	 /* the query, deparsed */
	struct ptrvec columns;	 /* char *: explicit column names, if written */
	struct ptrvec indexes;	 /* struct index *: indexes on a materialized view */
	const char *placeholder; /* its first definition when CREATE OR REPLACE VIEW replaced it
				    (pg_dump's stand-in for a view in a dependency loop), or NULL */
};

struct sequence {
	struct objhdr h;
	const char *data_type; /* "bigint" (the default), "integer", "smallint" */
	long long start, increment, min_value, max_value, cache;
	bool has_start, has_increment, has_min, has_max, has_cache;
	bool cycle;
	const char *owned_by_schema; /* OWNED BY table.column, or NULL */
	const char *owned_by_table;
	const char *owned_by_column;
	bool identity; /* created by ADD GENERATED ... AS IDENTITY */
};

enum type_kind {
	TYPE_ENUM,
	TYPE_COMPOSITE,
	TYPE_DOMAIN,
	TYPE_RANGE,
	TYPE_BASE, /* CREATE TYPE with input/output functions, or a shell type */
};

struct type_attr {
	const char *name;
	const char *type;
	const char *collation;
};

struct domain_check {
	const char *name;
	const char *expression;
	bool valid;
};

struct pgtype {
	struct objhdr h;
	enum type_kind kind;
	struct ptrvec labels;	  /* enum: char * in sort order */
	struct strmap *label_ix;  /* enum: label -> label, built past a few (build_objects.c) */
	struct ptrvec attributes; /* composite: struct type_attr * */
	const char *base_type;	  /* domain */
	bool not_null;		  /* domain */
	const char *default_expr; /* domain */
	const char *collation;	  /* domain */
	struct ptrvec checks;	  /* domain: struct domain_check * */
	const char *subtype;	  /* range */
};

enum func_kind {
	FUNC_FUNCTION,
	FUNC_PROCEDURE,
	FUNC_AGGREGATE,
};

struct function {
	struct objhdr h;
	enum func_kind kind;
	const char *arguments; /* "integer, text" (input argument types, format_type form) */
	const char *signature; /* "name(integer, text)" */
	const char *returns;   /* "integer", "SETOF text", "TABLE(a integer)", "trigger"; NULL for
				  procedures */
	const char *language;
	bool security_definer;	/* SECURITY DEFINER (pg_proc.prosecdef) */
	bool sets_search_path;	/* SET search_path in its proconfig (CREATE or ALTER FUNCTION) */
	const char *definition; /* CREATE FUNCTION / AGGREGATE deparsed, then each ALTER FUNCTION */
};

/*
 * Every other kind of object PostgreSQL keeps in its catalog, held by name:
 * enough to say that it exists, where, whose it is and which statement
 * made it.  The order is the reports' order of sections.
 */
enum object_kind {
	OBJ_EVENT_TRIGGER,
	OBJ_RULE,
	OBJ_OPERATOR,
	OBJ_OPERATOR_CLASS,
	OBJ_OPERATOR_FAMILY,
	OBJ_PUBLICATION,
	OBJ_SUBSCRIPTION,
	OBJ_COLLATION,
	OBJ_CONVERSION,
	OBJ_TS_CONFIGURATION,
	OBJ_TS_DICTIONARY,
	OBJ_TS_PARSER,
	OBJ_TS_TEMPLATE,
	OBJ_CAST,
	OBJ_FOREIGN_DATA_WRAPPER,
	OBJ_SERVER,
	OBJ_USER_MAPPING,
	OBJ_STATISTICS,
	OBJ_TRANSFORM,
	OBJ_LANGUAGE,
	OBJ_ACCESS_METHOD,
	N_OBJECT_KINDS
};

struct object {
	/*
	 * h.schema: the object's schema; NULL for global ones (event triggers,
	 * publications, casts, wrappers, servers, ...).  A rule has its table's.
	 * h.name: the name; a cast's is "(source AS target)", a user mapping's
	 * the user ("PUBLIC"), a transform's the type (format_type form).
	 */
	struct objhdr h;
	enum object_kind kind;
	/*
	 * What the name is qualified by, or NULL: a rule's and a statistics
	 * object's table ("schema.table"), a user mapping's server, a
	 * transform's language, an operator class's or family's access method.
	 */
	const char *on;
	const char *arguments;	/* operators: "left, right" types ("NONE" for a prefix one) */
	const char *definition; /* the CREATE statement deparsed, then each ALTER that changed it */
	/* rules and statistics: the table, for the filter (else NULL) */
	const char *table_schema;
	const char *table;
};

/*
 * ALTER DEFAULT PRIVILEGES: one row of pg_default_acl.  h.grants is its
 * ACL as pg_default_acl holds it: for an entry of every schema (schema
 * NULL) the kind's built-in default (the role's own privileges, PUBLIC's
 * EXECUTE or USAGE) with the statements applied; for one IN SCHEMA only
 * what was granted there.  An entry back at its starting point is not
 * shown (PostgreSQL deletes the row).  h.name is the role, "" for the role
 * running the script (no FOR ROLE and no SET ROLE), h.schema the schema.
 */
struct default_acl {
	struct objhdr h;
	const char *kind; /* "tables", "sequences", "functions", "types", "schemas" */
	bool shown;	  /* differs from its starting point (set by model_sort) */
};

struct extension {
	struct objhdr h; /* h.name is the extension; h.schema where it was installed (or NULL) */
	const char *version;
};

struct schema {
	struct objhdr h; /* h.name; h.schema is NULL */
	bool created;	 /* by CREATE SCHEMA (the schema public exists without one) */
};

/*
 * The model keeps the first MODEL_UNPARSED_KEPT unparsed statements; the
 * rest are counted in source.unparsed only (model_unparsed_omitted()).
 */
#define MODEL_UNPARSED_KEPT 1000

struct unparsed {
	int line;
	int col;
	const char *object;  /* "TABLE public.users" from the pg_dump header, or NULL */
	const char *message; /* the parser's message */
	const char *excerpt; /* the statement's first line, truncated */
};

/* What the dump said about itself. */
struct source_info {
	const char *file;
	const char *pg_dump_version; /* from "-- Dumped by pg_dump version 15.3", or NULL */
	const char *server_version;  /* from "-- Dumped from database version 15.2", or NULL */
	const char *format;	     /* compression: "plain", "gzip", "zstd", "lz4" */
	const char *dump_format;     /* "custom", "directory", "tar"; NULL for a plain dump */
	const char *archive_version; /* archives: "1.14.0" from the header, else NULL */
	const char *dump_time;	     /* archives: "2024-05-01 12:34:56", pg_dump's local time */
	const char *database;	     /* archives: the dumped database's name, else NULL */
	long statements;	     /* SQL statements read (psql meta-commands not counted) */
	long unparsed;		     /* statements the parser rejected (all, kept or not) */
	long copy_blocks;	     /* COPY ... FROM stdin blocks seen */
	long inserts;		     /* INSERT statements counted but not modelled */
	long rewritten;		     /* statements parsed only once rewritten (dialect.h) */
};

struct model {
	struct arena *arena;
	struct source_info source;
	struct ptrvec schemas;	  /* struct schema * */
	struct ptrvec extensions; /* struct extension * */
	struct ptrvec tables;	  /* struct table * */
	struct ptrvec views;	  /* struct view * */
	struct ptrvec sequences;  /* struct sequence * */
	struct ptrvec types;	  /* struct pgtype * */
	struct ptrvec functions;  /* struct function * */
	struct ptrvec unparsed;	  /* struct unparsed *: the first MODEL_UNPARSED_KEPT */
	struct ptrvec indexes;	  /* struct index *: every index, for lookup by name */
	struct ptrvec roles;	  /* char *: roles created (pg_dumpall globals), owners, grantees */
	struct ptrvec tablespaces;  /* char *: CREATE TABLESPACE (pg_dumpall globals) */
	struct ptrvec objects;	    /* struct object *: every other kind (enum object_kind) */
	struct ptrvec default_acls; /* struct default_acl *: ALTER DEFAULT PRIVILEGES */
	struct symtab *symtab;	    /* name lookup (private to model.c) */
	struct strmap
	    *name_passes;    /* build_choose_name's next pass per name stem (build_table.c) */
	unsigned visit_gen;  /* the last traversal mark handed out (table.visit) */
	size_t n_objects;    /* objects created; past PGB_MAX_OBJECTS the model is full */
	size_t last_created; /* the last creation ordinal handed out (objhdr.created) */
	/* where the statement being applied starts (the builder sets it), 0 outside one:
	   model_add_*, table_add_column and table_add_constraint record it on the object */
	int at_line, at_col;
};

struct model *model_new(void);
void model_free(struct model *m);
/*
 * More than PGB_MAX_OBJECTS objects were added: the builder stops at the
 * end of the statement that went past, and the dump is refused.
 */
bool model_full(const struct model *m);

/* Lookups return NULL silently when the object does not exist. */
struct table *model_find_table(struct model *m, const char *schema, const char *name);
struct view *model_find_view(struct model *m, const char *schema, const char *name);
struct sequence *model_find_sequence(struct model *m, const char *schema, const char *name);
struct pgtype *model_find_type(struct model *m, const char *schema, const char *name);
struct index *model_find_index(struct model *m, const char *schema, const char *name);
struct schema *model_find_schema(struct model *m, const char *name);
/* The first column / constraint of that name (hashed once the table has many). */
struct column *table_find_column(struct table *t, const char *name);
struct constraint *table_find_constraint(struct table *t, const char *name);
/*
 * The function schema.name (the last created of that name), or when args
 * is not NULL the last created with exactly those arguments (its
 * `arguments` form).  Functions are found once model_index_function() has
 * seen them with their arguments set.
 */
struct function *model_find_function(struct model *m, const char *schema, const char *name,
				     const char *args);
void model_index_function(struct model *m, struct function *f);
/* Is `name` a constraint's name in this schema (a table's, or a domain's CHECK)? */
bool model_constraint_name_taken(struct model *m, const char *schema, const char *name);
/* A domain's CHECK named `name` now exists in `schema` (tables' are noted by table_add_constraint).
 */
void model_note_constraint_name(struct model *m, const char *schema, const char *name);
/* t is a domain; model_is_domain() knows it by its format_type() name. */
void model_note_domain(struct model *m, const struct pgtype *t);
/* Is `type` (format_type() form, "public.email") a domain's name? */
bool model_is_domain(struct model *m, const char *type);
/* child now INHERITS from parent or is its partition (is_child_of() in build_alter.c decides). */
void table_note_child(struct table *parent, struct table *child);
/* copy is a CHECK copied from `from` (same expression): join from's ring of copies. */
void constraint_note_copy(struct constraint *from, struct constraint *copy);

/*
 * h, a table's, view's, sequence's or index's header, is now schema.name
 * (RENAME, SET SCHEMA): lookups find it there and no longer under its old
 * name.  Strings are copied.
 */
void model_rename_relation(struct model *m, struct objhdr *h, const char *schema, const char *name);
/* Constraint `name` is gone from `schema` (renamed, moved) unless another holds it. */
void model_forget_constraint_name(struct model *m, const char *schema, const char *name);
/*
 * DROP: the object leaves its lists and lookups, and what it alone holds is
 * freed (a table: its indexes and constraints too; a view: its indexes).
 * What refers to it is the caller's to deal with.
 */
void model_drop_table(struct model *m, struct table *t);
void model_drop_view(struct model *m, struct view *v);
void model_drop_sequence(struct model *m, struct sequence *s);
void model_drop_index(struct model *m, struct index *ix);
/* DROP TYPE / DOMAIN, FUNCTION, SCHEMA, EXTENSION: the object alone (the builder follows CASCADE).
 */
void model_drop_type(struct model *m, struct pgtype *t);
void model_drop_function(struct model *m, struct function *f);
void model_drop_schema(struct model *m, struct schema *s);
void model_drop_extension(struct model *m, struct extension *e);
/* The extension of that name, or NULL. */
struct extension *model_find_extension(struct model *m, const char *name);
void table_drop_column(struct table *t, struct column *c);
void table_drop_constraint(struct model *m, struct table *t, struct constraint *c);
/* A column or constraint of t was renamed: its name lookups are rebuilt. */
void table_names_changed(struct table *t);

/* Creation registers the object for lookup; the caller fills the fields. */
struct schema *model_add_schema(struct model *m, const char *name);
struct table *model_add_table(struct model *m, const char *schema, const char *name);
struct view *model_add_view(struct model *m, const char *schema, const char *name);
struct sequence *model_add_sequence(struct model *m, const char *schema, const char *name);
struct pgtype *model_add_type(struct model *m, const char *schema, const char *name);
struct function *model_add_function(struct model *m, const char *schema, const char *name);
struct extension *model_add_extension(struct model *m, const char *name);
struct index *model_add_index(struct model *m, const char *schema, const char *name);
/*
 * The object of that kind, schema (NULL: none), name and qualifier (its
 * `on`, or for an operator its `arguments`; NULL: none).  model_add_object
 * returns the existing one when there is one (CREATE OR REPLACE).
 */
struct object *model_add_object(struct model *m, enum object_kind kind, const char *schema,
				const char *name, const char *qual);
struct object *model_find_object(struct model *m, enum object_kind kind, const char *schema,
				 const char *name, const char *qual);
/* ALTER ... RENAME TO: o is found by its new name from now on (name is copied). */
void model_rename_object(struct model *m, struct object *o, const char *name);
/* A rule's table was renamed or moved: o is found in `schema`, on `on`, from now on (copied). */
void model_move_object(struct model *m, struct object *o, const char *schema, const char *on);
/* DROP: o leaves the model (its memory stays in the arena until model_free). */
void model_drop_object(struct model *m, struct object *o);
struct column *table_add_column(struct model *m, struct table *t, const char *name);
struct constraint *table_add_constraint(struct model *m, struct table *t, const char *name,
					enum con_kind kind);
void model_note_role(struct model *m, const char *role);
/*
 * `s` as a string of the model's arena to replace `old` with (a comment, an
 * owner): `old` itself when equal, so a statement repeated a million times
 * does not copy its text a million times.  NULL stays NULL.
 */
const char *model_str(struct model *m, const char *old, const char *s);
/* A tablespace is global, like a role: no schema, recorded once. */
void model_note_tablespace(struct model *m, const char *name);

/*
 * GRANT (is_grant) or REVOKE of `privs` (struct privilege *: the
 * statement's, upper case, ALL as "ALL") to or from `grantee` on h, with
 * GRANT OPTION (for REVOKE: REVOKE GRANT OPTION FOR).  `all` lists what ALL
 * stands for on this kind of object ("USAGE, SELECT, UPDATE"), or NULL when
 * not known.  Memory is the model's; privs stays the caller's.
 */
void grants_apply(struct model *m, struct objhdr *h, const char *grantee,
		  const struct ptrvec *privs, bool is_grant, bool grant_option, const char *all);
/* Make each grant's `privileges` text (model_sort() does, for every object). */
void grants_render(struct model *m, struct objhdr *h);
/* Free h's grants (model_free() does). */
void grants_free(struct objhdr *h);

/* The default privileges entry of role ("": the script's), schema (NULL: all) and kind. */
struct default_acl *model_find_default_acl(struct model *m, const char *role, const char *schema,
					   const char *kind);
struct default_acl *model_add_default_acl(struct model *m, const char *role, const char *schema,
					  const char *kind);
/* What ALL stands for on a kind of default privileges ("tables": "SELECT, INSERT, ..."). */
const char *default_acl_all(const char *kind);

/* Sort every list by schema, then name, for byte-stable output. */
void model_sort(struct model *m);

/*
 * The included tables by schema and name, for emitters that keep arrays
 * indexed like m->tables (the model itself is const to them).  Build it
 * after filter_apply; free it with table_index_free.
 */
struct table_index;
struct table_index *table_index_new(const struct model *m);
/* Position in m->tables of the included table schema.name, or -1. */
long table_index_find(const struct table_index *ix, const char *schema, const char *name);
void table_index_free(struct table_index *ix);

/* Counts shown in every report's summary (over included objects only). */
struct model_summary {
	int schemas;
	int tables;
	int tables_with_relationships; /* tables that have or are the target of a foreign key */
	int foreign_keys;
	int indexes;	 /* CREATE INDEX indexes, not constraint-backed */
	int constraints; /* PK + UNIQUE + FK + CHECK + EXCLUDE */
	int views;	 /* plain views; materialized ones are counted apart */
	int materialized_views;
	int sequences;
	int types;
	int functions;
	int triggers;
	int policies;
	int extensions;
	int security_definer; /* functions with SECURITY DEFINER */
	int objects[N_OBJECT_KINDS];
	int unparsed; /* every unparsed statement, listed in m->unparsed or not (saturated) */
};

void model_summarize(const struct model *m, struct model_summary *out);

/* Unparsed statements counted but not kept in m->unparsed (past MODEL_UNPARSED_KEPT). */
long model_unparsed_omitted(const struct model *m);

const char *table_kind_name(enum table_kind k);	 /* "table", "partitioned_table", ... */
const char *type_kind_name(enum type_kind k);	 /* "enum", "composite", ... */
const char *func_kind_name(enum func_kind k);	 /* "function", "procedure", "aggregate" */
const char *identity_name(enum identity_kind k); /* "always", "by default", or NULL */
/* "event_trigger", "text_search_configuration", ...: the JSON's kind */
const char *object_kind_name(enum object_kind k);
/* "Event triggers", "Text search configurations", ...: a report's section title */
const char *object_kind_title(enum object_kind k);
/* "event trigger", "text search configuration", ...: in a sentence */
const char *object_kind_label(enum object_kind k);
/* The word before an object's `on` ("on" for a rule, "server" for a user mapping), or NULL. */
const char *object_kind_on(enum object_kind k);
/*
 * Is an object's name an identifier (quoted like one when a report quotes
 * names)?  Not an operator's ("~<<"), a cast's ("(text AS t)") or a
 * transform's (a type, in format_type() form).
 */
bool object_name_is_identifier(enum object_kind k);

/* An included object with an owner or grants, as reports list them. */
struct owned {
	const char *kind;   /* "table", "function", "event trigger", ... */
	const char *schema; /* NULL for schemas and global objects */
	const char *name;
	const char *arguments; /* a function's argument types ("integer, text"), else NULL */
	/* an object held by name (named as reports name it), or NULL */
	const struct object *object;
	const struct objhdr *h;
	/* its kind's default ACL gave PUBLIC a privilege (a function's EXECUTE, a type's or a
	   language's USAGE), and REVOKE took it away */
	bool public_revoked;
};
/*
 * Push a struct owned * (malloc'd: free with model_owned_free) to out for
 * each (and for each whose PUBLIC default was revoked), by kind (schemas, tables, views, sequences,
 * types, functions, other objects), each kind in the model's order.
 */
void model_owned(const struct model *m, struct ptrvec *out);
void model_owned_free(struct ptrvec *owned);

#endif /* PGB_MODEL_H */
