/*
 * emit_lint_markdown.c
 *	  lint's Markdown format, for a review: a summary, then one table of
 *	  findings (severity, rule, object, message, location).  Text from
 *	  the dump is escaped so that nothing in a name is read as Markdown
 *	  or HTML, breaks a table cell, or hides text.
 */
#include "emit.h"
#include "escape.h"
#include "lint.h"

#include <string.h>

/* Text shown literally in a table cell or a heading. */
static void md_put(struct sink *out, const char *s)
{
	emit_md_escape(out, s, false);
}

int emit_lint_markdown(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	const struct lint_report *r = opts->lint;
	sink_puts(out, "# Lint findings: ");
	md_put(out, m->source.file ? m->source.file : "-");
	sink_puts(out, "\n\n");
	sink_printf(out,
		    "| Severity | Findings |\n|---|---:|\n| error | %zu |\n| warning | %zu |\n"
		    "| info | %zu |\n",
		    r->counts[LINT_ERROR], r->counts[LINT_WARNING], r->counts[LINT_INFO]);
	if (r->ignored > 0)
		sink_printf(out, "| ignored | %zu |\n", r->ignored);
	if (r->findings.n == 0) {
		sink_puts(out, "\nNo findings.\n");
		return sink_finish(out);
	}
	sink_puts(out, "\n| Severity | Rule | Object | Message | Line |\n|---|---|---|---|---:|\n");
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct lint_finding *f = r->findings.v[i];
		sink_printf(out, "| %s | %s | ", lint_severity_name(f->severity), f->rule->id);
		md_put(out, f->object);
		sink_puts(out, " | ");
		md_put(out, f->message);
		if (f->rows >= 0)
			sink_printf(out, " (%lld rows)", f->rows);
		if (f->loc.line > 0)
			sink_printf(out, " | %d:%d |\n", f->loc.line, f->loc.col);
		else
			sink_puts(out, " |  |\n");
	}
	return sink_finish(out);
}
