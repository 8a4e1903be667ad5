/*
 * textquote.h
 *	  One quoting function per target language, so that text from a dump
 *	  (names, comments, expressions) means exactly what it says wherever it
 *	  is written: Python string literals and docstrings, SQL literals and
 *	  identifiers.
 */
#ifndef PGB_TEXTQUOTE_H
#define PGB_TEXTQUOTE_H

#include "pgb.h"

/* A Python str literal: '...' with \\, \', \n, \r, \t, \xNN, \uNNNN escapes; valid for any UTF-8
 * input (invalid bytes become \udcNN surrogate escapes, as Python's surrogateescape).
 * Printable non-ASCII is written as is; invisible and bidirectional formatting characters,
 * C1 controls and line separators are \u-escaped (escape_char() in escape.h decides). */
void quote_python_literal(struct strbuf *out, const char *s);
/* Text safe inside a non-raw """docstring""" that reads back from __doc__ exactly: backslashes
 * doubled, '"' escaped where quotes could meet (before another '"', or last), control
 * and formatting characters as the escapes \n, \r, \t, \xNN, \uNNNN that denote them.  Bytes
 * that are not valid UTF-8 cannot be read back exactly; __doc__ shows them as the text \xNN. */
void quote_python_docstring_text(struct strbuf *out, const char *s);
/*
 * The same in two steps, for a docstring built from pieces: pieces go
 * through quote_python_docstring_piece() (everything but '"'), and each
 * whole line through quote_python_docstring_line(), which escapes a '"'
 * only where another follows it.  A line that ends the docstring must
 * end in a newline (so no quote meets the closing ones); then a name
 * like "Album" reads "Album" in the source too, not "Album\".
 */
void quote_python_docstring_piece(struct strbuf *out, const char *s);
void quote_python_docstring_line(struct strbuf *out, const char *line, size_t len);
/* A SQL string literal for standard_conforming_strings on: '...' with '' doubling and no
 * backslash escape, so no client encoding can end it early; control characters as
 * pg_catalog.chr(N) pieces: ('a' || pg_catalog.chr(10) || 'b').  An expression, not
 * always one token. */
void quote_sql_literal(struct strbuf *out, const char *s);
/* Text inside a SQL -- comment: control and invisible characters as the visible escapes of
 * escape_char() (escape.h), so that no name can end the comment or hide from its reader. */
void quote_sql_comment_text(struct strbuf *out, const char *s);
/* A SQL identifier, quoted only when needed (sqlident.h). */
void quote_sql_ident(struct strbuf *out, const char *s);

#endif /* PGB_TEXTQUOTE_H */
