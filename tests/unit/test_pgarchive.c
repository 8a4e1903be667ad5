/*
 * test_pgarchive.c
 *	  Unit tests for the archive reader, on custom archives written here
 *	  byte by byte (the layout of pg_backup_archiver.c's WriteHead and
 *	  WriteToc): versions 1.12 to 1.16, uncompressed and zlib data, data
 *	  offsets set and not set, the search_path of archives without a
 *	  SEARCHPATH entry, ALTER ... OWNER TO from the TOC, row counts; and
 *	  every truncation of a valid archive, absurd lengths and a corrupt
 *	  integer size, which must fail cleanly.  Real pg_dump archives are
 *	  tested by tests/integration/test_archives.py.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdiags.h"

#include "diag.h"
#include "../../src/input.h"
#include "../../src/pgarchive.h"
#include "load.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* ---- writing an archive ----------------------------------------------- */

struct arc_spec {
	int minor;	    /* 12 to 16 */
	bool zlib;	    /* compress the data */
	bool offsets;	    /* record data offsets (pg_dump writing to a file) */
	bool search_path;   /* a SEARCHPATH entry */
	const char *schema; /* namespace of the table entries */
	const char *table_sql;
	const char *data; /* COPY text of the table, or NULL for none */
};

static void put_int(struct strbuf *sb, long long v)
{
	unsigned long long u = (unsigned long long)(v < 0 ? -v : v);
	sb_putc(sb, v < 0 ? 1 : 0);
	for (int i = 0; i < 4; i++)
		sb_putc(sb, (char)((u >> (8 * i)) & 0xff));
}

static void put_str(struct strbuf *sb, const char *s)
{
	if (s == NULL) {
		put_int(sb, -1);
		return;
	}
	put_int(sb, (long long)strlen(s));
	sb_append_len(sb, s, strlen(s));
}

struct toc_item {
	int id;
	bool had_dumper;
	const char *tag, *desc, *defn, *drop, *copy, *ns, *owner;
};

static void put_entry(struct strbuf *sb, const struct arc_spec *sp, const struct toc_item *t,
		      long long data_pos, size_t *pos_at)
{
	put_int(sb, t->id);
	put_int(sb, t->had_dumper);
	put_str(sb, "0");
	put_str(sb, "0");
	put_str(sb, t->tag);
	put_str(sb, t->desc);
	put_int(sb, 1); /* section */
	put_str(sb, t->defn);
	put_str(sb, t->drop);
	put_str(sb, t->copy);
	put_str(sb, t->ns);
	put_str(sb, t->had_dumper || strcmp(t->desc, "TABLE") == 0 ? "" : NULL);
	if (sp->minor >= 14)
		put_str(sb, strcmp(t->desc, "TABLE") == 0 ? "heap" : NULL);
	if (sp->minor >= 16)
		put_int(sb, strcmp(t->desc, "TABLE") == 0 ? 'r' : 0);
	put_str(sb, t->owner);
	put_str(sb, "false");
	put_str(sb, NULL); /* no dependencies */
	/* custom format: offset flag and 8 offset bytes */
	*pos_at = sb->len;
	sb_putc(sb, (char)(t->had_dumper ? (sp->offsets ? 2 : 1) : 3));
	for (int i = 0; i < 8; i++)
		sb_putc(sb, (char)((data_pos >> (8 * i)) & 0xff));
}

static void put_data_block(struct strbuf *sb, int id, const char *text, bool zlib)
{
	sb_putc(sb, 1); /* BLK_DATA */
	put_int(sb, id);
	if (zlib) {
		uLongf n = compressBound(strlen(text));
		unsigned char *z = malloc(n);
		assert_int_equal(compress2(z, &n, (const Bytef *)text, strlen(text), 6), Z_OK);
		/* two chunks, so the stream crosses a chunk boundary */
		put_int(sb, (long long)(n / 2));
		sb_append_len(sb, (const char *)z, n / 2);
		put_int(sb, (long long)(n - n / 2));
		sb_append_len(sb, (const char *)z + n / 2, n - n / 2);
		free(z);
	} else {
		put_int(sb, (long long)strlen(text));
		sb_append(sb, text);
	}
	put_int(sb, 0);
}

static struct strbuf make_archive(const struct arc_spec *sp)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append_len(&sb, "PGDMP", 5);
	sb_putc(&sb, 1);
	sb_putc(&sb, (char)sp->minor);
	sb_putc(&sb, 0);
	sb_putc(&sb, 4); /* intSize */
	sb_putc(&sb, 8); /* offSize */
	sb_putc(&sb, 1); /* custom */
	if (sp->minor >= 15)
		sb_putc(&sb, sp->zlib ? 1 : 0);
	else
		put_int(&sb, sp->zlib ? -1 : 0);
	long long tm[7] = {56, 34, 12, 1, 4, 124, 0};
	for (int i = 0; i < 7; i++)
		put_int(&sb, tm[i]);
	put_str(&sb, "appdb");
	put_str(&sb, "15.4");
	put_str(&sb, "15.4");

	struct toc_item items[] = {
	    {1, false, "ENCODING", "ENCODING", "SET client_encoding = 'UTF8';\n", "", NULL, NULL,
	     NULL},
	    {2, false, "STDSTRINGS", "STDSTRINGS", "SET standard_conforming_strings = 'on';\n", "",
	     NULL, NULL, NULL},
	    {3, false, "SEARCHPATH", "SEARCHPATH",
	     "SELECT pg_catalog.set_config('search_path', '', false);\n", "", NULL, NULL, NULL},
	    {10, false, "items", "TABLE", sp->table_sql, "DROP TABLE items;\n", NULL, sp->schema,
	     "app owner"},
	    {11, true, "items", "TABLE DATA", "", "", "COPY items (id) FROM stdin;\n", sp->schema,
	     "app owner"},
	};
	int n = sp->data ? 5 : 4;
	put_int(&sb, n - (sp->search_path ? 0 : 1));
	size_t data_pos_at = 0, ignored;
	for (int i = 0; i < n; i++) {
		if (i == 2 && !sp->search_path)
			continue;
		put_entry(&sb, sp, &items[i], 0, i == 4 ? &data_pos_at : &ignored);
	}
	if (sp->data) {
		long long pos = (long long)sb.len;
		put_data_block(&sb, 11, sp->data, sp->zlib);
		if (sp->offsets)
			for (int i = 0; i < 8; i++)
				sb.data[data_pos_at + 1 + i] = (char)((pos >> (8 * i)) & 0xff);
	}
	return sb;
}

static char *write_temp(const char *data, size_t len)
{
	char *path = xstrdup("/tmp/pgb-test-archive-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

/* Build a model from the archive bytes through the loader; *ok its result. */
static struct model *read_archive(const char *data, size_t len, bool *ok)
{
	char *path = write_temp(data, len);
	struct model *m = model_new();
	assert_true(input_probe_archive(path) != INPUT_NOT_ARCHIVE);
	*ok = load_dump(m, path, NULL, &diags);
	unlink(path);
	free(path);
	return m;
}

/* Empty the list for the next read. */
static void diags_reset(void)
{
	free(diags_take());
}

/* ---- tests ------------------------------------------------------------ */

static const char *const TABLE_SQL = "CREATE TABLE app.items (\n    id integer NOT NULL\n);\n";

static void test_versions_and_compression(void **state)
{
	const char *data = "1\n2\n\n4\n\\.\n\n\n";
	for (int minor = 12; minor <= 16; minor++) {
		for (int z = 0; z < 2; z++) {
			for (int off = 0; off < 2; off++) {
				struct arc_spec sp = {minor, z, off, true, "app", TABLE_SQL, data};
				struct strbuf sb = make_archive(&sp);
				bool ok;
				struct model *m = read_archive(sb.data, sb.len, &ok);
				assert_true(ok);
				struct table *t = model_find_table(m, "app", "items");
				assert_non_null(t);
				assert_int_equal(t->rows, 4); /* the empty line is a row */
				assert_string_equal(t->h.owner, "app owner");
				assert_string_equal(m->source.dump_format, "custom");
				assert_string_equal(m->source.format, z ? "gzip" : "plain");
				assert_string_equal(m->source.database, "appdb");
				assert_string_equal(m->source.dump_time, "2024-05-01 12:34:56");
				assert_string_equal(m->source.pg_dump_version, "15.4");
				char want[16];
				snprintf(want, sizeof(want), "1.%d.0", minor);
				assert_string_equal(m->source.archive_version, want);
				model_free(m);
				sb_free(&sb);
			}
		}
	}
}

/* Without a SEARCHPATH entry, pg_restore sets search_path to each entry's schema. */
static void test_search_path_per_entry(void **state)
{
	struct arc_spec sp = {
	    12, false, true, false, "app", "CREATE TABLE items (id integer);\n", "7\n\\.\n"};
	struct strbuf sb = make_archive(&sp);
	bool ok;
	struct model *m = read_archive(sb.data, sb.len, &ok);
	assert_true(ok);
	struct table *t = model_find_table(m, "app", "items");
	assert_non_null(t);
	assert_int_equal(t->rows, 1);
	assert_null(model_find_table(m, "public", "items"));
	model_free(m);
	sb_free(&sb);
}

/* No data block: the table has no row count, as a plain dump without COPY. */
static void test_no_data(void **state)
{
	struct arc_spec sp = {14, true, true, true, "app", TABLE_SQL, NULL};
	struct strbuf sb = make_archive(&sp);
	bool ok;
	struct model *m = read_archive(sb.data, sb.len, &ok);
	assert_true(ok);
	assert_int_equal(model_find_table(m, "app", "items")->rows, -1);
	model_free(m);
	sb_free(&sb);
}

/* Every cut of a valid archive fails with an error, and never crashes. */
static void test_every_truncation(void **state)
{
	for (int z = 0; z < 2; z++) {
		struct arc_spec sp = {14, z, z, true, "app", TABLE_SQL, "1\n2\n\\.\n\n\n"};
		struct strbuf sb = make_archive(&sp);
		for (size_t cut = 1; cut < sb.len; cut++) {
			diags_reset();
			bool ok;
			struct model *m = read_archive(sb.data, cut, &ok);
			assert_false(ok);
			assert_int_equal(diags.errors, 1);
			model_free(m);
		}
		sb_free(&sb);
	}
	diags_reset();
}

static void expect_failure(struct strbuf *sb)
{
	diags_reset();
	bool ok;
	struct model *m = read_archive(sb->data, sb->len, &ok);
	assert_false(ok);
	assert_true(diags.errors > 0);
	model_free(m);
	diags_reset();
}

static void test_corrupt_header_and_lengths(void **state)
{
	struct arc_spec sp = {14, true, true, true, "app", TABLE_SQL, "1\n\\.\n"};
	struct strbuf sb = make_archive(&sp);

	sb.data[8] = 99; /* intSize */
	expect_failure(&sb);
	sb.data[8] = 4;
	sb.data[6] = 99; /* version 1.99 */
	expect_failure(&sb);
	sb.data[6] = 14;
	sb.data[10] = 5; /* a directory's format byte in a custom file */
	expect_failure(&sb);
	sb.data[10] = 1;

	/* The database name's length (after 11 header bytes, the level and 7 times). */
	size_t at = 11 + 5 + 7 * 5;
	assert_memory_equal(sb.data + at + 5, "appdb", 5);
	sb.data[at + 4] = 0x7f; /* 2^31 - something: past the end, over the limit */
	expect_failure(&sb);
	sb.data[at + 4] = 0;
	sb.data[at + 3] = 0x01; /* 65541 bytes: past the end of this small file */
	expect_failure(&sb);
	sb_free(&sb);
}

/*
 * The reader alone, without the loader: it hands out the script, where
 * each query starts (and on which line), the header and the row counts;
 * nothing of the model.
 */
static void test_reader_alone(void **state)
{
	struct arc_spec sp = {15, false, true, true, "app", TABLE_SQL, "1\n2\n\\.\n"};
	struct strbuf sb = make_archive(&sp);
	char *path = write_temp(sb.data, sb.len);
	struct pgarchive_script *s =
	    pgarchive_read(path, "x.dump", input_probe_archive(path), &diags);

	assert_non_null(s);
	assert_int_equal(diags.errors, 0);
	assert_string_equal(s->dump_format, "custom");
	assert_string_equal(s->archive_version, "1.15.0");
	assert_string_equal(s->database, "appdb");
	assert_int_equal(s->n_rows, 1);
	assert_string_equal(s->rows[0].schema, "app");
	assert_string_equal(s->rows[0].table, "items");
	assert_int_equal(s->rows[0].rows, 2);
	assert_int_equal(strlen(s->text), s->len);
	/* The queries tile the script in order, each starting on the line it says. */
	bool table_seen = false;
	size_t at = 0;
	for (size_t i = 0; i < s->n_queries; i++) {
		const struct pgarchive_query *q = &s->queries[i];
		assert_true(q->off >= at && q->len > 0 && q->off + q->len <= s->len);
		int line = 1;
		for (size_t k = 0; k < q->off; k++)
			line += s->text[k] == '\n';
		assert_int_equal(q->line, line);
		if (memmem(s->text + q->off, q->len, "CREATE TABLE app.items", 22) != NULL) {
			/* The table's definition is a query of its own TOC entry. */
			assert_true(q->entry);
			assert_string_equal(q->desc, "TABLE");
			assert_string_equal(q->tag, "items");
			table_seen = true;
		}
		at = q->off + q->len;
	}
	assert_true(table_seen);
	pgarchive_free(s);
	unlink(path);
	free(path);
	sb_free(&sb);
}

static void test_probe(void **state)
{
	char *plain = write_temp("CREATE TABLE t (a int);\n", 24);
	char *magic = write_temp("PGD", 3);
	assert_int_equal(input_probe_archive(plain), INPUT_NOT_ARCHIVE);
	/* a cut custom archive, reported as one */
	assert_int_equal(input_probe_archive(magic), INPUT_ARCHIVE_CUSTOM);
	assert_int_equal(input_probe_archive("/tmp"), INPUT_ARCHIVE_DIRECTORY);
	assert_int_equal(input_probe_archive("-"), INPUT_NOT_ARCHIVE);
	assert_int_equal(input_probe_archive("/nonexistent/x.dump"), INPUT_NOT_ARCHIVE);
	unlink(plain);
	unlink(magic);
	free(plain);
	free(magic);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_versions_and_compression),
	    cmocka_unit_test(test_search_path_per_entry),
	    cmocka_unit_test(test_no_data),
	    cmocka_unit_test(test_every_truncation),
	    cmocka_unit_test(test_corrupt_header_and_lengths),
	    cmocka_unit_test(test_probe),
	    cmocka_unit_test(test_reader_alone),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	diags_free(&diags);
	load_cleanup();
	return rc;
}
