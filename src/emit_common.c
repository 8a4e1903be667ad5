/*
 * emit_common.c
 *	  Helpers shared by the emitters: joining name lists, writing text
 *	  with its unsafe characters escaped.
 */
#include "emit.h"
#include "escape.h"

#include <string.h>

char *emit_join(const struct ptrvec *pv, const char *sep)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < pv->n; i++) {
		if (i > 0)
			sb_append(&sb, sep);
		if (pv->v[i] != NULL)
			sb_append(&sb, pv->v[i]);
	}
	return sb_steal(&sb);
}

void emit_put_escaped(struct sink *out, const char *s)
{
	char esc[ESCAPE_MAX];
	const char *run = s; /* start of the pending raw run */

	while (*s) {
		size_t len = escape_char(s, esc);
		if (esc[0] != '\0') {
			sink_write(out, run, (size_t)(s - run));
			sink_puts(out, esc);
			run = s + len;
		}
		s += len;
	}
	sink_write(out, run, (size_t)(s - run));
}
