/*
 * facts.h
 *	  The facts every text-like output shows about a constraint, a foreign
 *	  key's actions and an index, decided in one place: which clauses
 *	  appear (NO ACTION, MATCH SIMPLE and btree are the defaults and are
 *	  left out), in which order, with which SQL keyword.  The text report,
 *	  the Markdown document, the revision docstring and the diagrams only
 *	  escape and decorate what these functions return.
 *
 *	  Every string returned points into the model or is static; nothing
 *	  is allocated.
 */
#ifndef PGB_FACTS_H
#define PGB_FACTS_H

#include "model.h"

#include <stdbool.h>
#include <stddef.h>

/* s, or "" for NULL: a name that the model may lack. */
const char *facts_nz(const char *s);

enum fact_kind {
	FACT_MATCH,		 /* MATCH FULL / PARTIAL */
	FACT_ON_DELETE,		 /* ON DELETE CASCADE ... */
	FACT_ON_UPDATE,		 /* ON UPDATE ... */
	FACT_TEMPORAL,		 /* WITHOUT OVERLAPS / PERIOD */
	FACT_NOT_ENFORCED,	 /* NOT ENFORCED */
	FACT_DEFERRABLE,	 /* DEFERRABLE */
	FACT_INITIALLY_DEFERRED, /* INITIALLY DEFERRED */
	FACT_NOT_VALID,		 /* NOT VALID */
};

/* One clause: its kind, its SQL keyword ("ON DELETE") and its value ("CASCADE", or NULL). */
struct fact {
	enum fact_kind kind;
	const char *keyword;
	const char *value;
};

/* Room for every clause one call can return. */
#define FACTS_MAX 5

/* Is this referential action shown?  Not when absent or NO ACTION (the default). */
bool facts_action_shown(const char *action);

/* A foreign key's clauses that differ from the defaults, in SQL order: MATCH, ON DELETE,
 * ON UPDATE.  Returns how many were put in out. */
size_t facts_fk_clauses(const struct constraint *c, struct fact out[FACTS_MAX]);

/* A constraint's flags, in SQL order: temporal, NOT ENFORCED, DEFERRABLE, INITIALLY
 * DEFERRED, NOT VALID (each value NULL).  Returns how many were put in out. */
size_t facts_constraint_flags(const struct constraint *c, struct fact out[FACTS_MAX]);

/* An index's access method when it is not the default (btree), else NULL. */
const char *facts_index_method(const struct index *ix);

#endif /* PGB_FACTS_H */
