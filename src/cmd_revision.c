/*
 * cmd_revision.c
 *	  `pgbaseline revision [-m MSG] OLD NEW`: the next Alembic revision of
 *	  the project, from OLD to NEW (revision.h), and <rev>_schema.sql
 *	  beside it, the schema it leads to (emit_schema_sql), which `verify`
 *	  reads.  The project is found as `baseline` finds it (alembic.ini's
 *	  script_location and version_locations, --dir); down_revision is its
 *	  one head.  Every refusal comes before anything is written, and the
 *	  two files are written together or not at all.
 */
#include "atomicfile.h"
#include "baseline.h"
#include "cmd_common.h"
#include "compare.h"
#include "fingerprint.h"
#include "load.h"
#include "plan.h"
#include "project.h"
#include "revision.h"
#include "scaffold.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_MESSAGE "schema changes"

struct revision_cmd {
	struct diags *d;
	const char *dir; /* --dir, or NULL */
	const char *rev; /* --rev, or NULL: derived */
	const char *message;
	bool allow_incomplete;
	struct cmd_renames renames;
	struct ptrvec dirs; /* char *: the directories Alembic reads revisions from */
	char *versions;	    /* where the new revision goes (malloc'd) */
	struct project p;
};

static int revision_option(const struct cli_command *cmd, enum cli_opt_id id, const char *arg,
			   void *ctx)
{
	struct revision_cmd *c = ctx;
	switch (id) {
	case OPT_DIR:
		c->dir = arg;
		return 0;
	case OPT_REV:
		c->rev = arg;
		return 0;
	case OPT_MESSAGE:
		c->message = arg;
		return 0;
	case OPT_ALLOW_INCOMPLETE:
		c->allow_incomplete = true;
		return 0;
	case OPT_RENAME:
		return cmd_add_rename(cmd, arg, &c->renames);
	default:
		cli_usage_error(cmd, "unexpected option");
		return PGB_EXIT_INPUT;
	}
}

static char *join_versions(const char *dir)
{
	char *v = xmalloc(strlen(dir) + sizeof "/versions");
	strcpy(v, dir);
	strcat(v, "/versions");
	return v;
}

/*
 * The project as Alembic (and baseline) finds it: alembic.ini in the
 * current directory, its script location (or --dir, else migrations/ or
 * alembic/), its version locations; then its revisions.  False after
 * reporting.
 */
static bool read_project(struct revision_cmd *c)
{
	char *ini_dir = NULL, *ini_vt = NULL, *ini_vts = NULL;
	struct stat st;
	bool ok = false;

	if (stat("alembic.ini", &st) != 0) {
		diag_error(c->d, (struct loc){.file = "alembic.ini"},
			   "no Alembic project here: run from the directory that holds "
			   "alembic.ini, or create the project with pgbaseline baseline --init");
		return false;
	}
	bool have_ini = scaffold_read_ini("alembic.ini", &ini_dir, &ini_vt, &ini_vts, c->d);
	if (have_ini && ini_dir && ini_dir[0] == '\0')
		goto out; /* a package resource not found, reported */
	if (!scaffold_read_version_locations("alembic.ini", &c->dirs, c->d))
		goto out;
	const char *dir = c->dir			 ? c->dir
			  : ini_dir			 ? ini_dir
			  : stat("migrations", &st) == 0 ? "migrations"
							 : "alembic";
	char *own = join_versions(dir);
	if (c->dirs.n == 0) {
		ptrvec_push(&c->dirs, own);
		c->versions = xstrdup(own);
	} else {
		/* <dir>/versions when it is one of them, else the first (as baseline) */
		const char *where = c->dirs.v[0];
		for (size_t i = 0; i < c->dirs.n; i++)
			if (strcmp(c->dirs.v[i], own) == 0)
				where = own;
		c->versions = xstrdup(where);
		free(own);
	}
	ok = project_scan((const char *const *)c->dirs.v, c->dirs.n, &c->p, c->d);
out:
	free(ini_dir);
	free(ini_vt);
	free(ini_vts);
	return ok;
}

/*
 * The revision id when --rev is not given: the first 12 hex digits of
 * SHA-256 over the head, NEW's fingerprint and the message, each ended
 * by a NUL.  False when OpenSSL cannot compute it.
 */
static bool derive_rev(const char *head, const struct model *new, const char *message, char out[13])
{
	char fp[FINGERPRINT_LEN];
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	if (!fingerprint_model(new, fp))
		return false;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 &&
		  EVP_DigestUpdate(ctx, head, strlen(head) + 1) == 1 &&
		  EVP_DigestUpdate(ctx, fp, strlen(fp) + 1) == 1 &&
		  EVP_DigestUpdate(ctx, message, strlen(message) + 1) == 1 &&
		  EVP_DigestFinal_ex(ctx, digest, &len) == 1 && len >= 6;
	EVP_MD_CTX_free(ctx);
	for (int i = 0; ok && i < 6; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
	return ok;
}

/* The two files' paths (malloc'd): the module and <rev>_schema.sql. */
static void file_paths(const struct revision_cmd *c, const char *rev, char **module, char **sql)
{
	struct baseline_opts bo = {.rev = rev, .message = c->message};
	char *fname = baseline_revision_filename(&bo);
	struct strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s/%s", c->versions, fname);
	*module = sb_steal(&sb);
	sb_printf(&sb, "%s/%s_schema.sql", c->versions, rev);
	*sql = sb_steal(&sb);
	free(fname);
}

/* The refusals about the files: the id taken, a file there without --force. */
static int check_files(const struct revision_cmd *c, const char *rev, bool force)
{
	if (project_find(&c->p, rev) != NULL) {
		diag_error(c->d, (struct loc){.file = project_find(&c->p, rev)->path},
			   "revision %s exists already: give another --rev or -m", rev);
		return PGB_EXIT_INPUT;
	}
	char *paths[2];
	file_paths(c, rev, &paths[0], &paths[1]);
	struct outfile f[2] = {{.path = paths[0]}, {.path = paths[1]}};
	int rc = atomic_check_targets(f, 2, force, c->d) == 0 ? PGB_EXIT_OK : PGB_EXIT_INPUT;
	free(paths[0]);
	free(paths[1]);
	return rc;
}

/* The schema SQL of NEW into sql; refused when it cannot write an object (--allow-incomplete). */
static int schema_sql(const struct revision_cmd *c, const struct model *new, const char *rev,
		      const char *label, struct strbuf *sql)
{
	struct ptrvec missing = {0};
	struct baseline_opts bo = {.rev = rev};
	size_t n = emit_schema_sql(new, &bo, sql, &missing);
	int rc = PGB_EXIT_OK;
	if (n > 0) {
		struct strbuf names;
		sb_init(&names);
		for (size_t i = 0; i < missing.n && i < 10; i++)
			sb_printf(&names, "%s%s", i ? ", " : "", (const char *)missing.v[i]);
		if (missing.n > 10)
			sb_printf(&names, " and %zu more", missing.n - 10);
		if (!c->allow_incomplete) {
			diag_error(c->d, (struct loc){.file = label},
				   "the schema SQL this revision records cannot create %zu "
				   "object%s the model holds only by name: %s; write it without "
				   "them with --allow-incomplete",
				   n, n == 1 ? "" : "s", names.data);
			rc = PGB_EXIT_INPUT;
		} else {
			diag_warn(c->d, (struct loc){.file = label},
				  "the schema SQL leaves out %zu object%s the model holds only by "
				  "name: %s",
				  n, n == 1 ? "" : "s", names.data);
		}
		sb_free(&names);
	}
	for (size_t i = 0; i < missing.n; i++)
		free(missing.v[i]);
	ptrvec_free(&missing);
	return rc;
}

static int write_files(struct revision_cmd *c, const struct comparison *cmp, const char *rev,
		       const char *head, char **labels, const struct cli_args *a)
{
	struct strbuf module, sql;
	char *paths[2];
	sb_init(&module);
	sb_init(&sql);
	file_paths(c, rev, &paths[0], &paths[1]);
	int rc = schema_sql(c, cmp->new, rev, labels[1], &sql);
	if (rc == PGB_EXIT_OK) {
		const char *base = strrchr(paths[1], '/');
		emit_revision_module(
		    cmp,
		    &(struct revision_opts){.rev = rev,
					    .down_revision = head,
					    .message = c->message,
					    .old_label = labels[0],
					    .new_label = labels[1],
					    .schema_sql = base ? base + 1 : paths[1]},
		    &module);
		struct outfile f[2] = {{.path = paths[0], .data = module.data, .len = module.len},
				       {.path = paths[1], .data = sql.data, .len = sql.len}};
		if (atomic_write_files(f, 2, a->force, c->d) != 0) {
			rc = PGB_EXIT_FAILURE;
		} else {
			printf("wrote %s\nwrote %s\n", paths[0], paths[1]);
			printf("next: review %s, then `alembic upgrade head`\n", paths[0]);
		}
	}
	free(paths[0]);
	free(paths[1]);
	sb_free(&module);
	sb_free(&sql);
	return rc;
}

static int run_revision(struct revision_cmd *c, const struct cli_args *a, char **labels)
{
	struct model *m[2] = {NULL, NULL};
	char derived[13];
	int rc = PGB_EXIT_INPUT;

	if (!read_project(c))
		return PGB_EXIT_INPUT;
	const struct revision_file *head = project_one_head(&c->p, c->versions, c->d);
	if (head == NULL)
		return PGB_EXIT_INPUT;
	if (c->rev != NULL && (rc = check_files(c, c->rev, a->force)) != PGB_EXIT_OK)
		return rc;
	for (int i = 0; i < 2; i++) {
		rc = cmd_load(&(struct cmd_load_opts){.path = labels[i],
						      .dbname = a->dbname,
						      .filter = a->filter},
			      &m[i], c->d);
		if (rc != PGB_EXIT_OK)
			goto out;
		if (a->strict && m[i]->source.unparsed > 0) {
			diag_error(
			    c->d, (struct loc){.file = labels[i]},
			    "%ld statement%s could not be parsed (--strict); nothing written",
			    m[i]->source.unparsed, m[i]->source.unparsed == 1 ? "" : "s");
			rc = PGB_EXIT_UNPARSED;
			goto out;
		}
	}
	struct comparison cmp;
	compare_models(m[0], m[1],
		       &(struct compare_opts){.renames = c->renames.v, .n_renames = c->renames.n},
		       &cmp);
	rc = PGB_EXIT_INPUT;
	if (cmd_report_unused_renames(&cmp, c->d)) {
		/* reported */
	} else if (cmp.changes.n == 0) {
		diag_error(c->d, (struct loc){.file = labels[1]},
			   "the schema is the same as %s's: a revision would change nothing; "
			   "nothing written",
			   labels[0]);
	} else if (c->rev == NULL && !derive_rev(head->revision, m[1], c->message, derived)) {
		diag_failure(c->d, (struct loc){0},
			     "cannot derive the revision id: OpenSSL's SHA-256 failed; give --rev");
		rc = PGB_EXIT_FAILURE;
	} else {
		const char *rev = c->rev ? c->rev : derived;
		if (c->rev != NULL || (rc = check_files(c, rev, a->force)) == PGB_EXIT_OK)
			rc = write_files(c, &cmp, rev, head->revision, labels, a);
	}
	compare_free(&cmp);
out:
	if (m[0] != NULL || m[1] != NULL)
		load_cleanup();
	model_free(m[0]);
	model_free(m[1]);
	return rc;
}

static int revision_run(const struct cli_command *cmd, int argc, char **argv, struct diags *d)
{
	struct revision_cmd c = {.d = d, .message = DEFAULT_MESSAGE};
	struct cli_args a = {.filter = filter_new()};
	int rc = cli_parse(cmd, argc, argv, &a, revision_option, &c);

	d->quiet = a.quiet;
	if (rc < 0 && argc - a.first_operand != 2) {
		cli_usage_error(cmd, "revision takes two dumps, OLD and NEW");
		rc = PGB_EXIT_INPUT;
	}
	if (rc < 0 && strcmp(argv[a.first_operand], "-") == 0 &&
	    strcmp(argv[a.first_operand + 1], "-") == 0) {
		cli_usage_error(cmd, "only one of OLD and NEW can be - (standard input)");
		rc = PGB_EXIT_INPUT;
	}
	if (rc < 0 && c.rev != NULL && !cmd_check_rev(cmd, c.rev))
		rc = PGB_EXIT_INPUT;
	if (rc < 0 && c.message[0] == '\0') {
		cli_usage_error(cmd, "-m needs a message");
		rc = PGB_EXIT_INPUT;
	}
	if (rc < 0)
		rc = run_revision(&c, &a, argv + a.first_operand);
	diags_print(d, stderr);
	project_free(&c.p);
	for (size_t i = 0; i < c.dirs.n; i++)
		free(c.dirs.v[i]);
	ptrvec_free(&c.dirs);
	free(c.versions);
	cmd_free_renames(&c.renames);
	filter_free(a.filter);
	return rc;
}

const struct cli_command cmd_revision = {
    .name = "revision",
    .bit = CLI_REVISION,
    .summary = "write the next Alembic revision, from OLD's schema to NEW's",
    .synopsis = "[OPTIONS] OLD NEW",
    .about = "Write the next revision of the Alembic project (found as baseline finds it):\n"
	     "down_revision is its one head, upgrade() turns OLD's schema into NEW's and\n"
	     "downgrade() turns it back, with the statements diff --format sql writes (as\n"
	     "Alembic operations where one writes the same statement).  The docstring lists\n"
	     "the changes and their hazards.  <rev>_schema.sql beside it records NEW's\n"
	     "schema, which verify compares a database with.\n",
    .epilog = "Without --rev the id is the first 12 hex digits of SHA-256 over the head, NEW's\n"
	      "schema and the message (default \"schema changes\"): the same inputs, the same\n"
	      "files.\n"
	      "\n"
	      "Exit status: 0 files written; 1 a file could not be written (none is: all or\n"
	      "nothing); 2 usage error, bad input, no change, no single head, or a file exists\n"
	      "(without --force); 3 unparsed statements under --strict.\n",
    .run = revision_run,
};
