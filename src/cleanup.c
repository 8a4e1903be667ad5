/*
 * cleanup.c
 *	  The registry of files and directories to remove when a run ends
 *	  early, and the signal handlers and exit hook that remove them.
 *
 *	  The handler may run at any point, so the registry is changed only
 *	  with the handled signals blocked, and the handler itself calls
 *	  nothing but unlink(2), rmdir(2), sigaction(2) and raise(3), all
 *	  async-signal-safe.
 */
#include "cleanup.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct cleanup_entry {
	char *path; /* malloc'd; NULL once forgotten */
	bool is_dir;
};

static struct cleanup_entry *entries;
static size_t n_entries, cap_entries;

/* SIGXFSZ is not here: it is ignored (see cleanup.h). */
static const int handled[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE};
#define N_HANDLED (sizeof(handled) / sizeof(handled[0]))

static void handled_set(sigset_t *set)
{
	sigemptyset(set);
	for (size_t i = 0; i < N_HANDLED; i++)
		sigaddset(set, handled[i]);
}

void cleanup_hold_signals(sigset_t *saved)
{
	sigset_t set;
	handled_set(&set);
	sigprocmask(SIG_BLOCK, &set, saved);
}

void cleanup_release_signals(const sigset_t *saved)
{
	sigprocmask(SIG_SETMASK, saved, NULL);
}

void cleanup_run(void)
{
	int saved_errno = errno;

	for (size_t i = n_entries; i-- > 0;) {
		if (entries[i].path == NULL)
			continue;
		if (entries[i].is_dir)
			rmdir(entries[i].path);
		else
			unlink(entries[i].path);
	}
	errno = saved_errno;
}

/* Remove the files, then end the process by the signal it got. */
static void on_signal(int sig)
{
	struct sigaction dfl;

	cleanup_run();
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	/* Delivered when the handler returns, the signal being blocked until then. */
	raise(sig);
}

/*
 * A crash (a stack overflow included, hence the alternate stack): remove
 * the files, put back the handler that was there before (the default, or
 * a sanitizer's) and return, so the faulting instruction faults again and
 * that handler does what it does (a core dump, a report).
 */
static const int crashes[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
#define N_CRASHES (sizeof(crashes) / sizeof(crashes[0]))
static struct sigaction before_crash[N_CRASHES];

static void on_crash(int sig)
{
	cleanup_run();
	for (size_t i = 0; i < N_CRASHES; i++)
		if (crashes[i] == sig)
			sigaction(sig, &before_crash[i], NULL);
}

static void install_crash_handlers(void)
{
	static char alt_stack[64 * 1024];
	stack_t ss, old_ss;
	struct sigaction sa;

	/* Keep an alternate stack someone (a sanitizer) set up already. */
	if (sigaltstack(NULL, &old_ss) == 0 && (old_ss.ss_flags & SS_DISABLE)) {
		ss.ss_sp = alt_stack;
		ss.ss_size = sizeof(alt_stack);
		ss.ss_flags = 0;
		sigaltstack(&ss, NULL);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < N_CRASHES; i++)
		sigaction(crashes[i], &sa, &before_crash[i]);
}

/* On exit(): whatever is still registered was not finished. */
static void at_exit(void)
{
	sigset_t saved;
	cleanup_hold_signals(&saved);
	cleanup_run();
	for (size_t i = 0; i < n_entries; i++)
		free(entries[i].path);
	free(entries);
	entries = NULL;
	n_entries = cap_entries = 0;
	cleanup_release_signals(&saved);
}

void cleanup_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	handled_set(&sa.sa_mask); /* one handler at a time */
	for (size_t i = 0; i < N_HANDLED; i++) {
		struct sigaction old;
		/* A signal ignored by whoever started us (nohup, `cmd &`) stays ignored. */
		if (sigaction(handled[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(handled[i], &sa, NULL);
	}
	signal(SIGXFSZ, SIG_IGN);
	install_crash_handlers();
	atexit(at_exit);
}

void cleanup_add(const char *path, bool is_dir)
{
	char *copy = xstrdup(path);
	sigset_t saved;

	cleanup_hold_signals(&saved);
	if (n_entries == cap_entries) {
		/* Out of memory exits, and at_exit() still finds the old list intact. */
		cap_entries = cap_entries ? cap_entries * 2 : 16;
		entries = xrealloc(entries, cap_entries * sizeof(*entries));
	}
	entries[n_entries++] = (struct cleanup_entry){.path = copy, .is_dir = is_dir};
	cleanup_release_signals(&saved);
}

void cleanup_forget(const char *path)
{
	sigset_t saved;
	char *gone = NULL;

	cleanup_hold_signals(&saved);
	for (size_t i = n_entries; i-- > 0;) {
		if (entries[i].path && strcmp(entries[i].path, path) == 0) {
			gone = entries[i].path;
			entries[i].path = NULL;
			break;
		}
	}
	/* Forgotten entries at the end are dropped, so the list stays short. */
	while (n_entries > 0 && entries[n_entries - 1].path == NULL)
		n_entries--;
	cleanup_release_signals(&saved);
	free(gone);
}
