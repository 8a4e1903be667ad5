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

/* What an emitter may need besides the model; NULL is allowed for the inventories and diagrams. */
struct emit_opts {
	const struct baseline_opts *baseline; /* revision and stamp-sql: required */
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
};

/* Which command writes a format (what `--format` of that command accepts). */
enum emit_family {
	EMIT_INVENTORY, /* inspect */
	EMIT_DIAGRAM,	/* diagram */
	EMIT_BASELINE,	/* baseline's files */
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
/* The emitter of a format.  Static storage. */
const struct emitter *emit_get(enum emit_format format);

/* The rows of the table (emit_text.c, emit_markdown.c, ...). */
int emit_text(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_markdown(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_json(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_mermaid(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_dot(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_revision(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_stamp_sql(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_ci_script(const struct model *m, const struct emit_opts *opts, struct sink *out);
int emit_ci_workflow(const struct model *m, const struct emit_opts *opts, struct sink *out);

/* Shared by the emitters: "a, b, c" of a char * ptrvec, into a malloc'd string. */
char *emit_join(const struct ptrvec *pv, const char *sep);

#endif /* PGB_EMIT_H */
