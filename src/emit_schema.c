/*
 * emit_schema.c
 *	  <rev>_schema.sql (baseline --schema-sql): the baseline's schema as
 *	  the SQL that builds it in an empty database, so that `alembic
 *	  upgrade head` has tables to migrate on a new developer's laptop or a
 *	  CI service container.  The DDL is the writer's (ddl.h); this file
 *	  adds the frame: a header naming what is left out, one transaction,
 *	  and a pre-flight that refuses a database that already has any of the
 *	  schema's tables, before anything is created.
 *
 *	  Names reach the pre-flight as quoted literals inside a dollar-quoted
 *	  block whose tag none of them holds, and reach the header's comments
 *	  only through visible escapes.
 */
#include "baseline.h"

#include "ddl.h"
#include "textquote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tables named in the pre-flight's error; the rest are counted. */
#define SCHEMA_MAX_SHOWN 20

/* The DO block that stops the file on a database holding any of m's tables. */
static void preflight(const struct model *m, struct strbuf *out)
{
	struct strbuf body, name;
	sb_init(&body);
	sb_init(&name);
	sb_append(&body, "DECLARE\n"
			 "    found text[] := ARRAY[]::text[];\n"
			 "    t text;\n"
			 "BEGIN\n"
			 "    FOREACH t IN ARRAY ARRAY[\n");
	size_t n = 0;
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included)
			continue;
		sb_reset(&name);
		ddl_qualified(&name, t->h.schema, t->h.name);
		sb_append(&body, n++ ? ",\n        " : "        ");
		quote_sql_literal(&body, name.data);
	}
	sb_printf(&body,
		  "\n    ]::text[] LOOP\n"
		  "        IF pg_catalog.to_regclass(t) IS NOT NULL THEN\n"
		  "            found := found || t;\n"
		  "        END IF;\n"
		  "    END LOOP;\n"
		  "    IF pg_catalog.cardinality(found) > 0 THEN\n"
		  "        RAISE EXCEPTION USING\n"
		  "            ERRCODE = 'duplicate_table',\n"
		  "            MESSAGE = pg_catalog.format('pgbaseline: this database already has "
		  "%%s of the schema''s tables: %%s%%s', pg_catalog.cardinality(found),\n"
		  "                pg_catalog.array_to_string(found[1:%d], ', '),\n"
		  "                CASE WHEN pg_catalog.cardinality(found) > %d THEN ', ...' ELSE "
		  "'' END),\n"
		  "            HINT = 'The schema SQL builds the schema in an empty database; "
		  "nothing was created.';\n"
		  "    END IF;\n"
		  "END\n",
		  SCHEMA_MAX_SHOWN, SCHEMA_MAX_SHOWN);
	char tag[32];
	snprintf(tag, sizeof(tag), "$pgb$");
	for (unsigned i = 1; strstr(body.data, tag) != NULL; i++)
		snprintf(tag, sizeof(tag), "$pgb%u$", i);
	if (n == 0) {
		sb_free(&body);
		sb_free(&name);
		return;
	}
	sb_printf(out, "DO %s\n%s%s;\n\n", tag, body.data, tag);
	sb_free(&body);
	sb_free(&name);
}

size_t emit_schema_sql(const struct model *m, const struct baseline_opts *o, struct strbuf *out,
		       struct ptrvec *unwritable)
{
	struct ddl_opts d = {.owners = o->with_privileges, .privileges = o->with_privileges};
	struct strbuf ddl;
	struct ptrvec missing = {0};
	sb_init(&ddl);
	size_t n = ddl_schema(&ddl, m, &d, &missing);

	sb_append(out, "--\n-- pgbaseline schema SQL for revision ");
	quote_sql_comment_text(out, o->rev ? o->rev : "");
	sb_append(out,
		  "\n--\n"
		  "-- Builds the baseline's schema in an EMPTY database, before `alembic stamp`:\n"
		  "--     psql -v ON_ERROR_STOP=1 -f THIS_FILE\n"
		  "-- It refuses (and creates nothing) when any of its tables exists already.\n");
	if (!o->with_privileges)
		sb_append(out,
			  "-- Owners and grants are left out (baseline --with-privileges writes "
			  "them).\n");
	sb_append(out, "-- Table data, statistics and server settings are not part of it.\n");
	if (n > 0) {
		sb_printf(out,
			  "--\n-- INCOMPLETE: %zu object%s the model holds only by name "
			  "%s not written:\n",
			  n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
		for (size_t i = 0; i < missing.n; i++) {
			sb_append(out, "--     ");
			quote_sql_comment_text(out, missing.v[i]);
			sb_putc(out, '\n');
		}
	}
	sb_append(out, "--\n\nSET client_encoding = 'UTF8';\nBEGIN;\n\n");
	preflight(m, out);
	sb_append(out, ddl.data ? ddl.data : "");
	sb_append(out, "\nCOMMIT;\n");
	for (size_t i = 0; i < missing.n; i++) {
		if (unwritable != NULL)
			ptrvec_push(unwritable, missing.v[i]);
		else
			free(missing.v[i]);
	}
	ptrvec_free(&missing);
	sb_free(&ddl);
	return n;
}
