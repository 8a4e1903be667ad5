/*
 * ddl_privs.c
 *	  The DDL writer's comments, owners and grants (ddl.h): COMMENT ON with
 *	  the text as a standard literal, ALTER ... OWNER TO, and the GRANT and
 *	  REVOKE statements that turn one ACL into another, grantee by grantee.
 */
#include "ddl.h"

#include <string.h>

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* ---- comments, owners, grants ------------------------------------------- */

void ddl_comment(struct strbuf *sb, const char *what, const char *target, const char *comment)
{
	sb_printf(sb, "COMMENT ON %s %s IS ", what, target);
	if (comment == NULL)
		sb_append(sb, "NULL");
	else
		ddl_literal(sb, comment);
	sb_append(sb, ";\n");
}

void ddl_owner(struct strbuf *sb, const char *what, const char *target, const char *owner)
{
	if (owner == NULL)
		return;
	sb_printf(sb, "ALTER %s %s OWNER TO ", what, target);
	ddl_role(sb, owner);
	sb_append(sb, ";\n");
}

/* "SELECT, UPDATE(a, b)": the grant's privileges with column names quoted. */
static void privileges(struct strbuf *sb, const struct grant *g)
{
	for (size_t i = 0; i < g->privs.n; i++) {
		const struct privilege *p = g->privs.v[i];
		if (i > 0)
			sb_append(sb, ", ");
		sb_append(sb, p->name[0] ? p->name : "ALL");
		if (p->columns) {
			sb_putc(sb, '(');
			for (size_t j = 0; j < p->cols.n; j++) {
				if (j > 0)
					sb_append(sb, ", ");
				ddl_ident(sb, p->cols.v[j]);
			}
			sb_putc(sb, ')');
		}
	}
}

static const struct grant *find_grant(const struct objhdr *h, const char *grantee, bool option)
{
	for (size_t i = 0; h != NULL && i < h->grants.n; i++) {
		const struct grant *g = h->grants.v[i];
		if (g->privs.n > 0 && g->with_grant_option == option &&
		    strcmp(g->grantee, grantee) == 0)
			return g;
	}
	return NULL;
}

/* Do a and b hold the same privileges (in any order)? */
static bool same_privileges(const struct grant *a, const struct grant *b)
{
	struct strbuf x, y;
	sb_init(&x);
	sb_init(&y);
	privileges(&x, a);
	privileges(&y, b);
	bool same = strcmp(nz(x.data), nz(y.data)) == 0;
	sb_free(&x);
	sb_free(&y);
	return same;
}

/* Kinds whose default ACL gives PUBLIC a privilege (EXECUTE, USAGE; schema public's USAGE). */
static bool public_by_default(const char *what, const char *target)
{
	if (strcmp(what, "SCHEMA") == 0)
		return strcmp(target, "public") == 0;
	return strcmp(what, "FUNCTION") == 0 || strcmp(what, "PROCEDURE") == 0 ||
	       strcmp(what, "TYPE") == 0 || strcmp(what, "DOMAIN") == 0 ||
	       strcmp(what, "LANGUAGE") == 0;
}

/* Is grants[i] of side `side` the first entry of its grantee over from's, then to's? */
static bool first_of_grantee(const struct objhdr *from, const struct objhdr *to, int side, size_t i)
{
	const struct objhdr *sides[2] = {from, to};
	const char *who = ((const struct grant *)sides[side]->grants.v[i])->grantee;
	for (int s = 0; s <= side; s++)
		for (size_t j = 0; sides[s] != NULL && j < (s == side ? i : sides[s]->grants.n);
		     j++) {
			const struct grant *g = sides[s]->grants.v[j];
			if (g->privs.n > 0 && strcmp(g->grantee, who) == 0)
				return false;
		}
	return true;
}

static bool same_entry(const struct grant *a, const struct grant *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return same_privileges(a, b);
}

static void grant_entry(struct strbuf *sb, const char *on, const char *target,
			const struct grant *g)
{
	if (g == NULL)
		return;
	sb_append(sb, "GRANT ");
	privileges(sb, g);
	sb_printf(sb, " ON %s %s TO ", on, target);
	ddl_role(sb, g->grantee);
	if (g->with_grant_option)
		sb_append(sb, " WITH GRANT OPTION");
	sb_append(sb, ";\n");
}

static void grantee_change(struct strbuf *sb, const char *on, const char *target, const char *who,
			   const struct objhdr *from, const struct objhdr *to)
{
	const struct grant *was[2] = {find_grant(from, who, false), find_grant(from, who, true)};
	const struct grant *now[2] = {find_grant(to, who, false), find_grant(to, who, true)};
	if (same_entry(was[0], now[0]) && same_entry(was[1], now[1]))
		return;
	if (was[0] != NULL || was[1] != NULL) {
		sb_printf(sb, "REVOKE ALL ON %s %s FROM ", on, target);
		ddl_role(sb, who);
		sb_append(sb, ";\n");
	}
	grant_entry(sb, on, target, now[0]);
	grant_entry(sb, on, target, now[1]);
}

void ddl_grants(struct strbuf *sb, const char *what, const char *target, const struct objhdr *from,
		const struct objhdr *to)
{
	/* GRANT's own words: views are ON TABLE, aggregates ON FUNCTION, servers ON FOREIGN SERVER.
	 */
	const char *on = strcmp(what, "VIEW") == 0 || strcmp(what, "MATERIALIZED VIEW") == 0 ||
				 strcmp(what, "FOREIGN TABLE") == 0
			     ? "TABLE"
			 : strcmp(what, "AGGREGATE") == 0 ? "FUNCTION"
			 : strcmp(what, "SERVER") == 0	  ? "FOREIGN SERVER"
							  : what;
	if ((from == NULL || !from->acl_set) && to->acl_set && public_by_default(what, target) &&
	    find_grant(to, "PUBLIC", false) == NULL && find_grant(to, "PUBLIC", true) == NULL)
		sb_printf(sb, "REVOKE ALL ON %s %s FROM PUBLIC;\n", on, target);
	/*
	 * Per grantee: when what it holds (with and without the grant option)
	 * differs, REVOKE ALL it held, then GRANT what it holds now.
	 */
	const struct objhdr *sides[2] = {from, to};
	for (int side = 0; side < 2; side++) {
		for (size_t i = 0; sides[side] != NULL && i < sides[side]->grants.n; i++) {
			const char *who = ((const struct grant *)sides[side]->grants.v[i])->grantee;
			if (((const struct grant *)sides[side]->grants.v[i])->privs.n == 0 ||
			    first_of_grantee(from, to, side, i) == false)
				continue;
			grantee_change(sb, on, target, who, from, to);
		}
	}
}
