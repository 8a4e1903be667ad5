/*
 * arc_toc.c
 *	  The header and the table of contents of an archive, parsed as
 *	  pg_backup_archiver.c's ReadHead and ReadToc parse them, and the
 *	  reader's primitives and messages (arc_data.c reads a custom
 *	  archive's data blocks with them too).
 *
 *	  All integers are ReadInt: a sign byte, then intSize bytes
 *	  little-endian; strings are ReadStr: an integer length, -1 for NULL,
 *	  then the bytes.  The header and the TOC:
 *
 *	    "PGDMP" vmaj vmin vrev intSize offSize format (1 custom; pg_dump 15
 *	    writes 3 in the toc.dat of both directory and tar archives)
 *	    compression (1.15+: algorithm byte; before: integer level)
 *	    sec min hour mday mon year isdst, dbname, server version, pg_dump version
 *	    tocCount, then per entry: dumpId hadDumper tableoid oid tag desc
 *	    section defn dropStmt copyStmt namespace tablespace tableam(1.14+)
 *	    relkind(1.16+) owner withOids, dependency ids up to a NULL string,
 *	    then the format's extra fields (custom: data offset; directory
 *	    and tar: the data file's name)
 */
#include "pgarchive_int.h"

#include "arena.h"
#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- Messages ------------------------------------------------------------- */

struct loc arc_file_loc(const char *file)
{
	return (struct loc){.file = file, .line = 0, .col = 0};
}

long long arc_rd_pos(const struct reader *r)
{
	return (long long)ftello(r->f);
}

/* Report the first problem only: whatever follows it is noise. */
bool arc_rd_fail(struct reader *r, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (r->failed)
		return false;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_error(r->ar->d, arc_file_loc(r->file), "%s (in %s, at byte %lld)", msg, r->where,
		   arc_rd_pos(r));
	r->failed = true;
	return false;
}

/* "TABLE DATA public.users" for messages; a static buffer, valid until the next call. */
const char *arc_entry_name(const struct arc_entry *e)
{
	static char buf[300];

	if (e->namespace && e->namespace[0])
		snprintf(buf, sizeof(buf), "%s %s.%s", e->desc, e->namespace, e->tag);
	else
		snprintf(buf, sizeof(buf), "%s %s", e->desc, e->tag);
	return buf;
}

/* ---- ReadInt, ReadStr and friends ----------------------------------------- */

bool arc_rd_bytes(struct reader *r, void *buf, size_t n, const char *what)
{
	if (r->failed)
		return false;
	if (fread(buf, 1, n, r->f) == n)
		return true;
	if (ferror(r->f))
		return arc_rd_fail(r, "read error in %s: %s", what, strerror(errno));
	return arc_rd_fail(r, "truncated archive: the file ends inside %s", what);
}

static bool rd_byte(struct reader *r, int *out, const char *what)
{
	unsigned char c;

	if (!arc_rd_bytes(r, &c, 1, what))
		return false;
	*out = c;
	return true;
}

/* ReadInt: a sign byte, then intSize bytes, least significant first. */
bool arc_rd_int(struct reader *r, long long *out, const char *what)
{
	unsigned char buf[1 + 8];
	unsigned long long v = 0;
	size_t n = 1 + (size_t)r->ar->int_size;

	if (!arc_rd_bytes(r, buf, n, what))
		return false;
	for (size_t i = 1; i < n; i++)
		v |= (unsigned long long)buf[i] << (8 * (i - 1));
	if (v > (unsigned long long)INT64_MAX)
		return arc_rd_fail(r, "corrupt archive: %s is out of range", what);
	*out = buf[0] ? -(long long)v : (long long)v;
	return true;
}

/* ReadStr into the archive's arena; *out is NULL for a NULL string. */
static bool rd_str(struct reader *r, const char **out, const char *what)
{
	long long len;

	*out = NULL;
	if (!arc_rd_int(r, &len, what))
		return false;
	if (len < 0)
		return true;
	long long left = r->size - arc_rd_pos(r);
	if (len > ARC_MAX_STRING)
		return arc_rd_fail(r, "corrupt archive: %s claims %lld bytes (the limit is %lld)",
				   what, len, ARC_MAX_STRING);
	if (len > left)
		return arc_rd_fail(
		    r,
		    "truncated or corrupt archive: %s claims %lld bytes but only %lld "
		    "are left",
		    what, len, left);
	char *s = arena_alloc(r->ar->a, (size_t)len + 1);
	if (!arc_rd_bytes(r, s, (size_t)len, what))
		return false;
	s[len] = '\0';
	*out = s;
	return true;
}

/* ReadOffset: a state byte, then offSize bytes, least significant first. */
static bool rd_offset(struct reader *r, int *state, long long *pos)
{
	unsigned char buf[1 + 8];
	unsigned long long v = 0;
	size_t n = 1 + (size_t)r->ar->off_size;

	if (!arc_rd_bytes(r, buf, n, "the data offset"))
		return false;
	*state = buf[0];
	if (*state != OFF_POS_NOT_SET && *state != OFF_POS_SET && *state != OFF_NO_DATA)
		return arc_rd_fail(r, "corrupt archive: unexpected data offset flag %d", *state);
	for (size_t i = 1; i < n; i++)
		v |= (unsigned long long)buf[i] << (8 * (i - 1));
	if (v > (unsigned long long)INT64_MAX)
		return arc_rd_fail(r, "corrupt archive: data offset out of range");
	*pos = (long long)v;
	return true;
}

/* ---- Header (ReadHead) ---------------------------------------------------- */

/* "2024-05-01 12:34:56": pg_dump's local time; the archive has no time zone. */
static const char *format_dump_time(struct pgarchive *ar, const long long t[7])
{
	long long sec = t[0], min = t[1], hour = t[2], mday = t[3], mon = t[4], year = t[5];

	if (sec < 0 || sec > 60 || min < 0 || min > 59 || hour < 0 || hour > 23 || mday < 1 ||
	    mday > 31 || mon < 0 || mon > 11 || year < 0 || year > 8099)
		return NULL;
	return arena_printf(ar->a, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", year + 1900,
			    mon + 1, mday, hour, min, sec);
}

static bool read_compression(struct reader *r, struct pgarchive *ar)
{
	if (ar->version >= ARC_VERSION(1, 15, 0)) {
		int alg;
		if (!rd_byte(r, &alg, "the compression algorithm"))
			return false;
		if (alg > COMP_ZSTD)
			return arc_rd_fail(
			    r, "corrupt archive header: unknown compression algorithm %d", alg);
		ar->comp = (enum arc_comp)alg;
	} else {
		/* Before 1.15 a zlib level: -1 is the default, 0 none. */
		long long level;
		if (!arc_rd_int(r, &level, "the compression level"))
			return false;
		if (level < -1 || level > 9)
			return arc_rd_fail(r, "corrupt archive header: compression level %lld",
					   level);
		ar->comp = level == 0 ? COMP_NONE : COMP_GZIP;
	}
	return true;
}

bool arc_read_head(struct reader *r, struct pgarchive *ar)
{
	char magic[5];
	int vmaj, vmin, vrev, int_size, off_size, fmt;

	snprintf(r->where, sizeof(r->where), "the header");
	if (!arc_rd_bytes(r, magic, 5, "the magic bytes"))
		return false;
	if (memcmp(magic, "PGDMP", 5) != 0)
		return arc_rd_fail(r, "not a pg_dump archive (no PGDMP magic)");
	if (!rd_byte(r, &vmaj, "the version") || !rd_byte(r, &vmin, "the version") ||
	    !rd_byte(r, &vrev, "the version"))
		return false;
	ar->version = ARC_VERSION(vmaj, vmin, vrev);
	if (ar->version < ARC_MIN_VERSION || ar->version > ARC_MAX_VERSION)
		return arc_rd_fail(r,
				   "unsupported archive version %d.%d.%d (supported: 1.12 to 1.16, "
				   "pg_dump 9.6 to 18)",
				   vmaj, vmin, vrev);
	if (!rd_byte(r, &int_size, "the integer size"))
		return false;
	/* pg_dump writes sizeof(int); anything past 8 bytes cannot be a real archive. */
	if (int_size < 1 || int_size > 8)
		return arc_rd_fail(r, "corrupt archive header: integer size %d (pg_dump writes 4)",
				   int_size);
	ar->int_size = int_size;
	if (!rd_byte(r, &off_size, "the offset size"))
		return false;
	if (off_size < 1 || off_size > 8)
		return arc_rd_fail(r, "corrupt archive header: offset size %d (pg_dump writes 8)",
				   off_size);
	ar->off_size = off_size;
	if (!rd_byte(r, &fmt, "the format"))
		return false;
	/* pg_dump 15 writes 3 in the toc.dat of both directory and tar archives. */
	bool fmt_ok =
	    ar->format == FMT_CUSTOM ? fmt == FMT_CUSTOM : fmt == FMT_TAR || fmt == FMT_DIRECTORY;
	if (!fmt_ok)
		return arc_rd_fail(
		    r, "corrupt archive header: format byte %d does not match a %s archive", fmt,
		    ar->format == FMT_CUSTOM ? "custom" : "directory or tar");
	if (!read_compression(r, ar))
		return false;

	long long t[7];
	for (int i = 0; i < 7; i++)
		if (!arc_rd_int(r, &t[i], "the dump time"))
			return false;
	ar->dump_time = format_dump_time(ar, t);
	return rd_str(r, &ar->dbname, "the database name") &&
	       rd_str(r, &ar->server_version, "the server version") &&
	       rd_str(r, &ar->dump_version, "the pg_dump version");
}

/* ---- TOC (ReadToc) -------------------------------------------------------- */

/* Dependencies are dump ids as strings, up to a NULL one; we need none of them. */
static bool skip_dependencies(struct reader *r)
{
	for (;;) {
		const char *dep;
		if (!rd_str(r, &dep, "the dependency list"))
			return false;
		if (dep == NULL)
			return true;
	}
}

/* The fields ReadToc reads before the format's own (ReadExtraToc). */
static bool read_entry_fields(struct reader *r, struct pgarchive *ar, struct arc_entry *e)
{
	long long had_dumper, section;
	const char *unused;

	if (!arc_rd_int(r, &e->dump_id, "the dump id"))
		return false;
	if (e->dump_id <= 0)
		return arc_rd_fail(r, "corrupt TOC: entry id %lld out of range", e->dump_id);
	if (!arc_rd_int(r, &had_dumper, "hadDumper") || !rd_str(r, &unused, "the table oid") ||
	    !rd_str(r, &unused, "the oid") || !rd_str(r, &e->tag, "the tag") ||
	    !rd_str(r, &e->desc, "the description") || !arc_rd_int(r, &section, "the section") ||
	    !rd_str(r, &e->defn, "the definition") ||
	    !rd_str(r, &e->drop_stmt, "the DROP statement") ||
	    !rd_str(r, &e->copy_stmt, "the COPY statement") ||
	    !rd_str(r, &e->namespace, "the schema") || !rd_str(r, &e->tablespace, "the tablespace"))
		return false;
	e->had_dumper = had_dumper != 0;
	if (ar->version >= ARC_VERSION(1, 14, 0) &&
	    !rd_str(r, &e->tableam, "the table access method"))
		return false;
	if (ar->version >= ARC_VERSION(1, 16, 0)) {
		long long relkind;
		if (!arc_rd_int(r, &relkind, "the relkind"))
			return false;
	}
	/* Then the owner and the withOids flag ("false"; "true" is refused by pg_restore 12+). */
	if (!rd_str(r, &e->owner, "the owner") || !rd_str(r, &unused, "the WITH OIDS flag") ||
	    !skip_dependencies(r))
		return false;
	if (e->tag == NULL || e->desc == NULL)
		return arc_rd_fail(r, "corrupt TOC: entry %lld has no %s", e->dump_id,
				   e->tag == NULL ? "tag" : "description");
	return true;
}

static bool read_entry_extra(struct reader *r, struct pgarchive *ar, struct arc_entry *e)
{
	if (ar->format != FMT_CUSTOM)
		return rd_str(r, &e->filename, "the data file name");
	if (!rd_offset(r, &e->data_state, &e->data_pos))
		return false;
	if (e->data_state == OFF_POS_SET && e->data_pos >= r->size)
		return arc_rd_fail(
		    r,
		    "corrupt archive: the data of %s is at byte %lld, past the end of "
		    "the file (%lld bytes)",
		    arc_entry_name(e), e->data_pos, r->size);
	return true;
}

/* Entries pg_restore applies before all others (processEncodingEntry and friends). */
static void note_special_entry(struct pgarchive *ar, const struct arc_entry *e)
{
	if (strcmp(e->desc, "ENCODING") == 0)
		ar->encoding = e->defn;
	else if (strcmp(e->desc, "STDSTRINGS") == 0)
		ar->std_strings = e->defn;
	else if (strcmp(e->desc, "SEARCHPATH") == 0)
		ar->search_path = e->defn;
}

bool arc_read_toc(struct reader *r, struct pgarchive *ar)
{
	long long count;

	snprintf(r->where, sizeof(r->where), "the TOC");
	if (!arc_rd_int(r, &count, "the TOC entry count"))
		return false;
	/* Each entry takes well over 16 integers; a larger count cannot fit in the file. */
	if (count < 0 || count > (r->size - arc_rd_pos(r)) / (16 * (1 + ar->int_size)) + 1)
		return arc_rd_fail(r, "corrupt archive: %lld TOC entries cannot fit in the file",
				   count);
	for (long long i = 0; i < count; i++) {
		struct arc_entry *e = arena_alloc(ar->a, sizeof(*e));
		snprintf(r->where, sizeof(r->where), "TOC entry %lld of %lld", i + 1, count);
		e->rows = -1;
		if (!read_entry_fields(r, ar, e) || !read_entry_extra(r, ar, e))
			return false;
		note_special_entry(ar, e);
		ptrvec_push(&ar->entries, e);
	}
	return true;
}
