/*
 * test_dbsections.c
 *	  Unit tests for database sections (psql.c): reading the database
 *	  name of psql `\connect` lines in every quoting form psql accepts and
 *	  pg_dump / pg_dumpall write, and building the model from a dump with
 *	  several databases (globals always, one database chosen by name, a
 *	  refusal naming them all when none is chosen).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/psql.h" /* psql_parse_connect: internal to the loader */
#include "diag.h"
#include "load.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h> /* access */

/* ---- helpers ---------------------------------------------------------- */

/* Build `sql` with --dbname `dbname`: the result; *diag the diagnostics (malloc'd), *errors their
 * errors. */
static bool build_text_counted(struct model *m, const char *sql, const char *dbname, char **diag,
			       long *errors)
{
	struct diags d = {0};
	bool ok = load_sql(m, "test.sql", sql, strlen(sql), dbname, &d);
	*diag = diags_text(&d);
	*errors = d.errors;
	diags_free(&d);
	return ok;
}

static bool build_text(struct model *m, const char *sql, const char *dbname, char **diag)
{
	long errors;
	return build_text_counted(m, sql, dbname, diag, &errors);
}

static bool has_string(const struct ptrvec *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i], s) == 0)
			return true;
	return false;
}

/* ---- \connect lines --------------------------------------------------- */

static void test_parse_connect(void **state)
{
	static const struct {
		const char *line;
		enum connect_target want;
		const char *dbname;
	} cases[] = {
	    /* what pg_dump and pg_dumpall write (appendPsqlMetaConnect) */
	    {"\\connect shop", CONNECT_DB, "shop"},
	    {"\\connect \"Shop\"", CONNECT_DB, "Shop"},
	    {"\\connect -reuse-previous=on \"dbname='my db'\"", CONNECT_DB, "my db"},
	    {"\\connect -reuse-previous=on \"dbname='it\\'s'\"", CONNECT_DB, "it's"},
	    {"\\connect -reuse-previous=on \"dbname='say \"\"hi\"\"'\"", CONNECT_DB, "say \"hi\""},
	    {"\\connect -reuse-previous=on \"dbname=caf\xc3\xa9\"", CONNECT_DB, "caf\xc3\xa9"},
	    /* other forms psql accepts */
	    {"\\c shop", CONNECT_DB, "shop"},
	    {"\\connect Shop", CONNECT_DB, "Shop"}, /* psql does not fold \connect names */
	    {"\\connect\tshop  app  localhost 5432", CONNECT_DB, "shop"},
	    {"\\connect 'it''s'", CONNECT_DB, "it's"},
	    {"\\connect 'tab\\there'", CONNECT_DB, "tab\there"},
	    {"\\connect 'a\\101\\x42'", CONNECT_DB, "aAB"},
	    {"\\connect my\"quoted \"\"part\"", CONNECT_DB, "myquoted \"part"},
	    {"\\connect \"host=h dbname=x\"", CONNECT_DB, "x"},
	    {"\\connect host=h", CONNECT_SAME, NULL},
	    {"\\connect 'host=h port=5432 dbname = \\'a b\\''", CONNECT_DB, "a b"},
	    {"\\connect postgresql://u@h:5432/my%20db?sslmode=off", CONNECT_DB, "my db"},
	    {"\\connect postgres://h", CONNECT_SAME, NULL},
	    {"\\connect -reuse-previous=off shop", CONNECT_DB, "shop"},
	    {"\\connect - app", CONNECT_SAME, NULL}, /* old pg_dump's change of user */
	    {"\\connect -", CONNECT_SAME, NULL},
	    {"\\connect", CONNECT_SAME, NULL},
	    {"\\c", CONNECT_SAME, NULL},
	    {"\\connect `echo shop`", CONNECT_UNKNOWN, NULL},
	    /* not \connect */
	    {"\\conninfo", CONNECT_NOT, NULL},
	    {"\\copy t from 'x'", CONNECT_NOT, NULL},
	    {"\\restrict abc", CONNECT_NOT, NULL},
	    {"\\cd /tmp", CONNECT_NOT, NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *db = (char *)"unset";
		enum connect_target t = psql_parse_connect(cases[i].line, &db);
		if (t != cases[i].want)
			fail_msg("%s: wanted %d, got %d", cases[i].line, cases[i].want, t);
		if (cases[i].dbname == NULL && db != NULL)
			fail_msg("%s: wanted no name, got \"%s\"", cases[i].line, db);
		if (cases[i].dbname && (db == NULL || strcmp(db, cases[i].dbname) != 0))
			fail_msg("%s: wanted \"%s\", got \"%s\"", cases[i].line, cases[i].dbname,
				 db ? db : "(null)");
		free(db);
	}
}

/* ---- sections --------------------------------------------------------- */

/* The shape of pg_dumpall output, cut down: globals, then one section per database. */
static const char dumpall_sql[] = "SET standard_conforming_strings = on;\n"
				  "CREATE ROLE app;\n"
				  "ALTER ROLE app WITH NOSUPERUSER LOGIN;\n"
				  "CREATE ROLE reporting;\n"
				  "CREATE TABLESPACE fast OWNER app LOCATION '/srv/fast';\n"
				  "\\connect template1\n"
				  "SET standard_conforming_strings = on;\n"
				  "CREATE DATABASE crm WITH TEMPLATE = template0;\n"
				  "\\connect crm\n"
				  "SET standard_conforming_strings = on;\n"
				  "CREATE TABLE public.customers (id integer NOT NULL);\n"
				  "\\connect -reuse-previous=on \"dbname='my shop'\"\n"
				  "SET standard_conforming_strings = on;\n"
				  "CREATE TABLE public.orders (id bigint NOT NULL);\n"
				  "GRANT SELECT ON TABLE public.orders TO reporting;\n";

static void test_several_databases_refused(void **state)
{
	struct model *m = model_new();
	char *diag;
	long errors;
	bool ok = build_text_counted(m, dumpall_sql, NULL, &diag, &errors);
	assert_false(ok);
	assert_int_equal(errors, 1);
	if (strstr(diag, "pg_dumpall output with databases template1, crm, my shop: choose one "
			 "with --dbname") == NULL)
		fail_msg("got \"%s\"", diag);
	free(diag);
	model_free(m);
}

static void test_dbname_picks_one(void **state)
{
	static const struct {
		const char *dbname;
		const char *table;
		const char *not_table;
	} cases[] = {
	    {"crm", "customers", "orders"},
	    {"my shop", "orders", "customers"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct model *m = model_new();
		char *diag;
		assert_true(build_text(m, dumpall_sql, cases[i].dbname, &diag));
		assert_string_equal(diag, "");
		assert_non_null(model_find_table(m, "public", cases[i].table));
		assert_null(model_find_table(m, "public", cases[i].not_table));
		/* The globals are there whichever database is read. */
		assert_true(has_string(&m->roles, "app"));
		assert_true(has_string(&m->roles, "reporting"));
		assert_true(has_string(&m->tablespaces, "fast"));
		free(diag);
		model_free(m);
	}

	struct model *m = model_new();
	char *diag;
	assert_false(build_text(m, dumpall_sql, "shop", &diag));
	assert_non_null(strstr(diag, "--dbname shop: no such database in the dump (it has "
				     "template1, crm, my shop)"));
	free(diag);
	model_free(m);
}

/* pg_dump -C: CREATE DATABASE, then one \connect; read whole, with or without --dbname. */
static void test_one_database(void **state)
{
	static const char sql[] = "CREATE DATABASE shop;\n"
				  "\\connect shop\n"
				  "CREATE TABLE public.orders (id bigint);\n"
				  "\\connect - app\n"
				  "CREATE TABLE public.items (id bigint);\n";
	static const char *const names[] = {NULL, "shop"};
	for (size_t i = 0; i < 2; i++) {
		struct model *m = model_new();
		char *diag;
		assert_true(build_text(m, sql, names[i], &diag));
		assert_non_null(model_find_table(m, "public", "orders"));
		assert_non_null(model_find_table(m, "public", "items"));
		free(diag);
		model_free(m);
	}
}

/* A plain dump names no database, so --dbname cannot be checked: refused. */
static void test_dbname_without_sections(void **state)
{
	struct model *m = model_new();
	char *diag;
	assert_true(build_text(m, "CREATE TABLE t (a int);\n", NULL, &diag));
	free(diag);
	model_free(m);

	m = model_new();
	assert_false(build_text(m, "CREATE TABLE t (a int);\n", "x", &diag));
	assert_non_null(strstr(diag, "--dbname x: the dump has no \\connect lines"));
	free(diag);
	model_free(m);
}

/*
 * A section that is skipped still sets standard_conforming_strings for the
 * splitter: with it off, 'it\'s; ...' is one string, and cut as if it were
 * on, the rest of the dump would be one unterminated string.
 */
static void test_skipped_section_follows_strings(void **state)
{
	static const char sql[] =
	    "\\connect a\n"
	    "SET standard_conforming_strings = off;\n"
	    "CREATE TABLE t (c text DEFAULT 'it\\'s; CREATE TABLE bogus ();');\n"
	    "\\connect b\n"
	    "SET standard_conforming_strings = on;\n"
	    "CREATE TABLE u (c text DEFAULT 'a\\');\n";
	struct model *m = model_new();
	char *diag;
	assert_true(build_text(m, sql, "b", &diag));
	assert_string_equal(diag, "");
	assert_non_null(model_find_table(m, "public", "u"));
	assert_null(model_find_table(m, "public", "bogus"));
	assert_null(model_find_table(m, "public", "t"));
	free(diag);
	model_free(m);
}

/* A \connect whose target only a live psql could compute: warned, the section goes on. */
static void test_unknown_connect(void **state)
{
	static const char sql[] = "\\connect a\n"
				  "CREATE TABLE t (a int);\n"
				  "\\connect `echo b`\n"
				  "CREATE TABLE u (a int);\n";
	struct model *m = model_new();
	char *diag;
	assert_true(build_text(m, sql, NULL, &diag));
	assert_non_null(strstr(diag, ":3:1: warning: cannot tell which database"));
	assert_non_null(model_find_table(m, "public", "u"));
	free(diag);
	model_free(m);
}

/* The real pg_dumpall fixture of the CLI tests (PostgreSQL 15); run from the repository root. */
static void test_real_dumpall(void **state)
{
	static const char path[] = "tests/cli/data/dumpall-pg15.sql";
	if (access(path, R_OK) != 0)
		skip();
	struct model *m = model_new();
	struct diags d = {0};
	bool ok = load_dump(m, path, "shop", &d);
	char *diag = diags_text(&d);
	diags_free(&d);
	assert_true(ok);
	assert_string_equal(diag, "");
	assert_int_equal(m->tables.n, 1);
	assert_non_null(model_find_table(m, "public", "orders"));
	assert_true(has_string(&m->roles, "app"));
	assert_true(has_string(&m->roles, "postgres"));
	assert_true(has_string(&m->roles, "reporting"));
	free(diag);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_connect),
	    cmocka_unit_test(test_several_databases_refused),
	    cmocka_unit_test(test_dbname_picks_one),
	    cmocka_unit_test(test_one_database),
	    cmocka_unit_test(test_dbname_without_sections),
	    cmocka_unit_test(test_skipped_section_follows_strings),
	    cmocka_unit_test(test_unknown_connect),
	    cmocka_unit_test(test_real_dumpall),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	load_cleanup();
	return rc;
}
