/*
 * datascan.c
 *	  What is read of a dump's data, which is never parsed: the first value
 *	  of a line of COPY data (the revision in Alembic's version table), and
 *	  the target table, row count and first value of each INSERT that
 *	  pg_dump --inserts / --column-inserts / --rows-per-insert writes, so
 *	  that such rows count as COPY rows do.  INSERTs are scanned, not
 *	  parsed: a data dump holds millions of them.  Used by the builder
 *	  (plain dumps) and by the archive reader (its data), below both.
 */
#include "datascan.h"

#include "arena.h"

#include <string.h>

/* The longest first value kept: a revision id is 32 characters at most. */
#define FIRST_VALUE_MAX 128

/* ---- COPY ------------------------------------------------------------------ */

/* COPY's text format: the value of the escape \c (copy_from.c, CopyReadAttributesText). */
static char copy_escape(const char **pp, const char *end)
{
	const char *p = *pp;
	char c = *p++;
	int v = 0;

	switch (c) {
	case 'b':
		c = '\b';
		break;
	case 'f':
		c = '\f';
		break;
	case 'n':
		c = '\n';
		break;
	case 'r':
		c = '\r';
		break;
	case 't':
		c = '\t';
		break;
	case 'v':
		c = '\v';
		break;
	case 'x':
		for (int i = 0; i < 2 && p < end; i++, p++) {
			char h = *p;
			int d = h >= '0' && h <= '9'   ? h - '0'
				: h >= 'a' && h <= 'f' ? h - 'a' + 10
				: h >= 'A' && h <= 'F' ? h - 'A' + 10
						       : -1;
			if (d < 0)
				break;
			v = v * 16 + d;
		}
		c = p == *pp + 1 ? 'x' : (char)v;
		break;
	default:
		if (c >= '0' && c <= '7') {
			v = c - '0';
			for (int i = 0; i < 2 && p < end && *p >= '0' && *p <= '7'; i++, p++)
				v = v * 8 + (*p - '0');
			c = (char)v;
		}
		break;
	}
	*pp = p;
	return c;
}

const char *datascan_copy_value(struct arena *a, const char *first_row)
{
	const char *end = first_row + strcspn(first_row, "\t");
	if (*end == '\0' && end > first_row && end[-1] == '\r')
		end--; /* CRLF line ends */
	if (end - first_row == 2 && first_row[0] == '\\' && first_row[1] == 'N')
		return NULL;
	char value[FIRST_VALUE_MAX + 1];
	size_t n = 0;
	for (const char *p = first_row; p < end && n < FIRST_VALUE_MAX;) {
		if (*p == '\\' && p + 1 < end) {
			p++;
			value[n++] = copy_escape(&p, end);
		} else {
			value[n++] = *p++;
		}
	}
	value[n] = '\0';
	return memchr(value, '\0', n) == NULL ? arena_strdup(a, value) : NULL;
}

/* ---- INSERT ---------------------------------------------------------------- */

struct scan {
	const char *p, *end;
	bool std_strings;
};

static bool is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (unsigned char)c >= 0x80;
}

static bool is_ident_char(char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

/* Blanks and comments. */
static void skip_space(struct scan *s)
{
	while (s->p < s->end) {
		char c = *s->p;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			s->p++;
		} else if (c == '-' && s->p + 1 < s->end && s->p[1] == '-') {
			const char *nl = memchr(s->p, '\n', (size_t)(s->end - s->p));
			s->p = nl ? nl + 1 : s->end;
		} else if (c == '/' && s->p + 1 < s->end && s->p[1] == '*') {
			int depth = 0;
			do {
				if (s->p + 1 < s->end && s->p[0] == '/' && s->p[1] == '*') {
					depth++;
					s->p += 2;
				} else if (s->p + 1 < s->end && s->p[0] == '*' && s->p[1] == '/') {
					depth--;
					s->p += 2;
				} else {
					s->p++;
				}
			} while (depth > 0 && s->p < s->end);
		} else {
			return;
		}
	}
}

/* An unquoted word (folded to lower case) or a "quoted" identifier, into out. */
static bool scan_ident(struct scan *s, struct strbuf *out)
{
	sb_reset(out);
	skip_space(s);
	if (s->p < s->end && *s->p == '"') {
		for (s->p++; s->p < s->end; s->p++) {
			if (*s->p == '"') {
				if (s->p + 1 < s->end && s->p[1] == '"') {
					sb_putc(out, '"');
					s->p++;
					continue;
				}
				s->p++;
				return out->len > 0;
			}
			sb_putc(out, *s->p);
		}
		return false;
	}
	if (s->p >= s->end || !is_ident_start(*s->p))
		return false;
	for (; s->p < s->end && is_ident_char(*s->p); s->p++) {
		char c = *s->p;
		sb_putc(out, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
	}
	return true;
}

static bool scan_keyword(struct scan *s, const char *kw)
{
	struct scan save = *s;
	struct strbuf w;
	sb_init(&w);
	bool ok = s->p < s->end && *s->p != '"' && scan_ident(s, &w) && strcmp(w.data, kw) == 0;
	sb_free(&w);
	if (!ok)
		*s = save;
	return ok;
}

static bool scan_char(struct scan *s, char c)
{
	skip_space(s);
	if (s->p < s->end && *s->p == c) {
		s->p++;
		return true;
	}
	return false;
}

/*
 * A string literal at s->p ('...', E'...', or with backslash escapes when
 * standard_conforming_strings is off); its value into out when not NULL.
 */
static bool scan_string(struct scan *s, struct strbuf *out)
{
	bool escapes = !s->std_strings;
	if (*s->p == 'E' || *s->p == 'e') {
		escapes = true;
		s->p++;
	}
	s->p++; /* the quote */
	while (s->p < s->end) {
		char c = *s->p++;
		if (c == '\'') {
			if (s->p < s->end && *s->p == '\'') {
				s->p++;
			} else {
				return true;
			}
		} else if (c == '\\' && escapes && s->p < s->end) {
			c = *s->p++;
			if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = '\t';
			else if (c == 'r')
				c = '\r';
		}
		if (out != NULL && out->len < FIRST_VALUE_MAX)
			sb_putc(out, c);
	}
	return false;
}

/* A $tag$...$tag$ string at s->p, skipped; false when it is no dollar quote. */
static bool skip_dollar(struct scan *s)
{
	const char *q = s->p + 1;
	while (q < s->end && is_ident_char(*q) && *q != '$')
		q++;
	if (q >= s->end || *q != '$')
		return false;
	size_t tag = (size_t)(q - s->p) + 1;
	for (const char *r = q + 1; r + tag <= s->end; r++) {
		if (memcmp(r, s->p, tag) == 0) {
			s->p = r + tag;
			return true;
		}
	}
	s->p = s->end;
	return false;
}

/*
 * One row, "(" already read, up to its ")": strings, quoted names and
 * nested parentheses skipped whole.  *value gets the first value when it
 * is a bare string literal or word (NULL stays absent).
 */
static bool scan_row(struct scan *s, struct strbuf *value, bool *have_value)
{
	int depth = 0;
	bool first = true;

	for (;;) {
		skip_space(s);
		if (s->p >= s->end)
			return false;
		char c = *s->p;
		bool at_start = first && depth == 0;
		first = false;
		if (c == '\'' || ((c == 'E' || c == 'e') && s->p + 1 < s->end && s->p[1] == '\'')) {
			if (!scan_string(s, at_start && value ? value : NULL))
				return false;
			if (at_start && value)
				*have_value = true;
		} else if (c == '"') {
			struct strbuf w;
			sb_init(&w);
			bool ok = scan_ident(s, &w);
			sb_free(&w);
			if (!ok)
				return false;
		} else if (c == '$' && s->p + 1 < s->end && !(s->p[1] >= '0' && s->p[1] <= '9')) {
			if (!skip_dollar(s))
				return false;
		} else if (c == '(') {
			depth++;
			s->p++;
		} else if (c == ')') {
			s->p++;
			if (depth-- == 0)
				return true;
		} else if (at_start && value && (is_ident_char(c) || c == '-' || c == '.')) {
			const char *w = s->p;
			while (s->p < s->end &&
			       (is_ident_char(*s->p) || *s->p == '-' || *s->p == '.'))
				s->p++;
			if (!(s->p - w == 4 && strncasecmp(w, "null", 4) == 0)) {
				sb_append_len(value, w,
					      (size_t)(s->p - w) < FIRST_VALUE_MAX
						  ? (size_t)(s->p - w)
						  : FIRST_VALUE_MAX);
				*have_value = true;
			}
		} else {
			s->p++;
		}
	}
}

/* INSERT INTO name [(columns)] [OVERRIDING ... VALUE] VALUES: the target, or false. */
static bool scan_target(struct scan *s, struct strbuf *schema, struct strbuf *name)
{
	bool ok = false;

	if (!scan_keyword(s, "insert") || !scan_keyword(s, "into") || !scan_ident(s, name))
		goto out;
	sb_reset(schema);
	while (scan_char(s, '.')) {
		sb_reset(schema);
		sb_append(schema, name->data);
		if (!scan_ident(s, name))
			goto out;
	}
	if (scan_char(s, '(')) {
		if (!scan_row(s, NULL, NULL))
			goto out;
	}
	if (scan_keyword(s, "overriding") &&
	    !((scan_keyword(s, "system") || scan_keyword(s, "user")) && scan_keyword(s, "value")))
		goto out;
	ok = scan_keyword(s, "values");
out:
	return ok;
}

long long datascan_insert(const char *text, size_t len, bool std_strings,
			  struct datascan_insert *out)
{
	struct scan s = {text, text + len, std_strings};
	long long rows = 0;

	sb_reset(&out->schema);
	sb_reset(&out->name);
	sb_reset(&out->value);
	out->have_value = false;
	if (!scan_target(&s, &out->schema, &out->name))
		return -1;
	do {
		if (!scan_char(&s, '(') || !scan_row(&s, rows == 0 ? &out->value : NULL,
						     rows == 0 ? &out->have_value : NULL))
			return -1;
		rows++;
	} while (scan_char(&s, ','));
	skip_space(&s);
	if (s.p < s.end && *s.p != ';')
		return -1; /* ON CONFLICT, RETURNING...: not pg_dump's; rows not counted */
	if (out->have_value && memchr(out->value.data, '\0', out->value.len) != NULL)
		out->have_value = false;
	if (out->have_value && out->value.data == NULL)
		sb_append(&out->value, ""); /* '' */
	return rows;
}
