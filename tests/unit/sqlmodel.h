/*
 * sqlmodel.h
 *	  Shared by the model-builder unit tests (test_build.c, test_typefmt.c):
 *	  feed SQL text through the real pipeline (a temporary file read by
 *	  build_from_input: input, splitter, libpg_query, builder) and keep
 *	  what the builder printed on stderr, so a test can insist on silence
 *	  or on one exact warning.
 *
 *	  Include after <cmocka.h>.
 */
#ifndef PGB_TEST_SQLMODEL_H
#define PGB_TEST_SQLMODEL_H

#include "build.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Write `sql` to a fresh temporary file; returns its malloc'd path. */
static PGB_UNUSED char *sqlmodel_write_temp(const char *sql)
{
	char *path = xstrdup("/tmp/pgb-test-build-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t len = strlen(sql), off = 0;
	while (off < len) {
		ssize_t n = write(fd, sql + off, len - off);
		assert_true(n > 0);
		off += (size_t)n;
	}
	close(fd);
	return path;
}

/* Whatever was written to stderr between begin and end, malloc'd. */
static int sqlmodel_saved_stderr = -1;
static int sqlmodel_capture_fd = -1;

static PGB_UNUSED void sqlmodel_capture_begin(void)
{
	if (sqlmodel_capture_fd < 0) {
		char path[] = "/tmp/pgb-test-err-XXXXXX";
		sqlmodel_capture_fd = mkstemp(path);
		unlink(path);
	}
	fflush(stderr);
	if (ftruncate(sqlmodel_capture_fd, 0) != 0)
		abort();
	lseek(sqlmodel_capture_fd, 0, SEEK_SET);
	sqlmodel_saved_stderr = dup(2);
	dup2(sqlmodel_capture_fd, 2);
}

static PGB_UNUSED char *sqlmodel_capture_end(void)
{
	fflush(stderr);
	dup2(sqlmodel_saved_stderr, 2);
	close(sqlmodel_saved_stderr);
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "");
	char buf[4096];
	ssize_t n;
	off_t off = 0;
	while ((n = pread(sqlmodel_capture_fd, buf, sizeof(buf), off)) > 0) {
		sb_append_len(&sb, buf, (size_t)n);
		off += n;
	}
	return sb_steal(&sb);
}

/*
 * Build a model from `sql`.  The builder's messages go to *diag (malloc'd;
 * file names in them are the temporary path); pass NULL to require that
 * there were none.
 */
static PGB_UNUSED struct model *sqlmodel_build(const char *sql, char **diag)
{
	char *path = sqlmodel_write_temp(sql);
	struct model *m = model_new();
	sqlmodel_capture_begin();
	bool ok = build_from_input(m, path);
	char *err = sqlmodel_capture_end();
	unlink(path);
	free(path);
	assert_true(ok);
	if (diag) {
		*diag = err;
	} else {
		if (err[0] != '\0')
			fail_msg("unexpected diagnostics:\n%s", err);
		free(err);
	}
	return m;
}

/* The table, or a test failure naming it. */
static PGB_UNUSED struct table *sqlmodel_table(struct model *m, const char *schema,
					       const char *name)
{
	struct table *t = model_find_table(m, schema, name);
	if (t == NULL)
		fail_msg("no table %s.%s in the model", schema, name);
	return t;
}

static PGB_UNUSED struct column *sqlmodel_column(struct table *t, const char *name)
{
	struct column *c = table_find_column(t, name);
	if (c == NULL)
		fail_msg("no column %s in table %s.%s", name, t->h.schema, t->h.name);
	return c;
}

static PGB_UNUSED struct constraint *sqlmodel_constraint(struct table *t, const char *name)
{
	struct constraint *c = table_find_constraint(t, name);
	if (c == NULL) {
		struct strbuf sb;
		sb_init(&sb);
		sb_append(&sb, "");
		for (size_t i = 0; i < t->constraints.n; i++)
			sb_printf(&sb, " %s", ((struct constraint *)t->constraints.v[i])->name);
		fail_msg("no constraint %s on %s.%s; it has:%s", name, t->h.schema, t->h.name,
			 sb.data);
	}
	return c;
}

/* A string list joined with ", " (arena copy), for comparing lists in one assert. */
static PGB_UNUSED const char *sqlmodel_join(struct model *m, const struct ptrvec *pv)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "");
	for (size_t i = 0; i < pv->n; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", (const char *)pv->v[i]);
	char *r = arena_strdup(m->arena, sb.data);
	sb_free(&sb);
	return r;
}

#endif /* PGB_TEST_SQLMODEL_H */
