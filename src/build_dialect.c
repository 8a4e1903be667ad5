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

#include <protobuf-c/protobuf-c.h>
#include <stdlib.h>
#include <string.h>

struct dialect_rewrite *build_dialect_retry(struct builder *b, struct pgparse *p)
{
	struct dialect_rewrite rw;

	if (!dialect_rewrite(b->st->text, &rw))
		return NULL;

	/* Keep the first complaint: it is about what the dump really says. */
	char *error = p->error;
	int error_offset = p->error_offset;
	p->error = NULL;
	pgparse_free(p);
	pgparse_run(rw.text, p);
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
	const ProtobufCMessageDescriptor *kind; /* ColumnDef or Constraint */
	int offset;				/* the site */
	const ProtobufCMessage *best;
	int best_location;
};

static int node_location(const ProtobufCMessage *msg)
{
	if (msg->descriptor == &pg_query__column_def__descriptor)
		return ((const PgQuery__ColumnDef *)msg)->location;
	const PgQuery__Constraint *c = (const PgQuery__Constraint *)msg;
	/* Only the constraints the model keeps; DEFERRABLE and the like are nodes too. */
	switch (c->contype) {
	case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
	case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
	case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
	case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
	case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
		return c->location;
	default:
		return -1;
	}
}

/* The last message of os->kind that starts at or before os->offset. */
static bool visit_owner(const ProtobufCMessage *msg, void *ctx)
{
	struct owner_search *os = ctx;

	if (msg->descriptor == os->kind) {
		int loc = node_location(msg);
		if (loc >= 0 && loc <= os->offset && loc >= os->best_location) {
			os->best = msg;
			os->best_location = loc;
		}
	}
	return true;
}

static const ProtobufCMessage *owner(const Node *stmt, const ProtobufCMessageDescriptor *kind,
				     size_t offset)
{
	struct owner_search os = {.kind = kind, .offset = (int)offset, .best_location = -1};
	ast_walk(&stmt->base, visit_owner, &os);
	return os.best;
}

/* The table a CREATE TABLE or ALTER TABLE statement is about, or NULL. */
static struct table *statement_table(struct builder *b, const Node *n)
{
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_CREATE_STMT:
		return build_find_table(b, n->create_stmt->relation);
	case PG_QUERY__NODE__NODE_CREATE_FOREIGN_TABLE_STMT:
		return build_find_table(b, n->create_foreign_table_stmt->base_stmt->relation);
	case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
		return build_find_table(b, n->alter_table_stmt->relation);
	default:
		return NULL;
	}
}

static struct constraint *site_constraint(struct table *t, const Node *stmt, size_t offset)
{
	const PgQuery__Constraint *c =
	    (const PgQuery__Constraint *)owner(stmt, &pg_query__constraint__descriptor, offset);
	/* pg_dump names every constraint it writes; an unnamed one cannot be told apart here. */
	if (c == NULL || c->conname == NULL || c->conname[0] == '\0')
		return NULL;
	return table_find_constraint(t, c->conname);
}

/*
 * A CHECK reaches the tables below its table as a copy that shares its
 * expression string (inherit_from, and ALTER TABLE without ONLY), made
 * before the mark was known: mark those copies too.
 */
static void mark_check_copies(struct builder *b, const struct constraint *con)
{
	for (size_t i = 0; con->kind == CON_CHECK && i < b->m->tables.n; i++) {
		struct table *t = b->m->tables.v[i];
		struct constraint *c = table_find_constraint(t, con->name);
		if (c && c->kind == CON_CHECK && c->expression == con->expression)
			c->not_enforced = true;
	}
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
		const PgQuery__ColumnDef *cd = (const PgQuery__ColumnDef *)owner(
		    stmt, &pg_query__column_def__descriptor, s->offset);
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
	for (size_t i = 0; p->tree && i < p->tree->n_stmts; i++) {
		const Node *n = p->tree->stmts[i]->stmt;
		struct table *t = n ? statement_table(b, n) : NULL;
		if (t == NULL)
			continue;
		for (size_t j = 0; j < rw->n_sites; j++)
			mark_site(b, t, n, &rw->sites[j]);
	}
	dialect_rewrite_free(rw);
	free(rw);
}
