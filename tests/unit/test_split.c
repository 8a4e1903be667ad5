/*
 * test_split.c
 *	  Unit tests for the statement splitter.
 *
 *	  Most cases are one table of {input, expected statements}.  Each
 *	  result is rendered as one line per statement ("LINE:COL KIND text",
 *	  plus "#rows=" and "#hint=" when set) ending in "end RC", so a
 *	  failure shows the whole difference at once.  Every case is then run
 *	  again behind padding that puts the 64 KiB chunk boundary at each of
 *	  its bytes in turn, and must give the same statements one line lower.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdiags.h"

#include "arena.h"
#include "diag.h"
#include "../../src/split.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#define CHUNK (64 * 1024) /* the splitter's read size; the sweep pads to cross it */

/* ---- helpers ---------------------------------------------------------- */

/* Write data to a fresh temporary file; returns its malloc'd path. */
static char *write_temp(const char *data, size_t len)
{
	char *path = xstrdup("/tmp/pgb-test-split-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		assert_true(n > 0);
		off += (size_t)n;
	}
	close(fd);
	return path;
}

/*
 * Split a file and render what came out.  Like the real caller, follow
 * `SET standard_conforming_strings` statements.  `line_shift` is
 * subtracted from every line (for padded runs).
 */
static char *render_file(const char *path, int line_shift, int *rc_out)
{
	struct strbuf sb;
	sb_init(&sb);
	struct input *in = input_open(path, &diags);
	if (in == NULL) {
		sb_append(&sb, "open failed\n");
		*rc_out = -2;
		return sb_steal(&sb);
	}
	struct splitter *sp = split_new(in, &diags);
	struct stmt st;
	int rc;
	while ((rc = split_next(sp, &st)) == 1) {
		sb_printf(&sb, "%d:%d %s ", st.line - line_shift, st.col,
			  st.kind == STMT_META ? "META" : "SQL");
		sb_append_len(&sb, st.text, st.len);
		if (strlen(st.text) != st.len)
			sb_append(&sb, " #BADLEN");
		if (st.copy_rows >= 0)
			sb_printf(&sb, " #rows=%lld", st.copy_rows);
		if (st.hint)
			sb_printf(&sb, " #hint=%s", st.hint);
		sb_putc(&sb, '\n');
		if (strstr(st.text, "standard_conforming_strings = off"))
			split_set_standard_strings(sp, false);
		else if (strstr(st.text, "standard_conforming_strings = on"))
			split_set_standard_strings(sp, true);
	}
	sb_printf(&sb, "end %d\n", rc);
	/* Once finished, the splitter stays finished. */
	if (split_next(sp, &st) != rc)
		sb_append(&sb, "not sticky\n");
	split_free(sp);
	input_close(in);
	*rc_out = rc;
	return sb_steal(&sb);
}

static char *render(const char *data, size_t len, int line_shift, char **diag, char **path_out)
{
	char *path = write_temp(data, len);
	int rc;
	free(diags_take());
	char *out = render_file(path, line_shift, &rc);
	char *err = diags_take();
	unlink(path);
	if (diag)
		*diag = err;
	else
		free(err);
	if (path_out)
		*path_out = path;
	else
		free(path);
	return out;
}

/* ---- the table -------------------------------------------------------- */

struct split_case {
	const char *name;
	const char *input;
	size_t len;	    /* 0: strlen(input) */
	const char *expect; /* rendered statements and "end RC" */
	int err_line;	    /* expected error location, when the case fails */
	int err_col;
	const char *err_msg;
	bool no_pad; /* not run behind padding (a BOM must come first) */
};

static const struct split_case cases[] = {
    {"empty", "", 0, "end 0\n", 0, 0, NULL, false},
    {"only blanks and comments", " \n\t-- a\n/* b /* c */ */\r\n  ", 0, "end 0\n", 0, 0, NULL,
     false},
    {"semicolon in a string", "SELECT 'a;b';\nSELECT 2;\n", 0,
     "1:1 SQL SELECT 'a;b';\n2:1 SQL SELECT 2;\nend 0\n", 0, 0, NULL, false},
    {"doubled quote", "SELECT 'it''s;';SELECT 3;", 0,
     "1:1 SQL SELECT 'it''s;';\n1:17 SQL SELECT 3;\nend 0\n", 0, 0, NULL, false},
    {"E string with escaped quote", "SELECT E'\\';';\nSELECT 1;\n", 0,
     "1:1 SQL SELECT E'\\';';\n2:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"lower-case e string", "SELECT e'x\\';y';SELECT 1;", 0,
     "1:1 SQL SELECT e'x\\';y';\n1:17 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"E string with doubled quote keeps escapes", "SELECT E'a''b\\';c';SELECT 1;", 0,
     "1:1 SQL SELECT E'a''b\\';c';\n1:20 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"E string ending in an escaped backslash", "SELECT E'\\\\';SELECT 1;", 0,
     "1:1 SQL SELECT E'\\\\';\n1:14 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"E inside a word is no prefix", "SELECT typE'\\';SELECT 2;", 0,
     "1:1 SQL SELECT typE'\\';\n1:16 SQL SELECT 2;\nend 0\n", 0, 0, NULL, false},
    {"backslash in a standard string", "SELECT 'a\\';SELECT 2;", 0,
     "1:1 SQL SELECT 'a\\';\n1:13 SQL SELECT 2;\nend 0\n", 0, 0, NULL, false},
    {"standard_conforming_strings off and on again",
     "SET standard_conforming_strings = off;\nSELECT 'a\\';b';\n"
     "SET standard_conforming_strings = on;\nSELECT 'a\\';\n",
     0,
     "1:1 SQL SET standard_conforming_strings = off;\n2:1 SQL SELECT 'a\\';b';\n"
     "3:1 SQL SET standard_conforming_strings = on;\n4:1 SQL SELECT 'a\\';\nend 0\n",
     0, 0, NULL, false},
    {"quoted identifiers", "SELECT \"a;b\", \"x\"\"y;\" FROM t;\nSELECT 1;", 0,
     "1:1 SQL SELECT \"a;b\", \"x\"\"y;\" FROM t;\n2:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"empty dollar quote", "SELECT $$a;b$$;\nSELECT 1;", 0,
     "1:1 SQL SELECT $$a;b$$;\n2:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"tagged dollar quote with $$ inside",
     "CREATE FUNCTION f() RETURNS int AS $body$ SELECT $$;$$; $body$ LANGUAGE sql;\nSELECT 2;", 0,
     "1:1 SQL CREATE FUNCTION f() RETURNS int AS $body$ SELECT $$;$$; $body$ LANGUAGE "
     "sql;\n2:1 SQL SELECT 2;\nend 0\n",
     0, 0, NULL, false},
    {"near misses of the closing tag", "SELECT $body$ $bod; $body; $$ $bodyx$ $$body$;\nSELECT 2;",
     0, "1:1 SQL SELECT $body$ $bod; $body; $$ $bodyx$ $$body$;\n2:1 SQL SELECT 2;\nend 0\n", 0, 0,
     NULL, false},
    {"tags with digits and underscores", "SELECT $_a1$ ; $_a1$;SELECT $x9$;$x9$;", 0,
     "1:1 SQL SELECT $_a1$ ; $_a1$;\n1:22 SQL SELECT $x9$;$x9$;\nend 0\n", 0, 0, NULL, false},
    {"tags are case-sensitive", "SELECT $A$ ; $a$ ; $A$;SELECT 1;", 0,
     "1:1 SQL SELECT $A$ ; $a$ ; $A$;\n1:24 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"$1 is a parameter", "PREPARE p AS SELECT $1;SELECT '$1';", 0,
     "1:1 SQL PREPARE p AS SELECT $1;\n1:24 SQL SELECT '$1';\nend 0\n", 0, 0, NULL, false},
    {"parameter then dollar quote", "SELECT $1||$$;$$;SELECT 2;", 0,
     "1:1 SQL SELECT $1||$$;$$;\n1:18 SQL SELECT 2;\nend 0\n", 0, 0, NULL, false},
    {"a tag cannot start with a digit", "SELECT $1a$;SELECT 2;", 0,
     "1:1 SQL SELECT $1a$;\n1:13 SQL SELECT 2;\nend 0\n", 0, 0, NULL, false},
    {"dollar signs inside identifiers", "SELECT a$$b, x$y$;\nSELECT 1;", 0,
     "1:1 SQL SELECT a$$b, x$y$;\n2:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"nested block comments", "SELECT 1 /* a /* b ; */ c ; */ ;\nSELECT 2;", 0,
     "1:1 SQL SELECT 1 /* a /* b ; */ c ; */ ;\n2:1 SQL SELECT 2;\nend 0\n", 0, 0, NULL, false},
    {"comment closers and openers run together", "SELECT 1 /*/ ; */ /**/ /***/ ;SELECT 2;", 0,
     "1:1 SQL SELECT 1 /*/ ; */ /**/ /***/ ;\n1:31 SQL SELECT 2;\nend 0\n", 0, 0, NULL, false},
    {"line comment with a semicolon", "SELECT 1 -- not the end;\n;\nSELECT 2;", 0,
     "1:1 SQL SELECT 1 -- not the end;\n;\n3:1 SQL SELECT 2;\nend 0\n", 0, 0, NULL, false},
    {"minus and divide are not comments", "SELECT 1 - -2, 4/2, 3 -/**/- 1;SELECT 2;", 0,
     "1:1 SQL SELECT 1 - -2, 4/2, 3 -/**/- 1;\n1:32 SQL SELECT 2;\nend 0\n", 0, 0, NULL, false},
    {"leading comments are not statement text", "/* lead */ -- x\n  SELECT 1; -- after\n", 0,
     "2:3 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"statements starting with - or /", "-x;\n/y;", 0, "1:1 SQL -x;\n2:1 SQL /y;\nend 0\n", 0, 0,
     NULL, false},
    {"lone - at the end", "SELECT 1;\n-", 0, "1:1 SQL SELECT 1;\n2:1 SQL -\nend 0\n", 0, 0, NULL,
     false},
    {"meta-commands between statements",
     "\\restrict abc123\nSELECT 1;\n  \\connect foo\r\n\\unrestrict abc123\n", 0,
     "1:1 META \\restrict abc123\n2:1 SQL SELECT 1;\n3:3 META \\connect foo\n"
     "4:1 META \\unrestrict abc123\nend 0\n",
     0, 0, NULL, false},
    {"meta-command at the end without newline", "SELECT 1;\n\\unrestrict k", 0,
     "1:1 SQL SELECT 1;\n2:1 META \\unrestrict k\nend 0\n", 0, 0, NULL, false},
    /* psql: a backslash starts a meta-command there too; the text before it waits. */
    {"backslash inside a statement is a meta-command", "SELECT 1\n\\x\n;", 0,
     "2:1 META \\x\n1:1 SQL SELECT 1\n\n;\nend 0\n", 0, 0, NULL, false},
    {"\\g sends the text before it", "CREATE TABLE a () \\g\nCREATE TABLE b ()\\gexec x\\n", 0,
     "1:1 SQL CREATE TABLE a ()\n1:19 META \\g\n2:1 SQL CREATE TABLE b ()\n2:18 META "
     "\\gexec x\\n\nend 0\n",
     0, 0, NULL, false},
    {"\\r drops the text before it", "CREATE TABLE a ( \\r\nSELECT 1;", 0,
     "1:18 META \\r\n2:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"\\; and \\: are bare characters", "SELECT 1 \\; SELECT a\\:b::int;", 0,
     "1:1 SQL SELECT 1 ;\n1:13 SQL SELECT a:b::int;\nend 0\n", 0, 0, NULL, false},
    {"COPY ... FROM stdin sent by \\g: its data follows",
     "COPY t FROM stdin \\g\n1\n2\n\\.\nSELECT 1;", 0,
     "1:1 SQL COPY t FROM stdin #rows=2\n1:19 META \\g\n5:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL,
     false},
    {"meta-command on the last line", "SELECT 1 \\gexec", 0,
     "1:1 SQL SELECT 1\n1:10 META \\gexec\nend 0\n", 0, 0, NULL, false},
    {"COPY with data", "COPY public.t (a, b) FROM stdin;\n1\tx;y\n2\t'q\"\n\\.\nSELECT 1;\n", 0,
     "1:1 SQL COPY public.t (a, b) FROM stdin; #rows=2\n5:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL,
     false},
    {"COPY with CRLF", "COPY t FROM stdin;\r\na\r\n\\.\r\nSELECT 1;\r\n", 0,
     "1:1 SQL COPY t FROM stdin; #rows=1\n4:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"COPY lower case with options and no rows",
     "copy t (a) from STDIN with (format text);\n\\.\nSELECT 1;", 0,
     "1:1 SQL copy t (a) from STDIN with (format text); #rows=0\n3:1 SQL SELECT 1;\nend 0\n", 0, 0,
     NULL, false},
    {"COPY lines that only look like the end",
     "COPY t FROM stdin;\n\\.x\n \\.\n\\\\.\n\\.\nSELECT 1;", 0,
     "1:1 SQL COPY t FROM stdin; #rows=3\n6:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"COPY empty lines are rows", "COPY t FROM stdin;\n\n\n\\.\n", 0,
     "1:1 SQL COPY t FROM stdin; #rows=2\nend 0\n", 0, 0, NULL, false},
    {"COPY data that looks like SQL", "COPY t FROM stdin;\n'unclosed\n$$\n/*\n\\.\nSELECT 1;", 0,
     "1:1 SQL COPY t FROM stdin; #rows=3\n6:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"COPY rest of line is skipped", "COPY t FROM stdin; -- c\n1\n\\.\nSELECT 1;", 0,
     "1:1 SQL COPY t FROM stdin; #rows=1\n4:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"COPY end line at end of input", "COPY t FROM stdin;\n1\n\\.", 0,
     "1:1 SQL COPY t FROM stdin; #rows=1\nend 0\n", 0, 0, NULL, false},
    {"COPY end line with CR at end of input", "COPY t FROM stdin;\n1\n\\.\r", 0,
     "1:1 SQL COPY t FROM stdin; #rows=1\nend 0\n", 0, 0, NULL, false},
    {"COPY with a comment before FROM STDIN", "COPY t /* x */ FROM /* y */ stdin;\n1\n\\.\n", 0,
     "1:1 SQL COPY t /* x */ FROM /* y */ stdin; #rows=1\nend 0\n", 0, 0, NULL, false},
    {"COPY TO stdout has no data", "COPY t TO stdout;\nSELECT 1;", 0,
     "1:1 SQL COPY t TO stdout;\n2:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"COPY from a file named stdin", "COPY t FROM 'stdin';\nSELECT 1;", 0,
     "1:1 SQL COPY t FROM 'stdin';\n2:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"FROM stdin inside parentheses", "COPY (SELECT a FROM stdin) TO STDOUT;\nSELECT 1;", 0,
     "1:1 SQL COPY (SELECT a FROM stdin) TO STDOUT;\n2:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL,
     false},
    {"stdin_x is not stdin", "COPY t FROM stdin_x;\nSELECT 1;", 0,
     "1:1 SQL COPY t FROM stdin_x;\n2:1 SQL SELECT 1;\nend 0\n", 0, 0, NULL, false},
    {"not a COPY statement", "SELECT 1 FROM stdin;\nSELECT 2;", 0,
     "1:1 SQL SELECT 1 FROM stdin;\n2:1 SQL SELECT 2;\nend 0\n", 0, 0, NULL, false},
    {"COPY data without its end line", "SELECT 1;\nCOPY public.t (a) FROM stdin;\n1\n2\n", 0,
     "1:1 SQL SELECT 1;\nend -1\n", 2, 1, "COPY data for public.t ends without a \\. line", false},
    {"COPY FROM stdin at end of input", "COPY \"my t\" FROM stdin", 0, "end -1\n", 1, 1,
     "COPY data for \"my t\" ends without a \\. line", false},
    {"CREATE RULE with several actions",
     "CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO a VALUES (1); "
     "INSERT INTO b VALUES (';'));\nSELECT 1;",
     0,
     "1:1 SQL CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO a VALUES (1); "
     "INSERT INTO b VALUES (';'));\n2:1 SQL SELECT 1;\nend 0\n",
     0, 0, NULL, false},
    {"an extra ) does not stick", "SELECT 1);\nSELECT 2;", 0,
     "1:1 SQL SELECT 1);\n2:1 SQL SELECT 2;\nend 0\n", 0, 0, NULL, false},
    {"parentheses in strings and comments do not count",
     "SELECT '(' /* ( */ -- (\n;\nSELECT \"(\";SELECT $$($$;", 0,
     "1:1 SQL SELECT '(' /* ( */ -- (\n;\n3:1 SQL SELECT \"(\";\n3:12 SQL SELECT $$($$;\nend "
     "0\n",
     0, 0, NULL, false},
    {"BEGIN ATOMIC function body",
     "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\n SELECT CASE "
     "WHEN true THEN 1 END;\nEND;\nSELECT 2;",
     0,
     "1:1 SQL CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\n "
     "SELECT CASE WHEN true THEN 1 END;\nEND;\n6:1 SQL SELECT 2;\nend 0\n",
     0, 0, NULL, false},
    {"CREATE OR REPLACE PROCEDURE body",
     "create or replace procedure p() begin atomic insert into t values (1); end;select 1;", 0,
     "1:1 SQL create or replace procedure p() begin atomic insert into t values (1); "
     "end;\n1:76 SQL select 1;\nend 0\n",
     0, 0, NULL, false},
    {"a transaction BEGIN is a statement", "BEGIN;\nSELECT 1;\nEND;", 0,
     "1:1 SQL BEGIN;\n2:1 SQL SELECT 1;\n3:1 SQL END;\nend 0\n", 0, 0, NULL, false},
    {"CRLF line ends", "SELECT 1;\r\nSELECT\r\n 2;\r\n", 0,
     "1:1 SQL SELECT 1;\n2:1 SQL SELECT\r\n 2;\nend 0\n", 0, 0, NULL, false},
    {"columns after multi-line comments, strings and quotes",
     "/* a\n b */ SELECT 1 /* c\nd */; SELECT 'x\ny'; SELECT E'\\\n'; SELECT \"p\nq\"; "
     "SELECT $$\n$$; SELECT 1 -- e\n; SELECT 2;",
     0,
     "2:7 SQL SELECT 1 /* c\nd */;\n3:7 SQL SELECT 'x\ny';\n4:5 SQL SELECT E'\\\n';\n5:4 SQL "
     "SELECT \"p\nq\";\n6:5 SQL SELECT $$\n$$;\n7:5 SQL SELECT 1 -- e\n;\n8:3 SQL SELECT "
     "2;\nend 0\n",
     0, 0, NULL, false},
    {"columns count bytes", "SELECT 'é'; SELECT 2;", 0,
     "1:1 SQL SELECT 'é';\n1:14 SQL SELECT 2;\nend 0\n", 0, 0, NULL, false},
    {"byte-order mark", "\xEF\xBB\xBFSELECT 1;\nSELECT 2;", 0,
     "1:1 SQL SELECT 1;\n2:1 SQL SELECT 2;\nend 0\n", 0, 0, NULL, true},
    {"byte-order mark alone", "\xEF\xBB\xBF", 0, "end 0\n", 0, 0, NULL, true},
    {"trailing statement without semicolon", "SELECT 1;\nSELECT 2\n\n", 0,
     "1:1 SQL SELECT 1;\n2:1 SQL SELECT 2\nend 0\n", 0, 0, NULL, false},
    {"trailing statement ending in a comment", "SELECT 1 -- c", 0, "1:1 SQL SELECT 1 -- c\nend 0\n",
     0, 0, NULL, false},
    {"trailing statement ending in a lone $", "SELECT $", 0, "1:1 SQL SELECT $\nend 0\n", 0, 0,
     NULL, false},
    {"trailing comments only", "SELECT 1;\n-- end\n/* x */\n", 0, "1:1 SQL SELECT 1;\nend 0\n", 0,
     0, NULL, false},
    {"empty statements are nothing", "SELECT 1;;\n; ;\n-- c\n/* d */ ;\nSELECT 2;", 0,
     "1:1 SQL SELECT 1;\n5:1 SQL SELECT 2;\nend 0\n", 0, 0, NULL, false},
    {"a hint attaches to the one statement after it",
     "--\n-- Name: t; Type: TABLE; Schema: public; Owner: app\n--\n\nCREATE TABLE t ();\n\n"
     "ALTER TABLE t OWNER TO app;\n\n--\n-- Data for Name: t; Type: TABLE DATA; Schema: "
     "public; Owner: app\n--\n\nCOPY t FROM stdin;\n\\.\n-- just a comment\nSELECT 1;\r\n"
     "-- Name: v; Type: VIEW; Schema: public; Owner: app\r\n\\unrestrict x",
     0,
     "5:1 SQL CREATE TABLE t (); #hint=Name: t; Type: TABLE; Schema: public; Owner: app\n"
     "7:1 SQL ALTER TABLE t OWNER TO app;\n"
     "13:1 SQL COPY t FROM stdin; #rows=0 #hint=Data for Name: t; Type: TABLE DATA; "
     "Schema: public; Owner: app\n"
     "16:1 SQL SELECT 1;\n"
     "18:1 META \\unrestrict x #hint=Name: v; Type: VIEW; Schema: public; Owner: app\n"
     "end 0\n",
     0, 0, NULL, false},
    {"\\connect ends a hint",
     "-- Name: t; Type: TABLE; Schema: public; Owner: app\nSELECT 1;\n\\connect db2\nSELECT 2;\n"
     "-- Name: u; Type: TABLE; Schema: public; Owner: app\n\\c db3\n\\cd x\nSELECT 3;",
     0,
     "2:1 SQL SELECT 1; #hint=Name: t; Type: TABLE; Schema: public; Owner: app\n"
     "3:1 META \\connect db2\n4:1 SQL SELECT 2;\n6:1 META \\c db3\n7:1 META \\cd x\n8:1 SQL SELECT "
     "3;\nend 0\n",
     0, 0, NULL, false},
    {"comments inside statements are not hints",
     "SELECT 1\n-- Name: x; Type: TABLE; Schema: public; Owner: app\n;SELECT 2;", 0,
     "1:1 SQL SELECT 1\n-- Name: x; Type: TABLE; Schema: public; Owner: app\n;\n3:2 SQL "
     "SELECT 2;\nend 0\n",
     0, 0, NULL, false},
    {"old-style hint", "-- Name: books Type: TABLE Owner: postgres\nCREATE TABLE books ();", 0,
     "2:1 SQL CREATE TABLE books (); #hint=Name: books Type: TABLE Owner: postgres\nend 0\n", 0, 0,
     NULL, false},
    {"unterminated string", "SELECT 1;\nSELECT 'abc;\n", 0, "1:1 SQL SELECT 1;\nend -1\n", 2, 8,
     "unterminated quoted string starting here", false},
    {"unterminated E string after a backslash", "SELECT E'abc\\", 0, "end -1\n", 1, 9,
     "unterminated quoted string starting here", false},
    {"unterminated quoted identifier", "SELECT \"abc;", 0, "end -1\n", 1, 8,
     "unterminated quoted identifier starting here", false},
    {"unterminated dollar quote", "SELECT 1;\n  SELECT $body$ x; $body", 0,
     "1:1 SQL SELECT 1;\nend -1\n", 2, 10,
     "unterminated dollar-quoted string ($body$) starting here", false},
    {"unterminated empty dollar quote", "SELECT $$ x;", 0, "end -1\n", 1, 8,
     "unterminated dollar-quoted string ($$) starting here", false},
    {"unterminated nested comment", "SELECT 1 /* /* */ ;", 0, "end -1\n", 1, 10,
     "unterminated /* comment starting here", false},
    {"unterminated comment between statements", "SELECT 1;\n /* x", 0,
     "1:1 SQL SELECT 1;\nend -1\n", 2, 2, "unterminated /* comment starting here", false},
    {"NUL in a statement", "SELECT 1;\nSEL\0ECT 2;", 20, "1:1 SQL SELECT 1;\nend -1\n", 2, 4,
     "NUL byte in input", false},
    {"NUL in a string", "SELECT 'a\0';", 13, "end -1\n", 1, 10, "NUL byte in input", false},
    {"NUL in a dollar quote", "SELECT $$a\0$$;", 15, "end -1\n", 1, 11, "NUL byte in input", false},
    {"NUL in a comment between statements", "-- ab\0c\nSELECT 1;", 17, "end -1\n", 1, 6,
     "NUL byte in input", false},
    {"NUL in a comment in a statement", "SELECT 1 -- ab\0c\n;", 18, "end -1\n", 1, 15,
     "NUL byte in input", false},
    {"NUL in a meta-command", "\\connect a\0b\n", 13, "end -1\n", 1, 11, "NUL byte in input",
     false},
    {"NUL between statements", "SELECT 1;\n\0", 11, "1:1 SQL SELECT 1;\nend -1\n", 2, 1,
     "NUL byte in input", false},
};

static size_t case_len(const struct split_case *c)
{
	return c->len ? c->len : strlen(c->input);
}

/* Failures are counted so that one run shows every failing case. */
static int failures;

static void check_diag(const struct split_case *c, const char *path, const char *diag, int shift)
{
	if (c->err_msg == NULL) {
		if (diag[0] != '\0') {
			print_error("case \"%s\": unexpected diagnostics: %s", c->name, diag);
			failures++;
		}
		return;
	}
	char want[512];
	snprintf(want, sizeof(want), "%s:%d:%d: error: %s\n", path, c->err_line + shift, c->err_col,
		 c->err_msg);
	if (strstr(diag, want) == NULL) {
		print_error("case \"%s\": wanted diagnostic\n  %s got\n  %s", c->name, want, diag);
		failures++;
	}
}

static void test_table(void **state)
{
	failures = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct split_case *c = &cases[i];
		char *diag, *path;
		char *got = render(c->input, case_len(c), 0, &diag, &path);
		if (strcmp(got, c->expect) != 0) {
			print_error("case \"%s\":\n--- expected\n%s--- got\n%s", c->name, c->expect,
				    got);
			failures++;
		}
		check_diag(c, path, diag, 0);
		free(got);
		free(diag);
		free(path);
	}
	assert_int_equal(failures, 0);
}

/*
 * Each case again, after a comment line that ends k bytes before the
 * first chunk boundary, for every k across the case: whatever token the
 * boundary cuts must split the same way.  The results are one line lower.
 * The padding's first bytes never change, so only the tail is rewritten.
 */
static void test_table_across_chunk_boundary(void **state)
{
	failures = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct split_case *c = &cases[i];
		if (c->no_pad)
			continue;
		size_t len = case_len(c);
		size_t fixed = CHUNK - len - 1; /* padding bytes common to every k */
		char *head = xmalloc(fixed);
		memcpy(head, "--", 2);
		memset(head + 2, 'x', fixed - 2);
		char *path = write_temp(head, fixed);
		free(head);
		int fd = open(path, O_WRONLY);
		assert_true(fd >= 0);
		char *tail = xmalloc(2 * len + 1);
		for (size_t k = 0; k <= len; k++) {
			/* The padding is CHUNK - k bytes; the case starts right after. */
			memset(tail, 'x', len - k);
			tail[len - k] = '\n';
			memcpy(tail + len - k + 1, c->input, len);
			size_t n = 2 * len - k + 1;
			assert_int_equal(pwrite(fd, tail, n, (off_t)fixed), (ssize_t)n);
			assert_int_equal(ftruncate(fd, (off_t)(fixed + n)), 0);

			int rc;
			free(diags_take());
			char *got = render_file(path, 1, &rc);
			char *diag = diags_take();
			if (strcmp(got, c->expect) != 0) {
				print_error(
				    "case \"%s\" cut at byte %zu:\n--- expected\n%s--- got\n%s",
				    c->name, k, c->expect, got);
				failures++;
			}
			check_diag(c, path, diag, 1);
			free(got);
			free(diag);
		}
		close(fd);
		unlink(path);
		free(path);
		free(tail);
	}
	assert_int_equal(failures, 0);
}

/* ---- inputs larger than a chunk --------------------------------------- */

static void test_copy_many_rows(void **state)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "SELECT 0;\nCOPY public.big (id, v) FROM stdin;\n");
	const long rows = 100000;
	for (long r = 0; r < rows; r++)
		sb_printf(&sb, "%ld\tvalue; with 'quote' and \"dq\" and $$ and /* -- \\\\.\n", r);
	sb_append(&sb, "\\.\n\n  SELECT 1;\n");
	assert_true(sb.len > 4 * CHUNK);

	char *got = render(sb.data, sb.len, 0, NULL, NULL);
	char want[256];
	snprintf(want, sizeof(want),
		 "1:1 SQL SELECT 0;\n2:1 SQL COPY public.big (id, v) FROM stdin; #rows=%ld\n"
		 "%ld:3 SQL SELECT 1;\nend 0\n",
		 rows, rows + 5);
	assert_string_equal(got, want);
	free(got);
	sb_free(&sb);
}

/* A function body several chunks long comes out byte for byte. */
static void test_long_statement(void **state)
{
	struct strbuf body, in;
	sb_init(&body);
	sb_init(&in);
	sb_append(&body, "CREATE FUNCTION f() RETURNS void AS $fn$\n");
	for (int i = 0; i < 20000; i++)
		sb_printf(&body, "  PERFORM 'x;%d', $$;$$; -- ; $fn\n", i);
	sb_append(&body, "$fn$ LANGUAGE plpgsql;");
	assert_true(body.len > 3 * CHUNK);
	sb_printf(&in, "%s\nSELECT 1;\n", body.data);

	char *path = write_temp(in.data, in.len);
	struct input *inp = input_open(path, &diags);
	assert_non_null(inp);
	struct splitter *sp = split_new(inp, &diags);
	struct stmt st;
	assert_int_equal(split_next(sp, &st), 1);
	assert_int_equal(st.len, body.len);
	assert_memory_equal(st.text, body.data, body.len);
	assert_int_equal(st.line, 1);
	assert_int_equal(split_next(sp, &st), 1);
	assert_string_equal(st.text, "SELECT 1;");
	assert_int_equal(st.line, 20003);
	assert_int_equal(split_next(sp, &st), 0);
	split_free(sp);
	input_close(inp);
	unlink(path);
	free(path);
	sb_free(&body);
	sb_free(&in);
}

/* Write data gzip-compressed to a temporary file, repeated `times` times. */
static char *write_temp_gz(const char *data, size_t len, long times)
{
	char *path = xstrdup("/tmp/pgb-test-split-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	gzFile gz = gzopen(path, "wb1");
	assert_non_null(gz);
	for (long i = 0; i < times; i++)
		assert_int_equal(gzwrite(gz, data, (unsigned)len), (int)len);
	assert_int_equal(gzclose(gz), Z_OK);
	return path;
}

/* A gzip dump splits exactly like the same dump uncompressed. */
static void test_gzip_same_as_plain(void **state)
{
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < 3000; i++) {
		sb_printf(&sb,
			  "--\n-- Name: t%d; Type: TABLE; Schema: public; Owner: app\n--\n\n"
			  "CREATE TABLE public.t%d (a text DEFAULT 'x;y', \"b;\" int);\n\n",
			  i, i);
		if (i % 100 == 0)
			sb_printf(&sb, "COPY public.t%d (a) FROM stdin;\na;b\n'c\n\\.\n\n", i);
	}
	char *plain = render(sb.data, sb.len, 0, NULL, NULL);
	char *gz_path = write_temp_gz(sb.data, sb.len, 1);
	int rc;
	char *gz = render_file(gz_path, 0, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(gz, plain);
	assert_non_null(strstr(plain,
			       "CREATE TABLE public.t2900 (a text DEFAULT 'x;y', \"b;\" int); "
			       "#hint=Name: t2900;"));
	/* The COPY has no header of its own. */
	assert_non_null(strstr(plain, "COPY public.t2900 (a) FROM stdin; #rows=2\n"));
	unlink(gz_path);
	free(gz_path);
	free(plain);
	free(gz);
	sb_free(&sb);
}

static void test_statement_too_long(void **state)
{
	static char block[1 << 20];
	memset(block, 'a', sizeof(block));
	char *path = xstrdup("/tmp/pgb-test-split-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	gzFile gz = gzopen(path, "wb1");
	assert_non_null(gz);
	gzputs(gz, "SELECT 1;\nSELECT '");
	/* One string a MiB longer than the limit. */
	for (size_t i = 0; i <= PGB_MAX_STATEMENT_BYTES / sizeof(block); i++)
		assert_int_equal(gzwrite(gz, block, sizeof(block)), (int)sizeof(block));
	gzputs(gz, "';\n");
	assert_int_equal(gzclose(gz), Z_OK);

	int rc;
	free(diags_take());
	char *got = render_file(path, 0, &rc);
	char *diag = diags_take();
	assert_string_equal(got, "1:1 SQL SELECT 1;\nend -1\n");
	char want[256];
	snprintf(want, sizeof(want), "%s:2:1: error: statement is longer than the limit of", path);
	assert_non_null(strstr(diag, want));
	unlink(path);
	free(path);
	free(got);
	free(diag);
}

/* A failing input (here a truncated gzip stream) makes split_next fail too. */
static void test_input_error(void **state)
{
	const char *sql = "SELECT 1;\nSELECT 2;\n";
	char *path = write_temp_gz(sql, strlen(sql), 1);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char buf[256];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	unlink(path);
	free(path);
	char *cut = write_temp(buf, n - 6); /* lose part of the trailer */
	int rc;
	free(diags_take());
	char *got = render_file(cut, 0, &rc);
	char *diag = diags_take();
	assert_int_equal(rc, -1);
	assert_non_null(strstr(got, "end -1\n"));
	assert_non_null(strstr(diag, "truncated gzip stream"));
	unlink(cut);
	free(cut);
	free(got);
	free(diag);
}

/* Split a whole text and return the versions its header comments name. */
static void versions_of(const char *text, struct arena *a, const char **by, const char **from)
{
	char *path = write_temp(text, strlen(text));
	struct input *in = input_open(path, &diags);
	assert_non_null(in);
	struct splitter *sp = split_new(in, &diags);
	struct stmt st;
	int rc;
	while ((rc = split_next(sp, &st)) == 1)
		;
	assert_int_equal(rc, 0);
	split_dump_versions(sp, by, from, a);
	split_free(sp);
	input_close(in);
	unlink(path);
	free(path);
}

static void test_dump_versions(void **state)
{
	struct arena *a = arena_new();
	const char *by, *from;

	versions_of("--\n-- PostgreSQL database dump\n--\n\n\\restrict k\n\n"
		    "-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)\r\n"
		    "-- Dumped by pg_dump version 16.2\n\nSET x = 1;\n"
		    "-- Dumped from database version 9.6\n",
		    a, &by, &from);
	assert_string_equal(by, "16.2");
	assert_string_equal(from, "15.18 (Debian 15.18-0+deb12u1)");

	/* Only comments between statements count; none here. */
	versions_of("SELECT 1\n-- Dumped by pg_dump version 16.2\n;\n-- Dumped by pg_dump\n", a,
		    &by, &from);
	assert_null(by);
	assert_null(from);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table),
	    cmocka_unit_test(test_table_across_chunk_boundary),
	    cmocka_unit_test(test_copy_many_rows),
	    cmocka_unit_test(test_long_statement),
	    cmocka_unit_test(test_gzip_same_as_plain),
	    cmocka_unit_test(test_statement_too_long),
	    cmocka_unit_test(test_input_error),
	    cmocka_unit_test(test_dump_versions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
