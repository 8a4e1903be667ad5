/*
 * pgarchive.c
 *	  pg_dump's custom, directory and tar archives, read without
 *	  pg_restore: read the archive and hand out the script pg_restore
 *	  would print, where each of its queries starts, the header and the
 *	  row counts (pgarchive.h).  A pure reader: the loader (load.c) builds
 *	  the model from what it returns.
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
#include "datascan.h"
#include "diag.h"
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- What the reader hands out ------------------------------------------ */

static const char *const formats[] = {
    [FMT_CUSTOM] = "custom", [FMT_TAR] = "tar", [FMT_DIRECTORY] = "directory"};

static void fill_header(struct pgarchive_script *s, const struct pgarchive *ar)
{
	s->compression = arc_comp_names[ar->comp];
	s->dump_format = formats[ar->format];
	s->archive_version = arena_printf(s->a, "%d.%d.%d", ar->version >> 16,
					  (ar->version >> 8) & 0xff, ar->version & 0xff);
	s->dump_time = arena_strdup(s->a, ar->dump_time);
	s->database = arena_strdup(s->a, ar->dbname);
	s->pg_dump_version = arena_strdup(s->a, ar->dump_version);
	s->server_version = arena_strdup(s->a, ar->server_version);
}

/* The rows counted in the data, and the first value, for each table whose data was read. */
static void fill_rows(struct pgarchive_script *s, const struct pgarchive *ar)
{
	s->rows = arena_alloc(s->a, (ar->entries.n ? ar->entries.n : 1) * sizeof(*s->rows));
	for (size_t i = 0; i < ar->entries.n; i++) {
		const struct arc_entry *e = ar->entries.v[i];
		if (!arc_counts_rows(e) || e->namespace == NULL)
			continue;
		const char *first = NULL;
		if (e->first_is_value)
			first = arena_strdup(s->a, e->first_row);
		else if (e->rows > 0 && e->copy_stmt && e->copy_stmt[0])
			first = datascan_copy_value(s->a, e->first_row);
		s->rows[s->n_rows++] = (struct pgarchive_rows){
		    .schema = arena_strdup(s->a, e->namespace),
		    .table = arena_strdup(s->a, e->tag),
		    .rows = e->rows,
		    .first_value = first,
		};
	}
}

/* The script, and its queries with the line each starts on. */
static void fill_script(struct pgarchive_script *s, const struct pgarchive *ar)
{
	struct strbuf sb;
	struct arc_cuts cuts = {0};

	sb_init(&sb);
	arc_render_script(ar, &sb, &cuts);
	sb_append(&sb, ""); /* a text even when empty */
	s->len = sb.len;
	s->queries = arena_alloc(s->a, (cuts.n ? cuts.n : 1) * sizeof(*s->queries));
	int line = 1;
	size_t at = 0;
	for (size_t i = 0; i < cuts.n; i++) {
		size_t start = cuts.v[i].off;
		size_t end = i + 1 < cuts.n ? cuts.v[i + 1].off : sb.len;
		for (; at < start; at++)
			line += sb.data[at] == '\n';
		if (end <= start)
			continue;
		const struct arc_entry *e = cuts.v[i].e;
		s->queries[s->n_queries++] = (struct pgarchive_query){
		    .off = start,
		    .len = end - start,
		    .line = line,
		    .entry = e != NULL,
		    .dump_id = e ? e->dump_id : 0,
		    .desc = e && e->desc ? arena_strdup(s->a, e->desc) : NULL,
		    .tag = e && e->tag ? arena_strdup(s->a, e->tag) : NULL,
		};
	}
	free(cuts.v);
	s->text = sb_steal(&sb);
}

struct pgarchive_script *pgarchive_read(const char *path, const char *name, enum input_archive kind,
					struct diags *d)
{
	struct pgarchive ar = {.d = d, .path = path, .name = name, .a = arena_new()};
	bool ok;

	switch (kind) {
	case INPUT_ARCHIVE_CUSTOM:
		ar.format = FMT_CUSTOM;
		ok = arc_read_custom(&ar);
		break;
	case INPUT_ARCHIVE_DIRECTORY:
		ar.format = FMT_DIRECTORY;
		ok = arc_read_directory(&ar);
		break;
	case INPUT_ARCHIVE_TAR:
	default:
		ar.format = FMT_TAR;
		ok = arc_read_tar(&ar);
		break;
	}
	struct pgarchive_script *s = NULL;
	if (ok) {
		s = xcalloc(1, sizeof(*s));
		s->a = arena_new();
		fill_header(s, &ar);
		fill_rows(s, &ar);
		fill_script(s, &ar);
	}
	ptrvec_free(&ar.entries);
	arena_free(ar.a);
	return s;
}

void pgarchive_free(struct pgarchive_script *s)
{
	if (s == NULL)
		return;
	arena_free(s->a);
	free(s->text);
	free(s);
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

bool pgarchive_check_head(const unsigned char *head, size_t n, const char *name, struct diags *d)
{
	struct pgarchive ar = {.d = d, .path = name, .name = name, .format = FMT_CUSTOM};
	struct reader r;
	size_t start = 0;

	if (n < 5 || input_archive_magic(head, n, false) != INPUT_ARCHIVE_CUSTOM) {
		/* pg_dump -Ft writes toc.dat first: its header, then the archive's header. */
		if (n < 512 || !tar_checksum_ok(head)) {
			diag_error(d, arc_file_loc(name),
				   "%s tar header (not a pg_dump -Ft archive)",
				   n < 512 ? "truncated archive: an incomplete"
					   : "corrupt archive: a bad");
			return false;
		}
		if (memcmp(head, "toc.dat", 8) != 0) {
			diag_error(d, arc_file_loc(name),
				   "a tar file whose first member is not toc.dat "
				   "(not a pg_dump -Ft archive)");
			return false;
		}
		ar.format = FMT_TAR;
		start = 512;
	}
	FILE *f = fmemopen((void *)(uintptr_t)(head + start), n - start, "rb");
	if (f == NULL) {
		diag_error(d, arc_file_loc(name), "%s", strerror(errno));
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
