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
 *	  search_path handling, the ACL pass last) and that script goes through
 *	  the splitter and the builder like a plain dump, so an archive and a
 *	  plain dump of the same database give the same model.  Table data is
 *	  never parsed: its lines are only counted, for the row counts.
 *
 *	  The name is not archive.h because libarchive's header, which this
 *	  module includes for tar files, is <archive.h>.
 */
#ifndef PGB_PGARCHIVE_H
#define PGB_PGARCHIVE_H

#include "model.h"
#include "pgb.h"

/*
 * Should `path` be read as an archive?  True for a file that starts with
 * pg_dump's "PGDMP" magic or is a tar file, and for any directory (so a
 * directory without toc.dat is reported here, as not being an archive).
 * "-" (stdin) and pipes are never archives: probing would consume them.  Reports nothing: a file
 * that cannot be opened is left to input_open() to report.
 */
bool pgarchive_probe(const char *path);

/*
 * Do the first `n` bytes of a file, `head`, start a custom archive
 * ("PGDMP") or a tar file ("ustar" at byte 257)?  With `cut_ok`, a file
 * shorter than the magic that matches as far as it goes counts too (a
 * custom archive cut short, to be reported as such).
 */
bool pgarchive_magic(const unsigned char *head, size_t n, bool cut_ok);

/*
 * The header of an archive arriving through a pipe, checked before the
 * stream is copied to a file: the first `n` bytes (all of it when it is
 * shorter) must start a custom archive whose header pg_dump could have written
 * (magic, version, sizes, format, compression, time, names), or a tar file
 * whose first member is toc.dat with such a header.  A real header takes a
 * few hundred bytes, so 64 kB of the stream hold it.  Returns false after
 * reporting, naming `name`, what is wrong.
 */
bool pgarchive_check_head(const unsigned char *head, size_t n, const char *name);

/*
 * Read the archive at `path` into `m`, filling m->source (file,
 * compression, dump format, archive version, dump time, database and
 * versions).  Returns false after reporting through diag_error, naming
 * the file, why the archive cannot be read (truncated, corrupt header,
 * absurd lengths, a TOC pointing past the end, a missing toc.dat or data
 * file); memory use is bounded by the file's size.  `dbname` (--dbname),
 * when not NULL, must be the archive's database.
 */
bool pgarchive_build(struct model *m, const char *path, const char *dbname);
/*
 * The same, with messages naming `name` instead of `path`: for an archive
 * that came through a pipe and was copied to a temporary file.
 */
bool pgarchive_build_named(struct model *m, const char *path, const char *name, const char *dbname);

#endif /* PGB_PGARCHIVE_H */
