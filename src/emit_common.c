/*
 * emit_common.c
 *	  Helpers shared by the inventory emitters: joining name lists.
 */
#include "emit.h"

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
