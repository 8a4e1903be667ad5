/*
 * strmap.h
 *	  A string-keyed hash map (open addressing, FNV-1a).  Keys are copied
 *	  into the map; values are the caller's.  Used for the model's name
 *	  lookups and small caches.
 */
#ifndef PGB_STRMAP_H
#define PGB_STRMAP_H

#include "pgb.h"

struct strmap;

struct strmap *strmap_new(void);
void strmap_free(struct strmap *m);
/* Insert or replace. */
void strmap_put(struct strmap *m, const char *key, void *value);
/* NULL when absent. */
void *strmap_get(const struct strmap *m, const char *key);
bool strmap_has(const struct strmap *m, const char *key);
void strmap_remove(struct strmap *m, const char *key);

/*
 * A name lookup over a list of named objects (a table's columns...) that
 * stays a linear search while the list is short and becomes a map from
 * name to the FIRST object of that name once the list is long, so that a
 * lookup per added object is not quadratic.  *ix starts NULL and is built
 * on the first lookup past STRMAP_LIST_LINEAR entries; keep it current with
 * strmap_list_added() after each push onto the list, and free it with
 * strmap_free().  name_of gives an object's name (never NULL).
 */
#define STRMAP_LIST_LINEAR 16
void *strmap_list_find(struct strmap **ix, const struct ptrvec *pv,
		       const char *(*name_of)(const void *obj), const char *name);
/* obj was pushed onto the list under `name`: index it unless that name is taken. */
void strmap_list_added(struct strmap *ix, const char *name, void *obj);

#endif /* PGB_STRMAP_H */
