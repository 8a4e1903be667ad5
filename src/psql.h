/*
 * psql.h
 *	  The loader's psql layer (psql.c): a plain dump is a psql script, so
 *	  its meta-command lines (`\connect`, `\if`, `\set`, `\gexec` ...) are
 *	  followed as psql would follow them, and the SQL that psql would send
 *	  goes to the builder.  Internal to the loader (load.c) and its tests.
 */
#ifndef PGB_PSQL_H
#define PGB_PSQL_H

#include "build.h"
#include "diag.h"
#include "split.h"

/*
 * Split the dump and apply its statements, keeping only the globals and
 * the section of `dbname` (NULL: the only database there is) of a dump
 * with `\connect` lines.  `file` names the dump in messages, which go to
 * `d`.  Returns 0, or -1 after an error was reported (by the splitter,
 * because the database choice failed, or because the model is full).
 */
int psql_run(struct builder *b, struct splitter *sp, const char *file, const char *dbname,
	     struct diags *d);

/* What a psql `\connect` / `\c` meta-command line switches to. */
enum connect_target {
	CONNECT_NOT,	 /* not a \connect line */
	CONNECT_SAME,	 /* the same database: no name, "-", or a connection string without one */
	CONNECT_DB,	 /* *dbname, malloc'd, quoting undone */
	CONNECT_UNKNOWN, /* only a live psql could tell (`backquotes`) */
};
enum connect_target psql_parse_connect(const char *line, char **dbname);

#endif /* PGB_PSQL_H */
