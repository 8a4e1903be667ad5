/*
 * emit_report_security.c
 *	  The security view (security.h) in the HTML report: SECURITY DEFINER
 *	  functions and whether they pin search_path, tables with row level
 *	  security and their policies, default privileges, who can do what
 *	  per role (what it owns, what it holds), and every grant.  The view
 *	  is planned once (security_plan) and only drawn here.
 */
#include "emit_report.h"
#include "facts.h"

#include <string.h>

static void put_role(struct sink *out, const char *role)
{
	if (role != NULL && strcmp(role, "PUBLIC") == 0)
		report_code(out, "PUBLIC");
	else if (role == NULL || role[0] == '\0')
		sink_puts(out, "<span class=\"muted\">the role running the dump</span>");
	else
		report_name(out, role);
}

static void put_function(struct sink *out, const struct function *fn)
{
	struct strbuf sb;
	sb_init(&sb);
	facts_put_function(&sb, fn->h.schema, fn);
	report_code(out, facts_nz(sb.data));
	sb_free(&sb);
}

static void write_definers(struct report *r)
{
	struct sink *out = r->out;
	const struct security_view *v = &r->sec;
	sink_printf(out, "<h3>SECURITY DEFINER functions (%zu, %zu without SET search_path)</h3>\n",
		    v->definers.n, v->n_definers_unpinned);
	if (v->definers.n == 0) {
		sink_puts(out, "<p class=\"muted\">None.</p>\n");
		return;
	}
	sink_puts(out, "<table>\n<thead><tr><th>Function</th><th>Owner (runs as)</th>"
		       "<th>search_path</th><th>Language</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < v->definers.n; i++) {
		const struct function *fn = v->definers.v[i];
		sink_puts(out, "<tr><td>");
		put_function(out, fn);
		sink_puts(out, "</td><td>");
		if (fn->h.owner != NULL)
			report_name(out, fn->h.owner);
		sink_printf(out, "</td><td>%s</td><td>",
			    fn->sets_search_path ? "set"
						 : "<span class=\"sev sev-warning\">not "
						   "set</span>");
		report_text(out, fn->language);
		sink_puts(out, "</td></tr>\n");
	}
	sink_puts(out, "</tbody>\n</table>\n");
}

static void write_rls(struct report *r)
{
	struct sink *out = r->out;
	const struct security_view *v = &r->sec;
	sink_printf(out, "<h3>Row level security (%zu tables)</h3>\n", v->rls.n);
	if (v->rls.n == 0) {
		sink_puts(out, "<p class=\"muted\">No table has row level security or a "
			       "policy.</p>\n");
		return;
	}
	sink_puts(out, "<table>\n<thead><tr><th>Table</th><th>RLS</th><th>Policies</th></tr>"
		       "</thead>\n<tbody>\n");
	for (size_t i = 0; i < v->rls.n; i++) {
		const struct security_rls *s = v->rls.v[i];
		sink_puts(out, "<tr><td>");
		report_table_ref(r, s->table->h.schema, s->table->h.name);
		sink_printf(out, "</td><td>%s%s</td><td>",
			    s->enabled ? "enabled"
				       : "<span class=\"sev sev-warning\">disabled</span>",
			    s->forced ? ", forced" : "");
		if (s->policies.n == 0)
			sink_puts(out, "<span class=\"sev sev-warning\">none</span>");
		sink_puts(out, "<ul class=\"items\">");
		for (size_t k = 0; k < s->policies.n; k++) {
			const struct policy *p = s->policies.v[k];
			sink_puts(out, "<li>");
			report_name(out, p->name);
			sink_printf(out, " %s, for ", p->permissive ? "permissive" : "restrictive");
			report_text(out, p->command ? p->command : "ALL");
			sink_puts(out, " to ");
			if (p->roles.n == 0)
				report_code(out, "PUBLIC");
			for (size_t j = 0; j < p->roles.n; j++) {
				sink_puts(out, j > 0 ? ", " : "");
				put_role(out, p->roles.v[j]);
			}
			if (p->using_expr != NULL) {
				sink_puts(out, ", using ");
				report_code(out, p->using_expr);
			}
			if (p->check_expr != NULL) {
				sink_puts(out, ", with check ");
				report_code(out, p->check_expr);
			}
			sink_puts(out, "</li>");
		}
		sink_puts(out, "</ul></td></tr>\n");
	}
	sink_puts(out, "</tbody>\n</table>\n");
}

static void put_grants(struct sink *out, const struct ptrvec *grants)
{
	for (size_t i = 0; i < grants->n; i++) {
		const struct grant *g = grants->v[i];
		sink_puts(out, i > 0 ? "; " : "");
		put_role(out, g->grantee);
		sink_puts(out, ": ");
		report_text(out, g->privileges);
		if (g->with_grant_option)
			sink_puts(out, " (with grant option)");
	}
}

static void write_default_acls(struct report *r)
{
	struct sink *out = r->out;
	const struct security_view *v = &r->sec;
	sink_printf(out, "<h3>Default privileges (%zu)</h3>\n", v->default_acls.n);
	if (v->default_acls.n == 0) {
		sink_puts(out, "<p class=\"muted\">None changed (ALTER DEFAULT PRIVILEGES).</p>\n");
		return;
	}
	sink_puts(out, "<table>\n<thead><tr><th>For objects created by</th><th>In schema</th>"
		       "<th>On</th><th>Privileges</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < v->default_acls.n; i++) {
		const struct default_acl *a = v->default_acls.v[i];
		sink_puts(out, "<tr><td>");
		put_role(out, a->h.name);
		sink_puts(out, "</td><td>");
		if (a->h.schema != NULL)
			report_name(out, a->h.schema);
		else
			sink_puts(out, "<span class=\"muted\">every schema</span>");
		sink_puts(out, "</td><td>");
		report_text(out, a->kind);
		sink_puts(out, "</td><td>");
		put_grants(out, &a->h.grants);
		sink_puts(out, "</td></tr>\n");
	}
	sink_puts(out, "</tbody>\n</table>\n");
}

/* The object of a grant, a link when it is an included table. */
static void put_grant_object(struct report *r, const struct security_grant *g)
{
	if (g->schema == NULL) {
		report_name(r->out, g->name);
	} else if (g->kind != NULL && strcmp(g->kind, "function") != 0 &&
		   strcmp(g->kind, "procedure") != 0 && strcmp(g->kind, "aggregate") != 0) {
		report_table_ref(r, g->schema, g->name);
	} else {
		struct strbuf sb;
		sb_init(&sb);
		facts_put_name(&sb, g->schema);
		sb_putc(&sb, '.');
		sb_append(&sb, facts_nz(g->name)); /* a signature, spelled as the model has it */
		report_code(r->out, sb.data);
		sb_free(&sb);
	}
	if (g->column != NULL) {
		sink_puts(r->out, " column ");
		report_name(r->out, g->column);
	}
}

static void write_roles(struct report *r)
{
	struct sink *out = r->out;
	const struct security_view *v = &r->sec;
	sink_printf(out, "<h3>Who can do what (%zu roles)</h3>\n", v->roles.n);
	if (v->roles.n == 0) {
		sink_puts(out, "<p class=\"muted\">No owner or grant in the dump.</p>\n");
		return;
	}
	sink_puts(out, "<table>\n<thead><tr><th>Role</th><th>Owns</th><th>Holds</th></tr></thead>\n"
		       "<tbody>\n");
	for (size_t i = 0; i < v->roles.n; i++) {
		const struct security_role *role = v->roles.v[i];
		sink_puts(out, "<tr><td>");
		put_role(out, role->role);
		sink_printf(out, "</td><td class=\"n\">%zu</td><td>", role->owns.n);
		if (role->holds.n > 0) {
			sink_printf(
			    out, "<details><summary>%zu privilege%s</summary><ul class=\"items\">",
			    role->holds.n, role->holds.n == 1 ? "" : "s");
			for (size_t k = 0; k < role->holds.n; k++) {
				const struct security_grant *g = role->holds.v[k];
				sink_puts(out, "<li>");
				report_text(out, g->privileges);
				sink_puts(out, " on ");
				report_text(out, g->kind);
				sink_putc(out, ' ');
				put_grant_object(r, g);
				if (g->with_grant_option)
					sink_puts(out, " (with grant option)");
				if (g->is_default)
					sink_puts(out, " <span class=\"muted\">(default)</span>");
				sink_puts(out, "</li>");
			}
			sink_puts(out, "</ul></details>");
		}
		sink_puts(out, "</td></tr>\n");
	}
	sink_puts(out, "</tbody>\n</table>\n");
}

void report_write_security(struct report *r)
{
	struct sink *out = r->out;
	sink_puts(out, "<section id=\"security\">\n<h2>Security</h2>\n");
	if (!security_any(&r->sec)) {
		sink_puts(out,
			  "<p class=\"muted\">The dump holds no owner, grant, default privilege, "
			  "row level security or SECURITY DEFINER function.</p>\n</section>\n");
		return;
	}
	sink_printf(out, "<p>%zu objects with a known owner; %zu grants.</p>\n",
		    r->sec.n_objects_owned, r->sec.grants.n);
	write_definers(r);
	write_rls(r);
	write_default_acls(r);
	write_roles(r);
	sink_puts(out, "</section>\n");
}
