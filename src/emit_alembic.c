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
 */
#include "alembic_doc.h"
#include "fkey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARROW_RIGHT "\xe2\x86\x92" /* U+2192 */
#define ARROW_LEFT  "\xe2\x86\x90" /* U+2190 */
#define ARROW_BOTH  "\xe2\x86\x94" /* U+2194 */

static bool have_untracked(const struct baseline_opts *o)
{
	return o->untracked != NULL && !filter_is_empty(o->untracked);
}

/*
 * What the emitter knows about each table, indexed like m->tables.
 */

enum rows_source {
	ROWS_UNKNOWN,
	ROWS_STATS, /* the DBA's --stats CSV */
	ROWS_COPY,  /* COPY data in the dump */
	ROWS_PARTS, /* the sum of the partitions' rows */
};

struct tinfo {
	bool folded;	      /* a partition listed under its included parent */
	size_t parent;	      /* folded: the parent's index in m->tables */
	struct ptrvec parts;  /* struct table *: the folded partitions */
	long long rows;	      /* -1 when unknown */
	enum rows_source src; /* where rows came from */
	unsigned sources; /* 1 << ROWS_STATS | 1 << ROWS_COPY: where the counts summed came from */
};

static const struct table *find_included(const struct doc *d, const char *schema, const char *name,
					 size_t *index)
{
	long hit = table_index_find(d->tables, nz(schema), nz(name));
	if (hit < 0)
		return NULL;
	if (index != NULL)
		*index = (size_t)hit;
	return d->m->tables.v[hit];
}

static long long own_rows(const struct baseline_opts *o, const struct table *t,
			  enum rows_source *src)
{
	if (o->stats != NULL) {
		long long n = stats_rows(o->stats, nz(t->h.schema), nz(t->h.name));
		if (n >= 0) {
			*src = ROWS_STATS;
			return n;
		}
	}
	*src = t->rows >= 0 ? ROWS_COPY : ROWS_UNKNOWN;
	return t->rows >= 0 ? t->rows : -1;
}

/*
 * The table a partition is listed under: its topmost included ancestor
 * (a sub-partition goes under the root, not under a partition that is
 * itself listed under it), or the table itself.  The walk is bounded, so
 * even a malformed dump's loop of ATTACH PARTITIONs ends.
 */
static size_t listed_under(const struct doc *d, size_t i)
{
	size_t at = i;
	for (size_t steps = 0; steps < d->m->tables.n; steps++) {
		const struct table *t = d->m->tables.v[at];
		size_t parent;
		if (t->parent_table == NULL ||
		    find_included(d, t->parent_schema ? t->parent_schema : t->h.schema,
				  t->parent_table, &parent) == NULL ||
		    parent == at)
			break;
		at = parent;
	}
	return at;
}

static void tinfo_build(struct doc *d)
{
	const struct model *m = d->m;

	d->ti = xcalloc(m->tables.n ? m->tables.n : 1, sizeof(*d->ti));
	d->tables = table_index_new(m);

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		struct tinfo *ti = &d->ti[i];
		ti->rows = own_rows(d->o, t, &ti->src);
		ti->sources = ti->src != ROWS_UNKNOWN ? 1u << ti->src : 0;
		if (!t->h.included || t->parent_table == NULL)
			continue;
		ti->parent = listed_under(d, i);
		if (ti->parent != i) {
			ti->folded = true;
			ptrvec_push(&d->ti[ti->parent].parts, (void *)t);
		}
	}
	/*
	 * A partitioned table holds no rows itself: unless the stats name it,
	 * its rows are those of the leaf partitions listed under it.
	 */
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		const struct tinfo *ti = &d->ti[i];
		struct tinfo *parent = &d->ti[ti->parent];
		if (!ti->folded || ti->rows < 0 || t->kind == TABLE_PARTITIONED)
			continue;
		if (parent->src == ROWS_UNKNOWN || parent->src == ROWS_PARTS) {
			parent->rows = (parent->rows < 0 ? 0 : parent->rows) + ti->rows;
			parent->src = ROWS_PARTS;
			parent->sources |= ti->sources;
		}
	}
}

static void tinfo_free(struct doc *d)
{
	for (size_t i = 0; i < d->m->tables.n; i++)
		ptrvec_free(&d->ti[i].parts);
	free(d->ti);
	table_index_free(d->tables);
}

static const struct table *part_table(const struct tinfo *ti, size_t j)
{
	return ti->parts.v[j];
}

/*
 * Constraints and indexes, the way the reference writes them:
 * PK(id), UNIQUE(email, username), FK(user_id) → users.id CASCADE.
 */

static void put_flags(struct strbuf *sb, const struct constraint *c)
{
	if (c->deferrable)
		doc_put(sb, " DEFERRABLE");
	if (c->initially_deferred)
		doc_put(sb, " INITIALLY DEFERRED");
	if (!c->valid)
		doc_put(sb, " NOT VALID");
}

static bool is_no_action(const char *action)
{
	return action == NULL || strcmp(action, "NO ACTION") == 0;
}

static void put_fk_target(struct strbuf *sb, const struct table *t, const struct constraint *c)
{
	doc_put_rel(sb, c->ref_schema ? c->ref_schema : t->h.schema, c->ref_table);
	if (c->ref_columns.n == 1) {
		doc_put(sb, ".");
		doc_putq(sb, c->ref_columns.v[0]);
	} else if (c->ref_columns.n > 1) {
		doc_put(sb, "(");
		doc_put_list(sb, &c->ref_columns);
		doc_put(sb, ")");
	}
}

static void put_constraint(struct strbuf *sb, const struct table *t, const struct constraint *c)
{
	switch (c->kind) {
	case CON_PRIMARY:
	case CON_UNIQUE:
		doc_put(sb, c->kind == CON_PRIMARY ? "PK(" : "UNIQUE(");
		doc_put_list(sb, &c->columns);
		doc_put(sb, ")");
		if (c->include.n > 0) {
			doc_put(sb, " INCLUDE (");
			doc_put_list(sb, &c->include);
			doc_put(sb, ")");
		}
		if (c->nulls_not_distinct)
			doc_put(sb, " NULLS NOT DISTINCT");
		break;
	case CON_FOREIGN:
		doc_put(sb, "FK(");
		doc_put_list(sb, &c->columns);
		doc_put(sb, ") " ARROW_RIGHT " ");
		put_fk_target(sb, t, c);
		if (!is_no_action(c->on_delete)) {
			doc_put(sb, " ");
			doc_putq(sb, c->on_delete);
		}
		if (!is_no_action(c->on_update)) {
			doc_put(sb, " ON UPDATE ");
			doc_putq(sb, c->on_update);
		}
		if (c->match != NULL && strcmp(c->match, "SIMPLE") != 0) {
			doc_put(sb, " MATCH ");
			doc_putq(sb, c->match);
		}
		break;
	case CON_CHECK:
		doc_put(sb, "CHECK(");
		doc_putq(sb, c->expression);
		doc_put(sb, ")");
		if (c->no_inherit)
			doc_put(sb, " NO INHERIT");
		break;
	case CON_EXCLUSION:
		doc_put(sb, "EXCLUDE ");
		if (c->method != NULL) {
			doc_putq(sb, c->method);
			doc_put(sb, " ");
		}
		doc_put(sb, "(");
		doc_put_list(sb, &c->columns);
		doc_put(sb, ")");
		if (c->where != NULL) {
			doc_put(sb, " WHERE (");
			doc_putq(sb, c->where);
			doc_put(sb, ")");
		}
		break;
	}
	put_flags(sb, c);
}

/* Upper-cased index method: "GIN", "GIST". */
static void put_method(struct strbuf *sb, const char *method)
{
	struct strbuf up;
	sb_init(&up);
	for (const char *p = method; *p; p++)
		sb_putc(&up, (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p);
	doc_putq(sb, up.data);
	sb_free(&up);
}

/* "ix_products_metadata (GIN)", "ix_products_sku (UNIQUE)": btree is not mentioned. */
static void put_index_label(struct strbuf *sb, const struct index *ix)
{
	bool method = ix->method != NULL && strcmp(ix->method, "btree") != 0;
	doc_putq(sb, ix->h.name);
	if (!ix->unique && !method)
		return;
	doc_put(sb, " (");
	if (ix->unique)
		doc_put(sb, method ? "UNIQUE, " : "UNIQUE");
	if (method)
		put_method(sb, ix->method);
	doc_put(sb, ")");
}

/* Comprehensive: "ix_orders_status: status WHERE status <> 'cancelled'"; *split after the name. */
void doc_put_index_detail(struct strbuf *sb, const struct index *ix, size_t *split)
{
	put_index_label(sb, ix);
	*split = sb->len;
	doc_put(sb, ": ");
	doc_put_list(sb, &ix->columns);
	if (ix->include.n > 0) {
		doc_put(sb, " INCLUDE (");
		doc_put_list(sb, &ix->include);
		doc_put(sb, ")");
	}
	if (ix->nulls_not_distinct)
		doc_put(sb, " NULLS NOT DISTINCT");
	if (ix->where != NULL) {
		doc_put(sb, " WHERE ");
		doc_putq(sb, ix->where);
	}
	if (ix->h.comment != NULL) {
		doc_put(sb, " -- ");
		doc_putq(sb, ix->h.comment);
	}
}

/*
 * The header: message, revision, source.
 */

static const char *basename_of(const char *path)
{
	if (path == NULL || strcmp(path, "-") == 0)
		return "standard input";
	const char *slash = strrchr(path, '/');
	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

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
			doc_putq(doc_flow_next(&f), basename_of(d->o->dump_names[i]));
			doc_flow_item(&f);
		}
	} else {
		doc_putq(doc_flow_next(&f), basename_of(src->file));
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
 * Existing Schema: the tables.
 */

static void write_table_heading(struct doc *d, const struct table *t)
{
	doc_put(&d->line, "        - ");
	doc_put_rel(&d->line, t->h.schema, t->h.name);
	if (t->h.comment != NULL) {
		doc_put(&d->line, ": ");
		doc_putq(&d->line, t->h.comment);
	}
	doc_end_line(d);
}

/* Partitioning, inheritance, foreign and unlogged tables, row level security. */
static void write_table_kind(struct doc *d, const struct table *t, const struct tinfo *ti)
{
	struct strbuf *ln = &d->line;

	if (t->partition_key != NULL || t->kind == TABLE_PARTITIONED) {
		doc_put(ln, "          Partitioned");
		if (t->partition_key != NULL) {
			doc_put(ln, " by ");
			doc_putq(ln, t->partition_key);
		}
		doc_end_line(d);
	}
	if (ti->parts.n > 0 && !detailed(d)) {
		struct flow f = {d, 14, 0};
		doc_put(ln, "          Partitions: ");
		for (size_t j = 0; j < ti->parts.n; j++) {
			const struct table *p = part_table(ti, j);
			doc_put_rel(doc_flow_next(&f), p->h.schema, p->h.name);
			doc_flow_item(&f);
		}
		doc_flow_end(&f, "");
	} else if (ti->parts.n > 0) {
		doc_line(d, 10, "Partitions:");
		for (size_t j = 0; j < ti->parts.n; j++) {
			const struct table *p = part_table(ti, j);
			doc_put(ln, "              ");
			doc_put_rel(ln, p->h.schema, p->h.name);
			if (p->partition_bound != NULL) {
				doc_put(ln, " ");
				doc_putq(ln, p->partition_bound);
			}
			doc_end_line(d);
		}
	}
	if (t->parent_table != NULL && !ti->folded) {
		doc_put(ln, "          Partition of ");
		doc_put_rel(ln, t->parent_schema ? t->parent_schema : t->h.schema, t->parent_table);
		if (t->partition_bound != NULL) {
			doc_put(ln, " ");
			doc_putq(ln, t->partition_bound);
		}
		doc_end_line(d);
	}
	if (t->inherits.n > 0) {
		doc_put(ln, "          Inherits: ");
		doc_put_list(ln, &t->inherits);
		doc_end_line(d);
	}
	if (t->kind == TABLE_FOREIGN) {
		doc_put(ln, "          Foreign table");
		if (t->foreign_server != NULL) {
			doc_put(ln, " on server ");
			doc_putq(ln, t->foreign_server);
		}
		doc_end_line(d);
	}
	if (t->unlogged)
		doc_line(d, 10, "Unlogged");
	if (t->rls_enabled || t->rls_forced)
		doc_line(d, 10,
			 t->rls_forced ? "Row level security: enabled, forced"
				       : "Row level security: enabled");
}

/* "id: bigint NOT NULL DEFAULT ..."; *split after the nullability. */
static void put_column_detail(struct strbuf *sb, const struct column *c, size_t *split)
{
	doc_putq(sb, c->name);
	doc_put(sb, ": ");
	doc_putq(sb, c->type);
	if (c->collation != NULL) {
		doc_put(sb, " COLLATE ");
		doc_putq(sb, c->collation);
	}
	doc_put(sb, c->not_null ? " NOT NULL" : " NULL");
	*split = sb->len;
	if (c->default_expr != NULL) {
		doc_put(sb, " DEFAULT ");
		doc_putq(sb, c->default_expr);
	}
	if (c->identity == IDENTITY_ALWAYS)
		doc_put(sb, " GENERATED ALWAYS AS IDENTITY");
	else if (c->identity == IDENTITY_BY_DEFAULT)
		doc_put(sb, " GENERATED BY DEFAULT AS IDENTITY");
	if (c->generated != NULL) {
		doc_put(sb, " GENERATED ALWAYS AS (");
		doc_putq(sb, c->generated);
		doc_put(sb, c->virtual_generated ? ") VIRTUAL" : ") STORED");
	}
	if (c->inherited)
		doc_put(sb, " (inherited)");
	if (c->comment != NULL) {
		doc_put(sb, " -- ");
		doc_putq(sb, c->comment);
	}
}

static void write_columns(struct doc *d, const struct table *t)
{
	if (detailed(d)) {
		doc_line(d, 10, t->columns.n > 0 ? "Columns:" : "Columns: none");
		for (size_t i = 0; i < t->columns.n; i++) {
			size_t split;
			sb_reset(&d->item);
			put_column_detail(&d->item, t->columns.v[i], &split);
			doc_write_entry(d, 14, "", &d->item, split);
		}
		return;
	}
	struct flow f = {d, 14, 0};
	doc_put(&d->line, "          Columns: ");
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = t->columns.v[i];
		doc_putq(doc_flow_next(&f), c->name);
		doc_flow_item(&f);
	}
	doc_flow_end(&f, "none");
}

static void write_constraints(struct doc *d, const struct table *t)
{
	static const enum con_kind order[] = {CON_PRIMARY, CON_UNIQUE, CON_FOREIGN, CON_CHECK,
					      CON_EXCLUSION};
	struct flow f = {d, 14, 0};

	if (t->constraints.n == 0)
		return;
	doc_put(&d->line, "          Constraints: ");
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		for (size_t i = 0; i < t->constraints.n; i++) {
			const struct constraint *c = t->constraints.v[i];
			if (c->kind != order[k])
				continue;
			put_constraint(doc_flow_next(&f), t, c);
			doc_flow_item(&f);
		}
	}
	doc_flow_end(&f, "");
}

static void write_indexes(struct doc *d, const struct table *t)
{
	if (t->indexes.n == 0)
		return;
	if (detailed(d)) {
		doc_line(d, 10, "Indexes:");
		for (size_t i = 0; i < t->indexes.n; i++) {
			size_t split;
			sb_reset(&d->item);
			doc_put_index_detail(&d->item, t->indexes.v[i], &split);
			doc_write_entry(d, 14, "", &d->item, split);
		}
		return;
	}
	struct flow f = {d, 14, 0};
	doc_put(&d->line, "          Indexes: ");
	for (size_t i = 0; i < t->indexes.n; i++) {
		put_index_label(doc_flow_next(&f), t->indexes.v[i]);
		doc_flow_item(&f);
	}
	doc_flow_end(&f, "");
}

static size_t count_listed_tables(const struct doc *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		n += t->h.included && !d->ti[i].folded;
	}
	return n;
}

static void write_included_tables(struct doc *d)
{
	bool first = true;

	doc_line(d, 4, count_listed_tables(d) > 0 ? "Included Tables:" : "Included Tables: none");
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		if (!t->h.included || d->ti[i].folded)
			continue;
		if (!first)
			doc_blank(d);
		first = false;
		write_table_heading(d, t);
		write_table_kind(d, t, &d->ti[i]);
		write_columns(d, t);
		write_constraints(d, t);
		write_indexes(d, t);
	}
}

/*
 * Relationships: users ← orders (One-to-Many, CASCADE),
 * orders ↔ products (Many-to-Many via order_items).
 */

static void write_relationship(struct doc *d, const struct table *t, const struct constraint *c)
{
	struct strbuf *ln = &d->line;
	doc_put(ln, "        - ");
	doc_put_rel(ln, c->ref_schema ? c->ref_schema : t->h.schema, c->ref_table);
	doc_put(ln, " " ARROW_LEFT " ");
	doc_put_rel(ln, t->h.schema, t->h.name);
	doc_put(ln, table_columns_unique(t, &c->columns) ? " (One-to-One, " : " (One-to-Many, ");
	doc_putq(ln, is_no_action(c->on_delete) ? "NO ACTION" : c->on_delete);
	doc_put(ln, ")");
	doc_end_line(d);
}

static void write_many_to_many(struct doc *d, const struct table *t, const struct constraint *a,
			       const struct constraint *b)
{
	struct strbuf *ln = &d->line;
	doc_put(ln, "        - ");
	doc_put_rel(ln, a->ref_schema ? a->ref_schema : t->h.schema, a->ref_table);
	doc_put(ln, " " ARROW_BOTH " ");
	doc_put_rel(ln, b->ref_schema ? b->ref_schema : t->h.schema, b->ref_table);
	doc_put(ln, " (Many-to-Many via ");
	doc_put_rel(ln, t->h.schema, t->h.name);
	doc_put(ln, ")");
	doc_end_line(d);
}

static void write_relationships(struct doc *d)
{
	bool any = false;

	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		const struct constraint *a = NULL, *b = NULL;
		/* A folded partition's keys are copies of its parent's. */
		if (!t->h.included || d->ti[i].folded)
			continue;
		bool assoc = fkey_association(t, &a, &b);
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			if (c->kind != CON_FOREIGN || (assoc && c == b))
				continue;
			if (!any) {
				doc_blank(d);
				doc_line(d, 4, "Relationships:");
				any = true;
			}
			if (assoc && c == a)
				write_many_to_many(d, t, a, b);
			else
				write_relationship(d, t, c);
		}
	}
}

/*
 * Data volume.
 */

static void write_data_volume(struct doc *d)
{
	unsigned sources = 0;
	int unknown = 0;

	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		if (t->h.included && !d->ti[i].folded) {
			sources |= d->ti[i].sources;
			unknown += d->ti[i].src == ROWS_UNKNOWN;
		}
	}
	doc_blank(d);
	if (sources == 0) {
		doc_line(d, 4, "Data Volume: not known (no COPY data in the dump, no --stats)");
		return;
	}
	doc_put(&d->line, "    Data Volume (from ");
	if (sources & (1u << ROWS_STATS)) {
		doc_putq(&d->line, basename_of(d->o->stats_file));
		if (sources & (1u << ROWS_COPY))
			doc_put(&d->line, ", else ");
	}
	if (sources & (1u << ROWS_COPY))
		doc_put(&d->line, "the dump's COPY data");
	doc_put(&d->line, "):");
	doc_end_line(d);
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		const struct tinfo *ti = &d->ti[i];
		if (!t->h.included || ti->folded || ti->src == ROWS_UNKNOWN)
			continue;
		doc_put(&d->line, "        - ");
		doc_put_rel(&d->line, t->h.schema, t->h.name);
		doc_put(&d->line, ": ");
		doc_put_rows(&d->line, ti->rows, detailed(d));
		if (ti->src == ROWS_PARTS)
			doc_put(&d->line, " in its partitions");
		doc_end_line(d);
	}
	if (unknown > 0) {
		sb_printf(&d->line, "        (%d more %s not known)", unknown,
			  doc_plural(unknown, "table", "tables"));
		doc_end_line(d);
	}
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
		doc_putq(&d->line, basename_of(d->m->source.file));
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
	sb_printf(&sql, ";  -- expect %s", nz(d->o->rev));
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
 * Minimal: the tables on one wrapped line and the total row count.
 */

static void write_minimal_schema(struct doc *d)
{
	struct flow f = {d, 12, 0};
	long long total = 0;
	size_t known = 0, listed = 0;

	doc_blank(d);
	doc_line(d, 0, "Existing Schema:");
	doc_put(&d->line, "    Tables: ");
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		const struct tinfo *ti = &d->ti[i];
		if (!t->h.included || ti->folded)
			continue;
		struct strbuf *sb = doc_flow_next(&f);
		doc_put_rel(sb, t->h.schema, t->h.name);
		if (ti->parts.n > 0)
			sb_printf(sb, " (+%zu %s)", ti->parts.n,
				  doc_plural((long)ti->parts.n, "partition", "partitions"));
		doc_flow_item(&f);
		listed++;
		if (ti->rows >= 0) {
			total += ti->rows;
			known++;
		}
	}
	doc_flow_end(&f, "none");
	doc_put(&d->line, "    Total records: ");
	if (known == 0)
		doc_put(&d->line, "not known (no COPY data in the dump, no --stats)");
	else {
		doc_put_count(&d->line, total);
		if (known == listed)
			doc_put(&d->line, " across all tables");
		else
			sb_printf(&d->line, " across %zu of %zu tables", known, listed);
	}
	doc_end_line(d);
	if (d->m->unparsed.n > 0) {
		sb_printf(&d->line, "    Unparsed statements: %zu (not reflected here)",
			  d->m->unparsed.n);
		doc_end_line(d);
	}
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
		write_minimal_schema(d);
	} else {
		write_source(d);
		doc_blank(d);
		doc_line(d, 0, "Existing Schema:");
		write_included_tables(d);
		write_relationships(d);
		write_data_volume(d);
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

void emit_alembic_revision(const struct model *m, const struct baseline_opts *o, struct strbuf *out)
{
	struct doc d = {.m = m, .o = o, .out = out};
	sb_init(&d.line);
	sb_init(&d.item);
	tinfo_build(&d);

	sb_append(out, "\"\"\"");
	write_docstring(&d);
	sb_append(out, "\"\"\"\n");
	sb_append(out, module_imports);
	sb_append(out, "revision: str = ");
	quote_python_literal(out, nz(o->rev));
	sb_append(out, "\n"
		       "down_revision: Union[str, Sequence[str], None] = None\n"
		       "branch_labels: Union[str, Sequence[str], None] = None\n"
		       "depends_on: Union[str, Sequence[str], None] = None\n");
	sb_append(out, module_functions);

	tinfo_free(&d);
	sb_free(&d.line);
	sb_free(&d.item);
}
