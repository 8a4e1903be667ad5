/*
 * emit_lint_json.c
 *	  lint's JSON format under the pgbaseline.lint/1 contract
 *	  (docs/lint-json.md): a summary and every finding with its rule,
 *	  severity, object, message and location, in the report's order.
 *	  Built with jansson, keys in the documented order.
 */
#include "emit.h"
#include "lint.h"

#include <jansson.h>
#include <stdlib.h>

#define jstr(s) emit_json_str(s)

static void set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v);
}

static json_t *jfinding(const struct lint_finding *f)
{
	json_t *o = json_object();
	set(o, "rule", json_string(f->rule->id));
	set(o, "severity", json_string(lint_severity_name(f->severity)));
	set(o, "object", jstr(f->object));
	set(o, "kind", json_string(f->kind));
	set(o, "message", jstr(f->message));
	json_t *l = json_object();
	set(l, "file", jstr(f->loc.file));
	set(l, "line", f->loc.line > 0 ? json_integer(f->loc.line) : json_null());
	set(l, "column", f->loc.line > 0 ? json_integer(f->loc.col) : json_null());
	set(o, "location", l);
	set(o, "default_severity", json_string(lint_severity_name(f->rule->severity)));
	set(o, "rows", f->rows >= 0 ? json_integer(f->rows) : json_null());
	return o;
}

int emit_lint_json(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	const struct lint_report *r = opts->lint;
	json_t *doc = json_object();
	set(doc, "format", json_string("pgbaseline.lint/1"));
	set(doc, "version", json_integer(1));
	set(doc, "source", jstr(m->source.file));
	json_t *sum = json_object();
	set(sum, "findings", json_integer((json_int_t)r->findings.n));
	set(sum, "error", json_integer((json_int_t)r->counts[LINT_ERROR]));
	set(sum, "warning", json_integer((json_int_t)r->counts[LINT_WARNING]));
	set(sum, "info", json_integer((json_int_t)r->counts[LINT_INFO]));
	set(sum, "ignored", json_integer((json_int_t)r->ignored));
	set(doc, "summary", sum);
	json_t *a = json_array();
	for (size_t i = 0; i < r->findings.n; i++)
		json_array_append_new(a, jfinding(r->findings.v[i]));
	set(doc, "findings", a);

	return emit_json_write(doc, out);
}
