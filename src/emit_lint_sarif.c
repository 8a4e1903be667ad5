/*
 * emit_lint_sarif.c
 *	  lint's SARIF 2.1.0 log, as GitHub code scanning reads it: one run
 *	  whose driver lists every rule (id, descriptions, help, default
 *	  level) and whose results are the findings, each located in the dump
 *	  (artifactLocation.uri, region.startLine/startColumn).  Built with
 *	  jansson: names from the dump are JSON strings, nothing more.
 */
#include "emit.h"
#include "lint.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* A string ("" for NULL: SARIF's strings are never null). */
static json_t *jstr(const char *s)
{
	return emit_json_str(s ? s : "");
}

static void set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v);
}

static json_t *jtext(const char *s)
{
	json_t *o = json_object();
	set(o, "text", jstr(s));
	return o;
}

/* SARIF's level of a severity. */
static const char *level(enum lint_severity s)
{
	return s == LINT_ERROR ? "error" : s == LINT_WARNING ? "warning" : "note";
}

/* The path as a URI reference: unreserved bytes and '/' as they are, the rest %XX. */
static json_t *juri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf sb;
	sb_init(&sb);
	for (const unsigned char *p = (const unsigned char *)(path ? path : "-"); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL) {
			sb_putc(&sb, (char)*p);
		} else {
			sb_putc(&sb, '%');
			sb_putc(&sb, hex[*p >> 4]);
			sb_putc(&sb, hex[*p & 15]);
		}
	}
	json_t *j = json_string(sb.data ? sb.data : "");
	sb_free(&sb);
	return j;
}

static json_t *jrule(const struct lint_rule *r)
{
	json_t *o = json_object();
	set(o, "id", json_string(r->id));
	set(o, "name", json_string(r->id));
	set(o, "shortDescription", jtext(r->summary));
	set(o, "fullDescription", jtext(r->why));
	char *help = NULL;
	if (asprintf(&help, "%s %s", r->why, r->fix) < 0)
		help = NULL;
	set(o, "help", jtext(help ? help : r->fix));
	free(help);
	json_t *cfg = json_object();
	set(cfg, "level", json_string(level(r->severity)));
	set(cfg, "enabled", json_boolean(r->on_by_default));
	set(o, "defaultConfiguration", cfg);
	return o;
}

static json_t *jresult(const struct lint_finding *f)
{
	json_t *o = json_object();
	set(o, "ruleId", json_string(f->rule->id));
	set(o, "ruleIndex", json_integer((json_int_t)(f->rule - lint_rules)));
	set(o, "level", json_string(level(f->severity)));
	set(o, "message", jtext(f->message));
	json_t *phys = json_object();
	json_t *art = json_object();
	set(art, "uri", juri(f->loc.file));
	set(phys, "artifactLocation", art);
	if (f->loc.line > 0) {
		json_t *region = json_object();
		set(region, "startLine", json_integer(f->loc.line));
		set(region, "startColumn", json_integer(f->loc.col > 0 ? f->loc.col : 1));
		set(phys, "region", region);
	}
	json_t *loc = json_object();
	set(loc, "physicalLocation", phys);
	json_t *logical = json_object();
	set(logical, "fullyQualifiedName", jstr(f->object));
	set(logical, "kind", json_string(f->kind));
	json_t *logicals = json_array();
	json_array_append_new(logicals, logical);
	set(loc, "logicalLocations", logicals);
	json_t *locs = json_array();
	json_array_append_new(locs, loc);
	set(o, "locations", locs);
	/* Code scanning matches a finding across runs by this, not by its line. */
	json_t *fp = json_object();
	char *key = NULL;
	if (asprintf(&key, "%s:%s", f->rule->id, f->object) < 0)
		key = NULL;
	set(fp, "pgbaselineObject/v1", jstr(key ? key : f->object));
	free(key);
	set(o, "partialFingerprints", fp);
	return o;
}

int emit_lint_sarif(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	const struct lint_report *r = opts->lint;
	(void)m;
	json_t *doc = json_object();
	set(doc, "$schema", json_string("https://json.schemastore.org/sarif-2.1.0.json"));
	set(doc, "version", json_string("2.1.0"));
	json_t *driver = json_object();
	set(driver, "name", json_string("pgbaseline"));
	set(driver, "version", json_string(PGB_VERSION));
	set(driver, "semanticVersion", json_string(PGB_VERSION));
	json_t *rules = json_array();
	for (size_t i = 0; i < lint_n_rules; i++)
		json_array_append_new(rules, jrule(&lint_rules[i]));
	set(driver, "rules", rules);
	json_t *tool = json_object();
	set(tool, "driver", driver);
	json_t *results = json_array();
	for (size_t i = 0; i < r->findings.n; i++)
		json_array_append_new(results, jresult(r->findings.v[i]));
	json_t *run = json_object();
	set(run, "tool", tool);
	set(run, "results", results);
	json_t *runs = json_array();
	json_array_append_new(runs, run);
	set(doc, "runs", runs);

	return emit_json_write(doc, out);
}
