/*
 * ast.h
 *	  Internal: the libpg_query side of the pipeline.  Only the parse
 *	  adapter (pgparse.c), the model builder (build_*.c) and the type
 *	  formatter (typefmt.c) see libpg_query's protobuf structs; the model
 *	  and the emitters have their own structs (model.h).
 */
#ifndef PGB_AST_H
#define PGB_AST_H

#include "arena.h"
#include "pgb.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

typedef PgQuery__Node Node;

/* A statement's parse, or the parser's complaint about it. */
struct pgparse {
	PgQuery__ParseResult *tree; /* NULL when the parse failed */
	char *error;		    /* malloc'd parser message, or NULL */
	int error_offset;	    /* byte offset of the error in the statement, -1 if unknown */
};

/* Parse one statement; free with pgparse_free(). */
void pgparse_run(const char *sql, struct pgparse *out);
void pgparse_free(struct pgparse *p);
/* Release the parser's scratch memory at exit. */
void pgparse_cleanup(void);

/*
 * Deparse an expression node (a default, a CHECK, an index expression...)
 * the way libpg_query writes it, into an arena string.  NULL in, NULL out.
 */
char *pgparse_deparse_expr(struct arena *a, const Node *expr);
/* Deparse a whole statement node (a view's SELECT) into an arena string. */
char *pgparse_deparse_stmt(struct arena *a, const Node *stmt);

/* Byte offset of a 1-based character position (libpg_query's cursorpos). */
int pgparse_char_to_byte(const char *text, int cursorpos);

/*
 * Visit every message of a parse tree, depth first, parents before
 * children.  `visit` returns false to skip the message's children.  The
 * depth is bounded by nesting.h's check before the parse.
 */
typedef bool (*ast_visitor)(const ProtobufCMessage *msg, void *ctx);
void ast_walk(const ProtobufCMessage *msg, ast_visitor visit, void *ctx);

/* Helpers for reading the tree. */
const char *node_string(const Node *n); /* String node's text, or NULL */
bool node_is_string(const Node *n);

#endif /* PGB_AST_H */
