/*
 * fingerprint.h
 *	  The schema fingerprint: SHA-256 (OpenSSL) over a canonical
 *	  serialisation of the model's included objects, one line per object
 *	  part, sorted, so it does not depend on statement order, whitespace or
 *	  formatting in the dump.  docs/fingerprint.md documents the lines; the
 *	  same lines name the first differences when several dumps disagree.
 */
#ifndef PGB_FINGERPRINT_H
#define PGB_FINGERPRINT_H

#include "model.h"

/* The canonical lines, sorted (malloc'd strings in a malloc'd ptrvec). */
void fingerprint_lines(const struct model *m, struct ptrvec *out);
void fingerprint_lines_free(struct ptrvec *lines);

/* "sha256v2:<64 hex digits>" into buf (at least FINGERPRINT_LEN bytes).  The prefix names the
 * layout of the lines (docs/fingerprint.md): a new layout, a new prefix. */
#define FINGERPRINT_PREFIX "sha256v2:"
#define FINGERPRINT_LEN	   (sizeof(FINGERPRINT_PREFIX) + 64)
/* false (buf "") when OpenSSL cannot compute SHA-256 here. */
bool fingerprint_model(const struct model *m, char *buf);

/*
 * Lines in a but not in b ("- ...") and in b but not in a ("+ ..."), at most
 * `max` of them, appended to out as "  - line\n".  Returns how many differ.
 */
int fingerprint_diff(const struct ptrvec *a, const struct ptrvec *b, int max, struct strbuf *out);

#endif /* PGB_FINGERPRINT_H */
