/*
 * alembic_text.c
 *	  Laying out the revision's docstring: lines, indentation, lists that
 *	  wrap between entries (never inside a name) at DOC_WIDTH columns, and
 *	  row counts written the way people read them (~1.2M).
 */
#include "alembic_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Writing the docstring.  doc_put() adds pgbaseline's own text, which has no
 * backslash and no '"'; doc_putq() adds text from the dump, escaped but for
 * its quotes, which doc_end_line() escapes where two meet in the whole
 * line (textquote.h).  Every line ends in a newline, so no quote meets the
 * closing ones, and "Album" reads "Album" in the source too.
 */

void doc_put(struct strbuf *sb, const char *s)
{
	sb_append(sb, s);
}

void doc_putq(struct strbuf *sb, const char *s)
{
	quote_python_docstring_piece(sb, facts_nz(s));
}

/* No schema, or public: names in it are shown bare. */
static bool in_public(const char *schema)
{
	return schema == NULL || strcmp(schema, "public") == 0;
}

/* A table (or other relation) name: bare in "public", qualified elsewhere, each part as psql
 * takes it (sales."Order"). */
void doc_put_rel(struct strbuf *sb, const char *schema, const char *name)
{
	struct strbuf rel;
	sb_init(&rel);
	facts_put_qualified(&rel, in_public(schema) ? NULL : schema, name);
	doc_putq(sb, rel.data);
	sb_free(&rel);
}

/* A function's signature, qualified as doc_put_rel() qualifies a relation. */
void doc_put_function(struct strbuf *sb, const struct function *fn)
{
	struct strbuf sig;
	sb_init(&sig);
	facts_put_function(&sig, in_public(fn->h.schema) ? NULL : fn->h.schema, fn);
	doc_putq(sb, sig.data);
	sb_free(&sig);
}

void doc_put_list(struct strbuf *sb, const struct ptrvec *pv)
{
	for (size_t i = 0; i < pv->n; i++) {
		if (i > 0)
			doc_put(sb, ", ");
		doc_putq(sb, pv->v[i]);
	}
}

void doc_end_line(struct doc *d)
{
	if (d->line.len > 0) {
		struct strbuf safe;
		sb_init(&safe);
		quote_python_docstring_line(&safe, d->line.data, d->line.len);
		sink_write(d->out, safe.data, safe.len);
		sb_free(&safe);
	}
	sink_putc(d->out, '\n');
	sb_reset(&d->line);
}

void doc_blank(struct doc *d)
{
	sink_putc(d->out, '\n');
}

static void indent(struct strbuf *sb, int n)
{
	for (int i = 0; i < n; i++)
		sb_putc(sb, ' ');
}

/* Columns text takes in an editor: one per character. */
static size_t text_width(const char *s, size_t len)
{
	size_t w = 0;
	for (size_t i = 0; i < len; i++)
		w += ((unsigned char)s[i] & 0xc0) != 0x80;
	return w;
}

static size_t width(const struct strbuf *sb)
{
	return text_width(sb->data, sb->len);
}

/* A whole line of our own text at an indent. */
void doc_line(struct doc *d, int ind, const char *s)
{
	indent(&d->line, ind);
	doc_put(&d->line, s);
	doc_end_line(d);
}

/*
 * One entry of a detailed list, built in `item`, written at `ind` columns
 * after `prefix`: on one line when it fits, otherwise cut at byte `split`
 * (where its details begin with " ", ": " or ", ") and continued four
 * columns further in.  split 0: never cut.
 */
void doc_write_entry(struct doc *d, int ind, const char *prefix, const struct strbuf *item,
		     size_t split)
{
	struct strbuf *ln = &d->line;
	indent(ln, ind);
	doc_put(ln, prefix);
	if (split == 0 || split >= item->len || width(ln) + width(item) <= DOC_WIDTH) {
		if (item->len > 0)
			sb_append_len(ln, item->data, item->len);
		doc_end_line(d);
		return;
	}
	/*
	 * Exactly the one separator our own text put at the cut goes: what
	 * follows it may be a name, which can begin with ':', ',' or ' ' too.
	 */
	const char *rest = item->data + split;
	sb_append_len(ln, item->data, split);
	if (rest[0] == ':' && rest[1] == ' ') {
		doc_put(ln, ":");
		rest += 2;
	} else if (rest[0] == ',' && rest[1] == ' ') {
		doc_put(ln, ",");
		rest += 2;
	} else if (rest[0] == ' ')
		rest++;
	doc_end_line(d);
	indent(ln, ind + 4);
	doc_put(ln, rest);
	doc_end_line(d);
}

struct strbuf *doc_flow_next(struct flow *f)
{
	sb_reset(&f->d->item);
	return &f->d->item;
}

void doc_flow_item(struct flow *f)
{
	struct strbuf *ln = &f->d->line, *item = &f->d->item;
	if (f->n > 0) {
		doc_put(ln, ",");
		/* Leave room for the comma that may follow the entry. */
		if (width(ln) + 1 + width(item) + 1 > DOC_WIDTH) {
			doc_end_line(f->d);
			indent(ln, f->cont);
		} else
			doc_put(ln, " ");
	}
	if (item->len > 0)
		sb_append_len(ln, item->data, item->len);
	f->n++;
}

/* Finish a list; `none` is written when it had no entries. */
void doc_flow_end(struct flow *f, const char *none)
{
	if (f->n == 0)
		doc_put(&f->d->line, none);
	doc_end_line(f->d);
}

/*
 * Numbers.
 */

/* "2", "~45K", "~1.2M": exact below 1000. */
void doc_put_count(struct strbuf *sb, long long n)
{
	static const char units[] = "KMBT";
	if (n < 1000) {
		sb_printf(sb, "%lld", n);
		return;
	}
	double v = (double)n;
	int u = -1;
	while (v >= 999.95 && u < (int)sizeof(units) - 2) {
		v /= 1000.0;
		u++;
	}
	char num[32];
	if (v < 9.95) {
		snprintf(num, sizeof(num), "%.1f", v);
		size_t len = strlen(num);
		if (len > 2 && strcmp(num + len - 2, ".0") == 0)
			num[len - 2] = '\0';
	} else
		snprintf(num, sizeof(num), "%.0f", v);
	sb_printf(sb, "~%s%c", num, units[u]);
}

/* "1 record", "~45K records"; exact_too adds the exact count to an approximate one. */
void doc_put_rows(struct strbuf *sb, long long n, bool exact_too)
{
	doc_put_count(sb, n);
	doc_put(sb, n == 1 ? " record" : " records");
	if (exact_too && n >= 1000)
		sb_printf(sb, " (%lld)", n);
}

const char *doc_plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

const char *doc_basename(const char *path)
{
	if (path == NULL || strcmp(path, "-") == 0)
		return "standard input";
	const char *slash = strrchr(path, '/');
	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}
