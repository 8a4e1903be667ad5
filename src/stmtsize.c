/*
 * stmtsize.c
 *	  How large a statement is, counted from its text before the parse.
 *
 * The parser builds a tree whose size follows the number of tokens, and a
 * 30 MB statement of `IN (1,1,...)` would cost gigabytes before anything
 * could measure the tree (pgparse.c does that after the parse, for depth
 * and node count).  So the tokens are counted first, the way PostgreSQL's
 * lexer splits them: a word, a number, an operator or a punctuation mark
 * is a token, and so is a whole quoted string, quoted name or
 * dollar-quoted body; comments and what is inside quotes are never
 * counted.  Where this reads a token differently from the lexer, it counts
 * more (a number then ".5", a parameter $1 as two), never fewer.  The
 * quoting must be read exactly as the lexer reads it (a statement that
 * hid its tokens from this count would reach the parser unbounded): a
 * backslash escapes in E'...', and in '...' and N'...' too while
 * standard_conforming_strings is off, but never in B'...', X'...', U&'...'
 * or a quoted name.
 */
#include "stmtsize.h"

#include <stdlib.h>
#include <string.h>

static bool ident_char(unsigned char c)
{
	return c == '_' || c >= 0x80 || (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Past the end of a quoted string or name that starts at s[i] (the quote). */
static size_t skip_quoted(const char *s, size_t len, size_t i, bool backslashes)
{
	char q = s[i++];

	while (i < len) {
		if (backslashes && s[i] == '\\' && i + 1 < len) {
			i += 2;
		} else if (s[i] == q) {
			if (i + 1 < len && s[i + 1] == q)
				i += 2;
			else
				return i + 1;
		} else {
			i++;
		}
	}
	return len;
}

/*
 * Past a $tag$...$tag$ string starting at s[i], or i itself when s[i]
 * starts none.  Only called where a token starts: a $ inside a name
 * (a$b) is part of the name.
 */
static size_t skip_dollar(const char *s, size_t len, size_t i)
{
	size_t t = i + 1;

	if (t < len && s[t] >= '0' && s[t] <= '9')
		return i; /* a $1 parameter */
	while (t < len && ident_char((unsigned char)s[t]))
		t++;
	if (t >= len || s[t] != '$')
		return i;
	size_t tag = t + 1 - i;
	for (size_t j = t + 1; j + tag <= len; j++)
		if (memcmp(s + j, s + i, tag) == 0)
			return j + tag;
	return len;
}

/* Past a comment starting at s[i] (-- or a nested slash-star), or i when none. */
static size_t skip_comment(const char *s, size_t len, size_t i)
{
	if (i + 1 < len && s[i] == '-' && s[i + 1] == '-') {
		while (i < len && s[i] != '\n')
			i++;
		return i;
	}
	if (i + 1 < len && s[i] == '/' && s[i + 1] == '*') {
		int open = 0;
		while (i < len) {
			if (i + 1 < len && s[i] == '/' && s[i + 1] == '*') {
				open++;
				i += 2;
			} else if (i + 1 < len && s[i] == '*' && s[i + 1] == '/') {
				i += 2;
				if (--open == 0)
					return i;
			} else {
				i++;
			}
		}
		return len;
	}
	return i;
}

/*
 * Whether a backslash escapes in the quoted string that starts at s[i] (a
 * single quote): always after an E prefix, after none (or N) only when
 * standard_conforming_strings is off, never after B, X or U&.
 */
static bool backslash_escapes(const char *s, size_t i, bool standard_strings)
{
	if (i >= 2 && s[i - 1] == '&' && (s[i - 2] | 0x20) == 'u' &&
	    (i == 2 || !(ident_char((unsigned char)s[i - 3]) || s[i - 3] == '$')))
		return false; /* U&'...' */
	if (i == 0 || !ident_char((unsigned char)s[i - 1]))
		return !standard_strings; /* no prefix */
	if (i >= 2 && (ident_char((unsigned char)s[i - 2]) || s[i - 2] == '$'))
		return !standard_strings; /* a longer word before it: no prefix of the string's */
	switch (s[i - 1] | 0x20) {
	case 'e':
		return true;
	case 'b':
	case 'x':
		return false; /* B'...', X'...' */
	default:
		return !standard_strings; /* N'...', or a one-letter name before a string */
	}
}

long stmtsize_tokens_over(const char *s, size_t len, bool standard_strings, unsigned long max)
{
	static const char opchars[] = "+-*/<>=~!@#%^&|`?:";
	unsigned long tokens = 0;
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t next = skip_comment(s, len, i);

		if (next != i || c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' ||
		    c == '\v') {
			i = next != i ? next : i + 1;
			continue;
		}
		size_t at = i;
		if (c == '\'') {
			i = skip_quoted(s, len, i, backslash_escapes(s, i, standard_strings));
		} else if (c == '"') {
			i = skip_quoted(s, len, i, false);
		} else if (c == '$' && (next = skip_dollar(s, len, i)) != i) {
			i = next;
		} else if (ident_char(c)) {
			/* a name goes on over $ (a$b); a number stops there (1$a$...$a$) */
			bool number = c >= '0' && c <= '9';
			while (i < len &&
			       (ident_char((unsigned char)s[i]) || (!number && s[i] == '$')))
				i++;
		} else if (strchr(opchars, c) != NULL) {
			/* one operator, however many characters; a comment start ends it */
			i++;
			while (i < len && strchr(opchars, s[i]) != NULL &&
			       skip_comment(s, len, i) == i)
				i++;
		} else {
			i++; /* punctuation: ( ) [ ] , ; . $1 and the rest, one byte each */
		}
		if (++tokens > max)
			return (long)at;
	}
	return -1;
}
