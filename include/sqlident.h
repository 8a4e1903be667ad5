/*
 * sqlident.h
 *	  SQL identifiers as PostgreSQL's quote_identifier() writes them:
 *	  bare when the name is lower-case letters, digits and underscores,
 *	  starts with a letter or underscore, and is no keyword that would need
 *	  quoting; double-quoted (with "" for ") otherwise.  Keyword status comes
 *	  from libpg_query's own scanner, so it matches the grammar exactly.
 */
#ifndef PGB_SQLIDENT_H
#define PGB_SQLIDENT_H

#include "arena.h"
#include "pgb.h"

bool sqlident_needs_quotes(const char *name);
/* The identifier, quoted if needed, appended to an arena copy. */
char *sqlident_quote(struct arena *a, const char *name);
/* "schema.name" with each part quoted if needed; schema may be NULL. */
char *sqlident_qualified(struct arena *a, const char *schema, const char *name);

#endif /* PGB_SQLIDENT_H */
