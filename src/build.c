/*
 * build.c
 *	  The model builder's driver: read statements from the splitter, parse
 *	  each with libpg_query, and hand it to the part of the builder that
 *	  applies that kind of statement.  Also owns what is shared between
 *	  the parts: locations, the search_path, and name resolution.
 */
#include "build_int.h"

#include "cleanup.h"
#include "input.h"
#include "pgarchive.h"
#include "stmtsize.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct builder *build_new(struct model *m, struct splitter *sp, const char *file)
{
	struct builder *b = xcalloc(1, sizeof(*b));
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

struct loc build_loc(const struct builder *b, int byte_offset)
{
	struct loc l = {.file = b->file, .line = b->st->line, .col = b->st->col};

	/* Walk the statement up to the offset: lines restart the column count. */
	for (int i = 0; byte_offset > 0 && i < byte_offset && (size_t)i < b->st->len; i++) {
		if (b->st->text[i] == '\n') {
			l.line++;
			l.col = 1;
		} else {
			l.col++;
		}
	}
	return l;
}

const char *build_hint_object(struct builder *b, char *buf, size_t size)
{
	struct hint h;

	if (b->st->hint == NULL || !hint_parse(b->st->hint, &h))
		return NULL;
	hint_describe(&h, buf, size);
	return buf;
}

void build_warn(struct builder *b, int byte_offset, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_warn(build_loc(b, byte_offset), "%s", msg);
}

const char *build_creation_schema(const struct builder *b)
{
	return b->n_search_path > 0 ? b->search_path[0] : "public";
}

const char *build_rv_schema(struct builder *b, const RangeVar *rv)
{
	if (rv->schemaname && rv->schemaname[0])
		return rv->schemaname;
	return build_creation_schema(b);
}

struct table *build_find_table(struct builder *b, const RangeVar *rv)
{
	if (rv == NULL || rv->relname == NULL)
		return NULL;
	if (rv->schemaname && rv->schemaname[0])
		return model_find_table(b->m, rv->schemaname, rv->relname);
	for (int i = 0; i < b->n_search_path; i++) {
		struct table *t = model_find_table(b->m, b->search_path[i], rv->relname);
		if (t)
			return t;
	}
	return NULL;
}

void build_qualname(struct builder *b, const List *names, const char **schema, const char **name)
{
	int n = list_length(names);

	*schema = NULL;
	*name = NULL;
	if (n == 0)
		return;
	*name = node_string(list_nth(names, n - 1));
	if (n >= 2)
		*schema = node_string(list_nth(names, n - 2));
}

/* A string constant's text ('x'), or NULL for anything else. */
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
	default:
		build_object_statement(b, n);
		break;
	}
}

/*
 * Count a statement that was not applied and keep the first
 * MODEL_UNPARSED_KEPT of them (where, which object, why; every one has a
 * message).  The rest are only counted: a file of millions of bad lines
 * must not grow the model with each one.
 */
static void push_unparsed(struct builder *b, struct loc l, const char *object, const char *message,
			  const char *excerpt)
{
	b->m->source.unparsed++;
	if (b->m->unparsed.n >= MODEL_UNPARSED_KEPT)
		return;
	struct unparsed *u = arena_alloc(b->a, sizeof(*u));
	size_t eol = strcspn(excerpt, "\n");

	u->line = l.line;
	u->col = l.col;
	u->object = object ? arena_strdup(b->a, object) : NULL;
	u->message = arena_strdup(b->a, message && message[0] ? message : "not understood");
	u->excerpt = arena_strndup(b->a, excerpt, eol < 120 ? eol : 120);
	ptrvec_push(&b->m->unparsed, u);
}

void build_record_unparsed(struct builder *b, struct loc l, const char *object, const char *message)
{
	push_unparsed(b, l, object, message, b->st ? b->st->text : "");
	diag_warn(l, "%s", message);
}

void build_unparsed_at(struct builder *b, struct loc l, const char *message, const char *excerpt)
{
	push_unparsed(b, l, NULL, message, excerpt);
	diag_warn(l, "%s", message);
}

static void record_unparsed(struct builder *b, const struct pgparse *p)
{
	struct loc l = build_loc(b, p->error_offset);
	char buf[600];
	const char *object = build_hint_object(b, buf, sizeof(buf));
	const char *error = p->error ? p->error : "syntax error";

	push_unparsed(b, l, object, error, b->st->text);
	if (object)
		diag_warn(l, "cannot parse %s: %s", object, error);
	else
		diag_warn(l, "cannot parse statement: %s", error);
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

void build_statement(struct builder *b, const struct stmt *st)
{
	struct pgparse p;

	if (st->kind != STMT_SQL)
		return;
	b->st = st;
	b->m->source.statements++;
	if (is_insert(st)) {
		b->m->source.inserts++;
		build_data_insert(b, st); /* its rows and first value, without a parse */
		b->st = NULL;
		return;
	}

	if (too_large(b, st, &p)) {
		record_unparsed(b, &p);
		pgparse_free(&p);
		b->st = NULL;
		return;
	}
	pgparse_run(st->text, build_standard_strings(b), &p);
	if (p.tree == NULL && p.error == NULL) {
		/* Only comments (an archive entry can be that): nothing, as for the server. */
		b->m->source.statements--;
		pgparse_free(&p);
		b->st = NULL;
		return;
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
			if (IsA(n, CopyStmt))
				note_copy(b, (const CopyStmt *)n, st->copy_rows);
			else
				apply_node(b, n);
		}
	}
	build_dialect_mark(b, &p, rw);
	pgparse_free(&p);
	b->st = NULL;
}

bool build_from_input(struct model *m, const char *path)
{
	return build_from_input_db(m, path, NULL);
}

/*
 * An archive that came through a pipe (`pg_dump -Fc db | pgbaseline inspect -`).
 * The archive reader seeks, so the stream is copied to a temporary file
 * first: disk, not memory, holds it.
 */
static bool build_from_piped_archive(struct model *m, struct input *in, const char *path,
				     const char *dbname)
{
	const char *dir = getenv("TMPDIR");
	struct strbuf path_sb;

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	sb_init(&path_sb);
	sb_printf(&path_sb, "%s/pgbaseline-stdin-XXXXXX", dir);
	char *tmp = sb_steal(&path_sb);
	sigset_t sigs;
	cleanup_hold_signals(&sigs);
	int fd = mkstemp(tmp);
	if (fd >= 0)
		cleanup_add(tmp, false); /* removed however the run ends (cleanup.h) */
	cleanup_release_signals(&sigs);
	bool ok = false;

	if (fd < 0) {
		diag_error((struct loc){.file = input_name(in)},
			   "an archive on standard input is copied to a file first, but %s: %s "
			   "(set TMPDIR to a writable directory)",
			   dir, strerror(errno));
	} else {
		ok = input_spool(in, fd, tmp);
		if (close(fd) != 0 && ok) {
			diag_error((struct loc){.file = tmp}, "cannot write: %s", strerror(errno));
			ok = false;
		}
		ok = ok && pgarchive_build_named(m, tmp, input_name(in), dbname);
		unlink(tmp);
		cleanup_forget(tmp);
	}
	if (ok)
		m->source.file = arena_strdup(m->arena, path);
	free(tmp);
	input_close(in);
	return ok;
}

bool build_from_input_db(struct model *m, const char *path, const char *dbname)
{
	/* pg_dump -Fc/-Fd/-Ft archives are read by pgarchive.c, which calls back into us. */
	if (pgarchive_probe(path))
		return pgarchive_build(m, path, dbname);

	struct input *in = input_open(path);
	if (in == NULL)
		return false;
	if (input_is_archive(in))
		return build_from_piped_archive(m, in, path, dbname);

	const char *name = input_name(in);
	m->source.file = arena_strdup(m->arena, path);
	m->source.format = input_compression_name(input_compression(in));

	/* Every database has a public schema; pg_dump does not create it. */
	model_add_schema(m, "public");

	struct splitter *sp = split_new(in);
	struct builder *b = build_new(m, sp, arena_strdup(m->arena, name));
	int rc = build_sections(b, sp, dbname);

	split_dump_versions(sp, &m->source.pg_dump_version, &m->source.server_version, m->arena);
	build_free(b);
	split_free(sp);
	input_close(in);
	return rc == 0;
}

void build_cleanup(void)
{
	pgparse_cleanup();
}
