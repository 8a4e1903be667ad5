/*
 * ast.h
 *	  Internal: the libpg_query side of the pipeline.  Only the parse
 *	  adapter (pgparse.c), the model builder (build_*.c) and the type
 *	  formatter (typefmt.c) see parse trees; the model and the emitters
 *	  have their own structs (model.h).
 *
 *	  The trees are PostgreSQL 15's own raw parse nodes (parsenodes.h,
 *	  from postgresql-server-dev-15), as libpg_query's raw parser builds
 *	  them: reading them costs nothing, where the protobuf route
 *	  (pg_query_parse_protobuf, then unpacking) costs several times the
 *	  parse itself; see `make bench`.  Deparsing still goes through
 *	  protobuf, the only way libpg_query offers.
 */
#ifndef PGB_AST_H
#define PGB_AST_H

#include "arena.h"
#include "pgb.h"

#include <pg_query.h>

/* The grammar libpg_query was built from, before pg_config.h redefines the macro. */
enum { PGB_LIBPG_QUERY_VERSION_NUM = PG_VERSION_NUM };

/* The server headers, included with -isystem (Makefile: PG_SERVER_INC). */
#include <postgres.h>
#include <nodes/parsenodes.h>
#include <nodes/pg_list.h>
#include <nodes/value.h>

/*
 * Node tags and layouts are only stable within one PostgreSQL major
 * version: libpg_query 15 must be read with PostgreSQL 15's headers.
 */
_Static_assert(PGB_LIBPG_QUERY_VERSION_NUM / 10000 == PG_MAJORVERSION_NUM,
	       "libpg-query-dev and postgresql-server-dev are different PostgreSQL major "
	       "versions: set PG_SERVER_INC to the headers of libpg_query's version");

/*
 * port.h points the printf family at PostgreSQL's own implementations;
 * the rest of pgbaseline uses the C library's.
 */
#undef printf
#undef fprintf
#undef sprintf
#undef snprintf
#undef vsnprintf
#undef vsprintf
#undef vfprintf
#undef vprintf
#undef strerror
#undef strerror_r

/* A statement's parse, or the parser's complaint about it. */
struct pgparse {
	List *tree;	  /* RawStmt nodes; NULL when the parse failed */
	char *error;	  /* malloc'd parser message, or NULL */
	int error_offset; /* byte offset of the error in the statement, -1 if unknown */
	void *context;	  /* libpg_query's memory context holding the tree */
};

/*
 * Parse one statement; free with pgparse_free().  The tree lives in a
 * memory context of libpg_query's until then.  `standard_strings` is the
 * dump's standard_conforming_strings: with it off, a backslash in '...'
 * escapes, as it did for the server that wrote the dump.
 */
void pgparse_run(const char *sql, bool standard_strings, struct pgparse *out);
void pgparse_free(struct pgparse *p);
/* Release the parser's memory at exit. */
void pgparse_cleanup(void);

/*
 * Deparse an expression node (a default, a CHECK, an index expression...)
 * the way libpg_query writes it, into an arena string.  NULL in, NULL out.
 */
char *pgparse_deparse_expr(struct arena *a, const Node *expr);
/* Deparse a whole statement node (a view's SELECT) into an arena string. */
char *pgparse_deparse_stmt(struct arena *a, const Node *stmt);

/*
 * How a parse tree measures up against limits (pgparse_measure): every
 * walk over a tree (libpg_query's protobuf conversion, JSON output and
 * deparser, protobuf-c, raw_expression_tree_walker) recurses once or more
 * per level, and memory grows with the node count.
 */
enum pgparse_fit {
	PGPARSE_FITS,
	PGPARSE_TOO_DEEP,  /* a node deeper than max_depth */
	PGPARSE_TOO_LARGE, /* more than max_nodes nodes */
};
/*
 * Measure the tree under `root` (NULL: an empty tree) iteratively, never
 * recursing: levels are nodes other than Lists.  On a limit, *location is
 * the byte offset of the node where it was met (or of its nearest ancestor
 * with a location), or -1.  When it fits and n_nodes is not NULL,
 * *n_nodes is its node count.
 */
enum pgparse_fit pgparse_measure(const Node *root, int max_depth, size_t max_nodes, int *location,
				 size_t *n_nodes);

/* Byte offset of a 1-based character position (libpg_query's cursorpos). */
int pgparse_char_to_byte(const char *text, int cursorpos);

/*
 * Visit every node of an expression or statement tree, depth first,
 * parents before children: PostgreSQL's raw_expression_tree_walker.
 * `visit` returns true to stop the walk (the walker's convention); it
 * calls ast_walk_children() itself to go deeper.
 */
typedef bool (*ast_visitor)(Node *n, void *ctx);
bool ast_walk_children(Node *n, ast_visitor visit, void *ctx);

/* Helpers for reading the tree. */
const char *node_string(const Node *n); /* String node's text, or NULL */
bool node_is_string(const Node *n);

#endif /* PGB_AST_H */
