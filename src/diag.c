/*
 * diag.c
 *	  The diagnostics list (diag.h): kept in order, printed by the command
 *	  in the `FILE:LINE:COL: severity: message` form.
 *
 *	  Messages quote the dump (names, tokens, header comments, meta-command
 *	  lines) and file names come from the command line, so everything but
 *	  the final newline is written through escape_char(): control characters
 *	  (ESC, BEL, CR ...), C1 controls, bytes that are not UTF-8 and
 *	  bidirectional or invisible formatting characters appear as \xNN or
 *	  \uNNNN escapes, as in the text report, and never reach the terminal.
 */
#include "diag.h"

#include "escape.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diags_init(struct diags *d)
{
	memset(d, 0, sizeof(*d));
}

void diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free((char *)d->v[i].loc.file);
		free(d->v[i].message);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = d->printed = 0;
}

static char *format_message(const char *fmt, va_list ap)
{
	char small[512];
	va_list ap2;

	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof(small), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return xstrdup("");
	if ((size_t)n < sizeof(small))
		return xstrdup(small);
	char *big = xmalloc((size_t)n + 1);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	return big;
}

static void keep(struct diags *d, enum diag_severity sev, struct loc loc, const char *fmt,
		 va_list ap)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	struct diag *g = &d->v[d->n++];
	g->severity = sev;
	g->loc = loc;
	g->loc.file = loc.file ? xstrdup(loc.file) : NULL;
	g->message = format_message(fmt, ap);
}

static void add_error(struct diags *d, bool failure, struct loc loc, const char *fmt, va_list ap)
{
	if (failure && d->failures < LONG_MAX)
		d->failures++;
	if (d->errors < LONG_MAX)
		d->errors++;
	if (d->errors_kept >= DIAG_ERRORS_KEPT)
		return;
	d->errors_kept++;
	keep(d, DIAG_ERROR, loc, fmt, ap);
}

void diag_error(struct diags *d, struct loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_error(d, false, loc, fmt, ap);
	va_end(ap);
}

void diag_failure(struct diags *d, struct loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_error(d, true, loc, fmt, ap);
	va_end(ap);
}

/*
 * Only the first DIAG_WARNINGS_SHOWN warnings are kept: a dump of millions
 * of bad statements must not flood the terminal or the memory.  The rest
 * are counted, and diags_finish says how many were not shown.
 */
void diag_warn(struct diags *d, struct loc loc, const char *fmt, ...)
{
	va_list ap;

	if (d->warnings < LONG_MAX)
		d->warnings++;
	if (d->quiet || d->warnings_kept >= DIAG_WARNINGS_SHOWN)
		return;
	d->warnings_kept++;
	va_start(ap, fmt);
	keep(d, DIAG_WARNING, loc, fmt, ap);
	va_end(ap);
}

/* Text as the terminal may show it: see the header comment. */
static void put_escaped(const char *s, FILE *f)
{
	char esc[ESCAPE_MAX];

	while (*s) {
		size_t n = escape_char(s, esc);
		if (esc[0])
			fputs(esc, f);
		else
			fwrite(s, 1, n, f);
		s += n;
	}
}

static void print_one(const struct diag *g, FILE *f)
{
	const char *severity = g->severity == DIAG_ERROR ? "error" : "warning";

	if (g->loc.file && g->loc.line > 0) {
		put_escaped(g->loc.file, f);
		fprintf(f, ":%d:%d: %s: ", g->loc.line, g->loc.col > 0 ? g->loc.col : 1, severity);
	} else if (g->loc.file) {
		put_escaped(g->loc.file, f);
		fprintf(f, ": %s: ", severity);
	} else {
		fprintf(f, "pgbaseline: %s: ", severity);
	}
	put_escaped(g->message, f);
	fputc('\n', f);
}

void diags_print(struct diags *d, FILE *f)
{
	for (; d->printed < d->n; d->printed++)
		print_one(&d->v[d->printed], f);
	fflush(f);
}

char *diags_text(const struct diags *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL) { /* as xmalloc() does */
		fputs("pgbaseline: out of memory\n", stderr);
		exit(PGB_EXIT_FAILURE);
	}
	for (size_t i = 0; i < d->n; i++)
		print_one(&d->v[i], f);
	fclose(f);
	return buf;
}

void diags_finish(struct diags *d, FILE *f)
{
	diags_print(d, f);
	long hidden = d->quiet ? 0 : d->warnings - d->warnings_kept;
	if (hidden > 0)
		fprintf(f, "pgbaseline: warning: %ld more warning%s not shown\n", hidden,
			hidden == 1 ? "" : "s");
	if (d->errors > d->errors_kept)
		fprintf(f, "pgbaseline: error: %ld more error%s not shown\n",
			d->errors - d->errors_kept, d->errors - d->errors_kept == 1 ? "" : "s");
	fflush(f);
}

static void put_formatted(const char *fmt, va_list ap)
{
	char *msg = format_message(fmt, ap);
	put_escaped(msg, stderr);
	free(msg);
}

void diag_usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("pgbaseline: ", stderr);
	va_start(ap, fmt);
	put_formatted(fmt, ap);
	va_end(ap);
	fputs("\nTry 'pgbaseline --help' for more information.\n", stderr);
}

void diag_bad_option(int getopt_result, char **argv, int optind_now)
{
	if (getopt_result == ':')
		diag_usage_error("option %s needs a value", argv[optind_now - 1]);
	else
		diag_usage_error("unknown option %s", argv[optind_now - 1]);
}
