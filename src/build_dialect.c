/*
 * build_dialect.c
 *	  The builder's side of dialect.c.  When a statement fails to parse,
 *	  rewrite the newer pg_dump syntax it may hold and parse it again; once
 *	  the rewritten statement has been applied, put back on the model what
 *	  the rewrite dropped (a virtual column, a NOT ENFORCED or temporal
 *	  constraint, a NOT NULL written as a table element).
 *
 *	  The rewrite leaves sites: offsets into the rewritten text.  The parse
 *	  tree's ColumnDef and Constraint nodes carry their byte offset in the
 *	  same text, so a site belongs to the last such node that starts
 *	  before it.
 */
#include "build_int.h"
#include "dialect.h"

#include <stdlib.h>
#include <string.h>

struct dialect_rewrite *build_dialect_retry(struct builder *b, struct pgparse *p)
{
	struct dialect_rewrite rw;

	if (!dialect_rewrite(b->st->text, build_standard_strings(b), &rw))
		return NULL;

	/* Keep the first complaint: it is about what the dump really says. */
	char *error = p->error;
	int error_offset = p->error_offset;
	p->error = NULL;
	pgparse_free(p);
	pgparse_run(rw.text, build_standard_strings(b), p);
	if (p->tree == NULL) {
		free(p->error);
		p->error = error;
		p->error_offset = error_offset;
		dialect_rewrite_free(&rw);
		return NULL;
	}
	free(error);
	b->m->source.rewritten++;

	struct dialect_rewrite *r = xmalloc(sizeof(*r));
	*r = rw;
	return r;
}

/* The owner of a site: the last node of a kind that starts at or before it. */
struct owner_search {
	NodeTag kind; /* T_ColumnDef or T_Constraint */
	int offset;   /* the site */
	const Node *best;
	int best_location;
};

static int node_location(const Node *n)
{
	if (IsA(n, ColumnDef))
		return ((const ColumnDef *)n)->location;
	const Constraint *c = (const Constraint *)n;
	/* Only the constraints the model keeps; DEFERRABLE and the like are nodes too. */
	switch (c->contype) {
	case CONSTR_PRIMARY:
	case CONSTR_UNIQUE:
	case CONSTR_FOREIGN:
	case CONSTR_CHECK:
	case CONSTR_EXCLUSION:
		return c->location;
	default:
		return -1;
	}
}

/* Keep `n` when it is of os->kind and the last so far that starts at or before os->offset. */
static void consider(struct owner_search *os, const Node *n)
{
	if (n == NULL || nodeTag(n) != os->kind)
		return;
	int loc = node_location(n);
	if (loc >= 0 && loc <= os->offset && loc >= os->best_location) {
		os->best = n;
		os->best_location = loc;
	}
}

/*
 * A table element or an ALTER TABLE subcommand's definition: a ColumnDef
 * (then its constraints after it), or a table Constraint.
 */
static void search_element(struct owner_search *os, const Node *n)
{
	ListCell *lc;

	consider(os, n);
	if (n && IsA(n, ColumnDef))
		foreach (lc, ((const ColumnDef *)n)->constraints)
			consider(os, lfirst(lc));
}

static const Node *owner(const Node *stmt, NodeTag kind, size_t offset)
{
	struct owner_search os = {.kind = kind, .offset = (int)offset, .best_location = -1};
	const CreateStmt *cs = NULL;
	ListCell *lc;

	switch (nodeTag(stmt)) {
	case T_CreateStmt:
		cs = (const CreateStmt *)stmt;
		break;
	case T_CreateForeignTableStmt:
		cs = &((const CreateForeignTableStmt *)stmt)->base;
		break;
	case T_AlterTableStmt:
		foreach (lc, ((const AlterTableStmt *)stmt)->cmds) {
			const Node *cmd = lfirst(lc);
			if (IsA(cmd, AlterTableCmd))
				search_element(&os, ((const AlterTableCmd *)cmd)->def);
		}
		break;
	default:
		break;
	}
	if (cs) {
		foreach (lc, cs->tableElts)
			search_element(&os, lfirst(lc));
		/* Filled in by parse analysis only; empty in a raw parse. */
		foreach (lc, cs->constraints)
			search_element(&os, lfirst(lc));
	}
	return os.best;
}

/* The table a CREATE TABLE or ALTER TABLE statement is about, or NULL. */
static struct table *statement_table(struct builder *b, const Node *n)
{
	switch (nodeTag(n)) {
	case T_CreateStmt:
		return build_find_table(b, ((const CreateStmt *)n)->relation);
	case T_CreateForeignTableStmt:
		return build_find_table(b, ((const CreateForeignTableStmt *)n)->base.relation);
	case T_AlterTableStmt:
		return build_find_table(b, ((const AlterTableStmt *)n)->relation);
	default:
		return NULL;
	}
}

static struct constraint *site_constraint(struct table *t, const Node *stmt, size_t offset)
{
	const Constraint *c = (const Constraint *)owner(stmt, T_Constraint, offset);
	/* pg_dump names every constraint it writes; an unnamed one cannot be told apart here. */
	if (c == NULL || c->conname == NULL || c->conname[0] == '\0')
		return NULL;
	return table_find_constraint(t, c->conname);
}

/*
 * A CHECK reaches the tables below its table as a copy that shares its
 * expression string (inherit_from, and ALTER TABLE without ONLY), made
 * before the mark was known: mark those copies too.  They are linked in a
 * ring (constraint_note_copy), so this costs the copies, not the tables.
 */
static void mark_check_copies(struct builder *b, const struct constraint *con)
{
	if (con->kind != CON_CHECK)
		return;
	for (struct constraint *c = con->next_copy; c != NULL && c != con; c = c->next_copy)
		if (c->kind == CON_CHECK && c->expression == con->expression)
			c->not_enforced = true;
}

static void mark_site(struct builder *b, struct table *t, const Node *stmt,
		      const struct dialect_site *s)
{
	struct column *col = NULL;
	struct constraint *con = NULL;

	switch (s->flag) {
	case DIALECT_NOT_NULL_ELEMENT:
		if (s->arg && (col = table_find_column(t, s->arg)) != NULL)
			col->not_null = true;
		break;
	case DIALECT_VIRTUAL: {
		const ColumnDef *cd = (const ColumnDef *)owner(stmt, T_ColumnDef, s->offset);
		if (cd && cd->colname && (col = table_find_column(t, cd->colname)) != NULL)
			col->virtual_generated = true;
		break;
	}
	case DIALECT_NOT_ENFORCED:
		if ((con = site_constraint(t, stmt, s->offset)) != NULL) {
			con->not_enforced = true;
			mark_check_copies(b, con);
		}
		break;
	case DIALECT_WITHOUT_OVERLAPS:
	case DIALECT_PERIOD:
		if ((con = site_constraint(t, stmt, s->offset)) != NULL)
			con->temporal = true;
		break;
	default:
		break;
	}
}

void build_dialect_mark(struct builder *b, const struct pgparse *p, struct dialect_rewrite *rw)
{
	if (rw == NULL)
		return;
	ListCell *lc;
	foreach (lc, p->tree) {
		const RawStmt *rs = lfirst(lc);
		const Node *n = rs->stmt;
		struct table *t = n ? statement_table(b, n) : NULL;
		if (t == NULL)
			continue;
		for (size_t j = 0; j < rw->n_sites; j++)
			mark_site(b, t, n, &rw->sites[j]);
	}
	dialect_rewrite_free(rw);
	free(rw);
}
