/*
 * fuzz.h
 *	  What the libFuzzer targets share: the entry point's prototype, the
 *	  check of the diagnostics list each run fills, and a scratch file in memory for the code
 *that wants a path (input_open for compressed input, the archive reader, the whole-dump driver).
 *
 *	  The scratch file is a memfd, opened by path as /proc/self/fd/N: one
 *	  per process, so parallel jobs (-jobs=N) never share it, nothing is
 *	  left on disk, and it is rewritten for each input.
 */
#ifndef PGB_FUZZ_H
#define PGB_FUZZ_H

#include "diag.h"
#include "pgb.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A run's diagnostics: whatever the input, the list stays bounded (the
 * first warnings and errors kept, the rest counted) and every kept one
 * has a message.  Then it is freed.
 */
static inline void fuzz_diags_done(struct diags *d)
{
	if (d->n > (size_t)DIAG_WARNINGS_SHOWN + DIAG_ERRORS_KEPT ||
	    d->n > (size_t)(d->errors + d->warnings))
		abort();
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].message == NULL)
			abort();
	diags_free(d);
}

/* A copy of data with a NUL after it; the caller frees it. */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/*
 * Replace the scratch file's contents with data; returns its path, valid
 * for the whole run.  Aborts when the memfd cannot be made or written.
 */
static inline const char *fuzz_scratch_file(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];

	if (fd < 0) {
		fd = memfd_create("pgb-fuzz", 0);
		if (fd < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0) {
		perror("ftruncate");
		abort();
	}
	for (size_t off = 0; off < size;) {
		ssize_t n = pwrite(fd, data + off, size - off, (off_t)off);
		if (n <= 0) {
			perror("pwrite");
			abort();
		}
		off += (size_t)n;
	}
	return path;
}

#endif /* PGB_FUZZ_H */
