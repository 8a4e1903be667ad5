/*
 * input.c
 *	  The first pipeline stage: open a dump (a path or "-" for stdin), tell
 *	  plain text from gzip by its first two bytes, and hand out the
 *	  decompressed bytes in chunks.
 *
 *	  The first bytes are peeked into our own raw buffer rather than with
 *	  lseek(), so detection works the same on pipes.  Plain input hands
 *	  out the peeked bytes first and then reads straight into the caller's
 *	  buffer; gzip input is inflated from the raw buffer.
 *
 *	  input_read() fills the caller's buffer completely unless the input
 *	  ends (or fails) first.  The splitter does not rely on that for
 *	  correctness, but it makes chunk boundaries fall at fixed offsets, so
 *	  tests can place a token across one on purpose.
 */
#include "input.h"

#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define INPUT_RAW_SIZE (64 * 1024) /* compressed bytes read from the file at a time */

struct input {
	char *name; /* display name: the path, or "<stdin>" */
	int fd;
	bool own_fd; /* false for stdin, which we must not close */
	enum input_compression comp;

	unsigned char *raw; /* bytes read from fd and not yet handed out or inflated */
	size_t raw_pos;	    /* first unused byte in raw */
	size_t raw_len;	    /* bytes held in raw */
	bool raw_eof;	    /* read() has returned 0 */

	z_stream zs;
	bool zs_ready; /* inflateInit2 succeeded; inflateEnd is due */

	bool done;	   /* end of input was reached */
	bool failed;	   /* an error was reported; every read returns -1 */
	bool err_pending;  /* an error found after bytes were handed out in the same call */
	char err_msg[256]; /* its message, reported by the next call */
};

static struct loc file_loc(const struct input *in)
{
	return (struct loc){.file = in->name, .line = 0, .col = 0};
}

/* read(2) that retries on EINTR; reports failures. */
static ssize_t read_fd(struct input *in, void *buf, size_t cap)
{
	for (;;) {
		ssize_t n = read(in->fd, buf, cap);
		if (n >= 0)
			return n;
		if (errno == EINTR)
			continue;
		diag_error(file_loc(in), "read error: %s", strerror(errno));
		return -1;
	}
}

/*
 * Make at least `want` unused bytes available in raw (fewer only at end
 * of file).  Unused bytes move to the front first so the buffer never
 * needs to grow.
 */
static int fill_raw(struct input *in, size_t want)
{
	if (in->raw_pos > 0) {
		memmove(in->raw, in->raw + in->raw_pos, in->raw_len - in->raw_pos);
		in->raw_len -= in->raw_pos;
		in->raw_pos = 0;
	}
	while (in->raw_len < want && !in->raw_eof) {
		ssize_t n = read_fd(in, in->raw + in->raw_len, INPUT_RAW_SIZE - in->raw_len);
		if (n < 0)
			return -1;
		if (n == 0)
			in->raw_eof = true;
		in->raw_len += (size_t)n;
	}
	return 0;
}

static bool raw_has_gzip_magic(const struct input *in)
{
	return in->raw_len - in->raw_pos >= 2 && in->raw[in->raw_pos] == 0x1f &&
	       in->raw[in->raw_pos + 1] == 0x8b;
}

struct input *input_open(const char *path)
{
	bool is_stdin = strcmp(path, "-") == 0;
	struct input *in = xcalloc(1, sizeof(*in));

	in->name = xstrdup(is_stdin ? "<stdin>" : path);
	if (is_stdin) {
		in->fd = STDIN_FILENO;
	} else {
		in->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (in->fd < 0) {
			diag_error(file_loc(in), "%s", strerror(errno));
			input_close(in);
			return NULL;
		}
		in->own_fd = true;
	}

	/* open() succeeds on a directory; only the first read() would fail, less clearly. */
	struct stat st;
	if (fstat(in->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_error(file_loc(in), "is a directory");
		input_close(in);
		return NULL;
	}

	in->raw = xmalloc(INPUT_RAW_SIZE);
	if (fill_raw(in, 2) < 0) {
		input_close(in);
		return NULL;
	}
	if (raw_has_gzip_magic(in)) {
		in->comp = INPUT_GZIP;
		/* 16 + MAX_WBITS: a gzip wrapper only, so a zlib or raw stream is an error. */
		if (inflateInit2(&in->zs, 16 + MAX_WBITS) != Z_OK) {
			diag_error(file_loc(in), "cannot initialise zlib: %s",
				   in->zs.msg ? in->zs.msg : "unknown error");
			input_close(in);
			return NULL;
		}
		in->zs_ready = true;
	}
	return in;
}

static ssize_t read_plain(struct input *in, char *buf, size_t cap)
{
	size_t got = in->raw_len - in->raw_pos;

	if (got > cap)
		got = cap;
	memcpy(buf, in->raw + in->raw_pos, got);
	in->raw_pos += got;
	while (got < cap && !in->raw_eof) {
		ssize_t n = read_fd(in, buf + got, cap - got);
		if (n < 0) {
			in->failed = true;
			return -1;
		}
		if (n == 0)
			in->raw_eof = true;
		got += (size_t)n;
	}
	if (got == 0)
		in->done = true;
	return (ssize_t)got;
}

/*
 * A gzip error.  When this call already produced bytes they are handed
 * out first and the error waits for the next call, so the caller sees
 * every byte that could be decompressed.
 */
static ssize_t gzip_fail(struct input *in, size_t got, const char *msg)
{
	if (got > 0) {
		snprintf(in->err_msg, sizeof(in->err_msg), "%s", msg);
		in->err_pending = true;
		return (ssize_t)got;
	}
	diag_error(file_loc(in), "%s", msg);
	in->failed = true;
	return -1;
}

/*
 * After a gzip member ends: another member may follow (gzip files can be
 * concatenated, and `cat a.gz b.gz` is a valid gzip file).  Anything
 * else after the data is ignored with a warning, as gzip(1) does.
 * Returns 1 when a member follows, 0 at the end, -1 on a read error.
 */
static int next_member(struct input *in)
{
	if (fill_raw(in, 2) < 0)
		return -1;
	if (in->raw_len == in->raw_pos)
		return 0;
	if (!raw_has_gzip_magic(in)) {
		diag_warn(file_loc(in), "trailing garbage after gzip data ignored");
		return 0;
	}
	if (inflateReset(&in->zs) != Z_OK)
		return -1;
	return 1;
}

static ssize_t read_gzip(struct input *in, char *buf, size_t cap)
{
	size_t got = 0;

	while (got < cap) {
		if (in->raw_pos == in->raw_len && !in->raw_eof && fill_raw(in, 1) < 0) {
			in->failed = true;
			return -1;
		}
		size_t room = cap - got;
		size_t avail = in->raw_len - in->raw_pos;
		in->zs.next_in = in->raw + in->raw_pos;
		in->zs.avail_in = (uInt)avail;
		in->zs.next_out = (Bytef *)buf + got;
		in->zs.avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
		uInt out_before = in->zs.avail_out;

		int rc = inflate(&in->zs, Z_NO_FLUSH);

		in->raw_pos += avail - in->zs.avail_in;
		got += out_before - in->zs.avail_out;
		switch (rc) {
		case Z_OK:
			break;
		case Z_STREAM_END: {
			int more = next_member(in);
			if (more < 0) {
				in->failed = true;
				return got > 0 ? (ssize_t)got : -1;
			}
			if (more == 0) {
				in->done = true;
				return (ssize_t)got;
			}
			break;
		}
		case Z_BUF_ERROR:
			/* No progress was possible: zlib wants input that is not there. */
			if (in->zs.avail_in == 0 && in->raw_eof)
				return gzip_fail(
				    in, got, "truncated gzip stream: compressed data ends early");
			if (in->zs.avail_in != 0)
				return gzip_fail(in, got, "corrupt gzip stream");
			break;
		case Z_MEM_ERROR:
			return gzip_fail(in, got, "out of memory while decompressing");
		default: {
			char msg[200];
			snprintf(msg, sizeof(msg), "corrupt gzip stream: %s",
				 in->zs.msg ? in->zs.msg : "data error");
			return gzip_fail(in, got, msg);
		}
		}
	}
	return (ssize_t)got;
}

ssize_t input_read(struct input *in, char *buf, size_t cap)
{
	if (in->failed)
		return -1;
	if (in->err_pending) {
		in->err_pending = false;
		in->failed = true;
		diag_error(file_loc(in), "%s", in->err_msg);
		return -1;
	}
	if (in->done || cap == 0)
		return 0;
	if (cap > SSIZE_MAX)
		cap = SSIZE_MAX;
	if (in->comp == INPUT_GZIP)
		return read_gzip(in, buf, cap);
	return read_plain(in, buf, cap);
}

const char *input_name(const struct input *in)
{
	return in->name;
}

enum input_compression input_compression(const struct input *in)
{
	return in->comp;
}

void input_close(struct input *in)
{
	if (in == NULL)
		return;
	if (in->zs_ready)
		inflateEnd(&in->zs);
	if (in->own_fd && in->fd >= 0)
		close(in->fd);
	free(in->raw);
	free(in->name);
	free(in);
}
