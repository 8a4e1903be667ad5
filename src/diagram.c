/*
 * diagram.c
 *	  The plan both ER diagram emitters draw (diagram.h): which entities,
 *	  in which order, and which relationships with which cardinality.
 */
#include "facts.h"
#include "diagram.h"

#include <stdlib.h>
#include <string.h>

static long column_index(const struct table *t, const char *name)
{
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = t->columns.v[i];
		if (strcmp(c->name, name) == 0)
			return (long)i;
	}
	return -1;
}

static const char *ref_schema(const struct table *t, const struct constraint *fk)
{
	return fk->ref_schema ? fk->ref_schema : facts_nz(t->h.schema);
}

static size_t count_foreign_keys(const struct table *t)
{
	size_t n = 0;
	for (size_t j = 0; j < t->constraints.n; j++) {
		const struct constraint *c = t->constraints.v[j];
		n += c->kind == CON_FOREIGN;
	}
	return n;
}

/*
 * The planning of diagram_plan_opts.  Nodes are the tables drawn in full
 * (their index in m->tables) and the stubs (n_tables + their index in
 * stubs); a foreign key of a table or of a partition collapsed into it is
 * an edge between two nodes.
 */
struct plan {
	const struct model *m;
	const struct diagram_opts *o;
	struct table_index *ix;
	size_t n_tables;
	long *rep;	 /* per table: the table drawn for it (its top partitioned table), or -1 */
	bool *scope;	 /* per table: drawn in full (rep of itself, in the schema) */
	size_t *members; /* per table: tables collapsed into it (itself not counted) */
	struct stub *stubs; /* referenced tables not drawn in full */
	size_t n_stubs;
	struct edge *edges; /* candidate relationships, by child, then constraint order */
	size_t n_edges;
};

struct stub {
	const char *schema, *name;
};

struct edge {
	size_t child, parent; /* nodes */
	size_t table;	      /* the table whose constraint it is */
	const struct constraint *fk;
};

static bool same_names(const struct ptrvec *a, const struct ptrvec *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(facts_nz(a->v[i]), facts_nz(b->v[i])) != 0)
			return false;
	return true;
}

/* The table a partition is drawn as: its topmost included partitioned ancestor. */
static long top_parent(const struct plan *p, size_t i)
{
	long at = (long)i;
	for (size_t hops = 0; hops < p->n_tables; hops++) {
		const struct table *t = p->m->tables.v[at];
		/* a partition, or a partitioned table that is one (sub-partitioned) */
		if (t->parent_table == NULL ||
		    (t->kind != TABLE_PARTITION && t->kind != TABLE_PARTITIONED))
			break;
		long up = table_index_find(
		    p->ix, t->parent_schema ? t->parent_schema : facts_nz(t->h.schema),
		    t->parent_table);
		if (up < 0 || up == at)
			break;
		at = up;
	}
	return at;
}

static size_t stub_node(struct plan *p, const char *schema, const char *name)
{
	for (size_t i = 0; i < p->n_stubs; i++)
		if (strcmp(p->stubs[i].schema, schema) == 0 && strcmp(p->stubs[i].name, name) == 0)
			return p->n_tables + i;
	p->stubs[p->n_stubs] = (struct stub){schema, name};
	return p->n_tables + p->n_stubs++;
}

/* A collapsed foreign key that one already planned between the same nodes repeats. */
static bool repeats(const struct plan *p, const struct edge *e, size_t from)
{
	for (size_t k = from; k < p->n_edges; k++) {
		const struct edge *x = &p->edges[k];
		if (x->child == e->child && x->parent == e->parent &&
		    same_names(&x->fk->columns, &e->fk->columns) &&
		    same_names(&x->fk->ref_columns, &e->fk->ref_columns) &&
		    strcmp(ref_schema(p->m->tables.v[x->table], x->fk),
			   ref_schema(p->m->tables.v[e->table], e->fk)) == 0 &&
		    strcmp(facts_nz(x->fk->ref_table), facts_nz(e->fk->ref_table)) == 0)
			return true;
	}
	return false;
}

/* The foreign keys of table j, drawn from node rep[j]. */
static void add_edges(struct plan *p, size_t j, size_t first_of_child)
{
	const struct table *t = p->m->tables.v[j];
	for (size_t k = 0; k < t->constraints.n; k++) {
		const struct constraint *c = t->constraints.v[k];
		if (c->kind != CON_FOREIGN)
			continue;
		long hit = table_index_find(p->ix, ref_schema(t, c), facts_nz(c->ref_table));
		struct edge e = {(size_t)p->rep[j], 0, j, c};
		bool collapsed = p->rep[j] != (long)j;
		if (hit >= 0 && p->scope[p->rep[hit]]) {
			e.parent = (size_t)p->rep[hit];
			collapsed |= p->rep[hit] != hit;
		} else if (hit >= 0) {
			const struct table *r = p->m->tables.v[p->rep[hit]];
			e.parent = stub_node(p, facts_nz(r->h.schema), facts_nz(r->h.name));
			collapsed |= p->rep[hit] != hit;
		} else {
			e.parent = stub_node(p, ref_schema(t, c), facts_nz(c->ref_table));
		}
		if (collapsed && repeats(p, &e, first_of_child))
			continue;
		p->edges[p->n_edges++] = e;
	}
}

/* Nodes within depth hops of start, either way along the edges: drawn[node] set. */
static void mark_around(const struct plan *p, size_t start, int depth, bool *drawn)
{
	size_t n_nodes = p->n_tables + p->n_stubs;
	size_t *queue = xcalloc(n_nodes + 1, sizeof(*queue));
	int *dist = xcalloc(n_nodes + 1, sizeof(*dist));
	size_t head = 0, tail = 0;

	for (size_t i = 0; i < n_nodes; i++)
		dist[i] = -1;
	dist[start] = 0;
	queue[tail++] = start;
	while (head < tail) {
		size_t at = queue[head++];
		drawn[at] = true;
		if (dist[at] >= depth)
			continue;
		for (size_t k = 0; k < p->n_edges; k++) {
			const struct edge *e = &p->edges[k];
			size_t next = e->child == at ? e->parent : e->parent == at ? e->child : at;
			if (next != at && dist[next] < 0) {
				dist[next] = dist[at] + 1;
				queue[tail++] = next;
			}
		}
	}
	free(queue);
	free(dist);
}

static const struct plan *stub_order_plan;

static int compare_stub_nodes(const void *a, const void *b)
{
	const struct stub *x = &stub_order_plan->stubs[*(const size_t *)a];
	const struct stub *y = &stub_order_plan->stubs[*(const size_t *)b];
	int c = strcmp(x->schema, y->schema);
	return c != 0 ? c : strcmp(x->name, y->name);
}

/* The column of the key's first name in t, or -1; -1 too when --keys-only hides it. */
static long key_column(const struct table *t, const struct ptrvec *names, bool keys_only)
{
	if (t == NULL || names->n == 0)
		return -1;
	const char *name = facts_nz(names->v[0]);
	if (keys_only && diagram_column_keys(t, name) == 0)
		return -1;
	return column_index(t, name);
}

void diagram_plan_opts(const struct model *m, const struct diagram_opts *opts, struct diagram *d)
{
	static const struct diagram_opts everything = {0};
	const struct diagram_opts *o = opts ? opts : &everything;
	struct plan p = {.m = m, .o = o, .ix = table_index_new(m), .n_tables = m->tables.n};
	size_t n = m->tables.n, n_fks = 0;

	p.rep = xcalloc(n + 1, sizeof(*p.rep));
	p.scope = xcalloc(n + 1, sizeof(*p.scope));
	p.members = xcalloc(n + 1, sizeof(*p.members));
	for (size_t i = 0; i < n; i++) {
		const struct table *t = m->tables.v[i];
		p.rep[i] = -1;
		if (t->h.included)
			n_fks += count_foreign_keys(t);
	}
	p.stubs = xcalloc(n_fks + 1, sizeof(*p.stubs));
	p.edges = xcalloc(n_fks + 1, sizeof(*p.edges));

	long around = -1;
	for (size_t i = 0; i < n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included)
			continue;
		p.rep[i] = o->partitions ? (long)i : top_parent(&p, i);
		if (t == o->around)
			around = p.rep[i];
	}
	for (size_t i = 0; i < n; i++) {
		const struct table *t = m->tables.v[i];
		p.scope[i] = p.rep[i] == (long)i &&
			     (o->schema == NULL || strcmp(facts_nz(t->h.schema), o->schema) == 0);
		if (p.rep[i] >= 0 && p.rep[i] != (long)i)
			p.members[p.rep[i]]++;
	}
	if (around >= 0)
		p.scope[around] = true;

	/* The edges by child: each drawn table's own keys, then its partitions' in model order. */
	size_t *first = xcalloc(n + 1, sizeof(*first)), *last = xcalloc(n + 1, sizeof(*last));
	size_t *next = xcalloc(n + 1, sizeof(*next)); /* 1-based links; 0 ends a list */
	for (size_t j = 0; j < n; j++) {
		if (p.rep[j] < 0 || p.rep[j] == (long)j)
			continue;
		size_t r = (size_t)p.rep[j];
		if (first[r] == 0)
			first[r] = j + 1;
		else
			next[last[r] - 1] = j + 1;
		last[r] = j + 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (!p.scope[i])
			continue;
		size_t from = p.n_edges;
		add_edges(&p, i, from);
		for (size_t j = first[i]; j != 0; j = next[j - 1])
			add_edges(&p, j - 1, from);
	}
	free(first);
	free(last);
	free(next);

	size_t n_nodes = n + p.n_stubs;
	bool *drawn = xcalloc(n_nodes + 1, sizeof(*drawn));
	if (around >= 0) {
		mark_around(&p, (size_t)around, o->depth > 0 ? o->depth : 1, drawn);
	} else {
		for (size_t i = 0; i < n_nodes; i++)
			drawn[i] = i >= n || p.scope[i];
	}

	size_t *entity_of = xcalloc(n_nodes + 1, sizeof(*entity_of));
	d->entities = xcalloc(n_nodes + 1, sizeof(*d->entities));
	d->rels = xcalloc(p.n_edges + 1, sizeof(*d->rels));
	d->n_entities = 0;
	d->n_rels = 0;
	for (size_t i = 0; i < n; i++) {
		const struct table *t = m->tables.v[i];
		if (!p.scope[i] || !drawn[i])
			continue;
		entity_of[i] = d->n_entities;
		d->entities[d->n_entities++] = (struct diagram_entity){
		    facts_nz(t->h.schema), facts_nz(t->h.name), t, p.members[i], o->keys_only};
	}
	/* The stubs drawn, sorted by name. */
	size_t *stubs = xcalloc(p.n_stubs + 1, sizeof(*stubs)), n_drawn_stubs = 0;
	for (size_t i = 0; i < p.n_stubs; i++)
		if (drawn[n + i])
			stubs[n_drawn_stubs++] = i;
	stub_order_plan = &p;
	qsort(stubs, n_drawn_stubs, sizeof(*stubs), compare_stub_nodes);
	stub_order_plan = NULL;
	for (size_t i = 0; i < n_drawn_stubs; i++) {
		entity_of[n + stubs[i]] = d->n_entities;
		d->entities[d->n_entities++] = (struct diagram_entity){
		    p.stubs[stubs[i]].schema, p.stubs[stubs[i]].name, NULL, 0, false};
	}
	free(stubs);

	for (size_t k = 0; k < p.n_edges; k++) {
		const struct edge *e = &p.edges[k];
		if (!drawn[e->child] || !drawn[e->parent])
			continue;
		const struct table *t = m->tables.v[e->table];
		const struct table *child = m->tables.v[e->child];
		const struct table *parent = e->parent < n ? m->tables.v[e->parent] : NULL;
		struct diagram_rel *r = &d->rels[d->n_rels++];
		r->child = entity_of[e->child];
		r->parent = entity_of[e->parent];
		r->t = t;
		r->fk = e->fk;
		fkey_cardinality(t, e->fk, &r->card);
		r->child_column = key_column(child, &e->fk->columns, o->keys_only);
		r->parent_column = key_column(parent, &e->fk->ref_columns, o->keys_only);
	}
	free(entity_of);
	free(drawn);
	free(p.rep);
	free(p.scope);
	free(p.members);
	free(p.stubs);
	free(p.edges);
	table_index_free(p.ix);
}

void diagram_plan(const struct model *m, struct diagram *d)
{
	diagram_plan_opts(m, NULL, d);
}

void diagram_free(struct diagram *d)
{
	free(d->entities);
	free(d->rels);
	d->entities = NULL;
	d->rels = NULL;
	d->n_entities = d->n_rels = 0;
}

unsigned diagram_column_keys(const struct table *t, const char *name)
{
	unsigned keys = 0;

	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		if (!colset_has(&c->columns, name))
			continue;
		if (c->kind == CON_PRIMARY)
			keys |= DIAGRAM_PK;
		else if (c->kind == CON_FOREIGN)
			keys |= DIAGRAM_FK;
		else if (c->kind == CON_UNIQUE)
			keys |= DIAGRAM_UK;
	}
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = t->indexes.v[i];
		if (ix->unique && ix->where == NULL && colset_has(&ix->columns, name))
			keys |= DIAGRAM_UK;
	}
	return keys;
}

const char *diagram_kind_label(const struct table *t)
{
	switch (t->kind) {
	case TABLE_ORDINARY:
		return NULL;
	case TABLE_PARTITIONED:
		return "partitioned table";
	case TABLE_PARTITION:
		return "partition";
	case TABLE_FOREIGN:
		return "foreign table";
	}
	return NULL;
}

size_t diagram_char(const char *s, char esc[ESCAPE_MAX])
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = escape_char(s, esc);

	/* U+FFFE is EF BF BE, U+FFFF is EF BF BF. */
	if (esc[0] == '\0' && len == 3 && u[0] == 0xef && u[1] == 0xbf && (u[2] & 0xfe) == 0xbe)
		strcpy(esc, u[2] == 0xbe ? "\\ufffe" : "\\uffff");
	return len;
}

int diagram_write(const struct diagram *d, const struct diagram_lang *lang, struct sink *out)
{
	sink_puts(out, lang->head);
	for (size_t i = 0; i < d->n_entities; i++)
		lang->entity(out, &d->entities[i], i + 1);
	for (size_t i = 0; i < d->n_rels; i++)
		lang->relationship(out, &d->rels[i]);
	lang->tail(out, d);
	return sink_finish(out);
}

int diagram_draw_opts(const struct model *m, const struct diagram_opts *opts,
		      const struct diagram_lang *lang, struct sink *out)
{
	struct diagram d;

	diagram_plan_opts(m, opts, &d);
	int rc = diagram_write(&d, lang, out);
	diagram_free(&d);
	return rc;
}

int diagram_draw(const struct model *m, const struct diagram_lang *lang, struct sink *out)
{
	return diagram_draw_opts(m, NULL, lang, out);
}
