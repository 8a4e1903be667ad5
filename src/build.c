/*
 * build.c
 *	  The model builder's dispatcher: parse each statement the loader hands
 *	  it with libpg_query, and hand the tree to the part of the builder
 *	  that applies that kind of statement.  What the parts share is below
 *	  them, in build_util.c.
 */
#include "build_int.h"

#include "stmtsize.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct builder *build_new(struct model *m, struct splitter *sp, const char *file, struct diags *d)
{
	struct builder *b = xcalloc(1, sizeof(*b));
	b->d = d;
	b->m = m;
	b->a = m->arena;
	b->sp = sp;
	b->file = file;
	/* PostgreSQL's default search_path: "$user", public. */
	b->search_path[0] = "public";
	b->n_search_path = 1;
	b->ss = build_session_new();
	return b;
}

void build_free(struct builder *b)
{
	if (b == NULL)
		return;
	build_session_free(b->ss);
	free(b);
}

struct splitter *build_use_splitter(struct builder *b, struct splitter *sp)
{
	struct splitter *old = b->sp;
	b->sp = sp;
	return old;
}

static const char *const_string_arg(const Node *n)
{
	if (n && IsA(n, A_Const)) {
		const A_Const *ac = (const A_Const *)n;
		if (!ac->isnull && IsA(&ac->val, String))
			return ac->val.sval.sval;
	}
	return NULL;
}

/* SET search_path = a, b  /  SELECT pg_catalog.set_config('search_path', '', false) */
static void set_search_path_from_list(struct builder *b, const List *args)
{
	ListCell *lc;

	b->n_search_path = 0;
	foreach (lc, args) {
		const char *s = const_string_arg(lfirst(lc));
		if (b->n_search_path >= BUILD_MAX_SEARCH_PATH)
			break;
		if (s == NULL || strcmp(s, "pg_catalog") == 0 || strcmp(s, "$user") == 0)
			continue;
		b->search_path[b->n_search_path++] = arena_strdup(b->a, s);
	}
}

static void apply_set(struct builder *b, const VariableSetStmt *vs)
{
	build_session_set(b, vs);
	if (vs->name == NULL)
		return;
	if (strcmp(vs->name, "search_path") == 0)
		set_search_path_from_list(b, vs->args);
}

/* pg_dump 10+ empties the search_path with a SELECT set_config(...) call. */
static void apply_select(struct builder *b, const SelectStmt *sel)
{
	if (list_length(sel->targetList) != 1 || sel->fromClause != NIL)
		return;
	const Node *t = linitial(sel->targetList);
	if (!IsA(t, ResTarget) || ((const ResTarget *)t)->val == NULL ||
	    !IsA(((const ResTarget *)t)->val, FuncCall))
		return;
	const FuncCall *fc = (const FuncCall *)((const ResTarget *)t)->val;
	const char *fname = fc->funcname ? node_string(llast(fc->funcname)) : NULL;
	if (fname == NULL || strcmp(fname, "set_config") != 0 || list_length(fc->args) < 2)
		return;
	const char *var = const_string_arg(linitial(fc->args));
	const char *val = const_string_arg(lsecond(fc->args));
	if (var == NULL || val == NULL || strcmp(var, "search_path") != 0)
		return;

	/* The value is a comma-separated list, usually empty. */
	b->n_search_path = 0;
	char *copy = arena_strdup(b->a, val);
	for (char *save, *tok = strtok_r(copy, ", ", &save);
	     tok && b->n_search_path < BUILD_MAX_SEARCH_PATH; tok = strtok_r(NULL, ", ", &save)) {
		if (strcmp(tok, "pg_catalog") != 0 && strcmp(tok, "\"$user\"") != 0)
			b->search_path[b->n_search_path++] = tok;
	}
}

static void apply_node(struct builder *b, const Node *n)
{
	build_session_statement(b, n);
	switch (nodeTag(n)) {
	case T_TransactionStmt:
		build_session_transaction(b, (const TransactionStmt *)n);
		break;
	case T_AlterDatabaseSetStmt:
		build_session_alter_database(b, (const AlterDatabaseSetStmt *)n);
		build_object_statement(b, n);
		break;
	case T_AlterRoleSetStmt:
		build_session_alter_role(b, (const AlterRoleSetStmt *)n);
		build_object_statement(b, n);
		break;
	case T_VariableSetStmt:
		apply_set(b, (const VariableSetStmt *)n);
		build_set_role(b, (const VariableSetStmt *)n);
		break;
	case T_AlterDefaultPrivilegesStmt:
		build_default_privileges(b, (const AlterDefaultPrivilegesStmt *)n);
		break;
	case T_SelectStmt:
		apply_select(b, (const SelectStmt *)n);
		break;
	case T_CreateStmt:
		build_create_table(b, (const CreateStmt *)n, false, NULL);
		break;
	case T_CreateForeignTableStmt: {
		const CreateForeignTableStmt *fs = (const CreateForeignTableStmt *)n;
		build_create_table(b, &fs->base, true, fs->servername);
		break;
	}
	case T_AlterTableStmt:
		build_alter_table(b, (const AlterTableStmt *)n);
		break;
	case T_IndexStmt:
		build_index(b, (const IndexStmt *)n);
		break;
	case T_RenameStmt: /* an object held by name (build_named.c), else a relation's */
		if (!build_named_statement(b, n))
			build_rename(b, (const RenameStmt *)n);
		break;
	case T_AlterObjectSchemaStmt:
		build_set_schema(b, (const AlterObjectSchemaStmt *)n);
		break;
	case T_AlterEnumStmt: /* RENAME VALUE: the label changes where expressions cast to it */
		build_object_statement(b, n);
		build_rename_enum_value(b, (const AlterEnumStmt *)n);
		break;
	default:
		build_object_statement(b, n);
		break;
	}
}

static void record_unparsed(struct builder *b, const struct pgparse *p)
{
	struct loc l = build_loc(b, p->error_offset);
	char buf[600];
	const char *object = build_hint_object(b, buf, sizeof(buf));
	const char *error = p->error ? p->error : "syntax error";

	build_keep_unparsed(b, l, object, error, b->st->text);
	if (object)
		diag_warn(b->d, l, "cannot parse %s: %s", object, error);
	else
		diag_warn(b->d, l, "cannot parse statement: %s", error);
}

/*
 * Refuse a statement of more than PGB_MAX_STATEMENT_TOKENS tokens before the
 * parser builds its tree, as a parse failure at the first token past it.
 * (The tree's depth and node count are measured after the parse: pgparse.c.)
 */
static bool too_large(struct builder *b, const struct stmt *st, struct pgparse *p)
{
	long at = stmtsize_tokens_over(st->text, st->len, split_standard_strings(b->sp),
				       PGB_MAX_STATEMENT_TOKENS);
	char msg[160];

	if (at < 0)
		return false;
	snprintf(msg, sizeof(msg), "too large (more than %u tokens); not parsed",
		 (unsigned)PGB_MAX_STATEMENT_TOKENS);
	p->tree = NULL;
	p->context = NULL;
	p->error = xstrdup(msg);
	p->error_offset = (int)at;
	return true;
}

/*
 * INSERTs (dumps made with --inserts) carry data, not schema: count them,
 * skip the parse; unless one calls set_config, which build_session.c reads.
 */
static bool is_insert(const struct stmt *st)
{
	return st->len > 7 && strncasecmp(st->text, "INSERT", 6) == 0 &&
	       (st->text[6] == ' ' || st->text[6] == '\n' || st->text[6] == '\t') &&
	       strcasestr(st->text, "set_config") == NULL;
}

static void note_copy(struct builder *b, const CopyStmt *cs, long long rows)
{
	b->m->source.copy_blocks++;
	if (!cs->is_from || cs->relation == NULL)
		return;
	struct table *t = build_find_table(b, cs->relation);
	if (t) {
		t->rows = (t->rows < 0 ? 0 : t->rows) + rows;
		build_data_copy(b, t, b->st->copy_first_row);
	}
}

/* Past PGB_MAX_OBJECTS: said once, and no statement is applied after it. */
static bool stop_when_full(struct builder *b)
{
	if (!model_full(b->m))
		return true;
	if (!b->stopped)
		diag_error(b->d, (struct loc){0},
			   "too many objects: the dump defines more than %u tables, columns, "
			   "constraints, indexes and other objects",
			   PGB_MAX_OBJECTS);
	b->stopped = true;
	return false;
}

bool build_statement(struct builder *b, const struct stmt *st)
{
	struct pgparse p;

	if (!stop_when_full(b))
		return false;
	if (st->kind != STMT_SQL)
		return true;
	b->st = st;
	b->m->at_line = st->line; /* objects created now are located here */
	b->m->at_col = st->col;
	b->m->source.statements++;
	if (is_insert(st)) {
		b->m->source.inserts++;
		build_data_insert(b, st); /* its rows and first value, without a parse */
		b->st = NULL;
		b->m->at_line = b->m->at_col = 0;
		return true;
	}

	if (too_large(b, st, &p)) {
		record_unparsed(b, &p);
		pgparse_free(&p);
		b->st = NULL;
		b->m->at_line = b->m->at_col = 0;
		return true;
	}
	pgparse_run(st->text, build_standard_strings(b), &p);
	if (p.tree == NULL && p.error == NULL) {
		/* Only comments (an archive entry can be that): nothing, as for the server. */
		b->m->source.statements--;
		pgparse_free(&p);
		b->st = NULL;
		b->m->at_line = b->m->at_col = 0;
		return true;
	}
	/* Syntax newer than the 15 grammar: rewrite it and parse again (dialect.h). */
	struct dialect_rewrite *rw = p.tree ? NULL : build_dialect_retry(b, &p);
	if (p.tree == NULL) {
		record_unparsed(b, &p);
	} else {
		ListCell *lc;
		foreach (lc, p.tree) {
			const Node *n = lfirst_node(RawStmt, lc)->stmt;
			if (n == NULL)
				continue;
			if (IsA(n, CopyStmt)) {
				note_copy(b, (const CopyStmt *)n, st->copy_rows);
			} else {
				struct defacl_mark mk;
				build_defacl_mark(b, &mk);
				apply_node(b, n);
				build_defacl_created(b, &mk);
			}
		}
	}
	build_dialect_mark(b, &p, rw);
	pgparse_free(&p);
	b->st = NULL;
	b->m->at_line = b->m->at_col = 0;
	return stop_when_full(b);
}

void build_cleanup(void)
{
	pgparse_cleanup();
}
