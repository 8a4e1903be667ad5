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

#endif /* PGB_STRMAP_H */
