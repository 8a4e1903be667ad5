/*
 * diag.h
 *	  Diagnostics in a list the caller owns.  Every message about the input
 *	  names the file, line and column (`FILE:LINE:COL: error: what`), so
 *	  editors and CI annotate it.  The stages below the command (input,
 *	  splitter, archive reader, builder, writers) add to the list they are
 *	  given and never print; the command prints the list (diags_print) when
 *	  a stage returns, and main() prints what is left and the count of
 *	  warnings not shown (diags_finish).  Tests read the list.
 *
 *	  Only the command line's own usage errors (diag_usage_error) are
 *	  printed at once: they come before anything is read.
 */
#ifndef PGB_DIAG_H
#define PGB_DIAG_H

#include "pgb.h"

#include <stdio.h>

/* A position in an input file; line and col are 1-based, 0 when unknown. */
struct loc {
	const char *file;
	int line;
	int col;
};

enum diag_severity {
	DIAG_ERROR,
	DIAG_WARNING,
};

/* One diagnostic; its strings belong to the list. */
struct diag {
	enum diag_severity severity;
	struct loc loc; /* loc.file a copy, or NULL */
	char *message;	/* as formatted: not yet escaped for a terminal */
};

/* Warnings past this many are counted but not kept (diags_finish says how many). */
#define DIAG_WARNINGS_SHOWN 100
/* Errors past this many likewise: a stage stops at its first error, so only a flood gets here. */
#define DIAG_ERRORS_KEPT 1000

/*
 * The list.  Zero-initialise it (or diags_init); diags_free releases what
 * it holds.  The counts count every diagnostic, kept or not.
 */
struct diags {
	struct diag *v; /* kept diagnostics, in the order they were reported */
	size_t n, cap;
	size_t printed; /* v[0 .. printed) went out through diags_print */
	long errors;
	long failures; /* of the errors, those diag_failure reported */
	long warnings;
	long warnings_kept;
	long errors_kept;
	bool quiet; /* warnings are counted, not kept (-q) */
};

void diags_init(struct diags *d);
void diags_free(struct diags *d);

void diag_error(struct diags *d, struct loc loc, const char *fmt, ...) PGB_PRINTF(3, 4);
void diag_warn(struct diags *d, struct loc loc, const char *fmt, ...) PGB_PRINTF(3, 4);
/*
 * An error of this machine rather than of the input (a temporary file
 * could not be written): printed as an error, and counted in `failures`
 * too, so the command exits 1 (PGB_EXIT_FAILURE) rather than 2.
 */
void diag_failure(struct diags *d, struct loc loc, const char *fmt, ...) PGB_PRINTF(3, 4);

/*
 * Write the diagnostics not yet printed to `f`, one line each, in the
 * `FILE:LINE:COL: severity: message` form.  Messages quote the dump and
 * file names come from the command line, so control characters, bytes
 * that are not UTF-8 and invisible formatting characters are escaped as
 * the text report escapes them (escape.h) and never reach a terminal.
 */
void diags_print(struct diags *d, FILE *f);
/* Every kept diagnostic as diags_print writes it, printed or not (malloc'd). */
char *diags_text(const struct diags *d);
/* diags_print, then one line saying how many warnings (and errors) were not kept. */
void diags_finish(struct diags *d, FILE *f);

/* A usage error, printed at once: the message and "try 'pgbaseline --help'". */
void diag_usage_error(const char *fmt, ...) PGB_PRINTF(1, 2);

/* getopt_long returned ':' (a value is missing) or '?' (unknown option): say which. */
void diag_bad_option(int getopt_result, char **argv, int optind_now);

#endif /* PGB_DIAG_H */
