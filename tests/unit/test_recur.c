/*
 * test_recur.c
 *	  Unit tests for the limits on one statement: the token count taken
 *	  from its text before the parse (stmtsize.c), which must read quotes,
 *	  comments and backslashes exactly as PostgreSQL's lexer does, and the
 *	  depth and node count of its parse tree (pgparse_measure()).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/ast.h" /* pgparse_run, pgparse_measure: internal */
#include "../../src/build.h"
#include "../../src/stmtsize.h"

#include <string.h>

/* The number of tokens stmtsize counts in s: the least max it fits under. */
static unsigned long tokens(const char *s, bool standard_strings)
{
	unsigned long max = 0;

	while (stmtsize_tokens_over(s, strlen(s), standard_strings, max) >= 0)
		max++;
	return max;
}

static void test_tokens_plain(void **state)
{
	(void)state;
	assert_int_equal(tokens("", true), 0);
	assert_int_equal(tokens("a+b", true), 3);
	assert_int_equal(tokens("SELECT a, b FROM t;", true), 7);
	assert_int_equal(tokens("a <=> b", true), 3);		/* one operator */
	assert_int_equal(tokens("a +-- comment\n b", true), 3); /* the comment ends the operator */
	assert_int_equal(tokens("/* x /* nested */ still */ a", true), 1);
	assert_int_equal(tokens("\"a \"\" b\" x", true), 2);
	/* the offset returned is the first token past the limit */
	assert_int_equal(stmtsize_tokens_over("a b c", 5, true, 2), 4);
}

static void test_tokens_dollar(void **state)
{
	(void)state;
	assert_int_equal(tokens("$$ a ' b $$ c", true), 2);
	assert_int_equal(tokens("$f$ a $$ b $f$ c", true), 2);
	assert_int_equal(tokens("a$b$ c", true), 2);	   /* a name with dollars */
	assert_int_equal(tokens("1$a$ ' $a$ x", true), 3); /* after a number: a dollar quote */
	assert_int_equal(tokens("$1 + 2", true), 4);
}

/*
 * Backslashes: always in E'...', in '...' and N'...' only with
 * standard_conforming_strings off, never in B'...', X'...', U&'...'.
 * '\'' x: with it on, the string is '\' and ' x is an unterminated one.
 */
static void test_tokens_backslash(void **state)
{
	(void)state;
	assert_int_equal(tokens("'\\'' x y", true), 1);
	assert_int_equal(tokens("'\\'' x y", false), 3);
	assert_int_equal(tokens("E'\\'' x y", true), 4); /* E, the string, x, y */
	assert_int_equal(tokens("e'\\'' x y", false), 4);
	assert_int_equal(tokens("N'\\'' x y", false), 4);
	assert_int_equal(tokens("N'\\'' x y", true), 2);
	assert_int_equal(tokens("B'\\' x y", false), 4);
	assert_int_equal(tokens("X'\\' x y", false), 4);
	assert_int_equal(tokens("U&'\\' x y", false), 5); /* U, &, the string, x, y */
	assert_int_equal(tokens("a &'\\'' x y", false), 5);
	assert_int_equal(tokens("xe'\\'' x y", true), 2); /* a name, not an E prefix */
	assert_int_equal(tokens("xe'\\'' x y", false), 4);
}

static enum pgparse_fit measure(const char *sql, int max_depth, size_t max_nodes, int *location)
{
	struct pgparse p;
	enum pgparse_fit fit;

	pgparse_run(sql, true, &p);
	assert_non_null(p.tree);
	fit = pgparse_measure((const Node *)p.tree, max_depth, max_nodes, location, NULL);
	pgparse_free(&p);
	return fit;
}

static void test_measure(void **state)
{
	int loc;

	(void)state;
	/* RawStmt, SelectStmt, ResTarget, then A_Const: 4 levels, 6 nodes with the Lists. */
	assert_int_equal(measure("SELECT 1", 4, 6, &loc), PGPARSE_FITS);
	assert_int_equal(measure("SELECT 1", 3, 6, &loc), PGPARSE_TOO_DEEP);
	assert_int_equal(measure("SELECT 1", 4, 5, &loc), PGPARSE_TOO_LARGE);
	/* Two NullTests: 6 levels; the 6th is the inner ISNULL, located at its keyword. */
	assert_int_equal(measure("SELECT true ISNULL ISNULL", 6, 100, &loc), PGPARSE_FITS);
	assert_int_equal(measure("SELECT true ISNULL ISNULL", 5, 100, &loc), PGPARSE_TOO_DEEP);
	assert_int_equal(loc, 12);
	/* A flat list is one level, however long. */
	assert_int_equal(measure("SELECT 1 IN (1,2,3,4,5,6,7,8,9)", 6, 100, &loc), PGPARSE_FITS);
}

/* A statement past the limits is a parse error at the node where it was met. */
static void test_run_refuses(void **state)
{
	struct pgparse p;
	char sql[8192] = "SELECT true";

	(void)state;
	for (int i = 0; i < PGB_MAX_NESTING; i++)
		strcat(sql, " ISNULL");
	pgparse_run(sql, true, &p);
	assert_null(p.tree);
	assert_non_null(strstr(p.error, "nested too deeply"));
	assert_true(p.error_offset > 0);
	pgparse_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tokens_plain),     cmocka_unit_test(test_tokens_dollar),
	    cmocka_unit_test(test_tokens_backslash), cmocka_unit_test(test_measure),
	    cmocka_unit_test(test_run_refuses),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	build_cleanup();
	return rc;
}
