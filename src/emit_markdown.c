/*
 * emit_markdown.c
 *	  The inventory as a Markdown document for an auditor: a summary
 *	  table, the extensions, then one section per schema with its tables,
 *	  views, sequences, types and functions, the other objects (held by
 *	  name), a table of owners and privileges, and last the statements
 *	  that could not be read.  Byte-stable, like every report.
 *
 *	  A renderer must show exactly what the dump said.  Names, types and
 *	  expressions go in code spans, fenced with more backticks than they
 *	  contain; free text (comments, messages) is escaped so nothing in it
 *	  turns into emphasis, links or HTML.  In table cells `|` is escaped
 *	  and a newline becomes <br>.  Control characters and characters that
 *	  could hide or reorder text are written as visible escapes (escape_char).
 */
#include "emit.h"
#include "facts.h"
#include "security.h"

#include <stdlib.h>
#include <string.h>

/* U+2192 */
#define ARROW "\xe2\x86\x92"

/* Where escaped text lands: a table cell also ends at an unescaped `|`. */
enum md_ctx {
	MD_BLOCK,
	MD_CELL,
};

/*
 * Escaping.
 */

/* Characters CommonMark/GFM give a meaning inline; a backslash makes each literal. */
/* Free text: comments, messages. */
static void md_text(struct sink *out, const char *s)
{
	emit_md_escape(out, s, true);
}

static size_t longest_backtick_run(const char *s)
{
	size_t longest = 0, run = 0;
	for (; *s; s++) {
		run = *s == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	return longest;
}

static bool is_all_spaces(const char *s)
{
	return s[strspn(s, " ")] == '\0';
}

/*
 * CommonMark strips one space from each end of a code span that has one
 * at both ends, and a backtick next to the fence would merge with it; a
 * space of padding on each side, stripped in turn, keeps such contents.
 */
static bool code_needs_padding(const char *s)
{
	size_t n = strlen(s);
	if (s[0] == '`' || s[n - 1] == '`')
		return true;
	return s[0] == ' ' && s[n - 1] == ' ' && !is_all_spaces(s);
}

static void put_backticks(struct sink *out, size_t n)
{
	while (n-- > 0)
		sink_putc(out, '`');
}

/*
 * A name, type or expression as inline code.  Code spans are literal, so
 * only layout-breaking characters need care.  In a cell, GFM unescapes
 * `\|` even inside code, which leaves no way to write a backslash followed
 * by a pipe there; such text goes in <code> with full text escaping.
 */
static void md_code(struct sink *out, const char *s, enum md_ctx ctx)
{
	char esc[ESCAPE_MAX];

	if (*s == '\0') {
		sink_puts(out, "*(empty)*");
		return;
	}
	if (ctx == MD_CELL && strstr(s, "\\|") != NULL) {
		sink_puts(out, "<code>");
		emit_md_escape(out, s, false);
		sink_puts(out, "</code>");
		return;
	}
	size_t fence = longest_backtick_run(s) + 1;
	bool pad = code_needs_padding(s);
	put_backticks(out, fence);
	if (pad)
		sink_putc(out, ' ');
	while (*s) {
		size_t len = escape_char(s, esc);
		if (esc[0] != '\0')
			sink_puts(out, esc);
		else if (ctx == MD_CELL && *s == '|')
			sink_puts(out, "\\|");
		else
			sink_write(out, s, len);
		s += len;
	}
	if (pad)
		sink_putc(out, ' ');
	put_backticks(out, fence);
}

/* `schema.name` as one code span, as psql takes it: `public."Album"`. */
static void md_qualified(struct sink *out, const char *schema, const char *name, enum md_ctx ctx)
{
	struct strbuf sb;
	sb_init(&sb);
	facts_put_qualified(&sb, schema, name);
	md_code(out, facts_nz(sb.data), ctx);
	sb_free(&sb);
}

/* A name as one code span, quoted when psql needs it: `"Album"`. */
static void md_name(struct sink *out, const char *name, enum md_ctx ctx)
{
	md_qualified(out, NULL, name, ctx);
}

/* A role as psql takes it (`"Role|x"`); PUBLIC is the keyword, not a name. */
static void md_role_name(struct sink *out, const char *role, enum md_ctx ctx)
{
	if (role != NULL && strcmp(role, "PUBLIC") == 0)
		md_code(out, role, ctx);
	else
		md_name(out, facts_nz(role), ctx);
}

/* `a`, `b`, `c`: one code span per element, so a comma inside a name stays unambiguous. */
static void md_code_list(struct sink *out, const struct ptrvec *pv, enum md_ctx ctx)
{
	for (size_t i = 0; i < pv->n; i++) {
		if (i > 0)
			sink_puts(out, ", ");
		md_code(out, facts_nz(pv->v[i]), ctx);
	}
}

/* Index keys (struct index_key *), each as facts_put_index_key() writes it, as code. */
static void md_key_list(struct sink *out, const struct ptrvec *keys, enum md_ctx ctx)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < keys->n; i++) {
		if (i > 0)
			sink_puts(out, ", ");
		sb_reset(&sb);
		facts_put_index_key(&sb, keys->v[i]);
		md_code(out, sb.data, ctx);
	}
	sb_free(&sb);
}

/* The same for a list of names, each quoted when psql needs it. */
static void md_name_list(struct sink *out, const struct ptrvec *pv, enum md_ctx ctx)
{
	for (size_t i = 0; i < pv->n; i++) {
		if (i > 0)
			sink_puts(out, ", ");
		md_name(out, pv->v[i], ctx);
	}
}

static void md_comment_suffix(struct sink *out, const char *comment)
{
	if (comment == NULL)
		return;
	sink_puts(out, " (comment: ");
	md_text(out, comment);
	sink_putc(out, ')');
}

/*
 * Objects grouped by schema.  Each kind's included objects are ordered by
 * schema (keeping the model's order within one) so the schema sections can
 * take their objects from the front, and a dump with thousands of schemas
 * is not scanned once per schema.
 */

static const char *schema_of(const struct objhdr *h)
{
	return facts_nz(h->schema);
}

struct group {
	const struct objhdr **v; /* every object embeds struct objhdr first */
	size_t n;
	size_t pos; /* the next object not yet written */
};

struct ranked {
	const struct objhdr *h;
	size_t rank;
};

static int compare_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	int c = strcmp(schema_of(x->h), schema_of(y->h));
	if (c != 0)
		return c;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static void group_init(struct group *g, const struct ptrvec *pv)
{
	struct ranked *r = xcalloc(pv->n, sizeof(*r));
	size_t n = 0;
	for (size_t i = 0; i < pv->n; i++) {
		const struct objhdr *h = pv->v[i];
		if (h->included)
			r[n++] = (struct ranked){h, i};
	}
	if (n > 0)
		qsort(r, n, sizeof(*r), compare_ranked);
	g->v = xcalloc(n, sizeof(*g->v));
	for (size_t i = 0; i < n; i++)
		g->v[i] = r[i].h;
	g->n = n;
	g->pos = 0;
	free(r);
}

/* The next object of g if it is in schema, else NULL. */
static const void *group_next(const struct group *g, const char *schema)
{
	if (g->pos < g->n && strcmp(schema_of(g->v[g->pos]), schema) == 0)
		return g->v[g->pos];
	return NULL;
}

enum group_kind {
	G_TABLES,
	G_VIEWS,
	G_SEQUENCES,
	G_TYPES,
	G_FUNCTIONS,
	G_SCHEMAS, /* schema objects, grouped by their own name */
	N_GROUPS,
};

struct md {
	struct sink *out;
	const struct model *m;
	struct table_index *tables; /* the included tables, for INHERITS parents */
	struct group groups[N_GROUPS];
};

static int compare_schema_names(const void *a, const void *b)
{
	const struct objhdr *x = *(const struct objhdr *const *)a;
	const struct objhdr *y = *(const struct objhdr *const *)b;
	return strcmp(facts_nz(x->name), facts_nz(y->name));
}

/* Included schemas, by name, and each one's objects. */
static void groups_init(struct md *md)
{
	const struct model *m = md->m;
	group_init(&md->groups[G_TABLES], &m->tables);
	group_init(&md->groups[G_VIEWS], &m->views);
	group_init(&md->groups[G_SEQUENCES], &m->sequences);
	group_init(&md->groups[G_TYPES], &m->types);
	group_init(&md->groups[G_FUNCTIONS], &m->functions);
	group_init(&md->groups[G_SCHEMAS], &m->schemas);
	struct group *s = &md->groups[G_SCHEMAS];
	if (s->n > 0)
		qsort(s->v, s->n, sizeof(*s->v), compare_schema_names);
}

static void groups_free(struct md *md)
{
	for (int i = 0; i < N_GROUPS; i++)
		free(md->groups[i].v);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Every schema that gets a section, sorted: those the filter included and
 * those holding an included object (public has no CREATE SCHEMA in most
 * dumps, and with -t no schema object is selected).
 */
static struct ptrvec section_schemas(const struct md *md)
{
	struct ptrvec names = {0};
	for (int k = 0; k < N_GROUPS; k++) {
		const struct group *g = &md->groups[k];
		for (size_t i = 0; i < g->n; i++)
			ptrvec_push(&names, (void *)(k == G_SCHEMAS ? facts_nz(g->v[i]->name)
								    : schema_of(g->v[i])));
	}
	if (names.n > 0)
		qsort(names.v, names.n, sizeof(names.v[0]), compare_strings);
	size_t kept = 0;
	for (size_t i = 0; i < names.n; i++)
		if (kept == 0 || strcmp(names.v[kept - 1], names.v[i]) != 0)
			names.v[kept++] = names.v[i];
	names.n = kept;
	return names;
}

/*
 * The document's head: title, versions, summary, extensions.
 */

static void write_title(struct md *md)
{
	const struct source_info *src = &md->m->source;
	sink_puts(md->out, "# Schema inventory: ");
	md_text(md->out, src->file ? src->file : "-");
	sink_putc(md->out, '\n');
	if (src->pg_dump_version == NULL && src->server_version == NULL)
		return;
	sink_puts(md->out, "\nDumped");
	if (src->pg_dump_version != NULL) {
		sink_puts(md->out, " by pg_dump ");
		md_text(md->out, src->pg_dump_version);
	}
	if (src->server_version != NULL) {
		sink_puts(md->out, " from PostgreSQL ");
		md_text(md->out, src->server_version);
	}
	sink_puts(md->out, ".\n");
}

static void write_summary_row(struct sink *out, const char *label, int n)
{
	sink_printf(out, "| %s | %d |\n", label, n);
}

/* Every count is shown, zeros included: an auditor wants them stated. */
static void write_summary(struct md *md)
{
	struct model_summary s;
	model_summarize(md->m, &s);
	struct sink *out = md->out;

	sink_puts(out, "\n## Summary\n\n| Objects | Count |\n| --- | ---: |\n");
	write_summary_row(out, "Schemas", s.schemas);
	write_summary_row(out, "Tables", s.tables);
	write_summary_row(out, "Tables with relationships", s.tables_with_relationships);
	write_summary_row(out, "Foreign keys", s.foreign_keys);
	write_summary_row(out, "Indexes", s.indexes);
	write_summary_row(out, "Constraints", s.constraints);
	write_summary_row(out, "Views", s.views);
	write_summary_row(out, "Materialized views", s.materialized_views);
	write_summary_row(out, "Sequences", s.sequences);
	write_summary_row(out, "Types", s.types);
	write_summary_row(out, "Functions", s.functions);
	write_summary_row(out, "Triggers", s.triggers);
	write_summary_row(out, "Policies", s.policies);
	write_summary_row(out, "Extensions", s.extensions);
	write_summary_row(out, "Security definer functions", s.security_definer);
	for (int k = 0; k < N_OBJECT_KINDS; k++)
		write_summary_row(out, object_kind_title((enum object_kind)k), s.objects[k]);
	write_summary_row(out, "Unparsed statements", s.unparsed);
}

static void write_extensions(struct md *md)
{
	bool begun = false;
	for (size_t i = 0; i < md->m->extensions.n; i++) {
		const struct extension *e = md->m->extensions.v[i];
		if (!e->h.included)
			continue;
		if (!begun)
			sink_puts(md->out, "\n## Extensions\n\n");
		begun = true;
		sink_puts(md->out, "- ");
		md_name(md->out, e->h.name, MD_BLOCK);
		if (e->version != NULL) {
			sink_puts(md->out, " version ");
			md_code(md->out, e->version, MD_BLOCK);
		}
		if (e->h.schema != NULL) {
			sink_puts(md->out, " in schema ");
			md_name(md->out, e->h.schema, MD_BLOCK);
		}
		md_comment_suffix(md->out, e->h.comment);
		sink_putc(md->out, '\n');
	}
}

/*
 * A table.
 */

/* A paragraph of plain text, then a code span, then more plain text. */
static void write_note(struct sink *out, const char *before, const char *code, const char *after)
{
	sink_printf(out, "\n%s", before);
	if (code != NULL)
		md_code(out, code, MD_BLOCK);
	sink_printf(out, "%s\n", after);
}

static void write_table_notes(struct sink *out, const struct table *t, const struct table_index *ix)
{
	if (t->parent_table != NULL) {
		sink_puts(out, "\nPartition of ");
		md_qualified(out, t->parent_schema, t->parent_table, MD_BLOCK);
		if (t->partition_bound != NULL) {
			sink_putc(out, ' ');
			md_code(out, t->partition_bound, MD_BLOCK);
		}
		sink_puts(out, ".\n");
	}
	if (t->partition_key != NULL)
		write_note(out, "Partitioned by ", t->partition_key, ".");
	if (t->kind == TABLE_FOREIGN)
		write_note(out, t->foreign_server ? "Foreign table on server " : "Foreign table",
			   t->foreign_server, ".");
	if (t->foreign_options != NULL)
		write_note(out, "Foreign table options: ", t->foreign_options, ".");
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = t->columns.v[i];
		if (c->foreign_options == NULL)
			continue;
		sink_puts(out, "\nColumn ");
		md_name(out, c->name, MD_BLOCK);
		sink_puts(out, " options: ");
		md_code(out, c->foreign_options, MD_BLOCK);
		sink_puts(out, ".\n");
	}
	if (t->unlogged)
		write_note(out, "Unlogged.", NULL, "");
	if (t->inherits.n > 0) {
		sink_puts(out, "\nInherits ");
		for (size_t i = 0; i < t->inherits.n; i++) {
			struct strbuf sb;
			sb_init(&sb);
			facts_put_parent(&sb, ix, t->inherits.v[i]);
			sink_puts(out, i > 0 ? ", " : "");
			md_code(out, facts_nz(sb.data), MD_BLOCK);
			sb_free(&sb);
		}
		sink_puts(out, ".\n");
	}
	if (t->rls_enabled || t->rls_forced)
		sink_printf(out, "\nRow level security %s%s.\n",
			    t->rls_enabled ? "enabled" : "disabled",
			    t->rls_forced ? ", forced" : "");
	if (t->h.comment != NULL) {
		sink_puts(out, "\nComment: ");
		md_text(out, t->h.comment);
		sink_putc(out, '\n');
	}
}

/*
 * Clauses in prose, after a name or a list: " include (`a`, `b`)",
 * " where `expr`"; `sep` goes before a clause with a value or a list, ", "
 * before a flag (", nulls not distinct").
 */
static void md_clauses(struct sink *out, const struct fact *f, size_t n, const char *sep)
{
	for (size_t i = 0; i < n; i++) {
		bool flag = f[i].list == NULL && f[i].value == NULL;
		sink_puts(out, flag ? ", " : sep);
		sink_puts(out, f[i].prose);
		if (f[i].list != NULL) {
			sink_puts(out, " (");
			md_name_list(out, f[i].list, MD_BLOCK);
			sink_putc(out, ')');
		} else if (f[i].value != NULL) {
			sink_putc(out, ' ');
			md_code(out, f[i].value, MD_BLOCK);
		}
	}
}

/* The Default cell: the default, identity and generation (collation and inheritance are
 * shown with the type and the name). */
static void write_column_default(struct sink *out, const struct fact *f, size_t n)
{
	const char *sep = "";
	for (size_t i = 0; i < n; i++) {
		if (f[i].kind == FACT_COLLATE || f[i].kind == FACT_INHERITED)
			continue;
		sink_puts(out, sep);
		if (f[i].kind == FACT_IDENTITY)
			sink_printf(out, "%s %s", f[i].prose, f[i].value);
		else {
			if (f[i].kind == FACT_GENERATED)
				sink_printf(out, "%s ", f[i].prose);
			md_code(out, f[i].value, MD_CELL);
		}
		if (f[i].variant)
			sink_puts(out, " (virtual)");
		sep = " ";
	}
}

static void write_column_row(struct sink *out, const struct column *c)
{
	struct fact f[FACTS_MAX];
	size_t n = facts_column_clauses(c, f);
	sink_puts(out, "| ");
	md_name(out, c->name, MD_CELL);
	if (n > 0 && f[n - 1].kind == FACT_INHERITED)
		sink_printf(out, " (%s)", f[n - 1].prose);
	sink_puts(out, " | ");
	md_code(out, facts_nz(c->type), MD_CELL);
	if (n > 0 && f[0].kind == FACT_COLLATE) {
		sink_printf(out, " %s ", f[0].prose);
		md_code(out, f[0].value, MD_CELL);
	}
	sink_printf(out, " | %s | ", c->not_null ? "no" : "yes");
	write_column_default(out, f, n);
	sink_puts(out, " | ");
	if (c->comment != NULL)
		md_text(out, c->comment);
	sink_puts(out, " |\n");
}

static void write_columns(struct sink *out, const struct table *t)
{
	if (t->columns.n == 0)
		return;
	sink_puts(out, "\n| Column | Type | Nullable | Default | Comment |\n"
		       "| --- | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < t->columns.n; i++)
		write_column_row(out, t->columns.v[i]);
}

static void write_constraint_flags(struct sink *out, const struct constraint *c)
{
	struct fact f[FACTS_MAX];
	size_t n = facts_constraint_flags(c, f);
	for (size_t i = 0; i < n; i++) {
		sink_printf(out, ", %s", f[i].prose);
		if (f[i].kind == FACT_TEMPORAL)
			sink_printf(out, " (%s)", f[i].keyword);
	}
	md_comment_suffix(out, c->comment);
}

static void write_key(struct sink *out, const struct constraint *c, const char *what)
{
	sink_printf(out, "- %s ", what);
	md_name(out, c->name, MD_BLOCK);
	sink_puts(out, " (");
	md_name_list(out, &c->columns, MD_BLOCK);
	sink_putc(out, ')');
}

static void write_foreign_key(struct sink *out, const struct constraint *c)
{
	sink_puts(out, "- Foreign key ");
	md_name(out, c->name, MD_BLOCK);
	sink_puts(out, ": (");
	md_name_list(out, &c->columns, MD_BLOCK);
	sink_puts(out, ") " ARROW " ");
	md_qualified(out, c->ref_schema, c->ref_table, MD_BLOCK);
	if (c->ref_columns.n > 0) {
		sink_puts(out, " (");
		md_name_list(out, &c->ref_columns, MD_BLOCK);
		sink_putc(out, ')');
	}
	struct fact f[FACTS_MAX];
	size_t n = facts_fk_clauses(c, f);
	for (size_t i = 0; i < n; i++) {
		sink_printf(out, ", %s ", f[i].keyword);
		md_text(out, f[i].value);
	}
}

static void write_check(struct sink *out, const struct constraint *c)
{
	sink_puts(out, "- Check ");
	md_name(out, c->name, MD_BLOCK);
	sink_puts(out, ": ");
	md_code(out, facts_nz(c->expression), MD_BLOCK);
}

static void write_exclusion(struct sink *out, const struct constraint *c)
{
	sink_puts(out, "- Exclusion ");
	md_name(out, c->name, MD_BLOCK);
	if (c->method != NULL) {
		sink_puts(out, " using ");
		md_code(out, c->method, MD_BLOCK);
	}
	sink_puts(out, " (");
	md_key_list(out, &c->keys, MD_BLOCK);
	sink_putc(out, ')');
}

/* The clauses after a constraint's columns or expression.  An exclusion constraint's
 * INCLUDE list has never been shown here (the text report shows it). */
static void write_constraint_tail(struct sink *out, const struct constraint *c)
{
	struct fact f[FACTS_MAX];
	size_t n = facts_constraint_tail(c, f);
	for (size_t i = 0; i < n; i++)
		if (c->kind != CON_EXCLUSION || f[i].kind != FACT_INCLUDE)
			md_clauses(out, &f[i], 1, " ");
}

static void write_constraint(struct sink *out, const struct constraint *c)
{
	switch (c->kind) {
	case CON_PRIMARY:
		write_key(out, c, "Primary key");
		break;
	case CON_UNIQUE:
		write_key(out, c, "Unique");
		break;
	case CON_FOREIGN:
		write_foreign_key(out, c);
		break;
	case CON_CHECK:
		write_check(out, c);
		break;
	case CON_EXCLUSION:
		write_exclusion(out, c);
		break;
	}
	write_constraint_tail(out, c);
	write_constraint_flags(out, c);
	sink_putc(out, '\n');
}

static void write_index(struct sink *out, const struct index *ix, const char *indent)
{
	sink_printf(out, "%s- %s ", indent, ix->unique ? "Unique index" : "Index");
	md_name(out, ix->h.name, MD_BLOCK);
	if (facts_index_method(ix) != NULL) {
		sink_puts(out, " using ");
		md_code(out, facts_index_method(ix), MD_BLOCK);
	}
	sink_puts(out, " (");
	md_key_list(out, &ix->keys, MD_BLOCK);
	sink_putc(out, ')');
	struct fact f[FACTS_MAX];
	md_clauses(out, f, facts_index_tail(ix, f), " ");
	md_comment_suffix(out, ix->h.comment);
	sink_putc(out, '\n');
}

static void write_trigger(struct sink *out, const struct trigger *tg)
{
	sink_printf(out, "- %s ", tg->constraint_trigger ? "Constraint trigger" : "Trigger");
	md_name(out, tg->name, MD_BLOCK);
	sink_puts(out, ": ");
	md_text(out, facts_nz(tg->timing));
	sink_putc(out, ' ');
	md_text(out, facts_nz(tg->events));
	sink_printf(out, ", for each %s, executes ", tg->for_each_row ? "row" : "statement");
	md_code(out, facts_nz(tg->function), MD_BLOCK);
	if (tg->when != NULL) {
		sink_puts(out, " when ");
		md_code(out, tg->when, MD_BLOCK);
	}
	md_comment_suffix(out, tg->comment);
	sink_putc(out, '\n');
}

static void write_policy(struct sink *out, const struct policy *p)
{
	sink_printf(out, "- %s policy ", p->permissive ? "Permissive" : "Restrictive");
	md_name(out, p->name, MD_BLOCK);
	sink_puts(out, ": for ");
	md_text(out, p->command ? p->command : "ALL");
	if (p->roles.n > 0) {
		sink_puts(out, " to ");
		md_code_list(out, &p->roles, MD_BLOCK);
	}
	if (p->using_expr != NULL) {
		sink_puts(out, ", using ");
		md_code(out, p->using_expr, MD_BLOCK);
	}
	if (p->check_expr != NULL) {
		sink_puts(out, ", with check ");
		md_code(out, p->check_expr, MD_BLOCK);
	}
	md_comment_suffix(out, p->comment);
	sink_putc(out, '\n');
}

/* Constraints, indexes, triggers and policies: one bullet list. */
static void write_table_items(struct sink *out, const struct table *t)
{
	if (t->constraints.n + t->indexes.n + t->triggers.n + t->policies.n == 0)
		return;
	sink_putc(out, '\n');
	/* By kind, as the text report lists them; by name within a kind. */
	static const enum con_kind kinds[] = {CON_PRIMARY, CON_FOREIGN, CON_UNIQUE, CON_CHECK,
					      CON_EXCLUSION};
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		for (size_t i = 0; i < t->constraints.n; i++)
			if (((const struct constraint *)t->constraints.v[i])->kind == kinds[k])
				write_constraint(out, t->constraints.v[i]);
	for (size_t i = 0; i < t->indexes.n; i++)
		write_index(out, t->indexes.v[i], "");
	for (size_t i = 0; i < t->triggers.n; i++)
		write_trigger(out, t->triggers.v[i]);
	for (size_t i = 0; i < t->policies.n; i++)
		write_policy(out, t->policies.v[i]);
}

static void write_table(struct sink *out, const struct table *t, const struct table_index *ix)
{
	sink_puts(out, "\n### Table ");
	md_qualified(out, t->h.schema, t->h.name, MD_BLOCK);
	sink_putc(out, '\n');
	write_table_notes(out, t, ix);
	write_columns(out, t);
	write_table_items(out, t);
	if (t->rows >= 0)
		sink_printf(out, "\nRows of data: %lld\n", t->rows);
}

/*
 * The other objects of a schema, one bullet list per kind.
 */

static void write_view(struct sink *out, const struct view *v)
{
	sink_puts(out, "- ");
	md_qualified(out, v->h.schema, v->h.name, MD_BLOCK);
	if (v->materialized)
		sink_puts(out, " (materialized)");
	md_comment_suffix(out, v->h.comment);
	sink_putc(out, '\n');
	for (size_t i = 0; i < v->indexes.n; i++)
		write_index(out, v->indexes.v[i], "  ");
}

static void write_sequence(struct sink *out, const struct sequence *s)
{
	sink_puts(out, "- ");
	md_qualified(out, s->h.schema, s->h.name, MD_BLOCK);
	if (s->data_type != NULL && strcmp(s->data_type, "bigint") != 0) {
		sink_puts(out, " as ");
		md_code(out, s->data_type, MD_BLOCK);
	}
	if (s->owned_by_table != NULL) {
		struct strbuf owner;
		sb_init(&owner);
		facts_put_qualified(&owner, s->owned_by_schema, s->owned_by_table);
		sb_putc(&owner, '.');
		facts_put_name(&owner, s->owned_by_column);
		sink_puts(out, s->identity ? ", identity of " : ", owned by ");
		md_code(out, owner.data, MD_BLOCK);
		sb_free(&owner);
	}
	md_comment_suffix(out, s->h.comment);
	sink_putc(out, '\n');
}

static void write_composite(struct sink *out, const struct pgtype *ty)
{
	sink_puts(out, " (");
	for (size_t i = 0; i < ty->attributes.n; i++) {
		const struct type_attr *a = ty->attributes.v[i];
		if (i > 0)
			sink_puts(out, ", ");
		md_name(out, a->name, MD_BLOCK);
		sink_putc(out, ' ');
		md_code(out, facts_nz(a->type), MD_BLOCK);
		if (a->collation != NULL) {
			sink_puts(out, " collate ");
			md_code(out, a->collation, MD_BLOCK);
		}
	}
	sink_putc(out, ')');
}

static void write_domain(struct sink *out, const struct pgtype *ty)
{
	struct fact f[FACTS_MAX];
	md_clauses(out, f, facts_domain_clauses(ty, f), ", ");
	for (size_t i = 0; i < ty->checks.n; i++) {
		const struct domain_check *ck = ty->checks.v[i];
		sink_puts(out, ", check ");
		md_code(out, facts_nz(ck->expression), MD_BLOCK);
		if (!ck->valid)
			sink_puts(out, " (not valid)");
	}
}

static void write_type(struct sink *out, const struct pgtype *ty)
{
	sink_puts(out, "- ");
	md_qualified(out, ty->h.schema, ty->h.name, MD_BLOCK);
	/* What facts_type_head() says, then the details. */
	struct fact head = facts_type_head(ty);
	sink_printf(out, ": %s", head.prose);
	if (head.value != NULL) {
		sink_putc(out, ' ');
		md_code(out, head.value, MD_BLOCK);
	}
	if (ty->kind == TYPE_ENUM) {
		sink_puts(out, " (");
		md_code_list(out, &ty->labels, MD_BLOCK);
		sink_putc(out, ')');
	} else if (ty->kind == TYPE_COMPOSITE)
		write_composite(out, ty);
	else if (ty->kind == TYPE_DOMAIN)
		write_domain(out, ty);
	md_comment_suffix(out, ty->h.comment);
	sink_putc(out, '\n');
}

static void write_function(struct sink *out, const struct function *fn)
{
	struct strbuf sig;
	sb_init(&sig);
	facts_put_function(&sig, fn->h.schema, fn);

	sink_puts(out, "- ");
	md_code(out, facts_nz(sig.data), MD_BLOCK);
	if (fn->kind != FUNC_FUNCTION)
		sink_printf(out, " (%s)", func_kind_name(fn->kind));
	if (fn->returns != NULL) {
		sink_puts(out, " returns ");
		md_code(out, fn->returns, MD_BLOCK);
	}
	if (fn->language != NULL) {
		sink_puts(out, ", language ");
		md_code(out, fn->language, MD_BLOCK);
	}
	if (fn->security_definer)
		sink_puts(out, ", security definer");
	md_comment_suffix(out, fn->h.comment);
	sink_putc(out, '\n');
	sb_free(&sig);
}

typedef void (*object_writer)(struct sink *out, const void *obj);

static void write_view_obj(struct sink *out, const void *o)
{
	write_view(out, o);
}

static void write_sequence_obj(struct sink *out, const void *o)
{
	write_sequence(out, o);
}

static void write_type_obj(struct sink *out, const void *o)
{
	write_type(out, o);
}

static void write_function_obj(struct sink *out, const void *o)
{
	write_function(out, o);
}

/* "### Views" and its bullets: the group's objects in schema, if any. */
static void write_object_list(struct md *md, enum group_kind kind, const char *schema,
			      const char *title, object_writer write)
{
	struct group *g = &md->groups[kind];
	if (group_next(g, schema) == NULL)
		return;
	sink_printf(md->out, "\n### %s\n\n", title);
	for (const void *o; (o = group_next(g, schema)) != NULL; g->pos++)
		write(md->out, o);
}

static void write_schema_heading(struct md *md, const char *schema)
{
	sink_puts(md->out, "\n## Schema ");
	md_name(md->out, schema, MD_BLOCK);
	sink_putc(md->out, '\n');

	/* Schema objects are ordered by name, as the sections are. */
	struct group *g = &md->groups[G_SCHEMAS];
	if (g->pos < g->n && strcmp(facts_nz(g->v[g->pos]->name), schema) == 0) {
		const struct objhdr *h = g->v[g->pos++];
		if (h->comment != NULL) {
			sink_puts(md->out, "\nComment: ");
			md_text(md->out, h->comment);
			sink_putc(md->out, '\n');
		}
	}
}

static void write_schema(struct md *md, const char *schema)
{
	write_schema_heading(md, schema);
	struct group *tables = &md->groups[G_TABLES];
	for (const void *t; (t = group_next(tables, schema)) != NULL; tables->pos++)
		write_table(md->out, t, md->tables);
	write_object_list(md, G_VIEWS, schema, "Views", write_view_obj);
	write_object_list(md, G_SEQUENCES, schema, "Sequences", write_sequence_obj);
	write_object_list(md, G_TYPES, schema, "Types", write_type_obj);
	write_object_list(md, G_FUNCTIONS, schema, "Functions", write_function_obj);
}

/* `schema.name`, `schema.op(args)` or `name`: how an object held by name is called. */
static void md_named_object(struct sink *out, const struct object *o, enum md_ctx ctx)
{
	/* A rule's name is its table's (o->table), in no schema of its own. */
	const char *schema = o->kind == OBJ_RULE ? NULL : o->h.schema;
	if (object_name_is_identifier(o->kind)) {
		md_qualified(out, schema, o->h.name, ctx);
		return;
	}
	struct strbuf sb; /* an operator, cast or transform: not an identifier */
	sb_init(&sb);
	if (schema != NULL) {
		facts_put_name(&sb, schema);
		sb_putc(&sb, '.');
	}
	sb_append(&sb, facts_nz(o->h.name));
	if (o->arguments != NULL)
		sb_printf(&sb, "(%s)", o->arguments);
	md_code(out, sb.data, ctx);
	sb_free(&sb);
}

/* The same followed by what it belongs to: "on `objs.items`", "server `remote`". */
static void md_named_object_on(struct sink *out, const struct object *o, enum md_ctx ctx)
{
	md_named_object(out, o, ctx);
	if (o->on != NULL) {
		sink_printf(out, " %s ", facts_nz(object_kind_on(o->kind)));
		if (o->table != NULL)
			md_qualified(out, o->table_schema, o->table, ctx);
		else
			md_qualified(out, NULL, o->on, ctx);
	}
}

/* A function's schema, name and argument types as one code span (as write_function's). */
static void md_function_name(struct sink *out, const struct owned *o, enum md_ctx ctx)
{
	struct strbuf sb;
	sb_init(&sb);
	facts_put_qualified(&sb, o->schema, facts_nz(o->name));
	sb_printf(&sb, "(%s)", o->arguments);
	md_code(out, sb.data, ctx);
	sb_free(&sb);
}

/*
 * "## Other objects": the objects held by name, a list per kind, each
 * with what it belongs to, its owner and comment.
 */
static void write_named_objects(struct md *md)
{
	const char *title = NULL;
	for (size_t i = 0; i < md->m->objects.n; i++) {
		const struct object *o = md->m->objects.v[i];
		if (!o->h.included)
			continue;
		if (title == NULL)
			sink_puts(md->out, "\n## Other objects\n");
		if (title != object_kind_title(o->kind)) { /* sorted by kind: a new list */
			title = object_kind_title(o->kind);
			sink_printf(md->out, "\n### %s\n\n", title);
		}
		sink_puts(md->out, "- ");
		md_named_object_on(md->out, o, MD_BLOCK);
		if (o->h.owner != NULL) {
			sink_puts(md->out, ", owner ");
			md_role_name(md->out, o->h.owner, MD_BLOCK);
		}
		md_comment_suffix(md->out, o->h.comment);
		sink_putc(md->out, '\n');
	}
}

/* One grant in a cell: `grantee`: privileges (with grant option). */
static void write_grant_cell(struct sink *out, const struct ptrvec *grants)
{
	for (size_t i = 0; i < grants->n; i++) {
		const struct grant *g = grants->v[i];
		if (i > 0)
			sink_puts(out, "<br>");
		md_role_name(out, g->grantee, MD_CELL);
		sink_puts(out, ": ");
		emit_md_escape(out, facts_nz(g->privileges), false);
		if (g->with_grant_option)
			sink_puts(out, " (with grant option)");
	}
}

/*
 * "## Owners and privileges": who owns each object and who was granted
 * what on it, for every included object that has an owner or a grant.
 */
static void write_default_privileges(struct md *md);

static void write_owners(struct md *md)
{
	struct ptrvec owned = {0};
	model_owned(md->m, &owned);
	bool defaults = false;
	for (size_t i = 0; i < md->m->default_acls.n && !defaults; i++)
		defaults = ((const struct default_acl *)md->m->default_acls.v[i])->shown;
	if (owned.n > 0 || defaults)
		sink_puts(md->out, "\n## Owners and privileges\n");
	if (owned.n > 0)
		sink_puts(md->out, "\n| Object | Kind | Owner | "
				   "Privileges |\n| --- | --- | --- | --- |\n");
	for (size_t i = 0; i < owned.n; i++) {
		const struct owned *o = owned.v[i];
		sink_puts(md->out, "| ");
		if (o->object != NULL)
			md_named_object_on(md->out, o->object, MD_CELL);
		else if (o->arguments != NULL)
			md_function_name(md->out, o, MD_CELL);
		else
			md_qualified(md->out, o->schema, o->name, MD_CELL);
		sink_printf(md->out, " | %s | ", o->kind);
		if (o->h->owner != NULL)
			md_role_name(md->out, o->h->owner, MD_CELL);
		sink_puts(md->out, " | ");
		write_grant_cell(md->out, &o->h->grants);
		if (o->public_revoked)
			sink_puts(md->out, o->h->grants.n > 0 ? "<br>PUBLIC's default revoked"
							      : "PUBLIC's default revoked");
		sink_puts(md->out, " |\n");
	}
	model_owned_free(&owned);
	write_default_privileges(md);
}

/* A role of the default privileges: "" is the role that ran the script. */
static void md_role(struct sink *out, const char *role)
{
	if (role == NULL || role[0] == '\0')
		sink_puts(out, "(the script's role)");
	else
		md_role_name(out, role, MD_CELL);
}

/*
 * "### Default privileges" (ALTER DEFAULT PRIVILEGES), under owners and
 * privileges: one row per pg_default_acl row.
 */
static void write_default_privileges(struct md *md)
{
	bool begun = false;
	for (size_t i = 0; i < md->m->default_acls.n; i++) {
		const struct default_acl *d = md->m->default_acls.v[i];
		if (!d->shown || !d->h.included)
			continue;
		if (!begun)
			sink_puts(md->out,
				  "\n### Default privileges\n\n| Role | Schema | Objects | "
				  "Privileges |\n| --- | --- | --- | --- |\n");
		begun = true;
		sink_puts(md->out, "| ");
		md_role(md->out, d->h.name);
		sink_puts(md->out, " | ");
		if (d->h.schema != NULL)
			md_name(md->out, d->h.schema, MD_CELL);
		else
			sink_puts(md->out, "all");
		sink_printf(md->out, " | %s | ", d->kind);
		const char *sep = "";
		for (size_t j = 0; j < d->h.grants.n; j++) {
			const struct grant *g = d->h.grants.v[j];
			if (g->privs.n == 0)
				continue;
			sink_puts(md->out, sep);
			md_role(md->out, g->grantee);
			sink_puts(md->out, ": ");
			emit_md_escape(md->out, facts_nz(g->privileges), false);
			if (g->with_grant_option)
				sink_puts(md->out, " (with grant option)");
			sep = "<br>";
		}
		sink_puts(md->out, " |\n");
	}
}

/*
 * "## Security" (inspect --security): the security view (security.h),
 * planned once, as tables.
 */

/* A security view's object as one code span. */
static void md_security_object(struct sink *out, const char *kind, const struct objhdr *h,
			       const char *column)
{
	struct strbuf sb;
	sb_init(&sb);
	security_put_object(&sb, kind, h, column);
	md_code(out, facts_nz(sb.data), MD_CELL);
	sb_free(&sb);
}

static void md_security_privileges(struct sink *out, const struct security_grant *g)
{
	emit_md_escape(out, facts_nz(g->privileges), false);
	if (g->with_grant_option)
		sink_puts(out, " (with grant option)");
}

static void write_security_grants(struct md *md, const struct security_view *v)
{
	if (v->grants.n == 0)
		return;
	sink_puts(md->out, "\n### Grants\n\n\"Default\": PostgreSQL's default privilege, no GRANT "
			   "or REVOKE in the dump.  An owner's own privileges come with "
			   "ownership.\n\n| Object | Kind | Grantee | Privileges | Default |\n"
			   "| --- | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < v->grants.n; i++) {
		const struct security_grant *g = v->grants.v[i];
		sink_puts(md->out, "| ");
		md_security_object(md->out, g->kind, g->object, g->column);
		sink_printf(md->out, " | %s | ", g->kind);
		md_role_name(md->out, g->role, MD_CELL);
		sink_puts(md->out, " | ");
		md_security_privileges(md->out, g);
		sink_printf(md->out, " | %s |\n", g->is_default ? "default" : "");
	}
}

static void write_security_defaults(struct md *md, const struct security_view *v)
{
	if (v->default_acls.n == 0)
		return;
	sink_puts(md->out, "\n### Default privileges\n\nWhat objects created later get.\n\n"
			   "| Role | Schema | Objects | Grantee | Privileges |\n"
			   "| --- | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < v->default_acls.n; i++) {
		const struct default_acl *d = v->default_acls.v[i];
		for (size_t j = 0; j < d->h.grants.n; j++) {
			const struct grant *g = d->h.grants.v[j];
			if (g->privs.n == 0)
				continue;
			sink_puts(md->out, "| ");
			md_role(md->out, d->h.name);
			sink_puts(md->out, " | ");
			if (d->h.schema != NULL)
				md_name(md->out, d->h.schema, MD_CELL);
			else
				sink_puts(md->out, "all");
			sink_printf(md->out, " | %s | ", d->kind);
			md_role(md->out, g->grantee);
			sink_puts(md->out, " | ");
			emit_md_escape(md->out, facts_nz(g->privileges), false);
			if (g->with_grant_option)
				sink_puts(md->out, " (with grant option)");
			sink_puts(md->out, " |\n");
		}
	}
}

/* A policy's role: PUBLIC and CURRENT_USER... are keywords, not names. */
static void md_policy_role(struct sink *out, const char *role)
{
	static const char *const keywords[] = {"CURRENT_USER", "CURRENT_ROLE", "SESSION_USER"};
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (strcmp(role, keywords[i]) == 0) {
			md_code(out, role, MD_CELL);
			return;
		}
	md_role_name(out, role, MD_CELL);
}

static void write_security_rls(struct md *md, const struct security_view *v)
{
	if (v->rls.n == 0)
		return;
	sink_puts(md->out,
		  "\n### Row level security\n\n| Table | RLS | Forced | Policy | Command | "
		  "Kind | Roles | USING | WITH CHECK |\n"
		  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < v->rls.n; i++) {
		const struct security_rls *r = v->rls.v[i];
		for (size_t j = 0; j == 0 || j < r->policies.n; j++) {
			const struct policy *p = j < r->policies.n ? r->policies.v[j] : NULL;
			sink_puts(md->out, "| ");
			md_qualified(md->out, r->table->h.schema, r->table->h.name, MD_CELL);
			sink_printf(md->out, " | %s | %s | ",
				    r->enabled	? "enabled"
				    : p != NULL ? "disabled (policies have no effect)"
						: "disabled",
				    r->forced ? "forced" : "");
			if (p == NULL) {
				sink_puts(md->out,
					  "(none: only the owner and BYPASSRLS roles see rows) "
					  "| | | | | |\n");
				continue;
			}
			md_name(md->out, p->name, MD_CELL);
			sink_printf(md->out, " | %s | %s | ", facts_nz(p->command),
				    p->permissive ? "permissive" : "restrictive");
			for (size_t k = 0; k < p->roles.n; k++) {
				if (k > 0)
					sink_puts(md->out, ", ");
				md_policy_role(md->out, p->roles.v[k]);
			}
			sink_puts(md->out, " | ");
			if (p->using_expr != NULL)
				md_code(md->out, p->using_expr, MD_CELL);
			sink_puts(md->out, " | ");
			if (p->check_expr != NULL)
				md_code(md->out, p->check_expr, MD_CELL);
			sink_puts(md->out, " |\n");
		}
	}
}

static void write_security_definers(struct md *md, const struct security_view *v)
{
	if (v->definers.n == 0)
		return;
	sink_printf(md->out,
		    "\n### SECURITY DEFINER functions\n\n%zu, %zu without `SET search_path`.\n\n"
		    "| Function | Kind | Runs as | search_path |\n| --- | --- | --- | --- |\n",
		    v->definers.n, v->n_definers_unpinned);
	for (size_t i = 0; i < v->definers.n; i++) {
		const struct function *f = v->definers.v[i];
		const char *kind = func_kind_name(f->kind);
		sink_puts(md->out, "| ");
		md_security_object(md->out, kind, &f->h, NULL);
		sink_printf(md->out, " | %s | ", kind);
		if (f->h.owner != NULL)
			md_role_name(md->out, f->h.owner, MD_CELL);
		sink_printf(md->out, " | %s |\n", f->sets_search_path ? "set" : "**not set**");
	}
}

static void write_security_roles(struct md *md, const struct security_view *v)
{
	if (v->roles.n == 0)
		return;
	sink_puts(md->out,
		  "\n### Who can do what\n\n| Role | Owns | Holds |\n| --- | --- | --- |\n");
	for (size_t i = 0; i < v->roles.n; i++) {
		const struct security_role *r = v->roles.v[i];
		sink_puts(md->out, "| ");
		md_role_name(md->out, r->role, MD_CELL);
		sink_puts(md->out, " | ");
		for (size_t j = 0; j < r->owns.n; j++) {
			const char *kind = r->owns_kind.v[j];
			sink_printf(md->out, "%s%s ", j ? "<br>" : "", kind);
			md_security_object(md->out, kind, r->owns.v[j], NULL);
		}
		sink_puts(md->out, " | ");
		for (size_t j = 0; j < r->holds.n; j++) {
			const struct security_grant *g = r->holds.v[j];
			sink_puts(md->out, j ? "<br>" : "");
			md_security_privileges(md->out, g);
			if (g->is_default)
				sink_puts(md->out, " (default)");
			sink_printf(md->out, " on %s ", g->kind);
			md_security_object(md->out, g->kind, g->object, g->column);
		}
		sink_puts(md->out, " |\n");
	}
}

static void write_security(struct md *md)
{
	struct security_view v;
	security_plan(md->m, &v);
	sink_puts(md->out, "\n## Security\n\n");
	if (!security_any(&v))
		sink_puts(md->out, "No owner, grant, default privilege, row level security or "
				   "SECURITY DEFINER function.\n");
	else
		sink_printf(md->out, "%zu %s with a known owner, %zu grant %s, %zu %s.\n",
			    v.n_objects_owned, v.n_objects_owned == 1 ? "object" : "objects",
			    v.grants.n, v.grants.n == 1 ? "row" : "rows", v.roles.n,
			    v.roles.n == 1 ? "role" : "roles");
	write_security_grants(md, &v);
	write_security_defaults(md, &v);
	write_security_rls(md, &v);
	write_security_definers(md, &v);
	write_security_roles(md, &v);
	security_free(&v);
}

/* Unparsed statements are not objects: the filter cannot deselect them. */
static void write_unparsed(struct md *md)
{
	const struct model *m = md->m;
	if (m->unparsed.n == 0)
		return;
	sink_puts(
	    md->out,
	    "\n## Unparsed statements\n\n| Location | Object | Message |\n| --- | --- | --- |\n");
	for (size_t i = 0; i < m->unparsed.n; i++) {
		const struct unparsed *u = m->unparsed.v[i];
		struct strbuf where;
		sb_init(&where);
		sb_printf(&where, "%s:%d:%d", m->source.file ? m->source.file : "-", u->line,
			  u->col);
		sink_puts(md->out, "| ");
		md_code(md->out, where.data, MD_CELL);
		sink_puts(md->out, " | ");
		md_text(md->out, facts_nz(u->object));
		sink_puts(md->out, " | ");
		md_text(md->out, facts_nz(u->message));
		sink_puts(md->out, " |\n");
		sb_free(&where);
	}
	long omitted = model_unparsed_omitted(m);
	if (omitted > 0)
		sink_printf(md->out, "\n%ld more not listed (only the first %d are kept).\n",
			    omitted, MODEL_UNPARSED_KEPT);
}

int emit_markdown(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	struct md md = {.out = out, .m = m, .tables = table_index_new(m)};
	groups_init(&md);

	write_title(&md);
	write_summary(&md);
	write_extensions(&md);
	struct ptrvec schemas = section_schemas(&md);
	for (size_t i = 0; i < schemas.n; i++)
		write_schema(&md, schemas.v[i]);
	write_named_objects(&md);
	write_owners(&md);
	if (opts != NULL && opts->security)
		write_security(&md);
	write_unparsed(&md);

	ptrvec_free(&schemas);
	groups_free(&md);
	table_index_free(md.tables);
	return sink_finish(out);
}
