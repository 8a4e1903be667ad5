/*
 * alembic_types.h
 *	  Built-in PostgreSQL types as SQLAlchemy expressions (alembic_types.c),
 *	  for the Python that pgbaseline writes: the module imports
 *	  `sqlalchemy as sa` and `from sqlalchemy.dialects import postgresql`.
 */
#ifndef PGB_ALEMBIC_TYPES_H
#define PGB_ALEMBIC_TYPES_H

#include "pgb.h"

#include <stdbool.h>

/*
 * Appends to out the SQLAlchemy type of the built-in type `type`, spelt as
 * format_type() spells it ("character varying(20)", "timestamp(3) with time
 * zone", "numeric(10,2)"), and returns true; false (out untouched) for any
 * other type: arrays, user types, and built-ins without an exact
 * SQLAlchemy equivalent.
 */
bool alembic_types_builtin(struct strbuf *out, const char *type);

struct model;
/*
 * Appends to out the SQLAlchemy type that DDL compiles to exactly `type`
 * (format_type() spelling) and returns true: a built-in as above, an enum
 * of m (its format_type() name "schema.name") as postgresql.ENUM(name=...,
 * schema=..., create_type=False), or an ARRAY of either; false (out
 * untouched) for anything else.  Names are written as Python literals.
 */
bool alembic_types_exact(struct strbuf *out, const struct model *m, const char *type);

#endif /* PGB_ALEMBIC_TYPES_H */
