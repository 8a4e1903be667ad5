/*
 * emit_report_diagram.c
 *	  The report's diagrams, inline SVG drawn in process by Graphviz's
 *	  library (diagram_svg): one per schema (its tables, and stubs of the
 *	  tables of other schemas its foreign keys reference), and one per table
 *	  that has a relationship (the table and its foreign-key neighbours,
 *	  --depth hops away).  A build without Graphviz (the static one) says so
 *	  on the page instead, and a diagram Graphviz could not draw is named
 *	  with the reason: a diagram is never left out in silence.
 */
#include "emit_report.h"
#include "facts.h"

#include <string.h>

void report_write_diagram_note(struct report *r)
{
	if (!r->diagrams)
		sink_puts(r->out, "<p class=\"note diagrams-not-drawn\">Diagrams are not drawn: "
				  "this pgbaseline was built without Graphviz's library.</p>\n");
	else if (!r->table_diagrams)
		sink_printf(r->out,
			    "<p class=\"note table-diagrams-not-drawn\">Tables have no diagram of "
			    "their own: %zu tables are more than the %d the report draws one each "
			    "for (each schema's diagram is drawn).  Draw fewer with -n, -N, -t or "
			    "-T, or one with <code>pgbaseline diagram --format svg --around "
			    "TABLE</code>.</p>\n",
			    r->n_tables, EMIT_REPORT_TABLE_DIAGRAMS);
}

/* d drawn into the page, or a note saying why it is not. */
static void put_svg(struct report *r, const struct diagram *d)
{
	struct strbuf svg;
	const char *why = NULL;
	sb_init(&svg);
	if (diagram_svg(d, &svg, &why) == 0 && svg.len > 0) {
		sink_puts(r->out, "<div class=\"diagram\">\n");
		sink_write(r->out, svg.data, svg.len);
		sink_puts(r->out, "\n</div>\n");
	} else {
		if (r->diagrams_failed++ == 0)
			r->diagram_why = why;
		sink_puts(r->out, "<p class=\"note\">This diagram could not be drawn: ");
		report_text(r->out, why != NULL ? why : "Graphviz failed");
		sink_puts(r->out, ".</p>\n");
	}
	sb_free(&svg);
}

void report_write_schema_diagrams(struct report *r)
{
	struct sink *out = r->out;
	const struct model *m = r->m;
	sink_puts(out, "<section id=\"diagrams\">\n<h2>Diagrams</h2>\n");
	report_write_diagram_note(r);
	if (!r->diagrams || r->n_tables == 0) {
		if (r->n_tables == 0)
			sink_puts(out, "<p class=\"muted\">No tables to draw.</p>\n");
		sink_puts(out, "</section>\n");
		return;
	}
	sink_puts(out, "<p class=\"muted\">One diagram per schema; each table's own diagram (the "
		       "table and its foreign-key neighbours) is in its section.</p>\n");
	/* m->tables is sorted by schema: one diagram per run of one schema's tables. */
	size_t rank = 0;
	for (size_t i = 0; i < m->tables.n;) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included) {
			i++;
			continue;
		}
		const char *schema = facts_nz(t->h.schema);
		size_t n = 0, j = i;
		for (; j < m->tables.n; j++) {
			const struct table *u = m->tables.v[j];
			if (strcmp(facts_nz(u->h.schema), schema) != 0)
				break;
			n += u->h.included;
		}
		struct diagram d;
		diagram_plan_opts(m, &(struct diagram_opts){.schema = schema}, &d);
		sink_printf(out, "<details id=\"s%zu\"><summary>Schema ", rank++);
		report_name(out, schema);
		sink_printf(out, " (%zu table%s)</summary>\n", n, n == 1 ? "" : "s");
		put_svg(r, &d);
		sink_puts(out, "</details>\n");
		diagram_free(&d);
		i = j;
	}
	sink_puts(out, "</section>\n");
}

void report_write_table_diagram(struct report *r, size_t i)
{
	const struct table *t = r->m->tables.v[i];
	struct sink *out = r->out;
	size_t fks = r->refs[i].n;
	for (size_t c = 0; c < t->constraints.n; c++)
		fks += ((const struct constraint *)t->constraints.v[c])->kind == CON_FOREIGN;
	sink_printf(out, "<h3>Diagram</h3>\n");
	if (!r->diagrams) {
		report_write_diagram_note(r);
		return;
	}
	if (!r->table_diagrams) {
		sink_printf(
		    out,
		    "<p class=\"note\">Not drawn: the report draws each table's own diagram "
		    "for at most %d tables, and this one has %zu; its schema's diagram shows "
		    "it.</p>\n",
		    EMIT_REPORT_TABLE_DIAGRAMS, r->n_tables);
		return;
	}
	if (fks == 0) {
		sink_puts(out, "<p class=\"muted\">No foreign key from or to this table: nothing "
			       "to draw besides its columns above.</p>\n");
		return;
	}
	struct diagram d;
	diagram_plan_opts(r->m, &(struct diagram_opts){.around = t, .depth = r->depth}, &d);
	if (r->depth > 1)
		sink_printf(out,
			    "<p class=\"muted\">The table and its neighbours up to %d foreign "
			    "keys away.</p>\n",
			    r->depth);
	put_svg(r, &d);
	diagram_free(&d);
}
