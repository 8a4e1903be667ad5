/*
 * test_security.c
 *	  The security view (security.h) planned from models built from SQL:
 *	  each fact with a positive case and a look-alike that must not show
 *	  as it (a grant revoked, PUBLIC's default revoked or kept, column
 *	  grants, the schema public's default, RLS and policies, SECURITY
 *	  DEFINER with and without search_path, roles and their order, the
 *	  filter), and names as psql takes them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "filter.h"
#include "security.h"
#include "sqlmodel.h"

/* The model of sql, filtered (pattern for -n, or NULL) and sorted, and its view. */
static struct model *plan(const char *sql, const char *schema, struct security_view *v)
{
	struct model *m = sqlmodel_build(sql, NULL);
	struct filter *f = filter_new();
	if (schema != NULL)
		filter_add(f, FILTER_SCHEMA, schema);
	filter_apply(m, f);
	filter_free(f);
	model_sort(m);
	security_plan(m, v);
	return m;
}

/* The grant rows, one a line: "table app.t: bob SELECT [grant option] [default]". */
static char *rows(const struct security_view *v)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "");
	for (size_t i = 0; i < v->grants.n; i++) {
		const struct security_grant *g = v->grants.v[i];
		sb_printf(&sb, "%s ", g->kind);
		security_put_object(&sb, g->kind, g->object, g->column);
		sb_printf(&sb, ": %s %s%s%s\n", g->role, g->privileges,
			  g->with_grant_option ? " [grant option]" : "",
			  g->is_default ? " [default]" : "");
	}
	return sb_steal(&sb);
}

/* The rows of sql (the schema public's own default left out by -n app). */
static void expect_rows(const char *sql, const char *want)
{
	struct security_view v;
	struct model *m = plan(sql, "app", &v);
	char *got = rows(&v);
	if (strcmp(got, want) != 0)
		fail_msg("for\n%s\nwant\n%s\ngot\n%s", sql, want, got);
	free(got);
	security_free(&v);
	model_free(m);
}

#define APP "CREATE SCHEMA app;\n"
#define T   APP "CREATE TABLE app.t (b integer, a integer);\n"

static void test_table_grants(void **state)
{
	expect_rows(T "GRANT SELECT ON app.t TO bob;\n", "table app.t: bob SELECT\n");
	/* look-alike: granted, then revoked */
	expect_rows(T "GRANT SELECT ON app.t TO bob;\nREVOKE ALL ON app.t FROM bob;\n", "");
	/* look-alike: no grant at all (a table's default gives PUBLIC nothing) */
	expect_rows(T, "");
	/* with and without the grant option: two rows; grantees by name */
	expect_rows(T "GRANT SELECT ON app.t TO zed WITH GRANT OPTION;\n"
		      "GRANT INSERT ON app.t TO zed;\nGRANT ALL ON app.t TO amy;\n",
		    "table app.t: amy ALL\ntable app.t: zed INSERT\n"
		    "table app.t: zed SELECT [grant option]\n");
}

static void test_column_grants(void **state)
{
	/* a row per column, in the table's column order; privileges in the order granted */
	expect_rows(T "GRANT SELECT (a, b), UPDATE (b) ON app.t TO bob;\n",
		    "column app.t.b: bob SELECT, UPDATE\ncolumn app.t.a: bob SELECT\n");
	/* table level and column level of one grantee: the table's row first */
	expect_rows(T "GRANT UPDATE (a) ON app.t TO bob;\nGRANT SELECT ON app.t TO bob;\n",
		    "table app.t: bob SELECT\ncolumn app.t.a: bob UPDATE\n");
	/* look-alike: a column grant revoked by the table-level REVOKE */
	expect_rows(T "GRANT SELECT (a) ON app.t TO bob;\nREVOKE SELECT ON app.t FROM bob;\n", "");
	/* ALL (columns) */
	expect_rows(T "GRANT ALL (a) ON app.t TO bob;\n", "column app.t.a: bob ALL\n");
	/* a view's column */
	expect_rows(APP "CREATE VIEW app.v AS SELECT 1 AS x;\nGRANT SELECT (x) ON app.v TO bob;\n",
		    "column app.v.x: bob SELECT\n");
}

static void test_default_acl(void **state)
{
	const char *f = APP "CREATE FUNCTION app.f(integer) RETURNS integer LANGUAGE sql AS "
			    "'SELECT 1';\n";
	char sql[512];
	/* no GRANT or REVOKE: PUBLIC's EXECUTE, the default */
	expect_rows(f, "function app.f(integer): PUBLIC EXECUTE [default]\n");
	/* a GRANT starts from the default: PUBLIC keeps EXECUTE, no longer "default" */
	snprintf(sql, sizeof(sql), "%sGRANT EXECUTE ON FUNCTION app.f(integer) TO bob;\n", f);
	expect_rows(sql, "function app.f(integer): bob EXECUTE\n"
			 "function app.f(integer): PUBLIC EXECUTE\n");
	/* look-alike: REVOKE ... FROM PUBLIC leaves no PUBLIC row */
	snprintf(sql, sizeof(sql), "%sREVOKE ALL ON FUNCTION app.f(integer) FROM PUBLIC;\n", f);
	expect_rows(sql, "");
	/* types and domains: USAGE; procedures: EXECUTE */
	expect_rows(APP "CREATE TYPE app.e AS ENUM ('x');\nCREATE DOMAIN app.d AS integer;\n"
			"CREATE PROCEDURE app.p() LANGUAGE sql AS 'SELECT 1';\n",
		    "domain app.d: PUBLIC USAGE [default]\ntype app.e: PUBLIC USAGE [default]\n"
		    "procedure app.p(): PUBLIC EXECUTE [default]\n");
	/* look-alike: a sequence's or a view's default gives PUBLIC nothing */
	expect_rows(APP "CREATE SEQUENCE app.s;\nCREATE VIEW app.v AS SELECT 1 AS x;\n", "");
}

static void test_schema_public(void **state)
{
	struct security_view v;
	struct model *m = plan("CREATE TABLE public.t (a int);\n", NULL, &v);
	char *got = rows(&v);
	assert_string_equal(got, "schema public: PUBLIC USAGE [default]\n");
	free(got);
	security_free(&v);
	model_free(m);
	/* look-alike: the dump makes the schema public itself: any schema's default */
	m = plan("CREATE SCHEMA public;\nCREATE TABLE public.t (a int);\n", NULL, &v);
	got = rows(&v);
	assert_string_equal(got, "");
	free(got);
	security_free(&v);
	model_free(m);
	/* look-alike: PUBLIC's USAGE revoked */
	m = plan("REVOKE USAGE ON SCHEMA public FROM PUBLIC;\n", NULL, &v);
	got = rows(&v);
	assert_string_equal(got, "");
	free(got);
	assert_false(security_any(&v));
	security_free(&v);
	model_free(m);
}

static void test_rls_and_definers(void **state)
{
	struct security_view v;
	struct model *m = plan(
	    APP
	    "CREATE TABLE app.on (a int);\nALTER TABLE app.on ENABLE ROW LEVEL SECURITY;\n"
	    "ALTER TABLE app.on FORCE ROW LEVEL SECURITY;\n"
	    "CREATE POLICY p2 ON app.on FOR UPDATE TO bob USING (a > 0);\n"
	    "CREATE POLICY p1 ON app.on AS RESTRICTIVE USING (true) WITH CHECK (a < 9);\n"
	    "CREATE TABLE app.off (a int);\nCREATE POLICY q ON app.off USING (true);\n"
	    "CREATE TABLE app.plain (a int);\n"
	    "CREATE TABLE app.bare (a int);\nALTER TABLE app.bare ENABLE ROW LEVEL SECURITY;\n"
	    "CREATE FUNCTION app.d1() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1';\n"
	    "CREATE FUNCTION app.d2() RETURNS int LANGUAGE sql SECURITY DEFINER "
	    "SET search_path = pg_catalog AS 'SELECT 1';\n"
	    "CREATE FUNCTION app.d3() RETURNS int LANGUAGE sql SECURITY DEFINER "
	    "SET work_mem = '1MB' AS 'SELECT 1';\n"
	    "CREATE FUNCTION app.i1() RETURNS int LANGUAGE sql SET search_path = app "
	    "AS 'SELECT 1';\n",
	    "app", &v);
	/* RLS: on (enabled, forced, 2 policies in name order), off with a policy, bare; not plain
	 */
	assert_int_equal(v.rls.n, 3);
	const struct security_rls *bare = v.rls.v[0], *off = v.rls.v[1], *on = v.rls.v[2];
	assert_string_equal(bare->table->h.name, "bare");
	assert_true(bare->enabled);
	assert_false(bare->forced);
	assert_int_equal(bare->policies.n, 0);
	assert_string_equal(off->table->h.name, "off");
	assert_false(off->enabled);
	assert_int_equal(off->policies.n, 1);
	assert_string_equal(on->table->h.name, "on");
	assert_true(on->enabled && on->forced);
	assert_int_equal(on->policies.n, 2);
	const struct policy *p1 = on->policies.v[0], *p2 = on->policies.v[1];
	assert_string_equal(p1->name, "p1");
	assert_false(p1->permissive);
	assert_non_null(p1->check_expr);
	assert_string_equal(p2->command, "UPDATE");
	assert_string_equal(p2->roles.v[0], "bob");
	/* definers: d1, d2, d3 (not the invoker i1); d1 and d3 do not pin search_path */
	assert_int_equal(v.definers.n, 3);
	assert_int_equal(v.n_definers_unpinned, 2);
	for (size_t i = 0; i < v.definers.n; i++)
		assert_true(((const struct function *)v.definers.v[i])->security_definer);
	assert_true(security_any(&v));
	security_free(&v);
	model_free(m);
}

static void test_roles(void **state)
{
	struct security_view v;
	struct model *m =
	    plan(T "ALTER TABLE app.t OWNER TO \"Zoe\";\nALTER SCHEMA app OWNER TO amy;\n"
		   "GRANT SELECT ON app.t TO bob;\nGRANT SELECT ON app.t TO PUBLIC;\n"
		   "GRANT USAGE ON SCHEMA app TO bob;\n",
		 "app", &v);
	/* by name, PUBLIC last ("Zoe" sorts before the lower case names) */
	assert_int_equal(v.roles.n, 4);
	const char *order[] = {"Zoe", "amy", "bob", "PUBLIC"};
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(((const struct security_role *)v.roles.v[i])->role, order[i]);
	const struct security_role *zoe = v.roles.v[0], *amy = v.roles.v[1], *bob = v.roles.v[2];
	assert_int_equal(zoe->owns.n, 1);
	assert_string_equal(zoe->owns_kind.v[0], "table");
	assert_ptr_equal(zoe->owns.v[0], &sqlmodel_table(m, "app", "t")->h);
	assert_int_equal(zoe->holds.n, 0);
	assert_int_equal(amy->owns.n, 1);
	assert_string_equal(amy->owns_kind.v[0], "schema");
	/* bob's grants in the object order: the schema, then the table */
	assert_int_equal(bob->holds.n, 2);
	assert_string_equal(((const struct security_grant *)bob->holds.v[0])->kind, "schema");
	assert_string_equal(((const struct security_grant *)bob->holds.v[1])->kind, "table");
	assert_int_equal(v.n_objects_owned, 2);
	/* the grantor is the owner */
	const struct security_grant *g = bob->holds.v[1];
	assert_string_equal(g->grantor, "Zoe");
	security_free(&v);
	model_free(m);
}

static void test_filter_and_names(void **state)
{
	struct security_view v;
	struct model *m = plan("CREATE SCHEMA \"We\"\"ird\";\nCREATE SCHEMA other;\n"
			       "CREATE TABLE \"We\"\"ird\".\"T x\" (\"C|1\" int);\n"
			       "GRANT SELECT (\"C|1\") ON \"We\"\"ird\".\"T x\" TO \"R o\";\n"
			       "CREATE TABLE other.t (a int);\nGRANT SELECT ON other.t TO bob;\n"
			       "ALTER TABLE other.t OWNER TO bob;\n",
			       "\"We\"\"ird\"", &v);
	char *got = rows(&v);
	/* other's table, grant and owner are not planned; names are quoted as psql takes them */
	assert_string_equal(got, "column \"We\"\"ird\".\"T x\".\"C|1\": R o SELECT\n");
	free(got);
	assert_int_equal(v.roles.n, 1);
	assert_int_equal(v.n_objects_owned, 0);
	security_free(&v);
	model_free(m);
}

static void test_default_privileges(void **state)
{
	struct security_view v;
	struct model *m =
	    plan(APP "ALTER DEFAULT PRIVILEGES FOR ROLE amy IN SCHEMA app GRANT SELECT ON TABLES "
		     "TO bob;\n"
		     /* look-alike: granted and revoked again: back at its start, not shown */
		     "ALTER DEFAULT PRIVILEGES FOR ROLE amy GRANT USAGE ON TYPES TO bob;\n"
		     "ALTER DEFAULT PRIVILEGES FOR ROLE amy REVOKE USAGE ON TYPES FROM bob;\n",
		 NULL, &v);
	assert_int_equal(v.default_acls.n, 1);
	const struct default_acl *d = v.default_acls.v[0];
	assert_string_equal(d->kind, "tables");
	assert_string_equal(d->h.schema, "app");
	security_free(&v);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_grants),     cmocka_unit_test(test_column_grants),
	    cmocka_unit_test(test_default_acl),	     cmocka_unit_test(test_schema_public),
	    cmocka_unit_test(test_rls_and_definers), cmocka_unit_test(test_roles),
	    cmocka_unit_test(test_filter_and_names), cmocka_unit_test(test_default_privileges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
