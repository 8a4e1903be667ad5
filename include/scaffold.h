/*
 * scaffold.h
 *	  What `alembic init` writes, adapted (DATABASE_URL, include_object),
 *	  and what pgbaseline reads back from an existing alembic.ini
 *	  (scaffold.c).
 */
#ifndef PGB_SCAFFOLD_H
#define PGB_SCAFFOLD_H

#include "baseline.h"
#include "diag.h"

struct scaffold_file {
	const char *path; /* relative to the project root, e.g. "alembic.ini", "alembic/env.py" */
	char *text;	  /* malloc'd */
};
/* Fills files[] (at most 8) and returns how many. */
int scaffold_files(const struct model *m, const struct baseline_opts *o,
		   struct scaffold_file *files);

/*
 * Read an existing alembic.ini: script_location, and version_table /
 * version_table_schema when set there.  Returns false when the file does
 * not exist; fields not present are left as they were.  A script_location
 * in Alembic's package resource form ("pkg:dir") is the package's
 * directory; when it cannot be found, an error is reported and
 * *script_location is set to "" (refused).
 */
bool scaffold_read_ini(const char *path, char **script_location, char **version_table,
		       char **version_table_schema, struct diags *d);
/*
 * alembic.ini's version_locations, split as Alembic splits them
 * (path_separator, else version_path_separator: space, newline, os, ':' or
 * ';'; neither: spaces and commas), each a directory (package resources
 * resolved as for script_location), appended to out (malloc'd strings).
 * Nothing when the file or the option does not exist.  False after
 * reporting a separator Alembic refuses or a package not found.
 */
bool scaffold_read_version_locations(const char *path, struct ptrvec *out, struct diags *d);

#endif /* PGB_SCAFFOLD_H */
