/*
 * atomicfile.c
 *	  All-or-nothing output: temporary files, fsync, rename.
 */
#include "atomicfile.h"

#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int make_dirs(const char *path)
{
	char *p = xstrdup(path);
	int rc = 0;

	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char saved = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			diag_error((struct loc){.file = p}, "cannot create directory: %s",
				   strerror(errno));
			rc = -1;
			break;
		}
		*s = saved;
		if (saved == '\0')
			break;
	}
	free(p);
	return rc;
}

static char *dir_of(const char *path)
{
	char *copy = xstrdup(path);
	char *d = xstrdup(dirname(copy));
	free(copy);
	return d;
}

/* Write one temporary file beside `path`; returns its malloc'd name or NULL. */
static char *write_temp(const struct outfile *f)
{
	char *dir = dir_of(f->path);
	char *tmpl = NULL;
	if (asprintf(&tmpl, "%s/.pgbaseline-XXXXXX", dir) < 0)
		tmpl = NULL;
	free(dir);
	if (tmpl == NULL)
		return NULL;

	int fd = mkstemp(tmpl);
	if (fd < 0) {
		diag_error((struct loc){.file = f->path}, "cannot create a temporary file: %s",
			   strerror(errno));
		free(tmpl);
		return NULL;
	}
	int err = write_all(fd, f->data, f->len) ? 0 : errno;
	if (err == 0 && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && err == 0)
		err = errno;
	/* mkstemp makes 0600; the user's umask decides, as for any file they create. */
	mode_t um = umask(0);
	umask(um);
	if (err == 0 && chmod(tmpl, 0666 & ~um) != 0)
		err = errno;
	if (err) {
		diag_error((struct loc){.file = f->path}, "cannot write: %s",
			   strerror(err ? err : EIO));
		unlink(tmpl);
		free(tmpl);
		return NULL;
	}
	return tmpl;
}

int atomic_check_absent(const struct outfile *files, int n)
{
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (lstat(files[i].path, &st) == 0) {
			diag_error((struct loc){.file = files[i].path},
				   "already exists; not overwritten (use --force to replace it)");
			return -1;
		}
	}
	return 0;
}

int atomic_write_files(const struct outfile *files, int n, bool force)
{
	char **temps = xcalloc((size_t)n, sizeof(char *));
	int rc = 0;

	if (!force)
		rc = atomic_check_absent(files, n);
	for (int i = 0; i < n && rc == 0; i++) {
		char *dir = dir_of(files[i].path);
		rc = make_dirs(dir);
		free(dir);
		if (rc == 0 && (temps[i] = write_temp(&files[i])) == NULL)
			rc = -1;
	}
	/* Everything is on disk: only now do the names change. */
	for (int i = 0; i < n && rc == 0; i++) {
		if (rename(temps[i], files[i].path) != 0) {
			diag_error((struct loc){.file = files[i].path},
				   "cannot rename into place: %s", strerror(errno));
			rc = -1;
		} else {
			free(temps[i]);
			temps[i] = NULL;
		}
	}
	for (int i = 0; i < n; i++) {
		if (temps[i])
			unlink(temps[i]);
		free(temps[i]);
	}
	free(temps);
	return rc;
}
