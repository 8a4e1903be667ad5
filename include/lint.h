/*
 * lint.h
 *	  Schema rules over a model (src/lint.c, src/lint_rules.c): each rule
 *	  has a stable id, a default severity, a one-line summary and an
 *	  explanation (why it matters, how to fix it).  lint_run() applies the
 *	  enabled rules to the included objects and returns findings, each
 *	  naming its object and where the dump defined it; an ignore file
 *	  (lint_ignore_load) drops accepted findings.  `pgbaseline lint`
 *	  (cmd_lint.c) runs it; emit_lint_*.c write the findings.
 */
#ifndef PGB_LINT_H
#define PGB_LINT_H

#include "diag.h"
#include "model.h"

struct stats;

/* Ordered: --fail-on takes a severity and everything at or above it. */
enum lint_severity {
	LINT_INFO,
	LINT_WARNING,
	LINT_ERROR,
};

struct lint_rule {
	const char *id;		     /* "fk-without-index" */
	enum lint_severity severity; /* the default */
	bool on_by_default;
	bool grows_with_rows; /* raised one step on a big table (lint_opts.stats) */
	const char *summary;  /* one line: what it finds */
	const char *why;      /* --explain: why it matters */
	const char *fix;      /* --explain: what to do */
};

/* Every rule, in the order --explain and SARIF list them; static storage. */
extern const struct lint_rule lint_rules[];
extern const size_t lint_n_rules;

/* The rule of that id, or NULL. */
const struct lint_rule *lint_find_rule(const char *id);
/* "error", "warning", "info"; lint_parse_severity is its inverse (false: none). */
const char *lint_severity_name(enum lint_severity s);
bool lint_parse_severity(const char *s, enum lint_severity *out);

/* A table is big from this many rows on (--stats). */
#define LINT_BIG_TABLE_ROWS 1000000LL

struct lint_opts {
	/* per rule (lint_rules' index): run it; lint_opts_init sets the defaults */
	bool enabled[32];
	const struct stats *stats; /* row counts, or NULL */
};
void lint_opts_init(struct lint_opts *o);

struct lint_finding {
	const struct lint_rule *rule;
	enum lint_severity severity; /* the rule's, raised when the table is big */
	const char *kind;	     /* "table", "column", "constraint", "index", "function", ... */
	const char *object;	     /* qualified, identifiers quoted as SQL needs: public.t.c */
	const char *message;	     /* one line naming the object */
	struct loc loc;		     /* file: the model's source file; line 0 when unknown */
	long long rows;		     /* the table's rows from --stats, or -1 */
	const struct table *table;   /* the table it is about (or its column's, ...), or NULL */
};

struct lint_report {
	struct arena *arena;	/* the findings and their strings */
	struct ptrvec findings; /* struct lint_finding *, by location, rule, object */
	size_t ignored;		/* findings the ignore file dropped */
	size_t counts[3];	/* findings per severity */
};

/* Apply the enabled rules to m's included objects.  Free with lint_report_free. */
void lint_run(const struct model *m, const struct lint_opts *o, struct lint_report *out);
void lint_report_free(struct lint_report *r);
/* The most severe finding is at or above `s`. */
bool lint_report_fails(const struct lint_report *r, enum lint_severity s);

/*
 * The ignore file: one entry per line, `RULE OBJECT  # reason`, the
 * reason required; blank lines and lines starting with # are skipped.
 * Returns NULL after reporting FILE:LINE:COL errors to d.  Free with
 * lint_ignore_free.
 */
struct lint_ignore;
struct lint_ignore *lint_ignore_load(const char *path, struct diags *d);
void lint_ignore_free(struct lint_ignore *ig);
/*
 * Drop r's findings that an entry names (counting them in r->ignored);
 * warn to d about each entry that matched none.
 */
void lint_ignore_apply(struct lint_ignore *ig, struct lint_report *r, struct diags *d);

#endif /* PGB_LINT_H */
