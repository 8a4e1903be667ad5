/*
 * emit_report_html.c
 *	  Text from the dump written into the HTML report: HTML's five special
 *	  characters as entities, and every character that could break the
 *	  layout or hide text (control characters, invalid UTF-8, bidirectional
 *	  marks) as its visible escape (escape_char), so a name such as
 *	  <script>alert(1)</script> is shown as those characters and nothing
 *	  else.  The same text is safe inside a double-quoted attribute value.
 */
#include "emit_report.h"
#include "facts.h"

#include <string.h>

static const char *entity(char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	default:
		return NULL;
	}
}

void report_text_sb(struct strbuf *sb, const char *s)
{
	char esc[ESCAPE_MAX];
	if (s == NULL)
		return;
	while (*s) {
		size_t len = escape_char(s, esc);
		if (esc[0] != '\0')
			sb_append(sb, esc);
		else if (entity(*s) != NULL)
			sb_append(sb, entity(*s));
		else
			sb_append_len(sb, s, len);
		s += len;
	}
}

void report_text(struct sink *out, const char *s)
{
	char esc[ESCAPE_MAX];
	if (s == NULL)
		return;
	while (*s) {
		/* a run of plain characters at once */
		size_t plain = 0;
		while (s[plain] != '\0' && (unsigned char)s[plain] >= 0x20 &&
		       (unsigned char)s[plain] < 0x7f && entity(s[plain]) == NULL)
			plain++;
		if (plain > 0) {
			sink_write(out, s, plain);
			s += plain;
			continue;
		}
		size_t len = escape_char(s, esc);
		if (esc[0] != '\0')
			sink_puts(out, esc);
		else if (entity(*s) != NULL)
			sink_puts(out, entity(*s));
		else
			sink_write(out, s, len);
		s += len;
	}
}

void report_code(struct sink *out, const char *s)
{
	sink_puts(out, "<code>");
	report_text(out, s);
	sink_puts(out, "</code>");
}

void report_qualified(struct sink *out, const char *schema, const char *name)
{
	struct strbuf sb;
	sb_init(&sb);
	facts_put_qualified(&sb, schema, name);
	report_code(out, facts_nz(sb.data));
	sb_free(&sb);
}

void report_name(struct sink *out, const char *name)
{
	report_qualified(out, NULL, name);
}

void report_severity(struct sink *out, enum lint_severity s)
{
	const char *name = lint_severity_name(s);
	sink_printf(out, "<span class=\"sev sev-%s\">%s</span>", name, name);
}

void report_table_href(struct sink *out, size_t i)
{
	sink_printf(out, "#t%zu", i);
}

void report_table_link(struct report *r, size_t i)
{
	const struct table *t = r->m->tables.v[i];
	sink_puts(r->out, "<a href=\"");
	report_table_href(r->out, i);
	sink_puts(r->out, "\">");
	report_qualified(r->out, t->h.schema, t->h.name);
	sink_puts(r->out, "</a>");
}

void report_table_ref(struct report *r, const char *schema, const char *name)
{
	long i = schema != NULL && name != NULL ? table_index_find(r->tix, schema, name) : -1;
	if (i >= 0)
		report_table_link(r, (size_t)i);
	else
		report_qualified(r->out, schema, name);
}
