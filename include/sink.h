/*
 * sink.h
 *	  Where an emitter's output goes: a FILE *, a memory buffer (struct
 *	  strbuf) or one file of an atomic set (atomicfile.h), behind one type,
 *	  so that every emitter writes the same way whatever the destination (a
 *	  file with -o, stdout, a buffer, the files of a baseline that are
 *	  written all or none).
 *
 *	  The error is sticky: after the first failed write every later write
 *	  is dropped and sink_finish() reports it, so an emitter need not check
 *	  each call.  A buffer sink never fails (the strbuf aborts on OOM).
 */
#ifndef PGB_SINK_H
#define PGB_SINK_H

#include "atomicfile.h"
#include "pgb.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct sink {
	FILE *fp;	   /* set for a file sink, else NULL */
	struct strbuf *sb; /* set for a buffer sink (or a file of an atomic set), else NULL */
	bool failed;	   /* a write failed; sticky */
};

/* A sink writing to fp (not owned: the caller closes it). */
void sink_init_file(struct sink *s, FILE *fp);
/* A sink appending to sb (not owned: the caller frees it). */
void sink_init_buf(struct sink *s, struct strbuf *sb);
/* A sink filling a new file at path of set: nothing reaches the disk until
 * atomic_set_write(set).  keep: never replace an existing file, even with --force.
 * Returns false (and s is a failed sink) when the set is full. */
bool sink_init_atomic(struct sink *s, struct atomic_set *set, const char *path, bool keep);

void sink_write(struct sink *s, const char *p, size_t n);
void sink_puts(struct sink *s, const char *str);
void sink_putc(struct sink *s, char c);
void sink_printf(struct sink *s, const char *fmt, ...) PGB_PRINTF(2, 3);

/* Flush a file sink; 0, or -1 when any write (or the flush) failed. */
int sink_finish(struct sink *s);

#endif /* PGB_SINK_H */
