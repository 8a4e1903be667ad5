/*
 * diag.c
 *	  Diagnostics in the `FILE:LINE:COL: severity: message` form.
 *
 *	  Messages quote the dump (names, tokens, header comments, meta-command
 *	  lines) and file names come from the command line, so everything but
 *	  the final newline is written through emit_char(): control characters
 *	  (ESC, BEL, CR ...), C1 controls, bytes that are not UTF-8 and
 *	  bidirectional or invisible formatting characters appear as \xNN or
 *	  \uNNNN escapes, as in the text report, and never reach the terminal.
 */
#include "diag.h"

#include <limits.h>

#include "emit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int n_errors;
static int n_warnings;
static bool quiet;

static bool diag_warning_shown(void);

/* Text as the terminal may show it: see the header comment. */
static void put_escaped(const char *s)
{
	char esc[EMIT_ESCAPE_MAX];

	while (*s) {
		size_t n = emit_char(s, esc);
		if (esc[0])
			fputs(esc, stderr);
		else
			fwrite(s, 1, n, stderr);
		s += n;
	}
}

static void put_formatted(const char *fmt, va_list ap)
{
	char small[512];
	va_list ap2;

	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof(small), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		put_escaped(small);
		return;
	}
	char *big = xmalloc((size_t)n + 1);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	put_escaped(big);
	free(big);
}

static void diag_emit(struct loc loc, const char *severity, const char *fmt, va_list ap)
{
	if (loc.file && loc.line > 0) {
		put_escaped(loc.file);
		fprintf(stderr, ":%d:%d: %s: ", loc.line, loc.col > 0 ? loc.col : 1, severity);
	} else if (loc.file) {
		put_escaped(loc.file);
		fprintf(stderr, ": %s: ", severity);
	} else {
		fprintf(stderr, "pgbaseline: %s: ", severity);
	}
	put_formatted(fmt, ap);
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

void diag_usage_error(const char *fmt, ...)
{
	va_list ap;
	n_errors++;
	fputs("pgbaseline: ", stderr);
	va_start(ap, fmt);
	put_formatted(fmt, ap);
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

void diag_bad_option(int getopt_result, char **argv, int optind_now)
{
	if (getopt_result == ':')
		diag_usage_error("option %s needs a value", argv[optind_now - 1]);
	else
		diag_usage_error("unknown option %s", argv[optind_now - 1]);
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
