/*
 * atomicfile.h
 *	  Writing output files so that nothing is ever half-written or lost,
 *	  and a run writes all of its files or none of them.
 *
 *	  The guarantee, for one call of atomic_write_files():
 *	  - Every refusal comes before anything is written: a target that is a
 *	    directory, a block device or a socket, a dangling symbolic link, a
 *	    parent that is not a directory, an existing regular file without
 *	    `force` (or marked `keep`).
 *	  - Each regular file is written to a temporary file beside it
 *	    (".pgbaseline-XXXXXX", removed by cleanup.h's hooks if the run is
 *	    killed) and fsync'd.  Only when every one is on disk are they
 *	    renamed into place, with termination signals held.  If a rename
 *	    fails, the renames already done are undone: a file that did not
 *	    exist is removed again, a file that --force replaced gets its old
 *	    contents back (a hard link to it is kept until the end).
 *	    Directories created for the files are removed again on failure.
 *	  - A symbolic link to a regular file is followed: the file it points
 *	    to is replaced, the link stays.
 *	  - An existing character device or FIFO (/dev/null, /dev/tty, a named
 *	    pipe) is written directly, never replaced, and needs no `force`;
 *	    /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N are written
 *	    to the process's own descriptor, whatever it is open on.  Bytes that reached it cannot
 *be taken back, so these are written after all temporary files exist and before any rename.
 *	  - Not covered: SIGKILL, a crash or a power loss during the renames
 *	    (which take microseconds), and other processes changing the same
 *	    files at the same time.
 */
#ifndef PGB_ATOMICFILE_H
#define PGB_ATOMICFILE_H

#include "diag.h"
#include "pgb.h"

struct outfile {
	const char *path; /* where it goes */
	const char *data; /* what it holds */
	size_t len;
	bool keep; /* an existing file is refused even with force */
};

/*
 * Write all files or none, as described above.  Directories are created
 * as needed.  Returns PGB_EXIT_OK; PGB_EXIT_INPUT when a target was
 * refused (nothing written); or PGB_EXIT_FAILURE when writing failed (the
 * previous state is restored).  Either failure is reported, naming the file.
 */
int atomic_write_files(const struct outfile *files, int n, bool force, struct diags *d);

/*
 * Only the refusals of atomic_write_files(), for a caller that wants to
 * refuse before doing the work (the data of `files` is not looked at).
 * Returns PGB_EXIT_OK, or PGB_EXIT_INPUT / PGB_EXIT_FAILURE after
 * reporting the first target that is refused or cannot be checked.
 */
int atomic_check_targets(const struct outfile *files, int n, bool force, struct diags *d);

/*
 * A set of files written together, filled in memory (typically through
 * sinks, sink_init_atomic() in sink.h) and then written all or none by
 * atomic_set_write(), with the guarantee above.
 */
struct atomic_set;

/* An empty set; free it with atomic_set_free(). */
struct atomic_set *atomic_set_new(void);
/* Frees the set, its paths and its buffers. */
void atomic_set_free(struct atomic_set *set);

/* Adds a file at path (copied) and returns the buffer that holds its contents, owned by
 * the set.  keep: an existing file is refused even with force.  Returns NULL when the set
 * is full (ATOMIC_SET_MAX files). */
#define ATOMIC_SET_MAX 16
struct strbuf *atomic_set_add(struct atomic_set *set, const char *path, bool keep);

/* How many files the set has, and the path of file i (owned by the set). */
int atomic_set_count(const struct atomic_set *set);
const char *atomic_set_path(const struct atomic_set *set, int i);

/* atomic_check_targets() on the set's paths (their contents are not looked at). */
int atomic_set_check(const struct atomic_set *set, bool force, struct diags *d);
/* atomic_write_files() on the set's files, as they are now. */
int atomic_set_write(const struct atomic_set *set, bool force, struct diags *d);

#endif /* PGB_ATOMICFILE_H */
