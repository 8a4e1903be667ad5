/*
 * test_atomicfile.c
 *	  All-or-nothing output: files appear whole or not at all, existing
 *	  files are never replaced without force, and a failure (read-only
 *	  directory, a file size limit standing in for a full disk) leaves the
 *	  previous state intact with no temporary files behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "atomicfile.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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
	struct outfile f[] = {{a, "alpha\n", 6}, {b, "beta\n", 5}};
	assert_int_equal(atomic_write_files(f, 2, false), 0);
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
	struct outfile first[] = {{b, "old\n", 4}};
	assert_int_equal(atomic_write_files(first, 1, false), 0);

	/* b exists: nothing is written, not even a, which did not exist */
	struct outfile f[] = {{a, "new-a\n", 6}, {b, "new-b\n", 6}};
	assert_int_equal(atomic_write_files(f, 2, false), -1);
	assert_null(slurp(a));
	assert_string_equal(slurp(b), "old\n");
	assert_int_equal(count_entries(d), 1);

	assert_int_equal(atomic_write_files(f, 2, true), 0);
	assert_string_equal(slurp(b), "new-b\n");
	free(a);
	free(b);
	rm_rf(d);
	free(d);
}

/* Root writes through permissions, so the attempt runs as `nobody` then. */
static void test_read_only_directory_leaves_state(void **state)
{
	char *d = tmpdir();
	char *a = path_in(d, "one.txt");
	struct outfile old[] = {{a, "old\n", 4}};
	assert_int_equal(atomic_write_files(old, 1, false), 0);
	chmod(a, 0644);
	chmod(d, 0555);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(2);
		struct outfile f[] = {{a, "new\n", 4}};
		_exit(atomic_write_files(f, 1, true) == -1 ? 0 : 1);
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
	struct outfile old[] = {{a, "old-a\n", 6}, {b, "old-b\n", 6}};
	assert_int_equal(atomic_write_files(old, 2, false), 0);

	static char big[64 * 1024];
	memset(big, 'x', sizeof(big));
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = {.rlim_cur = 16 * 1024, .rlim_max = 16 * 1024};
		signal(SIGXFSZ, SIG_IGN); /* get EFBIG instead of being killed */
		setrlimit(RLIMIT_FSIZE, &rl);
		struct outfile f[] = {{a, "new-a\n", 6}, {b, big, sizeof(big)}};
		_exit(atomic_write_files(f, 2, true) == -1 ? 0 : 1);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_writes_all_files_and_dirs),
	    cmocka_unit_test(test_refuses_to_overwrite_without_force),
	    cmocka_unit_test(test_read_only_directory_leaves_state),
	    cmocka_unit_test(test_full_disk_leaves_state),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
