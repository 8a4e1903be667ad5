/*
 * pgarchive.h
 *	  Reading pg_dump's archive formats directly, without pg_restore: custom
 *	  (`pg_dump -Fc`, a file starting with "PGDMP"), directory (`-Fd`, a
 *	  folder holding toc.dat and one data file per table) and tar (`-Ft`,
 *	  the same files inside a tar).
 *
 *	  The archive's header and table of contents are parsed as
 *	  pg_backup_archiver.c's ReadHead() and ReadToc() parse them (archive
 *	  versions 1.12 to 1.16, written by pg_dump 9.6 to 18).  The entries are
 *	  then turned back into the SQL script `pg_restore -f - ARCHIVE` would
 *	  print (object header comments, definitions, ALTER ... OWNER TO,
 *	  search_path handling, the ACL pass last).  The reader knows nothing
 *	  of the splitter or the builder: it hands out the script, where each
 *	  query of it starts, what the header says and the row counts, and the
 *	  loader (load.c) sends the script through the splitter and the
 *	  builder like a plain dump, so an archive and a plain dump of the same
 *	  database give the same model.  Table data is never parsed: its lines
 *	  are only counted, for the row counts.
 *
 *	  The name is not archive.h because libarchive's header, which this
 *	  module includes for tar files, is <archive.h>.
 */
#ifndef PGB_PGARCHIVE_H
#define PGB_PGARCHIVE_H

#include "diag.h"
#include "input.h"
#include "pgb.h"

/*
 * One query of the script, as `pg_restore -d` sends it on its own: an
 * entry's header and definition, its OWNER TO, a SET, a COPY.  The server
 * parses each whole, so quoting never runs from one into the next.
 */
struct pgarchive_query {
	size_t off, len; /* in the script's text */
	int line;	 /* of its first byte in the script, 1-based */
	bool entry;	 /* from a TOC entry (below), else the script's own */
	long long dump_id;
	const char *desc; /* "TABLE" */
	const char *tag;  /* "users", or NULL */
};

/* The rows counted in one table's data (-1: not known), and its first value. */
struct pgarchive_rows {
	const char *schema;
	const char *table;
	long long rows;
	const char *first_value; /* the first row's first column (datascan.h), or NULL */
};

/* What an archive holds, as read; `text` is malloc'd, everything else is in `a`. */
struct pgarchive_script {
	struct arena *a;
	char *text; /* the script `pg_restore -f - ARCHIVE` prints */
	size_t len;
	struct pgarchive_query *queries;
	size_t n_queries;
	struct pgarchive_rows *rows; /* in archive order */
	size_t n_rows;
	/* The header: */
	const char *compression;     /* "plain", "gzip", "lz4", "zstd" */
	const char *dump_format;     /* "custom", "tar", "directory" */
	const char *archive_version; /* "1.15.0" */
	const char *dump_time;
	const char *database;
	const char *pg_dump_version;
	const char *server_version;
};

/*
 * Read the archive of kind `kind` (input_probe_archive) at `path`, naming
 * `name` in messages (the path, or "<stdin>" for an archive that came
 * through a pipe and was copied to a file).  Returns the script (free it
 * with pgarchive_free), or NULL after reporting to `d` why the archive
 * cannot be read (truncated, corrupt header, absurd lengths, a TOC
 * pointing past the end, a missing toc.dat or data file); memory use is
 * bounded by the file's size.
 */
struct pgarchive_script *pgarchive_read(const char *path, const char *name, enum input_archive kind,
					struct diags *d);
void pgarchive_free(struct pgarchive_script *s);

/*
 * The header of an archive arriving through a pipe, checked before the
 * stream is copied to a file: the first `n` bytes (all of it when it is
 * shorter) must start a custom archive whose header pg_dump could have written
 * (magic, version, sizes, format, compression, time, names), or a tar file
 * whose first member is toc.dat with such a header.  A real header takes a
 * few hundred bytes, so 64 kB of the stream hold it.  Returns false after
 * reporting to `d`, naming `name`, what is wrong.
 */
bool pgarchive_check_head(const unsigned char *head, size_t n, const char *name, struct diags *d);

#endif /* PGB_PGARCHIVE_H */
