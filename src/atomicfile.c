/*
 * atomicfile.c
 *	  All-or-nothing output: check every target, write temporary files,
 *	  write devices and FIFOs directly, then rename the temporary files
 *	  into place with signals held, undoing the renames if one fails.
 *	  The guarantee is spelled out in atomicfile.h.
 */
#include "atomicfile.h"

#include "cleanup.h"
#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum target_kind {
	TGT_NEW,     /* no file there: a temporary file is renamed to it */
	TGT_REPLACE, /* a regular file there, replaced (force) through a temporary file */
	TGT_DIRECT,  /* a character device or FIFO: written directly */
	TGT_FD,	     /* /dev/stdout, /dev/fd/N: written to that open descriptor */
};

/* One output file on its way; the strings are malloc'd. */
struct target {
	struct diags *d; /* where problems are reported */
	const struct outfile *f;
	enum target_kind kind;
	char *where;	   /* what is renamed onto: the path, or the file its symlink names */
	mode_t mode;	   /* TGT_REPLACE: the replaced file's permissions, kept */
	char *temp;	   /* the written temporary file, until renamed */
	char *backup;	   /* TGT_REPLACE during the renames: the previous file */
	bool backup_moved; /* the backup was renamed away (no hard links): `where` is absent */
	bool renamed;	   /* temp is now `where` */
	int fd;		   /* TGT_FD: the descriptor */
};

/* Directories this call created, so that a failure can remove them again. */
struct made_dirs {
	struct ptrvec v; /* malloc'd paths, in creation order */
};

static struct loc at(const char *path)
{
	return (struct loc){.file = path};
}

static char *dir_of(const char *path)
{
	char *copy = xstrdup(path);
	char *d = xstrdup(dirname(copy));
	free(copy);
	return d;
}

/* mkdir -p, remembering (and registering for cleanup) what it created. */
static int make_dirs(const char *path, struct made_dirs *made, struct diags *d)
{
	char *p = xstrdup(path);
	int rc = PGB_EXIT_OK;

	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char saved = *s;
		*s = '\0';
		sigset_t sigs;
		cleanup_hold_signals(&sigs);
		if (mkdir(p, 0777) == 0) {
			cleanup_add(p, true);
			ptrvec_push(&made->v, xstrdup(p));
		} else if (errno != EEXIST) {
			diag_error(d, at(p), "cannot create directory: %s", strerror(errno));
			rc = PGB_EXIT_FAILURE;
		}
		cleanup_release_signals(&sigs);
		*s = saved;
		if (rc != PGB_EXIT_OK || saved == '\0')
			break;
	}
	free(p);
	return rc;
}

/* Remove (failed) or just forget (succeeded) the directories made. */
static void made_dirs_finish(struct made_dirs *made, bool remove)
{
	for (size_t i = made->v.n; i-- > 0;) {
		if (remove)
			rmdir(made->v.v[i]);
		cleanup_forget(made->v.v[i]);
		free(made->v.v[i]);
	}
	ptrvec_free(&made->v);
}

static const char *special_kind(mode_t m)
{
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

/*
 * The descriptor that /dev/stdout, /dev/stderr, /dev/fd/N or
 * /proc/self/fd/N names, or -1.  Those are written to the descriptor the
 * process already has, whatever it is open on: opening the name again
 * would find the file behind it (`> out`) and refuse or replace it.
 */
static int fd_of_name(const char *path)
{
	const char *p = NULL;
	long v = 0;

	if (strcmp(path, "/dev/stdout") == 0)
		return STDOUT_FILENO;
	if (strcmp(path, "/dev/stderr") == 0)
		return STDERR_FILENO;
	if (strncmp(path, "/dev/fd/", 8) == 0)
		p = path + 8;
	else if (strncmp(path, "/proc/self/fd/", 14) == 0)
		p = path + 14;
	if (p == NULL || *p == '\0')
		return -1;
	for (; *p >= '0' && *p <= '9' && v < 1000000; p++)
		v = v * 10 + (*p - '0');
	return *p == '\0' && v < 1000000 ? (int)v : -1;
}

/* The refusals, for one file: fills t->kind and t->where. */
static int check_target(const struct outfile *f, bool force, struct target *t)
{
	struct stat st;

	t->f = f;
	if ((t->fd = fd_of_name(f->path)) >= 0) {
		if (fcntl(t->fd, F_GETFL) < 0 || (fcntl(t->fd, F_GETFL) & O_ACCMODE) == O_RDONLY) {
			diag_error(t->d, at(f->path),
				   "cannot be written: the descriptor is not open "
				   "for writing");
			return PGB_EXIT_FAILURE;
		}
		t->kind = TGT_FD;
		return PGB_EXIT_OK;
	}
	if (lstat(f->path, &st) != 0) {
		if (errno == ENOTDIR) {
			diag_error(t->d, at(f->path),
				   "cannot be written: a directory in its path is a file");
			return PGB_EXIT_INPUT;
		}
		if (errno != ENOENT) {
			diag_error(t->d, at(f->path), "cannot be written: %s", strerror(errno));
			return PGB_EXIT_FAILURE;
		}
		char *dir = dir_of(f->path);
		bool file_in_way =
		    (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) || errno == ENOTDIR;
		if (file_in_way)
			diag_error(t->d, at(f->path), "cannot be written: %s is not a directory",
				   dir);
		free(dir);
		if (file_in_way)
			return PGB_EXIT_INPUT;
		t->kind = TGT_NEW;
		t->where = xstrdup(f->path);
		return PGB_EXIT_OK;
	}

	bool is_link = S_ISLNK(st.st_mode);
	if (is_link && stat(f->path, &st) != 0) {
		diag_error(t->d, at(f->path),
			   "is a symbolic link to a missing or unreachable file (%s)",
			   strerror(errno));
		return PGB_EXIT_INPUT;
	}
	if (S_ISDIR(st.st_mode)) {
		diag_error(t->d, at(f->path), "is a directory");
		return PGB_EXIT_INPUT;
	}
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
		t->kind = TGT_DIRECT;
		t->where = xstrdup(f->path);
		return PGB_EXIT_OK;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(t->d, at(f->path), "is %s; not written", special_kind(st.st_mode));
		return PGB_EXIT_INPUT;
	}
	if (f->keep) {
		diag_error(t->d, at(f->path),
			   "already exists; not overwritten (not even with --force)");
		return PGB_EXIT_INPUT;
	}
	if (!force) {
		diag_error(t->d, at(f->path),
			   "already exists; not overwritten (use --force to replace it)");
		return PGB_EXIT_INPUT;
	}
	t->kind = TGT_REPLACE;
	t->mode = st.st_mode & 07777;
	t->where = is_link ? realpath(f->path, NULL) : xstrdup(f->path);
	if (t->where == NULL) {
		diag_error(t->d, at(f->path), "cannot follow the symbolic link: %s",
			   strerror(errno));
		return PGB_EXIT_FAILURE;
	}
	return PGB_EXIT_OK;
}

/* A new empty file ".pgbaseline-XXXXXX" beside `where`, registered for cleanup. */
static int make_temp(const char *where, char **name)
{
	char *dir = dir_of(where);
	struct strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s/.pgbaseline-XXXXXX", dir);
	char *tmpl = sb_steal(&sb);
	free(dir);

	sigset_t sigs;
	cleanup_hold_signals(&sigs);
	int fd = mkstemp(tmpl);
	if (fd >= 0)
		cleanup_add(tmpl, false);
	cleanup_release_signals(&sigs);
	if (fd < 0)
		free(tmpl);
	else
		*name = tmpl;
	return fd;
}

static void drop_temp(char **name)
{
	if (*name == NULL)
		return;
	unlink(*name);
	cleanup_forget(*name);
	free(*name);
	*name = NULL;
}

/* Write the temporary file of t (TGT_NEW, TGT_REPLACE). */
static int write_temp(struct target *t)
{
	int fd = make_temp(t->where, &t->temp);
	if (fd < 0) {
		diag_error(t->d, at(t->f->path), "cannot create a temporary file: %s",
			   strerror(errno));
		return PGB_EXIT_FAILURE;
	}
	mode_t mode = t->mode;
	if (t->kind == TGT_NEW) {
		/* mkstemp makes 0600; the user's umask decides, as for any file they create. */
		mode_t um = umask(0);
		umask(um);
		mode = 0666 & ~um;
	}
	int err = write_all(fd, t->f->data, t->f->len) ? 0 : errno;
	if (err == 0 && fchmod(fd, mode) != 0)
		err = errno;
	if (err == 0 && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err) {
		diag_error(t->d, at(t->f->path), "cannot write: %s", strerror(err));
		drop_temp(&t->temp);
		return PGB_EXIT_FAILURE;
	}
	return PGB_EXIT_OK;
}

/* A character device or FIFO: write to it (a FIFO waits for its reader). */
static int write_direct(struct target *t)
{
	if (t->kind == TGT_FD) {
		fflush(NULL); /* whatever stdio holds for it goes first */
		if (write_all(t->fd, t->f->data, t->f->len))
			return PGB_EXIT_OK;
		diag_error(t->d, at(t->f->path), "cannot write: %s", strerror(errno));
		return PGB_EXIT_FAILURE;
	}
	int fd = open(t->where, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	int err = 0;

	if (fd < 0) {
		diag_error(t->d, at(t->f->path), "cannot open: %s", strerror(errno));
		return PGB_EXIT_FAILURE;
	}
	/* Replaced by a regular file since the check: writing would not truncate it. */
	if (fstat(fd, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
		err = EEXIST;
	else if (!write_all(fd, t->f->data, t->f->len))
		err = errno;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err) {
		diag_error(t->d, at(t->f->path), "cannot write: %s", strerror(err));
		return PGB_EXIT_FAILURE;
	}
	return PGB_EXIT_OK;
}

/*
 * Keep the file at t->where reachable under a temporary name while it is
 * replaced: a hard link, or, where the file system has none, the file
 * itself renamed away.
 */
static bool make_backup(struct target *t)
{
	for (int attempt = 0; attempt < 100; attempt++) {
		char *name = NULL;
		int fd = make_temp(t->where, &name);
		if (fd < 0)
			return false;
		close(fd);
		unlink(name);
		/* Never removed by the cleanup hooks: it may be the only copy for a moment. */
		cleanup_forget(name);
		if (link(t->where, name) == 0) {
			t->backup = name;
			return true;
		}
		int err = errno;
		if (err != EEXIST && rename(t->where, name) == 0) {
			t->backup = name;
			t->backup_moved = true;
			return true;
		}
		free(name);
		if (err != EEXIST) {
			errno = err;
			return false;
		}
	}
	errno = EEXIST;
	return false;
}

/* Put back what t replaced, or remove what it created. */
static void undo_target(struct target *t)
{
	if (t->backup != NULL && (t->renamed || t->backup_moved)) {
		if (rename(t->backup, t->where) != 0) {
			diag_error(t->d, at(t->f->path),
				   "cannot restore the previous file: %s; it is kept as %s",
				   strerror(errno), t->backup);
		}
	} else if (t->backup != NULL) {
		unlink(t->backup); /* a second link to the file, which is still in place */
	} else if (t->renamed) {
		unlink(t->where); /* TGT_NEW: nothing was there */
	}
	free(t->backup);
	t->backup = NULL;
	t->renamed = false;
}

/* Rename every temporary file into place, or none (signals are held meanwhile). */
static int commit(struct target *t, int n)
{
	sigset_t sigs;
	int rc = PGB_EXIT_OK;
	int i;

	cleanup_hold_signals(&sigs);
	for (i = 0; i < n && rc == PGB_EXIT_OK; i++) {
		if (t[i].kind == TGT_DIRECT || t[i].kind == TGT_FD)
			continue;
		if (t[i].kind == TGT_REPLACE && !make_backup(&t[i])) {
			diag_error(t[i].d, at(t[i].f->path),
				   "cannot keep the previous file while "
				   "replacing it: %s",
				   strerror(errno));
			rc = PGB_EXIT_FAILURE;
		} else if (rename(t[i].temp, t[i].where) != 0) {
			diag_error(t[i].d, at(t[i].f->path), "cannot rename into place: %s",
				   strerror(errno));
			rc = PGB_EXIT_FAILURE;
		} else {
			t[i].renamed = true;
			cleanup_forget(t[i].temp);
			free(t[i].temp);
			t[i].temp = NULL;
		}
	}
	if (rc != PGB_EXIT_OK) {
		for (int k = i; k-- > 0;)
			undo_target(&t[k]);
	} else {
		for (int k = 0; k < n; k++) {
			if (t[k].backup != NULL) {
				unlink(t[k].backup);
				free(t[k].backup);
				t[k].backup = NULL;
			}
		}
	}
	cleanup_release_signals(&sigs);
	return rc;
}

static void targets_free(struct target *t, int n)
{
	for (int i = 0; i < n; i++) {
		drop_temp(&t[i].temp);
		free(t[i].where);
	}
	free(t);
}

static int check_all(const struct outfile *files, int n, bool force, struct target *t,
		     struct diags *d)
{
	for (int i = 0; i < n; i++)
		t[i].d = d;
	for (int i = 0; i < n; i++) {
		int rc = check_target(&files[i], force, &t[i]);
		if (rc != PGB_EXIT_OK)
			return rc;
	}
	return PGB_EXIT_OK;
}

int atomic_check_targets(const struct outfile *files, int n, bool force, struct diags *d)
{
	struct target *t = xcalloc((size_t)n, sizeof(*t));
	int rc = check_all(files, n, force, t, d);
	targets_free(t, n);
	return rc;
}

int atomic_write_files(const struct outfile *files, int n, bool force, struct diags *d)
{
	struct target *t = xcalloc((size_t)n, sizeof(*t));
	struct made_dirs made = {{0}};
	int rc = check_all(files, n, force, t, d);

	for (int i = 0; i < n && rc == PGB_EXIT_OK; i++) {
		if (t[i].kind == TGT_DIRECT || t[i].kind == TGT_FD)
			continue;
		char *dir = dir_of(t[i].where);
		rc = make_dirs(dir, &made, d);
		free(dir);
		if (rc == PGB_EXIT_OK)
			rc = write_temp(&t[i]);
	}
	/* Every temporary file is on disk: what cannot be taken back goes now. */
	for (int i = 0; i < n && rc == PGB_EXIT_OK; i++)
		if (t[i].kind == TGT_DIRECT || t[i].kind == TGT_FD)
			rc = write_direct(&t[i]);
	if (rc == PGB_EXIT_OK)
		rc = commit(t, n);
	targets_free(t, n); /* removes the temporary files left */
	made_dirs_finish(&made, rc != PGB_EXIT_OK);
	return rc;
}

/*
 * A set of files filled in memory, then written all or none.
 */

struct atomic_set {
	struct outfile files[ATOMIC_SET_MAX]; /* path: malloc'd; data and len: from text */
	struct strbuf text[ATOMIC_SET_MAX];
	int n;
};

struct atomic_set *atomic_set_new(void)
{
	return xcalloc(1, sizeof(struct atomic_set));
}

void atomic_set_free(struct atomic_set *set)
{
	if (set == NULL)
		return;
	for (int i = 0; i < set->n; i++) {
		free((char *)set->files[i].path);
		sb_free(&set->text[i]);
	}
	free(set);
}

struct strbuf *atomic_set_add(struct atomic_set *set, const char *path, bool keep)
{
	if (set->n == ATOMIC_SET_MAX)
		return NULL;
	int i = set->n++;
	set->files[i] = (struct outfile){.path = xstrdup(path), .keep = keep};
	sb_init(&set->text[i]);
	return &set->text[i];
}

int atomic_set_count(const struct atomic_set *set)
{
	return set->n;
}

const char *atomic_set_path(const struct atomic_set *set, int i)
{
	return set->files[i].path;
}

int atomic_set_check(const struct atomic_set *set, bool force, struct diags *d)
{
	return atomic_check_targets(set->files, set->n, force, d);
}

int atomic_set_write(const struct atomic_set *set, bool force, struct diags *d)
{
	struct outfile files[ATOMIC_SET_MAX];
	for (int i = 0; i < set->n; i++) {
		files[i] = set->files[i];
		files[i].data = set->text[i].data != NULL ? set->text[i].data : "";
		files[i].len = set->text[i].len;
	}
	return atomic_write_files(files, set->n, force, d);
}
