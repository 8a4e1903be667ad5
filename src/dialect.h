/*
 * dialect.h
 *	  Syntax that pg_dump 16, 17 and 18 (and a few very old versions) write
 *	  but libpg_query's PostgreSQL 15 grammar rejects, rewritten into what
 *	  the 15 grammar accepts.  The builder calls dialect_rewrite() only
 *	  when a statement failed to parse as written; each rule that fired
 *	  sets a flag saying what meaning the rewrite dropped, and leaves a
 *	  site (an offset into the rewritten text) so the builder can put that
 *	  meaning back on the column or constraint it belongs to.
 *
 *	  The rules are regular expressions over the statement text, applied
 *	  only outside string literals ('', E'', U&'', B'', X'', $tag$),
 *	  comments and quoted identifiers: a match that begins or ends inside
 *	  one is left alone, so `DEFAULT 'rule NOT ENFORCED here'` keeps its
 *	  text.  A quoted name or literal the rule itself takes whole (a
 *	  column name, the old quoted language name) is fine.
 */
#ifndef PGB_DIALECT_H
#define PGB_DIALECT_H

#include "pgb.h"

/* What a rule dropped from the statement; keep in sync with dialect.c's rule table. */
enum dialect_flag {
	DIALECT_NOT_NULL_ELEMENT = 1u << 0, /* CREATE TABLE's "[CONSTRAINT n] NOT NULL col" element
					     * (PG 18), removed; site arg is the column */
	DIALECT_NOT_NULL_ADD = 1u << 1,	    /* ALTER TABLE ADD CONSTRAINT n NOT NULL col (PG 18),
					     * now ALTER COLUMN col SET NOT NULL: the name is lost */
	DIALECT_NOT_NULL_NO_INHERIT = 1u << 2, /* NOT NULL ... NO INHERIT on a column (PG 18) */
	DIALECT_VIRTUAL = 1u << 3,	       /* GENERATED ALWAYS AS (...) [VIRTUAL] (PG 18), now
						* STORED; site: the column */
	DIALECT_NOT_ENFORCED = 1u << 4,	    /* CHECK / FOREIGN KEY ... NOT ENFORCED (PG 18); site:
					     * the constraint */
	DIALECT_ENFORCED = 1u << 5,	    /* an explicit ENFORCED (PG 18): nothing lost */
	DIALECT_WITHOUT_OVERLAPS = 1u << 6, /* PRIMARY KEY / UNIQUE (..., c WITHOUT OVERLAPS)
					     * (PG 18); site: the constraint */
	DIALECT_PERIOD = 1u << 7,	    /* FOREIGN KEY (..., PERIOD c) REFERENCES t (...,
					     * PERIOD c) (PG 18); site: the constraint */
	DIALECT_WITH_OIDS = 1u << 8,	    /* CREATE TABLE ... WITH OIDS (PostgreSQL 11 and
					     * older): the OID column is gone */
	DIALECT_OLD_LANGUAGE = 1u << 9,	    /* 7.x CREATE PROCEDURAL LANGUAGE 'name' ...
					     * LANCOMPILER '...': quotes and LANCOMPILER gone */
};

/* Where a rule fired, in the rewritten text. */
struct dialect_site {
	unsigned flag; /* one enum dialect_flag bit */
	size_t offset; /* byte offset in dialect_rewrite.text */
	char *arg;     /* malloc'd: the column of a DIALECT_NOT_NULL_ELEMENT, unquoted; else NULL */
};

struct dialect_rewrite {
	char *text;		    /* malloc'd rewritten statement */
	unsigned flags;		    /* OR of the flags of every rule that fired */
	struct dialect_site *sites; /* malloc'd, in no particular order */
	size_t n_sites;
};

/*
 * Apply every rule to `sql`.  Returns false, with *out zeroed, when no rule
 * changed anything; else true, and *out must be freed with
 * dialect_rewrite_free().
 */
bool dialect_rewrite(const char *sql, bool standard_strings, struct dialect_rewrite *out);
void dialect_rewrite_free(struct dialect_rewrite *rw);

/* Release the compiled patterns at exit. */
void dialect_cleanup(void);

#endif /* PGB_DIALECT_H */
