/*
 * arena.h
 *	  A bump allocator.  The schema model lives in one arena for the whole
 *	  run and is freed at once at exit; nothing in it is freed piecemeal.
 */
#ifndef PGB_ARENA_H
#define PGB_ARENA_H

#include "pgb.h"

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);

/* Forget every allocation but keep the first block for reuse (scratch arenas). */
void arena_reset(struct arena *a);

/* Zeroed memory owned by the arena. */
void *arena_alloc(struct arena *a, size_t n);
/* Copies owned by the arena; NULL in gives NULL out. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) PGB_PRINTF(2, 3);

/* Bytes handed out so far (for the benchmark's memory report). */
size_t arena_used(const struct arena *a);

#endif /* PGB_ARENA_H */
