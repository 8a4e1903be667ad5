/*
 * facts.c
 *	  What the text-like outputs say about a constraint, a foreign key and
 *	  an index, decided once (see facts.h).
 */
#include "facts.h"

#include <string.h>

const char *facts_nz(const char *s)
{
	return s ? s : "";
}

bool facts_action_shown(const char *action)
{
	return action != NULL && strcmp(action, "NO ACTION") != 0;
}

size_t facts_fk_clauses(const struct constraint *c, struct fact out[FACTS_MAX])
{
	size_t n = 0;
	if (c->match != NULL && strcmp(c->match, "SIMPLE") != 0)
		out[n++] = (struct fact){FACT_MATCH, "MATCH", c->match};
	if (facts_action_shown(c->on_delete))
		out[n++] = (struct fact){FACT_ON_DELETE, "ON DELETE", c->on_delete};
	if (facts_action_shown(c->on_update))
		out[n++] = (struct fact){FACT_ON_UPDATE, "ON UPDATE", c->on_update};
	return n;
}

size_t facts_constraint_flags(const struct constraint *c, struct fact out[FACTS_MAX])
{
	size_t n = 0;
	if (c->temporal)
		out[n++] = (struct fact){FACT_TEMPORAL, "WITHOUT OVERLAPS / PERIOD", NULL};
	if (c->not_enforced)
		out[n++] = (struct fact){FACT_NOT_ENFORCED, "NOT ENFORCED", NULL};
	if (c->deferrable)
		out[n++] = (struct fact){FACT_DEFERRABLE, "DEFERRABLE", NULL};
	if (c->initially_deferred)
		out[n++] = (struct fact){FACT_INITIALLY_DEFERRED, "INITIALLY DEFERRED", NULL};
	if (!c->valid)
		out[n++] = (struct fact){FACT_NOT_VALID, "NOT VALID", NULL};
	return n;
}

const char *facts_index_method(const struct index *ix)
{
	if (ix->method == NULL || strcmp(ix->method, "btree") == 0)
		return NULL;
	return ix->method;
}
