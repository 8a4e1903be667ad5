/*
 * emit_diff_markdown.c
 *	  diff's Markdown format, for a review or an audit: a summary with
 *	  the hazards explained, then one table of changes per schema object
 *	  group (each table or view with its parts).  Text from the dumps is
 *	  escaped so that nothing in a name or an expression is read as
 *	  Markdown or HTML, breaks a table cell, or hides text.
 */
#include "compare.h"
#include "emit.h"
#include "escape.h"
#include "facts.h"

#include <string.h>

/* Text shown literally in a table cell or a heading. */
static void md_put(struct sink *out, const char *s)
{
	emit_md_escape(out, s, false);
}

static void md_put_sb(struct sink *out, struct strbuf *sb)
{
	md_put(out, sb->data ? sb->data : "");
	sb_reset(sb);
}

static const char *action_word(enum change_action a)
{
	static const char *const w[] = {[CHANGE_ADD] = "added",
					[CHANGE_DROP] = "dropped",
					[CHANGE_ALTER] = "changed",
					[CHANGE_RENAME] = "renamed"};
	return w[a];
}

static void put_row(struct sink *out, struct strbuf *sb, const struct change *ch, bool part)
{
	sink_printf(out, "| %s | ", action_word(ch->action));
	sb_printf(sb, "%s ", emit_diff_what(ch));
	if (ch->action == CHANGE_RENAME) {
		if (ch->old_schema != NULL && ch->table == NULL) {
			facts_put_name(sb, ch->old_schema);
			sb_putc(sb, '.');
		}
		facts_put_name(sb, ch->old_name);
		sb_append(sb, " to ");
	}
	emit_diff_name(sb, ch, !part);
	md_put_sb(out, sb);
	sink_puts(out, " | ");
	for (size_t i = 0; i < ch->fields.n; i++) {
		const struct change_field *f = ch->fields.v[i];
		if (i > 0)
			sink_puts(out, "<br>");
		sb_printf(sb, "%s: %s → %s", f->field, f->old ? f->old : "(none)",
			  f->new ? f->new : "(none)");
		md_put_sb(out, sb);
	}
	sink_puts(out, " | ");
	emit_diff_hazards(sb, ch->hazards);
	md_put_sb(out, sb);
	sink_puts(out, " |\n");
}

static void table_head(struct sink *out)
{
	sink_puts(out, "| Change | Object | Fields (old → new) | Hazards |\n"
		       "|---|---|---|---|\n");
}

int emit_diff_markdown(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	const struct comparison *c = opts->comparison;
	struct ptrvec order = {0};
	struct strbuf sb;

	(void)m;
	sb_init(&sb);
	sink_puts(out, "# Schema differences\n\n");
	if (opts->old_label && opts->new_label) {
		sink_puts(out, "- OLD: ");
		md_put(out, opts->old_label);
		sink_puts(out, "\n- NEW: ");
		md_put(out, opts->new_label);
		sink_puts(out, "\n\n");
	}
	if (c->changes.n == 0) {
		sink_puts(out, "No differences.\n");
		sb_free(&sb);
		return sink_finish(out);
	}
	sink_printf(out, "%zu difference%s.\n\n", c->changes.n, c->changes.n == 1 ? "" : "s");
	if (c->hazards != 0) {
		sink_puts(out, "## Hazards\n\n");
		for (int i = 0; i < N_HAZARDS; i++)
			if (c->hazards & (1u << i)) {
				enum hazard h = (enum hazard)(1u << i);
				sink_printf(out, "- **%s**: ", hazard_name(h));
				md_put(out, hazard_explain(h));
				sink_putc(out, '\n');
			}
		sink_putc(out, '\n');
	}
	emit_diff_order(c, &order);
	const struct change *group = NULL;
	bool other_open = false;
	for (size_t i = 0; i < order.n; i++) {
		const struct change *ch = order.v[i];
		const char *rel = emit_diff_relation(ch);
		if (rel == NULL) {
			if (!other_open || group != NULL) {
				sink_puts(out, group != NULL || other_open ? "\n" : "");
				sink_puts(out, "## Other objects\n\n");
				table_head(out);
				other_open = true;
			}
			group = NULL;
			put_row(out, &sb, ch, false);
			continue;
		}
		if (group == NULL || !emit_diff_same_group(group, ch)) {
			if (group != NULL || other_open)
				sink_putc(out, '\n');
			other_open = false;
			group = ch;
			sink_puts(out, "## ");
			sb_printf(&sb, "%s ", emit_diff_relation_what(c, ch));
			facts_put_qualified(&sb, ch->schema, rel);
			md_put_sb(out, &sb);
			sink_puts(out, "\n\n");
			table_head(out);
		}
		put_row(out, &sb, ch, ch->kind != CK_TABLE && ch->kind != CK_VIEW);
	}
	ptrvec_free(&order);
	sb_free(&sb);
	return sink_finish(out);
}
