/*
 * atomicfile.h
 *	  Writing output files so that nothing is ever half-written or lost:
 *	  every file goes to a temporary file in its own directory, is fsync'd,
 *	  and is renamed into place only when all of them were written.  An
 *	  existing file is never replaced unless the caller says --force.
 */
#ifndef PGB_ATOMICFILE_H
#define PGB_ATOMICFILE_H

#include "pgb.h"

struct outfile {
	const char *path; /* where it goes */
	const char *data; /* what it holds */
	size_t len;
};

/*
 * Write all files or none.  Directories are created as needed.  Without
 * `force`, any existing target makes the whole set fail before anything is
 * written.  Returns 0, or -1 after reporting what failed (the previous
 * state is left intact).
 */
int atomic_write_files(const struct outfile *files, int n, bool force);

/*
 * The check atomic_write_files makes without `force`, for a caller that
 * wants to refuse before doing the work: returns 0 when no target exists,
 * or -1 after reporting the first that does.
 */
int atomic_check_absent(const struct outfile *files, int n);

/* mkdir -p; returns 0 or -1 after reporting. */
int make_dirs(const char *path);

#endif /* PGB_ATOMICFILE_H */
