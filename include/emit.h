/*
 * emit.h
 *	  The inventory emitters: the model as a text report for a migration
 *	  specialist, a Markdown document for an auditor, or JSON under the
 *	  versioned contract in docs/inventory-json.md.
 *
 *	  Each writes only the objects whose h.included is set, in the model's
 *	  order (the caller has run model_apply_filter and model_sort), and
 *	  returns 0, or -1 when writing to `out` failed.
 */
#ifndef PGB_EMIT_H
#define PGB_EMIT_H

#include "model.h"

#include <stdio.h>

enum emit_format {
	EMIT_TEXT,
	EMIT_MARKDOWN,
	EMIT_JSON,
};

int emit_text(const struct model *m, FILE *out);
int emit_markdown(const struct model *m, FILE *out);
int emit_json(const struct model *m, FILE *out);

/* Shared by the emitters: "a, b, c" of a char * ptrvec, into a malloc'd string. */
char *emit_join(const struct ptrvec *pv, const char *sep);

#endif /* PGB_EMIT_H */
