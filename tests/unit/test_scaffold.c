/*
 * test_scaffold.c
 *	  The Alembic scaffold (what `alembic init` writes, adapted): file
 *	  names under the script directory, alembic.ini without a database URL
 *	  and with the version table settings, env.py's DATABASE_URL,
 *	  version-table options and include_object() set of untracked tables,
 *	  Alembic 1.16's script.py.mako; and reading an alembic.ini back the
 *	  way Alembic's ConfigParser does.  tests/integration/test_alembic.py
 *	  runs the scaffold with the real Alembic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "scaffold.h"
#include "filter.h"
#include "sqlmodel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char shop_sql[] = "CREATE TABLE public.users (id bigint NOT NULL);\n"
			       "CREATE TABLE public.audit_logs (id bigint NOT NULL);\n"
			       "CREATE TABLE public.\"it's \\ odd\" (id bigint);\n"
			       "CREATE TABLE app.events (id bigint);\n";

struct scaffold {
	struct model *m;
	struct filter *untracked;
	struct scaffold_file files[8];
	int n;
};

static struct baseline_opts default_opts(void)
{
	return (struct baseline_opts){
	    .dir = "alembic",
	    .rev = "001_baseline",
	    .message = "baseline",
	    .version_table = "alembic_version",
	};
}

static void build(struct scaffold *sc, struct baseline_opts *o, const char *untracked)
{
	sc->m = sqlmodel_build(shop_sql, NULL);
	filter_apply(sc->m, NULL);
	model_sort(sc->m);
	sc->untracked = NULL;
	if (untracked) {
		sc->untracked = filter_new();
		assert_true(filter_add(sc->untracked, FILTER_TABLE, untracked));
		o->untracked = sc->untracked;
	}
	sc->n = scaffold_files(sc->m, o, sc->files);
}

static void release(struct scaffold *sc)
{
	for (int i = 0; i < sc->n; i++)
		free(sc->files[i].text);
	if (sc->untracked)
		filter_free(sc->untracked);
	model_free(sc->m);
}

static const char *file_text(struct scaffold *sc, const char *path)
{
	for (int i = 0; i < sc->n; i++)
		if (strcmp(sc->files[i].path, path) == 0)
			return sc->files[i].text;
	fail_msg("no scaffold file %s", path);
	return NULL;
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

static void test_files_and_ini(void **state)
{
	struct baseline_opts o = default_opts();
	o.dir = "migrations/";
	struct scaffold sc;
	build(&sc, &o, NULL);

	assert_int_equal(sc.n, 4);
	assert_string_equal(sc.files[0].path, "alembic.ini");
	assert_string_equal(sc.files[1].path, "migrations/env.py");
	assert_string_equal(sc.files[2].path, "migrations/script.py.mako");
	assert_string_equal(sc.files[3].path, "migrations/README");

	const char *ini = file_text(&sc, "alembic.ini");
	assert_non_null(strstr(ini, "\n[alembic]\n"));
	assert_non_null(strstr(ini, "\nscript_location = %(here)s/migrations\n"));
	assert_non_null(strstr(ini, "\nprepend_sys_path = .\n"));
	assert_non_null(strstr(ini, "\npath_separator = os\n"));
	/* no credentials in the file: the URL comes from DATABASE_URL */
	assert_null(strstr(ini, "\nsqlalchemy.url"));
	assert_non_null(strstr(ini, "\n# sqlalchemy.url = "));
	assert_non_null(strstr(ini, "DATABASE_URL"));
	/* the defaults are left commented */
	assert_non_null(strstr(ini, "\n# version_table = alembic_version\n"));
	assert_null(strstr(ini, "\nversion_table"));
	/* logging sections as alembic init writes them */
	assert_non_null(strstr(ini, "\n[logger_alembic]\nlevel = INFO\n"));
	assert_non_null(strstr(ini, "\nformat = %(levelname)-5.5s [%(name)s] %(message)s\n"));

	const char *readme = file_text(&sc, "migrations/README");
	assert_non_null(strstr(readme, "-f migrations/versions/001_baseline_stamp.sql"));
	assert_non_null(strstr(readme, "alembic stamp 001_baseline"));
	release(&sc);
}

static void test_ini_version_table(void **state)
{
	struct baseline_opts o = default_opts();
	o.version_table = "schema%versions";
	o.version_table_schema = "ops";
	o.dir = "/srv/app/alembic";
	struct scaffold sc;
	build(&sc, &o, NULL);
	const char *ini = file_text(&sc, "alembic.ini");
	/* '%' doubled for ConfigParser's interpolation */
	assert_non_null(strstr(ini, "\nversion_table = schema%%versions\n"));
	assert_non_null(strstr(ini, "\nversion_table_schema = ops\n"));
	assert_non_null(strstr(ini, "\nscript_location = /srv/app/alembic\n"));
	assert_string_equal(sc.files[1].path, "/srv/app/alembic/env.py");
	release(&sc);
}

static void test_env_py(void **state)
{
	struct baseline_opts o = default_opts();
	struct scaffold sc;
	build(&sc, &o, "audit_logs");
	const char *env = file_text(&sc, "alembic/env.py");

	/* the database URL from the environment, a clear error without it */
	assert_non_null(strstr(env, "os.environ.get(\"DATABASE_URL\""));
	assert_non_null(strstr(env, "raise CommandError(\n            \"DATABASE_URL is not set"));
	assert_non_null(strstr(env, "section[\"sqlalchemy.url\"] = get_url()"));
	/* the version table from alembic.ini, passed online and offline */
	assert_non_null(strstr(env, "config.get_main_option(\"version_table\")"));
	assert_int_equal(count(env, "version_table=VERSION_TABLE,\n"), 2);
	assert_int_equal(count(env, "version_table_schema=VERSION_TABLE_SCHEMA,\n"), 2);
	assert_int_equal(count(env, "include_object=include_object,\n"), 2);
	/* the hook and the untracked set, as (schema, table) */
	assert_non_null(
	    strstr(env, "\ndef include_object(object, name, type_, reflected, compare_to):\n"));
	assert_non_null(strstr(env, "UNTRACKED_TABLES = {\n    ('public', 'audit_logs'),\n}\n"));
	assert_non_null(strstr(env, "if (schema, name) in UNTRACKED_TABLES:"));
	assert_non_null(strstr(env, "if name == VERSION_TABLE and"));
	/* alembic init's own lines are kept */
	assert_non_null(strstr(env, "\ntarget_metadata = None\n"));
	assert_non_null(strstr(env,
			       "\nif context.is_offline_mode():\n    run_migrations_offline()\n"
			       "else:\n    run_migrations_online()\n"));
	release(&sc);

	/* no untracked table: an empty set (not {}, a dict) */
	o = default_opts();
	build(&sc, &o, NULL);
	assert_non_null(strstr(file_text(&sc, "alembic/env.py"), "\nUNTRACKED_TABLES = set()\n"));
	release(&sc);
}

static void test_env_py_quotes_names(void **state)
{
	struct baseline_opts o = default_opts();
	struct scaffold sc;
	build(&sc, &o, "\"it's \\ odd\"");
	const char *env = file_text(&sc, "alembic/env.py");
	assert_non_null(strstr(env, "    ('public', 'it\\'s \\\\ odd'),\n"));
	release(&sc);

	/* tables left out of the baseline by -n/-N/-t/-T are not managed either */
	struct model *m = sqlmodel_build(shop_sql, NULL);
	struct filter *f = filter_new();
	assert_true(filter_add(f, FILTER_EXCLUDE_SCHEMA, "app"));
	filter_apply(m, f);
	model_sort(m);
	o = default_opts();
	struct scaffold_file files[8];
	int n = scaffold_files(m, &o, files);
	assert_non_null(strstr(files[1].text, "UNTRACKED_TABLES = {\n    ('app', 'events'),\n}\n"));
	for (int i = 0; i < n; i++)
		free(files[i].text);
	filter_free(f);
	model_free(m);
}

static void test_script_py_mako(void **state)
{
	struct baseline_opts o = default_opts();
	struct scaffold sc;
	build(&sc, &o, NULL);
	/* Alembic 1.16's generic template */
	assert_string_equal(
	    file_text(&sc, "alembic/script.py.mako"),
	    "\"\"\"${message}\n"
	    "\n"
	    "Revision ID: ${up_revision}\n"
	    "Revises: ${down_revision | comma,n}\n"
	    "Create Date: ${create_date}\n"
	    "\n"
	    "\"\"\"\n"
	    "from typing import Sequence, Union\n"
	    "\n"
	    "from alembic import op\n"
	    "import sqlalchemy as sa\n"
	    "${imports if imports else \"\"}\n"
	    "\n"
	    "# revision identifiers, used by Alembic.\n"
	    "revision: str = ${repr(up_revision)}\n"
	    "down_revision: Union[str, Sequence[str], None] = ${repr(down_revision)}\n"
	    "branch_labels: Union[str, Sequence[str], None] = ${repr(branch_labels)}\n"
	    "depends_on: Union[str, Sequence[str], None] = ${repr(depends_on)}\n"
	    "\n"
	    "\n"
	    "def upgrade() -> None:\n"
	    "    \"\"\"Upgrade schema.\"\"\"\n"
	    "    ${upgrades if upgrades else \"pass\"}\n"
	    "\n"
	    "\n"
	    "def downgrade() -> None:\n"
	    "    \"\"\"Downgrade schema.\"\"\"\n"
	    "    ${downgrades if downgrades else \"pass\"}\n");
	release(&sc);
}

/* What the ini reader reports; kept, reachable until exit. */
static struct diags diags;

/* ---- scaffold_read_ini ---------------------------------------------------- */

static char tmpdir[64];

static char *write_file(const char *name, const char *text)
{
	size_t n = strlen(tmpdir) + strlen(name) + 2;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/%s", tmpdir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

static int setup_tmpdir(void **state)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/pgb-scaffold-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_read_ini_round_trip(void **state)
{
	struct baseline_opts o = default_opts();
	o.version_table = "schema%versions";
	o.version_table_schema = "ops";
	struct scaffold sc;
	build(&sc, &o, NULL);
	char *path = write_file("alembic.ini", file_text(&sc, "alembic.ini"));

	char *loc = NULL, *vt = NULL, *vts = NULL;
	assert_true(scaffold_read_ini(path, &loc, &vt, &vts, &diags));
	/* %(here)s/alembic of an ini file in tmpdir */
	size_t n = strlen(tmpdir) + 16;
	char *want = xmalloc(n);
	snprintf(want, n, "%s/alembic", tmpdir);
	assert_string_equal(loc, want);
	assert_string_equal(vt, "schema%versions");
	assert_string_equal(vts, "ops");
	free(want);
	free(loc);
	free(vt);
	free(vts);

	/* relative to the current directory, as the CLI reads ./alembic.ini */
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(tmpdir), 0);
	loc = vt = vts = NULL;
	assert_true(scaffold_read_ini("alembic.ini", &loc, &vt, &vts, &diags));
	assert_string_equal(loc, "alembic");
	free(loc);
	free(vt);
	free(vts);
	assert_int_equal(chdir(cwd), 0);

	free(path);
	release(&sc);
}

static void test_read_ini_forms(void **state)
{
	/* an alembic.ini as Alembic 1.8 writes it, hand-edited */
	char *path = write_file("old.ini", "# A generic, single database configuration.\n"
					   "\n"
					   "[alembic]\n"
					   "# path to migration scripts\n"
					   "script_location = migrations/\n"
					   "; another comment\n"
					   "Version_Table: %(prefix)s_versions\n"
					   "prefix = app\n"
					   "sqlalchemy.url = driver://user:pass@localhost/dbname\n"
					   "\n"
					   "[other]\n"
					   "version_table_schema = not_this_one\n");
	char *loc = NULL, *vt = NULL, *vts = NULL;
	assert_true(scaffold_read_ini(path, &loc, &vt, &vts, &diags));
	assert_string_equal(loc, "migrations");
	assert_string_equal(vt, "app_versions");
	assert_null(vts);
	free(loc);
	free(vt);
	free(path);

	/* settings the file does not have are left as they were */
	path = write_file("partial.ini", "[alembic]\nscript_location = %(here)s\n");
	char *keep_vt = "alembic_version";
	vt = keep_vt;
	loc = NULL;
	assert_true(scaffold_read_ini(path, &loc, &vt, &vts, &diags));
	assert_string_equal(loc, tmpdir);
	assert_ptr_equal(vt, keep_vt);
	assert_null(vts);
	free(loc);
	free(path);

	/* a missing file */
	loc = NULL;
	assert_false(scaffold_read_ini("/nonexistent/alembic.ini", &loc, &vt, &vts, &diags));
	assert_null(loc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_files_and_ini),  cmocka_unit_test(test_ini_version_table),
	    cmocka_unit_test(test_env_py),	   cmocka_unit_test(test_env_py_quotes_names),
	    cmocka_unit_test(test_script_py_mako), cmocka_unit_test(test_read_ini_round_trip),
	    cmocka_unit_test(test_read_ini_forms),
	};
	return cmocka_run_group_tests(tests, setup_tmpdir, remove_tmpdir);
}
