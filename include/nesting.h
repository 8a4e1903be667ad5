/*
 * nesting.h
 *	  A statement's nesting depth, estimated from its text before it is
 *	  parsed: the tree walks (ours, libpg_query's deparse and protobuf-c's)
 *	  recurse without a depth check, so a statement nested too deeply must
 *	  never reach them.
 */
#ifndef PGB_NESTING_H
#define PGB_NESTING_H

#include "pgb.h"

/*
 * The byte offset where the estimated depth of statement s first exceeds
 * PGB_MAX_NESTING, or -1 when it never does.
 */
long nesting_over(const char *s, size_t len);

#endif /* PGB_NESTING_H */
