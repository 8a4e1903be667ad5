/*
 * emit_report_table.c
 *	  One table's section of the HTML report: what it is (kind, owner,
 *	  partitioning, row counts, comment), its columns, its keys and other
 *	  constraints, its indexes, its relationships both ways (fkey.h), its
 *	  triggers and policies, who may do what on it (the security view's
 *	  grants), its lint findings and its diagram.  Clauses are the ones
 *	  facts.h decides, written as SQL spells them (facts_put_sql).
 */
#include "emit_report.h"
#include "facts.h"
#include "fkey.h"
#include "stats.h"

#include <string.h>

/* A fragment of SQL made by the facts, shown as code. */
static void put_sql_clauses(struct sink *out, const struct fact *f, size_t n)
{
	struct strbuf sb;
	if (n == 0)
		return;
	sb_init(&sb);
	facts_put_sql(&sb, f, n, sb_append, facts_put_name);
	report_code(out, sb.data);
	sb_free(&sb);
}

static void put_names(struct sink *out, const struct ptrvec *names)
{
	struct strbuf sb;
	sb_init(&sb);
	facts_put_names(&sb, names);
	report_code(out, facts_nz(sb.data));
	sb_free(&sb);
}

static void put_index_keys(struct sink *out, const struct ptrvec *keys)
{
	struct strbuf sb;
	sb_init(&sb);
	facts_put_index_keys(&sb, keys);
	report_code(out, facts_nz(sb.data));
	sb_free(&sb);
}

static void kv_open(struct sink *out, const char *key)
{
	sink_printf(out, "<tr><th>%s</th><td>", key);
}

static void kv_close(struct sink *out)
{
	sink_puts(out, "</td></tr>\n");
}

static void write_facts(struct report *r, const struct table *t)
{
	struct sink *out = r->out;
	const char *label = diagram_kind_label(t);
	sink_puts(out, "<table class=\"kv\">\n");
	kv_open(out, "Kind");
	sink_puts(out, label != NULL ? label : "table");
	if (t->unlogged)
		sink_puts(out, ", unlogged");
	kv_close(out);
	kv_open(out, "Owner");
	if (t->h.owner != NULL)
		report_name(out, t->h.owner);
	else
		sink_puts(out, "<span class=\"muted\">not in the dump</span>");
	kv_close(out);
	if (t->parent_table != NULL) {
		kv_open(out, "Partition of");
		report_table_ref(r, t->parent_schema, t->parent_table);
		if (t->partition_bound != NULL) {
			sink_putc(out, ' ');
			report_code(out, t->partition_bound);
		}
		kv_close(out);
	}
	if (t->partition_key != NULL) {
		kv_open(out, "Partitioned by");
		report_code(out, t->partition_key);
		kv_close(out);
	}
	if (t->inherits.n > 0) {
		kv_open(out, "Inherits");
		for (size_t i = 0; i < t->inherits.n; i++) {
			struct strbuf sb;
			sb_init(&sb);
			facts_put_parent(&sb, r->tix, t->inherits.v[i]);
			sink_puts(out, i > 0 ? ", " : "");
			report_code(out, facts_nz(sb.data));
			sb_free(&sb);
		}
		kv_close(out);
	}
	if (t->kind == TABLE_FOREIGN) {
		kv_open(out, "Foreign server");
		report_name(out, t->foreign_server);
		if (t->foreign_options != NULL) {
			sink_puts(out, " options ");
			report_code(out, t->foreign_options);
		}
		kv_close(out);
	}
	kv_open(out, "Row level security");
	sink_puts(out, t->rls_enabled ? (t->rls_forced ? "enabled, forced" : "enabled")
				      : (t->rls_forced ? "disabled (forced)" : "disabled"));
	kv_close(out);
	kv_open(out, "Rows of data in the dump");
	if (t->rows >= 0)
		sink_printf(out, "%lld", t->rows);
	else
		sink_puts(out, "<span class=\"muted\">none</span>");
	kv_close(out);
	if (r->opts != NULL && r->opts->stats != NULL) {
		long long rows = stats_rows(r->opts->stats, t->h.schema, t->h.name);
		kv_open(out, "Rows (--stats)");
		if (rows >= 0)
			sink_printf(out, "%lld", rows);
		else
			sink_puts(out, "<span class=\"muted\">not listed</span>");
		kv_close(out);
	}
	if (t->h.line > 0) {
		kv_open(out, "Defined at");
		sink_puts(out, "<code>");
		report_text(out, r->m->source.file ? r->m->source.file : "-");
		sink_printf(out, ":%d:%d</code>", t->h.line, t->h.col);
		kv_close(out);
	}
	if (t->h.comment != NULL) {
		kv_open(out, "Comment");
		report_text(out, t->h.comment);
		kv_close(out);
	}
	sink_puts(out, "</table>\n");
}

static void write_column(struct sink *out, const struct table *t, size_t i)
{
	const struct column *c = t->columns.v[i];
	struct fact f[FACTS_MAX];
	size_t n = facts_column_clauses(c, f);
	unsigned keys = diagram_column_keys(t, c->name);

	sink_printf(out, "<tr><td class=\"n\">%zu</td><td>", i + 1);
	report_name(out, c->name);
	sink_puts(out, "</td><td>");
	report_code(out, facts_nz(c->type));
	sink_printf(out, "</td><td>%s</td><td>", c->not_null ? "not null" : "");
	put_sql_clauses(out, f, n);
	sink_printf(out, "</td><td>%s%s%s</td><td>", keys & DIAGRAM_PK ? "PK " : "",
		    keys & DIAGRAM_FK ? "FK " : "", keys & DIAGRAM_UK ? "UK" : "");
	report_text(out, c->comment);
	sink_puts(out, "</td></tr>\n");
}

static void write_columns(struct report *r, const struct table *t)
{
	struct sink *out = r->out;
	sink_printf(out, "<h3>Columns (%zu)</h3>\n", t->columns.n);
	if (t->columns.n == 0) {
		sink_puts(out, "<p class=\"muted\">No columns.</p>\n");
		return;
	}
	sink_puts(out, "<table>\n<thead><tr><th>#</th><th>Column</th><th>Type</th><th>Null</th>"
		       "<th>Default, identity, generation</th><th>Keys</th><th>Comment</th></tr>"
		       "</thead>\n<tbody>\n");
	for (size_t i = 0; i < t->columns.n; i++)
		write_column(out, t, i);
	sink_puts(out, "</tbody>\n</table>\n");
}

static const char *constraint_kind(enum con_kind k)
{
	switch (k) {
	case CON_PRIMARY:
		return "primary key";
	case CON_UNIQUE:
		return "unique";
	case CON_FOREIGN:
		return "foreign key";
	case CON_CHECK:
		return "check";
	case CON_EXCLUSION:
		return "exclusion";
	}
	return "";
}

static void write_constraint(struct report *r, const struct constraint *c)
{
	struct sink *out = r->out;
	struct fact f[FACTS_MAX];
	sink_printf(out, "<tr><td>%s</td><td>", constraint_kind(c->kind));
	report_name(out, c->name);
	sink_puts(out, "</td><td>");
	switch (c->kind) {
	case CON_PRIMARY:
	case CON_UNIQUE:
		put_names(out, &c->columns);
		break;
	case CON_FOREIGN:
		put_names(out, &c->columns);
		sink_puts(out, " &rarr; ");
		report_table_ref(r, c->ref_schema, c->ref_table);
		if (c->ref_columns.n > 0) {
			sink_putc(out, ' ');
			put_names(out, &c->ref_columns);
		}
		sink_putc(out, ' ');
		put_sql_clauses(out, f, facts_fk_clauses(c, f));
		break;
	case CON_CHECK:
		report_code(out, facts_nz(c->expression));
		break;
	case CON_EXCLUSION:
		if (c->method != NULL) {
			sink_puts(out, "using ");
			report_code(out, c->method);
			sink_putc(out, ' ');
		}
		put_index_keys(out, &c->keys);
		break;
	}
	sink_putc(out, ' ');
	put_sql_clauses(out, f, facts_constraint_tail(c, f));
	sink_putc(out, ' ');
	put_sql_clauses(out, f, facts_constraint_flags(c, f));
	sink_puts(out, "</td><td>");
	report_text(out, c->comment);
	sink_puts(out, "</td></tr>\n");
}

static void write_constraints(struct report *r, const struct table *t)
{
	static const enum con_kind kinds[] = {CON_PRIMARY, CON_UNIQUE, CON_FOREIGN, CON_CHECK,
					      CON_EXCLUSION};
	struct sink *out = r->out;
	sink_printf(out, "<h3>Keys and constraints (%zu)</h3>\n", t->constraints.n);
	if (t->constraints.n == 0) {
		sink_puts(out, "<p class=\"muted\">None.</p>\n");
		return;
	}
	sink_puts(out, "<table>\n<thead><tr><th>Kind</th><th>Name</th><th>Definition</th>"
		       "<th>Comment</th></tr></thead>\n<tbody>\n");
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		for (size_t i = 0; i < t->constraints.n; i++)
			if (((const struct constraint *)t->constraints.v[i])->kind == kinds[k])
				write_constraint(r, t->constraints.v[i]);
	sink_puts(out, "</tbody>\n</table>\n");
}

static void write_indexes(struct report *r, const struct table *t)
{
	struct sink *out = r->out;
	struct fact f[FACTS_MAX];
	sink_printf(out, "<h3>Indexes (%zu)</h3>\n", t->indexes.n);
	if (t->indexes.n == 0) {
		sink_puts(out, "<p class=\"muted\">None besides the keys' own.</p>\n");
		return;
	}
	sink_puts(out,
		  "<table>\n<thead><tr><th>Name</th><th>Unique</th><th>Method</th><th>Keys</th>"
		  "<th>Comment</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = t->indexes.v[i];
		sink_puts(out, "<tr><td>");
		report_name(out, ix->h.name);
		sink_printf(out, "</td><td>%s</td><td>", ix->unique ? "unique" : "");
		report_code(out, facts_index_method(ix) ? facts_index_method(ix) : "btree");
		sink_puts(out, "</td><td>");
		put_index_keys(out, &ix->keys);
		sink_putc(out, ' ');
		put_sql_clauses(out, f, facts_index_tail(ix, f));
		sink_puts(out, "</td><td>");
		report_text(out, ix->h.comment);
		sink_puts(out, "</td></tr>\n");
	}
	sink_puts(out, "</tbody>\n</table>\n");
}

static void put_cardinality(struct sink *out, const struct table *t, const struct constraint *fk)
{
	struct fkey_card card;
	fkey_cardinality(t, fk, &card);
	sink_printf(out, "%s, %s%s", card.one_to_one ? "one-to-one" : "many-to-one",
		    card.optional ? "optional" : "required",
		    card.identifying ? ", identifying" : "");
}

static void write_relationships(struct report *r, size_t ti)
{
	const struct table *t = r->m->tables.v[ti];
	const struct ptrvec *in = &r->refs[ti];
	struct sink *out = r->out;
	size_t n_out = 0;
	const struct constraint *a, *b;

	for (size_t i = 0; i < t->constraints.n; i++)
		n_out += ((const struct constraint *)t->constraints.v[i])->kind == CON_FOREIGN;
	sink_printf(out, "<h3>Relationships (%zu out, %zu in)</h3>\n", n_out, in->n);
	if (fkey_association(t, &a, &b)) {
		sink_puts(out, "<p>An association table: a many-to-many relationship between ");
		report_table_ref(r, a->ref_schema ? a->ref_schema : t->h.schema, a->ref_table);
		sink_puts(out, " and ");
		report_table_ref(r, b->ref_schema ? b->ref_schema : t->h.schema, b->ref_table);
		sink_puts(out, ".</p>\n");
	}
	if (n_out + in->n == 0) {
		sink_puts(out, "<p class=\"muted\">No foreign key from or to this table.</p>\n");
		return;
	}
	sink_puts(out, "<table>\n<thead><tr><th>Direction</th><th>Table</th><th>Foreign key</th>"
		       "<th>Columns</th><th>Cardinality</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *k = t->constraints.v[i];
		if (k->kind != CON_FOREIGN)
			continue;
		sink_puts(out, "<tr><td>references</td><td>");
		report_table_ref(r, k->ref_schema ? k->ref_schema : t->h.schema, k->ref_table);
		sink_puts(out, "</td><td>");
		report_name(out, k->name);
		sink_puts(out, "</td><td>");
		put_names(out, &k->columns);
		sink_puts(out, " &rarr; ");
		put_names(out, &k->ref_columns);
		sink_puts(out, "</td><td>");
		put_cardinality(out, t, k);
		sink_puts(out, "</td></tr>\n");
	}
	for (size_t i = 0; i < in->n; i++) {
		const struct report_ref *ref = in->v[i];
		sink_puts(out, "<tr><td>referenced by</td><td>");
		report_table_ref(r, ref->child->h.schema, ref->child->h.name);
		sink_puts(out, "</td><td>");
		report_name(out, ref->fk->name);
		sink_puts(out, "</td><td>");
		put_names(out, &ref->fk->columns);
		sink_puts(out, " &rarr; ");
		put_names(out, &ref->fk->ref_columns);
		sink_puts(out, "</td><td>");
		put_cardinality(out, ref->child, ref->fk);
		sink_puts(out, "</td></tr>\n");
	}
	sink_puts(out, "</tbody>\n</table>\n");
}

static void write_triggers(struct report *r, const struct table *t)
{
	struct sink *out = r->out;
	if (t->triggers.n == 0)
		return;
	sink_printf(out,
		    "<h3>Triggers (%zu)</h3>\n<table>\n<thead><tr><th>Name</th><th>When</th>"
		    "<th>Executes</th><th>Comment</th></tr></thead>\n<tbody>\n",
		    t->triggers.n);
	for (size_t i = 0; i < t->triggers.n; i++) {
		const struct trigger *tg = t->triggers.v[i];
		sink_puts(out, "<tr><td>");
		report_name(out, tg->name);
		if (tg->constraint_trigger)
			sink_puts(out, " (constraint trigger)");
		sink_puts(out, "</td><td>");
		report_text(out, tg->timing);
		sink_putc(out, ' ');
		report_text(out, tg->events);
		sink_printf(out, ", for each %s", tg->for_each_row ? "row" : "statement");
		if (tg->when != NULL) {
			sink_puts(out, " when ");
			report_code(out, tg->when);
		}
		sink_puts(out, "</td><td>");
		report_code(out, tg->function);
		sink_puts(out, "</td><td>");
		report_text(out, tg->comment);
		sink_puts(out, "</td></tr>\n");
	}
	sink_puts(out, "</tbody>\n</table>\n");
}

static void write_policies(struct report *r, const struct table *t)
{
	struct sink *out = r->out;
	if (t->policies.n == 0)
		return;
	sink_printf(out,
		    "<h3>Policies (%zu)</h3>\n<table>\n<thead><tr><th>Name</th><th>Kind</th>"
		    "<th>Command</th><th>Roles</th><th>Using</th><th>With check</th>"
		    "</tr></thead>\n<tbody>\n",
		    t->policies.n);
	for (size_t i = 0; i < t->policies.n; i++) {
		const struct policy *p = t->policies.v[i];
		sink_puts(out, "<tr><td>");
		report_name(out, p->name);
		sink_printf(out, "</td><td>%s</td><td>",
			    p->permissive ? "permissive" : "restrictive");
		report_text(out, p->command ? p->command : "ALL");
		sink_puts(out, "</td><td>");
		if (p->roles.n == 0)
			sink_puts(out, "<code>PUBLIC</code>");
		else
			put_names(out, &p->roles);
		sink_puts(out, "</td><td>");
		if (p->using_expr != NULL)
			report_code(out, p->using_expr);
		sink_puts(out, "</td><td>");
		if (p->check_expr != NULL)
			report_code(out, p->check_expr);
		sink_puts(out, "</td></tr>\n");
	}
	sink_puts(out, "</tbody>\n</table>\n");
}

static void write_grants(struct report *r, size_t ti)
{
	const struct ptrvec *g = &r->grants[ti];
	struct sink *out = r->out;
	sink_printf(out, "<h3>Privileges (%zu)</h3>\n", g->n);
	if (g->n == 0) {
		const struct table *t = r->m->tables.v[ti];
		if (t->h.owner != NULL) {
			sink_puts(out, "<p class=\"muted\">Only its owner ");
			report_name(out, t->h.owner);
			sink_puts(out,
				  " (and superusers): no GRANT to another role, and PostgreSQL's "
				  "default gives PUBLIC nothing on a table.</p>\n");
		} else {
			sink_puts(out, "<p class=\"muted\">No owner, GRANT or REVOKE in the "
				       "dump.</p>\n");
		}
		return;
	}
	sink_puts(out, "<table>\n<thead><tr><th>Role</th><th>Privileges</th><th>Column</th>"
		       "<th>Grant option</th><th>Source</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < g->n; i++) {
		const struct security_grant *sg = g->v[i];
		sink_puts(out, "<tr><td>");
		if (sg->role != NULL && strcmp(sg->role, "PUBLIC") == 0)
			report_code(out, "PUBLIC");
		else
			report_name(out, sg->role);
		sink_puts(out, "</td><td>");
		report_text(out, sg->privileges);
		sink_puts(out, "</td><td>");
		if (sg->column != NULL)
			report_name(out, sg->column);
		sink_printf(out, "</td><td>%s</td><td>%s</td></tr>\n",
			    sg->with_grant_option ? "yes" : "",
			    sg->is_default ? "PostgreSQL's default" : "GRANT");
	}
	sink_puts(out, "</tbody>\n</table>\n");
}

static void write_table_findings(struct report *r, size_t ti)
{
	const struct ptrvec *fs = &r->findings[ti];
	struct sink *out = r->out;
	if (r->lint == NULL)
		return;
	sink_printf(out, "<h3>Lint findings (%zu)</h3>\n", fs->n);
	if (fs->n == 0) {
		sink_puts(out, "<p class=\"muted\">None.</p>\n");
		return;
	}
	sink_puts(out, "<ul class=\"items\">\n");
	for (size_t i = 0; i < fs->n; i++) {
		const struct lint_finding *f = fs->v[i];
		sink_puts(out, "<li>");
		report_severity(out, f->severity);
		sink_printf(out, " <code>%s</code> ", f->rule->id);
		report_text(out, f->message);
		if (f->rows >= 0)
			sink_printf(out, " (%lld rows)", f->rows);
		if (f->loc.line > 0)
			sink_printf(out, " <span class=\"muted\">line %d</span>", f->loc.line);
		sink_puts(out, "</li>\n");
	}
	sink_puts(out, "</ul>\n");
}

void report_write_table(struct report *r, size_t i)
{
	const struct table *t = r->m->tables.v[i];
	struct sink *out = r->out;
	sink_printf(out,
		    "<section class=\"tbl\" id=\"t%zu\">\n<p><a href=\"#tables\">&larr; all "
		    "tables</a></p>\n<h2>",
		    i);
	sink_puts(out, t->kind == TABLE_FOREIGN ? "Foreign table " : "Table ");
	report_qualified(out, t->h.schema, t->h.name);
	sink_puts(out, "</h2>\n");
	write_facts(r, t);
	write_columns(r, t);
	write_constraints(r, t);
	write_indexes(r, t);
	write_relationships(r, i);
	write_triggers(r, t);
	write_policies(r, t);
	write_grants(r, i);
	write_table_findings(r, i);
	report_write_table_diagram(r, i);
	sink_puts(out, "</section>\n");
}
