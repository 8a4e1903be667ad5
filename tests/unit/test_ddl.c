/*
 * test_ddl.c
 *	  Unit tests for the DDL writer's single statements (include/ddl.h),
 *	  the ones the whole schema does not write and plan.c builds changes
 *	  from: each statement is applied after the SQL that built the model,
 *	  and the model read back must have changed as the statement says
 *	  (the builder follows PostgreSQL, test_schema_sql.py checks the
 *	  writer against PostgreSQL itself).  Names are hostile throughout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ddl.h"
#include "sqlmodel.h"

#define T_SQL                                                                                      \
	"CREATE SCHEMA \"s;x\";\n"                                                                 \
	"CREATE TABLE \"s;x\".\"t\"\"1\" (\"a'b\" integer, \"c\\d\" text DEFAULT 'x', "            \
	"n integer NOT NULL, i integer GENERATED ALWAYS AS IDENTITY);\n"                           \
	"CREATE TYPE \"s;x\".e AS ENUM ('a''b', 'z');\n"

/* sql, then the statements in sb: the model they make. */
static struct model *after(const char *sql, const struct strbuf *sb)
{
	struct strbuf all;
	sb_init(&all);
	sb_printf(&all, "%s%s", sql, sb->data ? sb->data : "");
	struct model *m = sqlmodel_build(all.data, NULL);
	sb_free(&all);
	return m;
}

static struct column *col(struct model *m, const char *name)
{
	struct table *t = sqlmodel_table(m, "s;x", "t\"1");
	struct column *c = table_find_column(t, name);
	if (c == NULL)
		fail_msg("no column %s", name);
	return c;
}

static void test_alter_columns(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build(T_SQL, NULL);
	struct table *t = sqlmodel_table(m, "s;x", "t\"1");
	struct strbuf sb;
	sb_init(&sb);

	struct column c = *col(m, "a'b");
	c.type = "bigint";
	ddl_alter_column_type(&sb, t, &c, "\"a'b\"::bigint");
	c = *col(m, "c\\d");
	c.default_expr = NULL;
	ddl_alter_column_default(&sb, t, &c);
	c = *col(m, "n");
	c.not_null = false;
	ddl_alter_column_not_null(&sb, t, &c);
	c = *col(m, "i");
	c.identity = IDENTITY_BY_DEFAULT;
	ddl_alter_column_identity(&sb, t, &c, IDENTITY_ALWAYS);
	struct column added = {.name = "new\ncol", .type = "text", .default_expr = "'d'::text"};
	ddl_add_column(&sb, t, &added);
	ddl_drop_column(&sb, t, col(m, "n"));

	struct model *m2 = after(T_SQL, &sb);
	assert_string_equal(col(m2, "a'b")->type, "bigint");
	assert_null(col(m2, "c\\d")->default_expr);
	assert_int_equal(col(m2, "i")->identity, IDENTITY_BY_DEFAULT);
	assert_string_equal(col(m2, "new\ncol")->default_expr, "'d'::text");
	assert_null(table_find_column(sqlmodel_table(m2, "s;x", "t\"1"), "n"));
	model_free(m2);

	/* Dropping the identity, and setting NOT NULL back. */
	sb_reset(&sb);
	c = *col(m, "i");
	c.identity = IDENTITY_NONE;
	ddl_alter_column_identity(&sb, t, &c, IDENTITY_ALWAYS);
	c = *col(m, "a'b");
	c.not_null = true;
	ddl_alter_column_not_null(&sb, t, &c);
	m2 = after(T_SQL, &sb);
	assert_int_equal(col(m2, "i")->identity, IDENTITY_NONE);
	assert_true(col(m2, "a'b")->not_null);
	/* The identity's sequence went with it. */
	assert_null(model_find_sequence(m2, "s;x", "t\"1_i_seq"));
	assert_non_null(model_find_sequence(m, "s;x", "t\"1_i_seq"));
	model_free(m2);
	sb_free(&sb);
	model_free(m);
}

static void test_enum_values(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build(T_SQL, NULL);
	struct pgtype *e = model_find_type(m, "s;x", "e");
	assert_non_null(e);
	struct strbuf sb;
	sb_init(&sb);
	ddl_add_enum_value(&sb, e, "first'", "a'b", true);
	ddl_add_enum_value(&sb, e, "mid$$", "a'b", false);
	ddl_add_enum_value(&sb, e, "last", NULL, false);
	struct model *m2 = after(T_SQL, &sb);
	struct pgtype *e2 = model_find_type(m2, "s;x", "e");
	assert_int_equal(e2->labels.n, 5);
	assert_string_equal(e2->labels.v[0], "first'");
	assert_string_equal(e2->labels.v[1], "a'b");
	assert_string_equal(e2->labels.v[2], "mid$$");
	assert_string_equal(e2->labels.v[3], "z");
	assert_string_equal(e2->labels.v[4], "last");
	model_free(m2);
	sb_free(&sb);
	model_free(m);
}

static void test_drops(void **state)
{
	(void)state;
	const char *sql = T_SQL
	    "CREATE VIEW \"s;x\".v AS SELECT 1 AS x;\n"
	    "CREATE MATERIALIZED VIEW \"s;x\".mv AS SELECT 1 AS x;\n"
	    "CREATE SEQUENCE \"s;x\".sq;\n"
	    "CREATE DOMAIN \"s;x\".d AS integer;\n"
	    "CREATE FUNCTION \"s;x\".f(integer, text) RETURNS integer LANGUAGE sql AS 'select 1';\n"
	    "CREATE AGGREGATE \"s;x\".ag(*) (SFUNC = int8inc, STYPE = bigint);\n"
	    "CREATE INDEX \"i x\" ON \"s;x\".\"t\"\"1\" (n);\n";
	struct model *m = sqlmodel_build(sql, NULL);
	struct strbuf sb;
	sb_init(&sb);
	ddl_drop_view(&sb, model_find_view(m, "s;x", "v"));
	ddl_drop_view(&sb, model_find_view(m, "s;x", "mv"));
	ddl_drop_sequence(&sb, model_find_sequence(m, "s;x", "sq"));
	ddl_drop_type(&sb, model_find_type(m, "s;x", "d"));
	ddl_drop_function(&sb, model_find_function(m, "s;x", "f", "integer, text"));
	ddl_drop_function(&sb, model_find_function(m, "s;x", "ag", ""));
	ddl_drop_index(&sb, model_find_index(m, "s;x", "i x"));
	assert_string_equal(sb.data, "DROP VIEW \"s;x\".v;\n"
				     "DROP MATERIALIZED VIEW \"s;x\".mv;\n"
				     "DROP SEQUENCE \"s;x\".sq;\n"
				     "DROP DOMAIN \"s;x\".d;\n"
				     "DROP FUNCTION \"s;x\".f(integer, text);\n"
				     "DROP AGGREGATE \"s;x\".ag(*);\n"
				     "DROP INDEX \"s;x\".\"i x\";\n");
	struct model *m2 = after(sql, &sb);
	assert_null(model_find_view(m2, "s;x", "v"));
	assert_null(model_find_view(m2, "s;x", "mv"));
	assert_null(model_find_sequence(m2, "s;x", "sq"));
	assert_null(model_find_index(m2, "s;x", "i x"));
	model_free(m2);
	sb_free(&sb);
	model_free(m);
}

static void test_comment_and_rls(void **state)
{
	(void)state;
	struct model *m =
	    sqlmodel_build(T_SQL "ALTER TABLE \"s;x\".\"t\"\"1\" ENABLE ROW LEVEL "
				 "SECURITY;\nCOMMENT ON TABLE \"s;x\".\"t\"\"1\" IS 'c';\n",
			   NULL);
	struct table *t = sqlmodel_table(m, "s;x", "t\"1");
	struct strbuf sb, target;
	sb_init(&sb);
	sb_init(&target);
	ddl_table_name(&target, t);
	ddl_comment(&sb, "TABLE", target.data, NULL);
	ddl_comment(&sb, "COLUMN", "\"s;x\".\"t\"\"1\".n", "it's\n$$; -- not SQL");
	struct table copy = *t;
	copy.rls_enabled = false;
	copy.rls_forced = true;
	ddl_table_rls(&sb, &copy);
	struct model *m2 = after(T_SQL "ALTER TABLE \"s;x\".\"t\"\"1\" ENABLE ROW LEVEL SECURITY;\n"
				       "COMMENT ON TABLE \"s;x\".\"t\"\"1\" IS 'c';\n",
				 &sb);
	struct table *t2 = sqlmodel_table(m2, "s;x", "t\"1");
	assert_null(t2->h.comment);
	assert_string_equal(col(m2, "n")->comment, "it's\n$$; -- not SQL");
	assert_false(t2->rls_enabled);
	assert_true(t2->rls_forced);
	model_free(m2);
	sb_free(&sb);
	sb_free(&target);
	model_free(m);
}

/* ddl_grants from one ACL to another: applied to the first, the model has the second's. */
static void test_grants_between(void **state)
{
	(void)state;
	const char *base = "CREATE TABLE public.t (a integer, \"b;c\" integer);\n";
	const char *from_sql =
	    "GRANT SELECT, INSERT ON public.t TO r1;\n"
	    "GRANT UPDATE (\"b;c\") ON public.t TO \"r\"\"2\" WITH GRANT OPTION;\n";
	const char *to_sql = "GRANT SELECT ON public.t TO r1;\n"
			     "GRANT DELETE ON public.t TO \"r\"\"2\";\n"
			     "GRANT SELECT (a) ON public.t TO PUBLIC;\n";
	struct strbuf sql;
	sb_init(&sql);
	sb_printf(&sql, "%s%s", base, from_sql);
	struct model *from = sqlmodel_build(sql.data, NULL);
	sb_reset(&sql);
	sb_printf(&sql, "%s%s", base, to_sql);
	struct model *to = sqlmodel_build(sql.data, NULL);
	struct strbuf sb;
	sb_init(&sb);
	ddl_grants(&sb, "TABLE", "public.t", &sqlmodel_table(from, "public", "t")->h,
		   &sqlmodel_table(to, "public", "t")->h);
	sb_reset(&sql);
	sb_printf(&sql, "%s%s", base, from_sql);
	struct model *m2 = after(sql.data, &sb);
	model_sort(m2);
	model_sort(to);
	struct objhdr *h2 = &sqlmodel_table(m2, "public", "t")->h;
	struct objhdr *ht = &sqlmodel_table(to, "public", "t")->h;
	assert_int_equal(h2->grants.n, ht->grants.n);
	for (size_t i = 0; i < ht->grants.n; i++) { /* the same entries, in any order */
		const struct grant *b = ht->grants.v[i];
		bool found = false;
		for (size_t j = 0; j < h2->grants.n; j++) {
			const struct grant *a = h2->grants.v[j];
			found |= strcmp(a->grantee, b->grantee) == 0 &&
				 strcmp(a->privileges, b->privileges) == 0 &&
				 a->with_grant_option == b->with_grant_option;
		}
		if (!found)
			fail_msg("grant %s=%s lost", b->grantee, b->privileges);
	}
	model_free(m2);
	model_free(from);
	model_free(to);
	sb_free(&sb);
	sb_free(&sql);
}

/* The whole schema: statements only, and the objects it cannot write are listed. */
static void test_schema_unwritable(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build("CREATE TYPE public.\"sh\nell\";\n"
					 "CREATE TABLE public.t (a integer);\n",
					 NULL);
	struct strbuf sb;
	struct ptrvec missing = {0};
	sb_init(&sb);
	assert_int_equal(ddl_schema(&sb, m, NULL, &missing), 1);
	assert_string_equal(missing.v[0], "type public.\"sh\nell\"");
	/* In the SQL, a comment whose newline is a visible escape. */
	assert_non_null(strstr(sb.data, "holds only its name: type public.\"sh\\nell\"\n"));
	assert_non_null(strstr(sb.data, "CREATE TABLE public.t (\n    a integer\n);\n"));
	free(missing.v[0]);
	ptrvec_free(&missing);
	sb_free(&sb);
	model_free(m);

	/* A view whose query did not deparse is listed, never written as "AS ;". */
	m = sqlmodel_build("CREATE VIEW public.v AS SELECT 1 AS x;\n", NULL);
	model_find_view(m, "public", "v")->definition = NULL;
	sb_init(&sb);
	assert_int_equal(ddl_schema(&sb, m, NULL, &missing), 1);
	assert_string_equal(missing.v[0], "view public.v");
	assert_null(strstr(sb.data, "CREATE VIEW"));
	free(missing.v[0]);
	ptrvec_free(&missing);
	sb_free(&sb);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_alter_columns),  cmocka_unit_test(test_enum_values),
	    cmocka_unit_test(test_drops),	   cmocka_unit_test(test_comment_and_rls),
	    cmocka_unit_test(test_grants_between), cmocka_unit_test(test_schema_unwritable),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	load_cleanup();
	return rc;
}
