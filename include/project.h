/*
 * project.h
 *	  The revisions of an Alembic project, read as Alembic reads them: every
 *	  `*.py` file of the version locations (not `__init__.py`, not an
 *	  editor's `.#` lock file), each with its `revision` and
 *	  `down_revision` assignments, which must be Python literals (a string,
 *	  None, or a tuple or list of strings), as Alembic's templates write
 *	  them.  `revision` and `verify` build on it: the head a new revision
 *	  follows, and the schema the newest pgbaseline revision leads to.
 *
 *	  The project owns what it holds (project_free).
 */
#ifndef PGB_PROJECT_H
#define PGB_PROJECT_H

#include "diag.h"
#include "pgb.h"

struct revision_file {
	char *path;	    /* the file, as found (directory + "/" + name) */
	char *revision;	    /* its revision id */
	struct ptrvec down; /* char *: its down_revision(s); empty for a root */
	/* "<dir>/<revision>_schema.sql" when that file exists beside it: the schema the revision
	 * leads to, recorded by pgbaseline; else NULL */
	char *schema_sql;
};

struct project {
	struct ptrvec revisions; /* struct revision_file *, by revision id */
};

/*
 * Read every revision file of the directories dirs[0..n) into p (which
 * starts zeroed).  A directory that does not exist holds no revisions.
 * False after reporting a file Alembic would refuse: no `revision`, a
 * value that is not a literal, a revision id given twice, a down_revision
 * that names no revision.
 */
bool project_scan(const char *const *dirs, size_t n, struct project *p, struct diags *d);

/* The revision with that id, or NULL. */
const struct revision_file *project_find(const struct project *p, const char *revision);

/*
 * The heads: revisions no other revision names as its down_revision, by
 * id, pushed to out (pointers into p).
 */
void project_heads(const struct project *p, struct ptrvec *out);

/*
 * The one head of p (a pointer into p), or NULL after reporting at
 * `where` why there is none: no revision at all (run baseline first), or
 * several heads, each named (merge them first).
 */
const struct revision_file *project_one_head(const struct project *p, const char *where,
					     struct diags *d);

/*
 * The newest revision at or below `from` (following first parents) that
 * records its schema (schema_sql), or NULL.
 */
const struct revision_file *project_newest_schema(const struct project *p,
						  const struct revision_file *from);

void project_free(struct project *p);

#endif /* PGB_PROJECT_H */
