/*
 * input.h
 *	  The first pipeline stage: open a dump (a path, or "-" for stdin),
 *	  tell plain text from gzip by its magic bytes (never by the file name),
 *	  and hand out the decompressed bytes in chunks, so a dump of hundreds
 *	  of MB is never held in memory whole.
 *
 *	  Errors (missing file, a directory, a truncated or corrupt gzip
 *	  stream, a read error) are reported through diag_error() naming the
 *	  file, and make input_read() return -1.
 */
#ifndef PGB_INPUT_H
#define PGB_INPUT_H

#include "pgb.h"

#include <sys/types.h>

enum input_compression {
	INPUT_PLAIN,
	INPUT_GZIP,
};

struct input;

/*
 * Open `path` ("-" reads stdin).  `display_name` is the name used in
 * messages ("<stdin>" for "-").  Returns NULL after reporting an error.
 */
struct input *input_open(const char *path);

/* Read up to `cap` decompressed bytes; 0 at end of input, -1 after an error was reported. */
ssize_t input_read(struct input *in, char *buf, size_t cap);

const char *input_name(const struct input *in);
enum input_compression input_compression(const struct input *in);

void input_close(struct input *in);

#endif /* PGB_INPUT_H */
