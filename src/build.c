/*
 * build.c
 *	  The model builder's driver: read statements from the splitter, parse
 *	  each with libpg_query, and hand it to the part of the builder that
 *	  applies that kind of statement.  Also owns what is shared between
 *	  the parts: locations, the search_path, and name resolution.
 */
#include "build_int.h"

#include "input.h"
#include "nesting.h"
#include "pgarchive.h"

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
	return b;
}

void build_free(struct builder *b)
{
	free(b);
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

const char *build_hint_object(struct builder *b)
{
	struct hint h;
	char buf[600];

	if (b->st->hint == NULL || !hint_parse(b->st->hint, &h))
		return NULL;
	hint_describe(&h, buf, sizeof(buf));
	return arena_strdup(b->a, buf);
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

const char *build_rv_schema(struct builder *b, const PgQuery__RangeVar *rv)
{
	if (rv->schemaname && rv->schemaname[0])
		return rv->schemaname;
	return build_creation_schema(b);
}

struct table *build_find_table(struct builder *b, const PgQuery__RangeVar *rv)
{
	if (rv == NULL)
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

void build_qualname(struct builder *b, Node **items, size_t n, const char **schema,
		    const char **name)
{
	*schema = NULL;
	*name = NULL;
	if (n == 0)
		return;
	*name = node_string(items[n - 1]);
	if (n >= 2)
		*schema = node_string(items[n - 2]);
}

/* SET search_path = a, b  /  SELECT pg_catalog.set_config('search_path', '', false) */
static void set_search_path_from_list(struct builder *b, Node **args, size_t n)
{
	b->n_search_path = 0;
	for (size_t i = 0; i < n && b->n_search_path < BUILD_MAX_SEARCH_PATH; i++) {
		const Node *a = args[i];
		const char *s = NULL;
		if (a->node_case == PG_QUERY__NODE__NODE_A_CONST &&
		    a->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
			s = a->a_const->sval->sval;
		if (s == NULL || strcmp(s, "pg_catalog") == 0 || strcmp(s, "$user") == 0)
			continue;
		b->search_path[b->n_search_path++] = arena_strdup(b->a, s);
	}
}

static const char *const_string_arg(const Node *n)
{
	if (n && n->node_case == PG_QUERY__NODE__NODE_A_CONST &&
	    n->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
		return n->a_const->sval->sval;
	return NULL;
}

static void apply_set(struct builder *b, const PgQuery__VariableSetStmt *vs)
{
	if (vs->name == NULL)
		return;
	if (strcmp(vs->name, "search_path") == 0) {
		set_search_path_from_list(b, vs->args, vs->n_args);
	} else if (strcmp(vs->name, "standard_conforming_strings") == 0 && vs->n_args == 1) {
		const char *v = const_string_arg(vs->args[0]);
		if (v)
			split_set_standard_strings(b->sp, strcasecmp(v, "off") != 0);
	}
}

/* pg_dump 10+ empties the search_path with a SELECT set_config(...) call. */
static void apply_select(struct builder *b, const PgQuery__SelectStmt *sel)
{
	if (sel->n_target_list != 1 || sel->n_from_clause != 0)
		return;
	const Node *t = sel->target_list[0];
	if (t->node_case != PG_QUERY__NODE__NODE_RES_TARGET || t->res_target->val == NULL ||
	    t->res_target->val->node_case != PG_QUERY__NODE__NODE_FUNC_CALL)
		return;
	const PgQuery__FuncCall *fc = t->res_target->val->func_call;
	const char *fname = node_string(fc->funcname[fc->n_funcname - 1]);
	if (fname == NULL || strcmp(fname, "set_config") != 0 || fc->n_args < 2)
		return;
	const char *var = const_string_arg(fc->args[0]);
	const char *val = const_string_arg(fc->args[1]);
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
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
		apply_set(b, n->variable_set_stmt);
		break;
	case PG_QUERY__NODE__NODE_SELECT_STMT:
		apply_select(b, n->select_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_STMT:
		build_create_table(b, n->create_stmt, false, NULL);
		break;
	case PG_QUERY__NODE__NODE_CREATE_FOREIGN_TABLE_STMT:
		build_create_table(b, n->create_foreign_table_stmt->base_stmt, true,
				   n->create_foreign_table_stmt->servername);
		break;
	case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
		build_alter_table(b, n->alter_table_stmt);
		break;
	case PG_QUERY__NODE__NODE_INDEX_STMT:
		build_index(b, n->index_stmt);
		break;
	default:
		build_object_statement(b, n);
		break;
	}
}

static void record_unparsed(struct builder *b, const struct pgparse *p)
{
	struct unparsed *u = arena_alloc(b->a, sizeof(*u));
	struct loc l = build_loc(b, p->error_offset);
	const char *object = build_hint_object(b);
	size_t eol = strcspn(b->st->text, "\n");

	u->line = l.line;
	u->col = l.col;
	u->object = object;
	u->message = arena_strdup(b->a, p->error);
	u->excerpt = arena_strndup(b->a, b->st->text, eol < 120 ? eol : 120);
	ptrvec_push(&b->m->unparsed, u);
	b->m->source.unparsed++;

	if (object)
		diag_warn(l, "cannot parse %s: %s", object, p->error);
	else
		diag_warn(l, "cannot parse statement: %s", p->error);
}

/* Refuse a statement nested deeper than PGB_MAX_NESTING, as a parse failure at that spot. */
static bool too_deep(const struct stmt *st, struct pgparse *p)
{
	long at = nesting_over(st->text, st->len);
	char msg[160];

	if (at < 0)
		return false;
	snprintf(msg, sizeof(msg),
		 "nested too deeply (more than %d levels of brackets and operators); not parsed",
		 PGB_MAX_NESTING);
	p->tree = NULL;
	p->error = xstrdup(msg);
	p->error_offset = (int)at;
	return true;
}

/* INSERTs (dumps made with --inserts) carry data, not schema: count them, skip the parse. */
static bool is_insert(const struct stmt *st)
{
	return st->len > 7 && strncasecmp(st->text, "INSERT", 6) == 0 &&
	       (st->text[6] == ' ' || st->text[6] == '\n' || st->text[6] == '\t');
}

static void note_copy(struct builder *b, const PgQuery__CopyStmt *cs, long long rows)
{
	b->m->source.copy_blocks++;
	if (!cs->is_from || cs->relation == NULL)
		return;
	struct table *t = build_find_table(b, cs->relation);
	if (t)
		t->rows = (t->rows < 0 ? 0 : t->rows) + rows;
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
		return;
	}

	if (too_deep(st, &p)) {
		record_unparsed(b, &p);
		pgparse_free(&p);
		b->st = NULL;
		return;
	}
	pgparse_run(st->text, &p);
	/* Syntax newer than the 15 grammar: rewrite it and parse again (dialect.h). */
	struct dialect_rewrite *rw = p.tree ? NULL : build_dialect_retry(b, &p);
	if (p.tree == NULL) {
		record_unparsed(b, &p);
	} else {
		for (size_t i = 0; i < p.tree->n_stmts; i++) {
			const Node *n = p.tree->stmts[i]->stmt;
			if (n == NULL)
				continue;
			if (n->node_case == PG_QUERY__NODE__NODE_COPY_STMT)
				note_copy(b, n->copy_stmt, st->copy_rows);
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
	int fd = mkstemp(tmp);
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
