/*
 * textquote.c
 *	  Quoting text from a dump for the languages pgbaseline writes: Python
 *	  string literals and docstrings, SQL literals and identifiers.
 *
 *	  Which characters are unsafe is decided once, by escape_char() (escape.h):
 *	  control characters, DEL, bytes that are not valid UTF-8, C1
 *	  controls, line and paragraph separators and invisible or
 *	  bidirectional formatting characters ("Trojan Source").  Each target
 *	  then writes them in its own escape syntax; every other character,
 *	  non-ASCII included, is written as it is.
 */
#include "textquote.h"

#include "escape.h"
#include "sqlident.h"

#include <string.h>

/* A byte escape_char() escaped because it does not start valid UTF-8. */
static bool is_invalid_byte(const char *s, size_t len, const char *esc)
{
	return esc[0] != '\0' && len == 1 && (unsigned char)s[0] >= 0x80;
}

/*
 * Python.  escape_char()'s escapes ("\n", "\t", "\r", "\x07", "\u202e") are
 * valid Python escapes that denote the same character, so they are
 * written as they are.
 */

void quote_python_literal(struct strbuf *out, const char *s)
{
	char esc[ESCAPE_MAX];

	sb_putc(out, '\'');
	while (*s) {
		size_t len = escape_char(s, esc);
		if (is_invalid_byte(s, len, esc))
			/* What Python's surrogateescape decoding makes of the byte. */
			sb_printf(out, "\\udc%02x", (unsigned char)s[0]);
		else if (esc[0] != '\0')
			sb_append(out, esc);
		else if (*s == '\\' || *s == '\'') {
			sb_putc(out, '\\');
			sb_putc(out, *s);
		} else
			sb_append_len(out, s, len);
		s += len;
	}
	sb_putc(out, '\'');
}

/*
 * Inside a non-raw """docstring""", the text reads back from __doc__
 * exactly: backslashes are doubled, unsafe characters are written as the
 * escapes that denote them, and a '"' is written \" when it could help
 * close the string: when another '"' follows it, or it is the last
 * character (the closing quotes, or more quoted text, may follow).  So
 * the result never ends in an unescaped quote and holds no two adjacent
 * ones, and however such pieces and quote-free text are put together no
 * three unescaped quotes can meet.  (A quote first in the text is safe
 * even right after the opening quotes: """"x""" is the string '"x'.)
 *
 * Bytes that are not valid UTF-8 have no exact form a reader can print
 * (a lone surrogate makes print() fail), so they are shown as the visible
 * text \xNN instead.
 */
/* One character of docstring text, quotes aside; returns its length. */
static size_t docstring_char(struct strbuf *out, const char *s)
{
	char esc[ESCAPE_MAX];
	size_t len = escape_char(s, esc);

	if (is_invalid_byte(s, len, esc))
		sb_printf(out, "\\\\x%02x", (unsigned char)s[0]);
	else if (esc[0] != '\0')
		sb_append(out, esc);
	else if (*s == '\\')
		sb_append(out, "\\\\");
	else
		sb_append_len(out, s, len);
	return len;
}

void quote_python_docstring_text(struct strbuf *out, const char *s)
{
	while (*s) {
		if (*s == '"' && (s[1] == '\0' || s[1] == '"')) {
			sb_append(out, "\\\"");
			s++;
		} else {
			s += docstring_char(out, s);
		}
	}
}

void quote_python_docstring_piece(struct strbuf *out, const char *s)
{
	while (*s)
		s += docstring_char(out, s);
}

/*
 * Pieces hold a backslash only in pairs (\\) or in escapes that end in
 * a letter or digit (\n, \x07, \u202e), and pgbaseline's own text holds
 * none, so every '"' of a line follows an even run of backslashes: a
 * backslash put before it escapes the quote and nothing else.
 */
void quote_python_docstring_line(struct strbuf *out, const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (line[i] == '"' && i + 1 < len && line[i + 1] == '"')
			sb_putc(out, '\\');
		sb_putc(out, line[i]);
	}
}

/*
 * SQL.  A standard literal, where a backslash is an ordinary character and
 * a quote is doubled; control characters, which a literal could hold but a
 * reader would not see (and a console would act on), are written as
 * pg_catalog.chr(N) joined with || to the literal pieces around them, the
 * whole in parentheses: ('a' || pg_catalog.chr(10) || 'b').  No E'' string
 * and no backslash escape: in an E'' string a client encoding such as
 * SJIS, BIG5 or GBK, whose second bytes include 0x5c, can take the byte
 * before a backslash and the backslash as one character, and the escape
 * then eats the closing quote.  A quote byte (0x27) is never the second
 * byte of a character in any encoding PostgreSQL accepts from a client,
 * so a standard literal ends where it was meant to end.  It needs
 * standard_conforming_strings on, which the SQL pgbaseline writes sets.
 * Bytes beyond ASCII, valid UTF-8 or not, are written as the dump had
 * them: the literal then holds what the dump's own literal held.
 */

static bool is_control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

static bool has_control_chars(const char *s)
{
	for (; *s; s++)
		if (is_control((unsigned char)*s))
			return true;
	return false;
}

void quote_sql_literal(struct strbuf *out, const char *s)
{
	if (!has_control_chars(s)) {
		sb_putc(out, '\'');
		for (; *s; s++) {
			if (*s == '\'')
				sb_putc(out, '\'');
			sb_putc(out, *s);
		}
		sb_putc(out, '\'');
		return;
	}
	bool in_literal = false;
	sb_putc(out, '(');
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (is_control(c)) {
			if (in_literal)
				sb_putc(out, '\'');
			if (p != s)
				sb_append(out, " || ");
			sb_printf(out, "pg_catalog.chr(%u)", c);
			in_literal = false;
			continue;
		}
		if (!in_literal) {
			if (p != s)
				sb_append(out, " || ");
			sb_putc(out, '\'');
			in_literal = true;
		}
		if (c == '\'')
			sb_putc(out, '\'');
		sb_putc(out, *p);
	}
	if (in_literal)
		sb_putc(out, '\'');
	sb_putc(out, ')');
}

void quote_sql_ident(struct strbuf *out, const char *s)
{
	if (!sqlident_needs_quotes(s)) {
		sb_append(out, s);
		return;
	}
	sb_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			sb_putc(out, '"');
		sb_putc(out, *s);
	}
	sb_putc(out, '"');
}

void quote_sql_comment_text(struct strbuf *out, const char *s)
{
	char esc[ESCAPE_MAX];
	while (*s) {
		size_t len = escape_char(s, esc);
		if (esc[0])
			sb_append(out, esc);
		else
			sb_append_len(out, s, len);
		s += len;
	}
}
