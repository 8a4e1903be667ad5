/*
 * test_model.c
 *	  Unit tests for what keeps the model bounded by the dump's meaning:
 *	  unparsed statements past the first MODEL_UNPARSED_KEPT are counted,
 *	  not kept; lookups by name that are hashed once lists grow give the
 *	  answers the linear searches gave (first of a name, generated names,
 *	  children, enum labels, function overloads); and grants merge into one
 *	  entry per grantee on every kind of object (test_model.py compares
 *	  table grants with PostgreSQL's own ACLs).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "diag.h"
#include "sqlmodel.h"
#include "strmap.h"

static void finish(struct model *m)
{
	model_free(m);
}

/* "grantee=PRIVS[*]; ..." of h, * marking WITH GRANT OPTION. */
static const char *grants_text(struct model *m, struct objhdr *h)
{
	struct strbuf sb;
	grants_render(m, h);
	sb_init(&sb);
	sb_append(&sb, "");
	for (size_t i = 0; i < h->grants.n; i++) {
		const struct grant *g = h->grants.v[i];
		sb_printf(&sb, "%s%s=%s%s", i ? "; " : "", g->grantee, g->privileges,
			  g->with_grant_option ? "*" : "");
	}
	const char *r = arena_strdup(m->arena, sb.data);
	sb_free(&sb);
	return r;
}

/* 1,005 rejected statements: 1,000 kept (the first), all counted. */
static void test_unparsed_bounded(void **state)
{
	struct strbuf sql;
	sb_init(&sql);
	for (int i = 0; i < MODEL_UNPARSED_KEPT + 5; i++)
		sb_append(&sql, "x;\n");
	char *diag;
	struct model *m = sqlmodel_build(sql.data, &diag);
	sb_free(&sql);

	/* The first DIAG_WARNINGS_SHOWN warnings are kept in the list, no more. */
	int lines = 0;
	for (const char *p = diag; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, DIAG_WARNINGS_SHOWN);
	free(diag);

	assert_int_equal(m->unparsed.n, MODEL_UNPARSED_KEPT);
	assert_int_equal(m->source.unparsed, MODEL_UNPARSED_KEPT + 5);
	assert_int_equal(model_unparsed_omitted(m), 5);
	assert_int_equal(((struct unparsed *)m->unparsed.v[0])->line, 1);
	assert_int_equal(((struct unparsed *)m->unparsed.v[MODEL_UNPARSED_KEPT - 1])->line,
			 MODEL_UNPARSED_KEPT);
	struct model_summary s;
	model_summarize(m, &s);
	assert_int_equal(s.unparsed, MODEL_UNPARSED_KEPT + 5);
	finish(m);
}

/* The first column of a name, before and after the table's columns are hashed. */
static void test_find_column_first(void **state)
{
	struct model *m = model_new();
	struct table *t = model_add_table(m, "public", "t");
	char name[16];
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		table_add_column(m, t, name);
	}
	assert_ptr_equal(table_find_column(t, "c5"), t->columns.v[5]); /* linear */
	for (int i = 10; i < 40; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		table_add_column(m, t, name);
	}
	table_add_column(m, t, "c5"); /* a second c5 (the model does not refuse it) */
	assert_ptr_equal(table_find_column(t, "c5"), t->columns.v[5]); /* hashed */
	assert_ptr_equal(table_find_column(t, "c39"), t->columns.v[39]);
	table_add_column(m, t, "late");
	assert_ptr_equal(table_find_column(t, "late"), t->columns.v[41]);
	assert_null(table_find_column(t, "nope"));

	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "k%d", i);
		table_add_constraint(m, t, name, CON_CHECK);
	}
	table_add_constraint(m, t, "k3", CON_UNIQUE);
	assert_ptr_equal(table_find_constraint(t, "k3"), t->constraints.v[3]);
	assert_true(model_constraint_name_taken(m, "public", "k39"));
	assert_false(model_constraint_name_taken(m, "other", "k39"));
	finish(m);
}

/*
 * Generated names see every constraint name of the schema, domains' CHECKs
 * included, and relation names for index-backed ones; a stem chosen many
 * times goes on numbering where it stopped, skipping what is taken.
 */
static void test_generated_names(void **state)
{
	struct model *m = sqlmodel_build(
	    "CREATE DOMAIN public.pos AS integer CONSTRAINT t_check CHECK (VALUE > 0);\n"
	    "CREATE TABLE public.t (a integer, b integer, CHECK (a > b));\n"
	    "CREATE SCHEMA s;\n"
	    "CREATE TABLE s.t (a integer, b integer, CHECK (a > b));\n"
	    "CREATE TABLE public.other (x integer);\n"
	    "CREATE INDEX u_a_key2 ON public.other (x);\n"
	    "CREATE TABLE public.u (a integer);\n"
	    "ALTER TABLE public.u ADD UNIQUE (a);\n"
	    "ALTER TABLE public.u ADD UNIQUE (a);\n"
	    "ALTER TABLE public.u ADD UNIQUE (a);\n"
	    "ALTER TABLE public.u ADD UNIQUE (a);\n"
	    "ALTER TABLE public.u ADD CONSTRAINT u_a_key5 CHECK (a > 0);\n"
	    "ALTER TABLE public.u ADD UNIQUE (a);\n",
	    NULL);
	sqlmodel_constraint(sqlmodel_table(m, "public", "t"), "t_check1");
	sqlmodel_constraint(sqlmodel_table(m, "s", "t"), "t_check");
	struct table *u = sqlmodel_table(m, "public", "u");
	const char *want[] = {"u_a_key", "u_a_key1", "u_a_key3", "u_a_key4", "u_a_key6"};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(sqlmodel_constraint(u, want[i])->kind, CON_UNIQUE);
	assert_int_equal(u->constraints.n, 6);
	finish(m);
}

/* A CHECK added without ONLY, and its VALIDATE, reach every table below, once. */
static void test_tables_below(void **state)
{
	struct model *m =
	    sqlmodel_build("CREATE TABLE public.p (x integer);\n"
			   "CREATE TABLE public.c1 (y integer) INHERITS (public.p);\n"
			   "CREATE TABLE public.c2 () INHERITS (public.c1);\n"
			   "CREATE TABLE public.other (x integer);\n"
			   "ALTER TABLE public.other INHERIT public.c1;\n"
			   "ALTER TABLE public.p ADD CONSTRAINT pos CHECK (x > 0) NOT VALID;\n"
			   "ALTER TABLE public.p VALIDATE CONSTRAINT pos;\n",
			   NULL);
	const char *below[] = {"p", "c1", "c2", "other"};
	for (size_t i = 0; i < 4; i++) {
		struct table *t = sqlmodel_table(m, "public", below[i]);
		assert_int_equal(t->constraints.n, 1);
		assert_true(sqlmodel_constraint(t, "pos")->valid);
	}
	finish(m);
}

/* INHERIT in a cycle (PostgreSQL refuses it; a dump may still say it): no endless recursion. */
static void test_inherit_cycle(void **state)
{
	char *diag = NULL;
	struct model *m = sqlmodel_build("CREATE TABLE public.a (x integer);\n"
					 "CREATE TABLE public.b (x integer);\n"
					 "ALTER TABLE public.a INHERIT public.b;\n"
					 "ALTER TABLE public.b INHERIT public.a;\n"
					 "ALTER TABLE public.a ADD CONSTRAINT c CHECK (x > 0);\n"
					 "ALTER TABLE public.b VALIDATE CONSTRAINT c;\n",
					 &diag);
	/* PostgreSQL refuses the second INHERIT: no cycle, and c stays on a. */
	assert_non_null(diag);
	assert_non_null(strstr(diag, "circular inheritance not allowed"));
	free(diag);
	sqlmodel_constraint(sqlmodel_table(m, "public", "a"), "c");
	assert_null(table_find_constraint(sqlmodel_table(m, "public", "b"), "c"));
	finish(m);
}

/* ADD VALUE as a binary-upgrade dump writes it, one label at a time, and RENAME VALUE. */
static void test_enum_labels(void **state)
{
	struct strbuf sql;
	sb_init(&sql);
	sb_append(&sql, "CREATE TYPE public.e AS ENUM ();\n");
	for (int i = 0; i < 40; i++)
		sb_printf(&sql, "ALTER TYPE public.e ADD VALUE 'v%d';\n", i);
	sb_append(&sql, "ALTER TYPE public.e ADD VALUE IF NOT EXISTS 'v3';\n"
			"ALTER TYPE public.e ADD VALUE 'w' BEFORE 'v0';\n"
			"ALTER TYPE public.e RENAME VALUE 'v1' TO 'x';\n"
			"ALTER TYPE public.e ADD VALUE 'v1';\n");
	struct model *m = sqlmodel_build(sql.data, NULL);
	sb_free(&sql);
	struct pgtype *e = model_find_type(m, "public", "e");
	assert_non_null(e);
	assert_int_equal(e->labels.n, 42);
	assert_string_equal(e->labels.v[0], "w");
	assert_string_equal(e->labels.v[2], "x");
	assert_string_equal(e->labels.v[41], "v1");
	finish(m);
}

/* COMMENT and OWNER find the overload named by its arguments, or the last one. */
static void test_function_overloads(void **state)
{
	struct strbuf sql;
	sb_init(&sql);
	for (int i = 0; i < 30; i++)
		sb_printf(
		    &sql,
		    "CREATE FUNCTION public.g%d() RETURNS integer LANGUAGE sql AS 'SELECT 1';\n",
		    i);
	sb_append(&sql,
		  "CREATE FUNCTION public.f(integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';\n"
		  "CREATE FUNCTION public.f(text) RETURNS integer LANGUAGE sql AS 'SELECT 2';\n"
		  "CREATE AGGREGATE public.f(bigint) (SFUNC = int8pl, STYPE = bigint);\n"
		  "COMMENT ON FUNCTION public.f(text) IS 'on text';\n"
		  "COMMENT ON FUNCTION public.f(integer) IS 'on integer';\n"
		  "COMMENT ON AGGREGATE public.f(bigint) IS 'on bigint';\n"
		  "ALTER FUNCTION public.f OWNER TO bob;\n"
		  "COMMENT ON FUNCTION public.g7() IS 'seven';\n");
	struct model *m = sqlmodel_build(sql.data, NULL);
	sb_free(&sql);
	const char *comment[] = {"on integer", "on text", "on bigint"};
	size_t seen = 0;
	for (size_t i = 0; i < m->functions.n; i++) {
		struct function *f = m->functions.v[i];
		if (strcmp(f->h.name, "g7") == 0)
			assert_string_equal(f->h.comment, "seven");
		if (strcmp(f->h.name, "f") != 0)
			continue;
		assert_string_equal(f->h.comment, comment[seen]);
		/* the last one of that name, as a search from the newest finds it */
		if (seen == 2)
			assert_string_equal(f->h.owner, "bob");
		else
			assert_null(f->h.owner);
		seen++;
	}
	assert_int_equal(seen, 3);
	finish(m);
}

/* Grants merge on schemas, sequences, functions and types too. */
static void test_grants_merge(void **state)
{
	struct strbuf sql;
	sb_init(&sql);
	sb_append(&sql, "CREATE SCHEMA app;\n"
			"CREATE SEQUENCE app.s;\n"
			"CREATE TYPE app.mood AS ENUM ('ok');\n"
			"CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql AS 'SELECT 1';\n");
	for (int i = 0; i < 100; i++)
		sb_append(&sql, "GRANT USAGE ON SCHEMA app TO r;\n"
				"GRANT USAGE ON TYPE app.mood TO r;\n");
	sb_append(&sql, "GRANT CREATE ON SCHEMA app TO r;\n"
			"GRANT ALL ON SEQUENCE app.s TO r;\n"
			"REVOKE UPDATE ON SEQUENCE app.s FROM r;\n"
			"GRANT SELECT ON SEQUENCE app.s TO q WITH GRANT OPTION;\n"
			"GRANT SELECT ON SEQUENCE app.s TO q;\n"
			"REVOKE ALL ON FUNCTION app.f() FROM PUBLIC;\n"
			"GRANT ALL ON FUNCTION app.f() TO PUBLIC;\n"
			"GRANT EXECUTE ON FUNCTION app.f() TO PUBLIC;\n"
			"REVOKE EXECUTE ON FUNCTION app.f() FROM PUBLIC;\n"
			"GRANT EXECUTE ON FUNCTION app.f() TO r;\n"
			"REVOKE USAGE ON TYPE app.mood FROM r;\n");
	struct model *m = sqlmodel_build(sql.data, NULL);
	sb_free(&sql);
	assert_string_equal(grants_text(m, &model_find_schema(m, "app")->h), "r=USAGE, CREATE");
	assert_string_equal(grants_text(m, &model_find_sequence(m, "app", "s")->h),
			    "r=USAGE, SELECT; q=SELECT*");
	/* typacl {=U/owner,owner=U/owner}: r's USAGE revoked, PUBLIC's default left */
	assert_string_equal(grants_text(m, &model_find_type(m, "app", "mood")->h), "PUBLIC=USAGE");
	struct function *f = model_find_function(m, "app", "f", NULL);
	assert_non_null(f);
	assert_string_equal(grants_text(m, &f->h), "r=EXECUTE");
	finish(m);
}

/*
 * COMMENT ON TRIGGER / POLICY through the hashed lookup, and a name given
 * twice (PostgreSQL refuses it) commenting every one, as the search did;
 * REFERENCES without columns takes the primary key.
 */
static void test_table_parts(void **state)
{
	struct strbuf sql;
	sb_init(&sql);
	sb_append(&sql,
		  "CREATE TABLE public.t (id integer PRIMARY KEY, a integer);\n"
		  "CREATE TABLE public.u (x integer REFERENCES public.t);\n"
		  "CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN END';\n");
	for (int i = 0; i < 40; i++)
		sb_printf(&sql,
			  "CREATE TRIGGER tr%d BEFORE INSERT ON public.t FOR EACH ROW EXECUTE "
			  "FUNCTION public.f();\n"
			  "CREATE POLICY p%d ON public.t USING (true);\n",
			  i, i);
	sb_append(&sql, "COMMENT ON TRIGGER tr7 ON public.t IS 'seven';\n"
			"COMMENT ON POLICY p39 ON public.t IS 'last';\n"
			"CREATE TABLE public.d (a integer);\n"
			"CREATE POLICY p ON public.d USING (true);\n"
			"CREATE POLICY p ON public.d USING (false);\n"
			"COMMENT ON POLICY p ON public.d IS 'both';\n");
	char *diag = NULL;
	struct model *m = sqlmodel_build(sql.data, &diag);
	free(diag);
	sb_free(&sql);
	struct table *t = sqlmodel_table(m, "public", "t");
	for (size_t i = 0; i < t->triggers.n; i++) {
		struct trigger *tr = t->triggers.v[i];
		if (strcmp(tr->name, "tr7") == 0)
			assert_string_equal(tr->comment, "seven");
		else
			assert_null(tr->comment);
	}
	assert_string_equal(((struct policy *)t->policies.v[39])->comment, "last");
	assert_null(((struct policy *)t->policies.v[38])->comment);
	struct table *d = sqlmodel_table(m, "public", "d");
	assert_int_equal(d->policies.n, 2);
	assert_string_equal(((struct policy *)d->policies.v[0])->comment, "both");
	assert_string_equal(((struct policy *)d->policies.v[1])->comment, "both");
	struct constraint *fk = sqlmodel_constraint(sqlmodel_table(m, "public", "u"), "u_x_fkey");
	assert_string_equal(sqlmodel_join(m, &fk->ref_columns), "id");
	finish(m);
}

/* The model's arena after `n` repetitions of statements that change nothing the second time. */
static size_t arena_after_repeats(int n)
{
	struct strbuf sql;
	sb_init(&sql);
	sb_append(&sql, "CREATE TABLE public.t (a integer);\n");
	for (int i = 0; i < n; i++)
		sb_append(&sql, "GRANT SELECT ON TABLE public.t TO r;\n"
				"GRANT UPDATE(a) ON TABLE public.t TO r WITH GRANT OPTION;\n"
				"COMMENT ON TABLE public.t IS 'the table';\n"
				"COMMENT ON COLUMN public.t.a IS 'a column';\n"
				"ALTER TABLE public.t OWNER TO bob;\n");
	struct model *m = sqlmodel_build(sql.data, NULL);
	sb_free(&sql);
	size_t used = arena_used(m->arena);
	finish(m);
	return used;
}

/* Repeating a GRANT, COMMENT or OWNER TO costs no memory: the model holds its meaning once. */
static void test_repeats_cost_nothing(void **state)
{
	assert_int_equal(arena_after_repeats(2000), arena_after_repeats(1));
}

/* Put and remove many keys: the map stays right (and does not grow on tombstones). */
static void test_strmap_churn(void **state)
{
	struct strmap *map = strmap_new();
	char key[32];
	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		strmap_put(map, key, map);
		if (i > 0) {
			snprintf(key, sizeof(key), "k%d", i - 1);
			strmap_remove(map, key);
		}
	}
	assert_true(strmap_has(map, "k99999"));
	assert_false(strmap_has(map, "k99998"));
	assert_false(strmap_has(map, "k0"));
	strmap_put(map, "k0", NULL);
	assert_true(strmap_has(map, "k0"));
	strmap_free(map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_unparsed_bounded),	 cmocka_unit_test(test_find_column_first),
	    cmocka_unit_test(test_generated_names),	 cmocka_unit_test(test_tables_below),
	    cmocka_unit_test(test_inherit_cycle),	 cmocka_unit_test(test_enum_labels),
	    cmocka_unit_test(test_function_overloads),	 cmocka_unit_test(test_grants_merge),
	    cmocka_unit_test(test_repeats_cost_nothing), cmocka_unit_test(test_table_parts),
	    cmocka_unit_test(test_strmap_churn),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
