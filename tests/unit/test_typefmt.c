/*
 * test_typefmt.c
 *	  Unit tests for the type formatter: every spelling of a column type
 *	  must come out as PostgreSQL 15's format_type(atttypid, atttypmod)
 *	  prints it with search_path = ''.
 *
 *	  Each expected value below was read from a real PostgreSQL 15.18
 *	  server: the same CREATE TABLE (and the same preamble of user types)
 *	  was run there and
 *	      SET search_path = '';
 *	      SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
 *	      WHERE attrelid = 'public.types'::regclass AND attnum > 0;
 *	  was compared column by column.  `test_typefmt --write-sql DIR` writes
 *	  the SQL of every case to DIR, to check it against a server again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sqlmodel.h"

#include <errno.h>
#include <sys/stat.h>

/* User types the cases refer to, created the way pg_dump writes them. */
static const char preamble[] = "SELECT pg_catalog.set_config('search_path', '', false);\n"
			       "CREATE TYPE public.mood AS ENUM (\n    'sad',\n    'happy'\n);\n"
			       "CREATE TYPE public.\"MyType\" AS (\n\tx integer\n);\n"
			       "CREATE TYPE public.\"ñandú\" AS ENUM (\n    'x'\n);\n"
			       "CREATE SCHEMA app;\n"
			       "CREATE TYPE app.status AS ENUM (\n    'on'\n);\n"
			       "CREATE TYPE app.mood AS ENUM (\n    'meh'\n);\n";

struct type_case {
	const char *written; /* the column's type as written in CREATE TABLE */
	const char *expect;  /* format_type() on PostgreSQL 15, search_path '' */
};

/* Columns of one CREATE TABLE public.types, named c0, c1, ... */
static const struct type_case cases[] = {
    /* integers and floats */
    {"integer", "integer"},
    {"int", "integer"},
    {"int4", "integer"},
    {"smallint", "smallint"},
    {"int2", "smallint"},
    {"bigint", "bigint"},
    {"int8", "bigint"},
    {"real", "real"},
    {"float4", "real"},
    {"double precision", "double precision"},
    {"float8", "double precision"},
    {"float", "double precision"},
    {"float(1)", "real"},
    {"float(10)", "real"},
    {"float(24)", "real"},
    {"float(25)", "double precision"},
    {"float(30)", "double precision"},
    /* exact numerics: numeric(p) is numeric(p,0) */
    {"numeric", "numeric"},
    {"numeric(10)", "numeric(10,0)"},
    {"numeric(10,2)", "numeric(10,2)"},
    {"decimal(5,1)", "numeric(5,1)"},
    {"decimal", "numeric"},
    {"dec", "numeric"},
    {"numeric(5,-2)", "numeric(5,-2)"},
    {"\"numeric\"(8,3)", "numeric(8,3)"},
    /* character types: char alone is char(1), bpchar alone has no length */
    {"varchar", "character varying"},
    {"varchar(50)", "character varying(50)"},
    {"character varying(50)", "character varying(50)"},
    {"character varying", "character varying"},
    {"national character varying(4)", "character varying(4)"},
    {"\"varchar\"(5)", "character varying(5)"},
    {"pg_catalog.varchar(7)", "character varying(7)"},
    {"char", "character(1)"},
    {"character", "character(1)"},
    {"char(3)", "character(3)"},
    {"character(3)", "character(3)"},
    {"nchar(2)", "character(2)"},
    {"bpchar", "bpchar"},
    {"pg_catalog.bpchar", "bpchar"},
    {"\"char\"", "\"char\""},
    {"text", "text"},
    {"name", "name"},
    /* boolean and bit strings: bit alone is bit(1) */
    {"boolean", "boolean"},
    {"bool", "boolean"},
    {"bit", "bit(1)"},
    {"bit(3)", "bit(3)"},
    {"\"bit\"(2)", "bit(2)"},
    {"bit varying(5)", "bit varying(5)"},
    {"bit varying", "bit varying"},
    {"varbit", "bit varying"},
    {"varbit(4)", "bit varying(4)"},
    /* date and time */
    {"date", "date"},
    {"timestamp", "timestamp without time zone"},
    {"timestamp(3)", "timestamp(3) without time zone"},
    {"timestamp(6) without time zone", "timestamp(6) without time zone"},
    {"\"timestamp\"(2)", "timestamp(2) without time zone"},
    {"timestamp with time zone", "timestamp with time zone"},
    {"timestamptz", "timestamp with time zone"},
    {"timestamptz(2)", "timestamp(2) with time zone"},
    {"timestamp(0) with time zone", "timestamp(0) with time zone"},
    {"pg_catalog.timestamptz(3)", "timestamp(3) with time zone"},
    {"time", "time without time zone"},
    {"time(2)", "time(2) without time zone"},
    {"time(2) with time zone", "time(2) with time zone"},
    {"timetz", "time with time zone"},
    {"timetz(1)", "time(1) with time zone"},
    /* intervals: fields, then precision */
    {"interval", "interval"},
    {"\"interval\"", "interval"},
    {"interval(3)", "interval(3)"},
    {"interval day to second", "interval day to second"},
    {"interval day to second(3)", "interval day to second(3)"},
    {"interval year to month", "interval year to month"},
    {"interval hour", "interval hour"},
    {"interval year", "interval year"},
    {"interval month", "interval month"},
    {"interval day", "interval day"},
    {"interval minute", "interval minute"},
    {"interval second", "interval second"},
    {"interval second(2)", "interval second(2)"},
    {"interval day to hour", "interval day to hour"},
    {"interval day to minute", "interval day to minute"},
    {"interval hour to minute", "interval hour to minute"},
    {"interval hour to second", "interval hour to second"},
    {"interval minute to second", "interval minute to second"},
    {"interval minute to second(2)", "interval minute to second(2)"},
    /* the generic syntax hands the one typmod to intervaltypmodin as a field mask */
    {"pg_catalog.interval(2)", "interval month"},
    /* arrays: any number of dimensions, with or without bounds, is one [] */
    {"integer[]", "integer[]"},
    {"text[][]", "text[]"},
    {"varchar(20)[]", "character varying(20)[]"},
    {"integer ARRAY", "integer[]"},
    {"integer ARRAY[4]", "integer[]"},
    {"int[3][4]", "integer[]"},
    {"timestamp(2)[]", "timestamp(2) without time zone[]"},
    {"public.mood[]", "public.mood[]"},
    /* user types: always schema-qualified, quoted as quote_identifier does */
    {"public.mood", "public.mood"},
    {"public.\"MyType\"", "public.\"MyType\""},
    {"public.\"ñandú\"", "public.\"ñandú\""},
    {"app.status", "app.status"},
    /* other built-in types */
    {"jsonb", "jsonb"},
    {"json", "json"},
    {"uuid", "uuid"},
    {"money", "money"},
    {"xml", "xml"},
    {"bytea", "bytea"},
    {"inet", "inet"},
    {"tsvector", "tsvector"},
    {"int4range", "int4range"},
    {"regclass", "regclass"},
    /* catalog names written qualified or quoted */
    {"pg_catalog.int4", "integer"},
    {"\"int4\"", "integer"},
    {"pg_catalog.float8", "double precision"},
    {"pg_catalog.bool", "boolean"},
    {"pg_catalog.text", "text"},
};

#define N_CASES (sizeof(cases) / sizeof(cases[0]))

/* The preamble and CREATE TABLE public.types with one column per case. */
static char *all_types_sql(void)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, preamble);
	sb_append(&sb, "CREATE TABLE public.types (\n");
	for (size_t i = 0; i < N_CASES; i++)
		sb_printf(&sb, "    c%zu %s%s\n", i, cases[i].written, i + 1 < N_CASES ? "," : "");
	sb_append(&sb, ");\n");
	return sb_steal(&sb);
}

static void test_column_types(void **state)
{
	char *sql = all_types_sql();
	struct model *m = sqlmodel_build(sql, NULL);
	struct table *t = sqlmodel_table(m, "public", "types");
	int failures = 0;

	assert_int_equal(t->columns.n, N_CASES);
	for (size_t i = 0; i < N_CASES; i++) {
		const struct column *c = t->columns.v[i];
		char name[32];
		snprintf(name, sizeof(name), "c%zu", i);
		assert_string_equal(c->name, name);
		if (c->type == NULL || strcmp(c->type, cases[i].expect) != 0) {
			print_error("%-32s wanted %-34s got %s\n", cases[i].written,
				    cases[i].expect, c->type ? c->type : "(null)");
			failures++;
		}
	}
	model_free(m);
	free(sql);
	assert_int_equal(failures, 0);
}

/*
 * Unqualified user types resolve through the search_path the dump set
 * (old dumps: SET search_path = app, pg_catalog), and print qualified.
 */
static const char search_path_sql[] =
    "CREATE TYPE public.mood AS ENUM ('a', 'b');\n"
    "CREATE SCHEMA app;\n"
    "CREATE TYPE app.status AS ENUM ('on');\n"
    "CREATE TYPE app.mood AS ENUM ('x');\n"
    "SET search_path = app, pg_catalog;\n"
    "CREATE TABLE t (a mood, b status, c integer, d public.mood, e mood[]);\n"
    "SET search_path = public, app;\n"
    "CREATE TABLE public.u (a mood, b status);\n";

static void test_search_path_resolution(void **state)
{
	struct model *m = sqlmodel_build(search_path_sql, NULL);
	static const struct {
		const char *schema, *table, *column, *expect;
	} want[] = {
	    {"app", "t", "a", "app.mood"},	{"app", "t", "b", "app.status"},
	    {"app", "t", "c", "integer"},	{"app", "t", "d", "public.mood"},
	    {"app", "t", "e", "app.mood[]"},	{"public", "u", "a", "public.mood"},
	    {"public", "u", "b", "app.status"},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct table *t = sqlmodel_table(m, want[i].schema, want[i].table);
		assert_string_equal(sqlmodel_column(t, want[i].column)->type, want[i].expect);
	}
	model_free(m);
}

/* --write-sql DIR: the SQL of each case, to run on a server. */
static int write_sql(const char *dir)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return 1;
	char *all = all_types_sql();
	const struct {
		const char *name, *sql;
	} files[] = {{"column_types", all}, {"search_path", search_path_sql}};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s.sql", dir, files[i].name);
		FILE *f = fopen(path, "w");
		if (f == NULL || fputs(files[i].sql, f) < 0 || fclose(f) != 0)
			return 1;
	}
	free(all);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--write-sql") == 0)
		return write_sql(argv[2]);

	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_column_types),
	    cmocka_unit_test(test_search_path_resolution),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	load_cleanup();
	return rc;
}
