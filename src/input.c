/*
 * input.c
 *	  The first pipeline stage: open a dump (a path or "-" for stdin), tell
 *	  plain text from gzip, zstd and lz4 by their magic bytes, and hand out
 *	  the decompressed bytes in chunks.
 *
 *	  The first bytes are peeked into our own raw buffer rather than with
 *	  lseek(), so detection works the same on pipes.  Plain input hands
 *	  out the peeked bytes first and then reads straight into the caller's
 *	  buffer; compressed input is decompressed from the raw buffer.  gzip
 *	  goes through zlib's inflate(); zstd and lz4 share one frame loop
 *	  (read_frames) around a per-format step function.
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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <lz4frame.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

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

	ZSTD_DStream *zstd; /* zstd decoder, or NULL */
	LZ4F_dctx *lz4;	    /* lz4 frame decoder, or NULL */

	struct diags *d;   /* where problems are reported */
	bool archive;	   /* a custom or tar archive came through a pipe (input_spool) */
	bool text_checked; /* the first bytes handed out were checked for UTF-16/32 */
	bool done;	   /* end of input was reached */
	bool failed;	   /* an error was reported; every read returns -1 */
	bool err_pending;  /* an error found after bytes were handed out in the same call */
	char err_msg[256]; /* its message, reported by the next call */

	unsigned long long size;			      /* a regular file's size, else 0 */
	unsigned long long bytes_read;			      /* from fd so far */
	void (*progress)(void *ctx, unsigned long long done); /* input_set_progress, or NULL */
	void *progress_ctx;
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
		if (n > 0) {
			in->bytes_read += (unsigned long long)n;
			if (in->progress != NULL)
				in->progress(in->progress_ctx, in->bytes_read);
		}
		if (n >= 0)
			return n;
		if (errno == EINTR)
			continue;
		diag_error(in->d, file_loc(in), "read error: %s", strerror(errno));
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

/* The 4-byte magic of a frame (little-endian in the file), or 0 with fewer bytes. */
static uint32_t raw_magic32(const struct input *in)
{
	const unsigned char *p = in->raw + in->raw_pos;

	if (in->raw_len - in->raw_pos < 4)
		return 0;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* zstd and lz4 share the skippable-frame range 0x184D2A50..5F; both decoders skip those. */
static bool is_skippable_magic(uint32_t m)
{
	return (m & ZSTD_MAGIC_SKIPPABLE_MASK) == ZSTD_MAGIC_SKIPPABLE_START;
}

static bool raw_has_zstd_magic(const struct input *in)
{
	uint32_t m = raw_magic32(in);
	return m == ZSTD_MAGICNUMBER || is_skippable_magic(m);
}

static bool raw_has_lz4_magic(const struct input *in)
{
	uint32_t m = raw_magic32(in);
	return m == LZ4F_MAGICNUMBER || is_skippable_magic(m);
}

enum input_archive input_archive_magic(const unsigned char *head, size_t n, bool cut_ok)
{
	if (n >= 5 || (cut_ok && n > 0)) {
		if (memcmp(head, "PGDMP", n < 5 ? n : 5) == 0)
			return INPUT_ARCHIVE_CUSTOM;
	}
	/* A POSIX tar header: "ustar" at byte 257. */
	return n >= 512 && memcmp(head + 257, "ustar", 5) == 0 ? INPUT_ARCHIVE_TAR
							       : INPUT_NOT_ARCHIVE;
}

enum input_archive input_probe_archive(const char *path)
{
	struct stat st;
	unsigned char head[512];

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0)
		return INPUT_NOT_ARCHIVE;
	if (S_ISDIR(st.st_mode))
		return INPUT_ARCHIVE_DIRECTORY;
	/* Peeking at a pipe (`<(zcat dump.gz)`) would eat bytes the plain reader needs. */
	if (!S_ISREG(st.st_mode))
		return INPUT_NOT_ARCHIVE;
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return INPUT_NOT_ARCHIVE;
	size_t n = fread(head, 1, sizeof(head), f);
	fclose(f);
	return input_archive_magic(head, n, true);
}

/* pg_dump -Fc's "PGDMP", or a POSIX tar header ("ustar" at byte 257): pg_dump -Ft. */
static bool raw_has_archive_magic(const struct input *in)
{
	/* A tar header starts with a member's name, never with a compressor's magic. */
	return input_archive_magic(in->raw + in->raw_pos, in->raw_len - in->raw_pos, false) !=
		   INPUT_NOT_ARCHIVE &&
	       !raw_has_gzip_magic(in) && !raw_has_zstd_magic(in) && !raw_has_lz4_magic(in);
}

/*
 * Set up the decoder for what the magic bytes say.  A skippable frame
 * alone says nothing about the format, so only a real frame magic counts
 * here; skippable frames are accepted between frames.
 */
static bool start_decoder(struct input *in)
{
	uint32_t m = raw_magic32(in);

	/*
	 * Archives are read by path (pgarchive.c), which seeks; one arriving
	 * here came through a pipe and is copied to a file (input_spool).
	 */
	if (raw_has_archive_magic(in)) {
		in->archive = true;
		return true;
	}
	if (raw_has_gzip_magic(in)) {
		in->comp = INPUT_GZIP;
		/* 16 + MAX_WBITS: a gzip wrapper only, so a zlib or raw stream is an error. */
		if (inflateInit2(&in->zs, 16 + MAX_WBITS) != Z_OK) {
			diag_error(in->d, file_loc(in), "cannot initialise zlib: %s",
				   in->zs.msg ? in->zs.msg : "unknown error");
			return false;
		}
		in->zs_ready = true;
	} else if (m == ZSTD_MAGICNUMBER) {
		in->comp = INPUT_ZSTD;
		in->zstd = ZSTD_createDStream();
		if (in->zstd == NULL) {
			diag_error(in->d, file_loc(in), "cannot initialise zstd");
			return false;
		}
	} else if (m == LZ4F_MAGICNUMBER) {
		in->comp = INPUT_LZ4;
		if (LZ4F_isError(LZ4F_createDecompressionContext(&in->lz4, LZ4F_VERSION))) {
			diag_error(in->d, file_loc(in), "cannot initialise lz4");
			return false;
		}
	}
	return true;
}

/*
 * The rest of input_open() once in->fd is open: refuse a directory, peek
 * at the first bytes and set up their decoder.  An archive arriving
 * through a pipe has its header checked here, before anything is copied.
 */
static struct input *input_start(struct input *in)
{
	/* open() succeeds on a directory; only the first read() would fail, less clearly. */
	struct stat st;
	if (fstat(in->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_error(in->d, file_loc(in), "is a directory");
		input_close(in);
		return NULL;
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0)
		in->size = (unsigned long long)st.st_size;

	in->raw = xmalloc(INPUT_RAW_SIZE);
	/* 512 bytes: enough for a tar header's magic; fewer only at end of input. */
	if (fill_raw(in, 512) < 0 || !start_decoder(in)) {
		input_close(in);
		return NULL;
	}
	/* The whole raw buffer holds any real archive header (a few hundred bytes). */
	if (in->archive && fill_raw(in, INPUT_RAW_SIZE) < 0) {
		input_close(in);
		return NULL;
	}
	return in;
}

static struct input *input_new(const char *path, struct diags *d)
{
	struct input *in = xcalloc(1, sizeof(*in));
	in->d = d;
	in->name = xstrdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
	in->fd = -1;
	return in;
}

/* An empty name would print as ": error:" and say nothing. */
static bool name_given(const char *path, struct diags *d)
{
	if (path[0] != '\0')
		return true;
	diag_error(d, (struct loc){0},
		   "the dump's file name is empty (give a file, or - for "
		   "standard input)");
	return false;
}

struct input *input_open(const char *path, struct diags *d)
{
	if (!name_given(path, d))
		return NULL;

	struct input *in = input_new(path, d);
	if (strcmp(path, "-") == 0) {
		in->fd = STDIN_FILENO;
	} else {
		in->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (in->fd < 0) {
			diag_error(in->d, file_loc(in), "%s", strerror(errno));
			input_close(in);
			return NULL;
		}
		in->own_fd = true;
	}
	return input_start(in);
}

int input_open_regular_fd(const char *path, struct diags *d)
{
	/* O_NONBLOCK: opening a FIFO for reading would wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;

	if (fd < 0) {
		diag_error(d, (struct loc){.file = path}, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		diag_error(d, (struct loc){.file = path}, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(d, (struct loc){.file = path},
			   "is %s, not a regular file: an archive's files are read only when they "
			   "are regular files",
			   S_ISDIR(st.st_mode)	  ? "a directory"
			   : S_ISFIFO(st.st_mode) ? "a FIFO"
			   : S_ISCHR(st.st_mode)  ? "a character device"
			   : S_ISBLK(st.st_mode)  ? "a block device"
						  : "a special file");
		close(fd);
		return -1;
	}
	int flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
		diag_error(d, (struct loc){.file = path}, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

struct input *input_open_regular(const char *path, struct diags *d)
{
	if (!name_given(path, d))
		return NULL;
	int fd = input_open_regular_fd(path, d);
	if (fd < 0)
		return NULL;
	struct input *in = input_new(path, d);
	in->fd = fd;
	in->own_fd = true;
	return input_start(in);
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
 * A decompression error.  When this call already produced bytes they are
 * handed out first and the error waits for the next call, so the caller
 * sees every byte that could be decompressed.
 */
static ssize_t stream_fail(struct input *in, size_t got, const char *msg)
{
	if (got > 0) {
		snprintf(in->err_msg, sizeof(in->err_msg), "%s", msg);
		in->err_pending = true;
		return (ssize_t)got;
	}
	diag_error(in->d, file_loc(in), "%s", msg);
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
		diag_warn(in->d, file_loc(in), "trailing garbage after gzip data ignored");
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
				return stream_fail(
				    in, got, "truncated gzip stream: compressed data ends early");
			if (in->zs.avail_in != 0)
				return stream_fail(in, got, "corrupt gzip stream");
			break;
		case Z_MEM_ERROR:
			return stream_fail(in, got, "out of memory while decompressing");
		default: {
			char msg[200];
			snprintf(msg, sizeof(msg), "corrupt gzip stream: %s",
				 in->zs.msg ? in->zs.msg : "data error");
			return stream_fail(in, got, msg);
		}
		}
	}
	return (ssize_t)got;
}

/* ---- zstd and lz4 ------------------------------------------------------ */

/* What one decoder step did. */
enum frame_step {
	FRAME_MORE,  /* the frame goes on */
	FRAME_END,   /* a frame ended, its output is all out */
	FRAME_ERROR, /* corrupt data; *err says why */
};

/*
 * One step of the zstd decoder over `avail` raw bytes into `room` bytes
 * of `out`.  *used and *made return the bytes consumed and produced.
 * ZSTD_decompressStream stops at the end of each frame and returns 0 only
 * once that frame's output is all flushed.
 */
static enum frame_step zstd_step(struct input *in, size_t avail, char *out, size_t room,
				 size_t *used, size_t *made, const char **err)
{
	ZSTD_inBuffer ib = {in->raw + in->raw_pos, avail, 0};
	ZSTD_outBuffer ob = {out, room, 0};
	size_t rc = ZSTD_decompressStream(in->zstd, &ob, &ib);

	*used = ib.pos;
	*made = ob.pos;
	if (ZSTD_isError(rc)) {
		*err = ZSTD_getErrorName(rc);
		return FRAME_ERROR;
	}
	return rc == 0 ? FRAME_END : FRAME_MORE;
}

/* The same for lz4: LZ4F_decompress returns 0 when a frame is complete. */
static enum frame_step lz4_step(struct input *in, size_t avail, char *out, size_t room,
				size_t *used, size_t *made, const char **err)
{
	size_t src = avail;
	size_t dst = room;
	size_t rc = LZ4F_decompress(in->lz4, out, &dst, in->raw + in->raw_pos, &src, NULL);

	*used = src;
	*made = dst;
	if (LZ4F_isError(rc)) {
		*err = LZ4F_getErrorName(rc);
		return FRAME_ERROR;
	}
	return rc == 0 ? FRAME_END : FRAME_MORE;
}

/*
 * After a frame ends: another may follow (`cat a.zst b.zst` and
 * `zstd -c a >> f` both give valid files), skippable frames included.
 * Anything else is ignored with a warning, as for gzip.  Returns 1 when a
 * frame follows, 0 at the end, -1 on a read error.
 */
static int next_frame(struct input *in)
{
	if (fill_raw(in, 4) < 0)
		return -1;
	if (in->raw_len == in->raw_pos)
		return 0;
	if (in->comp == INPUT_ZSTD ? !raw_has_zstd_magic(in) : !raw_has_lz4_magic(in)) {
		diag_warn(in->d, file_loc(in), "trailing garbage after %s data ignored",
			  input_compression_name(in->comp));
		return 0;
	}
	return 1;
}

/* A step consumed nothing and produced nothing: the data ends inside a frame, or is bad. */
static ssize_t frames_stalled(struct input *in, size_t got)
{
	char msg[100];

	if (in->raw_pos == in->raw_len && in->raw_eof)
		snprintf(msg, sizeof(msg), "truncated %s stream: compressed data ends early",
			 input_compression_name(in->comp));
	else
		snprintf(msg, sizeof(msg), "corrupt %s stream", input_compression_name(in->comp));
	return stream_fail(in, got, msg);
}

static ssize_t read_frames(struct input *in, char *buf, size_t cap)
{
	size_t got = 0;

	while (got < cap) {
		if (in->raw_pos == in->raw_len && !in->raw_eof && fill_raw(in, 1) < 0) {
			in->failed = true;
			return -1;
		}
		size_t avail = in->raw_len - in->raw_pos;
		size_t used = 0, made = 0;
		const char *err = NULL;
		enum frame_step step =
		    in->comp == INPUT_ZSTD
			? zstd_step(in, avail, buf + got, cap - got, &used, &made, &err)
			: lz4_step(in, avail, buf + got, cap - got, &used, &made, &err);

		in->raw_pos += used;
		got += made;
		if (step == FRAME_ERROR) {
			char msg[200];
			snprintf(msg, sizeof(msg), "corrupt %s stream: %s",
				 input_compression_name(in->comp), err);
			return stream_fail(in, got, msg);
		}
		if (step == FRAME_END) {
			int more = next_frame(in);
			if (more < 0) {
				in->failed = true;
				return got > 0 ? (ssize_t)got : -1;
			}
			if (more == 0) {
				in->done = true;
				return (ssize_t)got;
			}
		} else if (used == 0 && made == 0) {
			/* Input was there (or the file has ended): no progress means it is bad. */
			return frames_stalled(in, got);
		}
	}
	return (ssize_t)got;
}

bool input_is_archive(const struct input *in)
{
	return in->archive;
}

const unsigned char *input_archive_head(const struct input *in, size_t *n)
{
	*n = in->archive ? in->raw_len - in->raw_pos : 0;
	return in->raw + in->raw_pos;
}

/* PGBASELINE_MAX_SPOOL: bytes, with an optional K, M, G or T (powers of 1024). */
static bool spool_limit(const struct input *in, unsigned long long *limit)
{
	const char *s = getenv("PGBASELINE_MAX_SPOOL");
	unsigned long long v = 0;
	const char *p = s;

	*limit = INPUT_MAX_SPOOL;
	if (s == NULL || s[0] == '\0')
		return true;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (ULLONG_MAX - 9) / 10)
			break;
		v = v * 10 + (unsigned long long)(*p - '0');
	}
	int shift = 0;
	const char *units = "KMGT";
	const char *u = *p ? strchr(units, *p) : NULL;
	if (u != NULL) {
		shift = 10 * (int)(u - units + 1);
		p++;
	}
	if (p == s || *p != '\0' || v == 0 || v > (ULLONG_MAX >> shift)) {
		diag_error(in->d, file_loc(in),
			   "PGBASELINE_MAX_SPOOL=\"%s\" is not a size: give bytes, optionally with "
			   "K, M, G or T (e.g. 64G)",
			   s);
		return false;
	}
	*limit = v << shift;
	return true;
}

bool input_spool(struct input *in, int fd, const char *fd_name)
{
	unsigned long long limit, total = 0;

	if (!spool_limit(in, &limit)) {
		in->failed = true;
		return false;
	}
	for (;;) {
		size_t n = in->raw_len - in->raw_pos;
		if (n > limit - total) {
			diag_error(
			    in->d, file_loc(in),
			    "the archive on standard input is larger than %llu bytes, the most "
			    "that is copied to TMPDIR (PGBASELINE_MAX_SPOOL); give the archive's "
			    "file name instead, or raise the limit",
			    limit);
			in->failed = true;
			return false;
		}
		if (!write_all(fd, in->raw + in->raw_pos, n)) {
			diag_failure(in->d, (struct loc){.file = fd_name}, "cannot write: %s",
				     strerror(errno));
			in->failed = true;
			return false;
		}
		total += n;
		in->raw_pos = in->raw_len;
		if (in->raw_eof)
			return true;
		ssize_t got = read_fd(in, in->raw, INPUT_RAW_SIZE);
		if (got < 0) {
			in->failed = true;
			return false;
		}
		in->raw_pos = 0;
		in->raw_len = (size_t)got;
		in->raw_eof = got == 0;
	}
}

/*
 * UTF-16 and UTF-32 text (a Windows editor's "Unicode") has NUL bytes
 * between the ASCII characters: say so and how to convert it, instead of
 * "NUL byte in input".  A byte-order mark tells, and so does the NUL
 * pattern of ASCII text in the first four bytes; SQL never starts with a
 * NUL, so a UTF-8 dump cannot look like this.
 */
static const char *wide_encoding(const unsigned char *b, size_t n, bool *bom)
{
	*bom = true;
	if (n >= 4 && b[0] == 0xff && b[1] == 0xfe && b[2] == 0 && b[3] == 0)
		return "UTF-32LE";
	if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xfe && b[3] == 0xff)
		return "UTF-32BE";
	if (n >= 2 && b[0] == 0xff && b[1] == 0xfe)
		return "UTF-16LE";
	if (n >= 2 && b[0] == 0xfe && b[1] == 0xff)
		return "UTF-16BE";
	*bom = false;
	if (n < 4)
		return NULL;
	if (b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0)
		return "UTF-32LE";
	if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0)
		return "UTF-32BE";
	if (b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0)
		return "UTF-16LE";
	if (b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0)
		return "UTF-16BE";
	return NULL;
}

static ssize_t check_text(struct input *in, const char *buf, ssize_t got)
{
	bool bom;
	const char *enc;

	if (got <= 0 || in->text_checked)
		return got;
	in->text_checked = true;
	enc = wide_encoding((const unsigned char *)buf, (size_t)got, &bom);
	if (enc == NULL)
		return got;
	/* With a byte-order mark iconv finds the byte order itself (and drops the mark). */
	diag_error(in->d, (struct loc){.file = in->name, .line = 1, .col = 1},
		   "the dump is %s text, not UTF-8 (as pg_dump writes it); convert it first, "
		   "e.g. iconv -f %.*s -t UTF-8 DUMP > DUMP.utf8.sql",
		   enc, bom ? 6 : 8, enc);
	in->failed = true;
	return -1;
}

ssize_t input_read(struct input *in, char *buf, size_t cap)
{
	if (in->failed)
		return -1;
	if (in->err_pending) {
		in->err_pending = false;
		in->failed = true;
		diag_error(in->d, file_loc(in), "%s", in->err_msg);
		return -1;
	}
	if (in->done || cap == 0)
		return 0;
	if (in->archive) {
		diag_error(in->d, file_loc(in),
			   "this is a pg_dump archive (-Fc or -Ft), not SQL text");
		in->failed = true;
		return -1;
	}
	if (cap > SSIZE_MAX)
		cap = SSIZE_MAX;
	switch (in->comp) {
	case INPUT_GZIP:
		return check_text(in, buf, read_gzip(in, buf, cap));
	case INPUT_ZSTD:
	case INPUT_LZ4:
		return check_text(in, buf, read_frames(in, buf, cap));
	case INPUT_PLAIN:
		break;
	}
	return check_text(in, buf, read_plain(in, buf, cap));
}

void input_set_progress(struct input *in, void (*fn)(void *ctx, unsigned long long done), void *ctx)
{
	in->progress = fn;
	in->progress_ctx = ctx;
}

unsigned long long input_size(const struct input *in)
{
	return in->size;
}

const char *input_name(const struct input *in)
{
	return in->name;
}

enum input_compression input_compression(const struct input *in)
{
	return in->comp;
}

const char *input_compression_name(enum input_compression c)
{
	switch (c) {
	case INPUT_GZIP:
		return "gzip";
	case INPUT_ZSTD:
		return "zstd";
	case INPUT_LZ4:
		return "lz4";
	case INPUT_PLAIN:
		break;
	}
	return "plain";
}

/*
 * Text already in memory (the restore script of a pg_dump archive): a
 * plain input whose bytes are all in raw and whose file has ended.
 */
struct input *input_open_memory(const char *name, const char *data, size_t len, struct diags *d)
{
	struct input *in = xcalloc(1, sizeof(*in));
	in->d = d;

	in->name = xstrdup(name);
	in->fd = -1;
	in->comp = INPUT_PLAIN;
	in->raw = xmalloc(len > 0 ? len : 1);
	memcpy(in->raw, data, len);
	in->raw_len = len;
	in->raw_eof = true;
	return in;
}

void input_close(struct input *in)
{
	if (in == NULL)
		return;
	if (in->zs_ready)
		inflateEnd(&in->zs);
	ZSTD_freeDStream(in->zstd); /* both accept NULL */
	LZ4F_freeDecompressionContext(in->lz4);
	if (in->own_fd && in->fd >= 0)
		close(in->fd);
	free(in->raw);
	free(in->name);
	free(in);
}
