/*
 * textquote.c
 *	  Quoting text from a dump for the languages pgbaseline writes: Python
 *	  string literals and docstrings, SQL literals and identifiers.
 *
 *	  Which characters are unsafe is decided once, by emit_char() (emit.h):
 *	  control characters, DEL, bytes that are not valid UTF-8, C1
 *	  controls, line and paragraph separators and invisible or
 *	  bidirectional formatting characters ("Trojan Source").  Each target
 *	  then writes them in its own escape syntax; every other character,
 *	  non-ASCII included, is written as it is.
 */
#include "textquote.h"

#include "emit.h"
#include "sqlident.h"

#include <string.h>

/* A byte emit_char() escaped because it does not start valid UTF-8. */
static bool is_invalid_byte(const char *s, size_t len, const char *esc)
{
	return esc[0] != '\0' && len == 1 && (unsigned char)s[0] >= 0x80;
}

/*
 * Python.  emit_char()'s escapes ("\n", "\t", "\r", "\x07", "\u202e") are
 * valid Python escapes that denote the same character, so they are
 * written as they are.
 */

void quote_python_literal(struct strbuf *out, const char *s)
{
	char esc[EMIT_ESCAPE_MAX];

	sb_putc(out, '\'');
	while (*s) {
		size_t len = emit_char(s, esc);
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
void quote_python_docstring_text(struct strbuf *out, const char *s)
{
	char esc[EMIT_ESCAPE_MAX];

	while (*s) {
		size_t len = emit_char(s, esc);
		if (is_invalid_byte(s, len, esc))
			sb_printf(out, "\\\\x%02x", (unsigned char)s[0]);
		else if (esc[0] != '\0')
			sb_append(out, esc);
		else if (*s == '\\')
			sb_append(out, "\\\\");
		else if (*s == '"' && (s[1] == '\0' || s[1] == '"'))
			sb_append(out, "\\\"");
		else
			sb_append_len(out, s, len);
		s += len;
	}
}

/*
 * SQL.  Text without control characters is a standard literal, where a
 * backslash is an ordinary character.  Otherwise the literal is an E''
 * string: backslashes are doubled and control characters escaped, with
 * \xNN always written with two digits so that a following hex digit is
 * never taken into the escape.  Bytes beyond ASCII, valid UTF-8 or not,
 * are written as the dump had them: the literal then holds what the
 * dump's own literal held.
 */

static bool has_control_chars(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

void quote_sql_literal(struct strbuf *out, const char *s)
{
	bool e_string = has_control_chars(s);

	sb_append(out, e_string ? "E'" : "'");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\'')
			sb_append(out, "''");
		else if (!e_string)
			sb_putc(out, *s);
		else if (c == '\\')
			sb_append(out, "\\\\");
		else if (c == '\n')
			sb_append(out, "\\n");
		else if (c == '\r')
			sb_append(out, "\\r");
		else if (c == '\t')
			sb_append(out, "\\t");
		else if (c < 0x20 || c == 0x7f)
			sb_printf(out, "\\x%02x", c);
		else
			sb_putc(out, *s);
	}
	sb_putc(out, '\'');
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
