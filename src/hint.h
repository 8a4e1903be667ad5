/*
 * hint.h
 *	  pg_dump's object-header comments, read with PCRE2:
 *	      Name: users; Type: TABLE; Schema: public; Owner: app
 *	      Name: users id; Type: DEFAULT; Schema: public; Owner: -
 *	  (also the verbose form, and "Data for Name: ...; Type: TABLE DATA").
 *	  A hint is only ever used to name the object a message concerns; it is
 *	  never required, and never trusted over the statement itself.
 */
#ifndef PGB_HINT_H
#define PGB_HINT_H

#include "pgb.h"

struct hint {
	char name[256];	  /* "users", "users id", "FUNCTION f(integer)"... as written */
	char type[64];	  /* "TABLE", "DEFAULT", "FK CONSTRAINT", "TABLE DATA" ... */
	char schema[128]; /* "public", or "" when written as "-" */
	char owner[128];  /* "app", or "" when written as "-" */
};

/*
 * Parse the text of one comment line (with or without its leading "-- ").
 * Returns true and fills *out when it is an object header; over-long
 * fields are truncated, never overflowed.
 */
bool hint_parse(const char *line, struct hint *out);

/* "TABLE public.users" for messages; writes at most cap bytes, NUL-terminated. */
void hint_describe(const struct hint *h, char *buf, size_t cap);

#endif /* PGB_HINT_H */
