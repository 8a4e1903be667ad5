/*
 * alembic_objects.c
 *	  The docstring's "Other Objects" section: schemas, views, sequences,
 *	  types, functions, triggers, policies, extensions and the objects held
 *	  by name (event triggers, rules, operators, ...).
 */
#include "alembic_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The other objects: views, sequences, types, functions, triggers,
 * policies, extensions.  Standard lists names on one wrapped line each;
 * comprehensive writes one object per line with its details.
 */

struct listing {
	struct doc *d;
	const char *title;
	bool begun;
	struct flow f;
	size_t split; /* where the entry's details begin, or 0 */
};

/* Start an entry: it is built in the returned buffer (d->item). */
static struct strbuf *listing_entry(struct listing *ls)
{
	struct doc *d = ls->d;
	if (!ls->begun) {
		sb_printf(&d->line, detailed(d) ? "        %s:" : "        %s: ", ls->title);
		if (detailed(d))
			doc_end_line(d);
		ls->f = (struct flow){d, 12, 0};
		ls->begun = true;
	}
	ls->split = 0;
	return doc_flow_next(&ls->f);
}

/* The entry's details start here: a long detailed entry is cut here. */
static void listing_split(struct listing *ls)
{
	ls->split = ls->d->item.len;
}

static void listing_done(struct listing *ls)
{
	if (!detailed(ls->d))
		doc_flow_item(&ls->f);
	else
		doc_write_entry(ls->d, 12, "- ", &ls->d->item, ls->split);
}

static void listing_end(struct listing *ls)
{
	if (ls->begun && !detailed(ls->d))
		doc_flow_end(&ls->f, "");
}

static void put_comment(struct strbuf *sb, const char *comment)
{
	if (comment != NULL) {
		doc_put(sb, ": ");
		doc_putq(sb, comment);
	}
}

static void write_schemas(struct doc *d)
{
	struct listing ls = {d, "Schemas", false, {0}, 0};
	for (size_t i = 0; i < d->m->schemas.n; i++) {
		const struct schema *s = d->m->schemas.v[i];
		if (!s->h.included)
			continue;
		struct strbuf *sb = listing_entry(&ls);
		doc_putq(sb, s->h.name);
		if (detailed(d))
			put_comment(sb, s->h.comment);
		listing_done(&ls);
	}
	listing_end(&ls);
}

static void write_views(struct doc *d)
{
	struct listing ls = {d, "Views", false, {0}, 0};
	for (size_t i = 0; i < d->m->views.n; i++) {
		const struct view *v = d->m->views.v[i];
		if (!v->h.included)
			continue;
		struct strbuf *sb = listing_entry(&ls);
		doc_put_rel(sb, v->h.schema, v->h.name);
		if (v->materialized)
			doc_put(sb, " (materialized)");
		if (!detailed(d)) {
			listing_done(&ls);
			continue;
		}
		listing_split(&ls);
		put_comment(sb, v->h.comment);
		listing_done(&ls);
		for (size_t j = 0; j < v->indexes.n; j++) {
			size_t split;
			sb_reset(&d->item);
			doc_put_index_detail(&d->item, v->indexes.v[j], &split);
			doc_write_entry(d, 16, "index ", &d->item, split);
		}
	}
	listing_end(&ls);
}

static void write_sequences(struct doc *d)
{
	struct listing ls = {d, "Sequences", false, {0}, 0};
	for (size_t i = 0; i < d->m->sequences.n; i++) {
		const struct sequence *s = d->m->sequences.v[i];
		if (!s->h.included)
			continue;
		struct strbuf *sb = listing_entry(&ls);
		doc_put_rel(sb, s->h.schema, s->h.name);
		if (detailed(d)) {
			listing_split(&ls);
			if (s->data_type != NULL && strcmp(s->data_type, "bigint") != 0) {
				doc_put(sb, " AS ");
				doc_putq(sb, s->data_type);
			}
			if (s->owned_by_table != NULL) {
				doc_put(sb, s->identity ? " (identity of " : " (owned by ");
				doc_put_rel(sb,
					    s->owned_by_schema ? s->owned_by_schema : s->h.schema,
					    s->owned_by_table);
				doc_put(sb, ".");
				doc_putq(sb, s->owned_by_column);
				doc_put(sb, ")");
			}
			put_comment(sb, s->h.comment);
		}
		listing_done(&ls);
	}
	listing_end(&ls);
}

static void put_type_detail(struct strbuf *sb, const struct pgtype *ty)
{
	switch (ty->kind) {
	case TYPE_ENUM:
		doc_put(sb, " (");
		for (size_t i = 0; i < ty->labels.n; i++) {
			struct strbuf lit;
			sb_init(&lit);
			quote_sql_literal(&lit, facts_nz(ty->labels.v[i]));
			if (i > 0)
				doc_put(sb, ", ");
			doc_putq(sb, lit.data);
			sb_free(&lit);
		}
		doc_put(sb, ")");
		break;
	case TYPE_COMPOSITE:
		doc_put(sb, " (");
		for (size_t i = 0; i < ty->attributes.n; i++) {
			const struct type_attr *a = ty->attributes.v[i];
			if (i > 0)
				doc_put(sb, ", ");
			doc_putq(sb, a->name);
			doc_put(sb, " ");
			doc_putq(sb, a->type);
		}
		doc_put(sb, ")");
		break;
	case TYPE_DOMAIN:
		doc_put(sb, " over ");
		doc_putq(sb, ty->base_type);
		/* The docstring has never shown a domain's collation or default. */
		struct fact f[FACTS_MAX];
		size_t n = facts_domain_clauses(ty, f);
		for (size_t k = 0; k < n; k++)
			if (f[k].kind == FACT_NOT_NULL)
				facts_put_sql(sb, &f[k], 1, doc_putq, doc_putq);
		for (size_t i = 0; i < ty->checks.n; i++) {
			const struct domain_check *ck = ty->checks.v[i];
			doc_put(sb, " CHECK (");
			doc_putq(sb, ck->expression);
			doc_put(sb, ")");
		}
		break;
	case TYPE_RANGE:
		doc_put(sb, " of ");
		doc_putq(sb, ty->subtype);
		break;
	case TYPE_BASE:
		break;
	}
}

static void write_types(struct doc *d)
{
	struct listing ls = {d, "Types", false, {0}, 0};
	for (size_t i = 0; i < d->m->types.n; i++) {
		const struct pgtype *ty = d->m->types.v[i];
		if (!ty->h.included)
			continue;
		struct strbuf *sb = listing_entry(&ls);
		doc_put_rel(sb, ty->h.schema, ty->h.name);
		if (detailed(d)) {
			listing_split(&ls);
			sb_printf(sb, ": %s", type_kind_name(ty->kind));
			put_type_detail(sb, ty);
			if (ty->h.comment != NULL) {
				doc_put(sb, " -- ");
				doc_putq(sb, ty->h.comment);
			}
		} else
			sb_printf(sb, " (%s)", type_kind_name(ty->kind));
		listing_done(&ls);
	}
	listing_end(&ls);
}

static void write_functions(struct doc *d)
{
	struct listing ls = {d, "Functions", false, {0}, 0};
	for (size_t i = 0; i < d->m->functions.n; i++) {
		const struct function *fn = d->m->functions.v[i];
		if (!fn->h.included)
			continue;
		struct strbuf *sb = listing_entry(&ls);
		doc_put_function(sb, fn);
		if (fn->kind != FUNC_FUNCTION)
			sb_printf(sb, " (%s)", func_kind_name(fn->kind));
		if (detailed(d)) {
			listing_split(&ls);
			if (fn->returns != NULL) {
				doc_put(sb, " returns ");
				doc_putq(sb, fn->returns);
			}
			if (fn->language != NULL) {
				doc_put(sb, fn->returns != NULL ? ", language " : " language ");
				doc_putq(sb, fn->language);
			}
			if (fn->h.comment != NULL) {
				doc_put(sb, " -- ");
				doc_putq(sb, fn->h.comment);
			}
		}
		listing_done(&ls);
	}
	listing_end(&ls);
}

static void put_trigger_detail(struct strbuf *sb, const struct trigger *tg)
{
	doc_put(sb, ": ");
	if (tg->constraint_trigger)
		doc_put(sb, "CONSTRAINT ");
	doc_putq(sb, tg->timing);
	doc_put(sb, " ");
	doc_putq(sb, tg->events);
	doc_put(sb, tg->for_each_row ? " FOR EACH ROW" : " FOR EACH STATEMENT");
	if (tg->when != NULL) {
		doc_put(sb, " WHEN (");
		doc_putq(sb, tg->when);
		doc_put(sb, ")");
	}
	doc_put(sb, " EXECUTE FUNCTION ");
	doc_putq(sb, tg->function);
	if (tg->comment != NULL) {
		doc_put(sb, " -- ");
		doc_putq(sb, tg->comment);
	}
}

static void write_triggers(struct doc *d)
{
	struct listing ls = {d, "Triggers", false, {0}, 0};
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		if (!t->h.included)
			continue;
		for (size_t j = 0; j < t->triggers.n; j++) {
			const struct trigger *tg = t->triggers.v[j];
			struct strbuf *sb = listing_entry(&ls);
			doc_putq(sb, tg->name);
			doc_put(sb, " on ");
			doc_put_rel(sb, t->h.schema, t->h.name);
			if (detailed(d)) {
				listing_split(&ls);
				put_trigger_detail(sb, tg);
			}
			listing_done(&ls);
		}
	}
	listing_end(&ls);
}

static void put_policy_detail(struct strbuf *sb, const struct policy *p)
{
	doc_put(sb, p->permissive ? ": " : ": RESTRICTIVE ");
	doc_put(sb, "FOR ");
	doc_putq(sb, p->command ? p->command : "ALL");
	if (p->roles.n > 0) {
		doc_put(sb, " TO ");
		doc_put_list(sb, &p->roles);
	}
	if (p->using_expr != NULL) {
		doc_put(sb, " USING (");
		doc_putq(sb, p->using_expr);
		doc_put(sb, ")");
	}
	if (p->check_expr != NULL) {
		doc_put(sb, " WITH CHECK (");
		doc_putq(sb, p->check_expr);
		doc_put(sb, ")");
	}
	if (p->comment != NULL) {
		doc_put(sb, " -- ");
		doc_putq(sb, p->comment);
	}
}

static void write_policies(struct doc *d)
{
	struct listing ls = {d, "Policies", false, {0}, 0};
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		if (!t->h.included)
			continue;
		for (size_t j = 0; j < t->policies.n; j++) {
			const struct policy *p = t->policies.v[j];
			struct strbuf *sb = listing_entry(&ls);
			doc_putq(sb, p->name);
			doc_put(sb, " on ");
			doc_put_rel(sb, t->h.schema, t->h.name);
			if (detailed(d)) {
				listing_split(&ls);
				put_policy_detail(sb, p);
			}
			listing_done(&ls);
		}
	}
	listing_end(&ls);
}

static void write_extensions(struct doc *d)
{
	struct listing ls = {d, "Extensions", false, {0}, 0};
	for (size_t i = 0; i < d->m->extensions.n; i++) {
		const struct extension *e = d->m->extensions.v[i];
		if (!e->h.included)
			continue;
		struct strbuf *sb = listing_entry(&ls);
		doc_putq(sb, e->h.name);
		if (e->version != NULL) {
			doc_put(sb, " ");
			doc_putq(sb, e->version);
		}
		if (detailed(d) && e->h.schema != NULL) {
			doc_put(sb, " (schema ");
			doc_putq(sb, e->h.schema);
			doc_put(sb, ")");
		}
		listing_done(&ls);
	}
	listing_end(&ls);
}

/*
 * The objects held by name, a listing per kind: `objs.~<<(text, text)`,
 * `rule on objs.t`; comprehensive adds the owner and comment.
 */
static void write_named_objects(struct doc *d)
{
	struct listing ls = {d, NULL, false, {0}, 0};
	for (size_t i = 0; i < d->m->objects.n; i++) {
		const struct object *o = d->m->objects.v[i];
		if (!o->h.included)
			continue;
		if (ls.title != object_kind_title(o->kind)) { /* sorted by kind: a new listing */
			listing_end(&ls);
			ls = (struct listing){d, object_kind_title(o->kind), false, {0}, 0};
		}
		struct strbuf *sb = listing_entry(&ls);
		if (o->kind == OBJ_RULE || o->h.schema == NULL) { /* a rule is named on its table */
			doc_putq(sb, o->h.name);
		} else if (object_name_is_identifier(o->kind)) {
			doc_put_rel(sb, o->h.schema, o->h.name);
		} else { /* an operator: its symbol is no identifier */
			doc_putq(sb, o->h.schema);
			doc_put(sb, ".");
			doc_putq(sb, o->h.name);
		}
		if (o->arguments != NULL) {
			doc_put(sb, "(");
			doc_putq(sb, o->arguments);
			doc_put(sb, ")");
		}
		if (o->on != NULL) {
			doc_put(sb, " ");
			doc_put(sb, object_kind_on(o->kind));
			doc_put(sb, " ");
			if (o->table != NULL)
				doc_put_rel(sb, o->table_schema, o->table);
			else
				doc_putq(sb, o->on);
		}
		if (detailed(d)) {
			listing_split(&ls);
			if (o->h.owner != NULL) {
				doc_put(sb, " (owner ");
				doc_putq(sb, o->h.owner);
				doc_put(sb, ")");
			}
			put_comment(sb, o->h.comment);
		}
		listing_done(&ls);
	}
	listing_end(&ls);
}

static bool any_other_objects(const struct model *m)
{
	struct model_summary s;
	model_summarize(m, &s);
	int named = 0;
	for (int k = 0; k < N_OBJECT_KINDS; k++)
		named += s.objects[k];
	return s.schemas + s.views + s.materialized_views + s.sequences + s.types + s.functions +
		   s.triggers + s.policies + s.extensions + named >
	       0;
}

void doc_write_other_objects(struct doc *d)
{
	if (!any_other_objects(d->m))
		return;
	doc_blank(d);
	doc_line(d, 4, "Other Objects:");
	write_schemas(d);
	write_views(d);
	write_sequences(d);
	write_types(d);
	write_functions(d);
	write_triggers(d);
	write_policies(d);
	write_extensions(d);
	write_named_objects(d);
}
