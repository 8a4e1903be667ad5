/*
 * datascan.h
 *	  Reading a dump's data without parsing it (datascan.c): the first
 *	  value of COPY data and pg_dump's INSERTs.  A low-level module: it
 *	  calls nothing of the project's but the arena and the strbuf.
 */
#ifndef PGB_DATASCAN_H
#define PGB_DATASCAN_H

#include "pgb.h"

struct arena;
/*
 * The first value of a line of COPY data (text format: up to the first tab,
 * backslash escapes decoded, at most 128 bytes), copied into `a`; NULL for
 * \N or a value holding a NUL byte.
 */
const char *datascan_copy_value(struct arena *a, const char *first_row);

/* What datascan_insert found; the caller inits and frees the strbufs. */
struct datascan_insert {
	struct strbuf schema; /* the target's schema, empty when unqualified */
	struct strbuf name;
	struct strbuf value; /* the first row's first value (at most 128 bytes), */
	bool have_value;     /* when it is a literal or a word other than NULL */
};

/*
 * One INSERT of the forms pg_dump writes (INSERT INTO t [(cols)]
 * [OVERRIDING ... VALUE] VALUES (...), ...;), scanned without a parse,
 * string literals read with backslash escapes unless std_strings: its
 * rows, or -1 when the text is not such an INSERT.
 */
long long datascan_insert(const char *text, size_t len, bool std_strings,
			  struct datascan_insert *out);

#endif /* PGB_DATASCAN_H */
