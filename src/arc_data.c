/*
 * arc_data.c
 *	  Reading each format whole: the header and the TOC (arc_toc.c) from
 *	  the custom archive or the toc.dat, then each table's COPY data,
 *	  whose lines are counted (uncompressed, gzip, lz4 or zstd), never
 *	  parsed: a custom archive's data blocks, a directory archive's data
 *	  files, a tar archive's members (through libarchive).
 *
 *	  A custom archive's data blocks follow its TOC: a type byte, the
 *	  entry's dumpId, then chunks of an integer length and that many
 *	  bytes, up to a zero length.
 */
#include "pgarchive_int.h"

#include "arena.h"
#include "diag.h"
#include "datascan.h"
#include "input.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <limits.h>
#include <lz4frame.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

/* Indexed by enum arc_comp: messages here, m->source.format in pgarchive.c. */
const char *const arc_comp_names[COMP_ZSTD + 1] = {"plain", "gzip", "lz4", "zstd"};

/* ---- Counting COPY data rows ---------------------------------------------- */

/*
 * Lines up to the `\.` line that pg_dump writes after the data (or to the
 * end).  COPY's text format escapes newlines inside values, so a line is a
 * row.
 */
struct insert_counter;

struct row_counter {
	long long rows;
	char first[ARC_FIRST_ROW_MAX + 1]; /* the first line's start, NUL-terminated */
	size_t first_len;
	bool first_done;	   /* its newline was seen */
	bool first_known;	   /* INSERT data: first holds the first row's first value */
	struct insert_counter *ic; /* INSERT data (rc_begin); NULL for COPY data */
	enum { RC_LINE_START, RC_BACKSLASH, RC_TERMINATOR, RC_MID } state;
	bool ended; /* the \. line was seen */
};

/* Keep the start of the first line (its first value: Alembic's revision). */
static void rc_keep_first(struct row_counter *rc, const char *p, size_t n)
{
	const char *nl = memchr(p, '\n', n);
	size_t take = nl ? (size_t)(nl - p) : n;
	size_t room = ARC_FIRST_ROW_MAX - rc->first_len;

	memcpy(rc->first + rc->first_len, p, take < room ? take : room);
	rc->first_len += take < room ? take : room;
	rc->first[rc->first_len] = '\0';
	rc->first_done = nl != NULL;
}

/*
 * INSERT data (pg_dump --inserts, --column-inserts, --rows-per-insert): cut
 * into statements at each ';' outside quotes, each scanned for its rows as
 * the plain dump's are (datascan_insert).
 */
struct insert_counter {
	bool std_strings;
	enum { IC_CODE, IC_QUOTE, IC_QUOTE_ESC, IC_IDENT } state;
	bool escapes; /* the quote being read takes backslash escapes */
	char prev;    /* the last byte outside quotes */
	bool failed;  /* a statement pg_dump does not write, or one too long: rows unknown */
	bool first_seen;
	struct strbuf stmt;
	struct datascan_insert ins;
};

/* Count INSERT data rather than COPY data, read with std_strings. */
static void rc_begin_inserts(struct row_counter *rc, bool std_strings)
{
	struct insert_counter *ic = xcalloc(1, sizeof(*ic));
	ic->std_strings = std_strings;
	sb_init(&ic->stmt);
	sb_init(&ic->ins.schema);
	sb_init(&ic->ins.name);
	sb_init(&ic->ins.value);
	rc->ic = ic;
}

static void ic_statement(struct row_counter *rc)
{
	struct insert_counter *ic = rc->ic;
	const char *t = ic->stmt.data ? ic->stmt.data : "";
	size_t n = ic->stmt.len;

	if (strspn(t, " \t\r\n") < n && !ic->failed) {
		long long r = datascan_insert(t, n, ic->std_strings, &ic->ins);
		if (r < 0) {
			ic->failed = true;
		} else {
			rc->rows = pgb_add_rows(rc->rows, r);
			if (!ic->first_seen && ic->ins.have_value) {
				size_t len = ic->ins.value.len < ARC_FIRST_ROW_MAX
						 ? ic->ins.value.len
						 : ARC_FIRST_ROW_MAX;
				memcpy(rc->first, ic->ins.value.data, len);
				rc->first[len] = '\0';
				rc->first_len = len;
				rc->first_known = true;
			}
			ic->first_seen = true;
		}
	}
	sb_reset(&ic->stmt);
}

static void ic_feed(struct row_counter *rc, const char *p, size_t n)
{
	struct insert_counter *ic = rc->ic;

	for (size_t i = 0; i < n && !ic->failed; i++) {
		char c = p[i];
		switch (ic->state) {
		case IC_CODE:
			if (c == '\'') {
				ic->state = IC_QUOTE;
				ic->escapes =
				    !ic->std_strings || ic->prev == 'E' || ic->prev == 'e';
			} else if (c == '"') {
				ic->state = IC_IDENT;
			}
			ic->prev = c;
			break;
		case IC_QUOTE:
			if (c == '\\' && ic->escapes) {
				ic->state = IC_QUOTE_ESC;
			} else if (c == '\'') {
				ic->state = IC_CODE;
				ic->prev = c;
			}
			break;
		case IC_QUOTE_ESC:
			ic->state = IC_QUOTE;
			break;
		case IC_IDENT:
			if (c == '"')
				ic->state = IC_CODE;
			break;
		}
		if (ic->stmt.len >= PGB_MAX_STATEMENT_BYTES) {
			ic->failed = true;
			break;
		}
		sb_putc(&ic->stmt, c);
		if (c == ';' && ic->state == IC_CODE)
			ic_statement(rc);
	}
}

/* The last statement, then the count: -1 when it is not known. */
static long long ic_finish(struct row_counter *rc)
{
	struct insert_counter *ic = rc->ic;
	ic_statement(rc);
	/* No INSERT at all: unknown, as in a plain dump, where nothing says a table is empty. */
	long long rows = ic->failed || !ic->first_seen ? -1 : rc->rows;
	sb_free(&ic->stmt);
	sb_free(&ic->ins.schema);
	sb_free(&ic->ins.name);
	sb_free(&ic->ins.value);
	free(ic);
	rc->ic = NULL;
	return rows;
}

static void rc_feed(struct row_counter *rc, const char *p, size_t n)
{
	const char *end = p + n;

	if (rc->ic != NULL) {
		ic_feed(rc, p, n);
		return;
	}
	if (!rc->first_done)
		rc_keep_first(rc, p, n);

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

/* The first line (COPY data) or value (INSERT data) into e. */
static void rc_first_row(const struct row_counter *rc, struct arc_entry *e)
{
	memcpy(e->first_row, rc->first, rc->first_len + 1);
	e->first_is_value = rc->first_known;
}

static long long rc_finish(struct row_counter *rc)
{
	if (rc->ic != NULL)
		return ic_finish(rc);
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

static bool data_sink_start(struct data_sink *s, enum arc_comp comp)
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
static bool data_sink_step(struct data_sink *s, const unsigned char *in, size_t n, size_t *used,
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
static bool data_sink_feed(struct data_sink *s, const void *p, size_t n)
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
		if (!data_sink_step(s, p, n, &used, out, &produced))
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
static bool data_sink_finish(struct data_sink *s, long long *rows)
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

/* Data we count rows for: a table's COPY or INSERT data (not large objects). */
bool arc_counts_rows(const struct arc_entry *e)
{
	return e->had_dumper && strcmp(e->desc, "TABLE DATA") == 0;
}

/* processStdStringsEntry: the entry's SQL ends in 'on' or 'off'. */
static bool archive_std_strings(const struct pgarchive *ar)
{
	const char *q = ar->std_strings ? strchr(ar->std_strings, '\'') : NULL;
	return q == NULL || strncmp(q, "'off'", 5) != 0;
}

/* rc counts e's data: INSERT statements when e has no COPY statement (pg_dump --inserts). */
static void rc_begin(struct row_counter *rc, const struct pgarchive *ar, const struct arc_entry *e)
{
	if (e->copy_stmt == NULL || e->copy_stmt[0] == '\0')
		rc_begin_inserts(rc, archive_std_strings(ar));
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
		if (!arc_rd_int(r, &len, "a data chunk length"))
			return false;
		if (len == 0)
			return true;
		if (len < 0 || len > r->size - arc_rd_pos(r))
			return arc_rd_fail(
			    r,
			    "truncated or corrupt archive: a data chunk claims %lld bytes "
			    "but only %lld are left",
			    len, r->size - arc_rd_pos(r));
		if (s == NULL) {
			if (fseeko(r->f, (off_t)len, SEEK_CUR) != 0)
				return arc_rd_fail(r, "seek error: %s", strerror(errno));
			continue;
		}
		while (len > 0) {
			size_t n = len > (long long)sizeof(buf) ? sizeof(buf) : (size_t)len;
			if (!arc_rd_bytes(r, buf, n, "a data chunk"))
				return false;
			if (!data_sink_feed(s, buf, n))
				return arc_rd_fail(r, "corrupt compressed data: %s", s->err);
			len -= (long long)n;
		}
	}
}

/* A BLK_BLOBS block: large objects, each an oid and its chunks, up to oid 0. */
static bool custom_skip_blobs(struct reader *r)
{
	for (;;) {
		long long oid;
		if (!arc_rd_int(r, &oid, "a large object's oid"))
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

	if (!data_sink_start(&s, ar->comp)) {
		long long ignored;
		data_sink_finish(&s, &ignored);
		return arc_rd_fail(r, "cannot initialise the %s decoder", arc_comp_names[ar->comp]);
	}
	rc_begin(&s.rc, ar, e);
	bool ok = custom_chunks(r, &s);
	long long rows;
	bool complete = data_sink_finish(&s, &rows);
	if (ok && !complete)
		ok = arc_rd_fail(r, "truncated compressed data");
	if (ok) {
		e->rows = rows;
		rc_first_row(&s.rc, e);
	}
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
				return arc_rd_fail(r, "read error: %s", strerror(errno));
			break;
		}
		type = c;
		snprintf(r->where, sizeof(r->where), "the data block at byte %lld",
			 arc_rd_pos(r) - 1);
		if (!arc_rd_int(r, &id, "a data block's entry id"))
			return false;
		struct arc_entry *e = find_entry(ar, id);
		if (e == NULL)
			return arc_rd_fail(
			    r,
			    "corrupt archive: data block for entry %lld, which the TOC "
			    "does not have",
			    id);
		snprintf(r->where, sizeof(r->where), "the data of %s", arc_entry_name(e));
		e->data_seen = true;
		bool ok;
		if (type == BLK_DATA)
			ok = arc_counts_rows(e) ? custom_table_data(r, ar, e)
						: custom_chunks(r, NULL);
		else if (type == BLK_BLOBS)
			ok = custom_skip_blobs(r);
		else
			return arc_rd_fail(r, "corrupt archive: unknown data block type %d", type);
		if (!ok)
			return false;
	}

	/* A block the TOC announced but the file does not hold: cut short. */
	for (size_t i = 0; i < ar->entries.n; i++) {
		struct arc_entry *e = ar->entries.v[i];
		if (e->data_state != OFF_NO_DATA && e->had_dumper && !e->data_seen)
			return arc_rd_fail(r, "truncated archive: the data of %s is missing",
					   arc_entry_name(e));
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
		diag_error(ar->d, arc_file_loc(file), "%s", strerror(errno));
		return false;
	}
	r->size = (long long)st.st_size;
	return true;
}

bool arc_read_custom(struct pgarchive *ar)
{
	struct reader r;
	FILE *f = fopen(ar->path, "rb");

	if (f == NULL) {
		diag_error(ar->d, arc_file_loc(ar->name), "%s", strerror(errno));
		return false;
	}
	bool ok = open_reader(&r, ar, f, ar->name) && arc_read_head(&r, ar) &&
		  arc_read_toc(&r, ar) && custom_read_data(&r, ar);
	fclose(f);
	return ok;
}

/* ---- Directory format ----------------------------------------------------- */

/* input_open tells plain, gzip, zstd and lz4 data files apart by their magic bytes. */
static bool count_file_rows(const struct pgarchive *ar, struct arc_entry *e, const char *file)
{
	struct input *in = input_open_regular(file, ar->d);
	struct row_counter rc = {0};
	char buf[ARC_CHUNK];
	ssize_t n;

	if (in == NULL)
		return false;
	rc_begin(&rc, ar, e);
	while ((n = input_read(in, buf, sizeof(buf))) > 0)
		rc_feed(&rc, buf, (size_t)n);
	input_close(in);
	if (n < 0) {
		rc_finish(&rc); /* frees what INSERT data needs */
		return false;
	}
	e->rows = rc_finish(&rc);
	rc_first_row(&rc, e);
	return true;
}

static bool directory_table_data(struct pgarchive *ar, struct arc_entry *e)
{
	/* pg_dump -Fd -Z adds the compression's suffix to the name in the TOC. */
	static const char *const suffixes[] = {"", ".gz", ".lz4", ".zst"};
	char file[4096];

	if (e->filename == NULL || e->filename[0] == '\0' || strchr(e->filename, '/') != NULL) {
		diag_error(ar->d, arc_file_loc(ar->name),
			   "corrupt toc.dat: bad data file name for %s", arc_entry_name(e));
		return false;
	}
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		struct stat st;
		snprintf(file, sizeof(file), "%s/%s%s", ar->path, e->filename, suffixes[i]);
		if (stat(file, &st) == 0)
			return count_file_rows(ar, e, file);
	}
	snprintf(file, sizeof(file), "%s/%s", ar->path, e->filename);
	diag_error(ar->d, arc_file_loc(file), "missing data file for %s", arc_entry_name(e));
	return false;
}

bool arc_read_directory(struct pgarchive *ar)
{
	struct reader r;
	char *toc = arena_printf(ar->a, "%s/toc.dat", ar->path);
	struct stat st;

	if (lstat(toc, &st) != 0 && errno == ENOENT) {
		diag_error(ar->d, arc_file_loc(ar->name),
			   "is a directory without toc.dat (not a pg_dump -Fd archive)");
		return false;
	}
	/* Only a regular file: a FIFO or /dev/zero would never end. */
	int fd = input_open_regular_fd(toc, ar->d);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "rb");
	if (f == NULL) {
		if (fd >= 0) {
			diag_error(ar->d, arc_file_loc(toc), "%s", strerror(errno));
			close(fd);
		}
		return false;
	}
	bool ok = open_reader(&r, ar, f, toc) && arc_read_head(&r, ar) && arc_read_toc(&r, ar);
	fclose(f);
	for (size_t i = 0; ok && i < ar->entries.n; i++) {
		struct arc_entry *e = ar->entries.v[i];
		if (arc_counts_rows(e))
			ok = directory_table_data(ar, e);
	}
	return ok;
}

/* ---- Tar format (libarchive) ---------------------------------------------- */

static bool tar_fail(struct pgarchive *ar, struct archive *t, const char *what)
{
	const char *msg = archive_error_string(t);
	diag_error(ar->d, arc_file_loc(ar->name), "%s: %s", what, msg ? msg : "unknown error");
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
		diag_error(ar->d, arc_file_loc(file), "corrupt archive: toc.dat of %lld bytes",
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
		diag_error(ar->d, arc_file_loc(file), "truncated archive: toc.dat ends early");
		return false;
	}
	FILE *f = fmemopen(buf, (size_t)size, "rb");
	if (f == NULL) {
		free(buf);
		diag_error(ar->d, arc_file_loc(file), "%s", strerror(errno));
		return false;
	}
	memset(&r, 0, sizeof(r));
	r.f = f;
	r.file = file;
	r.size = (long long)size;
	r.ar = ar;
	bool ok = arc_read_head(&r, ar) && arc_read_toc(&r, ar);
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

	if (!data_sink_start(&s, len > 3 && strcmp(name + len - 3, ".gz") == 0 ? COMP_GZIP
									       : COMP_NONE)) {
		diag_error(ar->d, arc_file_loc(ar->name), "cannot initialise zlib");
		return false;
	}
	rc_begin(&s.rc, ar, e);
	bool ok = true;
	while ((n = archive_read_data(t, buf, sizeof(buf))) > 0) {
		if (!data_sink_feed(&s, buf, (size_t)n)) {
			diag_error(ar->d, arc_file_loc(ar->name),
				   "corrupt compressed data in %s: %s", name, s.err);
			ok = false;
			break;
		}
	}
	if (ok && n < 0)
		ok = tar_fail(ar, t, "cannot read the data of a table");
	long long rows;
	bool complete = data_sink_finish(&s, &rows);
	if (ok && !complete) {
		diag_error(ar->d, arc_file_loc(ar->name), "truncated compressed data in %s", name);
		ok = false;
	}
	e->data_seen = true;
	e->rows = ok ? rows : -1;
	rc_first_row(&s.rc, e);
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
		if (e && arc_counts_rows(e)) {
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

bool arc_read_tar(struct pgarchive *ar)
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
		diag_error(ar->d, arc_file_loc(ar->name),
			   "no toc.dat in the tar file (not a pg_dump -Ft "
			   "archive)");
		return false;
	}
	for (size_t i = 0; ok && i < ar->entries.n; i++) {
		struct arc_entry *e = ar->entries.v[i];
		if (arc_counts_rows(e) && e->filename && !e->data_seen) {
			diag_error(ar->d, arc_file_loc(ar->name),
				   "the data file %s of %s is missing", e->filename,
				   arc_entry_name(e));
			ok = false;
		}
	}
	return ok;
}
