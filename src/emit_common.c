/*
 * emit_common.c
 *	  Helpers shared by the emitters: joining name lists, writing text
 *	  with its unsafe characters escaped, as Markdown and as JSON strings.
 */
#include "emit.h"
#include "escape.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

char *emit_join(const struct ptrvec *pv, const char *sep)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < pv->n; i++) {
		if (i > 0)
			sb_append(&sb, sep);
		if (pv->v[i] != NULL)
			sb_append(&sb, pv->v[i]);
	}
	return sb_steal(&sb);
}

void emit_put_escaped(struct sink *out, const char *s)
{
	char esc[ESCAPE_MAX];
	const char *run = s; /* start of the pending raw run */

	while (*s) {
		size_t len = escape_char(s, esc);
		if (esc[0] != '\0') {
			sink_write(out, run, (size_t)(s - run));
			sink_puts(out, esc);
			run = s + len;
		}
		s += len;
	}
	sink_write(out, run, (size_t)(s - run));
}

/* Characters Markdown would read as inline syntax: escaped with a backslash. */
static bool is_inline_special(char c)
{
	return c != '\0' && strchr("\\`*_[]~$|", c) != NULL;
}

static const char *html_entity(char c)
{
	switch (c) {
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '&':
		return "&amp;";
	default:
		return NULL;
	}
}

void emit_md_escape(struct sink *out, const char *s, bool newline_as_br)
{
	char esc[ESCAPE_MAX];
	while (*s) {
		if (newline_as_br && (s[0] == '\n' || (s[0] == '\r' && s[1] == '\n'))) {
			sink_puts(out, "<br>");
			s += s[0] == '\r' ? 2 : 1;
			continue;
		}
		size_t len = escape_char(s, esc);
		if (esc[0] != '\0')
			sink_puts(out, esc); /* "\x07": a backslash before a letter stays literal */
		else if (html_entity(*s) != NULL)
			sink_puts(out, html_entity(*s));
		else if (is_inline_special(*s))
			sink_printf(out, "\\%c", *s);
		else
			sink_write(out, s, len);
		s += len;
	}
}

struct json_t *emit_json_str(const char *s)
{
	if (s == NULL)
		return json_null();
	json_t *j = json_string(s);
	if (j)
		return j;
	size_t n = strlen(s);
	char *copy = xstrndup(s, n);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)copy[i] >= 0x80)
			copy[i] = '?';
	j = json_string(copy);
	free(copy);
	return j;
}

int emit_json_write(struct json_t *doc, struct sink *out)
{
	char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (text == NULL)
		return -1;
	sink_puts(out, text);
	sink_putc(out, '\n');
	free(text);
	return sink_finish(out);
}
