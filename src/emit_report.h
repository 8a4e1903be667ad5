/*
 * emit_report.h
 *	  What the files of the HTML report share (internal to them): the
 *	  state of one report, and HTML's escaping.  The report is split as a
 *	  reader takes it in:
 *
 *	  - emit_report.c: the page (its head, the Content-Security-Policy,
 *	    the style and the script), the summary, the searchable table
 *	    list, every lint finding and the statements not read;
 *	  - emit_report_table.c: one table: its columns, keys, indexes,
 *	    relationships, comments, row counts, grants and findings;
 *	  - emit_report_security.c: the security view (security.h);
 *	  - emit_report_diagram.c: the diagrams, inline SVG per schema and
 *	    per table (diagram.h);
 *	  - emit_report_html.c: escaping text from the dump for HTML.
 *
 *	  Every string from the dump goes through report_text() or
 *	  report_attr(): it comes out as text, never markup.
 */
#ifndef PGB_EMIT_REPORT_H
#define PGB_EMIT_REPORT_H

#include "diagram.h"
#include "emit.h"
#include "lint.h"
#include "security.h"

/* A foreign key that references a table (its "referenced by" list). */
struct report_ref {
	const struct table *child;
	const struct constraint *fk;
};

struct report {
	const struct model *m;
	const struct emit_opts *opts;
	struct sink *out;
	struct table_index *tix;
	/* per m->tables index (included tables only): */
	struct ptrvec *findings; /* const struct lint_finding * */
	struct ptrvec *refs;	 /* struct report_ref *: foreign keys that reference it */
	struct ptrvec *grants;	 /* const struct security_grant *: its and its columns' */
	struct report_ref *ref_store;
	struct security_view sec;
	int depth;			/* FK hops of a table's diagram */
	bool diagrams;			/* Graphviz is in this build */
	bool table_diagrams;		/* each table's own too (EMIT_REPORT_TABLE_DIAGRAMS) */
	size_t diagrams_failed;		/* diagrams Graphviz could not draw */
	const char *diagram_why;	/* why the first one failed (static) */
	size_t n_tables;		/* included tables */
	const struct lint_report *lint; /* or NULL */
};

/* The page's anchors: "t12" (m->tables index), "s3" (schema's rank), "f" ... */
void report_table_href(struct sink *out, size_t i);

/*
 * Text from the dump as HTML text: &, <, >, " and ' as entities, and every
 * character escape_char() finds unsafe as its visible escape.  NULL
 * writes nothing.  Also right inside an attribute value in double quotes.
 */
void report_text(struct sink *out, const char *s);
/* The same into a strbuf. */
void report_text_sb(struct strbuf *sb, const char *s);
/* s in <code>, as report_text() writes it. */
void report_code(struct sink *out, const char *s);
/* A name as psql takes it ("Album" quoted), in <code>. */
void report_name(struct sink *out, const char *name);
/* schema.name as psql takes it, in <code>. */
void report_qualified(struct sink *out, const char *schema, const char *name);
/* A lint severity as a badge: <span class="sev sev-warning">warning</span>. */
void report_severity(struct sink *out, enum lint_severity s);
/* A link to table i's section, its qualified name as text. */
void report_table_link(struct report *r, size_t i);
/* The link to schema.name when it is an included table, else its name in <code>. */
void report_table_ref(struct report *r, const char *schema, const char *name);

/* emit_report_table.c: table i's section. */
void report_write_table(struct report *r, size_t i);
/* emit_report_security.c: the security section. */
void report_write_security(struct report *r);
/* emit_report_diagram.c: the per-schema diagrams section, and table i's diagram. */
void report_write_schema_diagrams(struct report *r);
void report_write_table_diagram(struct report *r, size_t i);
/* A "diagrams are not drawn" note when this build cannot draw them. */
void report_write_diagram_note(struct report *r);

#endif /* PGB_EMIT_REPORT_H */
