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
