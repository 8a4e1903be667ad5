/*
 * input.h
 *	  The first pipeline stage: open a dump (a path, or "-" for stdin),
 *	  tell plain text from gzip, zstd and lz4 by their magic bytes (never
 *	  by the file name), and hand out the decompressed bytes in chunks, so
 *	  a dump of hundreds of MB is never held in memory whole.
 *
 *	  Errors (missing file, an empty file name, a directory, a truncated or
 *	  corrupt gzip, zstd or lz4 stream, UTF-16 or UTF-32 text, which is
 *	  named with the iconv command that converts it, a read error) are
 *	  reported through diag_error() naming the file, and make input_read()
 *	  return -1.
 */
#ifndef PGB_INPUT_H
#define PGB_INPUT_H

#include "pgb.h"

#include <sys/types.h>

enum input_compression {
	INPUT_PLAIN,
	INPUT_GZIP, /* 1F 8B; concatenated members are read in turn */
	INPUT_ZSTD, /* 28 B5 2F FD; concatenated and skippable frames too */
	INPUT_LZ4,  /* 04 22 4D 18 (the frame format, not lz4 -l legacy); frames in turn */
};

struct input;

/*
 * Open `path` ("-" reads stdin).  `display_name` is the name used in
 * messages ("<stdin>" for "-").  Returns NULL after reporting an error.
 */
struct input *input_open(const char *path);

/*
 * The same for a file inside an archive (a -Fd archive's data files):
 * only a regular file is read.  A FIFO, a device (a symbolic link to
 * /dev/zero) or a directory is refused, naming the file, without waiting
 * on it.
 */
struct input *input_open_regular(const char *path);
/*
 * That check alone: open `path` for reading if it is a regular file.
 * Returns the descriptor (blocking, close-on-exec), or -1 after reporting.
 */
int input_open_regular_fd(const char *path);

/* Text held in memory, read as a plain dump named `name`; `data` is copied. */
struct input *input_open_memory(const char *name, const char *data, size_t len);

/* Read up to `cap` decompressed bytes; 0 at end of input, -1 after an error was reported. */
ssize_t input_read(struct input *in, char *buf, size_t cap);

/*
 * A pg_dump custom (-Fc) or tar (-Ft) archive that came through a pipe:
 * archives are read by path, so the caller copies it to a file with
 * input_spool() (everything from the first byte on; the archive is not
 * held in memory).  input_read() on such an input is an error.
 *
 * input_open() checks the archive's header before anything is copied, and
 * input_spool() copies at most INPUT_MAX_SPOOL bytes (or what the
 * environment variable PGBASELINE_MAX_SPOOL says: bytes, or a number with
 * K, M, G or T), so a wrong or endless stream neither starts nor fills
 * TMPDIR; either is an error naming <stdin>.
 */
#define INPUT_MAX_SPOOL (16ull << 30) /* 16 GiB */
bool input_is_archive(const struct input *in);
bool input_spool(struct input *in, int fd, const char *fd_name);

const char *input_name(const struct input *in);
enum input_compression input_compression(const struct input *in);
/* "plain", "gzip", "zstd", "lz4": the names the reports use. */
const char *input_compression_name(enum input_compression c);

void input_close(struct input *in);

#endif /* PGB_INPUT_H */
