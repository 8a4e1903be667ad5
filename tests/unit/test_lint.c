/*
 * test_lint.c
 *	  The lint rules (lint.h) on models built from SQL: for each rule a
 *	  schema where it must fire on a named object and a look-alike where
 *	  it must not; where findings are located; the model's search_path
 *	  flag of functions; --enable/--disable; the ignore file; --stats
 *	  raising the severity on a big table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "lint.h"
#include "sqlmodel.h"
#include "stats.h"

#include <unistd.h>

struct lcase {
	const char *rule;
	const char *sql;       /* fires on `object` */
	const char *object;    /* the finding's object */
	const char *lookalike; /* must not fire */
};

#define PK(t) "CREATE TABLE public." t " (id bigint PRIMARY KEY);\n"

static const struct lcase cases[] = {
    {"no-primary-key", "CREATE TABLE public.t (a integer);\n", "public.t",
     "CREATE TABLE public.t (a integer);\nALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey "
     "PRIMARY KEY (a);\nCREATE FOREIGN TABLE public.f (a int) SERVER s;\n"},
    {"fk-without-index",
     PK("p") "CREATE TABLE public.c (id bigint PRIMARY KEY, p_id bigint REFERENCES public.p);\n",
     "public.c.c_p_id_fkey",
     PK("p") "CREATE TABLE public.c (id bigint PRIMARY KEY, p_id bigint REFERENCES public.p, "
	     "x int);\nCREATE INDEX c_p ON public.c (p_id, x);\n"},
    {"fk-without-index",
     PK("p") "CREATE TABLE public.c (id bigint PRIMARY KEY, p_id bigint REFERENCES public.p, "
	     "x int);\nCREATE INDEX c_x ON public.c (x, p_id);\n",
     "public.c.c_p_id_fkey",
     /* the FK's columns lead the primary key: indexed */
     "CREATE TABLE public.p (a int, b int, PRIMARY KEY (a, b));\n"
     "CREATE TABLE public.c (b int, a int, z int, PRIMARY KEY (a, b, z), FOREIGN KEY (a, b) "
     "REFERENCES public.p);\n"},
    {"fk-without-index",
     PK("p") "CREATE TABLE public.c (id bigint PRIMARY KEY, p_id bigint REFERENCES public.p);\n"
	     "CREATE INDEX c_p ON public.c (p_id) WHERE p_id > 0;\n",
     "public.c.c_p_id_fkey", NULL},
    {"fk-type-mismatch", PK("p") "CREATE TABLE public.c (p_id integer REFERENCES public.p);\n",
     "public.c.c_p_id_fkey",
     "CREATE TABLE public.p (code varchar(10) PRIMARY KEY);\n"
     "CREATE TABLE public.c (code varchar(20) REFERENCES public.p);\n"},
    {"redundant-index",
     "CREATE TABLE public.t (a int, b int);\nCREATE INDEX t_a ON public.t (a);\n"
     "CREATE INDEX t_ab ON public.t (a, b);\n",
     "public.t_a",
     "CREATE TABLE public.t (a int, b int);\nCREATE INDEX t_a ON public.t (a) WHERE b > 0;\n"
     "CREATE INDEX t_ab ON public.t (a, b);\nCREATE INDEX t_b ON public.t USING hash (b);\n"
     "CREATE INDEX t_ba ON public.t (b, a);\nCREATE UNIQUE INDEX t_ua ON public.t (a);\n"
     "CREATE INDEX t_lower ON public.t (a text_pattern_ops);\n"},
    {"redundant-index",
     "CREATE TABLE public.t (a int PRIMARY KEY);\nCREATE INDEX t_a ON public.t (a);\n",
     "public.t_a", NULL},
    {"int-primary-key", "CREATE TABLE public.t (id serial PRIMARY KEY);\n", "public.t.id",
     "CREATE TABLE public.t (id bigserial PRIMARY KEY, n integer);\n"},
    {"timestamp-without-time-zone", "CREATE TABLE public.t (at timestamp(3));\n", "public.t.at",
     "CREATE TABLE public.t (at timestamptz, d date, t time);\n"},
    {"rls-without-policy", PK("t") "ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;\n", "public.t",
     PK("t") "ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;\nCREATE POLICY p ON public.t "
	     "USING (true);\n"},
    {"policy-without-rls", PK("t") "CREATE POLICY p ON public.t USING (true);\n", "public.t.p",
     PK("t") "CREATE POLICY p ON public.t USING (true);\n"
	     "ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;\n"},
    {"security-definer-search-path",
     "CREATE FUNCTION public.f(integer) RETURNS int LANGUAGE sql SECURITY DEFINER AS "
     "'select 1';\n",
     "public.f(integer)",
     "CREATE FUNCTION public.f(integer) RETURNS int LANGUAGE sql SECURITY DEFINER "
     "SET search_path TO 'pg_catalog' AS 'select 1';\n"
     "CREATE FUNCTION public.g() RETURNS int LANGUAGE sql AS 'select 1';\n"
     "CREATE FUNCTION public.h() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'select 1';\n"
     "ALTER FUNCTION public.h() SET search_path = pg_catalog, pg_temp;\n"},
    {"security-definer-search-path",
     "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql SECURITY DEFINER "
     "SET search_path TO 'pg_catalog' AS 'select 1';\nALTER FUNCTION public.f() RESET "
     "search_path;\n",
     "public.f()",
     "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql SET search_path TO 'x' AS "
     "'select 1';\nALTER FUNCTION public.f() SECURITY DEFINER;\n"},
    {"sqlalchemy-reserved-name", "CREATE TABLE public.t (metadata jsonb);\n", "public.t.metadata",
     "CREATE TABLE public.t (meta_data jsonb, \"Metadata\" jsonb, registry_id int);\n"},
    {"nullable-unique", "CREATE TABLE public.t (a int UNIQUE);\n", "public.t.t_a_key",
     "CREATE TABLE public.t (a int NOT NULL UNIQUE, b int, c int);\n"
     "ALTER TABLE public.t ADD CONSTRAINT t_b_key UNIQUE NULLS NOT DISTINCT (b);\n"
     "ALTER TABLE public.t ADD CONSTRAINT t_pk PRIMARY KEY (c);\n"
     "CREATE UNIQUE INDEX t_c ON public.t (c);\n"},
    {"nullable-unique",
     "CREATE TABLE public.t (a int);\nCREATE UNIQUE INDEX t_a ON public.t (a);\n", "public.t_a",
     NULL},
    {"not-valid-constraint",
     "CREATE TABLE public.t (a int);\nALTER TABLE public.t ADD CONSTRAINT c CHECK (a > 0) NOT "
     "VALID;\n",
     "public.t.c",
     "CREATE TABLE public.t (a int);\nALTER TABLE public.t ADD CONSTRAINT c CHECK (a > 0) NOT "
     "VALID;\nALTER TABLE public.t VALIDATE CONSTRAINT c;\n"},
    {"unlogged-table", "CREATE UNLOGGED TABLE public.t (a int);\n", "public.t",
     "CREATE TABLE public.t (a int);\nCREATE TABLE public.u (a int);\n"
     "ALTER TABLE public.u SET LOGGED;\n"},
    {"identifier-needs-quoting", "CREATE TABLE public.\"Order\" (\"user\" int);\n",
     "public.\"Order\"", "CREATE TABLE public.orders (user_id int, \"order_no\" int);\n"},
    {"identifier-needs-quoting", "CREATE TABLE public.t (\"user\" int);\n", "public.t.\"user\"",
     NULL},
    {"table-without-comment", "CREATE TABLE public.t (a int);\n", "public.t",
     "CREATE TABLE public.t (a int);\nCOMMENT ON TABLE public.t IS 'x';\n"},
};

static struct lint_opts all_on(void)
{
	struct lint_opts o;
	lint_opts_init(&o);
	for (size_t i = 0; i < lint_n_rules; i++)
		o.enabled[i] = true;
	return o;
}

static const struct lint_finding *find(const struct lint_report *r, const char *rule,
				       const char *object)
{
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct lint_finding *f = r->findings.v[i];
		if (strcmp(f->rule->id, rule) == 0 &&
		    (object == NULL || strcmp(f->object, object) == 0))
			return f;
	}
	return NULL;
}

static char *listing(const struct lint_report *r)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct lint_finding *f = r->findings.v[i];
		sb_printf(&sb, "  %s %s: %s\n", f->rule->id, f->object, f->message);
	}
	return sb.data ? sb_steal(&sb) : xstrdup("  (none)\n");
}

static void test_rules(void **state)
{
	(void)state;
	struct lint_opts o = all_on();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct lcase *c = &cases[i];
		assert_non_null(lint_find_rule(c->rule));
		char *diag = NULL;
		struct model *m = sqlmodel_build(c->sql, &diag);
		free(diag);
		struct lint_report r;
		lint_run(m, &o, &r);
		if (find(&r, c->rule, c->object) == NULL)
			fail_msg("%s did not fire on %s in:\n%s\nfindings:\n%s", c->rule, c->object,
				 c->sql, listing(&r));
		lint_report_free(&r);
		model_free(m);
		if (c->lookalike == NULL)
			continue;
		m = sqlmodel_build(c->lookalike, &diag);
		free(diag);
		lint_run(m, &o, &r);
		if (find(&r, c->rule, NULL) != NULL)
			fail_msg("%s fired on the look-alike:\n%s\nfindings:\n%s", c->rule,
				 c->lookalike, listing(&r));
		lint_report_free(&r);
		model_free(m);
	}
}

/* Every rule has a case, each with an explanation. */
static void test_every_rule_tested(void **state)
{
	(void)state;
	for (size_t i = 0; i < lint_n_rules; i++) {
		bool seen = false;
		for (size_t j = 0; j < sizeof cases / sizeof cases[0]; j++)
			seen |= strcmp(cases[j].rule, lint_rules[i].id) == 0;
		if (!seen)
			fail_msg("rule %s has no case", lint_rules[i].id);
		assert_true(lint_rules[i].why[0] && lint_rules[i].fix[0] &&
			    lint_rules[i].summary[0]);
	}
	assert_null(lint_find_rule("no-such-rule"));
	assert_false(lint_rules[lint_n_rules - 1].on_by_default); /* table-without-comment */
}

/* A finding is located where its object was created: a FK added by ALTER TABLE, at the ALTER. */
static void test_locations(void **state)
{
	(void)state;
	struct model *m =
	    sqlmodel_build("CREATE TABLE public.p (id bigint PRIMARY KEY);\n"
			   "CREATE TABLE public.c (\n  id bigint PRIMARY KEY,\n"
			   "  p_id bigint\n);\n\n"
			   "  ALTER TABLE public.c ADD CONSTRAINT fk FOREIGN KEY (p_id) "
			   "REFERENCES public.p;\n"
			   "CREATE TABLE public.n (a int);\n",
			   NULL);
	struct lint_opts o;
	lint_opts_init(&o);
	struct lint_report r;
	lint_run(m, &o, &r);
	const struct lint_finding *f = find(&r, "fk-without-index", "public.c.fk");
	assert_non_null(f);
	assert_int_equal(f->loc.line, 7);
	assert_int_equal(f->loc.col, 3);
	assert_string_equal(f->loc.file, "test.sql");
	assert_int_equal(f->severity, LINT_WARNING);
	f = find(&r, "no-primary-key", "public.n");
	assert_non_null(f);
	assert_int_equal(f->loc.line, 8);
	/* sorted by location */
	for (size_t i = 1; i < r.findings.n; i++)
		assert_true(((const struct lint_finding *)r.findings.v[i - 1])->loc.line <=
			    ((const struct lint_finding *)r.findings.v[i])->loc.line);
	assert_true(lint_report_fails(&r, LINT_WARNING));
	assert_false(lint_report_fails(&r, LINT_ERROR));
	lint_report_free(&r);
	model_free(m);
}

static void test_disable_and_default_off(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build("CREATE TABLE public.t (a int);\n", NULL);
	struct lint_opts o;
	struct lint_report r;
	lint_opts_init(&o);
	lint_run(m, &o, &r);
	assert_non_null(find(&r, "no-primary-key", "public.t"));
	assert_null(find(&r, "table-without-comment", NULL)); /* off by default */
	lint_report_free(&r);
	o.enabled[lint_find_rule("no-primary-key") - lint_rules] = false;
	lint_run(m, &o, &r);
	assert_null(find(&r, "no-primary-key", NULL));
	lint_report_free(&r);
	model_free(m);
}

static char *write_temp(const char *text)
{
	char *path = xstrdup("/tmp/pgb-lint-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_true(write_all(fd, text, strlen(text)));
	close(fd);
	return path;
}

static void test_ignore_file(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build("CREATE TABLE public.t (a int);\n"
					 "CREATE TABLE public.\"we#ird\" (a int);\n",
					 NULL);
	struct lint_opts o;
	struct lint_report r;
	struct diags d = {0};
	lint_opts_init(&o);
	char *path = write_temp("# accepted\n\nno-primary-key public.t  # staging copy\n"
				"no-primary-key public.\"we#ird\"  # a # in a quoted name\n"
				"unlogged-table public.t # nothing matches this\n");
	struct lint_ignore *ig = lint_ignore_load(path, &d);
	assert_non_null(ig);
	lint_run(m, &o, &r);
	assert_int_equal(r.findings.n, 3); /* and identifier-needs-quoting, not ignored */
	lint_ignore_apply(ig, &r, &d);
	assert_int_equal(r.findings.n, 1);
	assert_non_null(find(&r, "identifier-needs-quoting", "public.\"we#ird\""));
	assert_int_equal(r.ignored, 2);
	assert_int_equal(r.counts[LINT_WARNING], 0);
	char *text = diags_text(&d);
	assert_non_null(strstr(text, ":5:1: warning: ignore entry unlogged-table public.t matches "
				     "no finding"));
	free(text);
	lint_report_free(&r);
	lint_ignore_free(ig);
	unlink(path);
	free(path);
	diags_free(&d);

	/* No reason, an unknown rule: errors at their place, nothing loaded. */
	static const char *const bad[] = {
	    "no-primary-key public.t\n", "no-primary-key public.t #\n",
	    "no-such-rule public.t # why\n", "no-primary-key # why\n"};
	static const char *const want[] = {":1:24: error: an ignore entry needs a reason",
					   ":1:25: error: an ignore entry needs a reason",
					   ":1:1: error: unknown rule \"no-such-rule\"",
					   ":1:16: error: an ignore entry needs RULE OBJECT"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		diags_init(&d);
		path = write_temp(bad[i]);
		assert_null(lint_ignore_load(path, &d));
		text = diags_text(&d);
		if (strstr(text, want[i]) == NULL)
			fail_msg("for %s want %s, got %s", bad[i], want[i], text);
		free(text);
		unlink(path);
		free(path);
		diags_free(&d);
	}
	model_free(m);
}

static void test_stats_raise(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build("CREATE TABLE public.big (a int);\n"
					 "CREATE TABLE public.small (a int);\n",
					 NULL);
	char *path = write_temp("public.big,5000000\npublic.small,10\n");
	struct diags d = {0};
	struct stats *st = stats_load(path, &d);
	assert_non_null(st);
	struct lint_opts o;
	struct lint_report r;
	lint_opts_init(&o);
	o.stats = st;
	lint_run(m, &o, &r);
	const struct lint_finding *f = find(&r, "no-primary-key", "public.big");
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_ERROR);
	assert_int_equal(f->rows, 5000000);
	f = find(&r, "no-primary-key", "public.small");
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_WARNING);
	lint_report_free(&r);
	stats_free(st);
	unlink(path);
	free(path);
	diags_free(&d);
	model_free(m);
}

/* The model's proconfig flag: CREATE ... SET, ALTER ... SET / RESET / RESET ALL / TO DEFAULT. */
static void test_function_search_path(void **state)
{
	(void)state;
	static const struct {
		const char *sql;
		bool sets;
	} fc[] = {
	    {"CREATE FUNCTION public.f() RETURNS int LANGUAGE sql SET search_path TO 'a' AS "
	     "'select "
	     "1';\n",
	     true},
	    {"CREATE FUNCTION public.f() RETURNS int LANGUAGE sql SET work_mem TO '1MB' AS 'select "
	     "1';\n",
	     false},
	    {"CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'select 1';\n"
	     "ALTER FUNCTION public.f() SET search_path FROM CURRENT;\n",
	     true},
	    {"CREATE FUNCTION public.f() RETURNS int LANGUAGE sql SET search_path TO 'a' AS "
	     "'select "
	     "1';\nALTER FUNCTION public.f() RESET ALL;\n",
	     false},
	    {"CREATE FUNCTION public.f() RETURNS int LANGUAGE sql SET search_path TO 'a' AS "
	     "'select "
	     "1';\nALTER FUNCTION public.f() SET search_path TO DEFAULT;\n",
	     false},
	};
	for (size_t i = 0; i < sizeof fc / sizeof fc[0]; i++) {
		struct model *m = sqlmodel_build(fc[i].sql, NULL);
		struct function *f = model_find_function(m, "public", "f", NULL);
		assert_non_null(f);
		if (f->sets_search_path != fc[i].sets)
			fail_msg("sets_search_path %d for:\n%s", f->sets_search_path, fc[i].sql);
		model_free(m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rules),
	    cmocka_unit_test(test_every_rule_tested),
	    cmocka_unit_test(test_locations),
	    cmocka_unit_test(test_disable_and_default_off),
	    cmocka_unit_test(test_ignore_file),
	    cmocka_unit_test(test_stats_raise),
	    cmocka_unit_test(test_function_search_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
