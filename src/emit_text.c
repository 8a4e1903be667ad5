/*
 * emit_text.c
 *	  The inventory as plain text: what a migration specialist writes down
 *	  before taking a baseline.  Byte-stable (no timestamps, the model's
 *	  order), ASCII apart from the foreign-key arrow and the dump's own
 *	  names.
 *
 *	  Every line is built whole in a buffer and written through one
 *	  escaping step, so no name, comment or expression from the dump can
 *	  add a line, fake a section or send a control sequence to a terminal.
 */
#include "emit.h"
#include "facts.h"
#include "security.h"

#include <stdlib.h>
#include <string.h>

/* U+2192, the one non-ASCII character of the report's own. */
#define ARROW "\xe2\x86\x92"

/* Column names and types longer than this are not padded to, so one long name
 * does not push every other row to the right. */
#define ALIGN_MAX 32

struct text {
	struct sink *out;
	struct table_index *tables; /* the included tables, for INHERITS parents */
	struct strbuf line;	    /* the line being built, not yet escaped */
	bool lists_begun;	    /* the Views/Sequences/... group has started */
};

static const char *plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Columns s takes once escaped (one per character; wide scripts will misalign). */
static size_t display_width(const char *s)
{
	char esc[ESCAPE_MAX];
	size_t w = 0;
	while (*s) {
		size_t len = escape_char(s, esc);
		w += esc[0] != '\0' ? strlen(esc) : 1;
		s += len;
	}
	return w;
}

static void end_line(struct text *t)
{
	if (t->line.len > 0)
		emit_put_escaped(t->out, t->line.data);
	sink_putc(t->out, '\n');
	sb_reset(&t->line);
}

static void blank_line(struct text *t)
{
	sink_putc(t->out, '\n');
}

static void append_padded(struct strbuf *sb, const char *s, size_t width)
{
	sb_append(sb, s);
	for (size_t w = display_width(s); w < width; w++)
		sb_putc(sb, ' ');
}

static void append_list(struct strbuf *sb, const struct ptrvec *pv)
{
	char *joined = emit_join(pv, ", ");
	sb_append(sb, joined);
	free(joined);
}

/* schema.name as psql takes it: public."Album". */
static void append_qualified(struct strbuf *sb, const char *schema, const char *name)
{
	facts_put_qualified(sb, schema, name);
}

static void append_comment(struct strbuf *sb, const char *comment)
{
	if (comment != NULL)
		sb_printf(sb, " -- %s", comment);
}

/*
 * The summary.
 */

static void write_versions(struct text *t, const struct source_info *src)
{
	if (src->pg_dump_version == NULL && src->server_version == NULL)
		return;
	sb_append(&t->line, "  ");
	if (src->pg_dump_version != NULL)
		sb_printf(&t->line, "pg_dump %s", src->pg_dump_version);
	if (src->pg_dump_version != NULL && src->server_version != NULL)
		sb_append(&t->line, ", ");
	if (src->server_version != NULL)
		sb_printf(&t->line, "server %s", src->server_version);
	end_line(t);
}

static void write_count(struct text *t, const char *label, int n)
{
	sb_printf(&t->line, "  %s: %d", label, n);
	end_line(t);
}

/* Counts that are rare in a dump are shown only when there are some. */
static void write_count_if_any(struct text *t, const char *label, int n)
{
	if (n != 0)
		write_count(t, label, n);
}

static void write_summary(struct text *t, const struct model *m)
{
	struct model_summary s;
	model_summarize(m, &s);

	sb_printf(&t->line, "Schema Inventory: %s", m->source.file ? m->source.file : "-");
	end_line(t);
	write_versions(t, &m->source);
	write_count(t, "Total tables", s.tables);
	write_count(t, "Tables with relationships", s.tables_with_relationships);
	write_count(t, "Total foreign keys", s.foreign_keys);
	write_count(t, "Total indexes", s.indexes);
	write_count(t, "Total constraints", s.constraints);
	sb_printf(&t->line, "  Views: %d", s.views + s.materialized_views);
	if (s.materialized_views > 0)
		sb_printf(&t->line, " (%d materialized)", s.materialized_views);
	end_line(t);
	write_count(t, "Sequences", s.sequences);
	write_count(t, "Types", s.types);
	write_count(t, "Functions", s.functions);
	write_count_if_any(t, "Triggers", s.triggers);
	write_count_if_any(t, "Policies", s.policies);
	write_count_if_any(t, "Extensions", s.extensions);
	write_count_if_any(t, "Security definer functions", s.security_definer);
	for (int k = 0; k < N_OBJECT_KINDS; k++)
		write_count_if_any(t, object_kind_title((enum object_kind)k), s.objects[k]);
	write_count_if_any(t, "Unparsed statements", s.unparsed);
}

/*
 * Relationship counts: a table's foreign keys plus those of other included
 * tables that point at it.  Incoming keys are counted once for all tables
 * through a sorted index, so a dump with many tables stays linear-ish.
 */

static bool is_same_table(const struct table *t, const char *schema, const char *name)
{
	return strcmp(facts_nz(t->h.schema), schema) == 0 && strcmp(facts_nz(t->h.name), name) == 0;
}

static void count_fks_into(const struct table *t, const struct table_index *ix, int *incoming)
{
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		if (c->kind != CON_FOREIGN)
			continue;
		const char *schema = c->ref_schema ? c->ref_schema : facts_nz(t->h.schema);
		const char *name = facts_nz(c->ref_table);
		if (is_same_table(t, schema, name))
			continue;
		long hit = table_index_find(ix, schema, name);
		if (hit >= 0)
			incoming[hit]++;
	}
}

/* Foreign keys from other included tables into each table; indexed like m->tables. */
static int *count_incoming_fks(const struct model *m)
{
	int *incoming = xcalloc(m->tables.n, sizeof(int));
	struct table_index *ix = table_index_new(m);

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (t->h.included)
			count_fks_into(t, ix, incoming);
	}
	table_index_free(ix);
	return incoming;
}

static int count_constraints(const struct table *t, enum con_kind kind)
{
	int n = 0;
	for (size_t i = 0; i < t->constraints.n; i++)
		n += ((const struct constraint *)t->constraints.v[i])->kind == kind;
	return n;
}

/*
 * One table's block.
 */

static void append_table_kind(struct strbuf *sb, const struct table *t)
{
	if (t->parent_table != NULL) {
		sb_append(sb, " [partition of ");
		append_qualified(sb, t->parent_schema, t->parent_table);
		if (t->partition_bound != NULL)
			sb_printf(sb, " %s", t->partition_bound);
		sb_putc(sb, ']');
	}
	if (t->partition_key != NULL)
		sb_printf(sb, " [partitioned by %s]", t->partition_key);
	else if (t->kind == TABLE_PARTITIONED)
		sb_append(sb, " [partitioned]");
	if (t->kind == TABLE_FOREIGN) {
		sb_append(sb, " [foreign table");
		if (t->foreign_server != NULL)
			sb_printf(sb, ", server %s", t->foreign_server);
		if (t->foreign_options != NULL)
			sb_printf(sb, ", options (%s)", t->foreign_options);
		sb_putc(sb, ']');
	}
	if (t->unlogged)
		sb_append(sb, " [unlogged]");
}

static void write_table_heading(struct text *t, const struct table *tab, int relationships)
{
	long cols = (long)tab->columns.n, ixs = (long)tab->indexes.n;
	sb_append(&t->line, "Table ");
	append_qualified(&t->line, tab->h.schema, tab->h.name);
	append_table_kind(&t->line, tab);
	sb_printf(&t->line, " (%ld %s, %d %s, %ld %s)", cols, plural(cols, "column", "columns"),
		  relationships, plural(relationships, "relationship", "relationships"), ixs,
		  plural(ixs, "index", "indexes"));
	end_line(t);
}

static void write_table_properties(struct text *t, const struct table *tab)
{
	if (tab->h.comment != NULL) {
		sb_printf(&t->line, "  Comment: %s", tab->h.comment);
		end_line(t);
	}
	if (tab->inherits.n > 0) {
		sb_append(&t->line, "  Inherits: ");
		for (size_t i = 0; i < tab->inherits.n; i++) {
			if (i > 0)
				sb_append(&t->line, ", ");
			facts_put_parent(&t->line, t->tables, tab->inherits.v[i]);
		}
		end_line(t);
	}
	if (tab->rls_enabled || tab->rls_forced) {
		sb_printf(&t->line, "  Row level security: %s%s",
			  tab->rls_enabled ? "enabled" : "disabled",
			  tab->rls_forced ? ", forced" : "");
		end_line(t);
	}
}

/* Clauses in lower-case prose: " collate C", " default 0", " not null". */
static void append_prose(struct strbuf *sb, const struct fact *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sb_printf(sb, " %s", f[i].prose);
		if (f[i].value != NULL)
			sb_printf(sb, " %s", f[i].value);
		if (f[i].variant)
			sb_append(sb, " (virtual)");
	}
}

/* "text collate C": the type column of a column line. */
static void append_column_type(struct strbuf *sb, const struct column *c)
{
	struct fact f[FACTS_MAX];
	size_t n = facts_column_clauses(c, f);
	sb_append(sb, facts_nz(c->type));
	append_prose(sb, f, n > 0 && f[0].kind == FACT_COLLATE);
}

/* " default ... identity always generated ... inherited -- comment" */
static void append_column_extras(struct strbuf *sb, const struct column *c)
{
	struct fact f[FACTS_MAX];
	size_t n = facts_column_clauses(c, f);
	size_t skip = n > 0 && f[0].kind == FACT_COLLATE;
	append_prose(sb, f + skip, n - skip);
	if (c->foreign_options != NULL)
		sb_printf(sb, " options (%s)", c->foreign_options);
	append_comment(sb, c->comment);
}

/* The wider of w and s's width, but no wider than ALIGN_MAX. */
static size_t widen(size_t w, const char *s)
{
	size_t sw = display_width(s);
	if (sw > ALIGN_MAX)
		sw = ALIGN_MAX;
	return sw > w ? sw : w;
}

static void write_columns(struct text *t, const struct table *tab)
{
	struct strbuf name, type, extras;
	size_t name_w = 0, type_w = 0;

	if (tab->columns.n == 0)
		return;
	sb_init(&name);
	sb_init(&type);
	sb_init(&extras);
	for (size_t i = 0; i < tab->columns.n; i++) {
		const struct column *c = tab->columns.v[i];
		sb_reset(&name);
		sb_reset(&type);
		facts_put_name(&name, c->name);
		append_column_type(&type, c);
		name_w = widen(name_w, facts_nz(name.data));
		type_w = widen(type_w, facts_nz(type.data));
	}

	sb_append(&t->line, "  Columns:");
	end_line(t);
	for (size_t i = 0; i < tab->columns.n; i++) {
		const struct column *c = tab->columns.v[i];
		sb_reset(&name);
		sb_reset(&type);
		sb_reset(&extras);
		facts_put_name(&name, c->name);
		append_column_type(&type, c);
		append_column_extras(&extras, c);
		sb_append(&t->line, "    ");
		append_padded(&t->line, facts_nz(name.data), name_w);
		sb_append(&t->line, "  ");
		append_padded(&t->line, facts_nz(type.data), type_w);
		sb_append(&t->line, "  ");
		/* Pad "null" only when something follows, so no line ends in blanks. */
		append_padded(&t->line, c->not_null ? "not null" : "null",
			      extras.len > 0 ? strlen("not null") : 0);
		sb_append(&t->line, facts_nz(extras.data));
		end_line(t);
	}
	sb_free(&name);
	sb_free(&type);
	sb_free(&extras);
}

/* DEFERRABLE, INITIALLY DEFERRED, NOT VALID...: as they would be written in SQL. */
static void append_constraint_flags(struct strbuf *sb, const struct constraint *c)
{
	struct fact f[FACTS_MAX];
	size_t n = facts_constraint_flags(c, f);
	for (size_t i = 0; i < n; i++) {
		if (f[i].kind == FACT_TEMPORAL)
			sb_printf(sb, " (temporal: %s)", f[i].keyword);
		else
			sb_printf(sb, " %s", f[i].keyword);
	}
}

/* INCLUDE (...), NULLS NOT DISTINCT, WHERE, NO INHERIT, then the flags and the comment. */
static void append_constraint_tail(struct strbuf *sb, const struct constraint *c)
{
	struct fact f[FACTS_MAX];
	facts_put_sql(sb, f, facts_constraint_tail(c, f), sb_append, facts_put_name);
	append_constraint_flags(sb, c);
	append_comment(sb, c->comment);
}

static void append_key(struct strbuf *sb, const struct constraint *c)
{
	facts_put_name(sb, c->name);
	sb_append(sb, " (");
	facts_put_names(sb, &c->columns);
	sb_putc(sb, ')');
	append_constraint_tail(sb, c);
}
static void append_foreign_key(struct strbuf *sb, const struct constraint *c)
{
	facts_put_name(sb, c->name);
	sb_append(sb, ": ");
	facts_put_names(sb, &c->columns);
	sb_append(sb, " " ARROW " ");
	append_qualified(sb, c->ref_schema, c->ref_table);
	if (c->ref_columns.n > 0) {
		sb_putc(sb, '(');
		facts_put_names(sb, &c->ref_columns);
		sb_putc(sb, ')');
	}
	struct fact f[FACTS_MAX];
	facts_put_sql(sb, f, facts_fk_clauses(c, f), sb_append, facts_put_name);
	append_constraint_tail(sb, c);
}

static void append_check(struct strbuf *sb, const struct constraint *c)
{
	facts_put_name(sb, c->name);
	sb_printf(sb, ": %s", facts_nz(c->expression));
	append_constraint_tail(sb, c);
}

static void append_exclusion(struct strbuf *sb, const struct constraint *c)
{
	facts_put_name(sb, c->name);
	if (c->method != NULL)
		sb_printf(sb, " USING %s", c->method);
	sb_append(sb, " (");
	facts_put_index_keys(sb, &c->keys);
	sb_putc(sb, ')');
	append_constraint_tail(sb, c);
}

static void append_index(struct strbuf *sb, const struct index *ix)
{
	if (ix->unique)
		sb_append(sb, "UNIQUE ");
	facts_put_name(sb, ix->h.name);
	if (facts_index_method(ix) != NULL)
		sb_printf(sb, " USING %s", facts_index_method(ix));
	sb_append(sb, " (");
	facts_put_index_keys(sb, &ix->keys);
	sb_putc(sb, ')');
	struct fact f[FACTS_MAX];
	facts_put_sql(sb, f, facts_index_tail(ix, f), sb_append, facts_put_name);
	append_comment(sb, ix->h.comment);
}

typedef void (*constraint_writer)(struct strbuf *sb, const struct constraint *c);

/*
 * Constraints of one kind.  Primary keys and unique constraints take one
 * line each ("  Unique: name (cols)"); the others get a titled list.
 */
static void write_constraints(struct text *t, const struct table *tab, enum con_kind kind,
			      const char *title, constraint_writer write)
{
	bool listed = kind != CON_PRIMARY && kind != CON_UNIQUE;
	if (listed && count_constraints(tab, kind) > 0) {
		sb_printf(&t->line, "  %s:", title);
		end_line(t);
	}
	for (size_t i = 0; i < tab->constraints.n; i++) {
		const struct constraint *c = tab->constraints.v[i];
		if (c->kind != kind)
			continue;
		if (listed)
			sb_append(&t->line, "    ");
		else
			sb_printf(&t->line, "  %s: ", title);
		write(&t->line, c);
		end_line(t);
	}
}

static void write_indexes(struct text *t, const struct ptrvec *indexes, const char *indent)
{
	for (size_t i = 0; i < indexes->n; i++) {
		const struct index *ix = indexes->v[i];
		if (!ix->h.included)
			continue;
		sb_append(&t->line, indent);
		append_index(&t->line, ix);
		end_line(t);
	}
}

static void write_table(struct text *t, const struct table *tab, int incoming_fks)
{
	write_table_heading(t, tab, count_constraints(tab, CON_FOREIGN) + incoming_fks);
	write_table_properties(t, tab);
	write_columns(t, tab);
	write_constraints(t, tab, CON_PRIMARY, "Primary key", append_key);
	write_constraints(t, tab, CON_FOREIGN, "Foreign keys", append_foreign_key);
	write_constraints(t, tab, CON_UNIQUE, "Unique", append_key);
	write_constraints(t, tab, CON_CHECK, "Checks", append_check);
	write_constraints(t, tab, CON_EXCLUSION, "Exclusions", append_exclusion);
	if (tab->indexes.n > 0) {
		sb_append(&t->line, "  Indexes:");
		end_line(t);
		write_indexes(t, &tab->indexes, "    ");
	}
	if (tab->rows >= 0) {
		sb_printf(&t->line, "  Rows: %lld", tab->rows);
		end_line(t);
	}
}

static void write_tables(struct text *t, const struct model *m)
{
	int *incoming = count_incoming_fks(m);
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *tab = m->tables.v[i];
		if (!tab->h.included)
			continue;
		blank_line(t);
		write_table(t, tab, incoming[i]);
	}
	free(incoming);
}

/*
 * The object lists after the tables: "Views:", "Sequences:", ...  A
 * section's title is written with its first entry, so empty ones vanish.
 */

struct section {
	struct text *t;
	const char *title;
	bool begun;
};

/* Start an entry of the section: the line is then built in t->line. */
static void begin_entry(struct section *sec)
{
	struct text *t = sec->t;
	if (!sec->begun) {
		if (!t->lists_begun)
			blank_line(t);
		t->lists_begun = true;
		sb_printf(&t->line, "%s:", sec->title);
		end_line(t);
		sec->begun = true;
	}
	sb_append(&t->line, "  ");
}

static void write_views(struct text *t, const struct model *m)
{
	struct section sec = {t, "Views", false};
	for (size_t i = 0; i < m->views.n; i++) {
		const struct view *v = m->views.v[i];
		if (!v->h.included)
			continue;
		begin_entry(&sec);
		append_qualified(&t->line, v->h.schema, v->h.name);
		if (v->materialized)
			sb_append(&t->line, " (materialized)");
		append_comment(&t->line, v->h.comment);
		end_line(t);
		write_indexes(t, &v->indexes, "    index ");
	}
}

static void write_sequences(struct text *t, const struct model *m)
{
	struct section sec = {t, "Sequences", false};
	for (size_t i = 0; i < m->sequences.n; i++) {
		const struct sequence *s = m->sequences.v[i];
		if (!s->h.included)
			continue;
		begin_entry(&sec);
		append_qualified(&t->line, s->h.schema, s->h.name);
		if (s->data_type != NULL && strcmp(s->data_type, "bigint") != 0)
			sb_printf(&t->line, " as %s", s->data_type);
		if (s->owned_by_table != NULL) {
			sb_append(&t->line, s->identity ? " (identity of " : " (owned by ");
			append_qualified(&t->line, s->owned_by_schema, s->owned_by_table);
			sb_putc(&t->line, '.');
			facts_put_name(&t->line, s->owned_by_column);
			sb_putc(&t->line, ')');
		}
		append_comment(&t->line, s->h.comment);
		end_line(t);
	}
}

/* An enum label as an SQL literal, so labels with commas or quotes stay readable. */
static void append_sql_literal(struct strbuf *sb, const char *s)
{
	sb_putc(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_putc(sb, '\'');
		sb_putc(sb, *s);
	}
	sb_putc(sb, '\'');
}

static void append_enum(struct strbuf *sb, const struct pgtype *ty)
{
	sb_append(sb, " (");
	for (size_t i = 0; i < ty->labels.n; i++) {
		if (i > 0)
			sb_append(sb, ", ");
		append_sql_literal(sb, ty->labels.v[i]);
	}
	sb_putc(sb, ')');
}

static void append_composite(struct strbuf *sb, const struct pgtype *ty)
{
	sb_append(sb, " (");
	for (size_t i = 0; i < ty->attributes.n; i++) {
		const struct type_attr *a = ty->attributes.v[i];
		if (i > 0)
			sb_append(sb, ", ");
		facts_put_name(sb, a->name);
		sb_printf(sb, " %s", facts_nz(a->type));
		if (a->collation != NULL)
			sb_printf(sb, " collate %s", a->collation);
	}
	sb_putc(sb, ')');
}

static void append_domain(struct strbuf *sb, const struct pgtype *ty)
{
	struct fact f[FACTS_MAX];
	append_prose(sb, f, facts_domain_clauses(ty, f));
	for (size_t i = 0; i < ty->checks.n; i++) {
		const struct domain_check *ck = ty->checks.v[i];
		sb_printf(sb, " check %s", facts_nz(ck->expression));
		if (!ck->valid)
			sb_append(sb, " NOT VALID");
	}
}

/* " enum ('a', 'b')", " domain over integer not null ...": what facts_type_head() says,
 * then the details. */
static void append_type_body(struct strbuf *sb, const struct pgtype *ty)
{
	struct fact head = facts_type_head(ty);
	append_prose(sb, &head, 1);
	if (ty->kind == TYPE_ENUM)
		append_enum(sb, ty);
	else if (ty->kind == TYPE_COMPOSITE)
		append_composite(sb, ty);
	else if (ty->kind == TYPE_DOMAIN)
		append_domain(sb, ty);
}

static void write_types(struct text *t, const struct model *m)
{
	struct section sec = {t, "Types", false};
	for (size_t i = 0; i < m->types.n; i++) {
		const struct pgtype *ty = m->types.v[i];
		if (!ty->h.included)
			continue;
		begin_entry(&sec);
		append_qualified(&t->line, ty->h.schema, ty->h.name);
		append_type_body(&t->line, ty);
		append_comment(&t->line, ty->h.comment);
		end_line(t);
	}
}

static void append_function(struct strbuf *sb, const struct function *fn)
{
	facts_put_function(sb, fn->h.schema, fn);
	if (fn->kind != FUNC_FUNCTION)
		sb_printf(sb, " [%s]", func_kind_name(fn->kind));
	if (fn->returns != NULL)
		sb_printf(sb, " returns %s", fn->returns);
	if (fn->language != NULL)
		sb_printf(sb, " language %s", fn->language);
	if (fn->security_definer)
		sb_append(sb, " security definer");
	append_comment(sb, fn->h.comment);
}

static void write_functions(struct text *t, const struct model *m)
{
	struct section sec = {t, "Functions", false};
	for (size_t i = 0; i < m->functions.n; i++) {
		const struct function *fn = m->functions.v[i];
		if (!fn->h.included)
			continue;
		begin_entry(&sec);
		append_function(&t->line, fn);
		end_line(t);
	}
}

static void append_trigger(struct strbuf *sb, const struct trigger *tg)
{
	append_qualified(sb, tg->table_schema, tg->table);
	sb_printf(sb, ": %s", tg->constraint_trigger ? "CONSTRAINT " : "");
	facts_put_name(sb, tg->name);
	sb_printf(sb, " %s %s FOR EACH %s EXECUTE FUNCTION %s", facts_nz(tg->timing),
		  facts_nz(tg->events), tg->for_each_row ? "ROW" : "STATEMENT",
		  facts_nz(tg->function));
	if (tg->when != NULL)
		sb_printf(sb, " WHEN %s", tg->when);
	append_comment(sb, tg->comment);
}

static void append_policy(struct strbuf *sb, const struct policy *p)
{
	append_qualified(sb, p->table_schema, p->table);
	sb_append(sb, ": ");
	facts_put_name(sb, p->name);
	if (!p->permissive)
		sb_append(sb, " AS RESTRICTIVE");
	if (p->command != NULL)
		sb_printf(sb, " FOR %s", p->command);
	if (p->roles.n > 0) {
		sb_append(sb, " TO ");
		append_list(sb, &p->roles);
	}
	if (p->using_expr != NULL)
		sb_printf(sb, " USING %s", p->using_expr);
	if (p->check_expr != NULL)
		sb_printf(sb, " WITH CHECK %s", p->check_expr);
	append_comment(sb, p->comment);
}

/* Triggers and policies belong to their table: listed when the table is. */
static void write_triggers(struct text *t, const struct model *m)
{
	struct section sec = {t, "Triggers", false};
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *tab = m->tables.v[i];
		for (size_t j = 0; tab->h.included && j < tab->triggers.n; j++) {
			begin_entry(&sec);
			append_trigger(&t->line, tab->triggers.v[j]);
			end_line(t);
		}
	}
}

static void write_policies(struct text *t, const struct model *m)
{
	struct section sec = {t, "Policies", false};
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *tab = m->tables.v[i];
		for (size_t j = 0; tab->h.included && j < tab->policies.n; j++) {
			begin_entry(&sec);
			append_policy(&t->line, tab->policies.v[j]);
			end_line(t);
		}
	}
}

static void write_extensions(struct text *t, const struct model *m)
{
	struct section sec = {t, "Extensions", false};
	for (size_t i = 0; i < m->extensions.n; i++) {
		const struct extension *e = m->extensions.v[i];
		if (!e->h.included)
			continue;
		begin_entry(&sec);
		facts_put_name(&t->line, e->h.name);
		if (e->version != NULL)
			sb_printf(&t->line, " %s", e->version);
		if (e->h.schema != NULL) {
			sb_append(&t->line, " (schema ");
			facts_put_name(&t->line, e->h.schema);
			sb_putc(&t->line, ')');
		}
		append_comment(&t->line, e->h.comment);
		end_line(t);
	}
}

/*
 * The objects held by name, a section per kind: "  objs.~<<(text, text)",
 * "  items_archive_insert on objs.items_archive", then owner and comment.
 */
static void append_object_name(struct strbuf *sb, const struct object *o)
{
	/* A rule's name is its table's (o->table), in no schema of its own. */
	const char *schema = o->kind == OBJ_RULE ? NULL : o->h.schema;
	if (object_name_is_identifier(o->kind)) {
		append_qualified(sb, schema, o->h.name);
	} else {
		if (schema != NULL) {
			append_qualified(sb, NULL, schema);
			sb_putc(sb, '.');
		}
		sb_append(sb, facts_nz(o->h.name));
	}
	if (o->arguments != NULL)
		sb_printf(sb, "(%s)", o->arguments);
	if (o->on != NULL) {
		sb_printf(sb, " %s ", facts_nz(object_kind_on(o->kind)));
		if (o->table != NULL)
			append_qualified(sb, o->table_schema, o->table);
		else
			append_qualified(sb, NULL, o->on);
	}
}

/* A role as psql takes it ("Role|x"); PUBLIC is the keyword, not a name. */
static void append_role_name(struct strbuf *sb, const char *role)
{
	if (role != NULL && strcmp(role, "PUBLIC") == 0)
		sb_append(sb, role);
	else
		facts_put_name(sb, facts_nz(role));
}

static void append_named_object(struct strbuf *sb, const struct object *o)
{
	append_object_name(sb, o);
	if (o->h.owner != NULL) {
		sb_append(sb, " (owner ");
		append_role_name(sb, o->h.owner);
		sb_putc(sb, ')');
	}
	append_comment(sb, o->h.comment);
}

static void write_named_objects(struct text *t, const struct model *m)
{
	struct section sec = {t, NULL, false};
	for (size_t i = 0; i < m->objects.n; i++) {
		const struct object *o = m->objects.v[i];
		if (!o->h.included)
			continue;
		if (sec.title != object_kind_title(o->kind)) /* sorted by kind: a new section */
			sec = (struct section){t, object_kind_title(o->kind), false};
		begin_entry(&sec);
		append_named_object(&t->line, o);
		end_line(t);
	}
}

/* "table objs.items", "operator objs.~<<(text, text)" */
static void append_owned_name(struct strbuf *sb, const struct owned *o)
{
	sb_printf(sb, "%s ", o->kind);
	if (o->object != NULL)
		append_object_name(sb, o->object);
	else
		append_qualified(sb, o->schema, o->name);
	if (o->arguments != NULL)
		sb_printf(sb, "(%s)", o->arguments);
}

/*
 * Every grant of every included object: "  table objs.items: reader SELECT";
 * and a function's, type's or language's PUBLIC default, when revoked.
 */
static void write_grants(struct text *t, const struct model *m)
{
	struct section sec = {t, "Grants", false};
	struct ptrvec owned = {0};
	model_owned(m, &owned);
	for (size_t i = 0; i < owned.n; i++) {
		const struct owned *o = owned.v[i];
		for (size_t j = 0; j < o->h->grants.n; j++) {
			const struct grant *g = o->h->grants.v[j];
			begin_entry(&sec);
			append_owned_name(&t->line, o);
			sb_append(&t->line, ": ");
			append_role_name(&t->line, g->grantee);
			sb_printf(&t->line, " %s%s", facts_nz(g->privileges),
				  g->with_grant_option ? " with grant option" : "");
			end_line(t);
		}
		if (o->public_revoked) {
			begin_entry(&sec);
			append_owned_name(&t->line, o);
			sb_append(&t->line, ": PUBLIC's default privilege revoked");
			end_line(t);
		}
	}
	model_owned_free(&owned);
}

/* A role of the default privileges: "" is the role that ran the script. */
static void append_role(struct strbuf *sb, const char *role)
{
	if (role == NULL || role[0] == '\0')
		sb_append(sb, "(the script's role)");
	else
		append_role_name(sb, role);
}

/*
 * ALTER DEFAULT PRIVILEGES, a line per grantee of each pg_default_acl row:
 * "  for role owner in schema app on tables: reader SELECT".
 */
static void write_default_privileges(struct text *t, const struct model *m)
{
	struct section sec = {t, "Default privileges", false};
	for (size_t i = 0; i < m->default_acls.n; i++) {
		const struct default_acl *d = m->default_acls.v[i];
		if (!d->shown || !d->h.included)
			continue;
		for (size_t j = 0; j < d->h.grants.n; j++) {
			const struct grant *g = d->h.grants.v[j];
			if (g->privs.n == 0)
				continue;
			begin_entry(&sec);
			sb_append(&t->line, "for role ");
			append_role(&t->line, d->h.name);
			if (d->h.schema != NULL) {
				sb_append(&t->line, " in schema ");
				facts_put_name(&t->line, d->h.schema);
			}
			sb_printf(&t->line, " on %s: ", d->kind);
			append_role(&t->line, g->grantee);
			sb_printf(&t->line, " %s%s", facts_nz(g->privileges),
				  g->with_grant_option ? " with grant option" : "");
			end_line(t);
		}
	}
}

/*
 * The security view (security.h), planned once: "Security:" with its
 * grants by object, default privileges, row level security, SECURITY
 * DEFINER functions and who can do what, by role.
 */

/* A role in the security view: PUBLIC and CURRENT_USER... are keywords, not names. */
static void append_policy_role(struct strbuf *sb, const char *role)
{
	static const char *const keywords[] = {"PUBLIC", "CURRENT_USER", "CURRENT_ROLE",
					       "SESSION_USER"};
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (strcmp(role, keywords[i]) == 0) {
			sb_append(sb, role);
			return;
		}
	facts_put_name(sb, role);
}

/* "SELECT, UPDATE (default) with grant option" */
static void append_security_privileges(struct strbuf *sb, const struct security_grant *g)
{
	sb_append(sb, facts_nz(g->privileges));
	if (g->with_grant_option)
		sb_append(sb, " with grant option");
	if (g->is_default)
		sb_append(sb, " (default)");
}

static void write_security_heading(struct text *t, const char *title)
{
	sb_printf(&t->line, "  %s:", title);
	end_line(t);
}

static void write_security_grants(struct text *t, const struct security_view *v)
{
	if (v->grants.n == 0)
		return;
	write_security_heading(t, "Grants (\"default\": PostgreSQL's default, no GRANT or REVOKE)");
	for (size_t i = 0; i < v->grants.n; i++) {
		const struct security_grant *g = v->grants.v[i];
		sb_printf(&t->line, "    %s ", g->kind);
		security_put_object(&t->line, g->kind, g->object, g->column);
		sb_append(&t->line, ": ");
		append_role_name(&t->line, g->role);
		sb_putc(&t->line, ' ');
		append_security_privileges(&t->line, g);
		end_line(t);
	}
}

static void write_security_defaults(struct text *t, const struct security_view *v)
{
	if (v->default_acls.n == 0)
		return;
	write_security_heading(t, "Default privileges (objects created later)");
	for (size_t i = 0; i < v->default_acls.n; i++) {
		const struct default_acl *d = v->default_acls.v[i];
		for (size_t j = 0; j < d->h.grants.n; j++) {
			const struct grant *g = d->h.grants.v[j];
			if (g->privs.n == 0)
				continue;
			sb_append(&t->line, "    for role ");
			append_role(&t->line, d->h.name);
			if (d->h.schema != NULL) {
				sb_append(&t->line, " in schema ");
				facts_put_name(&t->line, d->h.schema);
			}
			sb_printf(&t->line, " on %s: ", d->kind);
			append_role(&t->line, g->grantee);
			sb_printf(&t->line, " %s%s", facts_nz(g->privileges),
				  g->with_grant_option ? " with grant option" : "");
			end_line(t);
		}
	}
}

static void write_security_rls(struct text *t, const struct security_view *v)
{
	if (v->rls.n == 0)
		return;
	write_security_heading(t, "Row level security");
	for (size_t i = 0; i < v->rls.n; i++) {
		const struct security_rls *r = v->rls.v[i];
		sb_append(&t->line, "    table ");
		append_qualified(&t->line, r->table->h.schema, r->table->h.name);
		sb_printf(&t->line, ": %s", r->enabled ? "enabled" : "disabled");
		if (r->forced)
			sb_append(&t->line, ", forced (the owner too)");
		if (r->policies.n == 0)
			sb_append(&t->line,
				  ", no policy (only the owner and BYPASSRLS roles see rows)");
		else
			sb_printf(&t->line, ", %zu %s", r->policies.n,
				  plural((long)r->policies.n, "policy", "policies"));
		if (!r->enabled && r->policies.n > 0)
			sb_append(&t->line, " (no effect while disabled)");
		end_line(t);
		for (size_t j = 0; j < r->policies.n; j++) {
			const struct policy *p = r->policies.v[j];
			sb_append(&t->line, "      policy ");
			facts_put_name(&t->line, p->name);
			sb_printf(&t->line, " %s FOR %s TO ",
				  p->permissive ? "PERMISSIVE" : "RESTRICTIVE",
				  facts_nz(p->command));
			for (size_t k = 0; k < p->roles.n; k++) {
				if (k > 0)
					sb_append(&t->line, ", ");
				append_policy_role(&t->line, p->roles.v[k]);
			}
			if (p->using_expr != NULL)
				sb_printf(&t->line, " USING (%s)", p->using_expr);
			if (p->check_expr != NULL)
				sb_printf(&t->line, " WITH CHECK (%s)", p->check_expr);
			end_line(t);
		}
	}
}

static void write_security_definers(struct text *t, const struct security_view *v)
{
	if (v->definers.n == 0)
		return;
	sb_printf(&t->line,
		  "  SECURITY DEFINER functions: %zu, %zu without SET search_path:", v->definers.n,
		  v->n_definers_unpinned);
	end_line(t);
	for (size_t i = 0; i < v->definers.n; i++) {
		const struct function *f = v->definers.v[i];
		sb_printf(&t->line, "    %s ", func_kind_name(f->kind));
		facts_put_function(&t->line, f->h.schema, f);
		if (f->h.owner != NULL) {
			sb_append(&t->line, " runs as ");
			append_role_name(&t->line, f->h.owner);
		}
		sb_append(&t->line,
			  f->sets_search_path ? ": search_path set" : ": search_path NOT set");
		end_line(t);
	}
}

static void write_security_roles(struct text *t, const struct security_view *v)
{
	if (v->roles.n == 0)
		return;
	write_security_heading(t, "Who can do what");
	for (size_t i = 0; i < v->roles.n; i++) {
		const struct security_role *r = v->roles.v[i];
		sb_append(&t->line, "    ");
		append_role_name(&t->line, r->role);
		end_line(t);
		for (size_t j = 0; j < r->owns.n; j++) {
			const char *kind = r->owns_kind.v[j];
			sb_printf(&t->line, "      owns %s ", kind);
			security_put_object(&t->line, kind, r->owns.v[j], NULL);
			end_line(t);
		}
		for (size_t j = 0; j < r->holds.n; j++) {
			const struct security_grant *g = r->holds.v[j];
			sb_append(&t->line, "      ");
			append_security_privileges(&t->line, g);
			sb_printf(&t->line, " on %s ", g->kind);
			security_put_object(&t->line, g->kind, g->object, g->column);
			end_line(t);
		}
	}
}

static void write_security(struct text *t, const struct model *m)
{
	struct security_view v;
	security_plan(m, &v);
	blank_line(t);
	sb_append(&t->line, "Security:");
	end_line(t);
	if (!security_any(&v)) {
		sb_append(&t->line, "  no owner, grant, default privilege, row level security or "
				    "SECURITY DEFINER function");
		end_line(t);
	} else {
		sb_printf(&t->line, "  %zu %s with a known owner, %zu grant %s, %zu %s",
			  v.n_objects_owned, plural((long)v.n_objects_owned, "object", "objects"),
			  v.grants.n, plural((long)v.grants.n, "row", "rows"), v.roles.n,
			  plural((long)v.roles.n, "role", "roles"));
		end_line(t);
	}
	write_security_grants(t, &v);
	write_security_defaults(t, &v);
	write_security_rls(t, &v);
	write_security_definers(t, &v);
	write_security_roles(t, &v);
	security_free(&v);
}

/* Unparsed statements are not objects: the filter cannot deselect them. */
static void write_unparsed(struct text *t, const struct model *m)
{
	if (m->unparsed.n == 0)
		return;
	blank_line(t);
	sb_append(&t->line, "Unparsed statements:");
	end_line(t);
	for (size_t i = 0; i < m->unparsed.n; i++) {
		const struct unparsed *u = m->unparsed.v[i];
		sb_printf(&t->line, "  %s:%d:%d: ", m->source.file ? m->source.file : "-", u->line,
			  u->col);
		if (u->object != NULL)
			sb_printf(&t->line, "%s: ", u->object);
		sb_append(&t->line, facts_nz(u->message));
		end_line(t);
	}
	long omitted = model_unparsed_omitted(m);
	if (omitted > 0) {
		sb_printf(&t->line, "  ... and %ld more not listed (only the first %d are kept)",
			  omitted, MODEL_UNPARSED_KEPT);
		end_line(t);
	}
}

int emit_text(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	struct text t = {.out = out, .tables = table_index_new(m)};
	sb_init(&t.line);

	write_summary(&t, m);
	write_tables(&t, m);
	write_views(&t, m);
	write_sequences(&t, m);
	write_types(&t, m);
	write_functions(&t, m);
	write_triggers(&t, m);
	write_policies(&t, m);
	write_extensions(&t, m);
	write_named_objects(&t, m);
	write_grants(&t, m);
	write_default_privileges(&t, m);
	if (opts != NULL && opts->security)
		write_security(&t, m);
	write_unparsed(&t, m);

	sb_free(&t.line);
	table_index_free(t.tables);
	return sink_finish(out);
}
