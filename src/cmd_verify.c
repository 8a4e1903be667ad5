/*
 * cmd_verify.c
 *	  `pgbaseline verify [DUMP]`: drift.  Compares a database's schema
 *	  (DUMP, or --from OLD with migration SQL applied on top, --apply) with
 *	  the schema the project's newest pgbaseline revision records
 *	  (<rev>_schema.sql beside it, project.h), or with DUMP when --from is
 *	  given: a migration chain checked offline.  Exit 0 the same, 1 drift
 *	  (each difference named, as diff names it), 2 trouble.
 *
 *	  The expected schema is OLD to the comparison and the database NEW, so
 *	  "added" is what the database has and the record has not.  Alembic's
 *	  version table is no difference.
 */
#include "baseline.h"
#include "cmd_common.h"
#include "cmd_progress.h"
#include "compare.h"
#include "filter.h"
#include "load.h"
#include "project.h"
#include "scaffold.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum {
	VERIFY_SAME = 0,
	VERIFY_DRIFT = 1,
	VERIFY_TROUBLE = 2,
	VERIFY_UNPARSED = 3, /* --strict */
};

struct verify_cmd {
	const char *from;	/* --from, or NULL */
	struct ptrvec apply;	/* const char *: --apply files, in order */
	const char *dir;	/* --dir, or NULL: alembic.ini's, migrations/ or alembic/ */
	const char *vt;		/* --version-table, or NULL: alembic.ini's or alembic_version */
	const char *vts;	/* --version-table-schema */
	char *ini_vt, *ini_vts; /* alembic.ini's version_table and its schema (malloc'd), or NULL */
	struct compare_opts copts;
};

static bool verify_parse_format(const char *s, int *out)
{
	return cmd_parse_format(EMIT_DIFF, s, out);
}

static int verify_option(const struct cli_command *cmd, enum cli_opt_id id, const char *arg,
			 void *ctx)
{
	struct verify_cmd *c = ctx;
	switch (id) {
	case OPT_FROM:
		c->from = arg;
		return 0;
	case OPT_APPLY:
		ptrvec_push(&c->apply, (void *)arg);
		return 0;
	case OPT_DIR:
		c->dir = arg;
		return 0;
	case OPT_VERSION_TABLE:
		c->vt = arg;
		return 0;
	case OPT_VERSION_TABLE_SCHEMA:
		c->vts = arg;
		return 0;
	case OPT_NO_OWNERS:
		c->copts.no_owners = true;
		return 0;
	case OPT_NO_GRANTS:
		c->copts.no_grants = true;
		return 0;
	case OPT_NO_COMMENTS:
		c->copts.no_comments = true;
		return 0;
	case OPT_IGNORE_COLUMN_ORDER:
		c->copts.ignore_column_order = true;
		return 0;
	default:
		cli_usage_error(cmd, "unexpected option");
		return PGB_EXIT_INPUT;
	}
}

/*
 * paths[0..n) read into one model, one after another, as PostgreSQL would
 * run them in order: a dump, then migration SQL on top.  Filtered and
 * sorted; NULL after reporting.
 */
static struct model *load_chain(const struct cli_args *a, const char *const *paths, size_t n,
				struct diags *d)
{
	struct model *m = model_new();
	struct source_info first = {0};
	for (size_t i = 0; i < n; i++) {
		bool ok = cmd_progress_load(m, paths[i], i == 0 ? a->dbname : NULL, d);
		diags_print(d, stderr);
		if (!ok) {
			model_free(m);
			return NULL;
		}
		if (i == 0)
			first = m->source;
	}
	/* The dump's own facts (which pg_dump, which server); the counts are of every file. */
	m->source.file = first.file;
	m->source.pg_dump_version = first.pg_dump_version;
	m->source.server_version = first.server_version;
	m->source.format = first.format;
	m->source.dump_format = first.dump_format;
	m->source.archive_version = first.archive_version;
	m->source.dump_time = first.dump_time;
	m->source.database = first.database;
	filter_apply(m, a->filter);
	model_sort(m);
	bool matched = filter_check_matches(a->filter, m, d);
	diags_print(d, stderr);
	if (!matched) {
		model_free(m);
		return NULL;
	}
	return m;
}

/* Alembic's version table is bookkeeping, not schema: left out of the comparison. */
static void leave_out_version_table(struct model *m, const char *vt, const char *vts)
{
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = m->tables.v[i];
		if (strcmp(t->h.name, vt) == 0 && strcmp(t->h.schema, vts ? vts : "public") == 0)
			t->h.included = false;
	}
}

/*
 * The schema the newest pgbaseline revision of the project records: its
 * path (malloc'd) and revision id (malloc'd) into *path and *rev; false
 * after reporting why there is none.
 */
static bool recorded_schema(struct verify_cmd *c, char **path, char **rev, struct diags *d)
{
	char *ini_dir = NULL, *ini_vt = NULL, *ini_vts = NULL;
	struct ptrvec dirs = {0};
	struct project p = {0};
	bool ok = false;

	*path = *rev = NULL;
	bool have_ini = scaffold_read_ini("alembic.ini", &ini_dir, &ini_vt, &ini_vts, d);
	if (have_ini && ini_dir && ini_dir[0] == '\0')
		goto out; /* a package resource not found, reported */
	if (!scaffold_read_version_locations("alembic.ini", &dirs, d))
		goto out;
	if (c->vt == NULL && ini_vt)
		c->vt = c->ini_vt = xstrdup(ini_vt);
	if (c->vts == NULL && ini_vts)
		c->vts = c->ini_vts = xstrdup(ini_vts);
	if (dirs.n == 0) {
		const char *dir = c->dir ? c->dir : have_ini && ini_dir ? ini_dir : NULL;
		struct stat st;
		if (dir == NULL)
			dir = stat("migrations", &st) == 0 ? "migrations" : "alembic";
		char *versions = xmalloc(strlen(dir) + sizeof "/versions");
		strcpy(versions, dir);
		strcat(versions, "/versions");
		ptrvec_push(&dirs, versions);
	}
	if (!project_scan((const char *const *)dirs.v, dirs.n, &p, d))
		goto out;
	const struct revision_file *head = project_one_head(&p, dirs.v[0], d);
	if (head != NULL) {
		const struct revision_file *rf = project_newest_schema(&p, head);
		if (rf == NULL) {
			diag_error(
			    d, (struct loc){.file = dirs.v[0]},
			    "no revision from head %s down records its schema "
			    "(<rev>_schema.sql, written by pgbaseline baseline and revision)",
			    head->revision);
		} else {
			*path = xstrdup(rf->schema_sql);
			*rev = xstrdup(rf->revision);
			ok = true;
		}
	}
out:
	project_free(&p);
	for (size_t i = 0; i < dirs.n; i++)
		free(dirs.v[i]);
	ptrvec_free(&dirs);
	free(ini_dir);
	free(ini_vt);
	free(ini_vts);
	diags_print(d, stderr);
	return ok;
}

/*
 * Does the recorded schema at path leave out owners and grants (its
 * header says so: written without --with-privileges)?
 */
static bool record_without_privileges(const char *path)
{
	char head[4096];
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return false;
	size_t n = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	head[n] = '\0';
	for (const char *p = head; (p = strstr(p, SCHEMA_SQL_NO_PRIVILEGES)) != NULL; p++)
		if (p == head || p[-1] == '\n')
			return true;
	return false;
}

static int run_verify(struct verify_cmd *c, struct cli_args *a, const char *dump, struct diags *d)
{
	struct model *expected = NULL, *actual = NULL;
	char *expected_label = NULL, *actual_label = NULL, *schema_path = NULL, *rev = NULL;
	int rc = VERIFY_TROUBLE;

	/* What the database should be: the record, or DUMP against a migrated --from. */
	if (c->from != NULL && dump != NULL) {
		expected = load_chain(a, &dump, 1, d);
		expected_label = xstrdup(dump);
	} else if (recorded_schema(c, &schema_path, &rev, d)) {
		const char *p = schema_path;
		expected = load_chain(a, &p, 1, d);
		if (expected != NULL && record_without_privileges(schema_path) &&
		    !(c->copts.no_owners && c->copts.no_grants)) {
			c->copts.no_owners = c->copts.no_grants = true;
			diag_warn(d, (struct loc){.file = schema_path},
				  "records no owners and no grants (written without "
				  "--with-privileges): they are not compared");
			diags_print(d, stderr);
		}
		size_t n = strlen(rev) + strlen(schema_path) + sizeof "revision  ()";
		expected_label = xmalloc(n);
		snprintf(expected_label, n, "revision %s (%s)", rev, schema_path);
	}
	if (expected == NULL)
		goto out;

	/* What the database is: DUMP, or --from with --apply on top. */
	if (c->from != NULL) {
		struct ptrvec chain = {0};
		ptrvec_push(&chain, (void *)c->from);
		for (size_t i = 0; i < c->apply.n; i++)
			ptrvec_push(&chain, c->apply.v[i]);
		actual = load_chain(a, (const char *const *)chain.v, chain.n, d);
		struct strbuf sb;
		sb_init(&sb);
		sb_append(&sb, c->from);
		for (size_t i = 1; i < chain.n; i++)
			sb_printf(&sb, " + %s", (const char *)chain.v[i]);
		actual_label = sb_steal(&sb);
		ptrvec_free(&chain);
	} else {
		actual = load_chain(a, &dump, 1, d);
		actual_label = xstrdup(dump);
	}
	if (actual == NULL)
		goto out;

	const char *vt = c->vt ? c->vt : "alembic_version";
	leave_out_version_table(expected, vt, c->vts);
	leave_out_version_table(actual, vt, c->vts);

	struct comparison cmp;
	compare_models(expected, actual, &c->copts, &cmp);
	rc = cmd_write_report(a, cmp.new,
			      &(struct emit_opts){.comparison = &cmp,
						  .old_label = expected_label,
						  .new_label = actual_label},
			      d);
	if (rc == VERIFY_SAME) {
		if (a->strict && (expected->source.unparsed > 0 || actual->source.unparsed > 0)) {
			fprintf(stderr, "pgbaseline: error: statements could not be parsed "
					"(--strict)\n");
			rc = VERIFY_UNPARSED;
		} else if (cmp.changes.n > 0) {
			/* The drift is the finding, not an error of the run. */
			diag_warn(d, (struct loc){.file = actual_label},
				  "drift: %zu difference%s from %s", cmp.changes.n,
				  cmp.changes.n == 1 ? "" : "s", expected_label);
			diags_print(d, stderr);
			rc = VERIFY_DRIFT;
		}
	}
	compare_free(&cmp);
out:
	if (expected || actual)
		load_cleanup();
	model_free(expected);
	model_free(actual);
	free(expected_label);
	free(actual_label);
	free(schema_path);
	free(rev);
	return rc;
}

static int verify_run(const struct cli_command *cmd, int argc, char **argv, struct diags *d)
{
	struct verify_cmd c = {0};
	struct cli_args a = {.format = EMIT_DIFF_TEXT, .filter = filter_new()};
	int rc = cli_parse(cmd, argc, argv, &a, verify_option, &c);
	const char *dump = NULL;

	d->quiet = a.quiet;
	if (rc < 0) {
		int n = argc - a.first_operand;
		dump = n == 1 ? argv[a.first_operand] : NULL;
		if (n > 1) {
			cli_usage_error(cmd, "verify takes at most one dump");
			rc = VERIFY_TROUBLE;
		} else if (n == 0 && c.from == NULL) {
			cli_usage_error(cmd, "give the DUMP to verify, or --from OLD --apply SQL");
			rc = VERIFY_TROUBLE;
		} else if (c.apply.n > 0 && c.from == NULL) {
			cli_usage_error(cmd, "--apply needs --from: the dump the SQL applies to");
			rc = VERIFY_TROUBLE;
		} else if (c.from != NULL && c.apply.n == 0) {
			cli_usage_error(cmd,
					"--from needs --apply: the migration SQL to apply to it");
			rc = VERIFY_TROUBLE;
		} else if (a.output != NULL && a.output[0] == '\0') {
			cli_usage_error(cmd, "--output needs a file name");
			rc = VERIFY_TROUBLE;
		} else if (a.output != NULL &&
			   atomic_check_targets(&(struct outfile){.path = a.output}, 1, a.force,
						d) != 0) {
			diags_print(d, stderr);
			rc = VERIFY_TROUBLE;
		}
	} else if (rc != 0) {
		rc = VERIFY_TROUBLE;
	}
	if (rc < 0)
		rc = run_verify(&c, &a, dump, d);
	free(c.ini_vt);
	free(c.ini_vts);
	ptrvec_free(&c.apply);
	filter_free(a.filter);
	return rc;
}

const struct cli_command cmd_verify = {
    .name = "verify",
    .bit = CLI_VERIFY,
    .summary = "drift: a dump against the schema the newest revision records",
    .synopsis = "[OPTIONS] [DUMP]",
    .about = "Compare DUMP with the schema the project's newest pgbaseline revision records\n"
	     "(<rev>_schema.sql beside it, from the head down), and name every difference as\n"
	     "diff does: \"added\" is what the database has and the revision does not.\n"
	     "\n"
	     "A migration chain, offline: --from OLD --apply SQL models the SQL (for example\n"
	     "`alembic upgrade 001_baseline:head --sql` output) applied on top of OLD as\n"
	     "PostgreSQL would apply it, and compares the result with DUMP, or with the\n"
	     "recorded schema when no DUMP is given.  Alembic's version table is no\n"
	     "difference.\n",
    .epilog = "Exit status: 0 the same; 1 drift (every difference written); 2 usage error,\n"
	      "bad input, no recorded schema or the report could not be written; 3 unparsed\n"
	      "statements under --strict.\n",
    .formats = "text, markdown or json",
    .format_help = "text (default), markdown or json",
    .parse_format = verify_parse_format,
    .run = verify_run,
};
