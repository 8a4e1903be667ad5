/*
 * build_util.c
 *	  What every part of the model builder shares, below them all: where
 *	  the current statement is (build_loc), warnings and unparsed
 *	  statements into the caller's diagnostics list, the search_path and
 *	  name resolution.  The parts (build_table.c, build_alter.c,
 *	  build_objects.c, build_session.c, build_dialect.c, typefmt.c) and the
 *	  dispatcher (build.c) call down into this file; it calls only the
 *	  model.
 */
#include "build_int.h"

#include "sqlident.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

const char *build_hint_object(struct builder *b, char *buf, size_t size)
{
	struct hint h;

	if (b->st->hint == NULL || !hint_parse(b->st->hint, &h))
		return NULL;
	hint_describe(&h, buf, size);
	return buf;
}

void build_warn(struct builder *b, int byte_offset, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_warn(b->d, build_loc(b, byte_offset), "%s", msg);
}

const char *build_creation_schema(const struct builder *b)
{
	return b->n_search_path > 0 ? b->search_path[0] : "public";
}

const char *build_rv_schema(struct builder *b, const RangeVar *rv)
{
	if (rv->schemaname && rv->schemaname[0])
		return rv->schemaname;
	return build_creation_schema(b);
}

struct table *build_find_table(struct builder *b, const RangeVar *rv)
{
	if (rv == NULL || rv->relname == NULL)
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

void build_qualname(struct builder *b, const List *names, const char **schema, const char **name)
{
	int n = list_length(names);

	*schema = NULL;
	*name = NULL;
	if (n == 0)
		return;
	*name = node_string(list_nth(names, n - 1));
	if (n >= 2)
		*schema = node_string(list_nth(names, n - 2));
}

/* A string constant's text ('x'), or NULL for anything else. */
/*
 * Count a statement that was not applied and keep the first
 * MODEL_UNPARSED_KEPT of them (where, which object, why; every one has a
 * message).  The rest are only counted: a file of millions of bad lines
 * must not grow the model with each one.
 */
void build_keep_unparsed(struct builder *b, struct loc l, const char *object, const char *message,
			 const char *excerpt)
{
	b->m->source.unparsed++;
	if (b->m->unparsed.n >= MODEL_UNPARSED_KEPT)
		return;
	struct unparsed *u = arena_alloc(b->a, sizeof(*u));
	size_t eol = strcspn(excerpt, "\n");

	u->line = l.line;
	u->col = l.col;
	u->object = object ? arena_strdup(b->a, object) : NULL;
	u->message = arena_strdup(b->a, message && message[0] ? message : "not understood");
	u->excerpt = arena_strndup(b->a, excerpt, eol < 120 ? eol : 120);
	ptrvec_push(&b->m->unparsed, u);
}

void build_record_unparsed(struct builder *b, struct loc l, const char *object, const char *message)
{
	build_keep_unparsed(b, l, object, message, b->st ? b->st->text : "");
	diag_warn(b->d, l, "%s", message);
}

void build_unparsed_at(struct builder *b, struct loc l, const char *message, const char *excerpt)
{
	build_keep_unparsed(b, l, NULL, message, excerpt);
	diag_warn(b->d, l, "%s", message);
}

void build_note(struct builder *b, struct loc l, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	build_record_unparsed(b, l, NULL, msg);
}

/* ---- comparing and walking the model ------------------------------------ */

bool build_strvec_eq(const struct ptrvec *x, const struct ptrvec *y)
{
	if (x->n != y->n)
		return false;
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->v[i], y->v[i]) != 0)
			return false;
	return true;
}

bool build_str_eq(const char *x, const char *y)
{
	return x == y || (x && y && strcmp(x, y) == 0);
}

/* Does a partition's index `ci` stand for its parent's `pi` (CompareIndexInfo())? */
bool build_index_matches(const struct index *pi, const struct index *ci)
{
	return pi->unique == ci->unique && pi->nulls_not_distinct == ci->nulls_not_distinct &&
	       build_str_eq(pi->method, ci->method) &&
	       build_strvec_eq(&pi->columns, &ci->columns) &&
	       build_strvec_eq(&pi->include, &ci->include) && build_str_eq(pi->where, ci->where);
}

bool build_is_partition_of(const struct table *c, const struct table *t)
{
	return c->parent_table && strcmp(c->parent_table, t->h.name) == 0 &&
	       strcmp(c->parent_schema, t->h.schema) == 0;
}

/*
 * `t` and the tables below it, each once, into `out`: its children
 * (is_child_of), theirs, and so on; with `partitions`, only partitions
 * (is_partition_of), and only below partitioned tables.  Candidates come
 * from each table's `children` (a superset: a partition may have been
 * attached elsewhere since), so this costs the size of the tree, not the
 * number of tables; marks make a cycle of INHERIT end.
 */
void build_tables_below(struct builder *b, struct table *t, bool partitions, struct ptrvec *out)
{
	unsigned mark = ++b->m->visit_gen;
	struct ptrvec todo = {0};

	t->visit = mark;
	ptrvec_push(&todo, t);
	while (todo.n > 0) {
		struct table *x = todo.v[--todo.n];
		ptrvec_push(out, x);
		if (partitions && x->kind != TABLE_PARTITIONED)
			continue;
		for (size_t i = 0; i < x->children.n; i++) {
			struct table *c = x->children.v[i];
			if (c->visit == mark ||
			    !(partitions ? build_is_partition_of(c, x) : build_is_child_of(c, x)))
				continue;
			c->visit = mark;
			ptrvec_push(&todo, c);
		}
	}
	ptrvec_free(&todo);
}

bool build_is_child_of(const struct table *c, const struct table *t)
{
	size_t n = strlen(t->h.schema);
	if (build_is_partition_of(c, t))
		return true;
	for (size_t i = 0; i < c->inherits.n; i++) {
		const char *q = c->inherits.v[i]; /* "schema.table" */
		if (strncmp(q, t->h.schema, n) == 0 && q[n] == '.' &&
		    strcmp(q + n + 1, t->h.name) == 0)
			return true;
	}
	return false;
}

const char *build_nextval_default(struct builder *b, const char *schema, const char *seq)
{
	const char *q = sqlident_qualified(b->a, schema, seq);
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "nextval('");
	for (; *q; q++) {
		if (*q == '\'')
			sb_putc(&sb, '\'');
		sb_putc(&sb, *q);
	}
	sb_append(&sb, "'::regclass)");
	const char *r = arena_strdup(b->a, sb.data);
	sb_free(&sb);
	return r;
}

const char *build_collation(struct builder *b, const CollateClause *cc)
{
	const char *schema, *name;

	if (list_length(cc->collname) == 0)
		return NULL;
	build_qualname(b, cc->collname, &schema, &name);
	if (name == NULL)
		return NULL;
	/* An unqualified name is the dump's own collation when search_path finds one. */
	for (int i = 0; schema == NULL && i < b->n_search_path; i++)
		if (model_find_object(b->m, OBJ_COLLATION, b->search_path[i], name, NULL))
			schema = b->search_path[i];
	if (schema != NULL && strcmp(schema, "pg_catalog") == 0)
		schema = NULL; /* pg_catalog's, as format_type() spells its types: "C", not
				  pg_catalog.C */
	/* COLLATE "default" is the type's own collation: the catalog keeps none to show. */
	if (schema == NULL && strcmp(name, "default") == 0)
		return NULL;
	return schema ? arena_printf(b->a, "%s.%s", schema, name) : arena_strdup(b->a, name);
}

const char *build_function_schema(struct builder *b, const char *name)
{
	for (int i = 0; name && i < b->n_search_path; i++)
		if (model_find_function(b->m, b->search_path[i], name, NULL))
			return b->search_path[i];
	return NULL;
}

static bool ident_char(char c)
{
	return c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

const char *build_find_ident(const char *p, const char *col, size_t *len)
{
	size_t n = strlen(col);
	for (const char *start = p; p && *p; p++) {
		const char *tok = p;
		bool match = false;
		if (*p == '\'') { /* a literal: skip it */
			for (p++; *p && !(*p == '\'' && p[1] != '\''); p++)
				if (*p == '\'')
					p++;
			if (!*p)
				return NULL;
			continue;
		}
		if (*p == '"') {
			size_t i = 0;
			match = true;
			for (p++; *p && !(*p == '"' && p[1] != '"'); p++, i++) {
				if (*p == '"')
					p++;
				match = match && i < n && col[i] == *p;
			}
			if (!*p)
				return NULL;
			match = match && i == n;
		} else if (ident_char(*p) && (p == start || !ident_char(p[-1]))) {
			while (ident_char(p[1]))
				p++;
			match = (size_t)(p + 1 - tok) == n && strncmp(tok, col, n) == 0;
		} else {
			continue;
		}
		/* Not a function's name, nor a type's after "::". */
		const char *after = p + 1;
		while (*after == ' ')
			after++;
		const char *before = tok;
		while (before > start && before[-1] == ' ')
			before--;
		if (match && *after != '(' &&
		    !(before - start >= 2 && before[-1] == ':' && before[-2] == ':')) {
			*len = (size_t)(p + 1 - tok);
			return tok;
		}
	}
	return NULL;
}

/* The statement being applied, deparsed; or as written when it does not deparse. */
char *build_definition(struct builder *b, const Node *n)
{
	char *d = pgparse_deparse_stmt(b->a, n);
	if ((d == NULL || strcmp(d, "?") == 0) && b->st != NULL)
		d = arena_strdup(b->a, b->st->text);
	/*
	 * The deparser leaves a blank after some clauses (CREATE CAST ... WITH
	 * FUNCTION f(x) ); a statement kept as written may end in its semicolon.
	 */
	for (size_t len = d ? strlen(d) : 0;
	     len > 0 && (d[len - 1] == ' ' || d[len - 1] == ';' || d[len - 1] == '\n'); len--)
		d[len - 1] = '\0';
	return d;
}

/*
 * regclass input of `text`: one or two names, each bare (folded to lower
 * case) or double-quoted.  False when it is not that.
 */
bool build_regclass_parse(struct builder *b, const char *text, const char **schema,
			  const char **name)
{
	const char *parts[2] = {NULL, NULL};
	int n = 0;
	const char *p = text;
	while (n < 2) {
		struct strbuf sb;
		sb_init(&sb);
		if (*p == '"') {
			for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
				if (*p == '"')
					p++;
				sb_putc(&sb, *p);
			}
			if (*p != '"') {
				sb_free(&sb);
				return false;
			}
			p++;
		} else {
			for (; *p && *p != '.'; p++)
				sb_putc(&sb,
					(*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p);
		}
		if (sb.len == 0) {
			sb_free(&sb);
			return false;
		}
		parts[n++] = arena_strdup(b->a, sb.data);
		sb_free(&sb);
		if (*p != '.')
			break;
		p++;
	}
	if (*p != '\0')
		return false;
	*schema = n == 2 ? parts[0] : NULL;
	*name = n == 2 ? parts[1] : parts[0];
	return true;
}
