/*
 * escape.h
 *	  Visible escapes for text from a dump, so that a name or comment can
 *	  neither break an output's layout nor hide text from its reader.  The
 *	  one decision of which characters are unsafe, shared by the text and
 *	  Markdown reports, the diagrams, the Python and SQL quoting
 *	  (textquote.c) and the diagnostics.  A low-level module: it calls
 *	  nothing of the project's.
 */
#ifndef PGB_ESCAPE_H
#define PGB_ESCAPE_H

#include <stddef.h>

/* Room for any escape escape_char() writes ("\u202e", "\x07") and its NUL. */
#define ESCAPE_MAX 12

/*
 * The length in bytes (1-4) of the character at s (not at its NUL).  esc
 * gets "" when the character may be written as is, otherwise the visible
 * escape to write instead: "\n", "\t", "\r", "\x07" for other control
 * bytes, DEL and bytes that are not valid UTF-8, "\u202e" for C1
 * controls, line and paragraph separators, and invisible or
 * bidirectional formatting characters.  esc is the caller's.
 */
size_t escape_char(const char *s, char esc[ESCAPE_MAX]);

#endif /* PGB_ESCAPE_H */
