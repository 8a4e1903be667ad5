/*
 * model.c
 *	  The schema model's constructors, lookups, ordering and summary.
 *
 *	  Lookups go through one hash map keyed "<kind>\x1f<schema>\x1f<name>";
 *	  the unit separator cannot appear in a catalog name that pg_dump can
 *	  write, so keys never collide.
 */
#include "model.h"

#include "sqlident.h"
#include "strmap.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct symtab {
	struct strmap *map;
	struct strbuf key;
};

struct model *model_new(void)
{
	struct model *m = xcalloc(1, sizeof(*m));
	m->arena = arena_new();
	m->symtab = xcalloc(1, sizeof(struct symtab));
	m->symtab->map = strmap_new();
	return m;
}

static void free_lists(struct ptrvec *pv, size_t offset_of_vecs[], size_t n_vecs)
{
	/* Child lists are malloc'd ptrvecs inside arena objects; free each. */
	for (size_t i = 0; i < pv->n; i++)
		for (size_t j = 0; j < n_vecs; j++)
			ptrvec_free((struct ptrvec *)((char *)pv->v[i] + offset_of_vecs[j]));
	ptrvec_free(pv);
}

static void free_table(struct table *t)
{
	for (size_t i = 0; i < t->constraints.n; i++) {
		struct constraint *c = t->constraints.v[i];
		ptrvec_free(&c->columns);
		ptrvec_free(&c->include);
		ptrvec_free(&c->ref_columns);
		ptrvec_free(&c->keys);
	}
	for (size_t i = 0; i < t->policies.n; i++)
		ptrvec_free(&((struct policy *)t->policies.v[i])->roles);
	ptrvec_free(&t->inherits);
	ptrvec_free(&t->columns);
	ptrvec_free(&t->constraints);
	ptrvec_free(&t->indexes);
	ptrvec_free(&t->triggers);
	ptrvec_free(&t->policies);
	ptrvec_free(&t->children);
	ptrvec_free(&t->owned_seqs);
	strmap_free(t->column_ix);
	strmap_free(t->constraint_ix);
	strmap_free(t->trigger_ix);
	strmap_free(t->policy_ix);
}

/* Every list of objects with a header (objhdr is first in each), for grants. */
/* (default_acls are rendered and freed apart: model_sort, model_free) */
static void each_object_list(struct model *m, void (*fn)(struct model *, struct objhdr *))
{
	struct ptrvec *lists[] = {&m->schemas,	 &m->extensions, &m->tables,
				  &m->views,	 &m->sequences,	 &m->types,
				  &m->functions, &m->indexes,	 &m->objects};
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		for (size_t i = 0; i < lists[l]->n; i++)
			fn(m, lists[l]->v[i]);
}

static void free_grants(struct model *m, struct objhdr *h)
{
	grants_free(h);
}

static void render_grants(struct model *m, struct objhdr *h)
{
	grants_render(m, h);
}

void model_free(struct model *m)
{
	if (m == NULL)
		return;
	each_object_list(m, free_grants);
	for (size_t i = 0; i < m->tables.n; i++)
		free_table(m->tables.v[i]);
	ptrvec_free(&m->tables);

	size_t hdr_grants[] = {offsetof(struct objhdr, grants)};
	size_t view_vecs[] = {offsetof(struct view, h.grants), offsetof(struct view, columns),
			      offsetof(struct view, indexes)};
	size_t type_vecs[] = {offsetof(struct pgtype, h.grants), offsetof(struct pgtype, labels),
			      offsetof(struct pgtype, attributes), offsetof(struct pgtype, checks)};
	size_t index_vecs[] = {offsetof(struct index, h.grants), offsetof(struct index, columns),
			       offsetof(struct index, include), offsetof(struct index, colnames),
			       offsetof(struct index, keys)};
	free_lists(&m->views, view_vecs, 3);
	for (size_t i = 0; i < m->types.n; i++)
		strmap_free(((struct pgtype *)m->types.v[i])->label_ix);
	free_lists(&m->types, type_vecs, 4);
	free_lists(&m->indexes, index_vecs, 5);
	free_lists(&m->schemas, hdr_grants, 1); /* objhdr is first in every object */
	free_lists(&m->extensions, hdr_grants, 1);
	free_lists(&m->sequences, hdr_grants, 1);
	free_lists(&m->functions, hdr_grants, 1);
	free_lists(&m->objects, hdr_grants, 1);
	for (size_t i = 0; i < m->default_acls.n; i++)
		grants_free(m->default_acls.v[i]);
	free_lists(&m->default_acls, hdr_grants, 1);
	ptrvec_free(&m->unparsed);
	ptrvec_free(&m->roles);
	ptrvec_free(&m->tablespaces);
	strmap_free(m->symtab->map);
	strmap_free(m->name_passes);
	sb_free(&m->symtab->key);
	free(m->symtab);
	arena_free(m->arena);
	free(m);
}

static const char *sym_key(struct model *m, char kind, const char *schema, const char *name)
{
	struct strbuf *k = &m->symtab->key;
	sb_reset(k);
	sb_putc(k, kind);
	sb_putc(k, '\x1f');
	sb_append(k, schema ? schema : "");
	sb_putc(k, '\x1f');
	sb_append(k, name);
	return k->data;
}

static void *sym_get(struct model *m, char kind, const char *schema, const char *name)
{
	if (name == NULL)
		return NULL;
	return strmap_get(m->symtab->map, sym_key(m, kind, schema, name));
}

static void sym_put(struct model *m, char kind, const char *schema, const char *name, void *obj)
{
	strmap_put(m->symtab->map, sym_key(m, kind, schema, name), obj);
}

/* Relations (tables, views, sequences, indexes) share one namespace per schema, as pg_class. */
struct table *model_find_table(struct model *m, const char *schema, const char *name)
{
	return sym_get(m, 'T', schema, name);
}

struct view *model_find_view(struct model *m, const char *schema, const char *name)
{
	return sym_get(m, 'V', schema, name);
}

struct sequence *model_find_sequence(struct model *m, const char *schema, const char *name)
{
	return sym_get(m, 'S', schema, name);
}

struct pgtype *model_find_type(struct model *m, const char *schema, const char *name)
{
	return sym_get(m, 'Y', schema, name);
}

struct index *model_find_index(struct model *m, const char *schema, const char *name)
{
	return sym_get(m, 'I', schema, name);
}

struct schema *model_find_schema(struct model *m, const char *name)
{
	return sym_get(m, 'N', NULL, name);
}

static const char *column_name(const void *c)
{
	return ((const struct column *)c)->name;
}

static const char *constraint_name(const void *c)
{
	return ((const struct constraint *)c)->name;
}

struct column *table_find_column(struct table *t, const char *name)
{
	return strmap_list_find(&t->column_ix, &t->columns, column_name, name);
}

struct constraint *table_find_constraint(struct table *t, const char *name)
{
	return strmap_list_find(&t->constraint_ix, &t->constraints, constraint_name, name);
}

/*
 * Functions by "schema\x1fname" (key kind 'F') and by that and their
 * arguments (kind 'G', name "name\x1farguments"): the last one indexed wins,
 * as a search from the newest would find it.
 */
static const char *function_args_key(struct model *m, const char *name, const char *args)
{
	return arena_printf(m->arena, "%zu:%s%s", strlen(name), name, args);
}

void model_index_function(struct model *m, struct function *f)
{
	sym_put(m, 'F', f->h.schema, f->h.name, f);
	if (f->arguments)
		sym_put(m, 'G', f->h.schema, function_args_key(m, f->h.name, f->arguments), f);
}

struct function *model_find_function(struct model *m, const char *schema, const char *name,
				     const char *args)
{
	if (args == NULL)
		return sym_get(m, 'F', schema, name);
	struct strbuf k;
	sb_init(&k);
	sb_printf(&k, "%zu:%s%s", strlen(name), name, args);
	struct function *f = sym_get(m, 'G', schema, k.data);
	sb_free(&k);
	return f;
}

void model_note_domain(struct model *m, const struct pgtype *t)
{
	sym_put(m, 'D', NULL, sqlident_qualified(m->arena, t->h.schema, t->h.name), (void *)t);
}

bool model_is_domain(struct model *m, const char *type)
{
	const struct pgtype *t = type ? sym_get(m, 'D', NULL, type) : NULL;
	return t != NULL && t->kind == TYPE_DOMAIN;
}

bool model_constraint_name_taken(struct model *m, const char *schema, const char *name)
{
	return sym_get(m, 'C', schema, name) != NULL;
}

void model_note_constraint_name(struct model *m, const char *schema, const char *name)
{
	if (schema && name && !model_constraint_name_taken(m, schema, name))
		sym_put(m, 'C', schema, name, m);
}

void constraint_note_copy(struct constraint *from, struct constraint *copy)
{
	copy->next_copy = from->next_copy ? from->next_copy : from;
	from->next_copy = copy;
}

/* A name was freed: build_choose_name's passes (which assume none is) start over. */
static void forget_name_passes(struct model *m)
{
	strmap_free(m->name_passes);
	m->name_passes = NULL;
}

void model_forget_constraint_name(struct model *m, const char *schema, const char *name)
{
	forget_name_passes(m);
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = m->tables.v[i];
		if (strcmp(t->h.schema, schema) == 0 && table_find_constraint(t, name))
			return;
	}
	for (size_t i = 0; i < m->types.n; i++) {
		const struct pgtype *ty = m->types.v[i];
		for (size_t j = 0;
		     ty->h.schema && strcmp(ty->h.schema, schema) == 0 && j < ty->checks.n; j++)
			if (strcmp(((const struct domain_check *)ty->checks.v[j])->name, name) == 0)
				return;
	}
	strmap_remove(m->symtab->map, sym_key(m, 'C', schema, name));
}

void model_rename_relation(struct model *m, struct objhdr *h, const char *schema, const char *name)
{
	static const char kinds[] = {'T', 'V', 'S', 'I'};
	forget_name_passes(m);
	for (size_t i = 0; i < sizeof(kinds); i++) {
		if (sym_get(m, kinds[i], h->schema, h->name) != h)
			continue;
		strmap_remove(m->symtab->map, sym_key(m, kinds[i], h->schema, h->name));
		h->schema = arena_strdup(m->arena, schema);
		h->name = arena_strdup(m->arena, name);
		sym_put(m, kinds[i], h->schema, h->name, h);
		return;
	}
	h->schema = arena_strdup(m->arena, schema);
	h->name = arena_strdup(m->arena, name);
}

/* Take p out of pv (the order of the others kept); false when it is not there. */
static bool ptrvec_take(struct ptrvec *pv, const void *p)
{
	for (size_t i = 0; i < pv->n; i++) {
		if (pv->v[i] != p)
			continue;
		memmove(&pv->v[i], &pv->v[i + 1], (pv->n - i - 1) * sizeof(pv->v[0]));
		pv->n--;
		return true;
	}
	return false;
}

static void forget_relation(struct model *m, char kind, struct objhdr *h)
{
	if (sym_get(m, kind, h->schema, h->name) == h)
		strmap_remove(m->symtab->map, sym_key(m, kind, h->schema, h->name));
	forget_name_passes(m);
}

static void free_index(struct index *ix)
{
	grants_free(&ix->h);
	ptrvec_free(&ix->h.grants);
	ptrvec_free(&ix->columns);
	ptrvec_free(&ix->include);
	ptrvec_free(&ix->colnames);
	ptrvec_free(&ix->keys);
}

void model_drop_index(struct model *m, struct index *ix)
{
	forget_relation(m, 'I', &ix->h);
	ptrvec_take(&m->indexes, ix);
	struct table *t = model_find_table(m, ix->h.schema, ix->table);
	struct view *v = model_find_view(m, ix->h.schema, ix->table);
	if (t)
		ptrvec_take(&t->indexes, ix);
	if (v)
		ptrvec_take(&v->indexes, ix);
	free_index(ix);
}

void model_drop_sequence(struct model *m, struct sequence *s)
{
	forget_relation(m, 'S', &s->h);
	if (ptrvec_take(&m->sequences, s)) {
		grants_free(&s->h);
		ptrvec_free(&s->h.grants);
	}
}

void model_drop_view(struct model *m, struct view *v)
{
	while (v->indexes.n > 0)
		model_drop_index(m, v->indexes.v[0]);
	forget_relation(m, 'V', &v->h);
	if (ptrvec_take(&m->views, v)) {
		grants_free(&v->h);
		ptrvec_free(&v->h.grants);
		ptrvec_free(&v->columns);
		ptrvec_free(&v->indexes);
	}
}

void model_drop_table(struct model *m, struct table *t)
{
	while (t->indexes.n > 0)
		model_drop_index(m, t->indexes.v[0]);
	while (t->constraints.n > 0)
		table_drop_constraint(m, t, t->constraints.v[0]);
	forget_relation(m, 'T', &t->h);
	for (size_t i = 0; i < m->tables.n; i++)
		ptrvec_take(&((struct table *)m->tables.v[i])->children, t);
	if (ptrvec_take(&m->tables, t)) {
		grants_free(&t->h);
		ptrvec_free(&t->h.grants);
		free_table(t);
	}
}

void model_drop_type(struct model *m, struct pgtype *t)
{
	if (sym_get(m, 'Y', t->h.schema, t->h.name) == t)
		strmap_remove(m->symtab->map, sym_key(m, 'Y', t->h.schema, t->h.name));
	if (t->kind == TYPE_DOMAIN) {
		const char *q = sqlident_qualified(m->arena, t->h.schema, t->h.name);
		if (sym_get(m, 'D', NULL, q) == t)
			strmap_remove(m->symtab->map, sym_key(m, 'D', NULL, q));
	}
	if (ptrvec_take(&m->types, t)) {
		grants_free(&t->h);
		ptrvec_free(&t->h.grants);
		ptrvec_free(&t->labels);
		ptrvec_free(&t->attributes);
		ptrvec_free(&t->checks);
		strmap_free(t->label_ix);
		t->label_ix = NULL;
	}
}

void model_drop_function(struct model *m, struct function *f)
{
	if (!ptrvec_take(&m->functions, f))
		return;
	if (f->arguments && model_find_function(m, f->h.schema, f->h.name, f->arguments) == f) {
		const char *k = function_args_key(m, f->h.name, f->arguments);
		strmap_remove(m->symtab->map, sym_key(m, 'G', f->h.schema, k));
	}
	if (sym_get(m, 'F', f->h.schema, f->h.name) == f) {
		strmap_remove(m->symtab->map, sym_key(m, 'F', f->h.schema, f->h.name));
		/* The newest overload left is found by name from now on. */
		for (size_t i = m->functions.n; i-- > 0;) {
			struct function *o = m->functions.v[i];
			if (strcmp(o->h.name, f->h.name) == 0 &&
			    (o->h.schema == NULL
				 ? f->h.schema == NULL
				 : f->h.schema != NULL && strcmp(o->h.schema, f->h.schema) == 0)) {
				sym_put(m, 'F', o->h.schema, o->h.name, o);
				break;
			}
		}
	}
	grants_free(&f->h);
	ptrvec_free(&f->h.grants);
}

void model_drop_schema(struct model *m, struct schema *s)
{
	if (sym_get(m, 'N', NULL, s->h.name) == s)
		strmap_remove(m->symtab->map, sym_key(m, 'N', NULL, s->h.name));
	if (ptrvec_take(&m->schemas, s)) {
		grants_free(&s->h);
		ptrvec_free(&s->h.grants);
	}
}

struct extension *model_find_extension(struct model *m, const char *name)
{
	return sym_get(m, 'E', NULL, name);
}

void model_drop_extension(struct model *m, struct extension *e)
{
	if (sym_get(m, 'E', NULL, e->h.name) == e)
		strmap_remove(m->symtab->map, sym_key(m, 'E', NULL, e->h.name));
	if (ptrvec_take(&m->extensions, e)) {
		grants_free(&e->h);
		ptrvec_free(&e->h.grants);
	}
}

void table_drop_column(struct table *t, struct column *c)
{
	ptrvec_take(&t->columns, c);
	table_names_changed(t);
}

void table_drop_constraint(struct model *m, struct table *t, struct constraint *c)
{
	if (!ptrvec_take(&t->constraints, c))
		return;
	table_names_changed(t);
	if (c->next_copy) { /* leave the ring of copies */
		struct constraint *p = c->next_copy;
		while (p->next_copy != c)
			p = p->next_copy;
		p->next_copy = c->next_copy == p ? NULL : c->next_copy;
		c->next_copy = NULL;
	}
	if (c->kind == CON_PRIMARY) {
		t->n_primary_keys--;
		t->primary_key = NULL;
		for (size_t i = 0; i < t->constraints.n && !t->primary_key; i++)
			if (((struct constraint *)t->constraints.v[i])->kind == CON_PRIMARY)
				t->primary_key = t->constraints.v[i];
	}
	model_forget_constraint_name(m, t->h.schema, c->name);
	ptrvec_free(&c->columns);
	ptrvec_free(&c->include);
	ptrvec_free(&c->ref_columns);
	ptrvec_free(&c->keys);
}

void table_names_changed(struct table *t)
{
	strmap_free(t->column_ix);
	strmap_free(t->constraint_ix);
	t->column_ix = t->constraint_ix = NULL;
}

void table_note_owned(struct table *t, struct sequence *s)
{
	for (size_t i = 0; i < t->owned_seqs.n; i++)
		if (t->owned_seqs.v[i] == s)
			return;
	ptrvec_push(&t->owned_seqs, s);
}

void table_note_child(struct table *parent, struct table *child)
{
	for (size_t i = parent->children.n; i-- > 0 && i + 8 >= parent->children.n;)
		if (parent->children.v[i] == child)
			return; /* noted just now (the list is only a superset, duplicates are
				   harmless) */
	ptrvec_push(&parent->children, child);
}

/*
 * Count one more object; past PGB_MAX_OBJECTS the model is full
 * (model_full) and the builder stops, so a dump is refused rather than
 * left to grow the model until memory runs out.  The objects of the
 * statement being applied are still added: one statement is bounded.
 */
static void count_object(struct model *m)
{
	if (m->n_objects < SIZE_MAX)
		m->n_objects++;
}

bool model_full(const struct model *m)
{
	return m->n_objects > PGB_MAX_OBJECTS;
}

static void init_hdr(struct model *m, struct objhdr *h, const char *schema, const char *name)
{
	count_object(m);
	h->created = ++m->last_created;
	h->line = m->at_line;
	h->col = m->at_col;
	h->schema = arena_strdup(m->arena, schema);
	h->name = arena_strdup(m->arena, name);
	h->included = true;
}

struct schema *model_add_schema(struct model *m, const char *name)
{
	struct schema *s = model_find_schema(m, name);
	if (s)
		return s;
	s = arena_alloc(m->arena, sizeof(*s));
	init_hdr(m, &s->h, NULL, name);
	ptrvec_push(&m->schemas, s);
	sym_put(m, 'N', NULL, name, s);
	return s;
}

struct table *model_add_table(struct model *m, const char *schema, const char *name)
{
	struct table *t = arena_alloc(m->arena, sizeof(*t));
	init_hdr(m, &t->h, schema, name);
	t->rows = -1;
	ptrvec_push(&m->tables, t);
	sym_put(m, 'T', schema, name, t);
	return t;
}

struct view *model_add_view(struct model *m, const char *schema, const char *name)
{
	struct view *v = arena_alloc(m->arena, sizeof(*v));
	init_hdr(m, &v->h, schema, name);
	ptrvec_push(&m->views, v);
	sym_put(m, 'V', schema, name, v);
	return v;
}

struct sequence *model_add_sequence(struct model *m, const char *schema, const char *name)
{
	struct sequence *s = arena_alloc(m->arena, sizeof(*s));
	init_hdr(m, &s->h, schema, name);
	ptrvec_push(&m->sequences, s);
	sym_put(m, 'S', schema, name, s);
	return s;
}

struct pgtype *model_add_type(struct model *m, const char *schema, const char *name)
{
	struct pgtype *t = model_find_type(m, schema, name);
	if (t) /* a shell type (CREATE TYPE x;) is completed later */
		return t;
	t = arena_alloc(m->arena, sizeof(*t));
	init_hdr(m, &t->h, schema, name);
	ptrvec_push(&m->types, t);
	sym_put(m, 'Y', schema, name, t);
	return t;
}

struct function *model_add_function(struct model *m, const char *schema, const char *name)
{
	struct function *f = arena_alloc(m->arena, sizeof(*f));
	init_hdr(m, &f->h, schema, name);
	ptrvec_push(&m->functions, f);
	return f;
}

struct extension *model_add_extension(struct model *m, const char *name)
{
	struct extension *e = sym_get(m, 'E', NULL, name);
	if (e)
		return e;
	e = arena_alloc(m->arena, sizeof(*e));
	init_hdr(m, &e->h, NULL, name);
	ptrvec_push(&m->extensions, e);
	sym_put(m, 'E', NULL, name, e);
	return e;
}

struct index *model_add_index(struct model *m, const char *schema, const char *name)
{
	struct index *ix = arena_alloc(m->arena, sizeof(*ix));
	init_hdr(m, &ix->h, schema, name);
	ptrvec_push(&m->indexes, ix);
	sym_put(m, 'I', schema, name, ix);
	return ix;
}

/*
 * Other objects by kind ('a' + kind), schema and "name\x1fqualifier" (in k,
 * to free): a rule's name is unique per table only, an operator's per
 * argument types.
 */
static void object_key(struct strbuf *k, const char *name, const char *qual)
{
	sb_init(k);
	sb_printf(k, "%s\x1f%s", name, qual ? qual : "");
}

struct object *model_find_object(struct model *m, enum object_kind kind, const char *schema,
				 const char *name, const char *qual)
{
	if (name == NULL)
		return NULL;
	struct strbuf k;
	object_key(&k, name, qual);
	struct object *o = sym_get(m, (char)('a' + kind), schema, k.data);
	sb_free(&k);
	return o;
}

struct object *model_add_object(struct model *m, enum object_kind kind, const char *schema,
				const char *name, const char *qual)
{
	struct object *o = model_find_object(m, kind, schema, name, qual);
	if (o)
		return o;
	o = arena_alloc(m->arena, sizeof(*o));
	init_hdr(m, &o->h, schema, name);
	o->kind = kind;
	ptrvec_push(&m->objects, o);
	struct strbuf k;
	object_key(&k, name, qual);
	sym_put(m, (char)('a' + kind), schema, k.data, o);
	sb_free(&k);
	return o;
}

/* The qualifier o was added with (model_add_object): an operator's arguments, else its `on`. */
static const char *object_qual(const struct object *o)
{
	return o->arguments != NULL ? o->arguments : o->on;
}

static void object_unregister(struct model *m, struct object *o)
{
	struct strbuf k;
	object_key(&k, o->h.name, object_qual(o));
	strmap_remove(m->symtab->map, sym_key(m, (char)('a' + o->kind), o->h.schema, k.data));
	sb_free(&k);
}

void model_rename_object(struct model *m, struct object *o, const char *name)
{
	object_unregister(m, o);
	o->h.name = arena_strdup(m->arena, name);
	struct strbuf k;
	object_key(&k, o->h.name, object_qual(o));
	sym_put(m, (char)('a' + o->kind), o->h.schema, k.data, o);
	sb_free(&k);
}

void model_move_object(struct model *m, struct object *o, const char *schema, const char *on)
{
	object_unregister(m, o);
	o->h.schema = schema ? arena_strdup(m->arena, schema) : NULL;
	o->on = on ? arena_strdup(m->arena, on) : NULL;
	struct strbuf k;
	object_key(&k, o->h.name, object_qual(o));
	sym_put(m, (char)('a' + o->kind), o->h.schema, k.data, o);
	sb_free(&k);
}

void model_drop_object(struct model *m, struct object *o)
{
	object_unregister(m, o);
	for (size_t i = 0; i < m->objects.n; i++)
		if (m->objects.v[i] == o) {
			memmove(&m->objects.v[i], &m->objects.v[i + 1],
				(m->objects.n - i - 1) * sizeof(void *));
			m->objects.n--;
			break;
		}
	grants_free(&o->h);
}

struct column *table_add_column(struct model *m, struct table *t, const char *name)
{
	struct column *c = arena_alloc(m->arena, sizeof(*c));
	count_object(m);
	c->name = arena_strdup(m->arena, name);
	c->line = m->at_line;
	c->col = m->at_col;
	ptrvec_push(&t->columns, c);
	strmap_list_added(t->column_ix, c->name, c);
	return c;
}

struct constraint *table_add_constraint(struct model *m, struct table *t, const char *name,
					enum con_kind kind)
{
	struct constraint *c = arena_alloc(m->arena, sizeof(*c));
	count_object(m);
	c->name = arena_strdup(m->arena, name);
	c->kind = kind;
	c->valid = true;
	c->on_delete = c->on_update = "NO ACTION";
	c->match = "SIMPLE";
	c->line = m->at_line;
	c->col = m->at_col;
	ptrvec_push(&t->constraints, c);
	strmap_list_added(t->constraint_ix, c->name, c);
	if (kind == CON_PRIMARY && t->n_primary_keys++ == 0)
		t->primary_key = c;
	model_note_constraint_name(m, t->h.schema, c->name);
	return c;
}

const char *model_str(struct model *m, const char *old, const char *s)
{
	if (s == NULL || (old != NULL && strcmp(old, s) == 0))
		return s == NULL ? NULL : old;
	return arena_strdup(m->arena, s);
}

void model_note_role(struct model *m, const char *role)
{
	if (role == NULL || sym_get(m, 'R', NULL, role))
		return;
	char *r = arena_strdup(m->arena, role);
	sym_put(m, 'R', NULL, role, r);
	ptrvec_push(&m->roles, r);
}

void model_note_tablespace(struct model *m, const char *name)
{
	if (name == NULL || sym_get(m, 'P', NULL, name))
		return;
	char *t = arena_strdup(m->arena, name);
	sym_put(m, 'P', NULL, name, t);
	ptrvec_push(&m->tablespaces, t);
}

/* Order by schema, then name, then by creation order (a stable tie-break). */
static int cmp_hdr(const struct objhdr *a, const struct objhdr *b)
{
	int c = strcmp(a->schema ? a->schema : "", b->schema ? b->schema : "");
	if (c == 0)
		c = strcmp(a->name, b->name);
	return c;
}

static int cmp_obj(const void *x, const void *y)
{
	/* Every top-level object embeds struct objhdr first. */
	return cmp_hdr(*(const struct objhdr *const *)x, *(const struct objhdr *const *)y);
}

static int cmp_function(const void *x, const void *y)
{
	const struct function *a = *(const struct function *const *)x;
	const struct function *b = *(const struct function *const *)y;
	int c = cmp_hdr(&a->h, &b->h);
	if (c == 0)
		c = strcmp(a->signature ? a->signature : "", b->signature ? b->signature : "");
	return c;
}

/* By kind (the reports' order of sections), then schema, name and qualifier. */
static int cmp_object(const void *x, const void *y)
{
	const struct object *a = *(const struct object *const *)x;
	const struct object *b = *(const struct object *const *)y;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	int c = cmp_hdr(&a->h, &b->h);
	if (c == 0)
		c = strcmp(a->on ? a->on : "", b->on ? b->on : "");
	if (c == 0)
		c = strcmp(a->arguments ? a->arguments : "", b->arguments ? b->arguments : "");
	return c;
}

static int cmp_constraint(const void *x, const void *y)
{
	const struct constraint *a = *(const struct constraint *const *)x;
	const struct constraint *b = *(const struct constraint *const *)y;
	return strcmp(a->name, b->name);
}

static int cmp_trigger(const void *x, const void *y)
{
	const struct trigger *a = *(const struct trigger *const *)x;
	const struct trigger *b = *(const struct trigger *const *)y;
	return strcmp(a->name, b->name);
}

static int cmp_policy(const void *x, const void *y)
{
	const struct policy *a = *(const struct policy *const *)x;
	const struct policy *b = *(const struct policy *const *)y;
	return strcmp(a->name, b->name);
}

static int cmp_string(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/*
 * qsort is not stable; objects with equal keys (overloaded functions are
 * told apart by signature) would otherwise come out in an unstable order.
 * Equal keys cannot otherwise occur: the catalog forbids duplicate names.
 */
static void sort_vec(struct ptrvec *pv, int (*cmp)(const void *, const void *))
{
	if (pv->n > 1)
		qsort(pv->v, pv->n, sizeof(void *), cmp);
}

/* Is d's ACL the one it started from (the kind's built-in default; nothing IN SCHEMA)? */
static bool default_acl_unchanged(struct model *m, struct default_acl *d)
{
	struct objhdr start = {0};
	if (d->h.schema == NULL) {
		struct privilege all = {.name = "ALL"};
		struct ptrvec privs = {0};
		ptrvec_push(&privs, &all);
		grants_apply(m, &start, d->h.name, &privs, true, false, default_acl_all(d->kind));
		const char *pub = strcmp(d->kind, "functions") == 0 ? "EXECUTE"
				  : strcmp(d->kind, "types") == 0   ? "USAGE"
								    : NULL;
		if (pub != NULL) {
			struct privilege p = {.name = pub};
			privs.v[0] = &p;
			grants_apply(m, &start, "PUBLIC", &privs, true, false, pub);
		}
		ptrvec_free(&privs);
		grants_render(m, &start);
	}
	bool same = true;
	size_t live = 0;
	for (size_t i = 0; i < d->h.grants.n; i++) {
		const struct grant *g = d->h.grants.v[i];
		if (g->privs.n == 0)
			continue;
		live++;
		bool found = false;
		for (size_t j = 0; j < start.grants.n && !found; j++) {
			const struct grant *x = start.grants.v[j];
			found = strcmp(x->grantee, g->grantee) == 0 &&
				x->with_grant_option == g->with_grant_option &&
				strcmp(x->privileges, g->privileges) == 0;
		}
		same = same && found;
	}
	same = same && live == start.grants.n;
	grants_free(&start);
	ptrvec_free(&start.grants);
	return same;
}

static int cmp_default_acl(const void *x, const void *y)
{
	const struct default_acl *a = *(const struct default_acl *const *)x;
	const struct default_acl *b = *(const struct default_acl *const *)y;
	int c = strcmp(a->h.name, b->h.name);
	if (c == 0)
		c = strcmp(a->h.schema ? a->h.schema : "", b->h.schema ? b->h.schema : "");
	if (c == 0)
		c = strcmp(a->kind, b->kind);
	return c;
}

void model_sort(struct model *m)
{
	each_object_list(m, render_grants);
	for (size_t i = 0; i < m->default_acls.n; i++) {
		struct default_acl *d = m->default_acls.v[i];
		grants_render(m, &d->h);
		d->shown = !default_acl_unchanged(m, d);
	}
	sort_vec(&m->default_acls, cmp_default_acl);
	sort_vec(&m->schemas, cmp_obj);
	sort_vec(&m->extensions, cmp_obj);
	sort_vec(&m->tables, cmp_obj);
	sort_vec(&m->views, cmp_obj);
	sort_vec(&m->sequences, cmp_obj);
	sort_vec(&m->types, cmp_obj);
	sort_vec(&m->functions, cmp_function);
	sort_vec(&m->indexes, cmp_obj);
	sort_vec(&m->objects, cmp_object);
	sort_vec(&m->roles, cmp_string);
	sort_vec(&m->tablespaces, cmp_string);
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = m->tables.v[i];
		sort_vec(&t->constraints, cmp_constraint);
		sort_vec(&t->indexes, cmp_obj);
		sort_vec(&t->triggers, cmp_trigger);
		sort_vec(&t->policies, cmp_policy);
	}
	for (size_t i = 0; i < m->views.n; i++)
		sort_vec(&((struct view *)m->views.v[i])->indexes, cmp_obj);
}

/* "schema\x1fname" of every table an included table's foreign key points at. */
static struct strmap *fk_targets(const struct model *m)
{
	struct strmap *targets = strmap_new();
	struct strbuf key;

	sb_init(&key);
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *o = m->tables.v[i];
		if (!o->h.included)
			continue;
		for (size_t j = 0; j < o->constraints.n; j++) {
			const struct constraint *c = o->constraints.v[j];
			if (c->kind != CON_FOREIGN)
				continue;
			sb_reset(&key);
			sb_printf(&key, "%s\x1f%s", c->ref_schema, c->ref_table);
			strmap_put(targets, key.data, targets);
		}
	}
	sb_free(&key);
	return targets;
}

static bool table_is_fk_target(struct strmap *targets, const struct table *t)
{
	struct strbuf key;
	sb_init(&key);
	sb_printf(&key, "%s\x1f%s", t->h.schema, t->h.name);
	bool hit = strmap_has(targets, key.data);
	sb_free(&key);
	return hit;
}

void model_summarize(const struct model *m, struct model_summary *s)
{
	struct strmap *targets = fk_targets(m);

	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < m->schemas.n; i++)
		s->schemas += ((struct schema *)m->schemas.v[i])->h.included;
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included)
			continue;
		s->tables++;
		bool has_fk = false;
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			s->constraints++;
			if (c->kind == CON_FOREIGN) {
				s->foreign_keys++;
				has_fk = true;
			}
		}
		s->indexes += (int)t->indexes.n;
		s->triggers += (int)t->triggers.n;
		s->policies += (int)t->policies.n;
		if (has_fk || table_is_fk_target(targets, t))
			s->tables_with_relationships++;
	}
	for (size_t i = 0; i < m->views.n; i++) {
		const struct view *v = m->views.v[i];
		if (!v->h.included)
			continue;
		if (v->materialized)
			s->materialized_views++;
		else
			s->views++;
		s->indexes += (int)v->indexes.n;
	}
	for (size_t i = 0; i < m->sequences.n; i++)
		s->sequences += ((struct sequence *)m->sequences.v[i])->h.included;
	for (size_t i = 0; i < m->types.n; i++)
		s->types += ((struct pgtype *)m->types.v[i])->h.included;
	for (size_t i = 0; i < m->functions.n; i++) {
		const struct function *f = m->functions.v[i];
		s->functions += f->h.included;
		s->security_definer += f->h.included && f->security_definer;
	}
	for (size_t i = 0; i < m->objects.n; i++) {
		const struct object *o = m->objects.v[i];
		s->objects[o->kind] += o->h.included;
	}
	for (size_t i = 0; i < m->extensions.n; i++)
		s->extensions += ((struct extension *)m->extensions.v[i])->h.included;
	s->unparsed = m->source.unparsed > INT_MAX ? INT_MAX : (int)m->source.unparsed;
	strmap_free(targets);
}

long model_unparsed_omitted(const struct model *m)
{
	long kept = (long)m->unparsed.n;
	return m->source.unparsed > kept ? m->source.unparsed - kept : 0;
}

const char *table_kind_name(enum table_kind k)
{
	switch (k) {
	case TABLE_ORDINARY:
		return "table";
	case TABLE_PARTITIONED:
		return "partitioned_table";
	case TABLE_PARTITION:
		return "partition";
	case TABLE_FOREIGN:
		return "foreign_table";
	}
	return "table";
}

const char *type_kind_name(enum type_kind k)
{
	switch (k) {
	case TYPE_ENUM:
		return "enum";
	case TYPE_COMPOSITE:
		return "composite";
	case TYPE_DOMAIN:
		return "domain";
	case TYPE_RANGE:
		return "range";
	case TYPE_BASE:
		return "base";
	}
	return "base";
}

const char *func_kind_name(enum func_kind k)
{
	switch (k) {
	case FUNC_FUNCTION:
		return "function";
	case FUNC_PROCEDURE:
		return "procedure";
	case FUNC_AGGREGATE:
		return "aggregate";
	}
	return "function";
}

const char *identity_name(enum identity_kind k)
{
	switch (k) {
	case IDENTITY_ALWAYS:
		return "always";
	case IDENTITY_BY_DEFAULT:
		return "by default";
	case IDENTITY_NONE:
		break;
	}
	return NULL;
}

static const struct {
	const char *name;  /* the JSON's */
	const char *title; /* a report's section */
	const char *label; /* in a sentence */
	const char *on;	   /* what `on` is introduced by */
} object_kinds[N_OBJECT_KINDS] = {
    [OBJ_EVENT_TRIGGER] = {"event_trigger", "Event triggers", "event trigger", NULL},
    [OBJ_RULE] = {"rule", "Rules", "rule", "on"},
    [OBJ_OPERATOR] = {"operator", "Operators", "operator", NULL},
    [OBJ_OPERATOR_CLASS] = {"operator_class", "Operator classes", "operator class", "using"},
    [OBJ_OPERATOR_FAMILY] = {"operator_family", "Operator families", "operator family", "using"},
    [OBJ_PUBLICATION] = {"publication", "Publications", "publication", NULL},
    [OBJ_SUBSCRIPTION] = {"subscription", "Subscriptions", "subscription", NULL},
    [OBJ_COLLATION] = {"collation", "Collations", "collation", NULL},
    [OBJ_CONVERSION] = {"conversion", "Conversions", "conversion", NULL},
    [OBJ_TS_CONFIGURATION] = {"text_search_configuration", "Text search configurations",
			      "text search configuration", NULL},
    [OBJ_TS_DICTIONARY] = {"text_search_dictionary", "Text search dictionaries",
			   "text search dictionary", NULL},
    [OBJ_TS_PARSER] = {"text_search_parser", "Text search parsers", "text search parser", NULL},
    [OBJ_TS_TEMPLATE] = {"text_search_template", "Text search templates", "text search template",
			 NULL},
    [OBJ_CAST] = {"cast", "Casts", "cast", NULL},
    [OBJ_FOREIGN_DATA_WRAPPER] = {"foreign_data_wrapper", "Foreign data wrappers",
				  "foreign data wrapper", NULL},
    [OBJ_SERVER] = {"server", "Foreign servers", "foreign server", NULL},
    [OBJ_USER_MAPPING] = {"user_mapping", "User mappings", "user mapping", "server"},
    [OBJ_STATISTICS] = {"statistics", "Statistics objects", "statistics object", "on"},
    [OBJ_TRANSFORM] = {"transform", "Transforms", "transform", "language"},
    [OBJ_LANGUAGE] = {"language", "Languages", "language", NULL},
    [OBJ_ACCESS_METHOD] = {"access_method", "Access methods", "access method", NULL},
};

const char *object_kind_label(enum object_kind k)
{
	return (unsigned)k < N_OBJECT_KINDS ? object_kinds[k].label : "object";
}

bool object_name_is_identifier(enum object_kind k)
{
	return k != OBJ_OPERATOR && k != OBJ_CAST && k != OBJ_TRANSFORM;
}

const char *object_kind_on(enum object_kind k)
{
	return (unsigned)k < N_OBJECT_KINDS ? object_kinds[k].on : NULL;
}

const char *object_kind_name(enum object_kind k)
{
	return (unsigned)k < N_OBJECT_KINDS ? object_kinds[k].name : "object";
}

const char *object_kind_title(enum object_kind k)
{
	return (unsigned)k < N_OBJECT_KINDS ? object_kinds[k].title : "Objects";
}

/* Does h's ACL, started from a default that gave PUBLIC a privilege, no longer give it any? */
static bool public_revoked(const struct objhdr *h)
{
	if (!h->acl_set)
		return false;
	for (size_t i = 0; i < h->grants.n; i++)
		if (strcmp(((const struct grant *)h->grants.v[i])->grantee, "PUBLIC") == 0)
			return false;
	return true;
}

/* public_default: the kind's default ACL gives PUBLIC a privilege. */
static void push_owned(struct ptrvec *out, const char *kind, const struct objhdr *h,
		       const char *arguments, const struct object *object, bool public_default)
{
	bool revoked = public_default && public_revoked(h);
	if (!h->included || (h->owner == NULL && h->grants.n == 0 && !revoked))
		return;
	struct owned *o = xcalloc(1, sizeof(*o));
	*o = (struct owned){kind, h->schema, h->name, arguments, object, h, revoked};
	ptrvec_push(out, o);
}

void model_owned(const struct model *m, struct ptrvec *out)
{
	for (size_t i = 0; i < m->schemas.n; i++)
		push_owned(out, "schema", m->schemas.v[i], NULL, NULL, false);
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		push_owned(out, t->kind == TABLE_FOREIGN ? "foreign table" : "table", &t->h, NULL,
			   NULL, false);
	}
	for (size_t i = 0; i < m->views.n; i++) {
		const struct view *v = m->views.v[i];
		push_owned(out, v->materialized ? "materialized view" : "view", &v->h, NULL, NULL,
			   false);
	}
	for (size_t i = 0; i < m->sequences.n; i++)
		push_owned(out, "sequence", m->sequences.v[i], NULL, NULL, false);
	for (size_t i = 0; i < m->types.n; i++)
		push_owned(out, "type", m->types.v[i], NULL, NULL, true);
	for (size_t i = 0; i < m->functions.n; i++) {
		const struct function *f = m->functions.v[i];
		push_owned(out, func_kind_name(f->kind), &f->h, f->arguments ? f->arguments : "",
			   NULL, true);
	}
	for (size_t i = 0; i < m->objects.n; i++) {
		const struct object *o = m->objects.v[i];
		push_owned(out, object_kind_label(o->kind), &o->h, NULL, o,
			   o->kind == OBJ_LANGUAGE);
	}
}

void model_owned_free(struct ptrvec *owned)
{
	for (size_t i = 0; i < owned->n; i++)
		free(owned->v[i]);
	ptrvec_free(owned);
}

struct table_ref {
	const char *schema;
	const char *name;
	size_t index; /* position in m->tables */
};

struct table_index {
	struct table_ref *refs; /* sorted by schema, then name */
	size_t n;
};

static int compare_table_refs(const void *a, const void *b)
{
	const struct table_ref *x = a, *y = b;
	int c = strcmp(x->schema, y->schema);
	return c != 0 ? c : strcmp(x->name, y->name);
}

struct table_index *table_index_new(const struct model *m)
{
	struct table_index *ix = xcalloc(1, sizeof(*ix));
	ix->refs = xcalloc(m->tables.n ? m->tables.n : 1, sizeof(*ix->refs));
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (t->h.included)
			ix->refs[ix->n++] = (struct table_ref){t->h.schema, t->h.name, i};
	}
	/* After model_sort the tables are in this order already: no sort then
	   (the diagrams' plans build an index each, many times for the report). */
	bool sorted = true;
	for (size_t i = 1; i < ix->n && sorted; i++)
		sorted = compare_table_refs(&ix->refs[i - 1], &ix->refs[i]) <= 0;
	if (!sorted)
		qsort(ix->refs, ix->n, sizeof(*ix->refs), compare_table_refs);
	return ix;
}

long table_index_find(const struct table_index *ix, const char *schema, const char *name)
{
	if (schema == NULL || name == NULL || ix->n == 0)
		return -1;
	struct table_ref key = {schema, name, 0};
	const struct table_ref *hit =
	    bsearch(&key, ix->refs, ix->n, sizeof(key), compare_table_refs);
	return hit ? (long)hit->index : -1;
}

void table_index_free(struct table_index *ix)
{
	if (ix == NULL)
		return;
	free(ix->refs);
	free(ix);
}

struct default_acl *model_find_default_acl(struct model *m, const char *role, const char *schema,
					   const char *kind)
{
	for (size_t i = 0; i < m->default_acls.n; i++) {
		struct default_acl *d = m->default_acls.v[i];
		if (strcmp(d->h.name, role) == 0 && strcmp(d->kind, kind) == 0 &&
		    (d->h.schema == NULL ? schema == NULL
					 : schema != NULL && strcmp(d->h.schema, schema) == 0))
			return d;
	}
	return NULL;
}

struct default_acl *model_add_default_acl(struct model *m, const char *role, const char *schema,
					  const char *kind)
{
	struct default_acl *d = model_find_default_acl(m, role, schema, kind);
	if (d != NULL)
		return d;
	d = arena_alloc(m->arena, sizeof(*d));
	init_hdr(m, &d->h, schema, role);
	d->kind = arena_strdup(m->arena, kind);
	ptrvec_push(&m->default_acls, d);
	return d;
}

const char *default_acl_all(const char *kind)
{
	if (strcmp(kind, "tables") == 0)
		return "SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER";
	if (strcmp(kind, "sequences") == 0)
		return "USAGE, SELECT, UPDATE";
	if (strcmp(kind, "functions") == 0)
		return "EXECUTE";
	if (strcmp(kind, "types") == 0)
		return "USAGE";
	return "USAGE, CREATE";
}
