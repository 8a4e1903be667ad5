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
 * input (invalid bytes become \udcNN surrogate escapes, as Python's surrogateescape). */
void quote_python_literal(struct strbuf *out, const char *s);
/* Text safe inside a """docstring""" (no closing quotes, no escapes that change it):
 * backslashes doubled, '"' escaped where three would meet, control characters as \xNN. */
void quote_python_docstring_text(struct strbuf *out, const char *s);
/* A SQL string literal, standard_conforming_strings on: '...' with '' doubling;
 * an E'' literal when the text holds control characters. */
void quote_sql_literal(struct strbuf *out, const char *s);
/* A SQL identifier, quoted only when needed (sqlident.h). */
void quote_sql_ident(struct strbuf *out, const char *s);

#endif /* PGB_TEXTQUOTE_H */
