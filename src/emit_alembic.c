/*
 * emit_alembic.c
 *	  The Alembic baseline revision: a module in the shape of Alembic's
 *	  script.py.mako (1.16), whose docstring documents the schema that
 *	  already exists and whose upgrade() and downgrade() do nothing.
 *
 *	  The docstring has three levels (--doc): minimal lists the tables,
 *	  the total row count and how to apply the revision; standard adds each
 *	  table's columns, constraints and indexes, the relationships, the data
 *	  volume, the other objects, tracked and untracked tables, unparsed
 *	  statements and the schema fingerprint; comprehensive adds column
 *	  types, index definitions, object details, the DBA's validation
 *	  queries and notes.
 *
 *	  Text from the dump goes through quote_python_docstring_text(), so
 *	  __doc__ holds every name and comment exactly as the dump had it:
 *	  control characters are written as escapes (\n, \t, \x07) and become
 *	  the real characters again in __doc__, so the file keeps one line per
 *	  entry and nothing from the dump can close the docstring or add a
 *	  line to the source.  (Python 3.13 and later expand tabs in docstrings
 *	  when compiling; that is the one change __doc__ can show.)  Lists are
 *	  wrapped between entries, never inside a name, at DOC_WIDTH columns.
 *
 *	  Table names are written bare in schema "public" and schema-qualified
 *	  everywhere else, the way search_path = public shows them.
 *
 *	  This file writes the module around the docstring and the docstring's
 *	  frame: header, Source, tracking, unparsed statements, fingerprint,
 *	  purpose, how to apply, validation queries and notes.  The table
 *	  sections are in alembic_tables.c, the Other Objects in
 *	  alembic_objects.c, the text layout in alembic_text.c (alembic_doc.h).
 */
#include "alembic_doc.h"
#include "emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool have_untracked(const struct baseline_opts *o)
{
	return o->untracked != NULL && !filter_is_empty(o->untracked);
}

/*
 * The header: message, revision, source.
 */

static void write_header(struct doc *d)
{
	const struct baseline_opts *o = d->o;

	doc_putq(&d->line, o->message);
	doc_end_line(d);
	doc_blank(d);
	doc_put(&d->line, "Revision ID: ");
	doc_putq(&d->line, o->rev);
	doc_end_line(d);
	/* A baseline has no parent: Alembic's template writes "Revises: " then. */
	doc_line(d, 0, "Revises: ");
	doc_put(&d->line, "Create Date: ");
	doc_putq(&d->line, o->create_date);
	doc_end_line(d);
}

static void write_source(struct doc *d)
{
	const struct source_info *src = &d->m->source;
	struct flow f = {d, 8, 0};

	doc_blank(d);
	doc_line(d, 0, "Source:");
	doc_put(&d->line, d->o->n_dumps > 1 ? "    Dumps: " : "    Dump: ");
	if (d->o->n_dumps > 0) {
		for (int i = 0; i < d->o->n_dumps; i++) {
			doc_putq(doc_flow_next(&f), doc_basename(d->o->dump_names[i]));
			doc_flow_item(&f);
		}
	} else {
		doc_putq(doc_flow_next(&f), doc_basename(src->file));
		doc_flow_item(&f);
	}
	doc_flow_end(&f, "");
	if (src->pg_dump_version != NULL) {
		doc_put(&d->line, "    pg_dump ");
		doc_putq(&d->line, src->pg_dump_version);
		doc_end_line(d);
	}
	if (src->server_version != NULL) {
		doc_put(&d->line, "    PostgreSQL server ");
		doc_putq(&d->line, src->server_version);
		doc_end_line(d);
	}
	doc_line(d, 4, "Written by pgbaseline " PGB_VERSION);
}

/*
 * Tracking, unparsed statements, fingerprint.
 */

static void write_tracking(struct doc *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->m->tables.n; i++)
		n += ((const struct table *)d->m->tables.v[i])->h.included;
	doc_blank(d);
	if (!have_untracked(d->o)) {
		sb_printf(&d->line, "Tracked Tables: all %zu included %s (no --untracked patterns)",
			  n, doc_plural((long)n, "table", "tables"));
		doc_end_line(d);
		return;
	}
	for (int tracked = 1; tracked >= 0; tracked--) {
		struct flow f = {d, 4, 0};
		if (!tracked)
			doc_blank(d);
		doc_line(d, 0,
			 tracked ? "Tracked Tables (Alembic manages):"
				 : "Untracked Tables (manually managed, outside Alembic):");
		doc_put(&d->line, "    ");
		for (size_t i = 0; i < d->m->tables.n; i++) {
			const struct table *t = d->m->tables.v[i];
			if (!t->h.included || baseline_table_tracked(d->o, t) != (bool)tracked)
				continue;
			doc_put_rel(doc_flow_next(&f), t->h.schema, t->h.name);
			doc_flow_item(&f);
		}
		doc_flow_end(&f, "none");
	}
}

static void write_unparsed(struct doc *d)
{
	if (d->m->unparsed.n == 0)
		return;
	doc_blank(d);
	doc_line(d, 0, "Unparsed Statements (not reflected above; review them before stamping):");
	for (size_t i = 0; i < d->m->unparsed.n; i++) {
		const struct unparsed *u = d->m->unparsed.v[i];
		doc_put(&d->line, "    - ");
		doc_putq(&d->line, doc_basename(d->m->source.file));
		sb_printf(&d->line, ":%d:%d: ", u->line, u->col);
		if (u->object != NULL) {
			doc_putq(&d->line, u->object);
			doc_put(&d->line, ": ");
		}
		doc_putq(&d->line, u->message);
		doc_end_line(d);
		if (detailed(d) && u->excerpt != NULL) {
			doc_put(&d->line, "      ");
			doc_putq(&d->line, u->excerpt);
			doc_end_line(d);
		}
	}
	long omitted = model_unparsed_omitted(d->m);
	if (omitted > 0) {
		sb_printf(&d->line,
			  "    - ... and %ld more not listed (only the first %d are kept)", omitted,
			  MODEL_UNPARSED_KEPT);
		doc_end_line(d);
	}
}

static void write_fingerprint(struct doc *d)
{
	if (d->o->fingerprint == NULL)
		return;
	doc_blank(d);
	doc_line(d, 0, "Schema Fingerprint:");
	doc_put(&d->line, "    ");
	doc_putq(&d->line, d->o->fingerprint);
	doc_end_line(d);
}

/*
 * Purpose, how to apply, validation queries, notes.
 */

static void write_purpose(struct doc *d)
{
	doc_blank(d);
	doc_line(d, 0, "Purpose:");
	doc_line(d, 4, "Register the current schema as the initial version without executing");
	doc_line(d, 4, "DDL, enabling incremental migrations from this point forward.");
	if (have_untracked(d->o) && d->o->doc != DOC_MINIMAL)
		doc_line(d, 4, "Untracked tables are documented here but managed outside Alembic.");
}

static void write_how_to_apply(struct doc *d)
{
	doc_blank(d);
	doc_line(d, 0, "How to Apply:");
	doc_line(d, 4, "The tables already exist: record this revision without running it,");
	doc_put(&d->line, "        $ alembic stamp ");
	doc_putq(&d->line, d->o->rev);
	doc_end_line(d);
	doc_line(d, 4, "or, as a DBA without Alembic, run the stamp script written with it:");
	doc_put(&d->line, "        $ psql -v ON_ERROR_STOP=1 -f ");
	doc_putq(&d->line, d->o->rev);
	doc_put(&d->line, "_stamp.sql");
	doc_end_line(d);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_schema(struct ptrvec *pv, const struct objhdr *h)
{
	if (h->included && h->schema != NULL)
		ptrvec_push(pv, (void *)h->schema);
}

/* The schemas the baseline's objects live in, sorted, each once. */
static void collect_schemas(const struct model *m, struct ptrvec *out)
{
	struct ptrvec all = {0};
	for (size_t i = 0; i < m->tables.n; i++)
		add_schema(&all, &((const struct table *)m->tables.v[i])->h);
	for (size_t i = 0; i < m->views.n; i++)
		add_schema(&all, &((const struct view *)m->views.v[i])->h);
	for (size_t i = 0; i < m->sequences.n; i++)
		add_schema(&all, &((const struct sequence *)m->sequences.v[i])->h);
	for (size_t i = 0; i < m->types.n; i++)
		add_schema(&all, &((const struct pgtype *)m->types.v[i])->h);
	for (size_t i = 0; i < m->functions.n; i++)
		add_schema(&all, &((const struct function *)m->functions.v[i])->h);
	if (all.n > 0)
		qsort(all.v, all.n, sizeof(void *), compare_strings);
	for (size_t i = 0; i < all.n; i++)
		if (out->n == 0 || strcmp(out->v[out->n - 1], all.v[i]) != 0)
			ptrvec_push(out, all.v[i]);
	ptrvec_free(&all);
}

/* "WHERE <column> IN ('public', 'sales')", wrapped. */
static void write_schema_condition(struct doc *d, const char *prefix, const struct ptrvec *schemas)
{
	struct flow f = {d, 12, 0};
	struct strbuf lit;
	sb_init(&lit);
	sb_printf(&d->line, "    %s IN (", prefix);
	for (size_t i = 0; i < schemas->n; i++) {
		sb_reset(&lit);
		quote_sql_literal(&lit, schemas->v[i]);
		doc_putq(doc_flow_next(&f), lit.data);
		doc_flow_item(&f);
	}
	doc_put(&d->line, ")");
	doc_end_line(d);
	sb_free(&lit);
}

static void write_validation_queries(struct doc *d)
{
	struct ptrvec schemas = {0};
	size_t n_tables = 0;

	collect_schemas(d->m, &schemas);
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		n_tables += t->h.included && t->kind != TABLE_FOREIGN;
	}
	doc_blank(d);
	doc_line(d, 0, "Validation Queries:");
	doc_line(d, 4, "Run these against each database before stamping it; the results should");
	doc_line(d, 4, "match the schema documented above.");
	bool non_ascii = false;
	for (size_t i = 0; i < schemas.n; i++)
		for (const char *p = schemas.v[i]; *p; p++)
			non_ascii |= (unsigned char)*p >= 0x80;
	if (non_ascii) {
		/* Names beyond ASCII mean other names in a console's SJIS, BIG5... */
		doc_blank(d);
		doc_line(d, 4, "-- The names are UTF-8, whatever the console's encoding");
		doc_line(d, 4, "SET client_encoding = 'UTF8';");
	}
	if (schemas.n > 0) {
		doc_blank(d);
		sb_printf(&d->line, "    -- Tables (%zu in this baseline)", n_tables);
		doc_end_line(d);
		doc_line(d, 4, "SELECT schemaname, tablename");
		doc_line(d, 4, "FROM pg_tables");
		write_schema_condition(d, "WHERE schemaname", &schemas);
		doc_line(d, 4, "ORDER BY schemaname, tablename;");
		doc_blank(d);
		doc_line(d, 4, "-- Table sizes");
		doc_line(d, 4,
			 "SELECT schemaname, tablename, pg_size_pretty(pg_total_relation_size(");
		doc_line(d, 8, "format('%I.%I', schemaname, tablename)::regclass)) AS size");
		doc_line(d, 4, "FROM pg_tables");
		write_schema_condition(d, "WHERE schemaname", &schemas);
		doc_line(d, 4, "ORDER BY pg_total_relation_size(");
		doc_line(d, 8, "format('%I.%I', schemaname, tablename)::regclass) DESC;");
		doc_blank(d);
		doc_line(d, 4, "-- Constraints, foreign keys with their ON DELETE rules");
		doc_line(d, 4, "SELECT conrelid::regclass AS table_name, conname, contype,");
		doc_line(d, 8, "pg_get_constraintdef(oid) AS definition");
		doc_line(d, 4, "FROM pg_constraint");
		doc_line(d, 4, "WHERE conrelid <> 0 AND connamespace IN (");
		doc_line(d, 8, "SELECT oid FROM pg_namespace");
		write_schema_condition(d, "    WHERE nspname", &schemas);
		doc_line(d, 4, ")");
		doc_line(d, 4, "ORDER BY conrelid::regclass::text, contype, conname;");
		doc_blank(d);
		doc_line(d, 4, "-- Indexes");
		doc_line(d, 4, "SELECT schemaname, tablename, indexname, indexdef");
		doc_line(d, 4, "FROM pg_indexes");
		write_schema_condition(d, "WHERE schemaname", &schemas);
		doc_line(d, 4, "ORDER BY schemaname, tablename, indexname;");
	}
	doc_blank(d);
	doc_line(d, 4, "-- After stamping: the version table holds this revision");
	/* Built whole, then escaped once, so the identifiers' quotes read as SQL. */
	struct strbuf sql;
	sb_init(&sql);
	sb_append(&sql, "SELECT version_num FROM ");
	if (d->o->version_table_schema != NULL) {
		quote_sql_ident(&sql, d->o->version_table_schema);
		sb_putc(&sql, '.');
	}
	quote_sql_ident(&sql, d->o->version_table ? d->o->version_table : "alembic_version");
	sb_printf(&sql, ";  -- expect %s", facts_nz(d->o->rev));
	doc_put(&d->line, "    ");
	doc_putq(&d->line, sql.data);
	doc_end_line(d);
	sb_free(&sql);
	ptrvec_free(&schemas);
}

static void write_notes(struct doc *d)
{
	doc_blank(d);
	doc_line(d, 0, "Notes:");
	doc_line(d, 4, "- Do not edit this revision once it has been stamped anywhere; record");
	doc_line(d, 6, "schema changes in new revisions.");
	doc_line(d, 4, "- upgrade() creates nothing.  To build a new database, restore the");
	doc_line(d, 6, "schema first (pg_dump --schema-only, then psql), then stamp it.");
	doc_line(d, 4, "- Stamp only databases whose schema matches this one: compare their");
	doc_line(d, 6, "fingerprints (pgbaseline) first and reconcile any difference.");
}

/*
 * The module around the docstring, in the shape of Alembic 1.16's
 * script.py.mako.  `op` and `sa` are not imported: a baseline runs no
 * operation, and pyflakes (which the generated file must pass) reports
 * unused imports.
 */

static const char module_imports[] =
    "from typing import Sequence, Union\n"
    "\n"
    "# A baseline runs no operations, so Alembic's usual `from alembic import op`\n"
    "# and `import sqlalchemy as sa` are left out; add them in later revisions.\n"
    "\n"
    "\n"
    "# revision identifiers, used by Alembic.\n";

static const char module_functions[] =
    "\n"
    "\n"
    "def upgrade() -> None:\n"
    "    \"\"\"Baseline migration: marks the existing schema as the initial version.\n"
    "\n"
    "    This migration does NOT make changes to the database.\n"
    "    Tables already exist and will not be modified.\n"
    "    \"\"\"\n"
    "    pass\n"
    "\n"
    "\n"
    "def downgrade() -> None:\n"
    "    \"\"\"No downgrade for a baseline.\n"
    "\n"
    "    There is no state before the initial version to revert to.\n"
    "    \"\"\"\n"
    "    pass\n";

static void write_docstring(struct doc *d)
{
	write_header(d);
	if (d->o->doc == DOC_MINIMAL) {
		doc_write_minimal_schema(d);
	} else {
		write_source(d);
		doc_blank(d);
		doc_line(d, 0, "Existing Schema:");
		doc_write_included_tables(d);
		doc_write_relationships(d);
		doc_write_data_volume(d);
		doc_write_other_objects(d);
		write_tracking(d);
		write_unparsed(d);
		write_fingerprint(d);
	}
	write_purpose(d);
	write_how_to_apply(d);
	if (detailed(d)) {
		write_validation_queries(d);
		write_notes(d);
	}
}

int emit_revision(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	const struct baseline_opts *o = opts->baseline;
	struct doc d = {.m = m, .o = o, .out = out};
	struct strbuf rev;
	sb_init(&d.line);
	sb_init(&d.item);
	sb_init(&rev);
	doc_tinfo_build(&d);

	sink_puts(out, "\"\"\"");
	write_docstring(&d);
	sink_puts(out, "\"\"\"\n");
	sink_puts(out, module_imports);
	sink_puts(out, "revision: str = ");
	quote_python_literal(&rev, facts_nz(o->rev));
	sink_write(out, rev.data, rev.len);
	sink_puts(out, "\n"
		       "down_revision: Union[str, Sequence[str], None] = None\n"
		       "branch_labels: Union[str, Sequence[str], None] = None\n"
		       "depends_on: Union[str, Sequence[str], None] = None\n");
	sink_puts(out, module_functions);

	doc_tinfo_free(&d);
	sb_free(&d.line);
	sb_free(&d.item);
	sb_free(&rev);
	return sink_finish(out);
}

void emit_alembic_revision(const struct model *m, const struct baseline_opts *o, struct strbuf *out)
{
	struct sink s;
	sink_init_buf(&s, out);
	emit_revision(m, &(struct emit_opts){.baseline = o}, &s);
}
