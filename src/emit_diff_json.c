/*
 * emit_diff_json.c
 *	  diff's JSON format under the pgbaseline.diff/1 contract
 *	  (docs/diff-json.md): every change with its kind, action, object,
 *	  fields, hazards and statements, in the comparison's order.  Built
 *	  with jansson, keys in the documented order (JSON_PRESERVE_ORDER).
 */
#include "compare.h"
#include "emit.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define jstr(s) emit_json_str(s)

static void set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v);
}

static json_t *jhazards(unsigned bits)
{
	json_t *a = json_array();
	for (int i = 0; i < N_HAZARDS; i++)
		if (bits & (1u << i))
			json_array_append_new(a, json_string(hazard_name((enum hazard)(1u << i))));
	return a;
}

static json_t *jstatements(const struct ptrvec *pv)
{
	json_t *a = json_array();
	for (size_t i = 0; i < pv->n; i++)
		json_array_append_new(a, jstr(pv->v[i]));
	return a;
}

static json_t *jchange(const struct change *ch)
{
	json_t *o = json_object();
	set(o, "kind", json_string(change_kind_name(ch->kind)));
	set(o, "object_kind",
	    ch->kind == CK_OBJECT ? json_string(object_kind_name(ch->object_kind)) : json_null());
	set(o, "action", json_string(change_action_name(ch->action)));
	set(o, "schema", jstr(ch->schema));
	set(o, "table", jstr(ch->table));
	set(o, "name", jstr(ch->name));
	set(o, "qualifier", jstr(ch->qualifier));
	set(o, "old_schema", jstr(ch->action == CHANGE_RENAME ? ch->old_schema : NULL));
	set(o, "old_name", jstr(ch->action == CHANGE_RENAME ? ch->old_name : NULL));
	json_t *fields = json_array();
	for (size_t i = 0; i < ch->fields.n; i++) {
		const struct change_field *f = ch->fields.v[i];
		json_t *jf = json_object();
		set(jf, "field", json_string(f->field));
		set(jf, "old", jstr(f->old));
		set(jf, "new", jstr(f->new));
		json_array_append_new(fields, jf);
	}
	set(o, "fields", fields);
	set(o, "hazards", jhazards(ch->hazards));
	json_t *st = json_object();
	set(st, "up", jstatements(&ch->up));
	set(st, "down", jstatements(&ch->down));
	set(o, "statements", st);
	return o;
}

static json_t *jside(const char *label, const struct model *m)
{
	json_t *o = json_object();
	set(o, "file", jstr(label));
	set(o, "pg_dump_version", jstr(m ? m->source.pg_dump_version : NULL));
	return o;
}

int emit_diff_json(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	const struct comparison *c = opts->comparison;
	json_t *doc = json_object();
	size_t by_action[4] = {0};

	(void)m;
	for (size_t i = 0; i < c->changes.n; i++)
		by_action[((const struct change *)c->changes.v[i])->action]++;
	set(doc, "format", json_string("pgbaseline.diff/1"));
	set(doc, "version", json_integer(1));
	set(doc, "old", jside(opts->old_label, c->old));
	set(doc, "new", jside(opts->new_label, c->new));
	json_t *sum = json_object();
	set(sum, "changes", json_integer((json_int_t)c->changes.n));
	set(sum, "added", json_integer((json_int_t)by_action[CHANGE_ADD]));
	set(sum, "dropped", json_integer((json_int_t)by_action[CHANGE_DROP]));
	set(sum, "altered", json_integer((json_int_t)by_action[CHANGE_ALTER]));
	set(sum, "renamed", json_integer((json_int_t)by_action[CHANGE_RENAME]));
	set(sum, "hazards", jhazards(c->hazards));
	set(doc, "summary", sum);
	json_t *changes = json_array();
	for (size_t i = 0; i < c->changes.n; i++)
		json_array_append_new(changes, jchange(c->changes.v[i]));
	set(doc, "changes", changes);

	return emit_json_write(doc, out);
}
