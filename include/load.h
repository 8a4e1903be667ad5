/*
 * load.h
 *	  The loader: the one driver every command loads a dump through.
 *
 *	  It chooses the source (a plain or compressed file or stdin through
 *	  the input stage; a pg_dump archive through the archive reader, an
 *	  archive on stdin copied to a temporary file first), runs the
 *	  splitter, psql's `\connect` sections and meta-commands (psql.c) and
 *	  the builder, and applies an archive's row counts.  Bytes flow one
 *	  way: input -> split -> parse -> build -> model.
 *
 *	  Nothing is printed: every problem goes to the caller's diagnostics
 *	  list, which the command prints.
 */
#ifndef PGB_LOAD_H
#define PGB_LOAD_H

#include "diag.h"
#include "model.h"

/*
 * Fill `m` (from model_new) from the dump at `path` ("-": stdin), keeping
 * the globals and the database `dbname` of a dump with several (NULL: it
 * must hold at most one; an archive holds one, which `dbname` must name).
 * Returns false after an error was added to `d` (the input cannot be read,
 * the database choice fails, the dump defines more than PGB_MAX_OBJECTS
 * objects; d->failures counts those of this machine, such as a full
 * TMPDIR under an archive piped on stdin); `m` then holds what was read
 * before it and is only to be freed.
 */
bool load_dump(struct model *m, const char *path, const char *dbname, struct diags *d);

/*
 * The same for SQL text held in memory (`len` bytes, copied), named `name`
 * in messages: a plain dump, psql meta-commands included.  For tests and
 * for SQL that comes from elsewhere than a file.
 */
bool load_sql(struct model *m, const char *name, const char *sql, size_t len, const char *dbname,
	      struct diags *d);

/* Release the parser's memory; call once before exit. */
void load_cleanup(void);

#endif /* PGB_LOAD_H */
