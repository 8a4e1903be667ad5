/*
 * grants.c
 *	  The privileges granted on an object, kept as PostgreSQL keeps its ACL:
 *	  one item per grantee, whatever number of GRANT statements gave them.
 *
 *	  An object's grants are at most two entries per grantee: the
 *	  privileges it holds WITH GRANT OPTION and those it holds without (the
 *	  two GRANT statements pg_dump writes for one mixed ACL item).  GRANT
 *	  merges into them, REVOKE takes privileges away (and REVOKE GRANT
 *	  OPTION FOR moves them from the first entry to the second); an entry
 *	  left with nothing is dropped.  A privilege is a table-level one
 *	  ("SELECT", or "ALL" for every privilege of the object's kind) or a
 *	  column one ("SELECT" on columns a, b), kept in the order first granted
 *	  so that the text is the statement's own when one GRANT made it.
 *	  Revoking a table-level privilege revokes it from every column too, as
 *	  PostgreSQL does.
 *
 *	  Lookups are hashed once lists grow (strmap_list_find), so a dump of
 *	  millions of GRANTs costs time and memory by the grants that remain.
 *	  The text (struct grant.privileges) is made by grants_render(), from
 *	  model_sort().
 */
#include "model.h"

#include "strmap.h"

#include <stdlib.h>
#include <string.h>

/* An entry emptied by REVOKE, waiting for grants_compact(). */
#define DEAD(g) ((g)->privs.n == 0)

static const char *grant_key(const void *g)
{
	return ((const struct grant *)g)->key;
}

static const char *privilege_key(const void *p)
{
	return ((const struct privilege *)p)->key;
}

static const char *column_name(const void *c)
{
	return c;
}

/* The entry of grantee with (or without) the grant option, or NULL. */
static struct grant *find_entry(struct objhdr *h, const char *grantee, bool option,
				struct strbuf *key)
{
	sb_reset(key);
	sb_printf(key, "%s\x1f%d", grantee, option);
	struct grant *g = strmap_list_find(&h->grant_ix, &h->grants, grant_key, key->data);
	return g && !DEAD(g) ? g : NULL;
}

static struct privilege *find_priv(struct grant *g, const char *name, bool columns,
				   struct strbuf *key)
{
	sb_reset(key);
	sb_printf(key, "%d%s", columns, name);
	return strmap_list_find(&g->priv_ix, &g->privs, privilege_key, key->data);
}

static struct privilege *add_priv(struct model *m, struct grant *g, const char *name, bool columns,
				  const char *key)
{
	struct privilege *p = arena_alloc(m->arena, sizeof(*p));
	p->name = arena_strdup(m->arena, name);
	p->columns = columns;
	p->key = arena_strdup(m->arena, key);
	ptrvec_push(&g->privs, p);
	strmap_list_added(g->priv_ix, p->key, p);
	g->dirty = true;
	return p;
}

static void free_priv(struct privilege *p)
{
	ptrvec_free(&p->cols);
	strmap_free(p->col_ix);
}

/* Drop the privileges of g for which keep() is false (order kept), and their indexes. */
static void drop_privs(struct grant *g, bool (*drop)(const struct privilege *, const void *),
		       const void *arg)
{
	size_t k = 0;
	for (size_t i = 0; i < g->privs.n; i++) {
		struct privilege *p = g->privs.v[i];
		if (drop(p, arg)) {
			free_priv(p);
			g->dirty = true;
		} else {
			g->privs.v[k++] = p;
		}
	}
	if (k != g->privs.n) {
		g->privs.n = k;
		strmap_free(g->priv_ix); /* rebuilt when needed */
		g->priv_ix = NULL;
	}
}

static bool is_table_level(const struct privilege *p, const void *arg)
{
	return !p->columns;
}

static bool is_named(const struct privilege *p, const void *arg)
{
	return strcmp(p->name, arg) == 0 && !p->columns;
}

static bool is_columns_named(const struct privilege *p, const void *arg)
{
	return p->columns && (arg == NULL || strcmp(p->name, arg) == 0);
}

static bool is_empty_columns(const struct privilege *p, const void *arg)
{
	return p->columns && p->cols.n == 0;
}

/* Add column `col` to column privilege p, unless it has it. */
static void add_column(struct model *m, struct grant *g, struct privilege *p, const char *col)
{
	if (strmap_list_find(&p->col_ix, &p->cols, column_name, col))
		return;
	char *c = arena_strdup(m->arena, col);
	ptrvec_push(&p->cols, c);
	strmap_list_added(p->col_ix, c, c);
	g->dirty = true;
}

/* Remove column `col` from column privilege p; true when it had it. */
static bool remove_column(struct grant *g, struct privilege *p, const char *col)
{
	if (!strmap_list_find(&p->col_ix, &p->cols, column_name, col))
		return false;
	for (size_t i = 0; i < p->cols.n; i++) {
		if (strcmp(p->cols.v[i], col) == 0) {
			memmove(&p->cols.v[i], &p->cols.v[i + 1],
				(p->cols.n - i - 1) * sizeof(void *));
			p->cols.n--;
			break;
		}
	}
	if (p->col_ix)
		strmap_remove(p->col_ix, col);
	g->dirty = true;
	return true;
}

/* Every privilege "ALL" stands for on this kind ("SELECT, INSERT, ..."), split. */
static void split_all(const char *all, struct ptrvec *out)
{
	for (const char *s = all; s && *s;) {
		size_t n = strcspn(s, ",");
		ptrvec_push(out, xstrndup(s, n));
		s += n;
		while (*s == ',' || *s == ' ')
			s++;
	}
}

/*
 * Replace g's table-level ALL by the privileges it stands for, but
 * `except` (NULL: none).  False when `all` is not known for this kind:
 * ALL then stays, as nothing better can be said.
 */
static bool expand_all(struct model *m, struct grant *g, const char *all, const char *except,
		       struct strbuf *key)
{
	if (all == NULL)
		return false;
	struct privilege *a = find_priv(g, "ALL", false, key);
	if (a == NULL)
		return true;
	struct ptrvec names = {0};
	split_all(all, &names);
	drop_privs(g, is_named, "ALL");
	for (size_t i = 0; i < names.n; i++) {
		const char *n = names.v[i];
		if ((except == NULL || strcmp(n, except) != 0) && !find_priv(g, n, false, key)) {
			sb_reset(key);
			sb_printf(key, "0%s", n);
			add_priv(m, g, n, false, key->data);
		}
		free(names.v[i]);
	}
	ptrvec_free(&names);
	return true;
}

/* Does g hold privilege p (all of its columns, for a column privilege)? */
static bool holds(struct grant *g, const struct privilege *p, const char *col, struct strbuf *key)
{
	if (g == NULL)
		return false;
	if (!p->columns && find_priv(g, "ALL", false, key))
		return true;
	struct privilege *have = find_priv(g, p->name, p->columns, key);
	if (have == NULL || !p->columns)
		return have != NULL;
	return strmap_list_find(&have->col_ix, &have->cols, column_name, col) != NULL;
}

static bool has_table_level(const struct grant *g)
{
	for (size_t i = 0; i < g->privs.n; i++)
		if (!((const struct privilege *)g->privs.v[i])->columns)
			return true;
	return false;
}

/* Give g privilege p (only column `col` of it, for a column privilege). */
static void give(struct model *m, struct grant *g, const struct privilege *p, const char *col,
		 const struct grant *other, const char *all, struct strbuf *key)
{
	if (!p->columns && find_priv(g, "ALL", false, key))
		return;
	if (!p->columns && strcmp(p->name, "ALL") == 0) {
		/* What the other entry holds stays there: ALL here is the rest. */
		if (other != NULL && all != NULL && has_table_level(other)) {
			struct ptrvec names = {0};
			split_all(all, &names);
			for (size_t i = 0; i < names.n; i++) {
				struct privilege one = {.name = names.v[i]};
				if (!holds((struct grant *)other, &one, NULL, key) &&
				    !find_priv(g, names.v[i], false, key)) {
					sb_reset(key);
					sb_printf(key, "0%s", (char *)names.v[i]);
					add_priv(m, g, names.v[i], false, key->data);
				}
				free(names.v[i]);
			}
			ptrvec_free(&names);
			return;
		}
		drop_privs(g, is_table_level, NULL);
	}
	struct privilege *have = find_priv(g, p->name, p->columns, key);
	if (have == NULL)
		have = add_priv(m, g, p->name, p->columns, key->data);
	if (p->columns)
		add_column(m, g, have, col);
}

/*
 * Take privilege p (column `col` of it) from g; `columns_too`: a
 * table-level privilege goes from every column as well (REVOKE).  True
 * when g held something of it.
 */
static bool take(struct model *m, struct grant *g, const struct privilege *p, const char *col,
		 bool columns_too, const char *all, struct strbuf *key)
{
	if (g == NULL)
		return false;
	bool had = false;
	if (p->columns) {
		struct privilege *have = find_priv(g, p->name, true, key);
		had = have && remove_column(g, have, col);
		if (have && have->cols.n == 0)
			drop_privs(g, is_empty_columns, NULL);
		return had;
	}
	bool every = strcmp(p->name, "ALL") == 0;
	if (columns_too) {
		size_t before = g->privs.n;
		drop_privs(g, is_columns_named, every ? NULL : p->name);
		had = g->privs.n != before;
	}
	if (every) {
		size_t before = g->privs.n;
		drop_privs(g, is_table_level, NULL);
		return had || g->privs.n != before;
	}
	if (find_priv(g, p->name, false, key)) {
		drop_privs(g, is_named, p->name);
		return true;
	}
	if (find_priv(g, "ALL", false, key) && expand_all(m, g, all, p->name, key))
		return true;
	return had;
}

/* g lost its last privilege: out of the lookup, dropped by compact(). */
static void note_dead(struct objhdr *h, struct grant *g)
{
	if (g == NULL || !DEAD(g) || g->key[0] == '\0')
		return;
	if (h->grant_ix)
		strmap_remove(h->grant_ix, g->key);
	g->key = ""; /* no live key is empty: a linear search passes it by */
	h->grants_dead++;
}

/*
 * Drop the entries REVOKE emptied.  Amortized: only once they are as many
 * as the live ones, and always before rendering.
 */
static void compact(struct objhdr *h, bool always)
{
	if (h->grants_dead == 0 || (!always && h->grants_dead * 2 < h->grants.n))
		return;
	size_t k = 0;
	for (size_t i = 0; i < h->grants.n; i++) {
		struct grant *g = h->grants.v[i];
		if (DEAD(g)) {
			ptrvec_free(&g->privs);
			strmap_free(g->priv_ix);
			g->priv_ix = NULL;
		} else {
			h->grants.v[k++] = g;
		}
	}
	h->grants.n = k;
	h->grants_dead = 0;
}

/* The entry of grantee with (or without) the grant option, made when absent. */
static struct grant *entry(struct model *m, struct objhdr *h, const char *grantee, bool option,
			   struct strbuf *key)
{
	struct grant *g = find_entry(h, grantee, option, key);
	if (g != NULL)
		return g;
	g = arena_alloc(m->arena, sizeof(*g));
	g->grantee = arena_strdup(m->arena, grantee);
	g->with_grant_option = option;
	g->key = arena_strdup(m->arena, key->data);
	ptrvec_push(&h->grants, g);
	strmap_list_added(h->grant_ix, g->key, g);
	return g;
}

/*
 * REVOKE GRANT OPTION FOR p (column `col` of it): what `with` holds of p
 * is taken from it and given to `without`.
 */
static void move_option(struct model *m, struct objhdr *h, const char *grantee,
			const struct privilege *p, const char *col, const char *all,
			struct strbuf *key)
{
	struct grant *with = find_entry(h, grantee, true, key);
	if (with == NULL)
		return;
	bool every = !p->columns && strcmp(p->name, "ALL") == 0;
	struct ptrvec back = {0}; /* struct privilege *, one column each */

	for (size_t j = 0; j < with->privs.n; j++) {
		const struct privilege *q = with->privs.v[j];
		if (q->columns) {
			/* A table-level privilege's option goes from its columns too. */
			if (strcmp(q->name, p->name) != 0 && !every)
				continue;
			for (size_t k = 0; k < q->cols.n; k++) {
				if (p->columns && strcmp(q->cols.v[k], col) != 0)
					continue;
				struct privilege *one = arena_alloc(m->arena, sizeof(*one));
				*one = (struct privilege){.name = q->name, .columns = true};
				ptrvec_push(&one->cols, q->cols.v[k]);
				ptrvec_push(&back, one);
			}
		} else if (!p->columns && (every || strcmp(q->name, p->name) == 0 ||
					   strcmp(q->name, "ALL") == 0)) {
			struct privilege *one = arena_alloc(m->arena, sizeof(*one));
			/* Out of ALL, only p leaves. */
			*one = (struct privilege){
			    .name = strcmp(q->name, "ALL") == 0 && !every ? p->name : q->name};
			ptrvec_push(&back, one);
		}
	}
	take(m, with, p, col, true, all, key);
	note_dead(h, with);
	for (size_t j = 0; j < back.n; j++) {
		struct privilege *q = back.v[j];
		struct grant *without = entry(m, h, grantee, false, key);
		give(m, without, q, q->columns ? q->cols.v[0] : NULL, NULL, all, key);
		ptrvec_free(&q->cols);
	}
	ptrvec_free(&back);
}

/* GRANT / REVOKE of one privilege (one column of a column privilege). */
static void apply_one(struct model *m, struct objhdr *h, const char *grantee,
		      const struct privilege *p, const char *col, bool is_grant, bool option,
		      const char *all, struct strbuf *key)
{
	struct strbuf key2;
	sb_init(&key2);
	struct grant *with = find_entry(h, grantee, true, &key2);
	struct grant *without = find_entry(h, grantee, false, &key2);
	if (is_grant && option) {
		give(m, entry(m, h, grantee, true, &key2), p, col, NULL, all, key);
		take(m, without, p, col, false, all, key);
		note_dead(h, without);
	} else if (is_grant) {
		if (!holds(with, p, col, key))
			give(m, entry(m, h, grantee, false, &key2), p, col, with, all, key);
	} else if (option) {
		move_option(m, h, grantee, p, col, all, key);
	} else {
		take(m, with, p, col, true, all, key);
		take(m, without, p, col, true, all, key);
		note_dead(h, with);
		note_dead(h, without);
	}
	sb_free(&key2);
}

void grants_apply(struct model *m, struct objhdr *h, const char *grantee,
		  const struct ptrvec *privs, bool is_grant, bool grant_option, const char *all)
{
	struct strbuf key;
	sb_init(&key);
	for (size_t i = 0; i < privs->n; i++) {
		const struct privilege *p = privs->v[i];
		if (!p->columns)
			apply_one(m, h, grantee, p, NULL, is_grant, grant_option, all, &key);
		for (size_t c = 0; p->columns && c < p->cols.n; c++)
			apply_one(m, h, grantee, p, p->cols.v[c], is_grant, grant_option, all,
				  &key);
	}
	compact(h, false);
	sb_free(&key);
}

/* "SELECT, INSERT", "SELECT(a, b)", "ALL", in the order first granted. */
static const char *render(struct model *m, const struct grant *g)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "");
	for (size_t i = 0; i < g->privs.n; i++) {
		const struct privilege *p = g->privs.v[i];
		if (i)
			sb_append(&sb, ", ");
		sb_append(&sb, p->name);
		if (!p->columns)
			continue;
		sb_putc(&sb, '(');
		for (size_t c = 0; c < p->cols.n; c++)
			sb_printf(&sb, "%s%s", c ? ", " : "", (const char *)p->cols.v[c]);
		sb_putc(&sb, ')');
	}
	const char *r = arena_strdup(m->arena, sb.data);
	sb_free(&sb);
	return r;
}

void grants_render(struct model *m, struct objhdr *h)
{
	compact(h, true);
	for (size_t i = 0; i < h->grants.n; i++) {
		struct grant *g = h->grants.v[i];
		if (g->dirty || g->privileges == NULL)
			g->privileges = render(m, g);
		g->dirty = false;
	}
}

void grants_free(struct objhdr *h)
{
	for (size_t i = 0; i < h->grants.n; i++) {
		struct grant *g = h->grants.v[i];
		for (size_t j = 0; j < g->privs.n; j++)
			free_priv(g->privs.v[j]);
		ptrvec_free(&g->privs);
		strmap_free(g->priv_ix);
	}
	ptrvec_free(&h->grants);
	strmap_free(h->grant_ix);
	h->grant_ix = NULL;
}
