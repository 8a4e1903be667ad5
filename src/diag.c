/*
 * diag.c
 *	  Diagnostics in the `FILE:LINE:COL: severity: message` form.
 */
#include "diag.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int n_errors;
static int n_warnings;
static bool quiet;

static bool diag_warning_shown(void);

static void diag_emit(struct loc loc, const char *severity, const char *fmt, va_list ap)
{
	if (loc.file && loc.line > 0)
		fprintf(stderr, "%s:%d:%d: %s: ", loc.file, loc.line, loc.col > 0 ? loc.col : 1,
			severity);
	else if (loc.file)
		fprintf(stderr, "%s: %s: ", loc.file, severity);
	else
		fprintf(stderr, "pgbaseline: %s: ", severity);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void diag_error(struct loc loc, const char *fmt, ...)
{
	va_list ap;
	n_errors++;
	va_start(ap, fmt);
	diag_emit(loc, "error", fmt, ap);
	va_end(ap);
}

void diag_warn(struct loc loc, const char *fmt, ...)
{
	va_list ap;
	if (n_warnings < INT_MAX)
		n_warnings++;
	if (quiet || !diag_warning_shown())
		return;
	va_start(ap, fmt);
	diag_emit(loc, "warning", fmt, ap);
	va_end(ap);
}

void usage_error(const char *fmt, ...)
{
	va_list ap;
	n_errors++;
	fputs("pgbaseline: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'pgbaseline --help' for more information.\n", stderr);
}

int diag_error_count(void)
{
	return n_errors;
}

int diag_warning_count(void)
{
	return n_warnings;
}

void diag_set_quiet(bool q)
{
	quiet = q;
}

void usage_bad_option(int getopt_result, char **argv, int optind_now)
{
	if (getopt_result == ':')
		usage_error("option %s needs a value", argv[optind_now - 1]);
	else
		usage_error("unknown option %s", argv[optind_now - 1]);
}

/*
 * Only the first DIAG_WARNINGS_SHOWN warnings are printed: a dump of
 * millions of bad statements must not flood the terminal.  The rest are
 * counted (diag_warning_count() stays exact) and one last line, printed at
 * exit so that it follows every warning, says how many were not shown.
 */
static int n_shown, n_hidden;

static void diag_report_hidden(void)
{
	if (n_hidden > 0)
		fprintf(stderr, "pgbaseline: warning: %d more warning%s not shown\n", n_hidden,
			n_hidden == 1 ? "" : "s");
}

static bool diag_warning_shown(void)
{
	if (n_shown < DIAG_WARNINGS_SHOWN) {
		n_shown++;
		return true;
	}
	if (n_hidden == 0)
		atexit(diag_report_hidden);
	if (n_hidden < INT_MAX)
		n_hidden++;
	return false;
}
