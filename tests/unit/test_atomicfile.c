/*
 * test_atomicfile.c
 *	  All-or-nothing output: files appear whole or not at all, existing
 *	  files are never replaced without force, and a failure (read-only
 *	  directory, a file size limit standing in for a full disk) leaves the
 *	  previous state intact with no temporary files or new directories
 *	  behind.  Refusals (a directory, a file marked keep, a dangling link)
 *	  come before anything is written; devices and FIFOs are written, never
 *	  replaced; the cleanup registry removes its files on exit() and on a
 *	  signal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

/* What the writer reports; kept (not printed) and reachable until exit. */
static struct diags diags;

#include "atomicfile.h"
#include "cleanup.h"
#include "sink.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/sysmacros.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* A file to write: path and text. */
#define OF(p, text) ((struct outfile){.path = (p), .data = (text), .len = strlen(text)})

static char *tmpdir(void)
{
	char *d = xstrdup("/tmp/pgb-atomic-XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

static char *path_in(const char *dir, const char *name)
{
	char *p = NULL;
	assert_true(asprintf(&p, "%s/%s", dir, name) > 0);
	return p;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	static char buf[4096];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Entries in dir other than . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void rm_rf(const char *dir)
{
	char *cmd = NULL;
	assert_true(asprintf(&cmd, "chmod -R u+w '%s'; rm -rf '%s'", dir, dir) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void test_writes_all_files_and_dirs(void **state)
{
	char *d = tmpdir();
	char *a = path_in(d, "one.txt"), *b = path_in(d, "sub/dir/two.txt");
	struct outfile f[] = {OF(a, "alpha\n"), OF(b, "beta\n")};
	assert_int_equal(atomic_write_files(f, 2, false, &diags), 0);
	assert_string_equal(slurp(a), "alpha\n");
	assert_string_equal(slurp(b), "beta\n");
	assert_int_equal(count_entries(d), 2); /* one.txt, sub: no temporary left */
	free(a);
	free(b);
	rm_rf(d);
	free(d);
}

static void test_refuses_to_overwrite_without_force(void **state)
{
	char *d = tmpdir();
	char *a = path_in(d, "one.txt"), *b = path_in(d, "two.txt");
	struct outfile first[] = {OF(b, "old\n")};
	assert_int_equal(atomic_write_files(first, 1, false, &diags), 0);

	/* b exists: nothing is written, not even a, which did not exist */
	struct outfile f[] = {OF(a, "new-a\n"), OF(b, "new-b\n")};
	assert_int_equal(atomic_write_files(f, 2, false, &diags), PGB_EXIT_INPUT);
	assert_null(slurp(a));
	assert_string_equal(slurp(b), "old\n");
	assert_int_equal(count_entries(d), 1);

	assert_int_equal(atomic_write_files(f, 2, true, &diags), 0);
	assert_string_equal(slurp(b), "new-b\n");
	free(a);
	free(b);
	rm_rf(d);
	free(d);
}

/* Sinks into an atomic set: nothing on disk until the set is written, then every file. */
static void test_atomic_sinks_write_all_at_once(void **state)
{
	char *d = tmpdir();
	char *a = path_in(d, "one.txt"), *b = path_in(d, "sub/two.txt");
	struct atomic_set *set = atomic_set_new();
	struct sink s1, s2;
	assert_true(sink_init_atomic(&s1, set, a, false));
	assert_true(sink_init_atomic(&s2, set, b, false));
	sink_puts(&s1, "al");
	sink_printf(&s2, "%s\n", "beta");
	sink_puts(&s1, "pha\n");
	assert_int_equal(sink_finish(&s1), 0);
	assert_int_equal(sink_finish(&s2), 0);
	assert_int_equal(count_entries(d), 0); /* nothing written yet */
	assert_int_equal(atomic_set_count(set), 2);
	assert_string_equal(atomic_set_path(set, 1), b);
	assert_int_equal(atomic_set_write(set, false, &diags), 0);
	assert_string_equal(slurp(a), "alpha\n");
	assert_string_equal(slurp(b), "beta\n");
	atomic_set_free(set);
	free(a);
	free(b);
	rm_rf(d);
	free(d);
}

/* A set keeps atomic_write_files()'s refusals: no overwrite without force, never of a kept
 * file, and nothing of the set written when one file is refused. */
static void test_atomic_set_refuses_as_a_whole(void **state)
{
	char *d = tmpdir();
	char *a = path_in(d, "one.txt"), *b = path_in(d, "two.txt");
	struct outfile first[] = {OF(b, "old\n")};
	assert_int_equal(atomic_write_files(first, 1, false, &diags), 0);

	for (int keep = 0; keep <= 1; keep++) {
		struct atomic_set *set = atomic_set_new();
		struct sink s;
		sink_init_atomic(&s, set, a, false);
		sink_puts(&s, "new-a\n");
		sink_init_atomic(&s, set, b, keep);
		sink_puts(&s, "new-b\n");
		assert_int_equal(atomic_set_check(set, false, &diags), PGB_EXIT_INPUT);
		assert_int_equal(atomic_set_write(set, false, &diags), PGB_EXIT_INPUT);
		assert_null(slurp(a));
		assert_string_equal(slurp(b), "old\n");
		assert_int_equal(count_entries(d), 1);
		if (keep) /* even with force */
			assert_int_equal(atomic_set_write(set, true, &diags), PGB_EXIT_INPUT);
		else
			assert_int_equal(atomic_set_check(set, true, &diags), 0);
		assert_null(slurp(a));
		atomic_set_free(set);
	}
	free(a);
	free(b);
	rm_rf(d);
	free(d);
}

/* A full set: the sink fails (sticky), it does not write past the set's room. */
static void test_atomic_set_full(void **state)
{
	struct atomic_set *set = atomic_set_new();
	struct sink s;
	for (int i = 0; i < ATOMIC_SET_MAX; i++)
		assert_true(sink_init_atomic(&s, set, "/nonexistent/x", false));
	assert_false(sink_init_atomic(&s, set, "/nonexistent/y", false));
	sink_puts(&s, "dropped");
	assert_int_equal(sink_finish(&s), -1);
	assert_int_equal(atomic_set_count(set), ATOMIC_SET_MAX);
	atomic_set_free(set);
}

/* Root writes through permissions, so the attempt runs as `nobody` then. */
static void test_read_only_directory_leaves_state(void **state)
{
	char *d = tmpdir();
	char *a = path_in(d, "one.txt");
	struct outfile old[] = {OF(a, "old\n")};
	assert_int_equal(atomic_write_files(old, 1, false, &diags), 0);
	chmod(a, 0644);
	chmod(d, 0555);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(2);
		struct outfile f[] = {OF(a, "new\n")};
		_exit(atomic_write_files(f, 1, true, &diags) == PGB_EXIT_FAILURE ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(slurp(a), "old\n");
	chmod(d, 0755);
	free(a);
	rm_rf(d);
	free(d);
}

/*
 * A full disk, simulated with RLIMIT_FSIZE in a child process: the second
 * file cannot be written whole, so neither file may change.
 */
static void test_full_disk_leaves_state(void **state)
{
	char *d = tmpdir();
	char *a = path_in(d, "one.txt"), *b = path_in(d, "two.txt");
	struct outfile old[] = {OF(a, "old-a\n"), OF(b, "old-b\n")};
	assert_int_equal(atomic_write_files(old, 2, false, &diags), 0);

	static char big[64 * 1024];
	memset(big, 'x', sizeof(big));
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = {.rlim_cur = 16 * 1024, .rlim_max = 16 * 1024};
		signal(SIGXFSZ, SIG_IGN); /* get EFBIG instead of being killed */
		setrlimit(RLIMIT_FSIZE, &rl);
		struct outfile f[] = {OF(a, "new-a\n"),
				      {.path = b, .data = big, .len = sizeof(big)}};
		_exit(atomic_write_files(f, 2, true, &diags) == PGB_EXIT_FAILURE ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(slurp(a), "old-a\n");
	assert_string_equal(slurp(b), "old-b\n");
	assert_int_equal(count_entries(d), 2); /* temporaries removed */
	free(a);
	free(b);
	rm_rf(d);
	free(d);
}

/* A file size limit in a child: `f` cannot be written whole (EFBIG), exit 0 if so reported. */
static void write_in_limited_child(const struct outfile *f, int n, bool force)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = {.rlim_cur = 16 * 1024, .rlim_max = 16 * 1024};
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		_exit(atomic_write_files(f, n, force, &diags) == PGB_EXIT_FAILURE ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* Directories made for a set that then fails are removed again. */
static void test_failure_removes_new_directories(void **state)
{
	char *d = tmpdir();
	char *a = path_in(d, "new/sub/one.txt"), *b = path_in(d, "two.txt");
	static char big[64 * 1024];
	memset(big, 'x', sizeof(big));
	struct outfile f[] = {OF(a, "a\n"), {.path = b, .data = big, .len = sizeof(big)}};
	write_in_limited_child(f, 2, false);
	assert_int_equal(count_entries(d), 0); /* no new/, no temporaries */
	free(a);
	free(b);
	rm_rf(d);
	free(d);
}

/* A target that is a directory is refused even with force, before any file is written. */
static void test_directory_target_refused_first(void **state)
{
	char *d = tmpdir();
	char *a = path_in(d, "one.txt"), *b = path_in(d, "stamp.sql");
	struct outfile old[] = {OF(a, "old\n")};
	assert_int_equal(atomic_write_files(old, 1, false, &diags), 0);
	assert_int_equal(mkdir(b, 0755), 0);
	struct outfile f[] = {OF(a, "new\n"), OF(b, "stamp\n")};
	assert_int_equal(atomic_write_files(f, 2, true, &diags), PGB_EXIT_INPUT);
	assert_int_equal(atomic_check_targets(f, 2, true, &diags), PGB_EXIT_INPUT);
	assert_string_equal(slurp(a), "old\n");
	assert_int_equal(count_entries(d), 2);
	free(a);
	free(b);
	rm_rf(d);
	free(d);
}

/* A file marked keep is never replaced, and refusing it writes nothing else. */
static void test_keep_refused_even_with_force(void **state)
{
	char *d = tmpdir();
	char *a = path_in(d, "rev.py"), *b = path_in(d, "env.py");
	struct outfile old[] = {OF(b, "mine\n")};
	assert_int_equal(atomic_write_files(old, 1, false, &diags), 0);
	struct outfile f[] = {OF(a, "rev\n"), {.path = b, .data = "new\n", .len = 4, .keep = true}};
	assert_int_equal(atomic_write_files(f, 2, true, &diags), PGB_EXIT_INPUT);
	assert_null(slurp(a));
	assert_string_equal(slurp(b), "mine\n");
	/* A look-alike: keep on a file that does not exist yet is written. */
	unlink(b);
	assert_int_equal(atomic_write_files(f, 2, true, &diags), 0);
	assert_string_equal(slurp(b), "new\n");
	free(a);
	free(b);
	rm_rf(d);
	free(d);
}

/* A character device is written, not replaced: it is still a device afterwards. */
static void test_device_written_not_replaced(void **state)
{
	char *d = tmpdir();
	char *dev = path_in(d, "null");
	struct stat st;
	if (mknod(dev, S_IFCHR | 0666, makedev(1, 3)) != 0) {
		free(dev);
		rm_rf(d);
		free(d);
		skip(); /* not root */
	}
	struct outfile f[] = {OF(dev, "to the device\n")};
	assert_int_equal(atomic_write_files(f, 1, true, &diags), 0);
	assert_int_equal(atomic_write_files(f, 1, false, &diags), 0); /* no --force needed */
	assert_int_equal(lstat(dev, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(count_entries(d), 1);
	free(dev);
	rm_rf(d);
	free(d);
}

/* A FIFO gets the bytes through it; it is not replaced by a file. */
static void test_fifo_written_not_replaced(void **state)
{
	char *d = tmpdir();
	char *fifo = path_in(d, "pipe");
	struct stat st;
	int fds[2];
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) { /* the reader: copies what comes through the FIFO to the pipe */
		close(fds[0]);
		int in = open(fifo, O_RDONLY);
		char buf[64];
		ssize_t n;
		while ((n = read(in, buf, sizeof(buf))) > 0)
			if (write(fds[1], buf, (size_t)n) != n)
				_exit(1);
		_exit(0);
	}
	close(fds[1]);
	struct outfile f[] = {OF(fifo, "through\n")};
	assert_int_equal(atomic_write_files(f, 1, false, &diags), 0);
	char got[64] = {0};
	assert_int_equal(read(fds[0], got, sizeof(got) - 1), 8);
	assert_string_equal(got, "through\n");
	close(fds[0]);
	waitpid(pid, NULL, 0);
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	free(fifo);
	rm_rf(d);
	free(d);
}

/* A symbolic link to a file: the file is replaced (with force), the link stays. */
static void test_symlink_followed(void **state)
{
	char *d = tmpdir();
	char *real = path_in(d, "real.txt"), *link_ = path_in(d, "link.txt");
	char *dangling = path_in(d, "dangling.txt");
	struct stat st;
	struct outfile old[] = {OF(real, "old\n")};
	assert_int_equal(atomic_write_files(old, 1, false, &diags), 0);
	assert_int_equal(symlink("real.txt", link_), 0);
	struct outfile f[] = {OF(link_, "new\n")};
	assert_int_equal(atomic_write_files(f, 1, false, &diags), PGB_EXIT_INPUT);
	assert_int_equal(atomic_write_files(f, 1, true, &diags), 0);
	assert_int_equal(lstat(link_, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_string_equal(slurp(real), "new\n");
	/* A link to nothing is refused, and nothing is created through it. */
	assert_int_equal(symlink("missing.txt", dangling), 0);
	struct outfile g[] = {OF(dangling, "x\n")};
	assert_int_equal(atomic_write_files(g, 1, true, &diags), PGB_EXIT_INPUT);
	assert_int_equal(count_entries(d), 3);
	free(real);
	free(link_);
	free(dangling);
	rm_rf(d);
	free(d);
}

/* With --force, a failure restores every replaced file, the first one included. */
static void test_force_failure_restores_all(void **state)
{
	char *d = tmpdir();
	char *a = path_in(d, "one.txt"), *b = path_in(d, "two.txt"), *c = path_in(d, "new.txt");
	struct outfile old[] = {OF(a, "old-a\n"), OF(b, "old-b\n")};
	assert_int_equal(atomic_write_files(old, 2, false, &diags), 0);
	static char big[64 * 1024];
	memset(big, 'x', sizeof(big));
	struct outfile f[] = {
	    OF(a, "new-a\n"), OF(c, "new-c\n"), {.path = b, .data = big, .len = sizeof(big)}};
	write_in_limited_child(f, 3, true);
	assert_string_equal(slurp(a), "old-a\n");
	assert_string_equal(slurp(b), "old-b\n");
	assert_null(slurp(c));
	assert_int_equal(count_entries(d), 2);
	free(a);
	free(b);
	free(c);
	rm_rf(d);
	free(d);
}

/*
 * A rename that fails after others succeeded: those are undone.  As
 * `nobody` in a sticky directory, root's read-only file can be neither
 * linked (protected_hardlinks) nor renamed over, so the third file fails
 * only once the first two are in place.
 */
static void test_failed_rename_undoes_the_others(void **state)
{
	FILE *ph = fopen("/proc/sys/fs/protected_hardlinks", "r");
	int protected_links = ph && fgetc(ph) == '1';
	if (ph)
		fclose(ph);
	if (geteuid() != 0 || !protected_links)
		skip();
	char *d = tmpdir();
	char *a = path_in(d, "mine.txt"), *b = path_in(d, "roots.txt"), *c = path_in(d, "new.txt");
	struct outfile old[] = {OF(a, "old-a\n"), OF(b, "old-b\n")};
	assert_int_equal(atomic_write_files(old, 2, false, &diags), 0);
	assert_int_equal(chown(a, 65534, 65534), 0);
	assert_int_equal(chmod(b, 0644), 0);
	assert_int_equal(chmod(d, 01777), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(2);
		struct outfile f[] = {OF(a, "new-a\n"), OF(c, "new-c\n"), OF(b, "new-b\n")};
		_exit(atomic_write_files(f, 3, true, &diags) == PGB_EXIT_FAILURE ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(slurp(a), "old-a\n");
	assert_string_equal(slurp(b), "old-b\n");
	assert_null(slurp(c));
	assert_int_equal(count_entries(d), 2); /* no backup, no temporary */
	free(a);
	free(b);
	free(c);
	rm_rf(d);
	free(d);
}

/* The registry: exit() removes what is registered (and only that). */
static void test_cleanup_on_exit(void **state)
{
	char *d = tmpdir();
	char *a = path_in(d, "tmp"), *b = path_in(d, "kept");
	assert_int_equal(close(open(a, O_CREAT | O_WRONLY, 0600)), 0);
	assert_int_equal(close(open(b, O_CREAT | O_WRONLY, 0600)), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		cleanup_install();
		cleanup_add(a, false);
		cleanup_add(b, false);
		cleanup_forget(b);
		exit(2);
	}
	int status;
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 2);
	assert_int_equal(access(a, F_OK), -1);
	assert_int_equal(access(b, F_OK), 0);
	free(a);
	free(b);
	rm_rf(d);
	free(d);
}

/* SIGTERM removes the files and directories and ends the process by SIGTERM. */
static void test_cleanup_on_signal(void **state)
{
	char *d = tmpdir();
	char *sub = path_in(d, "sub"), *a = path_in(d, "sub/tmp");
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(close(open(a, O_CREAT | O_WRONLY, 0600)), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		cleanup_install();
		cleanup_add(sub, true);
		cleanup_add(a, false);
		raise(SIGTERM);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGTERM);
	assert_int_equal(count_entries(d), 0);
	free(sub);
	free(a);
	rm_rf(d);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_writes_all_files_and_dirs),
	    cmocka_unit_test(test_refuses_to_overwrite_without_force),
	    cmocka_unit_test(test_read_only_directory_leaves_state),
	    cmocka_unit_test(test_full_disk_leaves_state),
	    cmocka_unit_test(test_failure_removes_new_directories),
	    cmocka_unit_test(test_directory_target_refused_first),
	    cmocka_unit_test(test_keep_refused_even_with_force),
	    cmocka_unit_test(test_device_written_not_replaced),
	    cmocka_unit_test(test_fifo_written_not_replaced),
	    cmocka_unit_test(test_symlink_followed),
	    cmocka_unit_test(test_force_failure_restores_all),
	    cmocka_unit_test(test_failed_rename_undoes_the_others),
	    cmocka_unit_test(test_atomic_sinks_write_all_at_once),
	    cmocka_unit_test(test_atomic_set_refuses_as_a_whole),
	    cmocka_unit_test(test_atomic_set_full),
	    cmocka_unit_test(test_cleanup_on_exit),
	    cmocka_unit_test(test_cleanup_on_signal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
