/*
 * diag.c
 *	  Diagnostics in the `FILE:LINE:COL: severity: message` form.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static int n_errors;
static int n_warnings;
static bool quiet;

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
	n_warnings++;
	if (quiet)
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
