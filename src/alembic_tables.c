/*
 * alembic_tables.c
 *	  The revision docstring's table sections: what is known of each table
 *	  (partitions folded under the table they are listed with, row counts
 *	  from --stats or the dump's COPY and INSERT data), Included Tables with each
 *	  table's kind, columns, constraints and indexes, Relationships, Data
 *	  Volume, and minimal's one list of tables with the total row count.
 */
#include "alembic_doc.h"
#include "fkey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARROW_RIGHT "\xe2\x86\x92" /* U+2192 */
#define ARROW_LEFT  "\xe2\x86\x90" /* U+2190 */
#define ARROW_BOTH  "\xe2\x86\x94" /* U+2194 */

/*
 * What the emitter knows about each table, indexed like m->tables.
 */

enum rows_source {
	ROWS_UNKNOWN,
	ROWS_STATS, /* the DBA's --stats CSV */
	ROWS_COPY,  /* COPY or INSERT data in the dump */
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
	long hit = table_index_find(d->tables, facts_nz(schema), facts_nz(name));
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
		long long n = stats_rows(o->stats, facts_nz(t->h.schema), facts_nz(t->h.name));
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

void doc_tinfo_build(struct doc *d)
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
			parent->rows = pgb_add_rows(parent->rows < 0 ? 0 : parent->rows, ti->rows);
			parent->src = ROWS_PARTS;
			parent->sources |= ti->sources;
		}
	}
}

void doc_tinfo_free(struct doc *d)
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

/* Index keys (struct index_key *), each as facts_put_index_key() writes it, separated by ", ". */
static void put_keys(struct strbuf *sb, const struct ptrvec *keys)
{
	struct strbuf k;
	sb_init(&k);
	for (size_t i = 0; i < keys->n; i++) {
		if (i > 0)
			doc_put(sb, ", ");
		sb_reset(&k);
		facts_put_index_key(&k, keys->v[i]);
		doc_putq(sb, k.data);
	}
	sb_free(&k);
}

static void put_flags(struct strbuf *sb, const struct constraint *c)
{
	struct fact f[FACTS_MAX];
	size_t n = facts_constraint_flags(c, f);
	for (size_t i = 0; i < n; i++) {
		/* The docstring has never named temporal or NOT ENFORCED keys. */
		if (f[i].kind == FACT_TEMPORAL || f[i].kind == FACT_NOT_ENFORCED)
			continue;
		doc_put(sb, " ");
		doc_put(sb, f[i].keyword);
	}
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
		break;
	case CON_FOREIGN:
		doc_put(sb, "FK(");
		doc_put_list(sb, &c->columns);
		doc_put(sb, ") " ARROW_RIGHT " ");
		put_fk_target(sb, t, c);
		/* "CASCADE ON UPDATE SET NULL MATCH FULL": ON DELETE without its keyword, MATCH
		 * last. */
		struct fact f[FACTS_MAX];
		size_t n = facts_fk_clauses(c, f);
		for (size_t k = 0; k < n; k++) {
			if (f[k].kind == FACT_MATCH)
				continue;
			doc_put(sb, " ");
			if (f[k].kind != FACT_ON_DELETE) {
				doc_put(sb, f[k].keyword);
				doc_put(sb, " ");
			}
			doc_putq(sb, f[k].value);
		}
		if (n > 0 && f[0].kind == FACT_MATCH) {
			doc_put(sb, " MATCH ");
			doc_putq(sb, f[0].value);
		}
		break;
	case CON_CHECK:
		doc_put(sb, "CHECK(");
		doc_putq(sb, c->expression);
		doc_put(sb, ")");
		break;
	case CON_EXCLUSION:
		/* "WHERE (...)" in parentheses; the INCLUDE list has never been shown here. */
		doc_put(sb, "EXCLUDE ");
		if (c->method != NULL) {
			doc_putq(sb, c->method);
			doc_put(sb, " ");
		}
		doc_put(sb, "(");
		put_keys(sb, &c->keys);
		doc_put(sb, ")");
		if (c->where != NULL) {
			doc_put(sb, " WHERE (");
			doc_putq(sb, c->where);
			doc_put(sb, ")");
		}
		put_flags(sb, c);
		return;
	}
	struct fact f[FACTS_MAX];
	facts_put_sql(sb, f, facts_constraint_tail(c, f), doc_putq, doc_putq);
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
	bool method = facts_index_method(ix) != NULL;
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
	put_keys(sb, &ix->keys);
	struct fact f[FACTS_MAX];
	facts_put_sql(sb, f, facts_index_tail(ix, f), doc_putq, doc_putq);
	if (ix->h.comment != NULL) {
		doc_put(sb, " -- ");
		doc_putq(sb, ix->h.comment);
	}
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
		for (size_t i = 0; i < t->inherits.n; i++) {
			struct strbuf parent;
			sb_init(&parent);
			facts_put_parent(&parent, d->tables, t->inherits.v[i]);
			doc_put(ln, i > 0 ? ", " : "");
			doc_putq(ln, parent.data);
			sb_free(&parent);
		}
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
	struct fact f[FACTS_MAX];
	size_t n = facts_column_clauses(c, f), i = 0;
	doc_putq(sb, c->name);
	doc_put(sb, ": ");
	doc_putq(sb, c->type);
	if (i < n && f[i].kind == FACT_COLLATE)
		facts_put_sql(sb, &f[i++], 1, doc_putq, doc_putq);
	doc_put(sb, c->not_null ? " NOT NULL" : " NULL");
	*split = sb->len;
	for (; i < n; i++) {
		switch (f[i].kind) {
		case FACT_IDENTITY:
			doc_put(sb, c->identity == IDENTITY_ALWAYS
					? " GENERATED ALWAYS AS IDENTITY"
					: " GENERATED BY DEFAULT AS IDENTITY");
			break;
		case FACT_GENERATED:
			doc_put(sb, " GENERATED ALWAYS AS (");
			doc_putq(sb, f[i].value);
			doc_put(sb, f[i].variant ? ") VIRTUAL" : ") STORED");
			break;
		case FACT_INHERITED:
			doc_put(sb, " (inherited)");
			break;
		default:
			facts_put_sql(sb, &f[i], 1, doc_putq, doc_putq);
			break;
		}
	}
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

void doc_write_included_tables(struct doc *d)
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
 * orders ↔ products (Many-to-Many via order_items); a table that
 * references another twice names the columns of each key:
 * users ← orders [created_by], users ← orders [updated_by].
 */

/* Does t have another foreign key to the table c references?  Then c's columns tell them apart. */
static bool references_twice(const struct table *t, const struct constraint *c)
{
	const char *schema = c->ref_schema ? c->ref_schema : t->h.schema;
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *o = t->constraints.v[i];
		if (o != c && o->kind == CON_FOREIGN && facts_nz(o->ref_table)[0] &&
		    strcmp(facts_nz(o->ref_table), facts_nz(c->ref_table)) == 0 &&
		    strcmp(o->ref_schema ? o->ref_schema : t->h.schema, schema) == 0)
			return true;
	}
	return false;
}

static void write_relationship(struct doc *d, const struct table *t, const struct constraint *c)
{
	struct strbuf *ln = &d->line;
	doc_put(ln, "        - ");
	doc_put_rel(ln, c->ref_schema ? c->ref_schema : t->h.schema, c->ref_table);
	doc_put(ln, " " ARROW_LEFT " ");
	doc_put_rel(ln, t->h.schema, t->h.name);
	if (references_twice(t, c)) {
		/* orders [created_by] and orders [updated_by]: which key is which. */
		struct strbuf cols;
		sb_init(&cols);
		facts_put_names(&cols, &c->columns);
		doc_put(ln, " [");
		doc_putq(ln, cols.data);
		doc_put(ln, "]");
		sb_free(&cols);
	}
	doc_put(ln, table_columns_unique(t, &c->columns) ? " (One-to-One, " : " (One-to-Many, ");
	doc_putq(ln, facts_action_shown(c->on_delete) ? c->on_delete : "NO ACTION");
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

void doc_write_relationships(struct doc *d)
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

void doc_write_data_volume(struct doc *d)
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
		doc_line(d, 4,
			 "Data Volume: not known (no COPY or INSERT data in the dump, no --stats)");
		return;
	}
	doc_put(&d->line, "    Data Volume (from ");
	if (sources & (1u << ROWS_STATS)) {
		doc_putq(&d->line, doc_basename(d->o->stats_file));
		if (sources & (1u << ROWS_COPY))
			doc_put(&d->line, ", else ");
	}
	if (sources & (1u << ROWS_COPY))
		doc_put(&d->line, "the dump's COPY and INSERT data");
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
 * Minimal: the tables on one wrapped line and the total row count.
 */

void doc_write_minimal_schema(struct doc *d)
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
			total = pgb_add_rows(total, ti->rows);
			known++;
		}
	}
	doc_flow_end(&f, "none");
	doc_put(&d->line, "    Total records: ");
	if (known == 0)
		doc_put(&d->line, "not known (no COPY or INSERT data in the dump, no --stats)");
	else {
		doc_put_count(&d->line, total);
		if (known == listed)
			doc_put(&d->line, " across all tables");
		else
			sb_printf(&d->line, " across %zu of %zu tables", known, listed);
	}
	doc_end_line(d);
	if (d->m->source.unparsed > 0) {
		sb_printf(&d->line, "    Unparsed statements: %ld (not reflected here)",
			  d->m->source.unparsed);
		doc_end_line(d);
	}
}
