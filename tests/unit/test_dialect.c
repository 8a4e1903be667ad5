/*
 * test_dialect.c
 *	  Unit tests for the dialect rewrite (dialect.c) and for how the builder
 *	  uses it (build_dialect.c): the text newer pg_dump versions write, which
 *	  the PostgreSQL 15 grammar rejects, is rewritten into text it accepts,
 *	  and the model records what the rewrite dropped.
 *
 *	  Where each input comes from (pg_dump.c as of postgres/postgres
 *	  commit cd3c451, 2025, which already dumps from 18 servers; ruleutils.c
 *	  from a PostgreSQL 18 copy in the code index):
 *	  - src/bin/pg_dump/pg_dump.c, dumpTableSchema():
 *	      virtual columns:  appendPQExpBuffer(q, " GENERATED ALWAYS AS (%s)", ...)
 *	        (ATTRIBUTE_GENERATED_VIRTUAL; no keyword, VIRTUAL is the default)
 *	      column not-null:  " CONSTRAINT %s NOT NULL" (a name that is not the
 *	        default one), then " NO INHERIT"
 *	      inherited column with a local not-null: the table element
 *	        "CONSTRAINT %s NOT NULL %s" (name not quoted) or "NOT NULL %s"
 *	  - src/bin/pg_dump/pg_dump.c, dumpConstraint(): "ALTER TABLE ONLY %s\n"
 *	    "    ADD CONSTRAINT %s " then pg_get_constraintdef()'s text, or
 *	    " WITHOUT OVERLAPS" after the key columns when it builds the text.
 *	  - src/backend/utils/adt/ruleutils.c, pg_get_constraintdef_worker():
 *	    " NOT ENFORCED" (else " NOT VALID") after DEFERRABLE / INITIALLY
 *	    DEFERRED; decompile_column_index_array() writes ", PERIOD %s" before
 *	    the last column of a temporal foreign key, on both sides.
 *	  The 7.x language statement is the one in pgweb's booktown.sql
 *	  (/work/shared/dumps/public/pgweb-booktown.sql, line 59).  Not checked
 *	  against pg_dump's source, but accepted by PostgreSQL 18's grammar and
 *	  so covered: an explicit VIRTUAL or ENFORCED, ALTER TABLE / ALTER
 *	  DOMAIN ... ADD CONSTRAINT n NOT NULL [NOT VALID] (how pg_dump 18 writes
 *	  a NOT VALID not-null was not confirmed), and WITH OIDS.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/dialect.h"
#include "sqlmodel.h"

#include <pg_query.h>

/* ---- helpers ---------------------------------------------------------- */

static bool parses(const char *sql)
{
	PgQueryParseResult r = pg_query_parse(sql);
	bool ok = r.error == NULL;
	pg_query_free_parse_result(r);
	return ok;
}

struct rule_case {
	const char *name;
	const char *in;	 /* as pg_dump writes it */
	const char *out; /* after dialect_rewrite() */
	unsigned flags;
};

/* ---- the rules, one by one -------------------------------------------- */

static const struct rule_case rule_cases[] = {
    {"virtual column, as pg_dump 18 writes it",
     "CREATE TABLE public.film (\n"
     "    length smallint,\n"
     "    length_hours numeric GENERATED ALWAYS AS ((length / 60.0))\n"
     ");",
     "CREATE TABLE public.film (\n"
     "    length smallint,\n"
     "    length_hours numeric GENERATED ALWAYS AS ((length / 60.0)) STORED\n"
     ");",
     DIALECT_VIRTUAL},
    {"virtual column, VIRTUAL written out",
     "CREATE TABLE public.t (\n    a integer,\n    b integer GENERATED ALWAYS AS ((a * 2)) "
     "VIRTUAL\n);",
     "CREATE TABLE public.t (\n    a integer,\n    b integer GENERATED ALWAYS AS ((a * 2)) "
     "STORED\n);",
     DIALECT_VIRTUAL},
    {"virtual column whose expression holds parentheses and a ')' in a string",
     "CREATE TABLE public.t (\n    a text,\n    b text GENERATED ALWAYS AS ((a || ')'::text))\n);",
     "CREATE TABLE public.t (\n    a text,\n    b text GENERATED ALWAYS AS ((a || ')'::text)) "
     "STORED\n);",
     DIALECT_VIRTUAL},
    {"NOT NULL ... NO INHERIT on a column",
     "CREATE TABLE public.users (\n"
     "    id integer CONSTRAINT users_id_nn NOT NULL NO INHERIT,\n"
     "    name text NOT NULL NO INHERIT\n"
     ");",
     "CREATE TABLE public.users (\n"
     "    id integer CONSTRAINT users_id_nn NOT NULL,\n"
     "    name text NOT NULL\n"
     ");",
     DIALECT_NOT_NULL_NO_INHERIT},
    {"named not-null table element on an inherited column",
     "CREATE TABLE public.child (\n"
     "    extra text,\n"
     "    CONSTRAINT child_id_nn NOT NULL id\n"
     ")\n"
     "INHERITS (public.parent);",
     "CREATE TABLE public.child (\n"
     "    extra text\n"
     ")\n"
     "INHERITS (public.parent);",
     DIALECT_NOT_NULL_ELEMENT},
    {"not-null table element as the only element",
     "CREATE TABLE public.child (\n"
     "    NOT NULL id\n"
     ")\n"
     "INHERITS (public.parent);",
     "CREATE TABLE public.child ()\n"
     "INHERITS (public.parent);",
     DIALECT_NOT_NULL_ELEMENT},
    {"ADD CONSTRAINT ... NOT NULL ... NOT VALID",
     "ALTER TABLE ONLY public.users\n    ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;",
     "ALTER TABLE ONLY public.users\n    ALTER COLUMN email SET NOT NULL;", DIALECT_NOT_NULL_ADD},
    {"a domain's named NOT NULL, NOT VALID",
     "ALTER DOMAIN public.email\n    ADD CONSTRAINT email_nn NOT NULL NOT VALID;",
     "ALTER DOMAIN public.email\n    SET NOT NULL;", DIALECT_NOT_NULL_ADD},
    {"CHECK ... NOT ENFORCED",
     "ALTER TABLE public.orders\n    ADD CONSTRAINT orders_qty_check CHECK ((qty > 0)) NOT "
     "ENFORCED;",
     "ALTER TABLE public.orders\n    ADD CONSTRAINT orders_qty_check CHECK ((qty > 0));",
     DIALECT_NOT_ENFORCED},
    {"FOREIGN KEY ... DEFERRABLE NOT ENFORCED",
     "ALTER TABLE ONLY public.orders\n    ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) "
     "REFERENCES public.users(id) DEFERRABLE NOT ENFORCED;",
     "ALTER TABLE ONLY public.orders\n    ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) "
     "REFERENCES public.users(id) DEFERRABLE;",
     DIALECT_NOT_ENFORCED},
    {"an explicit ENFORCED",
     "ALTER TABLE public.t ADD CONSTRAINT t_a_check CHECK ((a > 0)) ENFORCED;",
     "ALTER TABLE public.t ADD CONSTRAINT t_a_check CHECK ((a > 0));", DIALECT_ENFORCED},
    {"temporal primary key",
     "ALTER TABLE ONLY public.rooms\n    ADD CONSTRAINT rooms_pkey PRIMARY KEY (id, valid_at "
     "WITHOUT OVERLAPS);",
     "ALTER TABLE ONLY public.rooms\n    ADD CONSTRAINT rooms_pkey PRIMARY KEY (id, valid_at);",
     DIALECT_WITHOUT_OVERLAPS},
    {"temporal foreign key",
     "ALTER TABLE ONLY public.bookings\n    ADD CONSTRAINT bookings_room_fkey FOREIGN KEY "
     "(room_id, PERIOD valid_at) REFERENCES public.rooms(id, PERIOD valid_at);",
     "ALTER TABLE ONLY public.bookings\n    ADD CONSTRAINT bookings_room_fkey FOREIGN KEY "
     "(room_id, valid_at) REFERENCES public.rooms(id, valid_at);",
     DIALECT_PERIOD},
    {"WITH OIDS", "CREATE TABLE public.old (\n    id integer\n) WITH OIDS;",
     "CREATE TABLE public.old (\n    id integer\n);", DIALECT_WITH_OIDS},
    {"7.x procedural language",
     "CREATE TRUSTED PROCEDURAL LANGUAGE 'plpgsql' HANDLER \"plpgsql_call_handler\" LANCOMPILER "
     "'PL/pgSQL';",
     "CREATE TRUSTED PROCEDURAL LANGUAGE \"plpgsql\" HANDLER \"plpgsql_call_handler\";",
     DIALECT_OLD_LANGUAGE},
};

/* Each input is rejected as written, rewritten exactly, and then accepted. */
static void test_rules(void **state)
{
	int failures = 0;
	for (size_t i = 0; i < sizeof(rule_cases) / sizeof(rule_cases[0]); i++) {
		const struct rule_case *rc = &rule_cases[i];
		struct dialect_rewrite rw;
		if (parses(rc->in)) {
			print_error("%s: the 15 grammar already accepts it\n", rc->name);
			failures++;
		}
		if (!dialect_rewrite(rc->in, true, &rw)) {
			print_error("%s: no rule fired\n", rc->name);
			failures++;
			continue;
		}
		if (strcmp(rw.text, rc->out) != 0) {
			print_error("%s:\nwanted %s\ngot    %s\n", rc->name, rc->out, rw.text);
			failures++;
		}
		if (rw.flags != rc->flags) {
			print_error("%s: flags %#x, wanted %#x\n", rc->name, rw.flags, rc->flags);
			failures++;
		}
		if (!parses(rw.text)) {
			print_error("%s: the rewrite does not parse: %s\n", rc->name, rw.text);
			failures++;
		}
		dialect_rewrite_free(&rw);
	}
	assert_int_equal(failures, 0);
}

/* What already parses is left alone: no rule may fire on ordinary pg_dump output. */
static void test_no_rule_fires(void **state)
{
	static const char *const plain[] = {
	    "SET transaction_timeout = 0;",
	    "CREATE TABLE public.t (\n    id integer CONSTRAINT t_id_nn NOT NULL,\n    enforced "
	    "boolean,\n    period text,\n    v integer GENERATED ALWAYS AS ((id * 2)) STORED\n);",
	    "ALTER TABLE ONLY public.t\n    ADD CONSTRAINT t_pkey PRIMARY KEY (id);",
	    "CREATE TABLE public.t (id integer GENERATED ALWAYS AS IDENTITY);",
	    "ALTER TABLE public.t ADD CONSTRAINT t_c CHECK ((a IS NOT NULL)) NO INHERIT;",
	};
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		struct dialect_rewrite rw;
		assert_true(parses(plain[i]));
		if (dialect_rewrite(plain[i], true, &rw)) {
			fail_msg("a rule fired on %s:\n%s", plain[i], rw.text);
			dialect_rewrite_free(&rw);
		}
	}
}

/*
 * Every rule's syntax inside a string literal (each form), a comment or a
 * quoted name is text, not syntax: the statement has a real NOT ENFORCED
 * (so the rewrite runs), and each look-alike must come out unchanged.
 */
static void test_literals_untouched(void **state)
{
	static const char *const phrases[] = {
	    ", NOT NULL a",
	    "(NOT NULL a, b",
	    "DOMAIN d ADD CONSTRAINT n NOT NULL",
	    "ADD CONSTRAINT n NOT NULL a",
	    "x NOT NULL NO INHERIT",
	    "GENERATED ALWAYS AS (a + 1) VIRTUAL",
	    "rule NOT ENFORCED here",
	    "x) ENFORCED",
	    "(id, valid_at WITHOUT OVERLAPS)",
	    "FOREIGN KEY (a, PERIOD b)",
	    "REFERENCES t (a, PERIOD b)",
	    "(a) WITH OIDS",
	    "LANGUAGE 'plpgsql' HANDLER",
	    "x LANCOMPILER 'PL/pgSQL'",
	};
	/* %s is the phrase; each wrapper is a whole default expression or a comment. */
	static const char *const wrappers[] = {
	    "'%s'",	  "E'\\'%s\\''",      "E'\\\\'' %s '", "U&'%s'",
	    "$q$%s$q$",	  "$$%s$$",	      "B'0' || '%s'",  "'' || ' %s'",
	    "1 /* %s */", "1 /* /* */ %s */", "1 -- %s\n",
	};
	char stmt[1024], lit[512];

	for (size_t w = 0; w < sizeof(wrappers) / sizeof(wrappers[0]); w++) {
		for (size_t p = 0; p < sizeof(phrases) / sizeof(phrases[0]); p++) {
			/* Phrases with quotes cannot sit in a '' literal as they are. */
			if (strchr(phrases[p], '\'') && wrappers[w][0] != '$' &&
			    wrappers[w][0] != '1')
				continue;
			snprintf(lit, sizeof(lit), wrappers[w], phrases[p]);
			snprintf(
			    stmt, sizeof(stmt),
			    "CREATE TABLE public.t (\n    a text DEFAULT %s,\n    \"%s\" int,\n"
			    "    CONSTRAINT c CHECK ((a <> ''::text)) NOT ENFORCED\n);",
			    lit, strchr(phrases[p], '"') ? "q" : phrases[p]);
			struct dialect_rewrite rw;
			if (!dialect_rewrite(stmt, true, &rw))
				fail_msg("no rule fired on %s", stmt);
			if (strstr(rw.text, lit) == NULL)
				fail_msg("the literal or comment %s changed:\n%s", lit, rw.text);
			if (strstr(phrases[p], "\"") == NULL) {
				char quoted[300];
				snprintf(quoted, sizeof(quoted), "\"%s\" int", phrases[p]);
				if (strstr(rw.text, quoted) == NULL)
					fail_msg("the quoted name %s changed:\n%s", quoted,
						 rw.text);
			}
			if (strstr(rw.text, "NOT ENFORCED\n);") != NULL)
				fail_msg("the real NOT ENFORCED stayed:\n%s", rw.text);
			dialect_rewrite_free(&rw);
		}
	}
	/* With standard_conforming_strings off, a backslash escapes the quote in '...'. */
	const char *off =
	    "CREATE TABLE public.t (a text DEFAULT 'x\\' NOT ENFORCED y', CONSTRAINT c "
	    "CHECK ((a <> ''::text)) NOT ENFORCED);";
	struct dialect_rewrite rw;
	assert_true(dialect_rewrite(off, false, &rw));
	assert_non_null(strstr(rw.text, "'x\\' NOT ENFORCED y'"));
	dialect_rewrite_free(&rw);
}

/*
 * A site of an earlier rule moves with a later rule's edits: the virtual
 * column's site (rule 4) follows a NOT ENFORCED removed by rule 5.
 */
static void test_sites_follow_edits(void **state)
{
	const char *in = "CREATE TABLE public.t (\n"
			 "    a integer CONSTRAINT t_a_check CHECK ((a > 0)) NOT ENFORCED,\n"
			 "    v integer GENERATED ALWAYS AS ((a * 2))\n"
			 ");";
	struct dialect_rewrite rw;
	assert_true(dialect_rewrite(in, true, &rw));
	assert_true(parses(rw.text));
	assert_int_equal(rw.n_sites, 2);
	for (size_t i = 0; i < rw.n_sites; i++) {
		const char *at = rw.text + rw.sites[i].offset;
		if (rw.sites[i].flag == DIALECT_VIRTUAL)
			assert_memory_equal(at, "GENERATED", 9);
		else
			assert_memory_equal(at, ",\n    v", 7); /* right after the CHECK */
	}
	dialect_rewrite_free(&rw);
}

/* ---- the model -------------------------------------------------------- */

/* pagila-schema.sql's hand-edited film table, in pg_dump 18's own form. */
static void test_model_virtual_column(void **state)
{
	struct model *m =
	    sqlmodel_build("CREATE TABLE public.film (\n"
			   "    film_id integer NOT NULL,\n"
			   "    length smallint,\n"
			   "    length_hours numeric(4,2) GENERATED ALWAYS AS "
			   "(round((length / 60.0), 2)),\n"
			   "    length_min integer GENERATED ALWAYS AS ((length * 1)) "
			   "STORED\n"
			   ");\n",
			   NULL);
	struct table *t = sqlmodel_table(m, "public", "film");
	struct column *c = sqlmodel_column(t, "length_hours");
	assert_string_equal(c->generated, "round(length / 60.0, 2)");
	assert_true(c->virtual_generated);
	assert_false(sqlmodel_column(t, "length_min")->virtual_generated);
	assert_int_equal(m->source.rewritten, 1);
	assert_int_equal(m->source.unparsed, 0);
	model_free(m);
}

static void test_model_not_enforced(void **state)
{
	struct model *m = sqlmodel_build(
	    "CREATE TABLE public.users (\n    id integer NOT NULL\n);\n"
	    "CREATE TABLE public.orders (\n"
	    "    id integer NOT NULL,\n"
	    "    user_id integer,\n"
	    "    qty integer,\n"
	    "    CONSTRAINT orders_qty_check CHECK ((qty > 0)) NOT ENFORCED,\n"
	    "    CONSTRAINT orders_id_check CHECK ((id > 0))\n"
	    ");\n"
	    "ALTER TABLE ONLY public.users\n    ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
	    "ALTER TABLE ONLY public.orders\n    ADD CONSTRAINT orders_user_fkey FOREIGN KEY "
	    "(user_id) REFERENCES public.users(id) NOT ENFORCED;\n",
	    NULL);
	struct table *t = sqlmodel_table(m, "public", "orders");
	assert_true(sqlmodel_constraint(t, "orders_qty_check")->not_enforced);
	assert_false(sqlmodel_constraint(t, "orders_id_check")->not_enforced);
	struct constraint *fk = sqlmodel_constraint(t, "orders_user_fkey");
	assert_true(fk->not_enforced);
	assert_string_equal(fk->ref_table, "users");
	assert_int_equal(m->source.rewritten, 2);
	model_free(m);
}

static void test_model_temporal(void **state)
{
	struct model *m = sqlmodel_build(
	    "CREATE TABLE public.rooms (\n    id integer NOT NULL,\n    valid_at tstzrange NOT "
	    "NULL\n);\n"
	    "CREATE TABLE public.bookings (\n    room_id integer,\n    valid_at tstzrange\n);\n"
	    "ALTER TABLE ONLY public.rooms\n    ADD CONSTRAINT rooms_pkey PRIMARY KEY (id, "
	    "valid_at "
	    "WITHOUT OVERLAPS);\n"
	    "ALTER TABLE ONLY public.bookings\n    ADD CONSTRAINT bookings_room_fkey FOREIGN KEY "
	    "(room_id, PERIOD valid_at) REFERENCES public.rooms(id, PERIOD valid_at);\n",
	    NULL);
	struct constraint *pk =
	    sqlmodel_constraint(sqlmodel_table(m, "public", "rooms"), "rooms_pkey");
	assert_true(pk->temporal);
	assert_string_equal(sqlmodel_join(m, &pk->columns), "id, valid_at");
	struct constraint *fk =
	    sqlmodel_constraint(sqlmodel_table(m, "public", "bookings"), "bookings_room_fkey");
	assert_true(fk->temporal);
	assert_string_equal(sqlmodel_join(m, &fk->columns), "room_id, valid_at");
	assert_string_equal(sqlmodel_join(m, &fk->ref_columns), "id, valid_at");
	model_free(m);
}

/*
 * What a child gets from its parent keeps the mark: a virtual column, and
 * a NOT ENFORCED check added to the parent after the child exists
 * (ALTER TABLE without ONLY reaches the tables below).
 */
static void test_model_inherited_marks(void **state)
{
	struct model *m = sqlmodel_build(
	    "CREATE TABLE public.p (\n    a integer,\n    v integer GENERATED ALWAYS AS ((a * "
	    "2))\n);\n"
	    "CREATE TABLE public.c (\n    b text\n)\nINHERITS (public.p);\n"
	    "ALTER TABLE public.p\n    ADD CONSTRAINT p_a_check CHECK ((a > 0)) NOT ENFORCED;\n",
	    NULL);
	struct table *c = sqlmodel_table(m, "public", "c");
	assert_true(sqlmodel_column(c, "v")->virtual_generated);
	assert_true(sqlmodel_constraint(c, "p_a_check")->not_enforced);
	assert_true(
	    sqlmodel_constraint(sqlmodel_table(m, "public", "p"), "p_a_check")->not_enforced);
	model_free(m);
}

/* Not-null constraints in PG 18's forms all end as a NOT NULL column. */
static void test_model_not_null(void **state)
{
	struct model *m =
	    sqlmodel_build("CREATE TABLE public.parent (\n"
			   "    id integer,\n"
			   "    email text\n"
			   ");\n"
			   "CREATE TABLE public.child (\n"
			   "    extra text CONSTRAINT child_extra_nn NOT NULL NO INHERIT,\n"
			   "    CONSTRAINT child_id_nn NOT NULL id\n"
			   ")\n"
			   "INHERITS (public.parent);\n"
			   "ALTER TABLE ONLY public.parent\n"
			   "    ADD CONSTRAINT parent_email_nn NOT NULL email NOT VALID;\n"
			   "CREATE DOMAIN public.code AS text;\n"
			   "ALTER DOMAIN public.code\n"
			   "    ADD CONSTRAINT code_nn NOT NULL NOT VALID;\n",
			   NULL);
	struct table *child = sqlmodel_table(m, "public", "child");
	assert_true(sqlmodel_column(child, "id")->not_null);
	assert_true(sqlmodel_column(child, "extra")->not_null);
	struct table *parent = sqlmodel_table(m, "public", "parent");
	assert_false(sqlmodel_column(parent, "id")->not_null);
	assert_true(sqlmodel_column(parent, "email")->not_null);
	assert_true(model_find_type(m, "public", "code")->not_null);
	assert_int_equal(m->source.rewritten, 3);
	assert_int_equal(m->source.unparsed, 0);
	model_free(m);
}

/* pg_dump 17 writes SET transaction_timeout = 0: the 15 grammar takes any SET. */
static void test_model_transaction_timeout(void **state)
{
	struct model *m = sqlmodel_build("SET statement_timeout = 0;\n"
					 "SET lock_timeout = 0;\n"
					 "SET idle_in_transaction_session_timeout = 0;\n"
					 "SET transaction_timeout = 0;\n"
					 "SET client_encoding = 'UTF8';\n",
					 NULL);
	assert_int_equal(m->source.statements, 5);
	assert_int_equal(m->source.unparsed, 0);
	assert_int_equal(m->source.rewritten, 0);
	model_free(m);
}

/* Older dumps: WITH OIDS, and booktown's 7.x language, parse once rewritten. */
static void test_model_old_dumps(void **state)
{
	struct model *m =
	    sqlmodel_build("CREATE TABLE \"books\" (\n    \"id\" integer NOT NULL\n) WITH OIDS;\n"
			   "CREATE TRUSTED PROCEDURAL LANGUAGE 'plpgsql' HANDLER "
			   "\"plpgsql_call_handler\" LANCOMPILER 'PL/pgSQL';\n",
			   NULL);
	assert_true(sqlmodel_column(sqlmodel_table(m, "public", "books"), "id")->not_null);
	assert_int_equal(m->source.rewritten, 2);
	assert_int_equal(m->source.unparsed, 0);
	model_free(m);
}

/* A rewrite that does not make the statement parse keeps the parser's first error. */
static void test_model_rewrite_does_not_help(void **state)
{
	char *diag;
	struct model *m = sqlmodel_build(
	    "CREATE TABLE public.t (\n    a integer GENERATED ALWAYS AS ((1)) WIBBLE\n);\n", &diag);
	assert_int_equal(m->source.unparsed, 1);
	assert_int_equal(m->source.rewritten, 0);
	const struct unparsed *u = m->unparsed.v[0];
	assert_string_equal(u->message, "syntax error at or near \"WIBBLE\"");
	assert_int_equal(u->line, 2);
	assert_int_equal(u->col, 41);
	free(diag);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rules),
	    cmocka_unit_test(test_no_rule_fires),
	    cmocka_unit_test(test_sites_follow_edits),
	    cmocka_unit_test(test_literals_untouched),
	    cmocka_unit_test(test_model_virtual_column),
	    cmocka_unit_test(test_model_not_enforced),
	    cmocka_unit_test(test_model_temporal),
	    cmocka_unit_test(test_model_inherited_marks),
	    cmocka_unit_test(test_model_not_null),
	    cmocka_unit_test(test_model_transaction_timeout),
	    cmocka_unit_test(test_model_old_dumps),
	    cmocka_unit_test(test_model_rewrite_does_not_help),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	dialect_cleanup();
	load_cleanup();
	return rc;
}
