/*
 * test_stats.c
 *	  The --stats CSV: what `pgbaseline stats-query` makes psql write
 *	  (a header, format('%I.%I') names, CSV quoting), and clear errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "pgb.h"
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *write_temp(const char *text)
{
	char *path = xstrdup("/tmp/pgb-stats-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void test_reads_psql_csv(void **state)
{
	char *p =
	    write_temp("table,rows\n"
		       "public.users,1200000\n"
		       "app.\"Order Items\",45000\r\n"
		       /* the table "odd" (quotes in its name): psql's CSV of public."""odd""" */
		       "\"public.\"\"\"\"\"\"odd\"\"\"\"\"\"\",7\r\n"
		       "public.\"a.b\",0\n");
	struct diags d = {0};
	struct stats *st = stats_load(p, &d);
	assert_non_null(st);
	assert_int_equal(d.errors + d.warnings, 0);
	assert_int_equal(stats_rows(st, "public", "users"), 1200000);
	assert_int_equal(stats_rows(st, "app", "Order Items"), 45000);
	assert_int_equal(stats_rows(st, "public", "\"odd\""), 7);
	assert_int_equal(stats_rows(st, "public", "a.b"), 0);
	assert_int_equal(stats_rows(st, "public", "missing"), -1);
	assert_int_equal(stats_rows(NULL, "public", "users"), -1);
	stats_free(st);
	unlink(p);
	free(p);
}

static void test_rejects_bad_lines(void **state)
{
	static const char *const bad[] = {
	    "public.users,many\n", "users,12\n", "public.users\n", "public.users,-3\n", "a.b.c,1\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *p = write_temp(bad[i]);
		struct diags d = {0};
		assert_null(stats_load(p, &d));
		/* One error, at the line: FILE:1:1: error: ... */
		assert_int_equal(d.errors, 1);
		char *text = diags_text(&d);
		assert_non_null(strstr(text, ":1:1: error: "));
		free(text);
		diags_free(&d);
		unlink(p);
		free(p);
	}
	struct diags d = {0};
	assert_null(stats_load("/nonexistent/stats.csv", &d));
	assert_int_equal(d.errors, 1);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reads_psql_csv),
	    cmocka_unit_test(test_rejects_bad_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
