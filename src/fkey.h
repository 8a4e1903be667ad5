/*
 * fkey.h
 *	  What a table's keys say about its foreign keys as relationships:
 *	  sets of column names, whether a foreign key is one-to-one, optional or
 *	  identifying, and association tables (the middle of a many-to-many
 *	  relationship).  Shared by the revision docstring's Relationships
 *	  section and the ER diagrams.
 *
 *	  Column lists are ptrvecs of char * (struct constraint's columns);
 *	  a NULL entry counts as "".  Nothing here allocates.
 */
#ifndef PGB_FKEY_H
#define PGB_FKEY_H

#include "model.h"

/* Set operations on lists of column names (order does not matter). */
bool colset_has(const struct ptrvec *pv, const char *name);
bool colset_is_subset(const struct ptrvec *a, const struct ptrvec *b);
bool colset_same(const struct ptrvec *a, const struct ptrvec *b);
bool colset_is_disjoint(const struct ptrvec *a, const struct ptrvec *b);

/* The table's PRIMARY KEY constraint, or NULL. */
const struct constraint *table_primary_key(const struct table *t);

/*
 * Is a value of these columns unique in t: a PRIMARY KEY or UNIQUE
 * constraint, or a unique index that is not partial, on exactly these
 * columns?
 */
bool table_columns_unique(const struct table *t, const struct ptrvec *columns);

/* How a foreign key of t relates t (the child) to the table it references. */
struct fkey_card {
	bool one_to_one;  /* its columns are unique in t: at most one child per parent */
	bool optional;	  /* some column is nullable: a child may have no parent */
	bool identifying; /* its columns lie within t's primary key */
};

void fkey_cardinality(const struct table *t, const struct constraint *fk, struct fkey_card *out);

/*
 * An association table, the middle of a many-to-many relationship: its
 * primary key is made of exactly the columns of two foreign keys (and no
 * other foreign key's columns lie within it).  The two may reference the
 * same table (followers of users).  *a gets the key whose columns come
 * first in the primary key.
 */
bool fkey_association(const struct table *t, const struct constraint **a,
		      const struct constraint **b);

#endif /* PGB_FKEY_H */
