/*
 * load.c
 *	  The loader (load.h): the one driver of the pipeline.  A plain dump
 *	  goes input -> split -> psql.c -> build; an archive goes through the
 *	  archive reader, whose restore script is split one query at a time,
 *	  as `pg_restore -d` sends it, and built the same way.
 */
#include "load.h"

#include "build.h"
#include "cleanup.h"
#include "input.h"
#include "pgarchive.h"
#include "psql.h"
#include "split.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- plain dumps ---------------------------------------------------------- */

/* An open plain (or compressed) input: split it, follow psql, build. */
static bool load_plain(struct model *m, struct input *in, const char *path, const char *dbname,
		       struct diags *d)
{
	const char *name = input_name(in);
	m->source.file = arena_strdup(m->arena, path);
	m->source.format = input_compression_name(input_compression(in));

	/* Every database has a public schema; pg_dump does not create it. */
	model_add_schema(m, "public");

	const char *file = arena_strdup(m->arena, name);
	struct splitter *sp = split_new(in, d);
	struct builder *b = build_new(m, sp, file, d);
	int rc = psql_run(b, sp, file, dbname, d);

	split_dump_versions(sp, &m->source.pg_dump_version, &m->source.server_version, m->arena);
	build_free(b);
	split_free(sp);
	return rc == 0;
}

/* ---- archives ------------------------------------------------------------- */

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
 * Returns 0, or -1 when the model is full.
 */
static int load_query(struct builder *b, const char *name, const struct pgarchive_script *s,
		      const struct pgarchive_query *q, bool *std, struct diags *d)
{
	const char *text = s->text + q->off;
	struct input *in = input_open_memory(name, text, q->len, d);
	struct splitter *sp = split_new(in, d);
	struct held *held = NULL;
	size_t n = 0, cap = 0;
	struct stmt st;
	struct loc meta = {0};
	int rc;

	split_set_first_line(sp, q->line);
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
		if (q->entry)
			snprintf(what, sizeof(what),
				 "%s, in archive entry %lld (%s %s): pg_restore sends the entry as "
				 "one query, which the server refuses whole",
				 msg, q->dump_id, q->desc ? q->desc : "", q->tag ? q->tag : "");
		else
			snprintf(what, sizeof(what), "%s: the server refuses this query whole",
				 msg);
		build_unparsed_at(b, where, what, text + strspn(text, "-\n "));
		rc = 0;
	} else if (rc == 0) {
		struct splitter *outer = build_use_splitter(b, sp);
		build_session_begin_entry(b, n > 1);
		for (size_t i = 0; i < n && rc == 0; i++)
			if (!build_statement(b, &held[i].st))
				rc = -1; /* the model is full */
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

static void fill_source(struct model *m, const struct pgarchive_script *s, const char *path)
{
	struct source_info *src = &m->source;

	src->file = arena_strdup(m->arena, path);
	src->format = s->compression;
	src->dump_format = s->dump_format;
	src->archive_version = arena_strdup(m->arena, s->archive_version);
	src->dump_time = arena_strdup(m->arena, s->dump_time);
	src->database = arena_strdup(m->arena, s->database);
	src->pg_dump_version = arena_strdup(m->arena, s->pg_dump_version);
	src->server_version = arena_strdup(m->arena, s->server_version);
}

/*
 * The rows counted in the data replace the empty COPY the script had, and
 * the first value read there is the table's (its first entry's, as in a
 * plain dump).
 */
static void apply_row_counts(struct model *m, const struct pgarchive_script *s)
{
	for (size_t i = 0; i < s->n_rows; i++) {
		struct table *t = model_find_table(m, s->rows[i].schema, s->rows[i].table);
		if (t == NULL)
			continue;
		t->rows = s->rows[i].rows;
		if (t->first_value == NULL && s->rows[i].first_value != NULL)
			t->first_value = arena_strdup(m->arena, s->rows[i].first_value);
	}
}

/* Build the model from the restore script, one query at a time. */
static bool load_script(struct model *m, const struct pgarchive_script *s, const char *archive,
			const struct load_opts *o, struct diags *d)
{
	/* Messages give lines of that script, as `pg_restore -f - FILE` prints it. */
	char *name = arena_printf(m->arena, "%s (restore script)", archive);

	model_add_schema(m, "public");
	struct builder *b = build_new(m, NULL, name, d);
	bool std = true;
	int rc = 0;
	for (size_t i = 0; i < s->n_queries && rc == 0; i++) {
		if (o != NULL && o->progress != NULL)
			o->progress(o->progress_ctx, s->queries[i].off, s->len);
		rc = load_query(b, name, s, &s->queries[i], &std, d);
	}
	build_free(b);
	apply_row_counts(m, s);
	return rc == 0;
}

/* An archive holds one database: --dbname may only name that one. */
static bool check_dbname(const struct pgarchive_script *s, const char *name, const char *dbname,
			 struct diags *d)
{
	if (dbname == NULL || (s->database && strcmp(s->database, dbname) == 0))
		return true;
	diag_error(d, (struct loc){.file = name}, "the archive holds database \"%s\", not \"%s\"",
		   s->database ? s->database : "", dbname);
	return false;
}

/* The archive at `file` (of `kind`), named `name` in messages. */
static bool load_archive(struct model *m, const char *file, const char *name,
			 enum input_archive kind, const char *path, const char *dbname,
			 const struct load_opts *o, struct diags *d)
{
	struct pgarchive_script *s = pgarchive_read(file, name, kind, d);
	bool ok = s != NULL && check_dbname(s, name, dbname, d);

	if (ok) {
		fill_source(m, s, path);
		ok = load_script(m, s, name, o, d);
	}
	pgarchive_free(s);
	return ok;
}

/*
 * An archive that came through a pipe (`pg_dump -Fc db | pgbaseline inspect -`).
 * Its header is checked first; the archive reader seeks, so the stream is
 * then copied to a temporary file: disk, not memory, holds it.
 */
static bool load_piped_archive(struct model *m, struct input *in, const char *path,
			       const char *dbname, const struct load_opts *o, struct diags *d)
{
	size_t head_len;
	const unsigned char *head = input_archive_head(in, &head_len);
	if (!pgarchive_check_head(head, head_len, input_name(in), d))
		return false;

	const char *dir = getenv("TMPDIR");
	struct strbuf path_sb;

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	sb_init(&path_sb);
	sb_printf(&path_sb, "%s/pgbaseline-stdin-XXXXXX", dir);
	char *tmp = sb_steal(&path_sb);
	sigset_t sigs;
	cleanup_hold_signals(&sigs);
	int fd = mkstemp(tmp);
	if (fd >= 0)
		cleanup_add(tmp, false); /* removed however the run ends (cleanup.h) */
	cleanup_release_signals(&sigs);
	bool ok = false;

	if (fd < 0) {
		diag_error(d, (struct loc){.file = input_name(in)},
			   "an archive on standard input is copied to a file first, but %s: %s "
			   "(set TMPDIR to a writable directory)",
			   dir, strerror(errno));
	} else {
		ok = input_spool(in, fd, tmp);
		if (close(fd) != 0 && ok) {
			diag_failure(d, (struct loc){.file = tmp}, "cannot write: %s",
				     strerror(errno));
			ok = false;
		}
		ok = ok && load_archive(m, tmp, input_name(in), input_probe_archive(tmp), path,
					dbname, o, d);
		unlink(tmp);
		cleanup_forget(tmp);
	}
	free(tmp);
	return ok;
}

/* ---- the entry points ----------------------------------------------------- */

/* A plain dump's progress: the bytes read of the file's size. */
struct plain_progress {
	const struct load_opts *o;
	unsigned long long total;
};

static void plain_progress(void *ctx, unsigned long long done)
{
	const struct plain_progress *p = ctx;
	p->o->progress(p->o->progress_ctx, done, p->total);
}

bool load_dump_opts(struct model *m, const char *path, const char *dbname,
		    const struct load_opts *o, struct diags *d)
{
	/* pg_dump -Fc/-Fd/-Ft archives are read by path: the reader seeks. */
	enum input_archive kind = input_probe_archive(path);
	if (kind != INPUT_NOT_ARCHIVE)
		return load_archive(m, path, path, kind, path, dbname, o, d);

	struct input *in = input_open(path, d);
	if (in == NULL)
		return false;
	struct plain_progress pp = {o, input_size(in)};
	if (o != NULL && o->progress != NULL)
		input_set_progress(in, plain_progress, &pp);
	bool ok = input_is_archive(in) ? load_piped_archive(m, in, path, dbname, o, d)
				       : load_plain(m, in, path, dbname, d);
	input_close(in);
	return ok;
}

bool load_dump(struct model *m, const char *path, const char *dbname, struct diags *d)
{
	return load_dump_opts(m, path, dbname, NULL, d);
}

bool load_sql(struct model *m, const char *name, const char *sql, size_t len, const char *dbname,
	      struct diags *d)
{
	struct input *in = input_open_memory(name, sql, len, d);
	bool ok = load_plain(m, in, name, dbname, d);
	input_close(in);
	return ok;
}

void load_cleanup(void)
{
	build_cleanup();
}
