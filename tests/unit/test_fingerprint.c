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
	model_apply_filter(m, NULL);
	model_sort(m);
	return m;
}

static void test_format(void **state)
{
	struct model *m = model_of(base_sql);
	char fp[FINGERPRINT_LEN];
	fingerprint_model(m, fp);
	assert_int_equal(strlen(fp), 7 + 64);
	assert_memory_equal(fp, "sha256:", 7);
	for (const char *p = fp + 7; *p; p++)
		assert_true((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'));
	model_free(m);
}

static void test_stable_under_order_and_documentation(void **state)
{
	struct model *a = model_of(base_sql), *b = model_of(same_sql);
	char fa[FINGERPRINT_LEN], fb[FINGERPRINT_LEN];
	fingerprint_model(a, fa);
	fingerprint_model(b, fb);
	assert_string_equal(fa, fb);
	model_free(a);
	model_free(b);
}

static void test_changes_with_shape(void **state)
{
	struct model *a = model_of(base_sql), *b = model_of(other_sql);
	char fa[FINGERPRINT_LEN], fb[FINGERPRINT_LEN];
	fingerprint_model(a, fa);
	fingerprint_model(b, fb);
	assert_string_not_equal(fa, fb);
	model_free(a);
	model_free(b);
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
	model_apply_filter(b, f);
	model_sort(b);
	char fa[FINGERPRINT_LEN], fb[FINGERPRINT_LEN];
	fingerprint_model(a, fa);
	fingerprint_model(b, fb);
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
	     "CREATE TABLE public.t (a integer, b integer GENERATED ALWAYS AS ((a * 2)) VIRTUAL);\n"},
	    {"CREATE TABLE public.t (a integer, CONSTRAINT t_a_check CHECK ((a > 0)));\n",
	     "CREATE TABLE public.t (a integer, CONSTRAINT t_a_check CHECK ((a > 0)) NOT ENFORCED);\n"},
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct model *a = model_of(pairs[i][0]), *b = model_of(pairs[i][1]);
		char fa[FINGERPRINT_LEN], fb[FINGERPRINT_LEN];
		fingerprint_model(a, fa);
		fingerprint_model(b, fb);
		assert_string_not_equal(fa, fb);
		model_free(a);
		model_free(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_format),
	    cmocka_unit_test(test_stable_under_order_and_documentation),
	    cmocka_unit_test(test_changes_with_shape),
	    cmocka_unit_test(test_diff_names_the_difference),
	    cmocka_unit_test(test_filter_changes_fingerprint),
	    cmocka_unit_test(test_escapes_separators),
	    cmocka_unit_test(test_pg18_meanings_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
