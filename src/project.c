/*
 * project.c
 *	  Reading an Alembic project's revisions (project.h): the `revision`
 *	  and `down_revision` assignments at the top level of each revision
 *	  file, as Python literals, and the graph they make.
 */
#include "project.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A revision file larger than this is not one Alembic's templates wrote. */
#define PROJECT_MAX_FILE (16L * 1024 * 1024)

/* Where the reader is in one file. */
struct reader {
	const char *path;
	const char *text;
	const char *p;
	int line;
	const char *line_start;
	struct diags *d;
};

static struct loc reader_loc(const struct reader *r)
{
	return (struct loc){r->path, r->line, (int)(r->p - r->line_start) + 1};
}

/* Spaces and tabs; inside brackets also newlines and comments. */
static void skip_blank(struct reader *r, bool in_brackets)
{
	for (;;) {
		if (*r->p == ' ' || *r->p == '\t' || *r->p == '\r') {
			r->p++;
			continue;
		}
		if (in_brackets && *r->p == '#') {
			while (*r->p && *r->p != '\n')
				r->p++;
			continue;
		}
		if (in_brackets && *r->p == '\n') {
			r->p++;
			r->line++;
			r->line_start = r->p;
			continue;
		}
		return;
	}
}

/*
 * A Python string literal ('x' or "x", optionally r/u-prefixed, one line)
 * into a malloc'd string; NULL after reporting what is wrong.
 */
static char *read_string(struct reader *r)
{
	bool raw = false;
	if (*r->p == 'r' || *r->p == 'R') {
		raw = true;
		r->p++;
	} else if (*r->p == 'u' || *r->p == 'U') {
		r->p++;
	}
	char q = *r->p;
	if (q != '\'' && q != '"') {
		diag_error(r->d, reader_loc(r), "a revision id must be a string literal");
		return NULL;
	}
	if (r->p[1] == q && r->p[2] == q) {
		diag_error(r->d, reader_loc(r), "a revision id must be a one-line string literal");
		return NULL;
	}
	r->p++;
	struct strbuf sb;
	sb_init(&sb);
	for (;;) {
		char c = *r->p;
		if (c == '\0' || c == '\n') {
			sb_free(&sb);
			diag_error(r->d, reader_loc(r), "unterminated string literal");
			return NULL;
		}
		r->p++;
		if (c == q)
			break;
		if (c == '\\' && !raw) {
			char e = *r->p;
			if (e == '\\' || e == '\'' || e == '"') {
				sb_putc(&sb, e);
				r->p++;
				continue;
			}
			sb_free(&sb);
			diag_error(r->d, reader_loc(r),
				   "a revision id with this escape is not supported: \\%c", e);
			return NULL;
		}
		sb_putc(&sb, c);
	}
	if (sb.len == 0) {
		sb_free(&sb);
		diag_error(r->d, reader_loc(r), "a revision id must not be empty");
		return NULL;
	}
	return sb_steal(&sb);
}

/* After a value: nothing but a comment up to the end of the line. */
static bool end_of_statement(struct reader *r)
{
	skip_blank(r, false);
	if (*r->p == '#')
		while (*r->p && *r->p != '\n')
			r->p++;
	if (*r->p == '\n' || *r->p == '\0' || *r->p == ';')
		return true;
	diag_error(r->d, reader_loc(r), "unexpected text after the value");
	return false;
}

/*
 * The value of an assignment: None, a string, or a tuple or list of
 * strings, pushed to out (malloc'd).  False after reporting.
 */
static bool read_value(struct reader *r, struct ptrvec *out)
{
	skip_blank(r, false);
	if (strncmp(r->p, "None", 4) == 0 &&
	    !(r->p[4] == '_' || (r->p[4] >= 'a' && r->p[4] <= 'z') ||
	      (r->p[4] >= 'A' && r->p[4] <= 'Z') || (r->p[4] >= '0' && r->p[4] <= '9'))) {
		r->p += 4;
		return end_of_statement(r);
	}
	if (*r->p == '(' || *r->p == '[') {
		char close = *r->p == '(' ? ')' : ']';
		r->p++;
		for (;;) {
			skip_blank(r, true);
			if (*r->p == close) {
				r->p++;
				break;
			}
			char *s = read_string(r);
			if (s == NULL)
				return false;
			ptrvec_push(out, s);
			skip_blank(r, true);
			if (*r->p == ',') {
				r->p++;
				continue;
			}
			if (*r->p != close) {
				diag_error(r->d, reader_loc(r), "expected ',' or '%c' in the list",
					   close);
				return false;
			}
		}
		return end_of_statement(r);
	}
	char *s = read_string(r);
	if (s == NULL)
		return false;
	ptrvec_push(out, s);
	return end_of_statement(r);
}

static void free_strings(struct ptrvec *pv)
{
	for (size_t i = 0; i < pv->n; i++)
		free(pv->v[i]);
	ptrvec_free(pv);
}

/*
 * A top-level assignment to `name` at r->p (the start of a line):
 * `name = ...` or `name: annotation = ...`.  Moves past the `=`.
 */
static bool assignment_of(struct reader *r, const char *name)
{
	size_t n = strlen(name);
	const char *p = r->p;
	if (strncmp(p, name, n) != 0)
		return false;
	p += n;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == ':') {
		/* an annotation: up to the '=' of the assignment, on this line */
		while (*p && *p != '\n' && *p != '=')
			p++;
	}
	if (*p != '=' || p[1] == '=')
		return false;
	r->p = p + 1;
	return true;
}

static void revision_free(struct revision_file *rf)
{
	if (rf == NULL)
		return;
	free(rf->path);
	free(rf->revision);
	free_strings(&rf->down);
	free(rf->schema_sql);
	free(rf);
}

/* Read one revision file; NULL after reporting. */
static struct revision_file *read_revision(const char *path, struct diags *d)
{
	struct loc at = {path, 0, 0};
	char *text = NULL;
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		diag_error(d, at, "cannot read: %s", strerror(errno));
		return NULL;
	}
	struct strbuf sb;
	sb_init(&sb);
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
		if (sb.len + got > PROJECT_MAX_FILE) {
			fclose(f);
			sb_free(&sb);
			diag_error(d, at, "larger than %ld MB: not an Alembic revision file",
				   PROJECT_MAX_FILE / (1024 * 1024));
			return NULL;
		}
		sb_append_len(&sb, buf, got);
	}
	bool failed = ferror(f);
	fclose(f);
	if (failed) {
		sb_free(&sb);
		diag_error(d, at, "cannot read: %s", strerror(errno));
		return NULL;
	}
	size_t len = sb.len;
	text = sb_steal(&sb);
	if (strlen(text) != len) {
		free(text);
		diag_error(d, at, "holds a NUL byte: not an Alembic revision file");
		return NULL;
	}

	struct revision_file *rf = xcalloc(1, sizeof *rf);
	rf->path = xstrdup(path);
	struct reader r = {path, text, text, 1, text, d};
	bool ok = true, have_revision = false;
	char triple = 0; /* inside a triple-quoted string: its quote character */
	while (ok && *r.p) {
		if (triple) {
			/* no assignment inside a triple-quoted string */
		} else if (assignment_of(&r, "revision")) {
			struct ptrvec v = {0};
			ok = read_value(&r, &v);
			if (ok && v.n != 1) {
				diag_error(d, reader_loc(&r), "`revision` must be one string");
				ok = false;
			}
			if (ok) {
				free(rf->revision);
				rf->revision = v.v[0];
				v.n = 0;
				have_revision = true;
			}
			free_strings(&v);
		} else if (assignment_of(&r, "down_revision")) {
			free_strings(&rf->down);
			ok = read_value(&r, &rf->down);
		}
		/* on to the next line, noting where triple-quoted strings start and end */
		for (char q = 0; *r.p && *r.p != '\n'; r.p++) {
			char c = *r.p;
			bool quote = c == '"' || c == '\'';
			if (c == '\\' && r.p[1] && r.p[1] != '\n') {
				r.p++;
			} else if (!triple && !q && c == '#') {
				while (r.p[1] && r.p[1] != '\n')
					r.p++;
			} else if (quote && !q && r.p[1] == c && r.p[2] == c &&
				   (!triple || triple == c)) {
				triple = triple ? 0 : c;
				r.p += 2;
			} else if (quote && !triple && (!q || q == c)) {
				q = q ? 0 : c;
			}
		}
		if (*r.p == '\n') {
			r.p++;
			r.line++;
			r.line_start = r.p;
		}
	}
	free(text);
	if (ok && !have_revision) {
		diag_error(d, at, "no `revision = '...'` assignment: not an Alembic revision file");
		ok = false;
	}
	if (!ok) {
		revision_free(rf);
		return NULL;
	}
	return rf;
}

/* Alembic's revision files: *.py, not __init__.py, not an editor's .# lock file. */
static bool is_revision_file(const char *name)
{
	size_t n = strlen(name);
	return n > 3 && strcmp(name + n - 3, ".py") == 0 && strncmp(name, ".#", 2) != 0 &&
	       strcmp(name, "__init__.py") != 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_revision(const void *a, const void *b)
{
	const struct revision_file *x = *(struct revision_file *const *)a;
	const struct revision_file *y = *(struct revision_file *const *)b;
	return strcmp(x->revision, y->revision);
}

/* dir + "/" + name + suffix, malloc'd. */
static char *join_path(const char *dir, const char *name, const char *suffix)
{
	size_t n = strlen(dir) + strlen(name) + strlen(suffix) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s%s", dir, name, suffix);
	return p;
}

static bool scan_dir(const char *dir, struct project *p, struct diags *d)
{
	DIR *dh = opendir(dir);
	if (dh == NULL) {
		if (errno == ENOENT)
			return true;
		diag_error(d, (struct loc){dir, 0, 0}, "cannot read the directory: %s",
			   strerror(errno));
		return false;
	}
	struct ptrvec names = {0};
	for (struct dirent *e; (e = readdir(dh));)
		if (is_revision_file(e->d_name))
			ptrvec_push(&names, xstrdup(e->d_name));
	closedir(dh);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof names.v[0], by_name);
	bool ok = true;
	for (size_t i = 0; i < names.n && ok; i++) {
		char *path = join_path(dir, names.v[i], "");
		struct revision_file *rf = read_revision(path, d);
		if (rf == NULL) {
			ok = false;
		} else {
			char *schema = join_path(dir, rf->revision, "_schema.sql");
			struct stat st;
			if (strchr(rf->revision, '/') == NULL && stat(schema, &st) == 0 &&
			    S_ISREG(st.st_mode))
				rf->schema_sql = schema;
			else
				free(schema);
			ptrvec_push(&p->revisions, rf);
		}
		free(path);
	}
	free_strings(&names);
	return ok;
}

bool project_scan(const char *const *dirs, size_t n, struct project *p, struct diags *d)
{
	for (size_t i = 0; i < n; i++)
		if (!scan_dir(dirs[i], p, d))
			return false;
	if (p->revisions.n > 1)
		qsort(p->revisions.v, p->revisions.n, sizeof p->revisions.v[0], by_revision);
	for (size_t i = 1; i < p->revisions.n; i++) {
		const struct revision_file *a = p->revisions.v[i - 1], *b = p->revisions.v[i];
		if (strcmp(a->revision, b->revision) == 0) {
			diag_error(d, (struct loc){b->path, 0, 0},
				   "revision %s is also the revision of %s", b->revision, a->path);
			return false;
		}
	}
	for (size_t i = 0; i < p->revisions.n; i++) {
		const struct revision_file *rf = p->revisions.v[i];
		for (size_t j = 0; j < rf->down.n; j++)
			if (project_find(p, rf->down.v[j]) == NULL) {
				diag_error(d, (struct loc){rf->path, 0, 0},
					   "down_revision %s is no revision of the project",
					   (const char *)rf->down.v[j]);
				return false;
			}
	}
	return true;
}

const struct revision_file *project_find(const struct project *p, const char *revision)
{
	size_t lo = 0, hi = p->revisions.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct revision_file *rf = p->revisions.v[mid];
		int c = strcmp(rf->revision, revision);
		if (c == 0)
			return rf;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void project_heads(const struct project *p, struct ptrvec *out)
{
	for (size_t i = 0; i < p->revisions.n; i++) {
		const struct revision_file *rf = p->revisions.v[i];
		bool is_parent = false;
		for (size_t j = 0; j < p->revisions.n && !is_parent; j++) {
			const struct revision_file *other = p->revisions.v[j];
			for (size_t k = 0; k < other->down.n; k++)
				if (strcmp(other->down.v[k], rf->revision) == 0) {
					is_parent = true;
					break;
				}
		}
		if (!is_parent)
			ptrvec_push(out, (void *)rf);
	}
}

const struct revision_file *project_newest_schema(const struct project *p,
						  const struct revision_file *from)
{
	/* A chain has at most as many steps as revisions: a loop cannot hang us. */
	for (size_t steps = 0; from && steps <= p->revisions.n; steps++) {
		if (from->schema_sql)
			return from;
		from = from->down.n ? project_find(p, from->down.v[0]) : NULL;
	}
	return NULL;
}

void project_free(struct project *p)
{
	for (size_t i = 0; i < p->revisions.n; i++)
		revision_free(p->revisions.v[i]);
	ptrvec_free(&p->revisions);
}

const struct revision_file *project_one_head(const struct project *p, const char *where,
					     struct diags *d)
{
	struct ptrvec heads = {0};
	const struct revision_file *head = NULL;
	project_heads(p, &heads);
	if (heads.n == 0) {
		diag_error(d, (struct loc){.file = where},
			   "no revision here: run pgbaseline baseline first, or give --dir");
	} else if (heads.n > 1) {
		struct strbuf sb;
		sb_init(&sb);
		for (size_t i = 0; i < heads.n; i++)
			sb_printf(&sb, "%s%s", i ? ", " : "",
				  ((const struct revision_file *)heads.v[i])->revision);
		diag_error(d, (struct loc){.file = where},
			   "the revisions have %zu heads (%s): merge them (alembic merge) first",
			   heads.n, sb.data);
		sb_free(&sb);
	} else {
		head = heads.v[0];
	}
	ptrvec_free(&heads);
	return head;
}
