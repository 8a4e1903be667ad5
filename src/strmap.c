/*
 * strmap.c
 *	  Open-addressing hash map with linear probing and tombstones.
 */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

static char tombstone; /* marks a deleted slot so probing continues past it */

struct slot {
	char *key; /* NULL: empty; &tombstone: deleted */
	void *value;
};

struct strmap {
	struct slot *slots;
	size_t cap;  /* a power of two */
	size_t used; /* live keys + tombstones */
};

static uint64_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

struct strmap *strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof(*m));
	m->cap = 64;
	m->slots = xcalloc(m->cap, sizeof(struct slot));
	return m;
}

void strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key && m->slots[i].key != &tombstone)
			free(m->slots[i].key);
	free(m->slots);
	free(m);
}

static struct slot *find_slot(const struct strmap *m, const char *key, bool for_insert)
{
	size_t mask = m->cap - 1;
	size_t i = hash_key(key) & mask;
	struct slot *first_free = NULL;

	for (;;) {
		struct slot *s = &m->slots[i];
		if (s->key == NULL)
			return for_insert && first_free ? first_free : s;
		if (s->key == &tombstone) {
			if (first_free == NULL)
				first_free = s;
		} else if (strcmp(s->key, key) == 0) {
			return s;
		}
		i = (i + 1) & mask;
	}
}

/* Rehash into a table twice as large, or as large when tombstones take the room. */
static void grow(struct strmap *m)
{
	struct slot *old = m->slots;
	size_t old_cap = m->cap, live = 0;

	for (size_t i = 0; i < old_cap; i++)
		live += old[i].key && old[i].key != &tombstone;
	if (live * 2 >= old_cap)
		m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(struct slot));
	m->used = 0;
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i].key && old[i].key != &tombstone) {
			*find_slot(m, old[i].key, true) = old[i];
			m->used++;
		}
	}
	free(old);
}

void strmap_put(struct strmap *m, const char *key, void *value)
{
	if ((m->used + 1) * 4 >= m->cap * 3)
		grow(m);
	struct slot *s = find_slot(m, key, true);
	if (s->key == NULL || s->key == &tombstone) {
		if (s->key == NULL)
			m->used++;
		s->key = xstrdup(key);
	}
	s->value = value;
}

void *strmap_get(const struct strmap *m, const char *key)
{
	struct slot *s = find_slot(m, key, false);
	return s->key ? s->value : NULL;
}

bool strmap_has(const struct strmap *m, const char *key)
{
	return find_slot(m, key, false)->key != NULL;
}

void strmap_remove(struct strmap *m, const char *key)
{
	struct slot *s = find_slot(m, key, false);
	if (s->key == NULL)
		return;
	free(s->key);
	s->key = &tombstone;
	s->value = NULL;
}

void *strmap_list_find(struct strmap **ix, const struct ptrvec *pv,
		       const char *(*name_of)(const void *obj), const char *name)
{
	if (*ix == NULL && pv->n <= STRMAP_LIST_LINEAR) {
		for (size_t i = 0; i < pv->n; i++)
			if (strcmp(name_of(pv->v[i]), name) == 0)
				return pv->v[i];
		return NULL;
	}
	if (*ix == NULL) {
		*ix = strmap_new();
		for (size_t i = 0; i < pv->n; i++)
			strmap_list_added(*ix, name_of(pv->v[i]), pv->v[i]);
	}
	return strmap_get(*ix, name);
}

void strmap_list_added(struct strmap *ix, const char *name, void *obj)
{
	if (ix != NULL && !strmap_has(ix, name))
		strmap_put(ix, name, obj);
}
