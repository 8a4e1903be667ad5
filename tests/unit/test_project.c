/*
 * test_project.c
 *	  Reading an Alembic project's revisions as Alembic reads them: the
 *	  templates' assignments (plain and annotated), None, tuples and lists,
 *	  which files count, the heads of the graph, the schema a revision
 *	  records, and every file Alembic would refuse, each with its location.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "project.h"
#include "testdiags.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/pgb-test-project-XXXXXX";

static void put(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/pgb-test-project-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static bool scan(struct project *p)
{
	const char *dirs[] = {dir};
	memset(p, 0, sizeof *p);
	return project_scan(dirs, 1, p, &diags);
}

static void test_templates_and_graph(void **state)
{
	(void)state;
	/* Alembic 1.8's template, and the annotated form of later ones. */
	put("001_baseline_x.py", "\"\"\"baseline\n\nrevision = 'not this'\n\"\"\"\n"
				 "revision: str = '001_baseline'\n"
				 "down_revision: Union[str, Sequence[str], None] = None\n");
	put("a1.py", "revision = \"a1\"  # the id\ndown_revision = '001_baseline'\n");
	put("b2.py", "revision = 'b2'\ndown_revision = '001_baseline'\n");
	put("m3.py", "revision = 'm3'\ndown_revision = (\n    'a1',  # one\n    \"b2\",\n)\n");
	put("__init__.py", "x = 1\n");
	put(".#m3.py", "garbage");
	put("notes.txt", "revision = 'no'\n");
	put("m3_schema.sql", "CREATE TABLE t (a int);\n");

	struct project p;
	assert_true(scan(&p));
	char *text = diags_take();
	assert_string_equal(text, "");
	free(text);
	assert_int_equal(p.revisions.n, 4);
	const struct revision_file *base = project_find(&p, "001_baseline");
	assert_non_null(base);
	assert_int_equal(base->down.n, 0);
	const struct revision_file *m3 = project_find(&p, "m3");
	assert_non_null(m3);
	assert_int_equal(m3->down.n, 2);
	assert_string_equal(m3->down.v[0], "a1");
	assert_string_equal(m3->down.v[1], "b2");
	assert_non_null(m3->schema_sql);
	assert_null(project_find(&p, "no"));

	struct ptrvec heads = {0};
	project_heads(&p, &heads);
	assert_int_equal(heads.n, 1);
	assert_ptr_equal(heads.v[0], m3);
	ptrvec_free(&heads);

	/* The newest revision recording its schema, along first parents. */
	assert_ptr_equal(project_newest_schema(&p, m3), m3);
	assert_null(project_newest_schema(&p, project_find(&p, "a1")));
	project_free(&p);
}

static void test_two_heads(void **state)
{
	(void)state;
	put("r.py", "revision = 'r'\ndown_revision = None\n");
	put("x.py", "revision = 'x'\ndown_revision = 'r'\n");
	put("y.py", "revision = 'y'\ndown_revision = ['r']\n");
	struct project p;
	assert_true(scan(&p));
	struct ptrvec heads = {0};
	project_heads(&p, &heads);
	assert_int_equal(heads.n, 2);
	assert_string_equal(((struct revision_file *)heads.v[0])->revision, "x");
	assert_string_equal(((struct revision_file *)heads.v[1])->revision, "y");
	ptrvec_free(&heads);
	project_free(&p);
}

static void test_no_directory(void **state)
{
	(void)state;
	const char *dirs[] = {"/nonexistent/pgb-test-project"};
	struct project p = {0};
	assert_true(project_scan(dirs, 1, &p, &diags));
	assert_int_equal(p.revisions.n, 0);
	project_free(&p);
}

/* Each file Alembic would refuse, and where the error points. */
static void refused(const char *text, const char *expected)
{
	put("bad.py", text);
	struct project p;
	assert_false(scan(&p));
	char *got = diags_take();
	if (strstr(got, expected) == NULL)
		fail_msg("expected \"%s\" in: %s", expected, got);
	free(got);
	project_free(&p);
	char path[512];
	snprintf(path, sizeof path, "%s/bad.py", dir);
	unlink(path);
}

static void test_refused(void **state)
{
	(void)state;
	refused("down_revision = None\n", "bad.py: error: no `revision = '...'`");
	refused("revision = make_id()\n",
		"bad.py:1:12: error: a revision id must be a string literal");
	refused("revision = 'a\n", "bad.py:1:14: error: unterminated string literal");
	refused("revision = ''\n", "must not be empty");
	refused("revision = 'a' + 'b'\n", "bad.py:1:16: error: unexpected text after the value");
	refused("revision = ('a', 'b')\n", "`revision` must be one string");
	refused("revision = 'a'\ndown_revision = ('x' 'y')\n",
		"bad.py:2:22: error: expected ',' or ')' in the list");
	refused("revision = 'a'\ndown_revision = 'missing'\n",
		"bad.py: error: down_revision missing is no revision of the project");
	refused("revision = 'a\\x41'\n", "with this escape is not supported");
	/* A revision id given twice. */
	put("one.py", "revision = 'same'\n");
	refused("revision = 'same'\n", "revision same is also the revision of");
}

/* Look-alikes that are not assignments to revision. */
static void test_look_alikes(void **state)
{
	(void)state;
	put("c.py", "revision_note = 'x'\n"
		    "    revision = 'indented'\n"
		    "if revision == 'x': pass\n"
		    "revision = 'c'  # a comment with 'quotes'\n"
		    "down_revision = None  # none\n"
		    "doc = \"\"\"a docstring\n"
		    "revision = 'in a docstring'\n"
		    "\"\"\"\n"
		    "s = '\"\"\"'  # a quote, not a docstring\n"
		    "x = '''\n"
		    "down_revision = 'in a docstring'\n"
		    "'''\n");
	struct project p;
	assert_true(scan(&p));
	assert_int_equal(p.revisions.n, 1);
	assert_string_equal(((struct revision_file *)p.revisions.v[0])->revision, "c");
	assert_int_equal(((struct revision_file *)p.revisions.v[0])->down.n, 0);
	project_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_templates_and_graph, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_two_heads, setup, teardown),
	    cmocka_unit_test(test_no_directory),
	    cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_look_alikes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
