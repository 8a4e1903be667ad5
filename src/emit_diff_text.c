/*
 * emit_diff_text.c
 *	  diff's text format: what differs between OLD and NEW as a DBA reads
 *	  it, per table what was added (+), dropped (-), renamed (>) or changed
 *	  (~), each field's old and new value, and the hazards of each change.
 *	  Nothing at all when the two are the same.  Names are written as SQL
 *	  names them and every unsafe character as a visible escape, so a name
 *	  can neither break a line nor hide text.
 */
#include "compare.h"
#include "emit.h"
#include "facts.h"

#include <string.h>

/* Write the line in sb, every unsafe character escaped, then a newline; sb is reset. */
static void put_line(struct sink *out, struct strbuf *sb)
{
	emit_put_escaped(out, sb->data ? sb->data : "");
	sink_putc(out, '\n');
	sb_reset(sb);
}

static char action_mark(enum change_action a)
{
	static const char marks[] = {
	    [CHANGE_ADD] = '+', [CHANGE_DROP] = '-', [CHANGE_ALTER] = '~', [CHANGE_RENAME] = '>'};
	return marks[a];
}

static void put_hazards(struct strbuf *sb, unsigned h)
{
	if (h == 0)
		return;
	sb_append(sb, "  [");
	emit_diff_hazards(sb, h);
	sb_putc(sb, ']');
}

static const char *con_words(enum con_kind k)
{
	static const char *const w[] = {"PRIMARY KEY", "UNIQUE", "FOREIGN KEY", "CHECK", "EXCLUDE"};
	return w[k];
}

static void put_raw(struct strbuf *sb, const char *s)
{
	sb_append(sb, s);
}

/* What an added column, constraint or index is, after its name. */
static void describe(struct strbuf *sb, const struct change *ch)
{
	const void *obj = ch->new_obj;
	if (obj == NULL)
		return;
	if (ch->kind == CK_COLUMN) {
		struct fact f[FACTS_MAX];
		size_t n = facts_column_clauses(obj, f);
		sb_printf(sb, ": %s", ((const struct column *)obj)->type);
		if (((const struct column *)obj)->not_null)
			sb_append(sb, " NOT NULL");
		facts_put_sql(sb, f, n, put_raw, facts_put_name);
	} else if (ch->kind == CK_CONSTRAINT) {
		const struct constraint *c = obj;
		sb_printf(sb, ": %s", con_words(c->kind));
		if (c->kind == CON_CHECK && c->expression)
			sb_printf(sb, " (%s)", c->expression);
		else if (c->kind == CON_EXCLUSION) {
			sb_append(sb, " (");
			facts_put_index_keys(sb, &c->keys);
			sb_putc(sb, ')');
		} else {
			sb_append(sb, " (");
			facts_put_names(sb, &c->columns);
			sb_putc(sb, ')');
		}
		if (c->kind == CON_FOREIGN) {
			sb_append(sb, " REFERENCES ");
			facts_put_qualified(sb, c->ref_schema, c->ref_table);
			sb_append(sb, " (");
			facts_put_names(sb, &c->ref_columns);
			sb_putc(sb, ')');
		}
		if (!c->valid)
			sb_append(sb, " NOT VALID");
	} else if (ch->kind == CK_INDEX) {
		const struct index *ix = obj;
		sb_printf(sb, ": %sUSING %s (", ix->unique ? "UNIQUE " : "",
			  ix->method ? ix->method : "btree");
		facts_put_index_keys(sb, &ix->keys);
		sb_putc(sb, ')');
		if (ix->where)
			sb_printf(sb, " WHERE %s", ix->where);
	}
}

static void put_value(struct strbuf *sb, const char *v)
{
	sb_append(sb, v ? v : "(none)");
}

static void put_fields(struct sink *out, struct strbuf *sb, const struct change *ch, int indent)
{
	for (size_t i = 0; i < ch->fields.n; i++) {
		const struct change_field *f = ch->fields.v[i];
		sb_printf(sb, "%*s%s: ", indent, "", f->field);
		put_value(sb, f->old);
		sb_append(sb, " -> ");
		put_value(sb, f->new);
		put_line(out, sb);
		if (strcmp(f->field, "column_order") == 0) {
			sb_printf(sb,
				  "%*s(no statement: PostgreSQL cannot move a column, only rebuild "
				  "the table; --ignore-column-order leaves this out)",
				  indent + 2, "");
			put_line(out, sb);
		}
	}
}

/* A change on one line (and its fields below): "  + column email: text". */
static void put_change(struct sink *out, struct strbuf *sb, const struct change *ch, int indent)
{
	sb_printf(sb, "%*s%c %s ", indent, "", action_mark(ch->action), emit_diff_what(ch));
	if (ch->action == CHANGE_RENAME) {
		if (ch->old_schema != NULL && ch->table == NULL) {
			facts_put_name(sb, ch->old_schema);
			sb_putc(sb, '.');
		}
		facts_put_name(sb, ch->old_name);
		sb_append(sb, " renamed to ");
	}
	emit_diff_name(sb, ch, ch->table == NULL);
	if (ch->action == CHANGE_ADD)
		describe(sb, ch);
	put_hazards(sb, ch->hazards);
	put_line(out, sb);
	put_fields(out, sb, ch, indent + 4);
}

/* The heading of a table's or view's group, and its own change when it has one. */
static void put_relation(struct sink *out, struct strbuf *sb, const struct comparison *c,
			 const struct change *ch)
{
	bool own = ch->kind == CK_TABLE || ch->kind == CK_VIEW;
	sb_printf(sb, "%s ", emit_diff_relation_what(c, ch));
	facts_put_qualified(sb, ch->schema, emit_diff_relation(ch));
	if (own) {
		switch (ch->action) {
		case CHANGE_ADD:
			sb_append(sb, ": added");
			break;
		case CHANGE_DROP:
			sb_append(sb, ": dropped");
			break;
		case CHANGE_RENAME:
			sb_append(sb, ": renamed from ");
			facts_put_qualified(sb, ch->old_schema, ch->old_name);
			break;
		case CHANGE_ALTER:
			sb_append(sb, ": changed");
			break;
		}
		put_hazards(sb, ch->hazards);
	}
	put_line(out, sb);
	if (own)
		put_fields(out, sb, ch, 4);
}

static void put_summary(struct sink *out, struct strbuf *sb, const struct comparison *c)
{
	size_t by_action[4] = {0};
	for (size_t i = 0; i < c->changes.n; i++)
		by_action[((const struct change *)c->changes.v[i])->action]++;
	sb_printf(sb, "%zu difference%s: %zu added, %zu dropped, %zu changed, %zu renamed",
		  c->changes.n, c->changes.n == 1 ? "" : "s", by_action[CHANGE_ADD],
		  by_action[CHANGE_DROP], by_action[CHANGE_ALTER], by_action[CHANGE_RENAME]);
	put_line(out, sb);
	if (c->hazards == 0)
		return;
	sb_append(sb, "hazards:");
	put_line(out, sb);
	for (int i = 0; i < N_HAZARDS; i++)
		if (c->hazards & (1u << i)) {
			enum hazard h = (enum hazard)(1u << i);
			sb_printf(sb, "  %s: %s", hazard_name(h), hazard_explain(h));
			put_line(out, sb);
		}
}

int emit_diff_text(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	const struct comparison *c = opts->comparison;
	struct ptrvec order = {0};
	struct strbuf sb;

	(void)m;
	if (c->changes.n == 0)
		return sink_finish(out);
	sb_init(&sb);
	if (opts->old_label && opts->new_label) {
		sb_printf(&sb, "--- %s", opts->old_label);
		put_line(out, &sb);
		sb_printf(&sb, "+++ %s", opts->new_label);
		put_line(out, &sb);
	}
	put_summary(out, &sb, c);
	emit_diff_order(c, &order);
	const struct change *group = NULL; /* the first change of the open relation group */
	for (size_t i = 0; i < order.n; i++) {
		const struct change *ch = order.v[i];
		const char *rel = emit_diff_relation(ch);
		if (rel == NULL) {
			if (group != NULL || i == 0)
				put_line(out, &sb);
			group = NULL;
			put_change(out, &sb, ch, 0);
			continue;
		}
		if (group == NULL || !emit_diff_same_group(group, ch)) {
			put_line(out, &sb);
			group = ch;
			put_relation(out, &sb, c, ch);
			if (ch->kind == CK_TABLE || ch->kind == CK_VIEW)
				continue;
		}
		put_change(out, &sb, ch, 2);
	}
	ptrvec_free(&order);
	sb_free(&sb);
	return sink_finish(out);
}
