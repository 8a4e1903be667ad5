/*
 * stats.c
 *	  Row counts from a DBA: a CSV of `schema.table,rows` lines, as the
 *	  query that `pgbaseline stats-query` prints produces.  The name is a
 *	  qualified SQL name (format('%I.%I')), so names with dots, quotes or
 *	  upper case survive; the CSV itself may quote fields.
 */
#include "stats.h"

#include "diag.h"
#include "pgb.h"
#include "strmap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct stats {
	struct strmap *rows; /* "schema\x1ftable" -> (long long *) */
	struct ptrvec values;
};

/* Next CSV field from *p (RFC 4180 quoting); NULL at end of line. */
static char *csv_field(const char **p)
{
	struct strbuf sb;
	const char *s = *p;

	if (*s == '\0')
		return NULL;
	sb_init(&sb);
	if (*s == '"') {
		for (s++; *s; s++) {
			if (*s == '"' && s[1] == '"')
				sb_putc(&sb, *s++);
			else if (*s == '"')
				break;
			else
				sb_putc(&sb, *s);
		}
		if (*s == '"')
			s++;
	} else {
		while (*s && *s != ',')
			sb_putc(&sb, *s++);
	}
	if (*s == ',')
		s++;
	*p = s;
	return sb_steal(&sb);
}

/* Split `schema.table` (each part possibly "quoted") into the unquoted parts. */
static bool split_qualified(const char *q, char **schema, char **table)
{
	struct strbuf part[2];
	int n = 0;
	bool quoted = false;

	sb_init(&part[0]);
	sb_init(&part[1]);
	for (const char *s = q; *s; s++) {
		if (*s == '"') {
			if (quoted && s[1] == '"') {
				sb_putc(&part[n], '"');
				s++;
			} else {
				quoted = !quoted;
			}
		} else if (*s == '.' && !quoted) {
			if (++n > 1)
				break;
		} else {
			sb_putc(&part[n], *s);
		}
	}
	if (n != 1 || quoted || part[0].len == 0 || part[1].len == 0) {
		sb_free(&part[0]);
		sb_free(&part[1]);
		return false;
	}
	*schema = sb_steal(&part[0]);
	*table = sb_steal(&part[1]);
	return true;
}

static bool parse_line(struct stats *st, const char *file, int lineno, const char *line,
		       struct diags *d)
{
	const char *p = line;
	char *name = csv_field(&p);
	char *count = csv_field(&p);
	char *schema = NULL, *table = NULL, *end = NULL;
	bool ok = false;

	if (name && count && split_qualified(name, &schema, &table)) {
		errno = 0;
		long long v = strtoll(count, &end, 10);
		if (errno == 0 && end != count && *end == '\0' && v > PGB_MAX_TABLE_ROWS) {
			diag_error(d, (struct loc){.file = file, .line = lineno, .col = 1},
				   "%s rows for %s is more than any PostgreSQL table holds "
				   "(at most %lld here)",
				   count, name, PGB_MAX_TABLE_ROWS);
			free(name);
			free(count);
			free(schema);
			free(table);
			return false;
		}
		if (errno == 0 && end != count && *end == '\0' && v >= 0) {
			long long *slot = xmalloc(sizeof(*slot));
			*slot = v;
			ptrvec_push(&st->values, slot);
			char *key = NULL;
			if (asprintf(&key, "%s\x1f%s", schema, table) >= 0) {
				strmap_put(st->rows, key, slot);
				free(key);
			}
			ok = true;
		}
	}
	if (!ok)
		diag_error(d, (struct loc){.file = file, .line = lineno, .col = 1},
			   "expected `schema.table,rows`, got \"%s\"", line);
	free(name);
	free(count);
	free(schema);
	free(table);
	return ok;
}

/*
 * The next CSV record of `f` into `rec` (without its line end): up to a
 * line feed outside quotes, so a quoted name may hold line feeds as
 * PostgreSQL's COPY ... CSV writes them.  *lineno advances by the lines
 * read.  Returns 1 for a record, 0 at the end, -1 (with an error) for a
 * record longer than STATS_MAX_RECORD or holding a NUL byte: a file such
 * as /dev/zero must not grow memory without end.
 */
#define STATS_MAX_RECORD 65536

static int read_record(FILE *f, const char *path, int *lineno, struct strbuf *rec, struct diags *d)
{
	bool quoted = false;
	int c, start = *lineno + 1;

	rec->len = 0;
	if (rec->data)
		rec->data[0] = '\0';
	while ((c = getc(f)) != EOF) {
		if (c == '\n') {
			++*lineno;
			if (!quoted)
				break;
		} else if (c == '"') {
			quoted = !quoted; /* a doubled quote toggles twice */
		} else if (c == '\0') {
			diag_error(d, (struct loc){.file = path, .line = start, .col = 1},
				   "NUL byte in a --stats file: not a CSV of `schema.table,rows`");
			return -1;
		}
		if (rec->len >= STATS_MAX_RECORD) {
			diag_error(d, (struct loc){.file = path, .line = start, .col = 1},
				   "record longer than %d bytes: not a CSV of `schema.table,rows`",
				   STATS_MAX_RECORD);
			return -1;
		}
		sb_putc(rec, (char)c);
	}
	if (c == EOF && rec->len == 0)
		return 0;
	if (c == EOF)
		++*lineno; /* the last line had no line feed */
	/* The line end, CRLF included, is not part of the record. */
	while (rec->len > 0 && (rec->data[rec->len - 1] == '\n' || rec->data[rec->len - 1] == '\r'))
		rec->data[--rec->len] = '\0';
	return 1;
}

struct stats *stats_load(const char *path, struct diags *d)
{
	if (path[0] == '\0') {
		diag_error(d, (struct loc){0}, "the --stats file name is empty");
		return NULL;
	}
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		diag_error(d, (struct loc){.file = path}, "%s", strerror(errno));
		return NULL;
	}
	struct stats *st = xcalloc(1, sizeof(*st));
	st->rows = strmap_new();

	struct strbuf rec;
	int lineno = 0, first, got;
	bool ok = true;
	sb_init(&rec);
	while (ok && (first = lineno + 1, got = read_record(f, path, &lineno, &rec, d)) != 0) {
		if (got < 0) {
			ok = false;
			break;
		}
		if (rec.len == 0 || rec.data[0] == '#')
			continue;
		/* A header line as spreadsheet tools add it. */
		if (first == 1 && strncmp(rec.data, "table,", 6) == 0)
			continue;
		ok = parse_line(st, path, first, rec.data, d);
	}
	sb_free(&rec);
	fclose(f);
	if (!ok) {
		stats_free(st);
		return NULL;
	}
	return st;
}

void stats_free(struct stats *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < st->values.n; i++)
		free(st->values.v[i]);
	ptrvec_free(&st->values);
	strmap_free(st->rows);
	free(st);
}

long long stats_rows(const struct stats *st, const char *schema, const char *table)
{
	if (st == NULL)
		return -1;
	char *key = NULL;
	if (asprintf(&key, "%s\x1f%s", schema, table) < 0)
		return -1;
	long long *v = strmap_get(st->rows, key);
	free(key);
	return v ? *v : -1;
}
