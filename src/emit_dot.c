/*
 * emit_dot.c
 *	  The ER diagram in Graphviz's dot language (diagram.h): each table is
 *	  a node whose label is an HTML-like table (a header with the name,
 *	  one row per column: name, type, keys, NOT NULL), and each foreign
 *	  key an edge from the row of the key's first column to the row of the
 *	  referenced column,
 *	  with crow's-foot ends and the constraint's name as its label.
 *
 *	  Nothing from the dump is written outside an HTML-like label: nodes
 *	  are named t1, t2, ... and their rows' ports c1, c2, ..., so no name
 *	  meets the rules of quoted IDs (where a trailing backslash cannot be
 *	  written).  In the labels &, <, > and " are written as entities, a
 *	  backslash is doubled (Graphviz expands \N, \G, \E to the node's,
 *	  graph's or edge's name in HTML-like labels too, after decoding
 *	  entities, and reads \\ as one backslash), and every other character
 *	  is written as it is, but those no drawing can show: control
 *	  characters, invisible and bidirectional marks, and U+FFFE and
 *	  U+FFFF, which get diagram_char()'s visible escapes ("\n", "\x07",
 *	  "\u200f").  (In its SVG, Graphviz writes the second and later spaces
 *	  of a run as no-break spaces, so that they stay visible.)
 */
#include "diagram.h"

#include <string.h>

/* Graphviz reads \\ in a label as one backslash (and \N, \G as names, even here). */
static void put_backslashed(struct sink *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\')
			sink_putc(out, '\\');
		sink_putc(out, s[i]);
	}
}

static void html_text(struct sink *out, const char *s)
{
	char esc[ESCAPE_MAX];

	while (*s) {
		size_t len = diagram_char(s, esc);
		if (esc[0] != '\0')
			put_backslashed(out, esc, strlen(esc));
		else if (*s == '&')
			sink_puts(out, "&amp;");
		else if (*s == '<')
			sink_puts(out, "&lt;");
		else if (*s == '>')
			sink_puts(out, "&gt;");
		else if (*s == '"')
			sink_puts(out, "&quot;");
		else
			put_backslashed(out, s, len);
		s += len;
	}
}

static void html_qualified(struct sink *out, const char *schema, const char *name)
{
	html_text(out, schema);
	sink_putc(out, '.');
	html_text(out, name);
}

static void write_kind(struct sink *out, const struct diagram_entity *e)
{
	const struct table *t = e->t;
	const char *kind = diagram_kind_label(t);

	if (kind == NULL)
		return;
	sink_puts(out, "    <TR><TD COLSPAN=\"4\"><I>");
	sink_puts(out, kind);
	if (e->n_partitions > 0)
		sink_printf(out, ", %zu partition%s", e->n_partitions,
			    e->n_partitions == 1 ? "" : "s");
	if (t->kind == TABLE_PARTITION && t->parent_table != NULL) {
		sink_puts(out, " of ");
		html_qualified(out, t->parent_schema ? t->parent_schema : t->h.schema,
			       t->parent_table);
	}
	sink_puts(out, "</I></TD></TR>\n");
}

static void write_keys(struct sink *out, unsigned keys)
{
	const char *sep = "";
	if (keys & DIAGRAM_PK)
		sink_puts(out, "PK"), sep = ", ";
	if (keys & DIAGRAM_FK)
		sink_printf(out, "%sFK", sep), sep = ", ";
	if (keys & DIAGRAM_UK)
		sink_printf(out, "%sUK", sep);
}

static void write_entity(struct sink *out, const struct diagram_entity *e, size_t id)
{
	if (e->t == NULL) {
		sink_printf(out, "  t%zu [shape=box, style=dashed, label=<", id);
		html_qualified(out, e->schema, e->name);
		sink_puts(out, ">];\n");
		return;
	}
	sink_printf(out, "  t%zu [label=<\n", id);
	sink_puts(
	    out, "    <TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">\n");
	sink_puts(out, "    <TR><TD COLSPAN=\"4\" BGCOLOR=\"#dde4f0\"><B>");
	html_qualified(out, e->schema, e->name);
	sink_puts(out, "</B></TD></TR>\n");
	write_kind(out, e);
	for (size_t i = 0; i < e->t->columns.n; i++) {
		const struct column *c = e->t->columns.v[i];
		unsigned keys = diagram_column_keys(e->t, c->name);
		if (e->keys_only && keys == 0)
			continue;
		sink_printf(out, "    <TR><TD PORT=\"c%zu\" ALIGN=\"LEFT\">", i + 1);
		html_text(out, c->name);
		sink_puts(out, "</TD><TD ALIGN=\"LEFT\">");
		html_text(out, c->type ? c->type : "");
		sink_puts(out, "</TD><TD ALIGN=\"LEFT\">");
		write_keys(out, keys);
		sink_printf(out, "</TD><TD PORT=\"c%zur\" ALIGN=\"LEFT\">%s</TD></TR>\n", i + 1,
			    c->not_null ? "NOT NULL" : "");
	}
	sink_puts(out, "    </TABLE>>];\n");
}

/* A column's row has a port at each end: cN on the left, cNr on the right. */
static void write_end(struct sink *out, size_t entity, long column, bool right)
{
	sink_printf(out, "t%zu", entity + 1);
	if (column >= 0)
		sink_printf(out, right ? ":c%ldr:e" : ":c%ld:w", column + 1);
}

/*
 * From the right end of the key's row to the left end of the referenced
 * column's row.  Arrow shapes are listed from the node outwards: the most
 * at the node (crow: many, tee: one), the least beyond it (odot: none,
 * tee: one).
 */
static void write_relationship(struct sink *out, const struct diagram_rel *r)
{
	sink_puts(out, "  ");
	write_end(out, r->child, r->child_column, true);
	sink_puts(out, " -> ");
	write_end(out, r->parent, r->parent_column, false);
	sink_printf(out, " [arrowtail=%s, arrowhead=%s%s, label=<",
		    r->card.one_to_one ? "teeodot" : "crowodot",
		    r->card.optional ? "teeodot" : "teetee",
		    r->card.identifying ? "" : ", style=dashed");
	html_text(out, r->fk->name ? r->fk->name : "");
	sink_puts(out, ">];\n");
}

static void write_tail(struct sink *out, const struct diagram *d)
{
	sink_puts(out, "}\n");
}

const struct diagram_lang emit_dot_lang = {
    "// pgbaseline: one node per table, one edge per foreign key.  A dashed box: a\n"
    "// referenced table not drawn in full.  A dashed edge: the key is not within\n"
    "// the referencing table's primary key.\n"
    "digraph schema {\n"
    "  graph [rankdir=LR, fontname=\"Helvetica\"];\n"
    "  node [shape=plain, fontname=\"Helvetica\", fontsize=10];\n"
    "  edge [dir=both, fontname=\"Helvetica\", fontsize=9];\n",
    write_entity, write_relationship, write_tail};

int emit_dot(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	return diagram_draw_opts(m, opts ? opts->diagram : NULL, &emit_dot_lang, out);
}
