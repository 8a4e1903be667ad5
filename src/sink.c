/*
 * sink.c
 *	  One output type for every emitter: a FILE *, a strbuf or one file of
 *	  an atomic set, with a sticky error (see sink.h).
 */
#include "sink.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void sink_init_file(struct sink *s, FILE *fp)
{
	*s = (struct sink){.fp = fp};
}

void sink_init_buf(struct sink *s, struct strbuf *sb)
{
	*s = (struct sink){.sb = sb};
}

bool sink_init_atomic(struct sink *s, struct atomic_set *set, const char *path, bool keep)
{
	struct strbuf *sb = atomic_set_add(set, path, keep);
	*s = (struct sink){.sb = sb, .failed = sb == NULL};
	return sb != NULL;
}

void sink_write(struct sink *s, const char *p, size_t n)
{
	if (s->failed || n == 0)
		return;
	if (s->sb != NULL)
		sb_append_len(s->sb, p, n);
	else if (fwrite(p, 1, n, s->fp) != n)
		s->failed = true;
}

void sink_puts(struct sink *s, const char *str)
{
	sink_write(s, str, strlen(str));
}

void sink_putc(struct sink *s, char c)
{
	if (s->failed)
		return;
	if (s->sb != NULL)
		sb_putc(s->sb, c);
	else if (putc(c, s->fp) == EOF)
		s->failed = true;
}

void sink_printf(struct sink *s, const char *fmt, ...)
{
	va_list ap;
	if (s->failed)
		return;
	if (s->sb != NULL) {
		char small[256];
		va_start(ap, fmt);
		int n = vsnprintf(small, sizeof small, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n < sizeof small) {
			sb_append_len(s->sb, small, (size_t)n);
			return;
		}
		char *big = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		sb_append_len(s->sb, big, (size_t)n);
		free(big);
		return;
	}
	va_start(ap, fmt);
	if (vfprintf(s->fp, fmt, ap) < 0)
		s->failed = true;
	va_end(ap);
}

int sink_finish(struct sink *s)
{
	if (s->fp != NULL && (fflush(s->fp) != 0 || ferror(s->fp)))
		s->failed = true;
	return s->failed ? -1 : 0;
}
