/*
 * ddl_triggers.c
 *	  The DDL writer's triggers, policies and row level security (ddl.h):
 *	  names through ddl_ident(), the WHEN, USING and CHECK expressions as
 *	  the builder deparsed them.
 */
#include "ddl.h"

#include <string.h>

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* ---- triggers, policies, row level security ----------------------------- */

void ddl_create_trigger(struct strbuf *sb, const struct trigger *tr)
{
	sb_printf(sb, "CREATE %sTRIGGER ", tr->constraint_trigger ? "CONSTRAINT " : "");
	ddl_ident(sb, tr->name);
	sb_printf(sb, " %s ", nz(tr->timing));
	if (tr->n_update_of > 0 || tr->function_name != NULL) {
		/* The events again, with UPDATE OF's columns quoted. */
		const char *ev = nz(tr->events);
		const char *of = strstr(ev, "UPDATE OF ");
		if (of == NULL || tr->n_update_of == 0) {
			sb_append(sb, ev);
		} else {
			sb_append_len(sb, ev, (size_t)(of - ev));
			sb_append(sb, "UPDATE OF ");
			for (size_t i = 0; i < tr->n_update_of; i++) {
				if (i > 0)
					sb_append(sb, ", ");
				ddl_ident(sb, tr->update_of[i]);
			}
			/* what followed the columns: " OR TRUNCATE" */
			const char *rest = strstr(of, " OR TRUNCATE");
			if (rest != NULL)
				sb_append(sb, rest);
		}
	} else {
		sb_append(sb, nz(tr->events));
	}
	sb_append(sb, " ON ");
	ddl_qualified(sb, tr->table_schema, tr->table);
	if (tr->constraint_trigger) {
		sb_append(sb, tr->deferrable ? " DEFERRABLE" : " NOT DEFERRABLE");
		sb_append(sb,
			  tr->initially_deferred ? " INITIALLY DEFERRED" : " INITIALLY IMMEDIATE");
	}
	sb_append(sb, tr->for_each_row ? " FOR EACH ROW" : " FOR EACH STATEMENT");
	if (tr->when != NULL)
		sb_printf(sb, " WHEN (%s)", tr->when);
	sb_append(sb, " EXECUTE FUNCTION ");
	if (tr->function_name != NULL) {
		ddl_qualified(sb, tr->function_schema, tr->function_name);
		sb_printf(sb, "(%s)", nz(tr->function_args));
	} else {
		sb_append(sb, nz(tr->function));
	}
	sb_append(sb, ";\n");
}

void ddl_drop_trigger(struct strbuf *sb, const struct trigger *tr)
{
	sb_append(sb, "DROP TRIGGER ");
	ddl_ident(sb, tr->name);
	sb_append(sb, " ON ");
	ddl_qualified(sb, tr->table_schema, tr->table);
	sb_append(sb, ";\n");
}

/* A role as GRANT and CREATE POLICY take it: PUBLIC and CURRENT_USER... are keywords. */
void ddl_role(struct strbuf *sb, const char *role)
{
	static const char *const keywords[] = {"PUBLIC", "CURRENT_USER", "SESSION_USER",
					       "CURRENT_ROLE"};
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (strcmp(nz(role), keywords[i]) == 0) {
			sb_append(sb, keywords[i]);
			return;
		}
	ddl_ident(sb, role);
}

void ddl_create_policy(struct strbuf *sb, const struct policy *p)
{
	sb_append(sb, "CREATE POLICY ");
	ddl_ident(sb, p->name);
	sb_append(sb, " ON ");
	ddl_qualified(sb, p->table_schema, p->table);
	if (!p->permissive)
		sb_append(sb, " AS RESTRICTIVE");
	if (p->command != NULL && strcmp(p->command, "ALL") != 0)
		sb_printf(sb, " FOR %s", p->command);
	if (p->roles.n > 0) {
		sb_append(sb, " TO ");
		for (size_t i = 0; i < p->roles.n; i++) {
			if (i > 0)
				sb_append(sb, ", ");
			ddl_role(sb, p->roles.v[i]);
		}
	}
	if (p->using_expr != NULL)
		sb_printf(sb, " USING (%s)", p->using_expr);
	if (p->check_expr != NULL)
		sb_printf(sb, " WITH CHECK (%s)", p->check_expr);
	sb_append(sb, ";\n");
}

void ddl_drop_policy(struct strbuf *sb, const struct policy *p)
{
	sb_append(sb, "DROP POLICY ");
	ddl_ident(sb, p->name);
	sb_append(sb, " ON ");
	ddl_qualified(sb, p->table_schema, p->table);
	sb_append(sb, ";\n");
}

void ddl_table_rls(struct strbuf *sb, const struct table *t)
{
	sb_append(sb, "ALTER TABLE ");
	ddl_table_name(sb, t);
	sb_printf(sb, " %s ROW LEVEL SECURITY;\n", t->rls_enabled ? "ENABLE" : "DISABLE");
	sb_append(sb, "ALTER TABLE ");
	ddl_table_name(sb, t);
	sb_printf(sb, " %s ROW LEVEL SECURITY;\n", t->rls_forced ? "FORCE" : "NO FORCE");
}
