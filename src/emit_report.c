/*
 * emit_report.c
 *	  `pgbaseline report`: the schema as one self-contained HTML file for
 *	  an auditor, usable offline in any browser.  It needs nothing else:
 *	  the style and the script are inline, and a Content-Security-Policy
 *	  forbids every fetch (default-src 'none'); the script runs only by its
 *	  hash, so no text from the dump could ever run as one.
 *
 *	  The page: a summary; the tables, in a list searchable by name,
 *	  column and comment and filterable by schema and by findings; every
 *	  lint finding; the security view; a diagram per schema; then one
 *	  section per table (emit_report_table.c), shown when its link is
 *	  followed (CSS :target, no script needed).  Opened with #search=TEXT
 *	  the list is searched for TEXT; with #selftest the script checks its
 *	  own search and writes PASS or FAIL into #selftest-result.
 *
 *	  Byte-stable: the same dump gives the same bytes.
 */
#include "emit_report.h"
#include "facts.h"
#include "stats.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

static const char report_css[] =
    ":root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--alt:#f6f8fa;--line:#d1d9e0;"
    "--link:#0969da;--err:#cf222e;--warn:#9a6700;--info:#0969da}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Helvetica,Arial,"
    "sans-serif;color:var(--fg);background:var(--bg)}\n"
    "header.top{position:sticky;top:0;z-index:2;background:#24292f;color:#fff;padding:8px 16px;"
    "display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}\n"
    "header.top h1{font-size:16px;margin:0}\n"
    "header.top a{color:#fff}\n"
    "header.top nav{display:flex;gap:12px;flex-wrap:wrap}\n"
    "main{padding:0 16px 48px;max-width:1400px}\n"
    "h2{font-size:20px;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:28px}\n"
    "h3{font-size:16px;margin:20px 0 6px}\n"
    "a{color:var(--link);text-decoration:none}\n"
    "a:hover{text-decoration:underline}\n"
    "code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
    "overflow-wrap:anywhere}\n"
    "table{border-collapse:collapse;margin:6px 0}\n"
    "th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}\n"
    "th{background:var(--alt)}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tr[hidden]{display:none}\n"
    ".muted{color:var(--muted)}\n"
    ".note{background:#fff8c5;border:1px solid #d4a72c;padding:6px 10px;margin:8px 0}\n"
    ".controls{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin:8px 0}\n"
    ".controls input[type=search]{width:320px;padding:4px 8px;font:inherit}\n"
    ".sev{display:inline-block;border-radius:10px;padding:0 7px;font-size:12px;color:#fff}\n"
    ".sev-error{background:var(--err)}.sev-warning{background:var(--warn)}"
    ".sev-info{background:var(--info)}\n"
    ".kv th{width:220px}\n"
    ".cols{display:flex;gap:32px;flex-wrap:wrap;align-items:flex-start}\n"
    ".cols h3{margin-top:8px}\n"
    "ul.items{margin:4px 0;padding-left:20px}\n"
    ".diagram{overflow:auto;border:1px solid var(--line);background:#fff;max-height:80vh;"
    "margin:6px 0}\n"
    ".diagram svg{display:block;max-width:none;height:auto}\n"
    "details>summary{cursor:pointer;margin:4px 0}\n"
    "section,details{scroll-margin-top:48px}\n"
    "section.tbl{display:none}\n"
    "section.tbl:target{display:block}\n"
    "body:has(section.tbl:target) .page{display:none}\n"
    "@media print{header.top{position:static}section.tbl{display:block}}\n";

/* The script: search, filters, #search=TEXT and #selftest.  No text of the dump in it. */
static const char report_js[] =
    "(function(){\"use strict\";\n"
    "var q=document.getElementById(\"q\"),sch=document.getElementById(\"schema\"),"
    "fo=document.getElementById(\"findings-only\"),shown=document.getElementById(\"shown\");\n"
    "if(!q)return;\n"
    "var rows=Array.prototype.slice.call(document.querySelectorAll(\"#table-list tbody tr\"));\n"
    "var keys=rows.map(function(r){return(r.getAttribute(\"data-q\")||\"\").toLowerCase();});\n"
    "function apply(){var terms=q.value.toLowerCase().split(/\\s+/).filter(Boolean),"
    "s=sch.value,f=fo.checked,n=0;\n"
    " for(var i=0;i<rows.length;i++){var r=rows[i],ok=(s===\"\"||r.getAttribute(\"data-s\")===s)"
    "&&(!f||r.getAttribute(\"data-f\")!==\"0\");\n"
    "  for(var j=0;ok&&j<terms.length;j++)ok=keys[i].indexOf(terms[j])>=0;\n"
    "  r.hidden=!ok;if(ok)n++;}\n"
    " shown.textContent=String(n);}\n"
    "q.addEventListener(\"input\",apply);sch.addEventListener(\"change\",apply);"
    "fo.addEventListener(\"change\",apply);\n"
    "document.addEventListener(\"keydown\",function(e){if(e.key===\"/\"&&"
    "document.activeElement!==q){e.preventDefault();location.hash=\"#tables\";q.focus();}});\n"
    "function selftest(){var fails=[],checks=0,step=Math.max(1,Math.floor(rows.length/200));\n"
    " function check(c,m){checks++;if(!c&&fails.length<20)fails.push(m);}\n"
    " for(var i=0;i<rows.length;i+=step){var r=rows[i],name=r.getAttribute(\"data-n\"),"
    "a=r.querySelector(\"a\");\n"
    "  check(a&&document.getElementById(a.getAttribute(\"href\").slice(1)),"
    "\"no section for row \"+i);\n"
    "  q.value=name;sch.value=\"\";fo.checked=false;apply();\n"
    "  check(!r.hidden,\"search for \"+JSON.stringify(name)+\" hides its row\");\n"
    "  for(var k=0;k<rows.length;k++)if(!rows[k].hidden)"
    "check(keys[k].indexOf(name.toLowerCase())>=0,\"search shows a row without the text\");\n"
    "  q.value=\"\";sch.value=r.getAttribute(\"data-s\");apply();\n"
    "  check(!r.hidden,\"schema filter hides row \"+i);\n"
    "  for(k=0;k<rows.length;k++)if(!rows[k].hidden)"
    "check(rows[k].getAttribute(\"data-s\")===sch.value,\"schema filter shows another schema\");}\n"
    " q.value=\"\\u0001no such table\\u0001\";sch.value=\"\";apply();\n"
    " check(shown.textContent===\"0\",\"a search for nothing shows rows\");\n"
    " q.value=\"\";sch.value=\"\";fo.checked=true;apply();\n"
    " for(k=0;k<rows.length;k++)check(rows[k].hidden===(rows[k].getAttribute(\"data-f\")===\"0\"),"
    "\"the findings filter is wrong on row \"+k);\n"
    " fo.checked=false;apply();\n"
    " check(shown.textContent===String(rows.length),\"clearing the search does not show every "
    "row\");\n"
    " var out=document.getElementById(\"selftest-result\");\n"
    " out.textContent=(fails.length?\"FAIL \"+fails.join(\"; \"):\"PASS\")+\" (\"+checks+\" "
    "checks, \"+"
    "rows.length+\" rows)\";out.hidden=false;}\n"
    "function fromHash(){var h=location.hash;\n"
    " if(h.indexOf(\"#search=\")===0){q.value=decodeURIComponent(h.slice(8));apply();}\n"
    " else if(h===\"#selftest\")selftest();}\n"
    "window.addEventListener(\"hashchange\",fromHash);\n"
    "apply();fromHash();\n"
    "})();\n";

/* 'sha256-<base64>' of s, for the Content-Security-Policy; "" when OpenSSL failed. */
static void csp_hash(struct strbuf *sb, const char *s)
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	unsigned char b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
	if (EVP_Digest(s, strlen(s), digest, &len, EVP_sha256(), NULL) != 1)
		return;
	EVP_EncodeBlock(b64, digest, (int)len);
	sb_printf(sb, " 'sha256-%s'", (const char *)b64);
}

static void write_head(struct report *r)
{
	struct sink *out = r->out;
	struct strbuf csp;
	sb_init(&csp);
	csp_hash(&csp, report_js);
	/* No fetch of any kind: no script, style, image, font, frame or connection from
	 * anywhere; the inline script only by its hash; no form, no base. */
	sink_printf(out,
		    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		    "script-src%s; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; "
		    "connect-src 'none'; frame-src 'none'; base-uri 'none'; form-action "
		    "'none'\">\n"
		    "<meta name=\"referrer\" content=\"no-referrer\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<meta name=\"generator\" content=\"pgbaseline\">\n<title>pgbaseline report: ",
		    csp.data ? csp.data : " 'none'");
	sb_free(&csp);
	report_text(out, r->m->source.file ? r->m->source.file : "-");
	sink_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", report_css);
	sink_puts(out, "<header class=\"top\"><h1>pgbaseline report: ");
	report_text(out, r->m->source.file ? r->m->source.file : "-");
	sink_puts(out, "</h1><nav><a href=\"#summary\">Summary</a><a href=\"#tables\">Tables</a>"
		       "<a href=\"#findings\">Findings</a><a href=\"#security\">Security</a>"
		       "<a href=\"#diagrams\">Diagrams</a></nav></header>\n<main>\n"
		       "<p id=\"selftest-result\" class=\"note\" hidden></p>\n");
}

static void kv_row(struct sink *out, const char *key, const char *value)
{
	if (value == NULL)
		return;
	sink_printf(out, "<tr><th>%s</th><td>", key);
	report_text(out, value);
	sink_puts(out, "</td></tr>\n");
}

static void count_row(struct sink *out, const char *key, long n, const char *href)
{
	if (n == 0 && href == NULL)
		return;
	sink_printf(out, "<tr><th>");
	if (href != NULL)
		sink_printf(out, "<a href=\"%s\">%s</a>", href, key);
	else
		sink_puts(out, key);
	sink_printf(out, "</th><td class=\"n\">%ld</td></tr>\n", n);
}

static void write_summary(struct report *r)
{
	const struct source_info *src = &r->m->source;
	struct model_summary s;
	struct sink *out = r->out;
	model_summarize(r->m, &s);

	sink_puts(out, "<div class=\"page\">\n<section id=\"summary\">\n<h2>Summary</h2>\n");
	report_write_diagram_note(r);
	sink_puts(out, "<div class=\"cols\">\n<div>\n<h3>Dump</h3>\n<table class=\"kv\">\n");
	kv_row(out, "Dump", src->file);
	kv_row(out, "Archive format", src->dump_format);
	kv_row(out, "Compression", src->format);
	kv_row(out, "Database", src->database);
	kv_row(out, "Dumped from server version", src->server_version);
	kv_row(out, "pg_dump version", src->pg_dump_version);
	kv_row(out, "Dump time", src->dump_time);
	sink_printf(out, "<tr><th>Statements read</th><td class=\"n\">%ld</td></tr>\n",
		    src->statements);
	if (src->unparsed > 0)
		sink_printf(out,
			    "<tr><th><a href=\"#unparsed\">Statements not parsed</a></th>"
			    "<td class=\"n\">%ld</td></tr>\n",
			    src->unparsed);
	sink_puts(out, "</table>\n</div>\n<div>\n<h3>Objects</h3>\n<table class=\"kv\">\n");
	count_row(out, "Schemas", s.schemas, NULL);
	count_row(out, "Tables", s.tables, "#tables");
	count_row(out, "Tables in a relationship", s.tables_with_relationships, NULL);
	count_row(out, "Foreign keys", s.foreign_keys, NULL);
	count_row(out, "Constraints", s.constraints, NULL);
	count_row(out, "Indexes", s.indexes, NULL);
	count_row(out, "Views", s.views, NULL);
	count_row(out, "Materialized views", s.materialized_views, NULL);
	count_row(out, "Sequences", s.sequences, NULL);
	count_row(out, "Types", s.types, NULL);
	count_row(out, "Functions", s.functions, NULL);
	count_row(out, "SECURITY DEFINER functions", s.security_definer, "#security");
	count_row(out, "Triggers", s.triggers, NULL);
	count_row(out, "Policies", s.policies, "#security");
	count_row(out, "Extensions", s.extensions, NULL);
	for (int k = 0; k < N_OBJECT_KINDS; k++)
		if (s.objects[k] > 0)
			count_row(out, object_kind_title((enum object_kind)k), s.objects[k], NULL);
	sink_puts(out, "</table>\n</div>\n");
	if (r->lint != NULL) {
		const struct lint_report *l = r->lint;
		sink_puts(out, "<div>\n<h3>Lint findings</h3>\n<table class=\"kv\">\n");
		count_row(out, "Errors", (long)l->counts[LINT_ERROR], "#findings");
		count_row(out, "Warnings", (long)l->counts[LINT_WARNING], "#findings");
		count_row(out, "Info", (long)l->counts[LINT_INFO], "#findings");
		if (l->ignored > 0)
			count_row(out, "Ignored (ignore file)", (long)l->ignored, NULL);
		sink_puts(out, "</table>\n</div>\n");
	}
	sink_puts(out, "</div>\n</section>\n");
}

/* The worst severity of a table's findings. */
static enum lint_severity worst(const struct ptrvec *findings)
{
	enum lint_severity w = LINT_INFO;
	for (size_t i = 0; i < findings->n; i++) {
		const struct lint_finding *f = findings->v[i];
		if (f->severity > w)
			w = f->severity;
	}
	return w;
}

static const char *table_kind_word(const struct table *t)
{
	switch (t->kind) {
	case TABLE_PARTITIONED:
		return "partitioned";
	case TABLE_PARTITION:
		return "partition";
	case TABLE_FOREIGN:
		return "foreign";
	default:
		return "table";
	}
}

/* Rows of data in the dump, else the --stats count, else nothing. */
static void write_rows_cell(struct report *r, const struct table *t)
{
	long long stats = r->opts != NULL && r->opts->stats != NULL
			      ? stats_rows(r->opts->stats, t->h.schema, t->h.name)
			      : -1;
	sink_puts(r->out, "<td class=\"n\">");
	if (stats >= 0)
		sink_printf(r->out, "%lld", stats);
	else if (t->rows >= 0)
		sink_printf(r->out, "%lld", t->rows);
	sink_puts(r->out, "</td>");
}

static void write_list_row(struct report *r, size_t i)
{
	const struct table *t = r->m->tables.v[i];
	struct sink *out = r->out;
	const struct ptrvec *f = &r->findings[i];

	sink_puts(out, "<tr data-s=\"");
	report_text(out, t->h.schema);
	sink_puts(out, "\" data-n=\"");
	report_text(out, t->h.name);
	sink_printf(out, "\" data-f=\"%zu\" data-q=\"", f->n);
	report_text(out, t->h.schema);
	sink_putc(out, '.');
	report_text(out, t->h.name);
	for (size_t c = 0; c < t->columns.n; c++) {
		sink_putc(out, ' ');
		report_text(out, ((const struct column *)t->columns.v[c])->name);
	}
	if (t->h.comment != NULL) {
		sink_putc(out, ' ');
		report_text(out, t->h.comment);
	}
	sink_puts(out, "\"><td>");
	report_table_link(r, i);
	sink_printf(out, "</td><td>%s</td><td class=\"n\">%zu</td>", table_kind_word(t),
		    t->columns.n);
	write_rows_cell(r, t);
	sink_puts(out, "<td>");
	if (f->n > 0) {
		report_severity(out, worst(f));
		sink_printf(out, " %zu", f->n);
	}
	sink_puts(out, "</td><td>");
	report_text(out, t->h.comment);
	sink_puts(out, "</td></tr>\n");
}

static int compare_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The schemas of the included tables, sorted, unique (pointers into the model). */
static void table_schemas(struct report *r, struct ptrvec *out)
{
	struct ptrvec all = {0};
	for (size_t i = 0; i < r->m->tables.n; i++) {
		const struct table *t = r->m->tables.v[i];
		if (t->h.included)
			ptrvec_push(&all, (void *)facts_nz(t->h.schema));
	}
	if (all.n > 1)
		qsort(all.v, all.n, sizeof(void *), compare_str);
	for (size_t i = 0; i < all.n; i++)
		if (i == 0 || strcmp(all.v[i], all.v[i - 1]) != 0)
			ptrvec_push(out, all.v[i]);
	ptrvec_free(&all);
}

static void write_table_list(struct report *r)
{
	struct sink *out = r->out;
	struct ptrvec schemas = {0};
	table_schemas(r, &schemas);

	sink_printf(out,
		    "<section id=\"tables\">\n<h2>Tables</h2>\n<div class=\"controls\">"
		    "<label>Search <input type=\"search\" id=\"q\" placeholder=\"name, column or "
		    "comment (press /)\" autocomplete=\"off\"></label>"
		    "<label>Schema <select id=\"schema\"><option value=\"\">all</option>");
	for (size_t i = 0; i < schemas.n; i++) {
		sink_puts(out, "<option value=\"");
		report_text(out, schemas.v[i]);
		sink_puts(out, "\">");
		report_text(out, schemas.v[i]);
		sink_puts(out, "</option>");
	}
	sink_printf(out,
		    "</select></label><label><input type=\"checkbox\" id=\"findings-only\"> "
		    "only tables with findings</label><span class=\"muted\"><span "
		    "id=\"shown\">%zu</span> of %zu shown</span></div>\n",
		    r->n_tables, r->n_tables);
	sink_puts(out, "<table id=\"table-list\">\n<thead><tr><th>Table</th><th>Kind</th>"
		       "<th>Columns</th><th>Rows</th><th>Findings</th><th>Comment</th></tr>"
		       "</thead>\n<tbody>\n");
	for (size_t i = 0; i < r->m->tables.n; i++)
		if (((const struct table *)r->m->tables.v[i])->h.included)
			write_list_row(r, i);
	sink_puts(out, "</tbody>\n</table>\n");
	if (r->n_tables == 0)
		sink_puts(out, "<p class=\"muted\">No tables.</p>\n");
	sink_puts(out, "</section>\n");
	ptrvec_free(&schemas);
}

static void write_location(struct sink *out, const struct loc *loc)
{
	report_text(out, loc->file ? loc->file : "-");
	if (loc->line > 0)
		sink_printf(out, ":%d:%d", loc->line, loc->col);
}

static void write_findings(struct report *r)
{
	struct sink *out = r->out;
	sink_puts(out, "<section id=\"findings\">\n<h2>Lint findings</h2>\n");
	if (r->lint == NULL || r->lint->findings.n == 0) {
		sink_puts(out, "<p class=\"muted\">No findings.</p>\n</section>\n");
		return;
	}
	sink_puts(out, "<table>\n<thead><tr><th>Severity</th><th>Rule</th><th>Object</th>"
		       "<th>Message</th><th>Where</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->lint->findings.n; i++) {
		const struct lint_finding *f = r->lint->findings.v[i];
		sink_puts(out, "<tr><td>");
		report_severity(out, f->severity);
		sink_printf(out, "</td><td><code>%s</code></td><td>", f->rule->id);
		long t = f->table != NULL
			     ? table_index_find(r->tix, f->table->h.schema, f->table->h.name)
			     : -1;
		if (t >= 0) {
			sink_puts(out, "<a href=\"");
			report_table_href(out, (size_t)t);
			sink_puts(out, "\">");
		}
		report_code(out, f->object);
		if (t >= 0)
			sink_puts(out, "</a>");
		sink_puts(out, "</td><td>");
		report_text(out, f->message);
		if (f->rows >= 0)
			sink_printf(out, " (%lld rows)", f->rows);
		sink_puts(out, "</td><td><code>");
		write_location(out, &f->loc);
		sink_puts(out, "</code></td></tr>\n");
	}
	sink_puts(out, "</tbody>\n</table>\n</section>\n");
}

static void write_unparsed(struct report *r)
{
	struct sink *out = r->out;
	const struct model *m = r->m;
	if (m->source.unparsed == 0)
		return;
	sink_printf(out,
		    "<section id=\"unparsed\">\n<h2>Statements not parsed</h2>\n<p>%ld statement%s "
		    "could not be parsed; what they create is missing from this report.</p>\n"
		    "<table>\n<thead><tr><th>Where</th><th>Object</th><th>Message</th>"
		    "<th>Statement</th></tr></thead>\n<tbody>\n",
		    m->source.unparsed, m->source.unparsed == 1 ? "" : "s");
	for (size_t i = 0; i < m->unparsed.n; i++) {
		const struct unparsed *u = m->unparsed.v[i];
		sink_puts(out, "<tr><td><code>");
		write_location(
		    out, &(struct loc){.file = m->source.file, .line = u->line, .col = u->col});
		sink_puts(out, "</code></td><td>");
		report_text(out, u->object);
		sink_puts(out, "</td><td>");
		report_text(out, u->message);
		sink_puts(out, "</td><td>");
		report_code(out, u->excerpt);
		sink_puts(out, "</td></tr>\n");
	}
	sink_puts(out, "</tbody>\n</table>\n");
	if (model_unparsed_omitted(m) > 0)
		sink_printf(out, "<p class=\"muted\">%ld more not listed.</p>\n",
			    model_unparsed_omitted(m));
	sink_puts(out, "</section>\n");
}

/* Findings, incoming foreign keys and grants, per included table. */
static void report_index(struct report *r)
{
	const struct model *m = r->m;
	size_t n = m->tables.n, n_refs = 0;
	r->findings = xcalloc(n + 1, sizeof(struct ptrvec));
	r->refs = xcalloc(n + 1, sizeof(struct ptrvec));
	r->grants = xcalloc(n + 1, sizeof(struct ptrvec));
	for (size_t i = 0; i < n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included)
			continue;
		r->n_tables++;
		for (size_t c = 0; c < t->constraints.n; c++)
			n_refs +=
			    ((const struct constraint *)t->constraints.v[c])->kind == CON_FOREIGN;
	}
	r->ref_store = xcalloc(n_refs + 1, sizeof(struct report_ref));
	n_refs = 0;
	for (size_t i = 0; i < n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included)
			continue;
		for (size_t c = 0; c < t->constraints.n; c++) {
			const struct constraint *k = t->constraints.v[c];
			if (k->kind != CON_FOREIGN || k->ref_table == NULL)
				continue;
			const char *rs = k->ref_schema ? k->ref_schema : t->h.schema;
			long p = rs != NULL ? table_index_find(r->tix, rs, k->ref_table) : -1;
			if (p < 0)
				continue;
			struct report_ref *ref = &r->ref_store[n_refs++];
			ref->child = t;
			ref->fk = k;
			ptrvec_push(&r->refs[p], ref);
		}
	}
	if (r->lint != NULL)
		for (size_t i = 0; i < r->lint->findings.n; i++) {
			const struct lint_finding *f = r->lint->findings.v[i];
			long t = f->table != NULL ? table_index_find(r->tix, f->table->h.schema,
								     f->table->h.name)
						  : -1;
			if (t >= 0)
				ptrvec_push(&r->findings[t], (void *)f);
		}
	for (size_t i = 0; i < r->sec.grants.n; i++) {
		const struct security_grant *g = r->sec.grants.v[i];
		if (g->schema == NULL || g->name == NULL || g->object == NULL)
			continue;
		long t = table_index_find(r->tix, g->schema, g->name);
		if (t >= 0 && &((const struct table *)m->tables.v[t])->h == g->object)
			ptrvec_push(&r->grants[t], (void *)g);
	}
}

static void report_free(struct report *r)
{
	for (size_t i = 0; i < r->m->tables.n; i++) {
		ptrvec_free(&r->findings[i]);
		ptrvec_free(&r->refs[i]);
		ptrvec_free(&r->grants[i]);
	}
	free(r->findings);
	free(r->refs);
	free(r->grants);
	free(r->ref_store);
	security_free(&r->sec);
	table_index_free(r->tix);
}

int emit_report(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	return emit_report_ex(m, opts, out, NULL);
}

int emit_report_ex(const struct model *m, const struct emit_opts *opts, struct sink *out,
		   struct emit_report_result *res)
{
	struct report r = {
	    .m = m,
	    .opts = opts,
	    .out = out,
	    .lint = opts != NULL ? opts->lint : NULL,
	    .depth = opts != NULL && opts->diagram != NULL && opts->diagram->depth > 0
			 ? opts->diagram->depth
			 : 1,
	    .diagrams = diagram_svg_available(),
	};
	r.tix = table_index_new(m);
	security_plan(m, &r.sec);
	report_index(&r);
	r.table_diagrams = r.diagrams && r.n_tables <= EMIT_REPORT_TABLE_DIAGRAMS;

	write_head(&r);
	write_summary(&r);
	write_table_list(&r);
	write_findings(&r);
	report_write_security(&r);
	report_write_schema_diagrams(&r);
	write_unparsed(&r);
	sink_puts(out, "</div>\n");
	for (size_t i = 0; i < m->tables.n; i++)
		if (((const struct table *)m->tables.v[i])->h.included)
			report_write_table(&r, i);
	sink_printf(out, "</main>\n<script>%s</script>\n</body>\n</html>\n", report_js);
	if (res != NULL)
		*res = (struct emit_report_result){.diagrams_failed = r.diagrams_failed,
						   .why = r.diagram_why,
						   .tables_undrawn =
						       r.table_diagrams ? 0 : r.n_tables};
	report_free(&r);
	return sink_finish(out);
}
