/*
 * pgarchive.c
 *	  pg_dump's custom, directory and tar archives, read without
 *	  pg_restore: tell the format apart, read the archive, and build the
 *	  model from the script pg_restore would print.
 *
 *	  The stages are modules of their own, sharing pgarchive_int.h:
 *	  arc_toc.c parses the header and the TOC (as pg_backup_archiver.c's
 *	  ReadHead and ReadToc do), arc_data.c reads each format and counts
 *	  the rows of each table's data (uncompressed, gzip, lz4 or zstd), and
 *	  arc_script.c prints the script.
 *
 *	  Every read is checked against the bytes that are left, so a
 *	  truncated or corrupt archive is an error naming the file and the
 *	  byte offset, never a crash or an allocation sized by garbage.
 */
#include "pgarchive.h"
#include "pgarchive_int.h"

#include "arena.h"
#include "build.h"
#include "diag.h"
#include "input.h"
#include "split.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- Building the model --------------------------------------------------- */

static void fill_source(struct model *m, const struct pgarchive *ar)
{
	static const char *const formats[] = {
	    [FMT_CUSTOM] = "custom", [FMT_TAR] = "tar", [FMT_DIRECTORY] = "directory"};
	struct source_info *s = &m->source;

	s->file = arena_strdup(m->arena, ar->path);
	s->format = arc_comp_names[ar->comp];
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
		if (!arc_counts_rows(e) || e->namespace == NULL)
			continue;
		struct table *t = model_find_table(m, e->namespace, e->tag);
		if (t) {
			t->rows = e->rows;
			if (e->first_is_value && t->first_value == NULL)
				t->first_value = arena_strdup(m->arena, e->first_row);
			else if (e->rows > 0 && t->first_value == NULL && e->copy_stmt &&
				 e->copy_stmt[0])
				t->first_value = build_data_copy_value(m->arena, e->first_row);
		}
	}
}

/* A statement of one query, kept until the whole query was split. */
struct held {
	struct stmt st;
	char *text;
	char *hint;
};

/*
 * One query of the script, as the server gets it from `pg_restore -d`:
 * split whole first, so quoting that does not end stays inside it and
 * the server's refusal of the whole query is a warning at its start.
 */
static int build_query(struct builder *b, const char *name, const char *text, size_t len, int line,
		       const struct arc_entry *e, bool *std)
{
	struct input *in = input_open_memory(name, text, len);
	struct splitter *sp = split_new(in);
	struct held *held = NULL;
	size_t n = 0, cap = 0;
	struct stmt st;
	struct loc meta = {0};
	int rc;

	split_set_first_line(sp, line);
	split_set_standard_strings(sp, *std);
	split_set_soft_errors(sp, true);
	while ((rc = split_next(sp, &st)) > 0) {
		if (st.kind != STMT_SQL) {
			/* The script's own \restrict and \unrestrict are fine; the server
			 * refuses a backslash anywhere else outside quotes. */
			if (meta.file == NULL && strcmp(st.text, "\\restrict pgbaseline") != 0 &&
			    strcmp(st.text, "\\unrestrict pgbaseline") != 0)
				meta = (struct loc){name, st.line, st.col};
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			held = xrealloc(held, cap * sizeof(*held));
		}
		held[n].st = st;
		held[n].text = xstrndup(st.text, st.len);
		held[n].hint = st.hint ? xstrdup(st.hint) : NULL;
		held[n].st.text = held[n].text;
		held[n].st.hint = held[n].hint;
		n++;
	}
	struct loc where = meta;
	const char *msg = rc < 0 ? split_error(sp, &where) : NULL;
	if (msg == NULL && rc == 0 && meta.file != NULL)
		msg = "a backslash outside quotes (a psql meta-command in `pg_restore -f -` "
		      "output)";
	if (msg) {
		char what[700];
		if (e)
			snprintf(what, sizeof(what),
				 "%s, in archive entry %lld (%s %s): pg_restore sends the entry as "
				 "one query, which the server refuses whole",
				 msg, e->dump_id, e->desc, e->tag ? e->tag : "");
		else
			snprintf(what, sizeof(what), "%s: the server refuses this query whole",
				 msg);
		build_unparsed_at(b, where, what, text + strspn(text, "-\n "));
		rc = 0;
	} else if (rc == 0) {
		struct splitter *outer = build_use_splitter(b, sp);
		build_session_begin_entry(b, n > 1);
		for (size_t i = 0; i < n; i++)
			build_statement(b, &held[i].st);
		build_session_end_entry(b);
		*std = split_standard_strings(sp);
		build_use_splitter(b, outer);
	}
	for (size_t i = 0; i < n; i++) {
		free(held[i].text);
		free(held[i].hint);
	}
	free(held);
	split_free(sp);
	input_close(in);
	return rc;
}

static bool build_script(struct model *m, const struct pgarchive *ar)
{
	struct strbuf sb;
	struct arc_cuts cuts = {0};

	sb_init(&sb);
	arc_render_script(ar, &sb, &cuts);
	/* Messages give lines of that script, as `pg_restore -f - FILE` prints it. */
	char *name = arena_printf(m->arena, "%s (restore script)", ar->name);

	model_add_schema(m, "public");
	struct builder *b = build_new(m, NULL, name);
	bool std = true;
	int line = 1, rc = 0;
	size_t at = 0;
	for (size_t i = 0; i < cuts.n && rc == 0; i++) {
		size_t start = cuts.v[i].off;
		size_t end = i + 1 < cuts.n ? cuts.v[i + 1].off : sb.len;
		for (; at < start; at++)
			line += sb.data[at] == '\n';
		if (end > start)
			rc = build_query(b, name, sb.data + start, end - start, line, cuts.v[i].e,
					 &std);
	}
	build_free(b);
	free(cuts.v);
	sb_free(&sb);
	apply_row_counts(m, ar);
	return rc == 0;
}

static bool detect_format(struct pgarchive *ar)
{
	struct stat st;
	unsigned char head[512];

	if (stat(ar->path, &st) != 0) {
		diag_error(arc_file_loc(ar->name), "%s", strerror(errno));
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		ar->format = FMT_DIRECTORY;
		return true;
	}
	FILE *f = fopen(ar->path, "rb");
	if (f == NULL) {
		diag_error(arc_file_loc(ar->name), "%s", strerror(errno));
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
	return pgarchive_magic(head, n, true);
}

bool pgarchive_magic(const unsigned char *head, size_t n, bool cut_ok)
{
	if (n >= 5 || (cut_ok && n > 0)) {
		if (memcmp(head, "PGDMP", n < 5 ? n : 5) == 0)
			return true;
	}
	/* A POSIX tar header: "ustar" at byte 257. */
	return n >= 512 && memcmp(head + 257, "ustar", 5) == 0;
}

/* An archive holds one database: --dbname may only name that one. */
static bool check_dbname(const struct pgarchive *ar, const char *dbname)
{
	if (dbname == NULL || (ar->dbname && strcmp(ar->dbname, dbname) == 0))
		return true;
	diag_error(arc_file_loc(ar->name), "the archive holds database \"%s\", not \"%s\"",
		   ar->dbname ? ar->dbname : "", dbname);
	return false;
}

bool pgarchive_build(struct model *m, const char *path, const char *dbname)
{
	return pgarchive_build_named(m, path, path, dbname);
}

bool pgarchive_build_named(struct model *m, const char *path, const char *name, const char *dbname)
{
	struct pgarchive ar = {.path = path, .name = name, .a = arena_new()};
	bool ok = detect_format(&ar);

	if (ok) {
		switch (ar.format) {
		case FMT_CUSTOM:
			ok = arc_read_custom(&ar);
			break;
		case FMT_DIRECTORY:
			ok = arc_read_directory(&ar);
			break;
		case FMT_TAR:
			ok = arc_read_tar(&ar);
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

/* A tar header's checksum: its bytes summed, the checksum field counted as spaces. */
static bool tar_checksum_ok(const unsigned char *h)
{
	unsigned long sum = 0, stored = 0;
	int i;

	for (i = 0; i < 512; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	for (i = 148; i < 156 && h[i] == ' '; i++)
		;
	int digits = 0;
	for (; i < 156 && h[i] >= '0' && h[i] <= '7'; i++, digits++)
		stored = stored * 8 + (unsigned long)(h[i] - '0');
	return digits > 0 && stored == sum;
}

bool pgarchive_check_head(const unsigned char *head, size_t n, const char *name)
{
	struct pgarchive ar = {.path = name, .name = name, .format = FMT_CUSTOM};
	struct reader r;
	size_t start = 0;

	if (n < 5 || memcmp(head, "PGDMP", 5) != 0) {
		/* pg_dump -Ft writes toc.dat first: its header, then the archive's header. */
		if (n < 512 || !tar_checksum_ok(head)) {
			diag_error(arc_file_loc(name), "%s tar header (not a pg_dump -Ft archive)",
				   n < 512 ? "truncated archive: an incomplete"
					   : "corrupt archive: a bad");
			return false;
		}
		if (memcmp(head, "toc.dat", 8) != 0) {
			diag_error(arc_file_loc(name),
				   "a tar file whose first member is not toc.dat "
				   "(not a pg_dump -Ft archive)");
			return false;
		}
		ar.format = FMT_TAR;
		start = 512;
	}
	FILE *f = fmemopen((void *)(uintptr_t)(head + start), n - start, "rb");
	if (f == NULL) {
		diag_error(arc_file_loc(name), "%s", strerror(errno));
		return false;
	}
	memset(&r, 0, sizeof(r));
	r.f = f;
	r.file = name;
	r.size = (long long)(n - start);
	r.ar = &ar;
	ar.a = arena_new();
	bool ok = arc_read_head(&r, &ar);
	fclose(f);
	arena_free(ar.a);
	return ok;
}
