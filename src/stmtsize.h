/*
 * stmtsize.h
 *	  A statement's size in tokens, counted from its text before it is
 *	  parsed, so that the parser never builds a tree of unbounded size.
 *	  The tree's own depth and node count are measured after the parse
 *	  (pgparse.c).
 */
#ifndef PGB_STMTSIZE_H
#define PGB_STMTSIZE_H

#include "pgb.h"

/*
 * The byte offset of the token of statement s (len bytes) past `max`, or
 * -1 when it has no more than `max`.  `standard_strings` is the dump's
 * standard_conforming_strings at the statement: off, a backslash escapes
 * in '...' as it does for the parser.
 */
long stmtsize_tokens_over(const char *s, size_t len, bool standard_strings, unsigned long max);

#endif /* PGB_STMTSIZE_H */
