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

#include "nodefields.h"
#include "strmap.h"

#include <nodes/nodeFuncs.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/*
 * libpg_query's internals (pg_query_internal.h, which needs the server
 * headers' memory-context declarations; these six are all we use).
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
char *pg_query_nodes_to_json(const void *obj);
void pg_query_free_error(PgQueryError *error);
/* The scanner's GUC, thread-local in libpg_query (scan.l reads it per parse). */
extern __thread bool standard_conforming_strings;

/* The deparse cache (see deparse_node). */
#define DEPARSE_CACHE_MAX_KEY	4096	    /* longer expressions are deparsed every time */
#define DEPARSE_CACHE_MAX_BYTES (16u << 20) /* keys and texts: bounded memory on any dump */

static struct {
	struct strmap *map; /* key -> text in arena */
	struct arena *arena;
	size_t bytes; /* keys and texts held, against DEPARSE_CACHE_MAX_BYTES */
} cache;

static bool parser_used;

/*
 * How deep a tree may nest here: PGB_MAX_NESTING, unless the stack is too
 * small for it (stack_limit_increase).
 */
static int max_nesting = PGB_MAX_NESTING;
/* The stack a level may take, with a margin: include/pgb.h measures 1.9 KB. */
#define STACK_PER_LEVEL (4u << 10)
/* The stack used besides the walks (main, the builder, the parser): 64 KB measured. */
#define STACK_RESERVE (192u << 10)

/*
 * PGB_MAX_NESTING's stack figure (include/pgb.h) assumes the usual 8 MB
 * stack.  Raise a smaller soft limit (ulimit -S -s) to it where the hard
 * limit allows, as GCC does for its own deep recursion (toplev.c,
 * stack_limit_increase): Linux lets the main thread's stack grow up to
 * the limit in force when it grows.  Where the hard limit is too small
 * too, fewer levels are allowed: a smaller limit, never a crash.
 */
static void stack_limit_increase(void)
{
	const rlim_t want = (rlim_t)8 << 20;
	const rlim_t need = (rlim_t)PGB_MAX_NESTING * STACK_PER_LEVEL + STACK_RESERVE;
	struct rlimit rl;

	if (getrlimit(RLIMIT_STACK, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY ||
	    rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
	(void)setrlimit(RLIMIT_STACK, &rl);
	if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need)
		max_nesting = rl.rlim_cur > STACK_RESERVE + 16 * STACK_PER_LEVEL
				  ? (int)((rl.rlim_cur - STACK_RESERVE) / STACK_PER_LEVEL)
				  : 16;
}

/* One node waiting on pgparse_measure()'s stack. */
struct measure_item {
	const Node *node;
	int depth;    /* levels above it: its parent's depth, or the parent's own for a List */
	int location; /* its nearest located ancestor's location, or -1 */
};

/*
 * Measure a parse tree without recursing: an explicit stack, fields from
 * nodefields.h.  A List is not a level (its elements sit at its own
 * depth); every other node is.  Stops at the first node deeper than
 * max_depth or past max_nodes nodes (Lists and their elements counted),
 * and returns which limit it met there, with that node's location (or its
 * nearest located ancestor's) in *location; PGPARSE_FITS when it met none.
 */
enum pgparse_fit pgparse_measure(const Node *root, int max_depth, size_t max_nodes, int *location,
				 size_t *n_nodes)
{
	struct measure_item *stack = NULL;
	size_t n = 0, cap = 0, nodes = 0;
	enum pgparse_fit fit = PGPARSE_FITS;

	*location = -1;
#define MEASURE_PUSH(nd, d, l)                                                                     \
	do {                                                                                       \
		if (n == cap) {                                                                    \
			cap = cap ? cap * 2 : 64;                                                  \
			stack = xrealloc(stack, cap * sizeof(*stack));                             \
		}                                                                                  \
		stack[n++] = (struct measure_item){(nd), (d), (l)};                                \
	} while (0)
	if (root)
		MEASURE_PUSH(root, 0, -1);
	while (n > 0) {
		struct measure_item it = stack[--n];
		const Node *nd = it.node;

		if (++nodes > max_nodes) {
			fit = PGPARSE_TOO_LARGE;
			*location = it.location;
			break;
		}
		if (IsA(nd, List)) {
			const List *l = (const List *)nd;
			/* Pushed last to first, so that they come off the stack in order. */
			for (int i = list_length(l) - 1; i >= 0; i--)
				if (list_nth(l, i))
					MEASURE_PUSH(list_nth(l, i), it.depth, it.location);
			continue;
		}
		if (IsA(nd, IntList) || IsA(nd, OidList)) {
			nodes += (size_t)list_length((const List *)nd);
			continue;
		}
		struct nodefields f = nodefields_of(nodeTag(nd));
		int depth = it.depth + 1;
		int loc = it.location;
		if (f.location >= 0 && *(const int *)((const char *)nd + f.location) >= 0)
			loc = *(const int *)((const char *)nd + f.location);
		if (depth > max_depth) {
			fit = PGPARSE_TOO_DEEP;
			*location = loc;
			break;
		}
		for (int i = f.n_child - 1; i >= 0; i--) {
			const Node *child = *(const Node *const *)((const char *)nd + f.child[i]);
			if (child)
				MEASURE_PUSH(child, depth, loc);
		}
	}
#undef MEASURE_PUSH
	free(stack);
	if (n_nodes && fit == PGPARSE_FITS)
		*n_nodes = nodes;
	return fit;
}

/*
 * Drop a parse whose tree is too deep or too large for what walks it
 * (include/pgb.h: PGB_MAX_NESTING, PGB_MAX_STATEMENT_NODES), as a parse
 * error at the node where the limit was met.  The tree stays in the
 * statement's memory context, freed with it.
 */
static void refuse_oversized(struct pgparse *out)
{
	int location;
	char msg[160];

	switch (pgparse_measure((const Node *)out->tree, max_nesting, PGB_MAX_STATEMENT_NODES,
				&location, NULL)) {
	case PGPARSE_FITS:
		return;
	case PGPARSE_TOO_DEEP:
		if (max_nesting == PGB_MAX_NESTING)
			snprintf(
			    msg, sizeof(msg),
			    "nested too deeply (more than %d levels of expressions); not parsed",
			    max_nesting);
		else
			snprintf(
			    msg, sizeof(msg),
			    "nested too deeply (more than %d levels of expressions, as many as "
			    "the stack limit allows: see ulimit -s); not parsed",
			    max_nesting);
		break;
	case PGPARSE_TOO_LARGE:
		snprintf(msg, sizeof(msg), "too large (more than %u parse tree nodes); not parsed",
			 (unsigned)PGB_MAX_STATEMENT_NODES);
		break;
	}
	out->tree = NULL;
	out->error = xstrdup(msg);
	out->error_offset = location;
}

/*
 * The raw parse tree is built in a memory context of its own, created for
 * the statement and dropped whole by pgparse_free().
 */
void pgparse_run(const char *sql, bool standard_strings, struct pgparse *out)
{
	if (!parser_used)
		stack_limit_increase();
	parser_used = true;
	out->tree = NULL;
	out->error = NULL;
	out->error_offset = -1;
	out->context = pg_query_enter_memory_context();

	/* Only for this parse: the deparser must see its default (on). */
	standard_conforming_strings = standard_strings;
	PgQueryInternalParsetreeAndError r = pg_query_raw_parse(sql);
	standard_conforming_strings = true;
	free(r.stderr_buffer);
	if (r.error && r.error->message &&
	    strncmp(r.error->message, "memory exhausted", strlen("memory exhausted")) == 0) {
		/*
		 * Bison's stack (10,000 entries, YYMAXDEPTH) is full: brackets or
		 * prefix operators (- - - 1, NOT NOT ...) open more levels than that.
		 */
		out->error = xstrdup("nested too deeply (the parser's stack of pending levels is "
				     "full); not parsed");
	} else if (r.error) {
		out->error = xstrdup(r.error->message ? r.error->message : "syntax error");
	}
	if (r.error) {
		if (r.error->cursorpos > 0)
			out->error_offset = pgparse_char_to_byte(sql, r.error->cursorpos);
		pg_query_free_error(r.error);
	} else {
		out->tree = r.tree;
		refuse_oversized(out);
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
	if (cache.map) {
		strmap_free(cache.map);
		arena_free(cache.arena);
		cache.map = NULL;
		cache.arena = NULL;
		cache.bytes = 0;
	}
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
 * Expressions repeat across a dump (DEFAULT now(), 'active'::text, the
 * same CHECK in every tenant schema), and a deparse costs a protobuf round
 * trip through libpg_query.  So each expression's deparse is kept, keyed by
 * its tree as libpg_query's JSON output writes it with the "location"
 * fields cut out: the deparse reads the tree, never where its parts stood
 * in the text.  The JSON costs a fraction of the protobuf conversion.
 * Statements (view definitions) are not cached: they rarely repeat.
 */

/*
 * Cut every `"location":N` out of libpg_query's JSON, in place.  Only a
 * key looks like that: inside a string value its quotes are escaped.
 */
static void strip_locations(char *json)
{
	static const char key[] = "\"location\":";
	char *out = json;

	for (char *p = json; *p;) {
		if (*p == '"' && strncmp(p, key, sizeof(key) - 1) == 0 &&
		    (p == json || p[-1] != '\\')) {
			p += sizeof(key) - 1;
			if (*p == '-')
				p++;
			while (*p >= '0' && *p <= '9')
				p++;
			continue;
		}
		*out++ = *p++;
	}
	*out = '\0';
}

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
	int location;
	size_t n_nodes = 0;

	/*
	 * Every path below recurses over the tree.  A tree from pgparse_run()
	 * was measured whole already; this bounds any other (the wrapper adds
	 * three levels, within the margin of PGB_MAX_NESTING's stack figure).
	 */
	if (pgparse_measure(node, max_nesting, PGB_MAX_STATEMENT_NODES, &location, &n_nodes) !=
	    PGPARSE_FITS)
		return NULL;

	MemoryContext ctx = pg_query_enter_memory_context();
	RawStmt *raw = NEW_NODE(RawStmt);
	char *key = NULL;
	char *text = NULL;

	/*
	 * Every node writes at least a character of JSON: past that many
	 * nodes the key cannot fit, and is not written at all.
	 */
	if (expr && n_nodes <= DEPARSE_CACHE_MAX_KEY) {
		raw->stmt = node;
		key = pg_query_nodes_to_json(list_make1(raw)); /* palloc'd in ctx */
		strip_locations(key);
		if (strlen(key) > DEPARSE_CACHE_MAX_KEY)
			key = NULL;
	}
	if (expr) {
		const char *hit = key && cache.map ? strmap_get(cache.map, key) : NULL;
		if (hit) {
			pg_query_exit_memory_context(ctx);
			return xstrdup(hit);
		}

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
	if (d.error == NULL && d.query) {
		const char *q = d.query;
		if (expr && strncmp(q, "SELECT ", 7) == 0)
			q += 7;
		text = xstrdup(q);
	}
	pg_query_free_deparse_result(d);
	free(pb.data);
	size_t cost = key && text ? strlen(key) + strlen(text) + 2 : 0;
	if (key && text && cache.bytes + cost <= DEPARSE_CACHE_MAX_BYTES) {
		if (cache.map == NULL) {
			cache.map = strmap_new();
			cache.arena = arena_new();
		}
		strmap_put(cache.map, key, arena_strdup(cache.arena, text));
		cache.bytes += cost;
	}
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
	/*
	 * The raw walker knows the expression nodes and the statements that hold
	 * expressions (SELECT, INSERT, UPDATE, DELETE, MERGE, PL/pgSQL's
	 * assignment); any other statement (a rule's NOTIFY, say) is an
	 * elog(ERROR), which libpg_query turns into exit(1).  Those have no
	 * expression to visit.
	 */
	if (n != NULL && nodeTag(n) >= T_RawStmt && nodeTag(n) <= T_DropSubscriptionStmt) {
		switch (nodeTag(n)) {
		case T_InsertStmt:
		case T_DeleteStmt:
		case T_UpdateStmt:
		case T_MergeStmt:
		case T_SelectStmt:
		case T_PLAssignStmt:
			break;
		default:
			return false;
		}
	}
	return raw_expression_tree_walker(n, visit, ctx);
}
