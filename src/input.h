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

#include "diag.h"
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
 * Open `path` ("-" reads stdin).  Messages name the path ("<stdin>" for
 * "-") and go to `d`, which must outlive the input.  Returns NULL after
 * reporting an error.
 */
struct input *input_open(const char *path, struct diags *d);

/*
 * The same for a file inside an archive (a -Fd archive's data files):
 * only a regular file is read.  A FIFO, a device (a symbolic link to
 * /dev/zero) or a directory is refused, naming the file, without waiting
 * on it.
 */
struct input *input_open_regular(const char *path, struct diags *d);
/*
 * That check alone: open `path` for reading if it is a regular file.
 * Returns the descriptor (blocking, close-on-exec), or -1 after reporting.
 */
int input_open_regular_fd(const char *path, struct diags *d);

/* Text held in memory, read as a plain dump named `name`; `data` is copied. */
struct input *input_open_memory(const char *name, const char *data, size_t len, struct diags *d);

/* Read up to `cap` decompressed bytes; 0 at end of input, -1 after an error was reported. */
ssize_t input_read(struct input *in, char *buf, size_t cap);

/*
 * A pg_dump custom (-Fc) or tar (-Ft) archive that came through a pipe:
 * archives are read by path, so the caller copies it to a file with
 * input_spool() (everything from the first byte on; the archive is not
 * held in memory).  input_read() on such an input is an error.
 *
 * The caller checks the archive's header (input_archive_head: the first
 * 64 kB, or all of a shorter stream) before anything is copied, and
 * input_spool() copies at most INPUT_MAX_SPOOL bytes (or what the
 * environment variable PGBASELINE_MAX_SPOOL says: bytes, or a number with
 * K, M, G or T), so a wrong or endless stream neither starts nor fills
 * TMPDIR; either is an error naming <stdin>.
 */
#define INPUT_MAX_SPOOL (16ull << 30) /* 16 GiB */
bool input_is_archive(const struct input *in);
/* The first bytes of such an archive (in the input's buffer), *n of them. */
const unsigned char *input_archive_head(const struct input *in, size_t *n);

/*
 * Every magic number is read here.  Which archive a file's first `n`
 * bytes, `head`, start: a custom archive ("PGDMP") or a tar file ("ustar"
 * at byte 257).  With `cut_ok`, a file shorter than the magic that matches
 * as far as it goes counts too (a custom archive cut short, to be reported
 * as such).
 */
enum input_archive {
	INPUT_NOT_ARCHIVE,
	INPUT_ARCHIVE_CUSTOM,	 /* pg_dump -Fc */
	INPUT_ARCHIVE_TAR,	 /* pg_dump -Ft */
	INPUT_ARCHIVE_DIRECTORY, /* pg_dump -Fd */
};
enum input_archive input_archive_magic(const unsigned char *head, size_t n, bool cut_ok);
/*
 * Should `path` be read as an archive, and which?  A file that starts with
 * either magic, and any directory (so a directory without toc.dat is
 * reported by the archive reader, as not being an archive).  "-" (stdin)
 * and pipes are never: probing would consume them.  Reports nothing: a
 * file that cannot be opened is left to input_open() to report.
 */
enum input_archive input_probe_archive(const char *path);
bool input_spool(struct input *in, int fd, const char *fd_name);

const char *input_name(const struct input *in);
/*
 * After each read from the file, fn(ctx, bytes read from it so far): the
 * compressed bytes of a compressed file, as its size counts them.
 */
void input_set_progress(struct input *in, void (*fn)(void *ctx, unsigned long long done),
			void *ctx);
/* The size of the file read, in bytes; 0 when unknown (stdin, a pipe). */
unsigned long long input_size(const struct input *in);
enum input_compression input_compression(const struct input *in);
/* "plain", "gzip", "zstd", "lz4": the names the reports use. */
const char *input_compression_name(enum input_compression c);

void input_close(struct input *in);

#endif /* PGB_INPUT_H */
