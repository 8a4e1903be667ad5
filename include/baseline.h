/*
 * baseline.h
 *	  `pgbaseline baseline`: the Alembic baseline revision, the stamp-ready
 *	  SQL and (with --init) the Alembic scaffold, written from the model of
 *	  one or more dumps.  The orchestration (options, guards, atomic
 *	  writes) is in baseline.c; each file's text comes from its emitter:
 *	  emit_alembic.c (revision), emit_stamp.c (stamp SQL), scaffold.c
 *	  (alembic init files).
 *
 *	  Every emitter appends to a strbuf and never touches the file system,
 *	  so a failure can never leave half a file behind.
 */
#ifndef PGB_BASELINE_H
#define PGB_BASELINE_H

#include "filter.h"
#include "model.h"
#include "pgb.h"

enum doc_level {
	DOC_MINIMAL,
	DOC_STANDARD,
	DOC_COMPREHENSIVE,
};

/* Row counts from a DBA's --stats CSV ("schema.table,rows"), or NULL. */
struct stats;

struct baseline_opts {
	const char *dir;     /* script location, e.g. "alembic" */
	const char *rev;     /* revision id, at most 32 characters */
	const char *message; /* revision message */
	enum doc_level doc;
	bool init;			  /* write the Alembic scaffold too */
	bool force;			  /* replace an existing revision file */
	const char *stats_file;		  /* --stats FILE or NULL */
	const struct stats *stats;	  /* loaded --stats, or NULL */
	const struct filter *untracked;	  /* --untracked patterns (table patterns); NULL: none */
	const char *version_table;	  /* "alembic_version" unless --version-table */
	const char *version_table_schema; /* NULL unless --version-table-schema */
	const char *create_date;	  /* "2026-11-25 10:00:00" for the docstring */
	const char *fingerprint;	  /* "sha256:<64 hex>" of the model (fingerprint.h) */
	const char *const *dump_names;	  /* the dumps given, for the docstring */
	int n_dumps;
};

/* The subcommands (baseline.c); each returns the process exit status. */
int baseline_main(int argc, char **argv);
int stamp_sql_main(int argc, char **argv);
int stats_query_main(int argc, char **argv);

/* A revision id Alembic can store and load: 1-32 characters of [A-Za-z0-9_.] (Alembic refuses
 * '-', '@' and '+' in ids), not starting with '.' or "__init__" (Alembic skips such files) and
 * not one of its symbolic names "base", "head", "heads". */
bool baseline_rev_valid(const char *rev);

/* The revision file's name inside versions/: "<rev>_<slug>.py". Malloc'd.  The slug is
 * Alembic's (words of the message joined by "_", lower-cased, cut to 40 characters), with
 * words taken from ASCII letters, digits and "_" only, so the name is always ASCII. */
char *baseline_revision_filename(const struct baseline_opts *o);

/* Is this table tracked by Alembic (included and not matched by --untracked)? */
bool baseline_table_tracked(const struct baseline_opts *o, const struct table *t);

/* stats.c */
struct stats *stats_load(const char *path); /* NULL after reporting an error */
void stats_free(struct stats *s);
/* Rows for schema.table, or -1 when the CSV does not list it. */
long long stats_rows(const struct stats *s, const char *schema, const char *table);

/* emit_alembic.c: the revision module (docstring, identifiers, upgrade/downgrade). */
void emit_alembic_revision(const struct model *m, const struct baseline_opts *o,
			   struct strbuf *out);

/* emit_stamp.c */
/* Exactly what `alembic stamp --sql REV` prints for PostgreSQL with a default env.py. */
void emit_stamp_sql_plain(const struct baseline_opts *o, struct strbuf *out);
/* The DBA's <rev>_stamp.sql: one transaction, a pre-flight check of the tracked
 * schema, then the stamp, safe to run twice. */
void emit_stamp_sql_checked(const struct model *m, const struct baseline_opts *o,
			    struct strbuf *out);

/* scaffold.c: what `alembic init` writes, adapted (DATABASE_URL, include_object). */
struct scaffold_file {
	const char *path; /* relative to the project root, e.g. "alembic.ini", "alembic/env.py" */
	char *text;	  /* malloc'd */
};
/* Fills files[] (at most 8) and returns how many. */
int scaffold_files(const struct model *m, const struct baseline_opts *o,
		   struct scaffold_file *files);

/*
 * Read an existing alembic.ini: script_location, and version_table /
 * version_table_schema when set there.  Returns false when the file does
 * not exist; fields not present are left as they were.  A script_location
 * in Alembic's package resource form ("pkg:dir") is the package's
 * directory; when it cannot be found, an error is reported and
 * *script_location is set to "" (refused).
 */
bool scaffold_read_ini(const char *path, char **script_location, char **version_table,
		       char **version_table_schema);
/*
 * alembic.ini's version_locations, split as Alembic splits them
 * (path_separator, else version_path_separator: space, newline, os, ':' or
 * ';'; neither: spaces and commas), each a directory (package resources
 * resolved as for script_location), appended to out (malloc'd strings).
 * Nothing when the file or the option does not exist.  False after
 * reporting a separator Alembic refuses or a package not found.
 */
bool scaffold_read_version_locations(const char *path, struct ptrvec *out);

#endif /* PGB_BASELINE_H */
