/*
 * pgparse.c
 *	  The adapter around libpg_query: parse a statement into protobuf-c
 *	  structs, and deparse expression nodes back into SQL text.
 *
 *	  libpg_query reports errors with a 1-based *character* cursor
 *	  position while statement locations are *bytes*; the conversion lives
 *	  here so nothing else has to know.
 */
#include "ast.h"

#include <stdlib.h>
#include <string.h>

/*
 * The unpacked tree is allocated from a scratch arena that is dropped whole
 * when the statement is done: protobuf-c's own free walks every node and
 * calls free() on each, which cost as much as the unpacking itself.
 */
static struct arena *scratch;

static void *scratch_alloc(void *data, size_t size)
{
	return arena_alloc(data, size);
}

static void scratch_free(void *data, void *ptr)
{
	/* freed with the arena */
}

void pgparse_run(const char *sql, struct pgparse *out)
{
	PgQueryProtobufParseResult r = pg_query_parse_protobuf(sql);
	ProtobufCAllocator alloc;

	if (scratch == NULL)
		scratch = arena_new();
	alloc.alloc = scratch_alloc;
	alloc.free = scratch_free;
	alloc.allocator_data = scratch;

	out->tree = NULL;
	out->error = NULL;
	out->error_offset = -1;
	if (r.error) {
		out->error = xstrdup(r.error->message ? r.error->message : "syntax error");
		if (r.error->cursorpos > 0)
			out->error_offset = pgparse_char_to_byte(sql, r.error->cursorpos);
	} else {
		out->tree = pg_query__parse_result__unpack(&alloc, r.parse_tree.len,
							   (const uint8_t *)r.parse_tree.data);
		if (out->tree == NULL)
			out->error =
			    xstrdup("libpg_query returned a parse tree that does not unpack");
	}
	pg_query_free_protobuf_parse_result(r);
}

void pgparse_free(struct pgparse *p)
{
	if (scratch)
		arena_reset(scratch);
	free(p->error);
	p->tree = NULL;
	p->error = NULL;
}

void pgparse_cleanup(void)
{
	if (scratch == NULL)
		return;
	arena_free(scratch);
	scratch = NULL;
	/* Only once the parser ran: pg_query_exit() crashes on an uninitialised library. */
	pg_query_exit();
}

int pgparse_char_to_byte(const char *text, int cursorpos)
{
	int chars = 0;
	int i = 0;

	/* Count UTF-8 lead bytes: continuation bytes look like 10xxxxxx. */
	for (; text[i] != '\0'; i++) {
		if (((unsigned char)text[i] & 0xC0) != 0x80) {
			if (++chars == cursorpos)
				return i;
		}
	}
	return i;
}

/* Deparse a one-statement parse tree; returns malloc'd text or NULL. */
static char *deparse_tree(PgQuery__Node *stmt)
{
	PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
	PgQuery__RawStmt *raws[1] = {&raw};
	PgQuery__ParseResult pr = PG_QUERY__PARSE_RESULT__INIT;

	raw.stmt = stmt;
	pr.version = PG_VERSION_NUM;
	pr.n_stmts = 1;
	pr.stmts = raws;

	size_t len = pg_query__parse_result__get_packed_size(&pr);
	uint8_t *buf = xmalloc(len);
	pg_query__parse_result__pack(&pr, buf);

	PgQueryProtobuf pb = {.len = len, .data = (char *)buf};
	PgQueryDeparseResult d = pg_query_deparse_protobuf(pb);
	char *text = NULL;
	if (d.error == NULL && d.query)
		text = xstrdup(d.query);
	pg_query_free_deparse_result(d);
	free(buf);
	return text;
}

char *pgparse_deparse_stmt(struct arena *a, const Node *stmt)
{
	if (stmt == NULL)
		return NULL;
	char *text = deparse_tree((Node *)stmt);
	char *res = arena_strdup(a, text ? text : "?");
	free(text);
	return res;
}

/*
 * libpg_query deparses statements, not bare expressions, so an expression
 * is wrapped as the only target of "SELECT <expr>" and the prefix cut off.
 */
char *pgparse_deparse_expr(struct arena *a, const Node *expr)
{
	if (expr == NULL)
		return NULL;

	PgQuery__ResTarget rt = PG_QUERY__RES_TARGET__INIT;
	PgQuery__Node rt_node = PG_QUERY__NODE__INIT;
	PgQuery__Node *targets[1] = {&rt_node};
	PgQuery__SelectStmt sel = PG_QUERY__SELECT_STMT__INIT;
	PgQuery__Node sel_node = PG_QUERY__NODE__INIT;

	rt.val = (Node *)expr;
	rt_node.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
	rt_node.res_target = &rt;
	sel.n_target_list = 1;
	sel.target_list = targets;
	sel.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
	sel.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
	sel_node.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
	sel_node.select_stmt = &sel;

	char *text = deparse_tree(&sel_node);
	char *res;
	if (text && strncmp(text, "SELECT ", 7) == 0)
		res = arena_strdup(a, text + 7);
	else
		res = arena_strdup(a, text ? text : "?");
	free(text);
	return res;
}

bool node_is_string(const Node *n)
{
	return n && n->node_case == PG_QUERY__NODE__NODE_STRING;
}

const char *node_string(const Node *n)
{
	return node_is_string(n) ? n->string->sval : NULL;
}

/* Each message field of `msg`: repeated ones element by element. */
static void walk_field(const ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f,
		       ast_visitor visit, void *ctx)
{
	const char *member = (const char *)msg + f->offset;

	if (f->label == PROTOBUF_C_LABEL_REPEATED) {
		size_t n = *(const size_t *)((const char *)msg + f->quantifier_offset);
		ProtobufCMessage *const *arr = *(ProtobufCMessage *const *const *)member;
		for (size_t i = 0; i < n; i++)
			ast_walk(arr[i], visit, ctx);
	} else {
		ast_walk(*(ProtobufCMessage *const *)member, visit, ctx);
	}
}

void ast_walk(const ProtobufCMessage *msg, ast_visitor visit, void *ctx)
{
	if (msg == NULL || !visit(msg, ctx))
		return;
	const ProtobufCMessageDescriptor *d = msg->descriptor;
	for (unsigned i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		if (f->type != PROTOBUF_C_TYPE_MESSAGE)
			continue;
		/* In a oneof, only the member that is set may be read. */
		if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) &&
		    *(const uint32_t *)((const char *)msg + f->quantifier_offset) != f->id)
			continue;
		walk_field(msg, f, visit, ctx);
	}
}
