/*
 * pgparse.c
 *	  The adapter around libpg_query: parse a statement into PostgreSQL's
 *	  raw parse nodes, and deparse expression nodes back into SQL text.
 *
 *	  libpg_query reports errors with a 1-based *character* cursor
 *	  position while statement locations are *bytes*; the conversion lives
 *	  here so nothing else has to know.
 */
#include "ast.h"

#include <nodes/nodeFuncs.h>
#include <stdlib.h>
#include <string.h>

/*
 * libpg_query's internals (pg_query_internal.h, which needs the server
 * headers' memory-context declarations; these five are all we use).
 */
typedef struct {
	List *tree;
	char *stderr_buffer;
	PgQueryError *error;
} PgQueryInternalParsetreeAndError;
PgQueryInternalParsetreeAndError pg_query_raw_parse(const char *input);
MemoryContext pg_query_enter_memory_context(void);
void pg_query_exit_memory_context(MemoryContext ctx);
PgQueryProtobuf pg_query_nodes_to_protobuf(const void *obj);
void pg_query_free_error(PgQueryError *error);

/*
 * The raw parse tree is built in a memory context of its own, created for
 * the statement and dropped whole by pgparse_free().
 */
static bool parser_used;

void pgparse_run(const char *sql, struct pgparse *out)
{
	parser_used = true;
	out->tree = NULL;
	out->error = NULL;
	out->error_offset = -1;
	out->context = pg_query_enter_memory_context();

	PgQueryInternalParsetreeAndError r = pg_query_raw_parse(sql);
	free(r.stderr_buffer);
	if (r.error) {
		out->error = xstrdup(r.error->message ? r.error->message : "syntax error");
		if (r.error->cursorpos > 0)
			out->error_offset = pgparse_char_to_byte(sql, r.error->cursorpos);
		pg_query_free_error(r.error);
	} else {
		out->tree = r.tree;
	}
}

void pgparse_free(struct pgparse *p)
{
	if (p->context)
		pg_query_exit_memory_context(p->context);
	free(p->error);
	p->tree = NULL;
	p->error = NULL;
	p->context = NULL;
}

void pgparse_cleanup(void)
{
	/* Only once the parser ran: pg_query_exit() crashes on an uninitialised library. */
	if (!parser_used)
		return;
	parser_used = false;
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

/*
 * A node allocated in the current memory context.  Not makeNode(): the
 * server headers declare CurrentMemoryContext as an ordinary variable,
 * libpg_query as a thread-local one, so only its functions may touch it.
 */
static void *new_node(size_t size, NodeTag tag)
{
	Node *n = palloc0(size);
	n->type = tag;
	return n;
}

#define NEW_NODE(T) ((T *)new_node(sizeof(T), T_##T))

/*
 * Deparse `node` (a statement, or with `expr` an expression) into malloc'd
 * text, or NULL.  libpg_query deparses statements, not bare expressions,
 * so an expression goes in as the only target of "SELECT <expr>" and the
 * prefix is cut off.
 *
 * The wrapper nodes and libpg_query's protobuf structs are built in a
 * memory context of this call's own: pg_query_deparse_protobuf() leaves
 * the top context current when it returns, so without one they would pile
 * up there until exit.
 */
static char *deparse_node(Node *node, bool expr)
{
	MemoryContext ctx = pg_query_enter_memory_context();
	RawStmt *raw = NEW_NODE(RawStmt);

	if (expr) {
		ResTarget *rt = NEW_NODE(ResTarget);
		SelectStmt *sel = NEW_NODE(SelectStmt);
		rt->val = node;
		rt->location = -1;
		sel->targetList = list_make1(rt);
		sel->limitOption = LIMIT_OPTION_DEFAULT;
		sel->op = SETOP_NONE;
		node = (Node *)sel;
	}
	raw->stmt = node;
	PgQueryProtobuf pb = pg_query_nodes_to_protobuf(list_make1(raw));
	PgQueryDeparseResult d = pg_query_deparse_protobuf(pb);
	char *text = NULL;
	if (d.error == NULL && d.query) {
		const char *q = d.query;
		if (expr && strncmp(q, "SELECT ", 7) == 0)
			q += 7;
		text = xstrdup(q);
	}
	pg_query_free_deparse_result(d);
	free(pb.data);
	pg_query_exit_memory_context(ctx);
	return text;
}

static char *deparse_to_arena(struct arena *a, const Node *node, bool expr)
{
	if (node == NULL)
		return NULL;
	char *text = deparse_node((Node *)node, expr);
	char *res = arena_strdup(a, text ? text : "?");
	free(text);
	return res;
}

char *pgparse_deparse_stmt(struct arena *a, const Node *stmt)
{
	return deparse_to_arena(a, stmt, false);
}

char *pgparse_deparse_expr(struct arena *a, const Node *expr)
{
	return deparse_to_arena(a, expr, true);
}

bool node_is_string(const Node *n)
{
	return n && IsA(n, String);
}

const char *node_string(const Node *n)
{
	return node_is_string(n) ? strVal(n) : NULL;
}

bool ast_walk_children(Node *n, ast_visitor visit, void *ctx)
{
	return raw_expression_tree_walker(n, visit, ctx);
}
