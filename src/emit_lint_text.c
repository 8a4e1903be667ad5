/*
 * emit_lint_text.c
 *	  lint's text format: one line per finding as a compiler writes
 *	  one, FILE:LINE:COL: severity: message [rule], then a summary line.
 *	  Text from the dump is escaped (escape.h) so no name can break a
 *	  line or hide text.
 */
#include "emit.h"
#include "lint.h"

static void put_summary(struct sink *out, const struct lint_report *r)
{
	size_t n = r->findings.n;
	if (n == 0)
		sink_puts(out, "no findings");
	else
		sink_printf(out, "%zu finding%s: %zu error%s, %zu warning%s, %zu info", n,
			    n == 1 ? "" : "s", r->counts[LINT_ERROR],
			    r->counts[LINT_ERROR] == 1 ? "" : "s", r->counts[LINT_WARNING],
			    r->counts[LINT_WARNING] == 1 ? "" : "s", r->counts[LINT_INFO]);
	if (r->ignored > 0)
		sink_printf(out, " (%zu ignored)", r->ignored);
	sink_putc(out, '\n');
}

int emit_lint_text(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	const struct lint_report *r = opts->lint;
	(void)m;
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct lint_finding *f = r->findings.v[i];
		emit_put_escaped(out, f->loc.file ? f->loc.file : "-");
		if (f->loc.line > 0)
			sink_printf(out, ":%d:%d", f->loc.line, f->loc.col);
		sink_printf(out, ": %s: ", lint_severity_name(f->severity));
		emit_put_escaped(out, f->message);
		if (f->rows >= 0)
			sink_printf(out, " (%lld rows)", f->rows);
		sink_printf(out, " [%s]\n", f->rule->id);
	}
	put_summary(out, r);
	return sink_finish(out);
}
