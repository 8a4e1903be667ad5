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
 * Progress of a load: `done` bytes of `total` (0: not known, the dump
 * comes through a pipe).  Bytes are the file's as read (compressed ones
 * for a compressed dump) or, for an archive, of its restore script as it
 * is built.  Called often, from inside the load: the callee throttles,
 * and prints nothing into the command's output.
 */
typedef void (*load_progress_fn)(void *ctx, unsigned long long done, unsigned long long total);

struct load_opts {
	load_progress_fn progress; /* or NULL */
	void *progress_ctx;
};

/* load_dump() with options (o may be NULL: none). */
bool load_dump_opts(struct model *m, const char *path, const char *dbname,
		    const struct load_opts *o, struct diags *d);

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
