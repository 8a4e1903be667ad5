/*
 * diag.h
 *	  The one diagnostic channel.  Every message about the input names the
 *	  file, line and column (`FILE:LINE:COL: error: what`), so editors and
 *	  CI annotate it; errors are counted so a run can finish what it can
 *	  and exit non-zero at the end.
 */
#ifndef PGB_DIAG_H
#define PGB_DIAG_H

#include "pgb.h"

/* A position in an input file; line and col are 1-based, 0 when unknown. */
struct loc {
	const char *file;
	int line;
	int col;
};

void diag_error(struct loc loc, const char *fmt, ...) PGB_PRINTF(2, 3);
void diag_warn(struct loc loc, const char *fmt, ...) PGB_PRINTF(2, 3);
/* A usage error: prints the message and "try 'pgbaseline --help'". */
void diag_usage_error(const char *fmt, ...) PGB_PRINTF(1, 2);

/* getopt_long returned ':' (a value is missing) or '?' (unknown option): say which. */
void diag_bad_option(int getopt_result, char **argv, int optind_now);

/* Warnings past this many are counted but not printed (diag.c says how many at exit). */
#define DIAG_WARNINGS_SHOWN 100

int diag_error_count(void);
int diag_warning_count(void);
/* Silence warnings (errors are always printed). */
void diag_set_quiet(bool quiet);

#endif /* PGB_DIAG_H */
