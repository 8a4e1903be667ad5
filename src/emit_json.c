/*
 * emit_json.c
 *	  The inventory as JSON under the pgbaseline.inventory/1 contract
 *	  (docs/inventory-json.md).  Built with jansson, keys in the
 *	  documented order (JSON_PRESERVE_ORDER), so output is byte-stable.
 */
#include "emit.h"
#include "facts.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

#define JSTR(s) emit_json_str(s)

static json_t *jstrings(const struct ptrvec *pv)
{
	json_t *a = json_array();
	for (size_t i = 0; i < pv->n; i++)
		json_array_append_new(a, JSTR(pv->v[i]));
	return a;
}

static void set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v);
}

static json_t *jgrants(const struct ptrvec *grants)
{
	json_t *a = json_array();
	for (size_t i = 0; i < grants->n; i++) {
		const struct grant *g = grants->v[i];
		json_t *o = json_object();
		set(o, "grantee", JSTR(g->grantee));
		set(o, "privileges", JSTR(g->privileges));
		set(o, "grant_option", json_boolean(g->with_grant_option));
		json_array_append_new(a, o);
	}
	return a;
}

/* "stored", "virtual" (PG 18, read through dialect.c), or null when not generated. */
static json_t *jgenerated_kind(const struct column *c)
{
	if (c->generated == NULL)
		return json_null();
	return json_string(c->virtual_generated ? "virtual" : "stored");
}

static json_t *jcolumn(const struct column *c)
{
	json_t *o = json_object();
	set(o, "name", JSTR(c->name));
	set(o, "type", JSTR(c->type));
	set(o, "nullable", json_boolean(!c->not_null));
	set(o, "default", JSTR(c->default_expr));
	set(o, "identity", jstr(identity_name(c->identity)));
	set(o, "generated", JSTR(c->generated));
	set(o, "generated_kind", jgenerated_kind(c));
	set(o, "collation", JSTR(c->collation));
	set(o, "comment", JSTR(c->comment));
	set(o, "foreign_options", JSTR(c->foreign_options));
	return o;
}

/* One key as facts_put_index_key() renders it, or its schema.name part alone. */
static json_t *jrendered(void (*put)(struct strbuf *, const char *, const char *),
			 const char *schema, const char *name)
{
	struct strbuf sb;
	sb_init(&sb);
	put(&sb, schema, name);
	json_t *j = JSTR(sb.data);
	sb_free(&sb);
	return j;
}

/* Each key as pg_get_indexdef prints it: what "columns" and "elements" hold. */
static json_t *jkey_texts(const struct ptrvec *keys)
{
	json_t *a = json_array();
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < keys->n; i++) {
		sb_reset(&sb);
		facts_put_index_key(&sb, keys->v[i]);
		json_array_append_new(a, JSTR(sb.data));
	}
	sb_free(&sb);
	return a;
}

/* {"column": name} or {"expression": sql}, with what differs from the defaults. */
static json_t *jkeys(const struct ptrvec *keys)
{
	json_t *a = json_array();
	for (size_t i = 0; i < keys->n; i++) {
		const struct index_key *k = keys->v[i];
		json_t *o = json_object();
		if (k->column != NULL)
			set(o, "column", JSTR(k->column));
		else
			set(o, "expression", JSTR(k->expression));
		if (k->collation != NULL)
			set(o, "collation",
			    jrendered(facts_put_qualified, k->collation_schema, k->collation));
		if (k->opclass != NULL)
			set(o, "opclass",
			    jrendered(facts_put_qualified, k->opclass_schema, k->opclass));
		if (k->n_opclass_params > 0) {
			json_t *p = json_object();
			for (size_t j = 0; j < k->n_opclass_params; j++)
				set(p, k->opclass_params[2 * j],
				    JSTR(k->opclass_params[2 * j + 1]));
			set(o, "opclass_parameters", p);
		}
		if (k->desc)
			set(o, "order", json_string("DESC"));
		if (k->nulls != KEY_NULLS_DEFAULT)
			set(o, "nulls",
			    json_string(k->nulls == KEY_NULLS_FIRST ? "FIRST" : "LAST"));
		if (k->op != NULL)
			set(o, "operator", JSTR(k->op));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *jindex(const struct index *ix)
{
	json_t *o = json_object();
	set(o, "name", JSTR(ix->h.name));
	set(o, "unique", json_boolean(ix->unique));
	set(o, "method", JSTR(ix->method));
	set(o, "columns", jkey_texts(&ix->keys));
	set(o, "keys", jkeys(&ix->keys));
	set(o, "include", jstrings(&ix->include));
	set(o, "where", JSTR(ix->where));
	set(o, "nulls_not_distinct", json_boolean(ix->nulls_not_distinct));
	set(o, "comment", JSTR(ix->h.comment));
	return o;
}

static json_t *jindexes(const struct ptrvec *pv)
{
	json_t *a = json_array();
	for (size_t i = 0; i < pv->n; i++)
		json_array_append_new(a, jindex(pv->v[i]));
	return a;
}

static json_t *jforeign_key(const struct constraint *c)
{
	json_t *o = json_object();
	set(o, "name", JSTR(c->name));
	set(o, "columns", jstrings(&c->columns));
	set(o, "referred_schema", JSTR(c->ref_schema));
	set(o, "referred_table", JSTR(c->ref_table));
	set(o, "referred_columns", jstrings(&c->ref_columns));
	set(o, "on_delete", JSTR(c->on_delete));
	set(o, "on_update", JSTR(c->on_update));
	set(o, "match", JSTR(c->match));
	set(o, "deferrable", json_boolean(c->deferrable));
	set(o, "initially_deferred", json_boolean(c->initially_deferred));
	set(o, "valid", json_boolean(c->valid));
	set(o, "enforced", json_boolean(!c->not_enforced));
	set(o, "temporal", json_boolean(c->temporal));
	return o;
}

static void add_constraints(json_t *o, const struct table *t)
{
	json_t *pk = json_null();
	json_t *fks = json_array(), *uqs = json_array(), *cks = json_array(), *exs = json_array();

	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		json_t *x = NULL;
		switch (c->kind) {
		case CON_PRIMARY:
			json_decref(pk);
			pk = json_object();
			set(pk, "name", JSTR(c->name));
			set(pk, "columns", jstrings(&c->columns));
			set(pk, "temporal", json_boolean(c->temporal));
			break;
		case CON_FOREIGN:
			json_array_append_new(fks, jforeign_key(c));
			break;
		case CON_UNIQUE:
			x = json_object();
			set(x, "name", JSTR(c->name));
			set(x, "columns", jstrings(&c->columns));
			set(x, "nulls_not_distinct", json_boolean(c->nulls_not_distinct));
			set(x, "temporal", json_boolean(c->temporal));
			json_array_append_new(uqs, x);
			break;
		case CON_CHECK:
			x = json_object();
			set(x, "name", JSTR(c->name));
			set(x, "expression", JSTR(c->expression));
			set(x, "valid", json_boolean(c->valid));
			set(x, "no_inherit", json_boolean(c->no_inherit));
			set(x, "enforced", json_boolean(!c->not_enforced));
			json_array_append_new(cks, x);
			break;
		case CON_EXCLUSION:
			x = json_object();
			set(x, "name", JSTR(c->name));
			set(x, "method", JSTR(c->method));
			set(x, "elements", jkey_texts(&c->keys));
			set(x, "keys", jkeys(&c->keys));
			set(x, "where", JSTR(c->where));
			json_array_append_new(exs, x);
			break;
		}
	}
	set(o, "primary_key", pk);
	set(o, "foreign_keys", fks);
	set(o, "unique_constraints", uqs);
	set(o, "check_constraints", cks);
	set(o, "exclusion_constraints", exs);
}

/* The members of a table before "columns". */
static json_t *jtable_head(const struct table *t)
{
	json_t *o = json_object();
	set(o, "schema", JSTR(t->h.schema));
	set(o, "name", JSTR(t->h.name));
	set(o, "kind", json_string(table_kind_name(t->kind)));
	set(o, "owner", JSTR(t->h.owner));
	set(o, "comment", JSTR(t->h.comment));
	set(o, "unlogged", json_boolean(t->unlogged));
	set(o, "row_level_security", json_boolean(t->rls_enabled));
	set(o, "force_row_level_security", json_boolean(t->rls_forced));
	set(o, "partition_key", JSTR(t->partition_key));
	if (t->parent_table) {
		char *p = NULL;
		if (asprintf(&p, "%s.%s", t->parent_schema, t->parent_table) < 0)
			p = NULL;
		set(o, "partition_of", JSTR(p));
		free(p);
	} else {
		set(o, "partition_of", json_null());
	}
	set(o, "partition_bound", JSTR(t->partition_bound));
	set(o, "inherits", jstrings(&t->inherits));
	set(o, "foreign_server", JSTR(t->foreign_server));
	set(o, "foreign_options", JSTR(t->foreign_options));
	return o;
}

/* The members of a table after "columns". */
static json_t *jtable_tail(const struct table *t)
{
	json_t *o = json_object();
	add_constraints(o, t);
	set(o, "indexes", jindexes(&t->indexes));
	set(o, "rows", t->rows >= 0 ? json_integer(t->rows) : json_null());
	set(o, "grants", jgrants(&t->h.grants));
	return o;
}

static json_t *jview(const struct view *v)
{
	json_t *o = json_object();
	set(o, "schema", JSTR(v->h.schema));
	set(o, "name", JSTR(v->h.name));
	set(o, "materialized", json_boolean(v->materialized));
	set(o, "owner", JSTR(v->h.owner));
	set(o, "comment", JSTR(v->h.comment));
	set(o, "definition", JSTR(v->definition));
	set(o, "indexes", jindexes(&v->indexes));
	set(o, "grants", jgrants(&v->h.grants));
	return o;
}

static json_t *jopt_int(bool has, long long v)
{
	return has ? json_integer(v) : json_null();
}

static json_t *jsequence(const struct sequence *s)
{
	json_t *o = json_object();
	set(o, "schema", JSTR(s->h.schema));
	set(o, "name", JSTR(s->h.name));
	set(o, "owner", JSTR(s->h.owner));
	set(o, "data_type", JSTR(s->data_type));
	set(o, "start", jopt_int(s->has_start, s->start));
	set(o, "increment", jopt_int(s->has_increment, s->increment));
	set(o, "min_value", jopt_int(s->has_min, s->min_value));
	set(o, "max_value", jopt_int(s->has_max, s->max_value));
	set(o, "cache", jopt_int(s->has_cache, s->cache));
	set(o, "cycle", json_boolean(s->cycle));
	if (s->owned_by_table) {
		char *p = NULL;
		if (asprintf(&p, "%s.%s.%s", s->owned_by_schema, s->owned_by_table,
			     s->owned_by_column) < 0)
			p = NULL;
		set(o, "owned_by", JSTR(p));
		free(p);
	} else {
		set(o, "owned_by", json_null());
	}
	set(o, "identity", json_boolean(s->identity));
	set(o, "grants", jgrants(&s->h.grants));
	return o;
}

static json_t *jtype(const struct pgtype *t)
{
	json_t *o = json_object();
	set(o, "schema", JSTR(t->h.schema));
	set(o, "name", JSTR(t->h.name));
	set(o, "kind", json_string(type_kind_name(t->kind)));
	set(o, "owner", JSTR(t->h.owner));
	set(o, "comment", JSTR(t->h.comment));
	switch (t->kind) {
	case TYPE_ENUM:
		set(o, "labels", jstrings(&t->labels));
		break;
	case TYPE_COMPOSITE: {
		json_t *a = json_array();
		for (size_t i = 0; i < t->attributes.n; i++) {
			const struct type_attr *at = t->attributes.v[i];
			json_t *x = json_object();
			set(x, "name", JSTR(at->name));
			set(x, "type", JSTR(at->type));
			set(x, "collation", JSTR(at->collation));
			json_array_append_new(a, x);
		}
		set(o, "attributes", a);
		break;
	}
	case TYPE_DOMAIN: {
		set(o, "base_type", JSTR(t->base_type));
		set(o, "not_null", json_boolean(t->not_null));
		set(o, "default", JSTR(t->default_expr));
		set(o, "collation", JSTR(t->collation));
		json_t *a = json_array();
		for (size_t i = 0; i < t->checks.n; i++) {
			const struct domain_check *dc = t->checks.v[i];
			json_t *x = json_object();
			set(x, "name", JSTR(dc->name));
			set(x, "expression", JSTR(dc->expression));
			set(x, "valid", json_boolean(dc->valid));
			json_array_append_new(a, x);
		}
		set(o, "checks", a);
		break;
	}
	case TYPE_RANGE:
		set(o, "subtype", JSTR(t->subtype));
		break;
	case TYPE_BASE:
		break;
	}
	set(o, "grants", jgrants(&t->h.grants));
	set(o, "acl_default", json_boolean(!t->h.acl_set));
	return o;
}

static json_t *jfunction(const struct function *f)
{
	json_t *o = json_object();
	set(o, "schema", JSTR(f->h.schema));
	set(o, "name", JSTR(f->h.name));
	set(o, "kind", json_string(func_kind_name(f->kind)));
	set(o, "signature", JSTR(f->signature));
	set(o, "arguments", JSTR(f->arguments));
	set(o, "returns", JSTR(f->returns));
	set(o, "language", JSTR(f->language));
	set(o, "owner", JSTR(f->h.owner));
	set(o, "comment", JSTR(f->h.comment));
	set(o, "security_definer", json_boolean(f->security_definer));
	set(o, "grants", jgrants(&f->h.grants));
	set(o, "acl_default", json_boolean(!f->h.acl_set));
	return o;
}

static json_t *jtrigger(const struct trigger *tr)
{
	json_t *o = json_object();
	set(o, "schema", JSTR(tr->table_schema));
	set(o, "table", JSTR(tr->table));
	set(o, "name", JSTR(tr->name));
	set(o, "timing", JSTR(tr->timing));
	set(o, "events", JSTR(tr->events));
	set(o, "level", json_string(tr->for_each_row ? "ROW" : "STATEMENT"));
	set(o, "function", JSTR(tr->function));
	set(o, "when", JSTR(tr->when));
	set(o, "comment", JSTR(tr->comment));
	return o;
}

static json_t *jpolicy(const struct policy *p)
{
	json_t *o = json_object();
	set(o, "schema", JSTR(p->table_schema));
	set(o, "table", JSTR(p->table));
	set(o, "name", JSTR(p->name));
	set(o, "command", JSTR(p->command));
	set(o, "permissive", json_boolean(p->permissive));
	set(o, "roles", jstrings(&p->roles));
	set(o, "using", JSTR(p->using_expr));
	set(o, "with_check", JSTR(p->check_expr));
	set(o, "comment", JSTR(p->comment));
	return o;
}

static json_t *jobject(const struct object *ob)
{
	json_t *o = json_object();
	set(o, "kind", json_string(object_kind_name(ob->kind)));
	set(o, "schema", JSTR(ob->h.schema));
	set(o, "name", JSTR(ob->h.name));
	set(o, "on", JSTR(ob->on));
	set(o, "arguments", JSTR(ob->arguments));
	set(o, "owner", JSTR(ob->h.owner));
	set(o, "comment", JSTR(ob->h.comment));
	set(o, "definition", JSTR(ob->definition));
	set(o, "grants", jgrants(&ob->h.grants));
	set(o, "acl_default", json_boolean(!ob->h.acl_set));
	return o;
}

/* Every kind of object held by name, zeros included, in the order of enum object_kind. */
static json_t *jobject_counts(const struct model_summary *s)
{
	json_t *o = json_object();
	for (int k = 0; k < N_OBJECT_KINDS; k++)
		set(o, object_kind_name((enum object_kind)k), json_integer(s->objects[k]));
	return o;
}

static json_t *jsource(const struct model *m)
{
	const struct source_info *s = &m->source;
	json_t *o = json_object();
	set(o, "file", JSTR(s->file));
	set(o, "compression", JSTR(s->format));
	set(o, "dump_format", JSTR(s->dump_format ? s->dump_format : "plain"));
	set(o, "archive_version", JSTR(s->archive_version));
	set(o, "database", JSTR(s->database));
	set(o, "dump_time", JSTR(s->dump_time));
	set(o, "pg_dump_version", JSTR(s->pg_dump_version));
	set(o, "server_version", JSTR(s->server_version));
	set(o, "client_encoding", JSTR(s->client_encoding));
	set(o, "statements", json_integer(s->statements));
	set(o, "unparsed", json_integer(s->unparsed));
	set(o, "copy_blocks", json_integer(s->copy_blocks));
	set(o, "inserts", json_integer(s->inserts));
	set(o, "rewritten", json_integer(s->rewritten));
	return o;
}

static json_t *jsummary(const struct model *m)
{
	struct model_summary s;
	model_summarize(m, &s);
	json_t *o = json_object();
	set(o, "schemas", json_integer(s.schemas));
	set(o, "tables", json_integer(s.tables));
	set(o, "tables_with_relationships", json_integer(s.tables_with_relationships));
	set(o, "foreign_keys", json_integer(s.foreign_keys));
	set(o, "indexes", json_integer(s.indexes));
	set(o, "constraints", json_integer(s.constraints));
	set(o, "views", json_integer(s.views));
	set(o, "materialized_views", json_integer(s.materialized_views));
	set(o, "sequences", json_integer(s.sequences));
	set(o, "types", json_integer(s.types));
	set(o, "functions", json_integer(s.functions));
	set(o, "triggers", json_integer(s.triggers));
	set(o, "policies", json_integer(s.policies));
	set(o, "extensions", json_integer(s.extensions));
	set(o, "security_definer_functions", json_integer(s.security_definer));
	set(o, "objects", jobject_counts(&s));
	set(o, "unparsed", json_integer(s.unparsed));
	return o;
}

/*
 * The document is written as it is built, one top-level member or array
 * element at a time, so memory stays bounded by the largest table rather
 * than the whole schema (a 200,000-table dump would otherwise hold a
 * jansson tree of gigabytes).  Each piece is formatted by jansson with the
 * same JSON_INDENT(2) layout and re-indented to its depth; JSON strings
 * hold no raw newlines, so re-indenting after each newline is exact.
 */
struct jwriter {
	struct sink *out;
	struct strbuf buf;
	bool first_member; /* no top-level member written yet */
	bool first_item;   /* no element of the open array written yet */
	bool failed;
};

static void jw_flush(struct jwriter *w)
{
	sink_write(w->out, w->buf.data, w->buf.len);
	sb_reset(&w->buf);
}

/* Append n bytes of text, each line after the first indented by `indent` (at most 16) more. */
static void jw_text(struct jwriter *w, const char *text, size_t n, int indent)
{
	static const char spaces[] = "                ";
	const char *end = text + n;
	for (const char *p = text;;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL) {
			sb_append_len(&w->buf, p, (size_t)(end - p));
			break;
		}
		sb_append_len(&w->buf, p, (size_t)(nl - p) + 1);
		sb_append_len(&w->buf, spaces, (size_t)indent);
		p = nl + 1;
	}
	if (w->buf.len > (1u << 20))
		jw_flush(w);
}

/* v (consumed) formatted by jansson, malloc'd, or NULL (w->failed set). */
static char *jw_dump(struct jwriter *w, json_t *v)
{
	char *text = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	json_decref(v);
	if (text == NULL)
		w->failed = true;
	return text;
}

/* Append v (consumed) formatted by jansson, each line after the first indented by `indent`. */
static void jw_value(struct jwriter *w, json_t *v, int indent)
{
	/* Re-indent line by line: jansson indents as if the value stood alone. */
	char *text = jw_dump(w, v);
	if (text != NULL)
		jw_text(w, text, strlen(text), indent);
	free(text);
}

/*
 * A table as jansson would format the whole object, but its columns one
 * at a time, so that a table of 200,000 columns is not first built as one
 * jansson tree: the head's members without its closing "\n}", the columns
 * array, the tail's members without its opening "{".
 */
static void jw_table(struct jwriter *w, const struct table *t, int indent)
{
	char *head = jw_dump(w, jtable_head(t));
	char *tail = jw_dump(w, jtable_tail(t));
	if (head == NULL || tail == NULL) {
		free(head);
		free(tail);
		return;
	}
	jw_text(w, head, strlen(head) - 2, indent); /* "{\n  ...\n}" less "\n}" */
	jw_text(w, ",\n  \"columns\": [", 16, indent);
	for (size_t i = 0; i < t->columns.n; i++) {
		jw_text(w, i ? ",\n    " : "\n    ", i ? 6 : 5, indent);
		jw_value(w, jcolumn(t->columns.v[i]), indent + 4);
	}
	jw_text(w, t->columns.n ? "\n  ]," : "],", t->columns.n ? 5 : 2, indent);
	jw_text(w, tail + 1, strlen(tail + 1), indent); /* less "{" */
	free(head);
	free(tail);
}

static void jw_key(struct jwriter *w, const char *key)
{
	sb_append(&w->buf, w->first_member ? "\n  \"" : ",\n  \"");
	sb_append(&w->buf, key);
	sb_append(&w->buf, "\": ");
	w->first_member = false;
}

static void jw_member(struct jwriter *w, const char *key, json_t *v)
{
	jw_key(w, key);
	jw_value(w, v, 2);
}

static void jw_array_begin(struct jwriter *w, const char *key)
{
	jw_key(w, key);
	sb_putc(&w->buf, '[');
	w->first_item = true;
}

static void jw_item(struct jwriter *w, json_t *v)
{
	sb_append(&w->buf, w->first_item ? "\n    " : ",\n    ");
	w->first_item = false;
	jw_value(w, v, 4);
}

static void jw_array_end(struct jwriter *w)
{
	sb_append(&w->buf, w->first_item ? "]" : "\n  ]");
}

static json_t *jschema(const struct schema *s)
{
	json_t *o = json_object();
	set(o, "name", JSTR(s->h.name));
	set(o, "owner", JSTR(s->h.owner));
	set(o, "comment", JSTR(s->h.comment));
	set(o, "grants", jgrants(&s->h.grants));
	return o;
}

static json_t *jextension(const struct extension *e)
{
	json_t *o = json_object();
	set(o, "name", JSTR(e->h.name));
	set(o, "schema", JSTR(e->h.schema));
	set(o, "version", JSTR(e->version));
	set(o, "comment", JSTR(e->h.comment));
	return o;
}

static json_t *junparsed(const struct unparsed *u)
{
	json_t *o = json_object();
	set(o, "line", json_integer(u->line));
	set(o, "column", json_integer(u->col));
	set(o, "object", JSTR(u->object));
	set(o, "message", JSTR(u->message));
	return o;
}

/* A top-level array of the included objects of one list (objhdr first in each). */
static void jw_objects(struct jwriter *w, const char *key, const struct ptrvec *pv,
		       json_t *(*one)(const void *))
{
	jw_array_begin(w, key);
	for (size_t i = 0; i < pv->n; i++)
		if (((const struct objhdr *)pv->v[i])->included)
			jw_item(w, one(pv->v[i]));
	jw_array_end(w);
}

#define AS_ONE(fn, type)                                                                           \
	static json_t *fn##_any(const void *p)                                                     \
	{                                                                                          \
		return fn((const type *)p);                                                        \
	}
AS_ONE(jschema, struct schema)
AS_ONE(jextension, struct extension)
AS_ONE(jview, struct view)
AS_ONE(jsequence, struct sequence)
AS_ONE(jtype, struct pgtype)
AS_ONE(jfunction, struct function)
AS_ONE(jobject, struct object)

/* "": the role running the script, null in the document. */
static json_t *jrole(const char *role)
{
	return role != NULL && role[0] ? JSTR(role) : json_null();
}

/* One row of pg_default_acl: its role, schema, kind and ACL. */
static json_t *jdefault_acl(const struct default_acl *d)
{
	json_t *o = json_object();
	set(o, "role", jrole(d->h.name));
	set(o, "schema", JSTR(d->h.schema));
	set(o, "object_kind", JSTR(d->kind));
	json_t *a = json_array();
	for (size_t i = 0; i < d->h.grants.n; i++) {
		const struct grant *g = d->h.grants.v[i];
		if (g->privs.n == 0)
			continue;
		json_t *x = json_object();
		set(x, "grantee", jrole(g->grantee));
		set(x, "privileges", JSTR(g->privileges));
		set(x, "grant_option", json_boolean(g->with_grant_option));
		json_array_append_new(a, x);
	}
	set(o, "grants", a);
	return o;
}

/* Triggers and policies live on their tables; the document lists them apart. */
static void jw_table_parts(struct jwriter *w, const struct model *m, bool triggers)
{
	jw_array_begin(w, triggers ? "triggers" : "policies");
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included)
			continue;
		const struct ptrvec *pv = triggers ? &t->triggers : &t->policies;
		for (size_t j = 0; j < pv->n; j++)
			jw_item(w, triggers ? jtrigger(pv->v[j]) : jpolicy(pv->v[j]));
	}
	jw_array_end(w);
}

int emit_json(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	struct jwriter w = {.out = out, .first_member = true};

	sb_init(&w.buf);
	sb_putc(&w.buf, '{');
	jw_member(&w, "format", json_string("pgbaseline.inventory/1"));
	jw_member(&w, "source", jsource(m));
	jw_member(&w, "summary", jsummary(m));
	jw_objects(&w, "schemas", &m->schemas, jschema_any);
	jw_objects(&w, "extensions", &m->extensions, jextension_any);
	jw_array_begin(&w, "tables");
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included)
			continue;
		sb_append(&w.buf, w.first_item ? "\n    " : ",\n    ");
		w.first_item = false;
		jw_table(&w, t, 4);
	}
	jw_array_end(&w);
	jw_objects(&w, "views", &m->views, jview_any);
	jw_objects(&w, "sequences", &m->sequences, jsequence_any);
	jw_objects(&w, "types", &m->types, jtype_any);
	jw_objects(&w, "functions", &m->functions, jfunction_any);
	jw_table_parts(&w, m, true);
	jw_table_parts(&w, m, false);
	jw_objects(&w, "objects", &m->objects, jobject_any);
	jw_array_begin(&w, "default_privileges");
	for (size_t i = 0; i < m->default_acls.n; i++) {
		const struct default_acl *d = m->default_acls.v[i];
		if (d->shown && d->h.included)
			jw_item(&w, jdefault_acl(d));
	}
	jw_array_end(&w);
	jw_array_begin(&w, "unparsed");
	for (size_t i = 0; i < m->unparsed.n; i++)
		jw_item(&w, junparsed(m->unparsed.v[i]));
	jw_array_end(&w);
	jw_member(&w, "unparsed_omitted", json_integer(model_unparsed_omitted(m)));
	sb_append(&w.buf, "\n}\n");
	jw_flush(&w);
	sb_free(&w.buf);
	int rc = sink_finish(out);
	return w.failed ? -1 : rc;
}
