/*
 * test_stamp.c
 *	  The stamp SQL: `alembic stamp --sql` byte for byte (the expected
 *	  texts are Alembic 1.8.1's own output for PostgreSQL), and the DBA's
 *	  checked stamp file: one transaction, the pre-flight rows of the
 *	  tracked tables only, the idempotent stamp, quoting that no name can
 *	  break out of.  tests/integration/test_alembic.py runs both against
 *	  PostgreSQL and Alembic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "baseline.h"
#include "filter.h"
#include "sqlmodel.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct baseline_opts default_opts(void)
{
	return (struct baseline_opts){
	    .dir = "alembic",
	    .rev = "001_baseline",
	    .message = "baseline",
	    .version_table = "alembic_version",
	};
}

static char *plain(const char *table, const char *schema, const char *rev)
{
	struct baseline_opts o = default_opts();
	o.version_table = table;
	o.version_table_schema = schema;
	o.rev = rev;
	struct strbuf sb;
	sb_init(&sb);
	emit_stamp_sql_plain(&o, &sb);
	return sb_steal(&sb);
}

static void test_plain_default_is_alembic_output(void **state)
{
	char *s = plain("alembic_version", NULL, "001_baseline");
	/* `alembic stamp --sql 001_baseline`, generic env.py, Alembic 1.8.1 */
	assert_string_equal(s, "BEGIN;\n"
			       "\n"
			       "CREATE TABLE alembic_version (\n"
			       "    version_num VARCHAR(32) NOT NULL, \n"
			       "    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n"
			       ");\n"
			       "\n"
			       "-- Running stamp_revision  -> 001_baseline\n"
			       "\n"
			       "INSERT INTO alembic_version (version_num) VALUES ('001_baseline') "
			       "RETURNING alembic_version.version_num;\n"
			       "\n"
			       "COMMIT;\n"
			       "\n");
	free(s);
	/* NULL and "" mean the defaults */
	s = plain(NULL, "", "001_baseline");
	assert_non_null(strstr(s, "CREATE TABLE alembic_version (\n"));
	free(s);
}

/* SQLAlchemy's quoting rules, as Alembic printed them for each name. */
static void test_plain_quotes_like_sqlalchemy(void **state)
{
	static const struct {
		const char *table, *schema;
		const char *create, *constraint, *insert;
	} cases[] = {
	    {"x", NULL, "CREATE TABLE x (", "CONSTRAINT x_pkc ",
	     "INSERT INTO x (version_num) VALUES ('r1') RETURNING x.version_num;"},
	    {"My_Versions", NULL, "CREATE TABLE \"My_Versions\" (",
	     "CONSTRAINT \"My_Versions_pkc\" ", "RETURNING \"My_Versions\".version_num;"},
	    {"Ver", "Ops", "CREATE TABLE \"Ops\".\"Ver\" (", "CONSTRAINT \"Ver_pkc\" ",
	     "INSERT INTO \"Ops\".\"Ver\" (version_num) VALUES ('r1') RETURNING "
	     "\"Ops\".\"Ver\".version_num;"},
	    {"alembic_version", "ops", "CREATE TABLE ops.alembic_version (",
	     "CONSTRAINT alembic_version_pkc ", "RETURNING ops.alembic_version.version_num;"},
	    /* reserved for SQLAlchemy: quoted; its _pkc name is not */
	    {"user", "ops", "CREATE TABLE ops.\"user\" (", "CONSTRAINT user_pkc ",
	     "RETURNING ops.\"user\".version_num;"},
	    /* a PostgreSQL keyword SQLAlchemy does not list stays bare */
	    {"int", "select", "CREATE TABLE \"select\".int (", "CONSTRAINT int_pkc ",
	     "RETURNING \"select\".int.version_num;"},
	    {"a\"b", NULL, "CREATE TABLE \"a\"\"b\" (", "CONSTRAINT \"a\"\"b_pkc\" ",
	     "RETURNING \"a\"\"b\".version_num;"},
	    {"_v", NULL, "CREATE TABLE _v (", "CONSTRAINT _v_pkc ", "RETURNING _v.version_num;"},
	    {"$v", NULL, "CREATE TABLE \"$v\" (", "CONSTRAINT \"$v_pkc\" ",
	     "RETURNING \"$v\".version_num;"},
	    {"v$x", NULL, "CREATE TABLE v$x (", "CONSTRAINT v$x_pkc ",
	     "RETURNING v$x.version_num;"},
	    {"9v", NULL, "CREATE TABLE \"9v\" (", "CONSTRAINT \"9v_pkc\" ",
	     "RETURNING \"9v\".version_num;"},
	    {"\xc3\x9cn\xc3\xaf", NULL, "CREATE TABLE \"\xc3\x9cn\xc3\xaf\" (",
	     "CONSTRAINT \"\xc3\x9cn\xc3\xaf_pkc\" ",
	     "RETURNING \"\xc3\x9cn\xc3\xaf\".version_num;"},
	    {"my versions", NULL, "CREATE TABLE \"my versions\" (",
	     "CONSTRAINT \"my versions_pkc\" ", "RETURNING \"my versions\".version_num;"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = plain(cases[i].table, cases[i].schema, "r1");
		if (!strstr(s, cases[i].create) || !strstr(s, cases[i].constraint) ||
		    !strstr(s, cases[i].insert))
			fail_msg("version table %s.%s:\n%s", cases[i].schema ? cases[i].schema : "",
				 cases[i].table, s);
		free(s);
	}
}

static const char shop_sql[] =
    "CREATE TABLE public.users (\n"
    "    id bigint NOT NULL,\n"
    "    email character varying(50) NOT NULL,\n"
    "    note text\n"
    ");\n"
    "CREATE TABLE public.audit_logs (\n"
    "    id bigint NOT NULL\n"
    ");\n"
    "ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
    "ALTER TABLE ONLY public.users ADD CONSTRAINT users_email_check CHECK (email <> '');\n"
    "CREATE UNIQUE INDEX ix_users_email ON public.users USING btree (email);\n"
    "CREATE INDEX ix_users_note ON public.users USING btree (note);\n";

static struct model *shop_model(void)
{
	struct model *m = sqlmodel_build(shop_sql, NULL);
	filter_apply(m, NULL);
	model_sort(m);
	return m;
}

static char *checked(const struct model *m, const struct baseline_opts *o)
{
	struct strbuf sb;
	sb_init(&sb);
	emit_stamp_sql_checked(m, o, &sb);
	return sb_steal(&sb);
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

static void test_checked_shape(void **state)
{
	struct model *m = shop_model();
	struct filter *untracked = filter_new();
	assert_true(filter_add(untracked, FILTER_TABLE, "audit_logs"));
	struct baseline_opts o = default_opts();
	o.untracked = untracked;
	char *s = checked(m, &o);

	/* one transaction, the check before the stamp */
	assert_int_equal(count(s, "\nBEGIN;\n"), 1);
	size_t len = strlen(s);
	assert_true(len > 8 && strcmp(s + len - 8, "COMMIT;\n") == 0);
	const char *check = strstr(s, "\nDO $pgb$\n");
	const char *create =
	    strstr(s, "\nCREATE TABLE IF NOT EXISTS alembic_version (\n"
		      "    version_num VARCHAR(32) NOT NULL,\n"
		      "    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n"
		      ");\n");
	const char *insert = strstr(s, "\nINSERT INTO alembic_version (version_num)\n"
				       "SELECT '001_baseline'\n"
				       " WHERE NOT EXISTS (SELECT 1 FROM alembic_version WHERE "
				       "version_num = '001_baseline');\n");
	assert_non_null(check);
	assert_non_null(create);
	assert_non_null(insert);
	assert_true(strstr(s, "\nBEGIN;\n") < check && check < create && create < insert);
	assert_int_equal(count(s, "$pgb$"), 2);

	/* what the dump says about the tracked table */
	assert_non_null(strstr(s, "('table', 'public', 'users', NULL, NULL, NULL)"));
	assert_non_null(strstr(
	    s, "('column', 'public', 'users', 'email', 'character varying(50)', 'NOT NULL')"));
	assert_non_null(strstr(s, "('column', 'public', 'users', 'note', 'text', 'nullable')"));
	assert_non_null(
	    strstr(s, "('constraint', 'public', 'users', 'users_pkey', 'PRIMARY KEY', NULL)"));
	assert_non_null(
	    strstr(s, "('constraint', 'public', 'users', 'users_email_check', 'CHECK', NULL)"));
	assert_non_null(
	    strstr(s, "('index', 'public', 'users', 'ix_users_email', 'unique', NULL)"));
	assert_non_null(
	    strstr(s, "('index', 'public', 'users', 'ix_users_note', 'not unique', NULL)"));
	/* types compared under an empty search_path, restored afterwards */
	assert_non_null(strstr(s, "pg_catalog.set_config('search_path', '', true)"));
	assert_non_null(strstr(s, "pg_catalog.set_config('search_path', saved_search_path, true)"));
	assert_non_null(strstr(s, "pg_catalog.format_type(a.atttypid, a.atttypmod)"));
	/* another revision in the version table stops the script */
	assert_non_null(strstr(s, "WHERE version_num <> '001_baseline'"));
	assert_non_null(strstr(s, "already tracked by Alembic"));

	/* the untracked table: named in the header, not checked */
	assert_non_null(strstr(s, "--untracked):\n--   public.audit_logs\n"));
	assert_null(strstr(s, "('table', 'public', 'audit_logs'"));

	/* byte-stable */
	char *again = checked(m, &o);
	assert_string_equal(s, again);
	free(again);

	free(s);
	filter_free(untracked);
	model_free(m);
}

static void test_checked_version_table_options(void **state)
{
	struct model *m = shop_model();
	struct baseline_opts o = default_opts();
	o.version_table = "My Versions";
	o.version_table_schema = "ops";
	char *s = checked(m, &o);
	assert_non_null(strstr(s, "CREATE TABLE IF NOT EXISTS ops.\"My Versions\" (\n"));
	assert_non_null(strstr(s, "CONSTRAINT \"My Versions_pkc\" PRIMARY KEY (version_num)"));
	assert_non_null(strstr(s, "INSERT INTO ops.\"My Versions\" (version_num)\n"));
	assert_non_null(strstr(s, "pg_catalog.to_regclass('ops.\"My Versions\"')"));
	/* the schema must exist: Alembic does not create it either */
	assert_non_null(strstr(s, "FROM pg_catalog.pg_namespace WHERE nspname = 'ops'"));
	assert_null(strstr(s, "alembic_version"));
	free(s);
	model_free(m);
}

static void test_checked_no_tracked_table(void **state)
{
	struct model *m = shop_model();
	struct filter *untracked = filter_new();
	assert_true(filter_add(untracked, FILTER_TABLE, "*"));
	struct baseline_opts o = default_opts();
	o.untracked = untracked;
	char *s = checked(m, &o);
	/* an empty VALUES list would be a syntax error */
	assert_null(strstr(s, "WITH expected"));
	assert_non_null(strstr(s, "No tracked table"));
	assert_non_null(strstr(s, "INSERT INTO alembic_version"));
	free(s);
	filter_free(untracked);
	model_free(m);
}

/* Names that try to end a literal, a comment or the dollar-quoted block. */
static void test_checked_hostile_names(void **state)
{
	struct model *m = sqlmodel_build("CREATE TABLE public.\"$pgb$\" (\n"
					 "    \"$pgb1$\" integer,\n"
					 "    \"it's\" text,\n"
					 "    \"col\nwith newline\" text,\n"
					 "    \"back\\slash\" text\n"
					 ");\n",
					 NULL);
	filter_apply(m, NULL);
	model_sort(m);
	struct baseline_opts o = default_opts();
	char *s = checked(m, &o);

	/* the block's tag occurs in no name: here $pgb2$, once to open, once to close */
	assert_non_null(strstr(s, "\nDO $pgb2$\n"));
	assert_int_equal(count(s, "$pgb2$"), 2);
	assert_non_null(strstr(s, "'it''s'"));
	assert_non_null(strstr(s, "('col' || pg_catalog.chr(10) || 'with newline')"));
	assert_non_null(strstr(s, "'back\\slash'"));
	/* the raw newline reaches neither a literal nor a comment */
	assert_null(strstr(s, "\nwith newline"));
	assert_non_null(strstr(s, "-- public.\"$pgb$\"\n"));
	free(s);
	model_free(m);
}

/*
 * No client encoding can change what the stamp file means: it declares
 * UTF-8 before its first byte beyond ASCII, and holds no E'' string and no
 * backslash but those the names bring (which are ordinary characters in
 * its standard literals).
 */
static void test_checked_encoding_safe(void **state)
{
	struct model *m = sqlmodel_build("CREATE TABLE public.\"\xe9\xa1\xa7\xe5\xae\xa2\" (\n"
					 "    \"t\n\xc3\x9f\\'||x()::text,NULL)--\" integer,\n"
					 "    \"\xe3\x82\xbd\\\" text\n"
					 ");\n",
					 NULL);
	filter_apply(m, NULL);
	model_sort(m);
	struct baseline_opts o = default_opts();
	const char *dumps[] = {"d\xc3\xbcmp.sql"};
	o.dump_names = dumps;
	o.n_dumps = 1;
	char *s = checked(m, &o);

	const char *set = strstr(s, "\nSET client_encoding = 'UTF8';\n");
	assert_non_null(set);
	for (const char *p = s; p < set; p++)
		assert_true((unsigned char)*p < 0x80);
	for (const char *p = strstr(s, "E'"); p; p = strstr(p + 1, "E'")) /* as in 'UNIQUE' */
		assert_true(p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '\''));
	/* the only backslashes are the two names' own */
	assert_int_equal(count(s, "\\"), count(s, "'\xc3\x9f\\''||x()::text,NULL)--'") +
					     count(s, "'\xe3\x82\xbd\\'"));
	assert_true(count(s, "'\xe3\x82\xbd\\'") > 0);
	assert_non_null(
	    strstr(s, "('t' || pg_catalog.chr(10) || '\xc3\x9f\\''||x()::text,NULL)--')"));
	free(s);
	model_free(m);

	/* stamp-sql stays Alembic's output for ASCII names, and declares UTF-8 otherwise */
	s = plain("alembic_version", NULL, "001_baseline");
	assert_null(strstr(s, "client_encoding"));
	free(s);
	s = plain("versi\xc3\xb3n", "\xe8\xa1\xa8", "001_baseline");
	assert_int_equal(strncmp(s, "-- ", 3), 0);
	set = strstr(s, "\nSET client_encoding = 'UTF8';\nBEGIN;\n");
	assert_non_null(set);
	for (const char *p = s; p < set; p++)
		assert_true((unsigned char)*p < 0x80);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_default_is_alembic_output),
	    cmocka_unit_test(test_plain_quotes_like_sqlalchemy),
	    cmocka_unit_test(test_checked_shape),
	    cmocka_unit_test(test_checked_version_table_options),
	    cmocka_unit_test(test_checked_no_tracked_table),
	    cmocka_unit_test(test_checked_hostile_names),
	    cmocka_unit_test(test_checked_encoding_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
