/*
 * emit_mermaid.c
 *	  The ER diagram as a Mermaid erDiagram (diagram.h), written for and
 *	  tested with Mermaid 11 (tests/diagram/package.json pins the version).
 *
 *	  Mermaid's grammar is narrow: entity names are identifiers, aliases
 *	  and labels are double-quoted strings without ", %, \, CR or LF, and a
 *	  label is read as Markdown, with $$...$$ as KaTeX and fa:fa-name as an
 *	  icon.  So every entity is named e1, e2, ... and shows its real name
 *	  in an alias (e1["public.users"]); attribute types and names are
 *	  written in backticks (`character varying(50)` `email`), Mermaid's
 *	  quoting for attribute words, which ends only at a backtick.  In all
 *	  of them every ASCII character but letters and digits is written as a
 *	  Mermaid entity code, #NNN; (decimal), and so is any non-ASCII space:
 *	  Mermaid turns the code back into the character only when it draws
 *	  the label, after its own parsing, Markdown and KaTeX are done.  An
 *	  underscore between two letters or digits stays as it is (Markdown
 *	  gives it no meaning there), and so does a single space between two
 *	  other characters inside an entity's block (outside a block, text
 *	  such as "direction TB" would be taken for a statement).
 *
 *	  Characters no diagram can show (control characters, invisible and
 *	  bidirectional marks) get escape_char()'s visible escapes, "\n",
 *	  "\x07", "\u200f", themselves encoded as above.  Mermaid's renderer
 *	  uses U+FB02 U+00B0 and U+00B6 U+00DF as markers for entity codes and
 *	  rewrites them in the SVG it writes, so in those two pairs the first
 *	  character is shown escaped too ("\ufb02", "\u00b6").
 */
#include "diagram.h"

#include <string.h>

/* Where text goes, for the characters that may stay as they are. */
enum mm_ctx {
	MM_STATEMENT, /* an alias or a label: spaces encoded too */
	MM_BLOCK,     /* inside an entity's { }: interior single spaces stay */
};

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* JavaScript's \s beyond ASCII: Mermaid trims and splits on these. */
static bool is_js_space(uint32_t c)
{
	return c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
}

/* The code point of a valid UTF-8 sequence of len bytes (escape_char checked it). */
static uint32_t codepoint(const unsigned char *u, size_t len)
{
	switch (len) {
	case 2:
		return (uint32_t)(u[0] & 0x1f) << 6 | (u[1] & 0x3f);
	case 3:
		return (uint32_t)(u[0] & 0x0f) << 12 | (uint32_t)(u[1] & 0x3f) << 6 | (u[2] & 0x3f);
	case 4:
		return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3f) << 12 |
		       (uint32_t)(u[2] & 0x3f) << 6 | (u[3] & 0x3f);
	default:
		return u[0];
	}
}

/* ASCII text of pgbaseline's own (an escape): letters and digits as they are. */
static void put_ascii_encoded(struct sink *out, const char *s)
{
	for (; *s; s++) {
		if (is_alnum(*s))
			sink_putc(out, *s);
		else
			sink_printf(out, "#%d;", (unsigned char)*s);
	}
}

static void mm_text(struct sink *out, const char *s, enum mm_ctx ctx)
{
	char esc[ESCAPE_MAX];
	const char *start = s;

	while (*s) {
		size_t len = diagram_char(s, esc);
		char prev = s > start ? s[-1] : '\0', next = s[len];
		uint32_t c = codepoint((const unsigned char *)s, len);

		if (esc[0] == '\0' && len > 1 &&
		    ((c == 0xfb02 && strncmp(s + len, "\xc2\xb0", 2) == 0) ||
		     (c == 0xb6 && strncmp(s + len, "\xc3\x9f", 2) == 0)))
			snprintf(esc, ESCAPE_MAX, "\\u%04x", (unsigned)c);
		if (esc[0] != '\0')
			put_ascii_encoded(out, esc);
		else if (len > 1 && is_js_space(c))
			sink_printf(out, "#%u;", (unsigned)c);
		else if (len > 1 || is_alnum(*s) ||
			 (*s == '_' && is_alnum(prev) && is_alnum(next)) ||
			 (*s == ' ' && ctx == MM_BLOCK && prev != '\0' && prev != ' ' &&
			  next != '\0' && next != ' '))
			sink_write(out, s, len);
		else
			sink_printf(out, "#%d;", (unsigned char)*s);
		s += len;
	}
}

/* An attribute word in backticks; Mermaid needs at least one character there. */
static void mm_word(struct sink *out, const char *s)
{
	sink_putc(out, '`');
	if (*s == '\0')
		sink_puts(out, "#32;");
	mm_text(out, s, MM_BLOCK);
	sink_putc(out, '`');
}

static void write_qualified(struct sink *out, const char *schema, const char *name)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s.%s", schema, name);
	mm_text(out, sb.data, MM_STATEMENT);
	sb_free(&sb);
}

static void write_keys(struct sink *out, unsigned keys)
{
	const char *sep = " ";
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {{DIAGRAM_PK, "PK"}, {DIAGRAM_FK, "FK"}, {DIAGRAM_UK, "UK"}};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (keys & names[i].bit) {
			sink_printf(out, "%s%s", sep, names[i].name);
			sep = ", ";
		}
	}
}

static void write_entity(struct sink *out, const struct diagram_entity *e, size_t id)
{
	sink_printf(out, "    e%zu[\"", id);
	write_qualified(out, e->schema, e->name);
	if (e->n_partitions > 0) /* as mm_text would write " (N partitions)" */
		sink_printf(out, "#32;#40;%zu#32;partition%s#41;", e->n_partitions,
			    e->n_partitions == 1 ? "" : "s");
	sink_puts(out, "\"]");
	if (e->t == NULL) {
		sink_putc(out, '\n');
		return;
	}
	sink_puts(out, " {\n");
	for (size_t i = 0; i < e->t->columns.n; i++) {
		const struct column *c = e->t->columns.v[i];
		unsigned keys = diagram_column_keys(e->t, c->name);
		if (e->keys_only && keys == 0)
			continue;
		sink_puts(out, "        ");
		mm_word(out, c->type ? c->type : "");
		sink_putc(out, ' ');
		mm_word(out, c->name);
		write_keys(out, keys);
		if (c->not_null)
			sink_puts(out, " \"NOT NULL\"");
		sink_putc(out, '\n');
	}
	sink_puts(out, "    }\n");
}

/*
 * CHILD <how many children per parent><line><how many parents per child> PARENT:
 * }o many or none, |o one or none, || exactly one, o| one or none.
 */
static void write_relationship(struct sink *out, const struct diagram_rel *r)
{
	sink_printf(out, "    e%zu %s%s%s e%zu : \"", r->child + 1,
		    r->card.one_to_one ? "|o" : "}o", r->card.identifying ? "--" : "..",
		    r->card.optional ? "o|" : "||", r->parent + 1);
	mm_text(out, r->fk->name ? r->fk->name : "", MM_STATEMENT);
	sink_puts(out, "\"\n");
}

static const char *kind_class(const struct table *t)
{
	if (t == NULL)
		return "stub";
	switch (t->kind) {
	case TABLE_PARTITIONED:
		return "partitioned";
	case TABLE_PARTITION:
		return "partition";
	case TABLE_FOREIGN:
		return "foreign";
	case TABLE_ORDINARY:
		break;
	}
	return NULL;
}

/* Classes for the kinds of table, and the stubs; written only when used. */
static const struct {
	const char *name;
	const char *style;
} classes[] = {
    {"partitioned", "stroke-width:3px"},
    {"partition", "stroke-dasharray:6 3"},
    {"foreign", "fill:#eeeeee"},
    {"stub", "stroke-dasharray:2 4"},
};

static bool class_used(const struct diagram *d, const char *name)
{
	for (size_t i = 0; i < d->n_entities; i++) {
		const char *cls = kind_class(d->entities[i].t);
		if (cls != NULL && strcmp(cls, name) == 0)
			return true;
	}
	return false;
}

static void write_classes(struct sink *out, const struct diagram *d)
{
	for (size_t k = 0; k < sizeof(classes) / sizeof(classes[0]); k++) {
		if (!class_used(d, classes[k].name))
			continue;
		sink_printf(out, "    classDef %s %s\n", classes[k].name, classes[k].style);
		for (size_t i = 0; i < d->n_entities; i++) {
			const char *cls = kind_class(d->entities[i].t);
			if (cls != NULL && strcmp(cls, classes[k].name) == 0)
				sink_printf(out, "    class e%zu %s\n", i + 1, cls);
		}
	}
}

int emit_mermaid(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	static const struct diagram_lang mermaid = {
	    "erDiagram\n"
	    "    %% pgbaseline: one entity per table, one relationship per foreign key.\n"
	    "    %% Borders: thick a partitioned table, dashed a partition, grey a foreign\n"
	    "    %% table, dotted a referenced table not drawn in full.  A dashed line: the\n"
	    "    %% key is not within the referencing table's primary key.\n",
	    write_entity, write_relationship, write_classes};
	return diagram_draw_opts(m, opts ? opts->diagram : NULL, &mermaid, out);
}
