/*
 * test_fingerprint.c
 *	  The schema fingerprint: stable under statement order, whitespace and
 *	  documentation (owners, comments, grants); changed by any change of
 *	  shape; and fingerprint_diff names what differs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fingerprint.h"
#include "filter.h"
#include "sqlmodel.h"

static const char base_sql[] =
    "CREATE TABLE public.users (id integer NOT NULL, email text);\n"
    "CREATE TABLE public.orders (id integer NOT NULL, user_id integer);\n"
    "ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
    "ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) "
    "REFERENCES public.users(id) ON DELETE CASCADE;\n"
    "CREATE INDEX ix_users_email ON public.users USING btree (email);\n";

/* Same schema: other order, other whitespace, extra parentheses, owners, comments. */
static const char same_sql[] =
    "CREATE TABLE public.orders (\n    id integer NOT NULL,\n    user_id integer\n);\n"
    "COMMENT ON TABLE public.orders IS 'Customer orders';\n"
    "CREATE TABLE public.users (\n  id integer   NOT NULL,\n  email text\n);\n"
    "ALTER TABLE public.users OWNER TO app;\n"
    "ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
    "CREATE INDEX ix_users_email ON public.users USING btree ((email));\n"
    "ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) "
    "REFERENCES public.users(id) ON DELETE CASCADE;\n"
    "GRANT SELECT ON TABLE public.users TO reporting;\n";

/* One shape change: ON DELETE action. */
static const char other_sql[] =
    "CREATE TABLE public.users (id integer NOT NULL, email text);\n"
    "CREATE TABLE public.orders (id integer NOT NULL, user_id integer);\n"
    "ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
    "ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) "
    "REFERENCES public.users(id) ON DELETE SET NULL;\n"
    "CREATE INDEX ix_users_email ON public.users USING btree (email);\n";

static struct model *model_of(const char *sql)
{
	struct model *m = sqlmodel_build(sql, NULL);
	filter_apply(m, NULL);
	model_sort(m);
	return m;
}

static void test_format(void **state)
{
	struct model *m = model_of(base_sql);
	char fp[FINGERPRINT_LEN];
	assert_true(fingerprint_model(m, fp));
	assert_int_equal(strlen(fp), 9 + 64);
	assert_memory_equal(fp, "sha256v2:", 9);
	for (const char *p = fp + 9; *p; p++)
		assert_true((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'));
	model_free(m);
}

static void test_stable_under_order_and_documentation(void **state)
{
	struct model *a = model_of(base_sql), *b = model_of(same_sql);
	char fa[FINGERPRINT_LEN], fb[FINGERPRINT_LEN];
	assert_true(fingerprint_model(a, fa));
	assert_true(fingerprint_model(b, fb));
	assert_string_equal(fa, fb);
	model_free(a);
	model_free(b);
}

static void test_changes_with_shape(void **state)
{
	struct model *a = model_of(base_sql), *b = model_of(other_sql);
	char fa[FINGERPRINT_LEN], fb[FINGERPRINT_LEN];
	assert_true(fingerprint_model(a, fa));
	assert_true(fingerprint_model(b, fb));
	assert_string_not_equal(fa, fb);
	model_free(a);
	model_free(b);
}

/*
 * pg_dump before 11 writes CREATE EXTENSION plpgsql, later versions do not:
 * every database has it, so it does not tell two schemas apart.  Another
 * extension does (the look-alike).
 */
static void test_plpgsql_is_every_database(void **state)
{
	static const char old_sql[] =
	    "CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;\n"
	    "COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';\n"
	    "CREATE TABLE public.t (id integer);\n";
	static const char new_sql[] = "CREATE TABLE public.t (id integer);\n";
	static const char ext_sql[] = "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n"
				      "CREATE TABLE public.t (id integer);\n";
	struct model *a = model_of(old_sql), *b = model_of(new_sql), *c = model_of(ext_sql);
	char fa[FINGERPRINT_LEN], fb[FINGERPRINT_LEN], fc[FINGERPRINT_LEN];
	assert_true(fingerprint_model(a, fa));
	assert_true(fingerprint_model(b, fb));
	assert_true(fingerprint_model(c, fc));
	assert_string_equal(fa, fb);
	assert_string_not_equal(fb, fc);
	model_free(a);
	model_free(b);
	model_free(c);
}

static void test_diff_names_the_difference(void **state)
{
	struct model *a = model_of(base_sql), *b = model_of(other_sql);
	struct ptrvec la = {0}, lb = {0};
	struct strbuf out;
	sb_init(&out);
	fingerprint_lines(a, &la);
	fingerprint_lines(b, &lb);
	int n = fingerprint_diff(&la, &lb, 10, &out);
	assert_int_equal(n, 2);
	assert_non_null(strstr(out.data, "- constraint | public | orders | orders_user_id_fkey"));
	assert_non_null(strstr(out.data, "CASCADE"));
	assert_non_null(strstr(out.data, "+ constraint | public | orders | orders_user_id_fkey"));
	assert_non_null(strstr(out.data, "SET NULL"));
	/* max bounds what is written, not what is counted */
	sb_reset(&out);
	assert_int_equal(fingerprint_diff(&la, &lb, 1, &out), 2);
	assert_null(strchr(strchr(out.data, '\n') + 1, '\n'));
	sb_free(&out);
	fingerprint_lines_free(&la);
	fingerprint_lines_free(&lb);
	model_free(a);
	model_free(b);
}

static void test_filter_changes_fingerprint(void **state)
{
	struct model *a = model_of(base_sql);
	struct model *b = sqlmodel_build(base_sql, NULL);
	struct filter *f = filter_new();
	assert_true(filter_add(f, FILTER_EXCLUDE_TABLE, "orders"));
	filter_apply(b, f);
	model_sort(b);
	char fa[FINGERPRINT_LEN], fb[FINGERPRINT_LEN];
	assert_true(fingerprint_model(a, fa));
	assert_true(fingerprint_model(b, fb));
	assert_string_not_equal(fa, fb);
	filter_free(f);
	model_free(a);
	model_free(b);
}

/* Field separators and line breaks inside names cannot forge another line. */
static void test_escapes_separators(void **state)
{
	struct model *m = model_of("CREATE TABLE public.\"a\tb\nc\" (\"x\\y\" integer);\n");
	struct ptrvec lines = {0};
	fingerprint_lines(m, &lines);
	bool found = false;
	for (size_t i = 0; i < lines.n; i++) {
		assert_null(strchr(lines.v[i], '\n'));
		if (strstr(lines.v[i], "a\\tb\\nc") && strncmp(lines.v[i], "column", 6) == 0 &&
		    strstr(lines.v[i], "x\\\\y"))
			found = true;
	}
	assert_true(found);
	fingerprint_lines_free(&lines);
	model_free(m);
}

/* PostgreSQL 18's virtual columns and NOT ENFORCED checks are not their 15 look-alikes. */
static void test_pg18_meanings_count(void **state)
{
	static const char *const pairs[][2] = {
	    {"CREATE TABLE public.t (a integer, b integer GENERATED ALWAYS AS ((a * 2)) STORED);\n",
	     "CREATE TABLE public.t (a integer, b integer GENERATED ALWAYS AS ((a * 2)) "
	     "VIRTUAL);\n"},
	    {"CREATE TABLE public.t (a integer, CONSTRAINT t_a_check CHECK ((a > 0)));\n",
	     "CREATE TABLE public.t (a integer, CONSTRAINT t_a_check CHECK ((a > 0)) NOT "
	     "ENFORCED);\n"},
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct model *a = model_of(pairs[i][0]), *b = model_of(pairs[i][1]);
		char fa[FINGERPRINT_LEN], fb[FINGERPRINT_LEN];
		assert_true(fingerprint_model(a, fa));
		assert_true(fingerprint_model(b, fb));
		assert_string_not_equal(fa, fb);
		model_free(a);
		model_free(b);
	}
}

static void assert_fingerprints_differ(struct model *a, struct model *b, const char *what)
{
	char fa[FINGERPRINT_LEN], fb[FINGERPRINT_LEN];
	assert_true(fingerprint_model(a, fa));
	assert_true(fingerprint_model(b, fb));
	if (strcmp(fa, fb) == 0)
		fail_msg("same fingerprint for %s", what);
}

/*
 * Near-identical schemas always differ: a separator, quote or backslash
 * inside a name cannot stand for a list's separator, an element cannot
 * move to the next list unnoticed, and an empty list, a list of one empty
 * element and an absent value are three things.
 */
static void test_near_identical_schemas_differ(void **state)
{
	static const char tab[] =
	    "CREATE TABLE public.t (a integer, b integer, \"a, b\" integer, \"x int, y\" text,\n"
	    "    \"\"\"a\"\"\" integer, \"a\\\" integer, \"b\\\" integer, \"c\" integer);\n";
	static const char *const pairs[][3] = {
	    /* the pair: an enum label and a UNIQUE column list */
	    {"CREATE TYPE public.e AS ENUM ('x, y');\n"
	     "ALTER TABLE ONLY public.t ADD CONSTRAINT u UNIQUE (\"a, b\");\n",
	     "CREATE TYPE public.e AS ENUM ('x', 'y');\n"
	     "ALTER TABLE ONLY public.t ADD CONSTRAINT u UNIQUE (a, b);\n",
	     "ENUM ('x, y') + UNIQUE (\"a, b\")"},
	    {"CREATE TYPE public.e AS ENUM ('x\", \"y');\n",
	     "CREATE TYPE public.e AS ENUM ('x', 'y');\n", "a label holding \", \""},
	    {"CREATE TYPE public.e AS ENUM ('x\\', 'y');\n",
	     "CREATE TYPE public.e AS ENUM ('x\\, y');\n", "labels ending in backslashes"},
	    {"CREATE TYPE public.c AS (\"x integer, y\" text);\n",
	     "CREATE TYPE public.c AS (x integer, y text);\n", "composite attributes"},
	    {"CREATE INDEX i ON public.t USING btree (\"a, b\");\n",
	     "CREATE INDEX i ON public.t USING btree (a, b);\n", "index columns"},
	    {"CREATE INDEX i ON public.t USING btree (\"a\\\", b);\n",
	     "CREATE INDEX i ON public.t USING btree (a, \"b\\\");\n", "backslash moves"},
	    {"CREATE INDEX i ON public.t USING btree (\"\"\"a\"\"\");\n",
	     "CREATE INDEX i ON public.t USING btree (c);\n", "quoted name"},
	    {"CREATE UNIQUE INDEX i ON public.t USING btree (a, b);\n",
	     "CREATE UNIQUE INDEX i ON public.t USING btree (a) INCLUDE (b);\n",
	     "a column moved to INCLUDE"},
	    {"ALTER TABLE ONLY public.t ADD CONSTRAINT u UNIQUE (a, b);\n",
	     "ALTER TABLE ONLY public.t ADD CONSTRAINT u UNIQUE (a) INCLUDE (b);\n",
	     "a constraint column moved to INCLUDE"},
	    {"ALTER TABLE ONLY public.t ADD CONSTRAINT u UNIQUE (a);\n",
	     "ALTER TABLE ONLY public.t ADD CONSTRAINT u UNIQUE NULLS NOT DISTINCT (a);\n",
	     "UNIQUE NULLS NOT DISTINCT"},
	    {"CREATE UNIQUE INDEX i ON public.t USING btree (a);\n",
	     "CREATE UNIQUE INDEX i ON public.t USING btree (a) NULLS NOT DISTINCT;\n",
	     "index NULLS NOT DISTINCT"},
	    {"ALTER TABLE public.t ADD CONSTRAINT k CHECK ((a > 0));\n",
	     "ALTER TABLE public.t ADD CONSTRAINT k CHECK ((a > 0)) NO INHERIT;\n", "NO INHERIT"},
	    {"ALTER TABLE ONLY public.t ADD CONSTRAINT x EXCLUDE USING gist (a WITH =);\n",
	     "ALTER TABLE ONLY public.t ADD CONSTRAINT x EXCLUDE USING gist (a WITH =) "
	     "WHERE ((b > 0));\n",
	     "exclusion WHERE"},
	    {"CREATE POLICY p ON public.t TO \"r, s\" USING (true);\n",
	     "CREATE POLICY p ON public.t TO r, s USING (true);\n", "policy roles"},
	    {"CREATE TABLE public.r (a integer, b integer, \"a, b\" integer);\n"
	     "ALTER TABLE ONLY public.t ADD CONSTRAINT f FOREIGN KEY (c) REFERENCES public.r(\"a, "
	     "b\");\n",
	     "CREATE TABLE public.r (a integer, b integer, \"a, b\" integer);\n"
	     "ALTER TABLE ONLY public.t ADD CONSTRAINT f FOREIGN KEY (c) REFERENCES public.r(a, "
	     "b);\n",
	     "referenced columns"},
	    {"CREATE TABLE public.r (a integer PRIMARY KEY);\n"
	     "ALTER TABLE ONLY public.t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES public.r(a);\n",
	     "CREATE TABLE public.r (a integer PRIMARY KEY);\n"
	     "ALTER TABLE ONLY public.t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES public.r(a) "
	     "MATCH FULL;\n",
	     "MATCH FULL"},
	    {"CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; "
	     "END$$;\n"
	     "CREATE TRIGGER g AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION "
	     "public.f();\n",
	     "CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; "
	     "END$$;\n"
	     "CREATE CONSTRAINT TRIGGER g AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION "
	     "public.f();\n",
	     "constraint trigger"},
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		char *sa = NULL, *sb = NULL;
		assert_true(asprintf(&sa, "%s%s", tab, pairs[i][0]) > 0);
		assert_true(asprintf(&sb, "%s%s", tab, pairs[i][1]) > 0);
		struct model *a = model_of(sa), *b = model_of(sb);
		assert_fingerprints_differ(a, b, pairs[i][2]);
		model_free(a);
		model_free(b);
		free(sa);
		free(sb);
	}

	/* In the model itself: no labels, one empty label; no default, the text \N. */
	struct model *a = model_of("CREATE TYPE public.e AS ENUM ();\n");
	struct model *b = model_of("CREATE TYPE public.e AS ENUM ();\n");
	struct pgtype *ty = b->types.v[0];
	assert_int_equal(ty->labels.n, 0);
	ptrvec_push(&ty->labels, (void *)"");
	assert_fingerprints_differ(a, b, "no label and one empty label");
	ptrvec_push(&ty->labels, NULL);
	struct model *c = model_of("CREATE TYPE public.e AS ENUM ();\n");
	ptrvec_push(&((struct pgtype *)c->types.v[0])->labels, (void *)"");
	ptrvec_push(&((struct pgtype *)c->types.v[0])->labels, (void *)"\\N");
	assert_fingerprints_differ(b, c, "an absent label and the label \\N");
	model_free(a);
	model_free(b);
	model_free(c);

	a = model_of("CREATE TABLE public.t (a text);\n");
	b = model_of("CREATE TABLE public.t (a text);\n");
	struct table *t = b->tables.v[0];
	((struct column *)t->columns.v[0])->default_expr = "\\N";
	assert_fingerprints_differ(a, b, "no default and the default text \\N");
	model_free(a);
	model_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_format),
	    cmocka_unit_test(test_stable_under_order_and_documentation),
	    cmocka_unit_test(test_changes_with_shape),
	    cmocka_unit_test(test_plpgsql_is_every_database),
	    cmocka_unit_test(test_diff_names_the_difference),
	    cmocka_unit_test(test_filter_changes_fingerprint),
	    cmocka_unit_test(test_escapes_separators),
	    cmocka_unit_test(test_pg18_meanings_count),
	    cmocka_unit_test(test_near_identical_schemas_differ),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
