/*
 * test_textquote.c
 *	  Unit tests for textquote.c: one {input, expected} table per target
 *	  (Python literal, docstring text, SQL literal, SQL identifier), then a
 *	  round trip through the real Python interpreter, which must read every
 *	  literal and docstring back as the input (skipped without
 *	  /usr/bin/python3).
 */
#include "textquote.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PYTHON "/usr/bin/python3"

struct quote_case {
	const char *in;
	const char *out;
};

#define N_CASES(a) (sizeof(a) / sizeof((a)[0]))

static void run_cases(void (*quote)(struct strbuf *, const char *), const struct quote_case *cases,
		      size_t n)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < n; i++) {
		sb_reset(&sb);
		sb_append(&sb, "");
		quote(&sb, cases[i].in);
		if (strcmp(sb.data, cases[i].out) != 0)
			fail_msg("case %zu: quoting \"%s\"\n  got      [%s]\n  expected [%s]", i,
				 cases[i].in, sb.data, cases[i].out);
	}
	sb_free(&sb);
}

static const struct quote_case python_literal_cases[] = {
    {"", "''"},
    {"abc", "'abc'"},
    {"it's", "'it\\'s'"},
    {"say \"hi\"", "'say \"hi\"'"},
    {"back\\slash\\", "'back\\\\slash\\\\'"},
    {"\\N", "'\\\\N'"},
    {"\\u0041", "'\\\\u0041'"},
    {"a\nb", "'a\\nb'"},
    {"cr\rlf\n", "'cr\\rlf\\n'"},
    {"tab\there", "'tab\\there'"},
    {"bell\x07", "'bell\\x07'"},
    {"\x1b[31mred", "'\\x1b[31mred'"},
    {"del\x7f", "'del\\x7f'"},
    {"'''\"\"\"", "'\\'\\'\\'\"\"\"'"},
    /* Printable non-ASCII stays as it is. */
    {"caf\xc3\xa9", "'caf\xc3\xa9'"},
    {"\xf0\x9f\x90\x98 elephant", "'\xf0\x9f\x90\x98 elephant'"},
    {"\xe6\x97\xa5\xe6\x9c\xac", "'\xe6\x97\xa5\xe6\x9c\xac'"},
    /* Invisible, bidirectional and C1 characters are \u-escaped. */
    {"rlm\xe2\x80\x8fmark", "'rlm\\u200fmark'"},
    {"\xe2\x80\xae"
     "evil",
     "'\\u202eevil'"},
    {"nel\xc2\x85", "'nel\\u0085'"},
    {"ls\xe2\x80\xa8", "'ls\\u2028'"},
    {"\xef\xbb\xbf"
     "bom",
     "'\\ufeffbom'"},
    /* Bytes that are not UTF-8: surrogateescape's code points. */
    {"\xff", "'\\udcff'"},
    {"a\xe2\x82", "'a\\udce2\\udc82'"},
    {"\xc0\xaf", "'\\udcc0\\udcaf'"},
    {"\xed\xa0\x80", "'\\udced\\udca0\\udc80'"},
};

static const struct quote_case docstring_cases[] = {
    {"", ""},
    {"plain text", "plain text"},
    {"'''", "'''"},
    {"it's", "it's"},
    {"\"quoted\" word", "\"quoted\" word"},
    {"\"char\"", "\"char\\\""},
    {"\"\"\"", "\\\"\\\"\\\""},
    {"x\"\"\"y", "x\\\"\\\"\"y"},
    {"\"\"", "\\\"\\\""},
    {"a\"", "a\\\""},
    {"\"a", "\"a"},
    {"\\", "\\\\"},
    {"back\\slash\\", "back\\\\slash\\\\"},
    {"\\N and \\u0041 and \\x41", "\\\\N and \\\\u0041 and \\\\x41"},
    {"ends with \\\"", "ends with \\\\\\\""},
    {"two\nlines", "two\\nlines"},
    {"crlf\r\n", "crlf\\r\\n"},
    {"tab\there", "tab\\there"},
    {"\x01\x1f\x7f", "\\x01\\x1f\\x7f"},
    {"caf\xc3\xa9 \xf0\x9f\x90\x98", "caf\xc3\xa9 \xf0\x9f\x90\x98"},
    {"rlm\xe2\x80\x8f", "rlm\\u200f"},
    {"\xe2\x81\xa6isolate\xe2\x81\xa9", "\\u2066isolate\\u2069"},
    /* Not UTF-8: shown as the visible text \xNN. */
    {"bad\xff", "bad\\\\xff"},
};

static const struct quote_case sql_literal_cases[] = {
    {"", "''"},
    {"abc", "'abc'"},
    {"it's", "'it''s'"},
    {"''", "''''''"},
    {"back\\slash", "'back\\slash'"},
    {"say \"hi\"", "'say \"hi\"'"},
    {"caf\xc3\xa9", "'caf\xc3\xa9'"},
    /* Control characters: pg_catalog.chr() pieces, never an E'' string or an escape. */
    {"a\nb", "('a' || pg_catalog.chr(10) || 'b')"},
    {"back\\slash\n", "('back\\slash' || pg_catalog.chr(10))"},
    {"it's\t", "('it''s' || pg_catalog.chr(9))"},
    {"\r", "(pg_catalog.chr(13))"},
    {"\r\n'", "(pg_catalog.chr(13) || pg_catalog.chr(10) || '''')"},
    {"\x01"
     "f",
     "(pg_catalog.chr(1) || 'f')"},
    {"\x7f", "(pg_catalog.chr(127))"},
    /* ß then a backslash: 0x9f 0x5c is one SJIS character; the doubled quote stays doubled. */
    {"t\n\xc3\x9f\\'||x", "('t' || pg_catalog.chr(10) || '\xc3\x9f\\''||x')"},
};

static const struct quote_case sql_ident_cases[] = {
    {"users", "users"},
    {"_a1", "_a1"},
    {"Users", "\"Users\""},
    {"1abc", "\"1abc\""},
    {"we\"ird", "\"we\"\"ird\""},
    {"with space", "\"with space\""},
    {"", "\"\""},
    {"caf\xc3\xa9", "\"caf\xc3\xa9\""},
    {"select", "\"select\""},
    {"user", "\"user\""},
    {"name", "name"},
};

static void test_python_literal(void **state)
{
	run_cases(quote_python_literal, python_literal_cases, N_CASES(python_literal_cases));
}

static void test_docstring_text(void **state)
{
	run_cases(quote_python_docstring_text, docstring_cases, N_CASES(docstring_cases));
}

static void test_sql_literal(void **state)
{
	run_cases(quote_sql_literal, sql_literal_cases, N_CASES(sql_literal_cases));
}

static void test_sql_ident(void **state)
{
	run_cases(quote_sql_ident, sql_ident_cases, N_CASES(sql_ident_cases));
}

/*
 * The round trip: a Python module with every input as a literal and as a
 * function's docstring, and a check, run by Python itself, that each
 * reads back as the input's bytes (decoded with surrogateescape for the
 * literal; for the docstring, bytes that are not UTF-8 are shown as \xNN).
 */

static void put_bytes(struct strbuf *sb, const char *s)
{
	sb_append(sb, "b'");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		sb_printf(sb, "\\x%02x", *p);
	sb_append(sb, "'");
}

static void test_python_round_trip(void **state)
{
	if (access(PYTHON, X_OK) != 0) {
		print_message("skipped: %s not found\n", PYTHON);
		skip();
	}
	struct strbuf py;
	sb_init(&py);
	sb_append(&py, "import sys\n"
		       "fails = 0\n"
		       "def want(got, raw, doc):\n"
		       "    global fails\n"
		       "    if doc:\n"
		       "        exp = raw.decode('utf-8', 'backslashreplace')\n"
		       "    else:\n"
		       "        exp = raw.decode('utf-8', 'surrogateescape')\n"
		       "    if got != exp:\n"
		       "        fails += 1\n"
		       "        print('mismatch: %r != %r' % (got, exp))\n");
	const struct quote_case *sets[] = {python_literal_cases, docstring_cases};
	size_t sizes[] = {N_CASES(python_literal_cases), N_CASES(docstring_cases)};
	for (size_t s = 0; s < 2; s++) {
		for (size_t i = 0; i < sizes[s]; i++) {
			const char *in = sets[s][i].in;
			sb_append(&py, "want(");
			quote_python_literal(&py, in);
			sb_append(&py, ", ");
			put_bytes(&py, in);
			sb_append(&py, ", False)\n");
			sb_printf(&py, "def f%zu_%zu():\n    \"\"\"", s, i);
			quote_python_docstring_text(&py, in);
			sb_append(&py, "\"\"\"\n");
			sb_printf(&py, "want(f%zu_%zu.__doc__, ", s, i);
			put_bytes(&py, in);
			sb_append(&py, ", True)\n");
		}
	}
	/*
	 * A docstring line built from two pieces (quote_python_docstring_piece)
	 * and made safe whole (quote_python_docstring_line), then a newline, as
	 * the revision's docstring is: every pair of tricky pieces reads back.
	 */
	static const char *const pieces[] = {"\"",    "\"\"",	"a\"",	 "\"b",	 "\\",
					     "x\\\"", "\"\"\"", "plain", "\n\"", ""};
	size_t np = sizeof(pieces) / sizeof(pieces[0]);
	for (size_t i = 0; i < np; i++) {
		for (size_t j = 0; j < np; j++) {
			struct strbuf line, both;
			sb_init(&line);
			sb_init(&both);
			quote_python_docstring_piece(&line, pieces[i]);
			quote_python_docstring_piece(&line, pieces[j]);
			sb_printf(&py, "def g%zu_%zu():\n    \"\"\"", i, j);
			quote_python_docstring_line(&py, line.data ? line.data : "", line.len);
			sb_append(&py, "\n\"\"\"\n");
			sb_printf(&both, "%s%s\n", pieces[i], pieces[j]);
			sb_printf(&py, "want(g%zu_%zu.__doc__, ", i, j);
			put_bytes(&py, both.data);
			sb_append(&py, ", True)\n");
			sb_free(&line);
			sb_free(&both);
		}
	}
	sb_append(&py, "sys.exit(1 if fails else 0)\n");

	char path[] = "/tmp/pgb-test-quote-XXXXXX.py";
	int fd = mkstemps(path, 3);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, py.data, py.len), (ssize_t)py.len);
	close(fd);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "%s %s", PYTHON, path);
	int rc = system(cmd);
	if (rc != 0)
		fail_msg("python rejected or misread the quoted text (%s kept)", path);
	unlink(path);
	sb_free(&py);
}

/* Shell words and YAML scalars read back exactly, by sh and by PyYAML. */
static void test_shell_yaml_round_trip(void **state)
{
	if (access(PYTHON, X_OK) != 0) {
		print_message("skipped: %s not found\n", PYTHON);
		skip();
	}
	static const char *const words[] = {
	    "alembic", "it's",	"'",	   "''",    "$(touch /tmp/pgb-pwned)",
	    "`id`",    "a b",	"\\",	   "\"",    "ünï code",
	    "--help",  "*",	"${HOME}", "a'b'c", "#not a comment",
	    ": colon", "- dash"};
	struct strbuf py;
	sb_init(&py);
	sb_append(&py,
		  "import subprocess, sys, yaml\n"
		  "fails = 0\n"
		  "def want(word, yml, raw):\n"
		  "    global fails\n"
		  "    exp = raw.decode('utf-8')\n"
		  "    got = subprocess.run(['sh', '-c', 'printf %s ' + word.decode('utf-8')],\n"
		  "                         capture_output=True).stdout.decode('utf-8')\n"
		  "    if got != exp:\n"
		  "        fails += 1\n"
		  "        print('sh mismatch: %r != %r' % (got, exp))\n"
		  "    got = yaml.safe_load(b'k: ' + yml)['k']\n"
		  "    if got != exp:\n"
		  "        fails += 1\n"
		  "        print('yaml mismatch: %r != %r' % (got, exp))\n");
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		struct strbuf w, y;
		sb_init(&w);
		sb_init(&y);
		quote_shell_word(&w, words[i]);
		assert_true(quote_yaml_single(&y, words[i]));
		sb_append(&py, "want(");
		put_bytes(&py, w.data);
		sb_append(&py, ", ");
		put_bytes(&py, y.data);
		sb_append(&py, ", ");
		put_bytes(&py, words[i]);
		sb_append(&py, ")\n");
		sb_free(&w);
		sb_free(&y);
	}
	sb_append(&py, "sys.exit(1 if fails else 0)\n");
	char path[] = "/tmp/pgb-test-shell-XXXXXX.py";
	int fd = mkstemps(path, 3);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, py.data, py.len), (ssize_t)py.len);
	close(fd);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "%s %s", PYTHON, path);
	if (system(cmd) != 0)
		fail_msg("sh or PyYAML misread the quoted text (%s kept)", path);
	unlink(path);
	sb_free(&py);
	assert_int_equal(access("/tmp/pgb-pwned", F_OK), -1);

	/* A line break cannot be a YAML single-quoted scalar: refused, nothing written. */
	struct strbuf y;
	sb_init(&y);
	assert_false(quote_yaml_single(&y, "a\nb"));
	assert_int_equal(y.len, 0);
	sb_free(&y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_python_literal),    cmocka_unit_test(test_docstring_text),
	    cmocka_unit_test(test_sql_literal),	      cmocka_unit_test(test_sql_ident),
	    cmocka_unit_test(test_python_round_trip), cmocka_unit_test(test_shell_yaml_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
