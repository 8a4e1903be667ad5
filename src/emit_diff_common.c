/*
 * emit_diff_common.c
 *	  What diff's emitters share (emit.h): the order a reader takes the
 *	  changes in (each table or view with its parts), and the words and
 *	  names that say what each change is to.
 */
#include "compare.h"
#include "emit.h"
#include "facts.h"

#include <stdlib.h>
#include <string.h>

const char *emit_diff_relation(const struct change *ch)
{
	switch (ch->kind) {
	case CK_TABLE:
	case CK_VIEW:
		return ch->name;
	case CK_COLUMN:
	case CK_CONSTRAINT:
	case CK_INDEX:
	case CK_TRIGGER:
	case CK_POLICY:
		return ch->table;
	default:
		return NULL;
	}
}

bool emit_diff_same_group(const struct change *a, const struct change *b)
{
	const char *ra = emit_diff_relation(a), *rb = emit_diff_relation(b);
	if (ra == NULL || rb == NULL || strcmp(ra, rb) != 0)
		return false;
	if (a->schema == NULL || b->schema == NULL)
		return a->schema == b->schema;
	return strcmp(a->schema, b->schema) == 0;
}

/* Where a change's group stands: 0 before the relations, 1 a relation, 2 after. */
static int band(const struct change *ch)
{
	if (emit_diff_relation(ch) != NULL)
		return 1;
	return ch->kind < CK_TABLE ? 0 : 2;
}

struct ordered {
	const struct change *ch;
	size_t pos; /* in the comparison's order */
};

static int cmp_nullstr(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a ? 1 : b ? -1 : 0;
	return strcmp(a, b);
}

static int cmp_ordered(const void *pa, const void *pb)
{
	const struct ordered *a = pa, *b = pb;
	int ba = band(a->ch), bb = band(b->ch), r;
	if (ba != bb)
		return ba - bb;
	if (ba == 1) {
		if ((r = cmp_nullstr(a->ch->schema, b->ch->schema)) != 0 ||
		    (r = strcmp(emit_diff_relation(a->ch), emit_diff_relation(b->ch))) != 0)
			return r;
		bool oa = a->ch->kind == CK_TABLE || a->ch->kind == CK_VIEW;
		bool ob = b->ch->kind == CK_TABLE || b->ch->kind == CK_VIEW;
		if (oa != ob)
			return oa ? -1 : 1;
	}
	return a->pos < b->pos ? -1 : a->pos > b->pos ? 1 : 0;
}

void emit_diff_order(const struct comparison *c, struct ptrvec *out)
{
	size_t n = c->changes.n;
	struct ordered *o = xcalloc(n + 1, sizeof(*o));
	for (size_t i = 0; i < n; i++)
		o[i] = (struct ordered){c->changes.v[i], i};
	qsort(o, n, sizeof(*o), cmp_ordered);
	for (size_t i = 0; i < n; i++)
		ptrvec_push(out, (void *)o[i].ch);
	free(o);
}

const char *emit_diff_what(const struct change *ch)
{
	const void *obj = ch->new_obj ? ch->new_obj : ch->old_obj;
	switch (ch->kind) {
	case CK_VIEW:
		return obj && ((const struct view *)obj)->materialized ? "materialized view"
								       : "view";
	case CK_FUNCTION:
		return obj ? func_kind_name(((const struct function *)obj)->kind) : "function";
	case CK_OBJECT:
		return object_kind_label(ch->object_kind);
	case CK_TYPE:
		return "type";
	default:
		return change_kind_name(ch->kind);
	}
}

const char *emit_diff_relation_what(const struct comparison *c, const struct change *ch)
{
	if (ch->kind == CK_TABLE)
		return "table";
	if (ch->kind == CK_VIEW)
		return emit_diff_what(ch);
	if (ch->old_table != NULL || ch->new_table != NULL)
		return "table";
	return "materialized view"; /* a part with no table: an index on a materialized view */
}

void emit_diff_name(struct strbuf *sb, const struct change *ch, bool qualified)
{
	bool part = ch->table != NULL;
	if (qualified && !part && ch->schema != NULL && ch->kind != CK_EXTENSION &&
	    ch->kind != CK_DEFAULT_ACL) {
		facts_put_name(sb, ch->schema);
		sb_putc(sb, '.');
	}
	if (ch->kind == CK_FUNCTION) {
		const struct function *f = ch->new_obj ? ch->new_obj : ch->old_obj;
		const char *name = f->h.name;
		size_t len = strlen(name);
		if (f->signature != NULL && strncmp(f->signature, name, len) == 0 &&
		    f->signature[len] == '(') {
			facts_put_name(sb, name);
			sb_append(sb, f->signature + len);
		} else {
			sb_append(sb, ch->name);
		}
		return;
	}
	if (ch->kind == CK_DEFAULT_ACL) {
		/* "on tables for role app in schema s" */
		sb_printf(sb, "on %s for ", ch->name);
		if (ch->qualifier != NULL) {
			sb_append(sb, "role ");
			facts_put_name(sb, ch->qualifier);
		} else {
			sb_append(sb, "the role that ran the dump");
		}
		if (part || ch->schema == NULL)
			return;
		sb_append(sb, " in schema ");
		facts_put_name(sb, ch->schema);
		return;
	}
	if (ch->kind == CK_OBJECT && !object_name_is_identifier(ch->object_kind))
		sb_append(sb, ch->name);
	else
		facts_put_name(sb, ch->name);
	if (ch->kind == CK_OBJECT && ch->qualifier != NULL) {
		const char *on = object_kind_on(ch->object_kind);
		if (on != NULL)
			sb_printf(sb, " %s %s", on, ch->qualifier);
		else
			sb_printf(sb, " (%s)", ch->qualifier); /* an operator's argument types */
	}
}

void emit_diff_hazards(struct strbuf *sb, unsigned bits)
{
	bool first = true;
	for (int i = 0; i < N_HAZARDS; i++)
		if (bits & (1u << i)) {
			if (!first)
				sb_append(sb, ", ");
			sb_append(sb, hazard_name((enum hazard)(1u << i)));
			first = false;
		}
}
