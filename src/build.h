/*
 * build.h
 *	  The model builder: parses each statement with libpg_query and applies
 *	  it to the model the way PostgreSQL would apply it to its catalog, in
 *	  dump order (a table, then ALTER TABLE ONLY ... ADD CONSTRAINT, SET
 *	  DEFAULT, identity, OWNED BY, ATTACH PARTITION, COMMENT ON, OWNER TO,
 *	  GRANT ...).
 *
 *	  The loader (load.c) drives it: it hands the builder one statement at
 *	  a time.  A statement the parser rejects is a warning
 *	  `FILE:LINE:COL: warning: cannot parse TABLE public.users: <message>`
 *	  and is kept in the model as unparsed; the run goes on.
 */
#ifndef PGB_BUILD_H
#define PGB_BUILD_H

#include "model.h"
#include "split.h"

struct builder;

/*
 * The builder fills `m`; `file` is the name used in messages, which go to
 * `d`.  `sp` is the splitter the statements come from (its
 * standard_conforming_strings is followed), or NULL until build_use_splitter.
 * All stay owned by the caller and must outlive the builder.
 */
struct builder *build_new(struct model *m, struct splitter *sp, const char *file, struct diags *d);
void build_free(struct builder *b);

/*
 * Parse and apply one statement from the splitter.  Returns false once
 * the model is full (model_full), after reporting it: the caller stops and
 * the dump is refused.
 */
bool build_statement(struct builder *b, const struct stmt *st);

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

/* A new connection to `dbname` (NULL: not known) starts from its default settings. */
void build_session_reconnect(struct builder *b, const char *dbname);
/* A statement that is not applied (another database's): follow the setting only. */
void build_session_follow(struct builder *b, const struct stmt *st);
/* PostgreSQL's parse_bool(): 1 true, 0 false, -1 not a boolean. */
int build_parse_bool(const char *v);

/*
 * Something pgbaseline cannot follow (an archive entry's broken quoting, a
 * psql meta-command that runs SQL it cannot see): a warning at `l`, kept
 * as unparsed with `message` and `excerpt` so --strict fails on it.
 * Strings are copied.
 */
void build_unparsed_at(struct builder *b, struct loc l, const char *message, const char *excerpt);

/* Release the parser's memory; call once before exit. */
void build_cleanup(void);

#endif /* PGB_BUILD_H */
