/*
 * pgarchive.c
 *	  pg_dump's custom, directory and tar archives, read without
 *	  pg_restore: parse the header and the TOC (as pg_backup_archiver.c's
 *	  ReadHead and ReadToc do), count the rows of each table's data
 *	  (uncompressed, gzip, lz4 or zstd), print the script pg_restore would
 *	  print, and build the model from it.
 *
 *	  Every read is checked against the bytes that are left, so a
 *	  truncated or corrupt archive is an error naming the file and the
 *	  byte offset, never a crash or an allocation sized by garbage.
 *
 *	  Layout of an archive (all integers are ReadInt: a sign byte, then
 *	  intSize bytes little-endian; strings are ReadStr: an integer length,
 *	  -1 for NULL, then the bytes):
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
 *	    custom only: the data blocks (type byte, dumpId, then chunks of an
 *	    integer length and that many bytes, up to a zero length)
 */
#include "pgarchive.h"

#include "arena.h"
#include "build.h"
#include "diag.h"
#include "input.h"
#include "split.h"
#include "sqlident.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <limits.h>
#include <lz4frame.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>
#include <zstd.h>

#define ARC_VERSION(maj, min, rev) (((maj)*256 + (min)) * 256 + (rev))
#define ARC_MIN_VERSION		   ARC_VERSION(1, 12, 0) /* pg_dump 9.6 */
#define ARC_MAX_VERSION		   ARC_VERSION(1, 16, 0) /* pg_dump 17, 18 */

/* Longer strings cannot come from pg_dump (a TOC field is one statement). */
#define ARC_MAX_STRING (256ll * 1024 * 1024)
/* toc.dat of a tar archive is held in memory while it is parsed. */
#define ARC_MAX_TOC_FILE (1024ll * 1024 * 1024)
#define ARC_CHUNK	 (64 * 1024)

/* ArchiveFormat in pg_backup.h */
enum arc_format {
	FMT_CUSTOM = 1,
	FMT_TAR = 3,
	FMT_DIRECTORY = 5,
};

/* Data block types in a custom archive (pg_backup_custom.c) */
enum {
	BLK_DATA = 1,
	BLK_BLOBS = 3,
};

/* State of a custom archive's data offset (pg_backup_archiver.h) */
enum {
	OFF_POS_NOT_SET = 1, /* written to a pipe: the blocks follow in TOC order */
	OFF_POS_SET = 2,
	OFF_NO_DATA = 3,
};

/* pg_compress_algorithm, as the 1.15+ header stores it */
enum arc_comp {
	COMP_NONE = 0,
	COMP_GZIP = 1,
	COMP_LZ4 = 2,
	COMP_ZSTD = 3,
};

static const char *const comp_names[] = {"plain", "gzip", "lz4", "zstd"};

struct arc_entry {
	long long dump_id;
	bool had_dumper;
	const char *tag;
	const char *desc;
	const char *defn;
	const char *drop_stmt;
	const char *copy_stmt;
	const char *namespace;
	const char *tablespace; /* "" for the database's default, NULL for no relation */
	const char *tableam;	/* 1.14+: "heap" for tables, NULL for other entries */
	const char *owner;
	const char *filename; /* directory and tar: the data file, or NULL */
	int data_state;	      /* custom: OFF_* */
	long long data_pos;   /* custom: offset of the data block when OFF_POS_SET */
	bool data_seen;	      /* the data was found (and its rows counted) */
	long long rows;	      /* COPY data lines, -1 when not known */
};

struct pgarchive {
	const char *path; /* as given */
	enum arc_format format;
	struct arena *a; /* every string read from the archive */
	int version;
	int int_size;
	int off_size;
	enum arc_comp comp;
	const char *dump_time;
	const char *dbname;
	const char *server_version;
	const char *dump_version;
	struct ptrvec entries;	 /* struct arc_entry *, in archive order */
	const char *search_path; /* the SEARCHPATH entry's SQL, or NULL */
	const char *encoding;	 /* the ENCODING entry's SQL, or NULL */
	const char *std_strings; /* the STDSTRINGS entry's SQL, or NULL */
	size_t cursor;		 /* where find_entry and entry_by_file look first */
};

/* A byte stream being parsed: a custom archive, toc.dat, or toc.dat in memory. */
struct reader {
	FILE *f;
	const char *file; /* name in messages */
	long long size;	  /* bytes in the stream */
	const struct pgarchive *ar;
	char where[96]; /* what is being read: "the header", "TOC entry 12" */
	bool failed;
};

/* ---- Messages ------------------------------------------------------------- */

static struct loc file_loc(const char *file)
{
	return (struct loc){.file = file, .line = 0, .col = 0};
}

static long long rd_pos(const struct reader *r)
{
	return (long long)ftello(r->f);
}

/* Report the first problem only: whatever follows it is noise. */
static bool rd_fail(struct reader *r, const char *fmt, ...) PGB_PRINTF(2, 3);
static bool rd_fail(struct reader *r, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (r->failed)
		return false;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_error(file_loc(r->file), "%s (in %s, at byte %lld)", msg, r->where, rd_pos(r));
	r->failed = true;
	return false;
}

/* "TABLE DATA public.users" for messages; a static buffer, valid until the next call. */
static const char *entry_name(const struct arc_entry *e)
{
	static char buf[300];

	if (e->namespace && e->namespace[0])
		snprintf(buf, sizeof(buf), "%s %s.%s", e->desc, e->namespace, e->tag);
	else
		snprintf(buf, sizeof(buf), "%s %s", e->desc, e->tag);
	return buf;
}

/* ---- ReadInt, ReadStr and friends ----------------------------------------- */

static bool rd_bytes(struct reader *r, void *buf, size_t n, const char *what)
{
	if (r->failed)
		return false;
	if (fread(buf, 1, n, r->f) == n)
		return true;
	if (ferror(r->f))
		return rd_fail(r, "read error in %s: %s", what, strerror(errno));
	return rd_fail(r, "truncated archive: the file ends inside %s", what);
}

static bool rd_byte(struct reader *r, int *out, const char *what)
{
	unsigned char c;

	if (!rd_bytes(r, &c, 1, what))
		return false;
	*out = c;
	return true;
}

/* ReadInt: a sign byte, then intSize bytes, least significant first. */
static bool rd_int(struct reader *r, long long *out, const char *what)
{
	unsigned char buf[1 + 8];
	unsigned long long v = 0;
	size_t n = 1 + (size_t)r->ar->int_size;

	if (!rd_bytes(r, buf, n, what))
		return false;
	for (size_t i = 1; i < n; i++)
		v |= (unsigned long long)buf[i] << (8 * (i - 1));
	if (v > (unsigned long long)INT64_MAX)
		return rd_fail(r, "corrupt archive: %s is out of range", what);
	*out = buf[0] ? -(long long)v : (long long)v;
	return true;
}

/* ReadStr into the archive's arena; *out is NULL for a NULL string. */
static bool rd_str(struct reader *r, const char **out, const char *what)
{
	long long len;

	*out = NULL;
	if (!rd_int(r, &len, what))
		return false;
	if (len < 0)
		return true;
	long long left = r->size - rd_pos(r);
	if (len > ARC_MAX_STRING)
		return rd_fail(r, "corrupt archive: %s claims %lld bytes (the limit is %lld)", what,
			       len, ARC_MAX_STRING);
	if (len > left)
		return rd_fail(r,
			       "truncated or corrupt archive: %s claims %lld bytes but only %lld "
			       "are left",
			       what, len, left);
	char *s = arena_alloc(r->ar->a, (size_t)len + 1);
	if (!rd_bytes(r, s, (size_t)len, what))
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

	if (!rd_bytes(r, buf, n, "the data offset"))
		return false;
	*state = buf[0];
	if (*state != OFF_POS_NOT_SET && *state != OFF_POS_SET && *state != OFF_NO_DATA)
		return rd_fail(r, "corrupt archive: unexpected data offset flag %d", *state);
	for (size_t i = 1; i < n; i++)
		v |= (unsigned long long)buf[i] << (8 * (i - 1));
	if (v > (unsigned long long)INT64_MAX)
		return rd_fail(r, "corrupt archive: data offset out of range");
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
			return rd_fail(
			    r, "corrupt archive header: unknown compression algorithm %d", alg);
		ar->comp = (enum arc_comp)alg;
	} else {
		/* Before 1.15 a zlib level: -1 is the default, 0 none. */
		long long level;
		if (!rd_int(r, &level, "the compression level"))
			return false;
		if (level < -1 || level > 9)
			return rd_fail(r, "corrupt archive header: compression level %lld", level);
		ar->comp = level == 0 ? COMP_NONE : COMP_GZIP;
	}
	return true;
}

static bool read_head(struct reader *r, struct pgarchive *ar)
{
	char magic[5];
	int vmaj, vmin, vrev, int_size, off_size, fmt;

	snprintf(r->where, sizeof(r->where), "the header");
	if (!rd_bytes(r, magic, 5, "the magic bytes"))
		return false;
	if (memcmp(magic, "PGDMP", 5) != 0)
		return rd_fail(r, "not a pg_dump archive (no PGDMP magic)");
	if (!rd_byte(r, &vmaj, "the version") || !rd_byte(r, &vmin, "the version") ||
	    !rd_byte(r, &vrev, "the version"))
		return false;
	ar->version = ARC_VERSION(vmaj, vmin, vrev);
	if (ar->version < ARC_MIN_VERSION || ar->version > ARC_MAX_VERSION)
		return rd_fail(r,
			       "unsupported archive version %d.%d.%d (supported: 1.12 to 1.16, "
			       "pg_dump 9.6 to 18)",
			       vmaj, vmin, vrev);
	if (!rd_byte(r, &int_size, "the integer size"))
		return false;
	/* pg_dump writes sizeof(int); anything past 8 bytes cannot be a real archive. */
	if (int_size < 1 || int_size > 8)
		return rd_fail(r, "corrupt archive header: integer size %d (pg_dump writes 4)",
			       int_size);
	ar->int_size = int_size;
	if (!rd_byte(r, &off_size, "the offset size"))
		return false;
	if (off_size < 1 || off_size > 8)
		return rd_fail(r, "corrupt archive header: offset size %d (pg_dump writes 8)",
			       off_size);
	ar->off_size = off_size;
	if (!rd_byte(r, &fmt, "the format"))
		return false;
	/* pg_dump 15 writes 3 in the toc.dat of both directory and tar archives. */
	bool fmt_ok =
	    ar->format == FMT_CUSTOM ? fmt == FMT_CUSTOM : fmt == FMT_TAR || fmt == FMT_DIRECTORY;
	if (!fmt_ok)
		return rd_fail(r,
			       "corrupt archive header: format byte %d does not match a %s archive",
			       fmt, ar->format == FMT_CUSTOM ? "custom" : "directory or tar");
	if (!read_compression(r, ar))
		return false;

	long long t[7];
	for (int i = 0; i < 7; i++)
		if (!rd_int(r, &t[i], "the dump time"))
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

	if (!rd_int(r, &e->dump_id, "the dump id"))
		return false;
	if (e->dump_id <= 0)
		return rd_fail(r, "corrupt TOC: entry id %lld out of range", e->dump_id);
	if (!rd_int(r, &had_dumper, "hadDumper") || !rd_str(r, &unused, "the table oid") ||
	    !rd_str(r, &unused, "the oid") || !rd_str(r, &e->tag, "the tag") ||
	    !rd_str(r, &e->desc, "the description") || !rd_int(r, &section, "the section") ||
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
		if (!rd_int(r, &relkind, "the relkind"))
			return false;
	}
	/* Then the owner and the withOids flag ("false"; "true" is refused by pg_restore 12+). */
	if (!rd_str(r, &e->owner, "the owner") || !rd_str(r, &unused, "the WITH OIDS flag") ||
	    !skip_dependencies(r))
		return false;
	if (e->tag == NULL || e->desc == NULL)
		return rd_fail(r, "corrupt TOC: entry %lld has no %s", e->dump_id,
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
		return rd_fail(r,
			       "corrupt archive: the data of %s is at byte %lld, past the end of "
			       "the file (%lld bytes)",
			       entry_name(e), e->data_pos, r->size);
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

static bool read_toc(struct reader *r, struct pgarchive *ar)
{
	long long count;

	snprintf(r->where, sizeof(r->where), "the TOC");
	if (!rd_int(r, &count, "the TOC entry count"))
		return false;
	/* Each entry takes well over 16 integers; a larger count cannot fit in the file. */
	if (count < 0 || count > (r->size - rd_pos(r)) / (16 * (1 + ar->int_size)) + 1)
		return rd_fail(r, "corrupt archive: %lld TOC entries cannot fit in the file",
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

/* ---- Counting COPY data rows ---------------------------------------------- */

/*
 * Lines up to the `\.` line that pg_dump writes after the data (or to the
 * end).  COPY's text format escapes newlines inside values, so a line is a
 * row.
 */
struct row_counter {
	long long rows;
	enum { RC_LINE_START, RC_BACKSLASH, RC_TERMINATOR, RC_MID } state;
	bool ended; /* the \. line was seen */
};

static void rc_feed(struct row_counter *rc, const char *p, size_t n)
{
	const char *end = p + n;

	while (p < end && !rc->ended) {
		if (rc->state == RC_MID) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			if (nl == NULL)
				return;
			p = nl;
		}
		char c = *p++;
		if (c == '\n') {
			if (rc->state == RC_TERMINATOR)
				rc->ended = true;
			else
				rc->rows++;
			rc->state = RC_LINE_START;
		} else if (rc->state == RC_LINE_START && c == '\\') {
			rc->state = RC_BACKSLASH;
		} else if (rc->state == RC_BACKSLASH && c == '.') {
			rc->state = RC_TERMINATOR;
		} else {
			rc->state = RC_MID;
		}
	}
}

static long long rc_finish(const struct row_counter *rc)
{
	/* A last line without its newline is a row too (but not a lone "\."). */
	if (!rc->ended && (rc->state == RC_MID || rc->state == RC_BACKSLASH))
		return rc->rows + 1;
	return rc->rows;
}

/*
 * Data whose rows are counted: raw bytes, or a compressed stream (one per
 * data block or file) decompressed on the way.  zlib reads both the zlib
 * wrapper (custom archives) and the gzip one (.dat.gz files).
 */
struct data_sink {
	struct row_counter rc;
	enum arc_comp comp;
	z_stream zs;
	bool zs_ready;
	ZSTD_DStream *zstd;
	LZ4F_dctx *lz4;
	bool stream_end; /* gzip: the stream ended; zstd, lz4: the last frame is complete */
	const char *err; /* the decoder's message once it failed */
};

static bool sink_start(struct data_sink *s, enum arc_comp comp)
{
	memset(s, 0, sizeof(*s));
	s->comp = comp;
	s->stream_end = comp == COMP_NONE;
	switch (comp) {
	case COMP_NONE:
		return true;
	case COMP_GZIP:
		/* 15 + 32: accept the zlib and the gzip wrapper alike. */
		s->zs_ready = inflateInit2(&s->zs, 15 + 32) == Z_OK;
		return s->zs_ready;
	case COMP_ZSTD:
		s->zstd = ZSTD_createDStream();
		return s->zstd != NULL && !ZSTD_isError(ZSTD_initDStream(s->zstd));
	case COMP_LZ4:
		return !LZ4F_isError(LZ4F_createDecompressionContext(&s->lz4, LZ4F_VERSION));
	}
	return false;
}

/* One step of the decoder: consume some of in[*used..n), produce into out. */
static bool sink_step(struct data_sink *s, const unsigned char *in, size_t n, size_t *used,
		      unsigned char *out, size_t *produced)
{
	if (s->comp == COMP_GZIP) {
		s->zs.next_in = (Bytef *)(uintptr_t)(in + *used);
		s->zs.avail_in = (uInt)(n - *used > UINT_MAX ? UINT_MAX : n - *used);
		s->zs.next_out = out;
		s->zs.avail_out = ARC_CHUNK;
		uInt before = s->zs.avail_in;
		int rc = inflate(&s->zs, Z_NO_FLUSH);
		*used += before - s->zs.avail_in;
		*produced = ARC_CHUNK - s->zs.avail_out;
		if (rc == Z_STREAM_END)
			s->stream_end = true;
		else if (rc != Z_OK && rc != Z_BUF_ERROR)
			s->err = s->zs.msg ? s->zs.msg : "data error";
		return s->err == NULL;
	}
	if (s->comp == COMP_ZSTD) {
		ZSTD_inBuffer ib = {in, n, *used};
		ZSTD_outBuffer ob = {out, ARC_CHUNK, 0};
		size_t rc = ZSTD_decompressStream(s->zstd, &ob, &ib);
		*used = ib.pos;
		*produced = ob.pos;
		if (ZSTD_isError(rc))
			s->err = ZSTD_getErrorName(rc);
		else
			s->stream_end = rc == 0;
		return s->err == NULL;
	}
	size_t src = n - *used, dst = ARC_CHUNK;
	size_t rc = LZ4F_decompress(s->lz4, out, &dst, in + *used, &src, NULL);
	*used += src;
	*produced = dst;
	if (LZ4F_isError(rc))
		s->err = LZ4F_getErrorName(rc);
	else
		s->stream_end = rc == 0;
	return s->err == NULL;
}

/* Returns false when the compressed data is corrupt (s->err says how). */
static bool sink_feed(struct data_sink *s, const void *p, size_t n)
{
	unsigned char out[ARC_CHUNK];
	size_t used = 0;

	if (s->comp == COMP_NONE) {
		rc_feed(&s->rc, p, n);
		return true;
	}
	/* Until the input is used up and the decoder has no more output for it. */
	for (;;) {
		size_t produced = 0, used_before = used;
		if (s->comp == COMP_GZIP && s->stream_end)
			return true; /* pg_dump writes nothing after the stream */
		if (!sink_step(s, p, n, &used, out, &produced))
			return false;
		if (produced == 0 && used == used_before && used < n) {
			s->err = "the decoder makes no progress";
			return false;
		}
		rc_feed(&s->rc, (const char *)out, produced);
		if (used == n && produced < ARC_CHUNK)
			return true;
		if (produced == 0 && used == n)
			return true;
	}
}

/* The row count; false when a compressed stream stopped before its end. */
static bool sink_finish(struct data_sink *s, long long *rows)
{
	bool ok = s->stream_end;

	if (s->zs_ready)
		inflateEnd(&s->zs);
	ZSTD_freeDStream(s->zstd); /* both accept NULL */
	LZ4F_freeDecompressionContext(s->lz4);
	s->zs_ready = false;
	s->zstd = NULL;
	s->lz4 = NULL;
	*rows = rc_finish(&s->rc);
	return ok;
}

/* Data we count rows for: a table's COPY data (not --inserts data, not large objects). */
static bool counts_rows(const struct arc_entry *e)
{
	return e->had_dumper && strcmp(e->desc, "TABLE DATA") == 0 && e->copy_stmt &&
	       e->copy_stmt[0];
}

/*
 * The entry with this dump id.  Data blocks and tar members come in TOC
 * order, so the search starts after the last match: linear in all.
 */
static struct arc_entry *find_entry(struct pgarchive *ar, long long dump_id)
{
	size_t n = ar->entries.n;

	for (size_t k = 0; k < n; k++) {
		size_t i = (ar->cursor + k) % n;
		struct arc_entry *e = ar->entries.v[i];
		if (e->dump_id == dump_id) {
			ar->cursor = i + 1;
			return e;
		}
	}
	return NULL;
}

/* ---- Custom format: data blocks ------------------------------------------- */

/*
 * The chunks of one block (_PrintData / ReadDataFromArchive), fed to `s`
 * when non-NULL, else skipped.  Read in pieces of our own size, so a
 * chunk length (bounded by the file size) never sizes an allocation.
 */
static bool custom_chunks(struct reader *r, struct data_sink *s)
{
	char buf[ARC_CHUNK];

	for (;;) {
		long long len;
		if (!rd_int(r, &len, "a data chunk length"))
			return false;
		if (len == 0)
			return true;
		if (len < 0 || len > r->size - rd_pos(r))
			return rd_fail(
			    r,
			    "truncated or corrupt archive: a data chunk claims %lld bytes "
			    "but only %lld are left",
			    len, r->size - rd_pos(r));
		if (s == NULL) {
			if (fseeko(r->f, (off_t)len, SEEK_CUR) != 0)
				return rd_fail(r, "seek error: %s", strerror(errno));
			continue;
		}
		while (len > 0) {
			size_t n = len > (long long)sizeof(buf) ? sizeof(buf) : (size_t)len;
			if (!rd_bytes(r, buf, n, "a data chunk"))
				return false;
			if (!sink_feed(s, buf, n))
				return rd_fail(r, "corrupt compressed data: %s", s->err);
			len -= (long long)n;
		}
	}
}

/* A BLK_BLOBS block: large objects, each an oid and its chunks, up to oid 0. */
static bool custom_skip_blobs(struct reader *r)
{
	for (;;) {
		long long oid;
		if (!rd_int(r, &oid, "a large object's oid"))
			return false;
		if (oid == 0)
			return true;
		if (!custom_chunks(r, NULL))
			return false;
	}
}

static bool custom_table_data(struct reader *r, struct pgarchive *ar, struct arc_entry *e)
{
	struct data_sink s;

	if (!sink_start(&s, ar->comp)) {
		long long ignored;
		sink_finish(&s, &ignored);
		return rd_fail(r, "cannot initialise the %s decoder", comp_names[ar->comp]);
	}
	bool ok = custom_chunks(r, &s);
	long long rows;
	bool complete = sink_finish(&s, &rows);
	if (ok && !complete)
		ok = rd_fail(r, "truncated compressed data");
	if (ok)
		e->rows = rows;
	return ok;
}

/*
 * Walk the data blocks that follow the TOC, in file order.  That works
 * both when pg_dump could seek back to record each block's offset and when
 * it wrote to a pipe and could not (OFF_POS_NOT_SET).
 */
static bool custom_read_data(struct reader *r, struct pgarchive *ar)
{
	for (;;) {
		int type, c;
		long long id;

		if ((c = getc(r->f)) == EOF) {
			if (ferror(r->f))
				return rd_fail(r, "read error: %s", strerror(errno));
			break;
		}
		type = c;
		snprintf(r->where, sizeof(r->where), "the data block at byte %lld", rd_pos(r) - 1);
		if (!rd_int(r, &id, "a data block's entry id"))
			return false;
		struct arc_entry *e = find_entry(ar, id);
		if (e == NULL)
			return rd_fail(r,
				       "corrupt archive: data block for entry %lld, which the TOC "
				       "does not have",
				       id);
		snprintf(r->where, sizeof(r->where), "the data of %s", entry_name(e));
		e->data_seen = true;
		bool ok;
		if (type == BLK_DATA)
			ok = counts_rows(e) ? custom_table_data(r, ar, e) : custom_chunks(r, NULL);
		else if (type == BLK_BLOBS)
			ok = custom_skip_blobs(r);
		else
			return rd_fail(r, "corrupt archive: unknown data block type %d", type);
		if (!ok)
			return false;
	}

	/* A block the TOC announced but the file does not hold: cut short. */
	for (size_t i = 0; i < ar->entries.n; i++) {
		struct arc_entry *e = ar->entries.v[i];
		if (e->data_state != OFF_NO_DATA && e->had_dumper && !e->data_seen)
			return rd_fail(r, "truncated archive: the data of %s is missing",
				       entry_name(e));
	}
	return true;
}

static bool open_reader(struct reader *r, struct pgarchive *ar, FILE *f, const char *file)
{
	struct stat st;

	memset(r, 0, sizeof(*r));
	r->f = f;
	r->file = file;
	r->ar = ar;
	snprintf(r->where, sizeof(r->where), "the header");
	if (fstat(fileno(f), &st) != 0) {
		diag_error(file_loc(file), "%s", strerror(errno));
		return false;
	}
	r->size = (long long)st.st_size;
	return true;
}

static bool read_custom(struct pgarchive *ar)
{
	struct reader r;
	FILE *f = fopen(ar->path, "rb");

	if (f == NULL) {
		diag_error(file_loc(ar->path), "%s", strerror(errno));
		return false;
	}
	bool ok = open_reader(&r, ar, f, ar->path) && read_head(&r, ar) && read_toc(&r, ar) &&
		  custom_read_data(&r, ar);
	fclose(f);
	return ok;
}

/* ---- Directory format ----------------------------------------------------- */

/* input_open tells plain, gzip, zstd and lz4 data files apart by their magic bytes. */
static bool count_file_rows(struct arc_entry *e, const char *file)
{
	struct input *in = input_open(file);
	struct row_counter rc = {0};
	char buf[ARC_CHUNK];
	ssize_t n;

	if (in == NULL)
		return false;
	while ((n = input_read(in, buf, sizeof(buf))) > 0)
		rc_feed(&rc, buf, (size_t)n);
	input_close(in);
	if (n < 0)
		return false;
	e->rows = rc_finish(&rc);
	return true;
}

static bool directory_table_data(struct pgarchive *ar, struct arc_entry *e)
{
	/* pg_dump -Fd -Z adds the compression's suffix to the name in the TOC. */
	static const char *const suffixes[] = {"", ".gz", ".lz4", ".zst"};
	char file[4096];

	if (e->filename == NULL || e->filename[0] == '\0' || strchr(e->filename, '/') != NULL) {
		diag_error(file_loc(ar->path), "corrupt toc.dat: bad data file name for %s",
			   entry_name(e));
		return false;
	}
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		struct stat st;
		snprintf(file, sizeof(file), "%s/%s%s", ar->path, e->filename, suffixes[i]);
		if (stat(file, &st) == 0)
			return count_file_rows(e, file);
	}
	snprintf(file, sizeof(file), "%s/%s", ar->path, e->filename);
	diag_error(file_loc(file), "missing data file for %s", entry_name(e));
	return false;
}

static bool read_directory(struct pgarchive *ar)
{
	struct reader r;
	char *toc = arena_printf(ar->a, "%s/toc.dat", ar->path);
	FILE *f = fopen(toc, "rb");

	if (f == NULL) {
		if (errno == ENOENT)
			diag_error(file_loc(ar->path),
				   "is a directory without toc.dat (not a pg_dump -Fd archive)");
		else
			diag_error(file_loc(toc), "%s", strerror(errno));
		return false;
	}
	bool ok = open_reader(&r, ar, f, toc) && read_head(&r, ar) && read_toc(&r, ar);
	fclose(f);
	for (size_t i = 0; ok && i < ar->entries.n; i++) {
		struct arc_entry *e = ar->entries.v[i];
		if (counts_rows(e))
			ok = directory_table_data(ar, e);
	}
	return ok;
}

/* ---- Tar format (libarchive) ---------------------------------------------- */

static bool tar_fail(struct pgarchive *ar, struct archive *t, const char *what)
{
	const char *msg = archive_error_string(t);
	diag_error(file_loc(ar->path), "%s: %s", what, msg ? msg : "unknown error");
	return false;
}

/* toc.dat is read into memory and parsed through a FILE over that memory. */
static bool tar_read_toc(struct pgarchive *ar, struct archive *t, struct archive_entry *ent)
{
	la_int64_t size = archive_entry_size(ent);
	char *file = arena_printf(ar->a, "%s/toc.dat", ar->path);
	struct reader r;

	struct stat st;
	/* The member's size comes from its header: check it before allocating. */
	if (size <= 0 || size > ARC_MAX_TOC_FILE ||
	    (stat(ar->path, &st) == 0 && size > (la_int64_t)st.st_size)) {
		diag_error(file_loc(file), "corrupt archive: toc.dat of %lld bytes",
			   (long long)size);
		return false;
	}
	char *buf = xmalloc((size_t)size);
	la_ssize_t got = 0;
	while (got < size) {
		la_ssize_t n = archive_read_data(t, buf + got, (size_t)(size - got));
		if (n < 0) {
			free(buf);
			return tar_fail(ar, t, "cannot read toc.dat");
		}
		if (n == 0)
			break;
		got += n;
	}
	if (got != size) {
		free(buf);
		diag_error(file_loc(file), "truncated archive: toc.dat ends early");
		return false;
	}
	FILE *f = fmemopen(buf, (size_t)size, "rb");
	if (f == NULL) {
		free(buf);
		diag_error(file_loc(file), "%s", strerror(errno));
		return false;
	}
	memset(&r, 0, sizeof(r));
	r.f = f;
	r.file = file;
	r.size = (long long)size;
	r.ar = ar;
	bool ok = read_head(&r, ar) && read_toc(&r, ar);
	fclose(f);
	free(buf);
	return ok;
}

static struct arc_entry *entry_by_file(struct pgarchive *ar, const char *name)
{
	size_t n = strlen(name);

	/* pg_dump names data "1234.dat"; old tar archives may have added ".gz". */
	if (n > 3 && strcmp(name + n - 3, ".gz") == 0)
		n -= 3;
	for (size_t k = 0; k < ar->entries.n; k++) {
		size_t i = (ar->cursor + k) % ar->entries.n;
		struct arc_entry *e = ar->entries.v[i];
		if (e->filename && strlen(e->filename) == n && strncmp(e->filename, name, n) == 0) {
			ar->cursor = i + 1; /* members come in TOC order: see find_entry */
			return e;
		}
	}
	return NULL;
}

static bool tar_table_data(struct pgarchive *ar, struct archive *t, struct arc_entry *e,
			   const char *name)
{
	struct data_sink s;
	char buf[ARC_CHUNK];
	la_ssize_t n;
	size_t len = strlen(name);

	if (!sink_start(&s,
			len > 3 && strcmp(name + len - 3, ".gz") == 0 ? COMP_GZIP : COMP_NONE)) {
		diag_error(file_loc(ar->path), "cannot initialise zlib");
		return false;
	}
	bool ok = true;
	while ((n = archive_read_data(t, buf, sizeof(buf))) > 0) {
		if (!sink_feed(&s, buf, (size_t)n)) {
			diag_error(file_loc(ar->path), "corrupt compressed data in %s: %s", name,
				   s.err);
			ok = false;
			break;
		}
	}
	if (ok && n < 0)
		ok = tar_fail(ar, t, "cannot read the data of a table");
	long long rows;
	bool complete = sink_finish(&s, &rows);
	if (ok && !complete) {
		diag_error(file_loc(ar->path), "truncated compressed data in %s", name);
		ok = false;
	}
	e->data_seen = true;
	e->rows = ok ? rows : -1;
	return ok;
}

static bool tar_members(struct pgarchive *ar, struct archive *t, bool *have_toc)
{
	struct archive_entry *ent;
	int rc;

	while ((rc = archive_read_next_header(t, &ent)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(ent);
		struct arc_entry *e = NULL;

		if (name && strcmp(name, "toc.dat") == 0 && !*have_toc) {
			if (!tar_read_toc(ar, t, ent))
				return false;
			*have_toc = true;
			continue;
		}
		/* pg_dump writes toc.dat first; data before it cannot be matched. */
		if (name && *have_toc)
			e = entry_by_file(ar, name);
		if (e && counts_rows(e)) {
			if (!tar_table_data(ar, t, e, name))
				return false;
		} else if (archive_read_data_skip(t) != ARCHIVE_OK) {
			return tar_fail(ar, t, "cannot read the tar file");
		}
	}
	if (rc != ARCHIVE_EOF)
		return tar_fail(ar, t, "cannot read the tar file");
	return true;
}

static bool read_tar(struct pgarchive *ar)
{
	struct archive *t = archive_read_new();
	bool have_toc = false;
	bool ok;

	archive_read_support_format_tar(t);
	if (archive_read_open_filename(t, ar->path, 64 * 1024) != ARCHIVE_OK)
		ok = tar_fail(ar, t, "cannot open the tar file");
	else
		ok = tar_members(ar, t, &have_toc);
	archive_read_free(t);
	if (ok && !have_toc) {
		diag_error(file_loc(ar->path), "no toc.dat in the tar file (not a pg_dump -Ft "
					       "archive)");
		return false;
	}
	for (size_t i = 0; ok && i < ar->entries.n; i++) {
		struct arc_entry *e = ar->entries.v[i];
		if (counts_rows(e) && e->filename && !e->data_seen) {
			diag_error(file_loc(ar->path), "the data file %s of %s is missing",
				   e->filename, entry_name(e));
			ok = false;
		}
	}
	return ok;
}

/* ---- The script pg_restore would print ------------------------------------ */

/* fmtId: quoted only when needed (sqlident.c asks the grammar's own keyword list). */
static void put_ident(struct strbuf *sb, const char *name)
{
	if (!sqlident_needs_quotes(name)) {
		sb_append(sb, name);
		return;
	}
	sb_putc(sb, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			sb_putc(sb, '"');
		sb_putc(sb, *p);
	}
	sb_putc(sb, '"');
}

/* sanitize_line: a header comment must stay on one line; NULL is "-". */
static void put_comment_field(struct strbuf *sb, const char *s, bool want_hyphen)
{
	if (s == NULL) {
		sb_append(sb, want_hyphen ? "-" : "");
		return;
	}
	for (const char *p = s; *p; p++)
		sb_putc(sb, *p == '\n' || *p == '\r' ? ' ' : *p);
}

static bool desc_in(const char *desc, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(desc, *list) == 0)
			return true;
	return false;
}

/* _getObjectDescription: what follows ALTER in ALTER ... OWNER TO; false if not ownable. */
static bool object_description(struct strbuf *sb, const struct arc_entry *e)
{
	static const char *const plain[] = {"COLLATION",
					    "CONVERSION",
					    "DOMAIN",
					    "FOREIGN TABLE",
					    "MATERIALIZED VIEW",
					    "SEQUENCE",
					    "STATISTICS",
					    "TABLE",
					    "TEXT SEARCH DICTIONARY",
					    "TEXT SEARCH CONFIGURATION",
					    "TYPE",
					    "VIEW",
					    "DATABASE",
					    "PROCEDURAL LANGUAGE",
					    "SCHEMA",
					    "EVENT TRIGGER",
					    "FOREIGN DATA WRAPPER",
					    "SERVER",
					    "PUBLICATION",
					    "SUBSCRIPTION",
					    NULL};
	static const char *const from_drop[] = {
	    "AGGREGATE",       "FUNCTION",  "OPERATOR", "OPERATOR CLASS",
	    "OPERATOR FAMILY", "PROCEDURE", NULL};

	if (desc_in(e->desc, plain)) {
		/* pg_restore says ALTER TABLE for these, as the plain dump does. */
		bool as_table = strcmp(e->desc, "VIEW") == 0 || strcmp(e->desc, "SEQUENCE") == 0 ||
				strcmp(e->desc, "MATERIALIZED VIEW") == 0;
		sb_printf(sb, "%s ", as_table ? "TABLE" : e->desc);
		if (e->namespace && e->namespace[0]) {
			put_ident(sb, e->namespace);
			sb_putc(sb, '.');
		}
		put_ident(sb, e->tag);
		return true;
	}
	/* The signature is exactly what the DROP statement names. */
	if (desc_in(e->desc, from_drop) && strncmp(e->drop_stmt, "DROP ", 5) == 0) {
		size_t n = strlen(e->drop_stmt + 5);
		while (n > 0 && (e->drop_stmt[5 + n - 1] == '\n' || e->drop_stmt[5 + n - 1] == ';'))
			n--;
		sb_append_len(sb, e->drop_stmt + 5, n);
		return true;
	}
	return false;
}

/* _printTocEntry: the header comment, the definition, the owner. */
static void print_entry(struct strbuf *sb, const struct arc_entry *e, bool is_data)
{
	sb_append(sb, "--\n-- ");
	sb_append(sb, is_data ? "Data for Name: " : "Name: ");
	put_comment_field(sb, e->tag, false);
	sb_printf(sb, "; Type: %s; Schema: ", e->desc);
	put_comment_field(sb, e->namespace, true);
	sb_append(sb, "; Owner: ");
	put_comment_field(sb, e->owner, true);
	sb_append(sb, "\n--\n\n");
	if (is_data)
		return;
	if (e->defn && e->defn[0])
		sb_printf(sb, "%s\n\n", e->defn);

	/* Only objects with a DROP statement are separately owned. */
	if (e->owner && e->owner[0] && e->drop_stmt && e->drop_stmt[0]) {
		struct strbuf what;
		sb_init(&what);
		if (object_description(&what, e)) {
			sb_printf(sb, "ALTER %s OWNER TO ", what.data);
			put_ident(sb, e->owner);
			sb_append(sb, ";\n\n");
		}
		sb_free(&what);
	}
}

/* What the script has set so far, so a SET is printed only on a change. */
struct restore_state {
	const char *schema;
	const char *tablespace;
	const char *tableam;
};

/* _selectOutputSchema: only archives without a SEARCHPATH entry (pg_dump < 10.3). */
static void select_schema(struct strbuf *sb, const struct pgarchive *ar, const char *ns,
			  struct restore_state *rs)
{
	if (ar->search_path || ns == NULL || ns[0] == '\0' ||
	    (rs->schema && strcmp(rs->schema, ns) == 0))
		return;
	sb_append(sb, "SET search_path = ");
	put_ident(sb, ns);
	if (strcmp(ns, "pg_catalog") != 0)
		sb_append(sb, ", pg_catalog");
	sb_append(sb, ";\n\n");
	rs->schema = ns;
}

/*
 * _selectTablespace and _selectTableAccessMethod.  The builder ignores
 * both settings; they are printed so the script's lines stay those of
 * pg_restore's output, which messages refer to.
 */
static void select_storage(struct strbuf *sb, const struct arc_entry *e, struct restore_state *rs)
{
	if (e->tablespace && !(rs->tablespace && strcmp(rs->tablespace, e->tablespace) == 0)) {
		sb_append(sb, "SET default_tablespace = ");
		if (e->tablespace[0] == '\0')
			sb_append(sb, "''");
		else
			put_ident(sb, e->tablespace);
		sb_append(sb, ";\n\n");
		rs->tablespace = e->tablespace;
	}
	if (e->tableam && !(rs->tableam && strcmp(rs->tableam, e->tableam) == 0)) {
		sb_append(sb, "SET default_table_access_method = ");
		put_ident(sb, e->tableam);
		sb_append(sb, ";\n\n");
		rs->tableam = e->tableam;
	}
}

/* _tocEntryRequired without options: what a plain restore prints at all. */
static bool entry_wanted(const struct arc_entry *e)
{
	static const char *const never[] = {"ENCODING", "STDSTRINGS",	       "SEARCHPATH",
					    "DATABASE", "DATABASE PROPERTIES", NULL};
	static const char *const db_props[] = {"ACL", "COMMENT", "SECURITY LABEL", NULL};

	if (desc_in(e->desc, never))
		return false;
	/* Properties of the database itself are restored with --create only. */
	if (desc_in(e->desc, db_props) && strncmp(e->tag, "DATABASE ", 9) == 0)
		return false;
	return true;
}

/* _tocEntryRestorePass: ACLs after everything, then event triggers and matview data. */
static int restore_pass(const struct arc_entry *e)
{
	static const char *const acl[] = {"ACL", "ACL LANGUAGE", "DEFAULT ACL", NULL};
	static const char *const post_acl[] = {"EVENT TRIGGER", "MATERIALIZED VIEW DATA", NULL};

	if (desc_in(e->desc, acl))
		return 1;
	if (desc_in(e->desc, post_acl))
		return 2;
	if ((strcmp(e->desc, "COMMENT") == 0 || strcmp(e->desc, "SECURITY LABEL") == 0) &&
	    strncmp(e->tag, "EVENT TRIGGER ", 14) == 0)
		return 2;
	return 0;
}

/* restore_toc_entry: the schema part, then COPY ... FROM stdin with no rows. */
static void restore_entry(struct strbuf *sb, const struct pgarchive *ar, const struct arc_entry *e,
			  struct restore_state *rs)
{
	bool schema = e->defn && e->defn[0] && strncmp(e->defn, "-- load via partition root ", 27);

	if (schema) {
		select_schema(sb, ar, e->namespace, rs);
		select_storage(sb, e, rs);
		print_entry(sb, e, false);
	}
	if (!e->had_dumper || strcmp(e->desc, "TABLE DATA") != 0)
		return;
	select_schema(sb, ar, e->namespace, rs);
	select_storage(sb, e, rs);
	print_entry(sb, e, true);
	if (e->copy_stmt && e->copy_stmt[0]) {
		/* The rows were counted apart; the splitter sees an empty COPY. */
		sb_printf(sb, "%s\\.\n\n\n", e->copy_stmt);
	}
}

/* processStdStringsEntry: the entry's SQL ends in 'on' or 'off'. */
static bool std_strings_on(const struct pgarchive *ar)
{
	const char *q = ar->std_strings ? strchr(ar->std_strings, '\'') : NULL;
	return q == NULL || strncmp(q, "'off'", 5) != 0;
}

/*
 * RestoreArchive's text output.  Current pg_restore versions put a
 * `\restrict KEY` line after the banner; a fixed key keeps our lines
 * numbered as theirs.
 */
static void render_script(const struct pgarchive *ar, struct strbuf *sb)
{
	struct restore_state rs = {0};
	bool std_on = std_strings_on(ar);

	sb_append(sb, "--\n-- PostgreSQL database dump\n--\n\n\\restrict pgbaseline\n\n");
	if (ar->server_version)
		sb_printf(sb, "-- Dumped from database version %s\n", ar->server_version);
	if (ar->dump_version)
		sb_printf(sb, "-- Dumped by pg_dump version %s\n", ar->dump_version);
	/* _doSetFixedOutputState */
	sb_append(sb, "\nSET statement_timeout = 0;\nSET lock_timeout = 0;\n"
		      "SET idle_in_transaction_session_timeout = 0;\n");
	if (ar->encoding)
		sb_append(sb, ar->encoding);
	sb_printf(sb, "SET standard_conforming_strings = %s;\n", std_on ? "on" : "off");
	if (ar->search_path)
		sb_append(sb, ar->search_path);
	sb_append(sb, "SET check_function_bodies = false;\nSET xmloption = content;\n"
		      "SET client_min_messages = warning;\n");
	if (!std_on)
		sb_append(sb, "SET escape_string_warning = off;\n");
	sb_append(sb, "SET row_security = off;\n\n");

	for (int pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < ar->entries.n; i++) {
			const struct arc_entry *e = ar->entries.v[i];
			if (entry_wanted(e) && restore_pass(e) == pass)
				restore_entry(sb, ar, e, &rs);
		}
	}
	sb_append(sb,
		  "--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict pgbaseline\n\n");
}

/* ---- Building the model --------------------------------------------------- */

static void fill_source(struct model *m, const struct pgarchive *ar)
{
	static const char *const formats[] = {
	    [FMT_CUSTOM] = "custom", [FMT_TAR] = "tar", [FMT_DIRECTORY] = "directory"};
	struct source_info *s = &m->source;

	s->file = arena_strdup(m->arena, ar->path);
	s->format = comp_names[ar->comp];
	s->dump_format = formats[ar->format];
	s->archive_version = arena_printf(m->arena, "%d.%d.%d", ar->version >> 16,
					  (ar->version >> 8) & 0xff, ar->version & 0xff);
	s->dump_time = arena_strdup(m->arena, ar->dump_time);
	s->database = arena_strdup(m->arena, ar->dbname);
	s->pg_dump_version = arena_strdup(m->arena, ar->dump_version);
	s->server_version = arena_strdup(m->arena, ar->server_version);
}

/* The rows counted in the data replace the empty COPY the script had. */
static void apply_row_counts(struct model *m, const struct pgarchive *ar)
{
	for (size_t i = 0; i < ar->entries.n; i++) {
		const struct arc_entry *e = ar->entries.v[i];
		if (!counts_rows(e) || e->namespace == NULL)
			continue;
		struct table *t = model_find_table(m, e->namespace, e->tag);
		if (t)
			t->rows = e->rows;
	}
}

static bool build_script(struct model *m, const struct pgarchive *ar)
{
	struct strbuf sb;

	sb_init(&sb);
	render_script(ar, &sb);
	/* Messages give lines of that script, as `pg_restore -f - FILE` prints it. */
	char *name = arena_printf(m->arena, "%s (restore script)", ar->path);
	struct input *in = input_open_memory(name, sb.data, sb.len);
	sb_free(&sb);

	model_add_schema(m, "public");
	struct splitter *sp = split_new(in);
	struct builder *b = build_new(m, sp, name);
	struct stmt st;
	int rc;
	while ((rc = split_next(sp, &st)) > 0)
		build_statement(b, &st);
	build_free(b);
	split_free(sp);
	input_close(in);
	apply_row_counts(m, ar);
	return rc == 0;
}

static bool detect_format(struct pgarchive *ar)
{
	struct stat st;
	unsigned char head[512];

	if (stat(ar->path, &st) != 0) {
		diag_error(file_loc(ar->path), "%s", strerror(errno));
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		ar->format = FMT_DIRECTORY;
		return true;
	}
	FILE *f = fopen(ar->path, "rb");
	if (f == NULL) {
		diag_error(file_loc(ar->path), "%s", strerror(errno));
		return false;
	}
	size_t n = fread(head, 1, sizeof(head), f);
	fclose(f);
	if (n > 0 && memcmp(head, "PGDMP", n < 5 ? n : 5) == 0)
		ar->format = FMT_CUSTOM;
	else
		ar->format = FMT_TAR;
	return true;
}

bool pgarchive_probe(const char *path)
{
	struct stat st;
	unsigned char head[512];

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0)
		return false;
	if (S_ISDIR(st.st_mode))
		return true;
	/* Peeking at a pipe (`<(zcat dump.gz)`) would eat bytes the plain reader needs. */
	if (!S_ISREG(st.st_mode))
		return false;
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return false;
	size_t n = fread(head, 1, sizeof(head), f);
	fclose(f);
	/* A prefix of the magic too: a custom archive cut short, reported as such. */
	if (n > 0 && memcmp(head, "PGDMP", n < 5 ? n : 5) == 0)
		return true;
	/* A POSIX tar header: "ustar" at byte 257. */
	return n == sizeof(head) && memcmp(head + 257, "ustar", 5) == 0;
}

/* An archive holds one database: --dbname may only name that one. */
static bool check_dbname(const struct pgarchive *ar, const char *dbname)
{
	if (dbname == NULL || (ar->dbname && strcmp(ar->dbname, dbname) == 0))
		return true;
	diag_error(file_loc(ar->path), "the archive holds database \"%s\", not \"%s\"",
		   ar->dbname ? ar->dbname : "", dbname);
	return false;
}

bool pgarchive_build(struct model *m, const char *path, const char *dbname)
{
	struct pgarchive ar = {.path = path, .a = arena_new()};
	bool ok = detect_format(&ar);

	if (ok) {
		switch (ar.format) {
		case FMT_CUSTOM:
			ok = read_custom(&ar);
			break;
		case FMT_DIRECTORY:
			ok = read_directory(&ar);
			break;
		case FMT_TAR:
			ok = read_tar(&ar);
			break;
		}
	}
	if (ok && !check_dbname(&ar, dbname))
		ok = false;
	if (ok) {
		fill_source(m, &ar);
		ok = build_script(m, &ar);
	}
	ptrvec_free(&ar.entries);
	arena_free(ar.a);
	return ok;
}
