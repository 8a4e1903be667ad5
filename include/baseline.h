/*
 * baseline.h
 *	  What a baseline is: its options (struct baseline_opts), what a
 *	  revision is called and which tables it covers (baseline.c), and the
 *	  emitters of its files: emit_alembic.c (revision), emit_stamp.c
 *	  (stamp SQL).  The command is cmd_baseline.c; the scaffold is
 *	  scaffold.h, the row counts stats.h.
 *
 *	  Every emitter appends to a strbuf and never touches the file system,
 *	  so a failure can never leave half a file behind.
 */
#ifndef PGB_BASELINE_H
#define PGB_BASELINE_H

#include "filter.h"
#include "model.h"
#include "pgb.h"
#include "stats.h"

enum doc_level {
	DOC_MINIMAL,
	DOC_STANDARD,
	DOC_COMPREHENSIVE,
};

struct baseline_opts {
	const char *dir;     /* script location, e.g. "alembic" */
	const char *rev;     /* revision id, at most 32 characters */
	const char *message; /* revision message */
	enum doc_level doc;
	bool init;			/* write the Alembic scaffold too */
	bool force;			/* replace an existing revision file */
	const char *stats_file;		/* --stats FILE or NULL */
	const struct stats *stats;	/* loaded --stats, or NULL */
	const struct filter *untracked; /* --untracked patterns (table patterns); NULL: none */
	const struct filter *filter;	/* -n/-N/-t/-T, for the stamp's other tables; NULL: none */
	const char *version_table;	/* "alembic_version" unless --version-table */
	const char *version_table_schema; /* NULL unless --version-table-schema */
	const char *create_date;	  /* "2026-11-25 10:00:00" for the docstring */
	const char *fingerprint;	  /* "sha256:<64 hex>" of the model (fingerprint.h) */
	const char *const *dump_names;	  /* the dumps given, for the docstring */
	const char *schema_sql_path;	  /* <versions>/<rev>_schema.sql, from the project root */
	int n_dumps;
	bool schema_sql;       /* --schema-sql: write <rev>_schema.sql too */
	bool with_privileges;  /* --with-privileges: owners and grants in the schema SQL */
	bool allow_incomplete; /* --allow-incomplete: schema SQL without what cannot be written */
	bool ci;	       /* --ci: ci_check.sh and a GitHub Actions workflow too */
	bool models;	       /* --models: <dir>/models.py, and env.py using it */
};

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

/*
 * emit_schema.c: <rev>_schema.sql, the schema for an empty database (a
 * pre-flight, then ddl_schema() in one transaction).  Pushes a malloc'd
 * "kind name" to unwritable (NULL: not wanted) for each object it cannot
 * write, and returns their number.
 */
/*
 * The line of a schema SQL's header that says it holds no owners and no
 * grants (written without --with-privileges): verify then compares neither.
 */
#define SCHEMA_SQL_NO_PRIVILEGES "-- Owners and grants are left out"
size_t emit_schema_sql(const struct model *m, const struct baseline_opts *o, struct strbuf *out,
		       struct ptrvec *unwritable);

#endif /* PGB_BASELINE_H */
