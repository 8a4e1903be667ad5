/*
 * emit.h
 *	  The inventory emitters: the model as a text report for a migration
 *	  specialist, a Markdown document for an auditor, or JSON under the
 *	  versioned contract in docs/inventory-json.md.
 *
 *	  Each writes only the objects whose h.included is set, in the model's
 *	  order (the caller has run filter_apply and model_sort), and
 *	  returns 0, or -1 when writing to `out` failed.
 */
#ifndef PGB_EMIT_H
#define PGB_EMIT_H

#include "escape.h"
#include "model.h"
#include "sink.h"

struct baseline_opts;
struct comparison;
struct lint_report;
struct change;
struct diagram_opts;
struct stats;

/* What an emitter may need besides the model; NULL is allowed for the inventories and diagrams. */
struct emit_opts {
	const struct baseline_opts *baseline; /* revision and stamp-sql: required */
	/* diff's formats: required (m is then the NEW model) */
	const struct comparison *comparison;
	const char *old_label, *new_label;  /* what OLD and NEW are (file names), or NULL */
	const struct lint_report *lint;	    /* lint's formats: required (lint.h) */
	const struct diagram_opts *diagram; /* diagram's and report's: what to draw, or NULL */
	const struct stats *stats;	    /* report: row counts (stats.h), or NULL */
	bool security; /* inspect --security: the text and Markdown show the security view */
};

/* Every output format, one row each in emit.c's table. */
enum emit_format {
	EMIT_TEXT,
	EMIT_MARKDOWN,
	EMIT_JSON,
	EMIT_MERMAID,
	EMIT_DOT,
	EMIT_REVISION,
	EMIT_STAMP_SQL,
	EMIT_CI_SCRIPT,
	EMIT_CI_WORKFLOW,
	EMIT_DIFF_TEXT,
	EMIT_DIFF_MARKDOWN,
	EMIT_DIFF_JSON,
	EMIT_DIFF_SQL, /* plan.h's: its row in emit.c is the plan's to fill */
	EMIT_LINT_TEXT,
	EMIT_LINT_JSON,
	EMIT_LINT_SARIF,
	EMIT_LINT_MARKDOWN,
	EMIT_MODELS, /* emit_models.c: SQLAlchemy metadata of the tables */
	EMIT_SVG,    /* emit_svg.c: the diagram drawn by Graphviz's library */
	EMIT_REPORT, /* emit_report*.c: one self-contained HTML file */
};

/* Which command writes a format (what `--format` of that command accepts). */
enum emit_family {
	EMIT_INVENTORY, /* inspect */
	EMIT_DIAGRAM,	/* diagram */
	EMIT_BASELINE,	/* baseline's files */
	EMIT_DIFF,	/* diff */
	EMIT_LINT,	/* lint */
	EMIT_MODELS_PY, /* models */
	EMIT_HTML,	/* report */
};

/* Writes m's included objects to out; 0, or -1 when writing failed. */
typedef int (*emit_write_fn)(const struct model *m, const struct emit_opts *opts, struct sink *out);

struct emitter {
	enum emit_format format;
	enum emit_family family;
	const char *name;  /* "markdown", as --format takes it */
	const char *alias; /* another accepted name ("md"), or NULL */
	const char *what;  /* one line: what it writes */
	emit_write_fn write;
};

/* The emitter called name (or its alias), or NULL.  Static storage. */
const struct emitter *emit_find(const char *name);
/* The emitter called name (or its alias) in family, or NULL.  Static storage. */
const struct emitter *emit_find_in(enum emit_family family, const char *name);
/* The emitter of a format.  Static storage. */
const struct emitter *emit_get(enum emit_format format);

/* The rows of the table (emit_text.c, emit_markdown.c, ...). */
int emit_text(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_markdown(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_json(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_mermaid(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_dot(const struct model *m, const struct emit_opts *opts, struct sink *out);
/* The diagram as SVG, laid out by Graphviz's library (emit_svg.c, diagram_svg.c). */
int emit_svg(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_revision(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_stamp_sql(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_ci_script(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_ci_workflow(const struct model *m, const struct emit_opts *opts, struct sink *out);
/* diff's formats: opts->comparison, what OLD has that NEW has not and the reverse */
int emit_diff_text(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_diff_markdown(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_diff_json(const struct model *m, const struct emit_opts *opts, struct sink *out);
/* The plan's script (plan.h): OLD into NEW, runnable with psql -v ON_ERROR_STOP=1 -f. */
int emit_diff_sql(const struct model *m, const struct emit_opts *opts, struct sink *out);
/* `models`: one Python module of SQLAlchemy Tables on `metadata` (emit_models.c). */
int emit_models(const struct model *m, const struct emit_opts *opts, struct sink *out);
/* `report`: one self-contained HTML file (emit_report*.c); opts->lint, opts->stats and
 * opts->diagram (its depth) are used when set. */
int emit_report(const struct model *m, const struct emit_opts *opts, struct sink *out);
/* What the report could not draw, for the command to warn about. */
struct emit_report_result {
	size_t diagrams_failed; /* diagrams Graphviz could not draw */
	const char *why;	/* the first one's reason (static), or NULL */
	size_t tables_undrawn; /* tables past EMIT_REPORT_TABLE_DIAGRAMS: no diagram of their own */
};
/* More included tables than this: no table gets a diagram of its own (each schema's is drawn). */
#define EMIT_REPORT_TABLE_DIAGRAMS 2000
/* emit_report, and what it could not draw into *res (NULL: not wanted). */
int emit_report_ex(const struct model *m, const struct emit_opts *opts, struct sink *out,
		   struct emit_report_result *res);

/* lint's formats: opts->lint, its findings (docs/lint-json.md for JSON, SARIF 2.1.0) */
int emit_lint_text(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_lint_json(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_lint_sarif(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_lint_markdown(const struct model *m, const struct emit_opts *opts, struct sink *out);

/*
 * Shared by diff's emitters (emit_diff_common.c).  The changes in the
 * order a reader takes them (into out, which the caller frees with
 * ptrvec_free): schemas, extensions, types and sequences; then each table
 * or view with its own change first and its parts after, by schema and
 * name; then functions and other objects.
 */
void emit_diff_order(const struct comparison *c, struct ptrvec *out);
/* The table or view a change is grouped under (its own name for one), or NULL. */
const char *emit_diff_relation(const struct change *ch);
/* "column", "index", "materialized view", "function", "event trigger", ... */
const char *emit_diff_what(const struct change *ch);
/* The word for a relation group's heading: "table", "view", "materialized view". */
const char *emit_diff_relation_what(const struct comparison *c, const struct change *ch);
/*
 * The change's object named as SQL names it (identifiers quoted when
 * needed): qualified by its schema when `qualified` (parts never are),
 * a function with its arguments, an object with " on " its qualifier.
 */
void emit_diff_name(struct strbuf *sb, const struct change *ch, bool qualified);
/* Do a and b belong to one table's or view's group (emit_diff_relation, same schema)? */
bool emit_diff_same_group(const struct change *a, const struct change *b);
/* The hazard names of bits, ", "-separated, into sb. */
void emit_diff_hazards(struct strbuf *sb, unsigned bits);

/* Shared by the emitters: "a, b, c" of a char * ptrvec, into a malloc'd string. */
char *emit_join(const struct ptrvec *pv, const char *sep);
/* s with every unsafe character replaced by its visible escape (escape.h). */
void emit_put_escaped(struct sink *out, const char *s);
/*
 * Markdown: s shown literally, in a block or a table cell alike (`|` is
 * always escaped; HTML's <, > and & as entities).  A newline (or CRLF)
 * becomes <br> when newline_as_br, else it is shown as "\n".
 */
void emit_md_escape(struct sink *out, const char *s, bool newline_as_br);
/*
 * JSON: s as a jansson string (new reference), or null for NULL.  jansson
 * refuses invalid UTF-8, which a dump may hold: then each byte >= 0x80
 * is '?'.
 */
struct json_t *emit_json_str(const char *s);
/*
 * doc (consumed) written to out as the JSON formats write it: two-space
 * indent, keys in order, a final newline; 0, or -1 when it failed.
 */
int emit_json_write(struct json_t *doc, struct sink *out);

#endif /* PGB_EMIT_H */
