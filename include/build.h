/*
 * build.h
 *	  The model builder: parses each statement with libpg_query and applies
 *	  it to the model the way PostgreSQL would apply it to its catalog, in
 *	  dump order (a table, then ALTER TABLE ONLY ... ADD CONSTRAINT, SET
 *	  DEFAULT, identity, OWNED BY, ATTACH PARTITION, COMMENT ON, OWNER TO,
 *	  GRANT ...).
 *
 *	  A statement the parser rejects is a warning
 *	  `FILE:LINE:COL: warning: cannot parse TABLE public.users: <message>`
 *	  and is kept in the model as unparsed; the run goes on.
 */
#ifndef PGB_BUILD_H
#define PGB_BUILD_H

#include "model.h"
#include "split.h"

struct builder;

/* The builder fills `m`; `file` is the name used in messages. */
struct builder *build_new(struct model *m, struct splitter *sp, const char *file);
void build_free(struct builder *b);

/* Parse and apply one statement from the splitter. */
void build_statement(struct builder *b, const struct stmt *st);

/*
 * An archive entry is one query string: its statements are lexed with the
 * setting in force when it began, and with `several` statements it is an
 * implicit transaction block (SET LOCAL lasts to its end).  Call around
 * the entry's build_statement calls.
 */
void build_session_begin_entry(struct builder *b, bool several);
void build_session_end_entry(struct builder *b);

/* Switch to another splitter (an archive entry's own); returns the one before. */
struct splitter *build_use_splitter(struct builder *b, struct splitter *sp);

/*
 * Something pgbaseline cannot follow (an archive entry's broken quoting, a
 * psql meta-command that runs SQL it cannot see): a warning at `l`, kept
 * as unparsed with `message` and `excerpt` so --strict fails on it.
 * Strings are copied.
 */
void build_unparsed_at(struct builder *b, struct loc l, const char *message, const char *excerpt);

/* Whole-dump driver: split, build, finish.  Returns false after a fatal input error. */
bool build_from_input(struct model *m, const char *path);

/*
 * The same for a dump that may hold several databases (pg_dumpall output,
 * or any dump with `\connect` lines): the statements before the first
 * `\connect` (roles, tablespaces) and those of database `dbname` are
 * applied.  With `dbname` NULL the dump must hold at most one database;
 * with several, an error lists them and false is returned.  false too
 * when `dbname` is not in the dump.
 */
bool build_from_input_db(struct model *m, const char *path, const char *dbname);

/* What a psql `\connect` / `\c` meta-command line switches to. */
enum connect_target {
	CONNECT_NOT,	 /* not a \connect line */
	CONNECT_SAME,	 /* the same database: no name, "-", or a connection string without one */
	CONNECT_DB,	 /* *dbname, malloc'd, quoting undone */
	CONNECT_UNKNOWN, /* only a live psql could tell (`backquotes`) */
};
enum connect_target build_parse_connect(const char *line, char **dbname);

/* Release the parser's memory; call once before exit. */
void build_cleanup(void);

struct arena;
/*
 * The first value of a line of COPY data (text format: up to the first tab,
 * backslash escapes decoded, at most 128 bytes), copied into `a`; NULL for
 * \N or a value holding a NUL byte.  (build_data.c)
 */
const char *build_data_copy_value(struct arena *a, const char *first_row);

/* What build_data_scan_insert found; the caller inits and frees the strbufs. */
struct build_data_insert {
	struct strbuf schema; /* the target's schema, empty when unqualified */
	struct strbuf name;
	struct strbuf value; /* the first row's first value (at most 128 bytes), */
	bool have_value;     /* when it is a literal or a word other than NULL */
};

/*
 * One INSERT of the forms pg_dump writes (INSERT INTO t [(cols)]
 * [OVERRIDING ... VALUE] VALUES (...), ...;), scanned without a parse,
 * string literals read with backslash escapes unless std_strings: its
 * rows, or -1 when the text is not such an INSERT.  (build_data.c)
 */
long long build_data_scan_insert(const char *text, size_t len, bool std_strings,
				 struct build_data_insert *out);

#endif /* PGB_BUILD_H */
