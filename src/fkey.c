/*
 * fkey.c
 *	  Foreign keys as relationships: column sets, cardinality, association
 *	  tables (see fkey.h).
 */
#include "facts.h"
#include "fkey.h"

#include <string.h>

bool colset_has(const struct ptrvec *pv, const char *name)
{
	for (size_t i = 0; i < pv->n; i++)
		if (strcmp(facts_nz(pv->v[i]), name) == 0)
			return true;
	return false;
}

bool colset_is_subset(const struct ptrvec *a, const struct ptrvec *b)
{
	for (size_t i = 0; i < a->n; i++)
		if (!colset_has(b, facts_nz(a->v[i])))
			return false;
	return true;
}

bool colset_same(const struct ptrvec *a, const struct ptrvec *b)
{
	return a->n == b->n && colset_is_subset(a, b) && colset_is_subset(b, a);
}

bool colset_is_disjoint(const struct ptrvec *a, const struct ptrvec *b)
{
	for (size_t i = 0; i < a->n; i++)
		if (colset_has(b, facts_nz(a->v[i])))
			return false;
	return true;
}

const struct constraint *table_primary_key(const struct table *t)
{
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		if (c->kind == CON_PRIMARY)
			return c;
	}
	return NULL;
}

bool table_columns_unique(const struct table *t, const struct ptrvec *columns)
{
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		if ((c->kind == CON_PRIMARY || c->kind == CON_UNIQUE) &&
		    colset_same(&c->columns, columns))
			return true;
	}
	/* A unique index on plain columns, not partial, enforces the same. */
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = t->indexes.v[i];
		if (ix->unique && ix->where == NULL && colset_same(&ix->columns, columns))
			return true;
	}
	return false;
}

static bool any_nullable(const struct table *t, const struct ptrvec *columns)
{
	for (size_t i = 0; i < columns->n; i++) {
		for (size_t j = 0; j < t->columns.n; j++) {
			const struct column *c = t->columns.v[j];
			if (strcmp(c->name, facts_nz(columns->v[i])) == 0 && !c->not_null)
				return true;
		}
	}
	return false;
}

void fkey_cardinality(const struct table *t, const struct constraint *fk, struct fkey_card *out)
{
	const struct constraint *pk = table_primary_key(t);

	out->one_to_one = table_columns_unique(t, &fk->columns);
	out->optional = any_nullable(t, &fk->columns);
	out->identifying =
	    pk != NULL && fk->columns.n > 0 && colset_is_subset(&fk->columns, &pk->columns);
}

bool fkey_association(const struct table *t, const struct constraint **a,
		      const struct constraint **b)
{
	const struct constraint *pk = table_primary_key(t), *found[2] = {NULL, NULL};
	int n = 0;

	if (pk == NULL || pk->columns.n < 2)
		return false;
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		if (c->kind != CON_FOREIGN || c->columns.n == 0 ||
		    !colset_is_subset(&c->columns, &pk->columns))
			continue;
		if (n == 2)
			return false;
		found[n++] = c;
	}
	if (n != 2 || !colset_is_disjoint(&found[0]->columns, &found[1]->columns) ||
	    found[0]->columns.n + found[1]->columns.n != pk->columns.n)
		return false;
	size_t first0 = 0, first1 = 0;
	for (size_t i = 0; i < pk->columns.n; i++) {
		if (strcmp(facts_nz(pk->columns.v[i]), facts_nz(found[0]->columns.v[0])) == 0)
			first0 = i;
		if (strcmp(facts_nz(pk->columns.v[i]), facts_nz(found[1]->columns.v[0])) == 0)
			first1 = i;
	}
	*a = first0 <= first1 ? found[0] : found[1];
	*b = first0 <= first1 ? found[1] : found[0];
	return true;
}
