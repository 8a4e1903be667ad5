/*
 * pgb.h
 *	  Common definitions included first by every pgbaseline source file:
 *	  exit codes, attribute macros, and allocation wrappers that never
 *	  return NULL (they print "out of memory" and exit instead, so the
 *	  rest of the code carries no scattered NULL checks).
 */
#ifndef PGB_H
#define PGB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PGB_VERSION "0.1.0"

#define PGB_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define PGB_NORETURN	      __attribute__((noreturn))
#define PGB_UNUSED	      __attribute__((unused))

/* Process exit statuses; documented in the man page and README. */
enum pgb_exit {
	PGB_EXIT_OK = 0,       /* success */
	PGB_EXIT_FAILURE = 1,  /* an internal failure, or output (a file, stdout) not written */
	PGB_EXIT_INPUT = 2,    /* usage error or unreadable / malformed input */
	PGB_EXIT_UNPARSED = 3, /* --strict and at least one statement could not be parsed */
};

/* Limits that keep hostile input from exhausting memory or stack. */
#define PGB_MAX_STATEMENT_BYTES (64u * 1024u * 1024u)
/*
 * How deep a statement's parse tree may nest, in nodes from the statement
 * down (pgparse.c measures it after the parse, without recursing).  What
 * walks a tree recurses once or more per level with no depth check of its
 * own: libpg_query's protobuf and JSON output and deparser, protobuf-c's
 * pack and unpack, raw_expression_tree_walker.  Measured on x86-64
 * (libpg_query 15-4.0.0, gcc -O2), the deepest path takes about 1.9 KB of
 * stack per level, whatever the node type: 1.9 MB at this limit, a quarter
 * of the default 8 MB stack.  The sanitizer build needs the same, since
 * libpg_query and protobuf-c are not instrumented; our own walks add
 * little.  A smaller soft stack limit is raised to 8 MB at the first
 * parse; where the hard limit forbids it, pgparse.c allows fewer levels
 * (4 KB of stack each).  What pg_dump writes nests a few dozen levels (39
 * at most in 25 public schema dumps: danbooru, lago, pagila, sanbase ...).
 */
#define PGB_MAX_NESTING 1000
/*
 * How many tokens one statement may have (build.c counts them from the text
 * before the parse: a quoted string or function body is one token), and
 * how many parse tree nodes (pgparse.c counts them after).  The tree and
 * the deparse of a statement cost some hundred bytes a node; the largest
 * statements of those 25 dumps have 1,170 nodes and 8.7 KB.
 */
#define PGB_MAX_STATEMENT_TOKENS 1000000u
#define PGB_MAX_STATEMENT_NODES	 1000000u
/*
 * How many objects (schemas, tables, columns, constraints, indexes, ...) the
 * model holds before the dump is refused (a few hundred MB of model), where a
 * statement stream of unbounded length would otherwise grow it until the
 * machine runs out of memory.
 */
#define PGB_MAX_OBJECTS 1000000u
/*
 * The most rows a --stats CSV may give one table: 2^43, above what any
 * PostgreSQL table can hold (2^32 blocks of at most 1,165 tuples is about
 * 5 * 10^12), and small enough that the rows of PGB_MAX_OBJECTS tables
 * still add up within a long long.  Sums saturate (pgb_add_rows) all the same.
 */
#define PGB_MAX_TABLE_ROWS (1ll << 43)
_Static_assert(PGB_MAX_TABLE_ROWS <= INT64_MAX / PGB_MAX_OBJECTS,
	       "row totals of PGB_MAX_OBJECTS tables must fit in a long long");

/* a + b for row counts (both >= 0), stopping at LLONG_MAX instead of wrapping. */
static inline long long pgb_add_rows(long long a, long long b)
{
	return a > INT64_MAX - b ? INT64_MAX : a + b;
}

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/*
 * write(2) all `n` bytes of `buf` to `fd`, going on after EINTR and short
 * writes.  Returns false with errno set when a write fails.
 */
bool write_all(int fd, const void *buf, size_t n);
char *xstrndup(const char *s, size_t n);

/* A growable array of pointers; the array is malloc'd, the elements are not owned. */
struct ptrvec {
	void **v;
	size_t n;
	size_t cap;
};

void ptrvec_push(struct ptrvec *pv, void *p);
void ptrvec_free(struct ptrvec *pv);

/* A growable string buffer; `data` is always NUL-terminated once anything was added. */
struct strbuf {
	char *data;
	size_t len;
	size_t cap;
};

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_putc(struct strbuf *sb, char c);
void sb_append(struct strbuf *sb, const char *s);
void sb_append_len(struct strbuf *sb, const char *s, size_t n);
void sb_printf(struct strbuf *sb, const char *fmt, ...) PGB_PRINTF(2, 3);
/* Hand the buffer to the caller (malloc'd) and reset sb to empty. */
char *sb_steal(struct strbuf *sb);

#endif /* PGB_H */
