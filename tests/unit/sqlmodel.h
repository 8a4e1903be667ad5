/*
 * sqlmodel.h
 *	  Shared by the model-builder unit tests (test_build.c, test_typefmt.c):
 *	  feed SQL text through the real pipeline (load_sql: input, splitter,
 *	  psql layer, libpg_query, builder) and read the diagnostics list the
 *	  loader filled, so a test can insist on silence or on one exact
 *	  warning.
 *
 *	  Include after <cmocka.h>.
 */
#ifndef PGB_TEST_SQLMODEL_H
#define PGB_TEST_SQLMODEL_H

#include "load.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Build a model from `sql`, named "test.sql" in messages.  The loader's
 * diagnostics, as the command would print them, go to *diag (malloc'd);
 * pass NULL to require that there were none.
 */
static PGB_UNUSED struct model *sqlmodel_build(const char *sql, char **diag)
{
	struct model *m = model_new();
	struct diags d = {0};
	bool ok = load_sql(m, "test.sql", sql, strlen(sql), NULL, &d);
	char *err = diags_text(&d);
	diags_free(&d);
	if (!ok)
		fail_msg("the SQL was refused:\n%s", err);
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
