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

/* Room for any escape emit_char() writes ("\u202e", "\x07") and its NUL. */
#define EMIT_ESCAPE_MAX 12

/*
 * Shared by the text and Markdown emitters, so that a name or comment from
 * the dump can neither break a report's layout nor hide text from its
 * reader: the length in bytes (1-4) of the character at s (not at its
 * NUL).  esc gets "" when the character may be written as is, otherwise
 * the visible escape to write instead: "\n", "\t", "\r", "\x07" for other
 * control bytes, DEL and bytes that are not valid UTF-8, "\u202e" for C1
 * controls, line and paragraph separators, and invisible or
 * bidirectional formatting characters.
 */
size_t emit_char(const char *s, char esc[EMIT_ESCAPE_MAX]);

#endif /* PGB_EMIT_H */
