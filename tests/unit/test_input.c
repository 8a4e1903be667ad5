/*
 * test_input.c
 *	  Unit tests for the input stage: plain, gzip, zstd and lz4 files
 *	  (detected by content), concatenated gzip members and zstd/lz4
 *	  frames, truncated and corrupt streams,
 *	  files that cannot be read, and stdin fed through a pipe in small
 *	  pieces so the magic-byte peek sees short reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdiags.h"

#include "diag.h"
#include "../../src/input.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <lz4frame.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

/* ---- helpers ---------------------------------------------------------- */

struct bytes {
	char *data;
	size_t len;
};

static void bytes_free(struct bytes *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
}

static char *temp_path(void)
{
	char *path = xstrdup("/tmp/pgb-test-input-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	return path;
}

static char *write_temp(const char *data, size_t len)
{
	char *path = temp_path();
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static struct bytes read_whole(const char *path)
{
	struct bytes b = {NULL, 0};
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "");
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_append_len(&sb, buf, n);
	fclose(f);
	b.len = sb.len;
	b.data = sb_steal(&sb);
	return b;
}

/* gzip `data` with zlib's gzip file functions (one member); mode picks the level. */
static struct bytes gzip_bytes_mode(const char *data, size_t len, const char *mode)
{
	char *path = temp_path();
	gzFile gz = gzopen(path, mode);
	assert_non_null(gz);
	if (len > 0)
		assert_int_equal(gzwrite(gz, data, (unsigned)len), (int)len);
	assert_int_equal(gzclose(gz), Z_OK);
	struct bytes b = read_whole(path);
	unlink(path);
	free(path);
	return b;
}

static struct bytes gzip_bytes(const char *data, size_t len)
{
	return gzip_bytes_mode(data, len, "wb6");
}

/* One zstd frame of `data`, with a content checksum so corruption in the data is caught. */
static struct bytes zstd_bytes(const char *data, size_t len)
{
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	assert_non_null(cc);
	assert_false(ZSTD_isError(ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1)));
	size_t bound = ZSTD_compressBound(len);
	struct bytes b = {xmalloc(bound), 0};
	b.len = ZSTD_compress2(cc, b.data, bound, data, len);
	assert_false(ZSTD_isError(b.len));
	ZSTD_freeCCtx(cc);
	return b;
}

/* One lz4 frame of `data` with 64 KiB blocks and a content checksum. */
static struct bytes lz4_bytes(const char *data, size_t len)
{
	LZ4F_preferences_t prefs = {0};
	prefs.frameInfo.blockSizeID = LZ4F_max64KB;
	prefs.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
	size_t bound = LZ4F_compressFrameBound(len, &prefs);
	struct bytes b = {xmalloc(bound), 0};
	b.len = LZ4F_compressFrame(b.data, bound, data, len, &prefs);
	assert_false(LZ4F_isError(b.len));
	return b;
}

/* Text that does not compress to nothing, so gzip streams span several buffers. */
static struct bytes sample_text(size_t len)
{
	struct bytes b = {xmalloc(len + 1), len};
	uint32_t x = 12345;
	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		b.data[i] = (i % 61 == 60) ? '\n' : (char)('a' + (x >> 16) % 26);
	}
	b.data[len] = '\0';
	return b;
}

static int drain(struct input *in, size_t cap, struct bytes *out)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "");
	char *buf = xmalloc(cap);
	ssize_t n;
	while ((n = input_read(in, buf, cap)) > 0) {
		if ((size_t)n > cap)
			fail_msg("input_read returned %zd for a %zu-byte buffer", n, cap);
		sb_append_len(&sb, buf, (size_t)n);
	}
	free(buf);
	out->len = sb.len;
	out->data = sb_steal(&sb);
	return (int)n;
}

/* Open `path`, read it all, and check the content and the detected compression. */
static void expect_content(const char *path, size_t cap, enum input_compression comp,
			   const struct bytes *want)
{
	struct input *in = input_open(path, &diags);
	assert_non_null(in);
	assert_string_equal(input_name(in), path);
	assert_int_equal(input_compression(in), comp);
	struct bytes got;
	assert_int_equal(drain(in, cap, &got), 0);
	assert_int_equal(got.len, want->len);
	assert_memory_equal(got.data, want->data, want->len);
	/* The end stays the end. */
	char c;
	assert_int_equal(input_read(in, &c, 1), 0);
	input_close(in);
	bytes_free(&got);
}

/*
 * Read a file that must fail: input_read() ends in -1, the bytes before
 * that are a prefix of `prefix_of`, and the diagnostics have `msg` for this file.
 */
static void expect_read_error(const char *path, const struct bytes *prefix_of, const char *msg)
{
	free(diags_take());
	struct input *in = input_open(path, &diags);
	struct bytes got = {NULL, 0};
	int rc = in ? drain(in, 4096, &got) : -2;
	long errors = diags.errors;
	char c;
	int again = in ? (int)input_read(in, &c, 1) : -2;
	long errors_after = diags.errors;
	input_close(in);
	char *diag = diags_take();

	assert_non_null(in);
	assert_int_equal(rc, -1);
	assert_int_equal(again, -1);		/* a failed input stays failed ... */
	assert_int_equal(errors_after, errors); /* ... without a second message */
	assert_true(got.len <= prefix_of->len);
	if (got.len > 0)
		assert_memory_equal(got.data, prefix_of->data, got.len);
	char want[512];
	snprintf(want, sizeof(want), "%s: error: %s", path, msg);
	if (strstr(diag, want) == NULL)
		fail_msg("wanted diagnostic \"%s\", got \"%s\"", want, diag);
	free(diag);
	bytes_free(&got);
}

/* ---- plain files ------------------------------------------------------ */

static void test_plain(void **state)
{
	static const size_t sizes[] = {0, 1, 2, 3, 100, 65535, 65536, 65537, 300001};
	static const size_t caps[] = {1, 7, 4096, 65536, 1 << 20};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct bytes text = sample_text(sizes[i]);
		char *path = write_temp(text.data, text.len);
		for (size_t j = 0; j < sizeof(caps) / sizeof(caps[0]); j++) {
			if (sizes[i] > 100000 && caps[j] < 4096)
				continue; /* slow and adds nothing */
			expect_content(path, caps[j], INPUT_PLAIN, &text);
		}
		unlink(path);
		free(path);
		bytes_free(&text);
	}
}

/*
 * A dump in another client encoding comes out as UTF-8, the same at every
 * buffer size: one byte at a time (smaller than a character), across the
 * 64 kB stage, and with the SET after other lines.  Its look-alikes are read
 * as they are: the SET in a comment, after the first CREATE, or naming UTF8.
 */
static void test_client_encoding(void **state)
{
	/* "é" is E9 in LATIN1; "表" is C9 BD in EUC_JP: C3 A9 and E8 A1 A8 in UTF-8. */
	static const struct {
		const char *head, *unit, *unit_utf8;
		bool converted;
	} cases[] = {
	    {"--\n-- x\nSET client_encoding = 'LATIN1';\n", "caf\xe9 ", "caf\xc3\xa9 ", true},
	    {"set CLIENT_ENCODING to 'euc_jp';\n", "\xc9\xbd;", "\xe8\xa1\xa8;", true},
	    {"SET client_encoding = 'Latin-1';\n", "\xe9", "\xc3\xa9", true},
	    {"-- SET client_encoding = 'LATIN1';\n", "caf\xc3\xa9 ", "caf\xc3\xa9 ", false},
	    {"CREATE TABLE t ();\nSET client_encoding = 'LATIN1';\n", "caf\xc3\xa9 ",
	     "caf\xc3\xa9 ", false},
	    {"SET client_encoding = 'UTF8';\n", "caf\xc3\xa9 ", "caf\xc3\xa9 ", false},
	};
	static const size_t caps[] = {1, 2, 3, 7, 4096, 65536, 1 << 20};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf raw, want;
		sb_init(&raw);
		sb_init(&want);
		sb_append(&raw, cases[i].head);
		sb_append(&want, cases[i].head);
		for (int k = 0; k < 30000; k++) {
			sb_append(&raw, cases[i].unit);
			sb_append(&want, cases[i].unit_utf8);
		}
		char *path = write_temp(raw.data, raw.len);
		struct bytes w = {want.data, want.len};
		for (size_t j = 0; j < sizeof(caps) / sizeof(caps[0]); j++) {
			if (caps[j] < 4096 && i > 0)
				continue; /* slow: once is enough */
			expect_content(path, caps[j], INPUT_PLAIN, &w);
		}
		struct input *in = input_open(path, &diags);
		char c;
		assert_true(input_read(in, &c, 1) == 1);
		bool converted;
		const char *enc = input_encoding(in, &converted);
		assert_true(converted == cases[i].converted);
		if (i < 3)
			assert_string_equal(enc, i == 1 ? "EUC_JP" : "LATIN1");
		input_close(in);
		unlink(path);
		free(path);
		sb_free(&raw);
		sb_free(&want);
	}
}

/* Only both magic bytes make gzip; either one alone is text. */
static void test_plain_lookalikes(void **state)
{
	static const struct {
		const char *data;
		size_t len;
	} cases[] = {
	    {"\x1f", 1},
	    {"\x1f\x8a", 2},
	    {"\x8b\x1f", 2},
	    {"x\x1f\x8b", 3},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bytes want = {(char *)cases[i].data, cases[i].len};
		char *path = write_temp(want.data, want.len);
		expect_content(path, 16, INPUT_PLAIN, &want);
		unlink(path);
		free(path);
	}
}

/* ---- gzip ------------------------------------------------------------- */

static void test_gzip(void **state)
{
	static const size_t sizes[] = {0, 1, 100, 65536, 1000003};
	static const size_t caps[] = {1, 7, 65536, 1 << 20};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct bytes text = sample_text(sizes[i]);
		struct bytes gz = gzip_bytes(text.data, text.len);
		char *path = write_temp(gz.data, gz.len);
		for (size_t j = 0; j < sizeof(caps) / sizeof(caps[0]); j++) {
			if (sizes[i] > 100000 && caps[j] < 4096)
				continue;
			expect_content(path, caps[j], INPUT_GZIP, &text);
		}
		unlink(path);
		free(path);
		bytes_free(&gz);
		bytes_free(&text);
	}
}

/* The file name does not matter: a .sql that is gzip is gzip, a .gz that is text is text. */
static void test_detection_ignores_name(void **state)
{
	struct bytes text = sample_text(1000);
	struct bytes gz = gzip_bytes(text.data, text.len);
	char *sql = xstrdup("/tmp/pgb-test-input-XXXXXX.sql");
	char *gzname = xstrdup("/tmp/pgb-test-input-XXXXXX.gz");
	int fd1 = mkstemps(sql, 4);
	int fd2 = mkstemps(gzname, 3);
	assert_true(fd1 >= 0 && fd2 >= 0);
	assert_int_equal(write(fd1, gz.data, gz.len), (ssize_t)gz.len);
	assert_int_equal(write(fd2, text.data, text.len), (ssize_t)text.len);
	close(fd1);
	close(fd2);
	expect_content(sql, 4096, INPUT_GZIP, &text);
	expect_content(gzname, 4096, INPUT_PLAIN, &text);
	unlink(sql);
	unlink(gzname);
	free(sql);
	free(gzname);
	bytes_free(&gz);
	bytes_free(&text);
}

/* `cat a.gz b.gz` is a valid gzip file of both contents; empty members included. */
static void test_gzip_concatenated_members(void **state)
{
	struct bytes a = sample_text(70000);
	struct bytes b = sample_text(333);
	struct bytes ga = gzip_bytes(a.data, a.len);
	struct bytes gb = gzip_bytes(b.data, b.len);
	struct bytes gempty = gzip_bytes("", 0);

	struct strbuf file, want;
	sb_init(&file);
	sb_init(&want);
	sb_append_len(&file, ga.data, ga.len);
	sb_append_len(&file, gempty.data, gempty.len);
	sb_append_len(&file, gb.data, gb.len);
	sb_append_len(&file, ga.data, ga.len);
	sb_append_len(&want, a.data, a.len);
	sb_append_len(&want, b.data, b.len);
	sb_append_len(&want, a.data, a.len);

	char *path = write_temp(file.data, file.len);
	struct bytes w = {want.data, want.len};
	expect_content(path, 1, INPUT_GZIP, &w);
	expect_content(path, 65536, INPUT_GZIP, &w);
	unlink(path);
	free(path);

	/* Appending with gzopen("ab") writes a second member too. */
	path = write_temp(ga.data, ga.len);
	gzFile gz = gzopen(path, "ab");
	assert_non_null(gz);
	assert_int_equal(gzwrite(gz, b.data, (unsigned)b.len), (int)b.len);
	assert_int_equal(gzclose(gz), Z_OK);
	sb_reset(&want);
	sb_append_len(&want, a.data, a.len);
	sb_append_len(&want, b.data, b.len);
	w.data = want.data;
	w.len = want.len;
	expect_content(path, 4096, INPUT_GZIP, &w);
	unlink(path);
	free(path);

	sb_free(&file);
	sb_free(&want);
	bytes_free(&a);
	bytes_free(&b);
	bytes_free(&ga);
	bytes_free(&gb);
	bytes_free(&gempty);
}

/*
 * A member that ends exactly at the end of input.c's 64 KiB read buffer,
 * or one byte before it, so the next member's magic bytes come with the
 * next read (or are split across two).  Stored (level 0) members grow
 * with their content, so a search finds the content length that gives
 * each member size.
 */
static void test_gzip_member_at_read_boundary(void **state)
{
	const size_t raw_size = 64 * 1024;
	struct bytes text = sample_text(raw_size);
	struct bytes tail = sample_text(5000);
	struct bytes gtail = gzip_bytes(tail.data, tail.len);

	for (size_t want_len = raw_size - 1; want_len <= raw_size; want_len++) {
		struct bytes g = {NULL, 0};
		size_t n = raw_size;
		for (; n > raw_size - 200; n--) {
			g = gzip_bytes_mode(text.data, n, "wb0");
			if (g.len == want_len)
				break;
			bytes_free(&g);
		}
		if (g.len != want_len)
			fail_msg("no stored member of %zu bytes found", want_len);

		struct strbuf file, want;
		sb_init(&file);
		sb_init(&want);
		sb_append_len(&file, g.data, g.len);
		sb_append_len(&file, gtail.data, gtail.len);
		sb_append_len(&want, text.data, n);
		sb_append_len(&want, tail.data, tail.len);
		char *path = write_temp(file.data, file.len);
		struct bytes w = {want.data, want.len};
		expect_content(path, 65536, INPUT_GZIP, &w);
		unlink(path);
		free(path);
		sb_free(&file);
		sb_free(&want);
		bytes_free(&g);
	}
	bytes_free(&gtail);
	bytes_free(&tail);
	bytes_free(&text);
}

static void test_gzip_truncated(void **state)
{
	struct bytes text = sample_text(200000);
	struct bytes gz = gzip_bytes(text.data, text.len);
	/* In the header, in the data, in the trailer, one byte short. */
	const size_t cuts[] = {2, 3, 10, 11, gz.len / 2, gz.len - 8, gz.len - 4, gz.len - 1};
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		char *path = write_temp(gz.data, cuts[i]);
		expect_read_error(path, &text, "truncated gzip stream: compressed data ends early");
		unlink(path);
		free(path);
	}
	/* A complete member followed by the start of a cut one. */
	struct strbuf two;
	sb_init(&two);
	sb_append_len(&two, gz.data, gz.len);
	sb_append_len(&two, gz.data, gz.len / 3);
	char *path = write_temp(two.data, two.len);
	struct strbuf want;
	sb_init(&want);
	sb_append_len(&want, text.data, text.len);
	sb_append_len(&want, text.data, text.len);
	struct bytes w = {want.data, want.len};
	expect_read_error(path, &w, "truncated gzip stream: compressed data ends early");
	unlink(path);
	free(path);
	sb_free(&two);
	sb_free(&want);
	bytes_free(&gz);
	bytes_free(&text);
}

static void test_gzip_corrupt(void **state)
{
	struct bytes text = sample_text(5000);
	struct bytes gz = gzip_bytes(text.data, text.len);
	static const struct {
		const char *what;
		size_t at_from_end; /* 0: see `at` */
		size_t at;
		const char *msg;
	} cases[] = {
	    {"compression method", 0, 2, "corrupt gzip stream: unknown compression method"},
	    {"CRC", 8, 0, "corrupt gzip stream: incorrect data check"},
	    {"length", 2, 0, "corrupt gzip stream: incorrect length check"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bytes bad = {xmalloc(gz.len), gz.len};
		memcpy(bad.data, gz.data, gz.len);
		size_t at = cases[i].at_from_end ? gz.len - cases[i].at_from_end : cases[i].at;
		bad.data[at] ^= 0x55;
		char *path = write_temp(bad.data, bad.len);
		expect_read_error(path, &text, cases[i].msg);
		unlink(path);
		free(path);
		bytes_free(&bad);
	}

	/* Garbage right after the magic bytes: zlib's own message is passed on. */
	const char *garbage = "\x1f\x8bnot really gzip at all";
	char *path = write_temp(garbage, strlen(garbage));
	struct bytes none = {(char *)"", 0};
	expect_read_error(path, &none, "corrupt gzip stream: ");
	unlink(path);
	free(path);

	bytes_free(&gz);
	bytes_free(&text);
}

/* Bytes after the last member that are not another member are ignored, with a warning. */
static void test_gzip_trailing_garbage(void **state)
{
	struct bytes text = sample_text(1000);
	struct bytes gz = gzip_bytes(text.data, text.len);
	struct strbuf file;
	sb_init(&file);
	sb_append_len(&file, gz.data, gz.len);
	sb_append_len(&file, "\0\0\0\0garbage", 11);
	char *path = write_temp(file.data, file.len);

	free(diags_take());
	struct input *in = input_open(path, &diags);
	struct bytes got = {NULL, 0};
	int rc = in ? drain(in, 512, &got) : -2;
	long warned = diags.warnings;
	input_close(in);
	char *diag = diags_take();

	assert_int_equal(rc, 0);
	assert_int_equal(got.len, text.len);
	assert_memory_equal(got.data, text.data, text.len);
	assert_int_equal(warned, 1);
	assert_non_null(strstr(diag, "trailing garbage after gzip data ignored"));
	free(diag);
	bytes_free(&got);
	unlink(path);
	free(path);
	sb_free(&file);
	bytes_free(&gz);
	bytes_free(&text);
}

/* ---- zstd and lz4 ------------------------------------------------------ */

typedef struct bytes (*compress_fn)(const char *data, size_t len);

static const struct frame_format {
	const char *name;
	compress_fn compress;
	enum input_compression comp;
} frame_formats[] = {
    {"zstd", zstd_bytes, INPUT_ZSTD},
    {"lz4", lz4_bytes, INPUT_LZ4},
};

#define N_FRAME_FORMATS (sizeof(frame_formats) / sizeof(frame_formats[0]))

static void test_frames(void **state)
{
	static const size_t sizes[] = {0, 1, 100, 65536, 1000003};
	static const size_t caps[] = {1, 7, 65536, 1 << 20};
	for (size_t f = 0; f < N_FRAME_FORMATS; f++) {
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			struct bytes text = sample_text(sizes[i]);
			struct bytes z = frame_formats[f].compress(text.data, text.len);
			char *path = write_temp(z.data, z.len);
			for (size_t j = 0; j < sizeof(caps) / sizeof(caps[0]); j++) {
				if (sizes[i] > 100000 && caps[j] < 4096)
					continue;
				expect_content(path, caps[j], frame_formats[f].comp, &text);
			}
			unlink(path);
			free(path);
			bytes_free(&z);
			bytes_free(&text);
		}
	}
}

/* Three magic bytes, or a wrong fourth, are text. */
static void test_frame_lookalikes(void **state)
{
	static const struct {
		const char *data;
		size_t len;
	} cases[] = {
	    {"\x28\xb5\x2f", 3},      {"\x28\xb5\x2f\xfe", 4},	       {"\x04\x22\x4d", 3},
	    {"\x04\x22\x4d\x19x", 5}, {"\x50\x2a\x4d\x18\0\0\0\0", 8}, /* a skippable frame alone
									  names no format */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bytes want = {(char *)cases[i].data, cases[i].len};
		char *path = write_temp(want.data, want.len);
		expect_content(path, 16, INPUT_PLAIN, &want);
		unlink(path);
		free(path);
	}
}

/* `cat a.zst b.zst` holds both contents; empty frames and skippable frames included. */
static void test_frames_concatenated(void **state)
{
	static const char skippable[] = "\x5f\x2a\x4d\x18\x03\0\0\0abc";
	for (size_t f = 0; f < N_FRAME_FORMATS; f++) {
		struct bytes a = sample_text(70000);
		struct bytes b = sample_text(333);
		struct bytes za = frame_formats[f].compress(a.data, a.len);
		struct bytes zb = frame_formats[f].compress(b.data, b.len);
		struct bytes zempty = frame_formats[f].compress("", 0);

		struct strbuf file, want;
		sb_init(&file);
		sb_init(&want);
		sb_append_len(&file, za.data, za.len);
		sb_append_len(&file, zempty.data, zempty.len);
		sb_append_len(&file, skippable, sizeof(skippable) - 1);
		sb_append_len(&file, zb.data, zb.len);
		sb_append_len(&file, za.data, za.len);
		sb_append_len(&want, a.data, a.len);
		sb_append_len(&want, b.data, b.len);
		sb_append_len(&want, a.data, a.len);

		char *path = write_temp(file.data, file.len);
		struct bytes w = {want.data, want.len};
		expect_content(path, 1, frame_formats[f].comp, &w);
		expect_content(path, 65536, frame_formats[f].comp, &w);
		unlink(path);
		free(path);
		sb_free(&file);
		sb_free(&want);
		bytes_free(&a);
		bytes_free(&b);
		bytes_free(&za);
		bytes_free(&zb);
		bytes_free(&zempty);
	}
}

static void test_frames_truncated(void **state)
{
	for (size_t f = 0; f < N_FRAME_FORMATS; f++) {
		struct bytes text = sample_text(200000);
		struct bytes z = frame_formats[f].compress(text.data, text.len);
		char msg[100];
		snprintf(msg, sizeof(msg), "truncated %s stream: compressed data ends early",
			 frame_formats[f].name);
		/* In the frame header, in the data, in the checksum, one byte short. */
		const size_t cuts[] = {4, 5, 6, z.len / 2, z.len - 4, z.len - 1};
		for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
			char *path = write_temp(z.data, cuts[i]);
			expect_read_error(path, &text, msg);
			unlink(path);
			free(path);
		}
		/* A complete frame followed by the start of a cut one. */
		struct strbuf two, want;
		sb_init(&two);
		sb_init(&want);
		sb_append_len(&two, z.data, z.len);
		sb_append_len(&two, z.data, z.len / 3);
		sb_append_len(&want, text.data, text.len);
		sb_append_len(&want, text.data, text.len);
		char *path = write_temp(two.data, two.len);
		struct bytes w = {want.data, want.len};
		expect_read_error(path, &w, msg);
		unlink(path);
		free(path);
		sb_free(&two);
		sb_free(&want);
		bytes_free(&z);
		bytes_free(&text);
	}
}

static void test_frames_corrupt(void **state)
{
	for (size_t f = 0; f < N_FRAME_FORMATS; f++) {
		struct bytes text = sample_text(5000);
		struct bytes z = frame_formats[f].compress(text.data, text.len);
		char msg[100];
		snprintf(msg, sizeof(msg), "corrupt %s stream: ", frame_formats[f].name);

		/* The content checksum at the end no longer matches. */
		struct bytes bad = {xmalloc(z.len), z.len};
		memcpy(bad.data, z.data, z.len);
		bad.data[z.len - 2] ^= 0x55;
		char *path = write_temp(bad.data, bad.len);
		expect_read_error(path, &text, msg);
		unlink(path);
		free(path);
		bytes_free(&bad);

		/* Garbage right after the magic bytes: the library's message is passed on. */
		struct strbuf g;
		sb_init(&g);
		sb_append_len(&g, z.data, 4);
		sb_append(&g, "\xff\xff\xff\xff not really compressed at all");
		path = write_temp(g.data, g.len);
		struct bytes none = {(char *)"", 0};
		expect_read_error(path, &none, msg);
		unlink(path);
		free(path);
		sb_free(&g);
		bytes_free(&z);
		bytes_free(&text);
	}
}

/* Bytes after the last frame that are not another frame are ignored, with a warning. */
static void test_frames_trailing_garbage(void **state)
{
	for (size_t f = 0; f < N_FRAME_FORMATS; f++) {
		struct bytes text = sample_text(1000);
		struct bytes z = frame_formats[f].compress(text.data, text.len);
		struct strbuf file;
		sb_init(&file);
		sb_append_len(&file, z.data, z.len);
		sb_append_len(&file, "\0\0\0\0garbage", 11);
		char *path = write_temp(file.data, file.len);

		free(diags_take());
		struct input *in = input_open(path, &diags);
		struct bytes got = {NULL, 0};
		int rc = in ? drain(in, 512, &got) : -2;
		long warned = diags.warnings;
		input_close(in);
		char *diag = diags_take();

		char want[100];
		snprintf(want, sizeof(want), "trailing garbage after %s data ignored",
			 frame_formats[f].name);
		assert_int_equal(rc, 0);
		assert_int_equal(got.len, text.len);
		assert_memory_equal(got.data, text.data, text.len);
		assert_int_equal(warned, 1);
		assert_non_null(strstr(diag, want));
		free(diag);
		bytes_free(&got);
		unlink(path);
		free(path);
		sb_free(&file);
		bytes_free(&z);
		bytes_free(&text);
	}
}

/* The names the reports print for each compression. */
static void test_compression_names(void **state)
{
	assert_string_equal(input_compression_name(INPUT_PLAIN), "plain");
	assert_string_equal(input_compression_name(INPUT_GZIP), "gzip");
	assert_string_equal(input_compression_name(INPUT_ZSTD), "zstd");
	assert_string_equal(input_compression_name(INPUT_LZ4), "lz4");
}

/* ---- files that cannot be opened -------------------------------------- */

static void expect_open_error(const char *path, const char *msg)
{
	free(diags_take());
	struct input *in = input_open(path, &diags);
	long errors = diags.errors;
	char *diag = diags_take();
	assert_null(in);
	assert_int_equal(errors, 1);
	char want[512];
	snprintf(want, sizeof(want), "%s: error: %s\n", path, msg);
	assert_string_equal(diag, want);
	free(diag);
}

static void test_missing_file(void **state)
{
	expect_open_error("/nonexistent/pgb/dump.sql", "No such file or directory");
}

static void test_directory(void **state)
{
	expect_open_error("/tmp", "is a directory");
}

static void test_permission_denied(void **state)
{
	if (geteuid() == 0)
		skip(); /* root reads anything */
	char *path = write_temp("SELECT 1;\n", 10);
	chmod(path, 0);
	expect_open_error(path, "Permission denied");
	unlink(path);
	free(path);
}

/* ---- stdin ------------------------------------------------------------ */

/*
 * Run input_open("-", &diags) with stdin a pipe that a child feeds `piece` bytes
 * at a time, so the first read() sees fewer bytes than the magic has.
 */
static void expect_stdin(const struct bytes *file, size_t piece, enum input_compression comp,
			 const struct bytes *want)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		for (size_t off = 0; off < file->len; off += piece) {
			size_t n = file->len - off < piece ? file->len - off : piece;
			if (write(fds[1], file->data + off, n) != (ssize_t)n)
				_exit(1);
			if (off < 16)
				usleep(2000); /* let the reader see the first bytes alone */
		}
		_exit(0);
	}
	close(fds[1]);
	int saved = dup(0);
	dup2(fds[0], 0);
	close(fds[0]);

	struct input *in = input_open("-", &diags);
	struct bytes got = {NULL, 0};
	int rc = in ? drain(in, 65536, &got) : -2;
	bool gz = in && input_compression(in) == comp;
	bool named = in && strcmp(input_name(in), "<stdin>") == 0;
	input_close(in);
	dup2(saved, 0);
	close(saved);
	int status;
	waitpid(pid, &status, 0);

	assert_int_equal(rc, 0);
	assert_true(gz);
	assert_true(named);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(got.len, want->len);
	assert_memory_equal(got.data, want->data, want->len);
	bytes_free(&got);
}

static void test_stdin(void **state)
{
	struct bytes text = sample_text(100000);
	struct bytes gz = gzip_bytes(text.data, text.len);
	expect_stdin(&gz, 1, INPUT_GZIP, &text);
	expect_stdin(&gz, 4093, INPUT_GZIP, &text);
	expect_stdin(&text, 1, INPUT_PLAIN, &text);
	struct bytes one = {(char *)"\x1f", 1};
	expect_stdin(&one, 1, INPUT_PLAIN, &one);
	struct bytes zs = zstd_bytes(text.data, text.len);
	struct bytes lz = lz4_bytes(text.data, text.len);
	expect_stdin(&zs, 1, INPUT_ZSTD, &text);
	expect_stdin(&lz, 3, INPUT_LZ4, &text);
	bytes_free(&zs);
	bytes_free(&lz);
	bytes_free(&gz);
	bytes_free(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain),
	    cmocka_unit_test(test_plain_lookalikes),
	    cmocka_unit_test(test_gzip),
	    cmocka_unit_test(test_detection_ignores_name),
	    cmocka_unit_test(test_gzip_concatenated_members),
	    cmocka_unit_test(test_gzip_member_at_read_boundary),
	    cmocka_unit_test(test_gzip_truncated),
	    cmocka_unit_test(test_gzip_corrupt),
	    cmocka_unit_test(test_gzip_trailing_garbage),
	    cmocka_unit_test(test_frames),
	    cmocka_unit_test(test_frame_lookalikes),
	    cmocka_unit_test(test_frames_concatenated),
	    cmocka_unit_test(test_frames_truncated),
	    cmocka_unit_test(test_frames_corrupt),
	    cmocka_unit_test(test_frames_trailing_garbage),
	    cmocka_unit_test(test_compression_names),
	    cmocka_unit_test(test_missing_file),
	    cmocka_unit_test(test_directory),
	    cmocka_unit_test(test_permission_denied),
	    cmocka_unit_test(test_stdin),
	    cmocka_unit_test(test_client_encoding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
