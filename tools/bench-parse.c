/*
 * bench-parse.c
 *	  The "bare parse" baseline of `make bench`: libpg_query's public
 *	  parse (pg_query_parse_protobuf) of every statement of a dump, what a
 *	  tool built on libpg_query's documented API does before any work.
 *
 *	  Usage: bench-parse [--unpack | --raw] FILE.sql
 *
 *	  Untimed: read the whole file, blank out psql meta-command lines (a
 *	  line starting with a backslash: \restrict, \unrestrict, \connect;
 *	  the scanner would choke on them), split the text into statements with
 *	  pg_query_split_with_scanner and copy each one out NUL-terminated.
 *	  Timed (CLOCK_MONOTONIC): pg_query_parse_protobuf on every statement,
 *	  freeing each result.  Prints one line:
 *
 *	    parse_seconds=0.812345 statements=33013 errors=0 bytes=5973550
 *
 *	  Two more modes measure floors, so the report can say where the time
 *	  goes and what any design could reach:
 *	    --unpack  pg_query_parse_protobuf, then protobuf-c's unpack of the
 *	              result into a bump allocator: the least work of any tool
 *	              that reads the protobuf-c structs (pg_query.pb-c.h);
 *	    --raw     pg_query_raw_parse (pg_query_internal.h): the grammar
 *	              alone, a List of PostgreSQL's own node structs, with no
 *	              protobuf serialisation at all.
 *
 *	  Only for schema-only dumps: COPY data would not survive the split.
 *	  Exit status 0, or 1 when the file cannot be read or split; statements
 *	  that fail to parse are counted in `errors`, not fatal.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

/*
 * pg_query_internal.h declares these, but it includes PostgreSQL's server
 * headers; the three declarations are all this program needs of it.
 */
typedef struct {
	void *tree;
	char *stderr_buffer;
	PgQueryError *error;
} RawParseResult;
RawParseResult pg_query_raw_parse(const char *input);
void *pg_query_enter_memory_context(void);
void pg_query_exit_memory_context(void *ctx);
void pg_query_free_error(PgQueryError *error);

enum mode { MODE_PARSE, MODE_UNPACK, MODE_RAW };

/* A bump allocator for protobuf-c's unpack, reset after each statement. */
static struct {
	char *base;
	size_t used, cap;
} bump;

static void *bump_alloc(void *data, size_t size)
{
	(void)data;
	size = (size + 15) & ~(size_t)15;
	if (bump.used + size > bump.cap) {
		/* Grow by starting over in a bigger block; old trees are dead by now. */
		size_t cap = bump.cap ? bump.cap * 2 : 1 << 20;
		while (cap < size)
			cap *= 2;
		free(bump.base);
		bump.base = malloc(cap);
		if (bump.base == NULL) {
			fprintf(stderr, "bench-parse: out of memory\n");
			exit(1);
		}
		bump.cap = cap;
		bump.used = 0;
	}
	void *p = bump.base + bump.used;
	bump.used += size;
	return p;
}

static void bump_free(void *data, void *ptr)
{
	(void)data;
	(void)ptr;
}

/* Read all of `path` into a NUL-terminated malloc'd buffer; NULL on error. */
static char *read_file(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			char *nbuf = realloc(buf, cap + 1);
			if (nbuf == NULL) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = nbuf;
		}
		size_t n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

/* Overwrite every line that starts with a backslash with spaces. */
static void blank_meta_lines(char *text, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t end = i;
		while (end < len && text[end] != '\n')
			end++;
		if (text[i] == '\\')
			memset(text + i, ' ', end - i);
		i = end + 1;
	}
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * The timed part, kept out of line so that
 * `valgrind --tool=callgrind --toggle-collect=parse_all` counts it alone.
 */
__attribute__((noinline)) static int parse_all(char **stmts, int n, enum mode mode)
{
	ProtobufCAllocator alloc = {bump_alloc, bump_free, NULL};
	int errors = 0;

	for (int i = 0; i < n; i++) {
		if (mode == MODE_RAW) {
			void *ctx = pg_query_enter_memory_context();
			RawParseResult r = pg_query_raw_parse(stmts[i]);
			if (r.error != NULL) {
				errors++;
				pg_query_free_error(r.error);
			}
			free(r.stderr_buffer);
			pg_query_exit_memory_context(ctx);
			continue;
		}
		PgQueryProtobufParseResult r = pg_query_parse_protobuf(stmts[i]);
		if (r.error != NULL)
			errors++;
		else if (mode == MODE_UNPACK) {
			bump.used = 0;
			if (pg_query__parse_result__unpack(&alloc, r.parse_tree.len,
							   (const uint8_t *)r.parse_tree.data) ==
			    NULL)
				errors++;
		}
		pg_query_free_protobuf_parse_result(r);
	}
	return errors;
}

int main(int argc, char **argv)
{
	size_t len;
	char *text;

	enum mode mode = MODE_PARSE;

	if (argc == 3 && strcmp(argv[1], "--unpack") == 0)
		mode = MODE_UNPACK;
	else if (argc == 3 && strcmp(argv[1], "--raw") == 0)
		mode = MODE_RAW;
	else if (argc != 2) {
		fprintf(stderr, "usage: bench-parse [--unpack | --raw] FILE.sql\n");
		return 2;
	}
	argv += argc - 2;
	text = read_file(argv[1], &len);
	if (text == NULL) {
		fprintf(stderr, "bench-parse: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	blank_meta_lines(text, len);

	PgQuerySplitResult split = pg_query_split_with_scanner(text);
	if (split.error != NULL) {
		fprintf(stderr, "bench-parse: %s: split failed: %s\n", argv[1],
			split.error->message);
		pg_query_free_split_result(split);
		return 1;
	}

	int n = split.n_stmts;
	char **stmts = malloc(sizeof(*stmts) * (size_t)(n > 0 ? n : 1));
	if (stmts == NULL) {
		fprintf(stderr, "bench-parse: out of memory\n");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		const PgQuerySplitStmt *s = split.stmts[i];
		stmts[i] = malloc((size_t)s->stmt_len + 1);
		if (stmts[i] == NULL) {
			fprintf(stderr, "bench-parse: out of memory\n");
			return 1;
		}
		memcpy(stmts[i], text + s->stmt_location, (size_t)s->stmt_len);
		stmts[i][s->stmt_len] = '\0';
	}
	pg_query_free_split_result(split);

	double t0 = now_seconds();
	int errors = parse_all(stmts, n, mode);
	double elapsed = now_seconds() - t0;

	printf("parse_seconds=%.6f statements=%d errors=%d bytes=%zu\n", elapsed, n, errors, len);

	for (int i = 0; i < n; i++)
		free(stmts[i]);
	free(stmts);
	free(text);
	free(bump.base);
	pg_query_exit();
	return 0;
}
