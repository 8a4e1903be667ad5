/*
 * cleanup.h
 *	  Files that must not outlive the run when it ends early: temporary
 *	  files (atomicfile.c's .pgbaseline-XXXXXX, the copy of an archive
 *	  read from stdin) and directories created for output.  They are
 *	  removed on exit() from anywhere (a limit reached deep in the model,
 *	  out of memory) and on SIGTERM, SIGINT, SIGHUP, SIGQUIT and SIGPIPE,
 *	  after which the signal is raised again so the process ends as the
 *	  signal says.  SIGXFSZ is ignored, so a file size limit makes write(2)
 *	  fail with EFBIG and the ordinary error path reports and cleans up.
 *	  A crash (SIGSEGV, a stack overflow included, SIGBUS, SIGILL, SIGFPE,
 *	  SIGABRT) removes them too, then goes on as it would have (a core
 *	  dump, a sanitizer's report).  Only SIGKILL can leave a registered
 *	  file behind.
 *
 *	  The registry works without cleanup_install() too (unit tests): then
 *	  only the caller's own error paths remove the files.
 */
#ifndef PGB_CLEANUP_H
#define PGB_CLEANUP_H

#include "pgb.h"

#include <signal.h>

/* Install the signal handlers and the exit hook; main() calls it first. */
void cleanup_install(void);

/*
 * Remove `path` if the run ends early: unlink(2) it, or rmdir(2) it when
 * `is_dir` (only when empty; directories go after the files in them, as
 * they are removed in the reverse order of registration).  The path is
 * copied.
 */
void cleanup_add(const char *path, bool is_dir);

/* The caller removed or kept `path` itself: forget it (the last entry of that name). */
void cleanup_forget(const char *path);

/*
 * Hold the termination signals while a few steps must all happen or be
 * undone (renaming a set of files into place); they are delivered by
 * cleanup_release_signals().  `saved` keeps the previous mask.
 */
void cleanup_hold_signals(sigset_t *saved);
void cleanup_release_signals(const sigset_t *saved);

/* Remove every registered path now (the exit hook and the signal handler call it). */
void cleanup_run(void);

#endif /* PGB_CLEANUP_H */
