/*
 * cmd_baseline.c
 *	  `pgbaseline baseline`: its options, the guards good practice asks
 *	  for, and writing the files.  The text of each file comes from its
 *	  emitter; nothing here formats output.
 */
#include "baseline.h"

#include "atomicfile.h"
#include "cmd_common.h"
#include "diag.h"
#include "emit.h"
#include "compare.h"
#include "fingerprint.h"
#include "load.h"
#include "scaffold.h"
#include "stats.h"
#include "textquote.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_DUMPS 16

struct baseline_cmd {
	struct diags *d; /* the command's diagnostics */
	struct baseline_opts o;
	struct filter *filter;
	struct filter *untracked;
	const char *dumps[MAX_DUMPS];
	int n_dumps;
	const char *dbname; /* --dbname: which database of pg_dumpall output; NULL: the only one */
	bool dir_given;
	bool vt_given, vts_given;
	bool strict; /* --strict: a statement that could not be parsed refuses the baseline */
	struct ptrvec version_locations; /* alembic.ini's, malloc'd; none: <dir>/versions */
};

/*
 * Names that go into alembic.ini and SQL: no control characters (they would
 * break the ini file), and a version table short enough that Alembic's
 * "<table>_pkc" constraint name fits PostgreSQL's 63 bytes.
 */
static bool check_name_option(const char *option, const char *value, size_t max_len)
{
	for (const char *p = value; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			diag_usage_error("%s must not contain control characters", option);
			return false;
		}
	}
	if (value[0] == '\0' || strlen(value) > max_len) {
		diag_usage_error("%s must be 1 to %zu bytes long", option, max_len);
		return false;
	}
	return true;
}

static bool parse_doc_level(const char *s, enum doc_level *out)
{
	if (strcmp(s, "minimal") == 0)
		*out = DOC_MINIMAL;
	else if (strcmp(s, "standard") == 0)
		*out = DOC_STANDARD;
	else if (strcmp(s, "comprehensive") == 0)
		*out = DOC_COMPREHENSIVE;
	else
		return false;
	return true;
}

/* The latest time the docstring's "%Y-%m-%d" can show: 9999-12-31 23:59:59 UTC. */
#define MAX_EPOCH 253402300799LL

/*
 * SOURCE_DATE_EPOCH as the reproducible-builds specification defines it:
 * the decimal seconds since 1970-01-01 00:00:00 UTC that `date +%s`
 * prints.  Anything else is refused, never read as 0.
 */
static bool parse_source_date_epoch(const char *s, time_t *out, struct diags *d)
{
	long long v = 0;
	const char *p = s;

	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > MAX_EPOCH)
			break;
	}
	if (p == s || *p != '\0' || v > MAX_EPOCH) {
		diag_error(d, (struct loc){0},
			   "SOURCE_DATE_EPOCH=\"%s\" is not usable: it must be the number of "
			   "seconds since 1970-01-01 00:00:00 UTC, as `date +%%s` prints it "
			   "(0 to %lld)",
			   s, MAX_EPOCH);
		return false;
	}
	*out = (time_t)v;
	return true;
}

static bool digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++, (*p)++) {
		if (**p < '0' || **p > '9')
			return false;
		v = v * 10 + (**p - '0');
	}
	*out = v;
	return true;
}

/*
 * --date: a calendar date, "YYYY-MM-DD", optionally with a time
 * ("HH:MM", "HH:MM:SS", fractions of a second) after a space or "T", and a
 * zone ("UTC", "Z", "+HH:MM", "-HHMM").  It is shown as given, so a date
 * that does not exist (2026-02-30, 25:00) is refused like any other text.
 */
static bool date_option_valid(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	const char *p = s;
	int y, mo, d, h, mi, sec = 0;

	if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
	    !digits(&p, 2, &d))
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && !leap))
		return false;
	if (*p == '\0')
		return true;
	if (*p != ' ' && *p != 'T')
		return false;
	p++;
	if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi) || h > 23 || mi > 59)
		return false;
	if (*p == ':') {
		p++;
		if (!digits(&p, 2, &sec) || sec > 59)
			return false;
		if (*p == '.') {
			const char *frac = ++p;
			while (*p >= '0' && *p <= '9')
				p++;
			if (p == frac)
				return false;
		}
	}
	if (*p == ' ')
		p++;
	if (*p == '\0' || strcmp(p, "UTC") == 0 || strcmp(p, "Z") == 0)
		return true;
	if (*p != '+' && *p != '-')
		return false;
	p++;
	int zh, zm;
	if (!digits(&p, 2, &zh))
		return false;
	if (*p == ':')
		p++;
	return digits(&p, 2, &zm) && *p == '\0' && zh <= 23 && zm <= 59;
}

/* baseline's own options (cli.c parses the shared ones). */
static int baseline_option(const struct cli_command *cmd, enum cli_opt_id id, const char *arg,
			   void *ctx)
{
	struct baseline_cmd *c = ctx;

	switch (id) {
	case OPT_DIR:
		c->o.dir = arg;
		c->dir_given = true;
		break;
	case OPT_REV:
		c->o.rev = arg;
		break;
	case OPT_MESSAGE:
		c->o.message = arg;
		break;
	case OPT_DOC:
		if (!parse_doc_level(arg, &c->o.doc)) {
			cli_usage_error(cmd,
					"unknown --doc level \"%s\" (minimal, standard or "
					"comprehensive)",
					arg);
			return PGB_EXIT_INPUT;
		}
		break;
	case OPT_INIT:
		c->o.init = true;
		break;
	case OPT_STATS:
		c->o.stats_file = arg;
		break;
	case OPT_UNTRACKED:
		if (!filter_add(c->untracked, FILTER_TABLE, arg)) {
			cli_usage_hint(cmd);
			return PGB_EXIT_INPUT;
		}
		c->o.untracked = c->untracked;
		break;
	case OPT_VERSION_TABLE:
		c->o.version_table = arg;
		c->vt_given = true;
		break;
	case OPT_VERSION_TABLE_SCHEMA:
		c->o.version_table_schema = arg;
		c->vts_given = true;
		break;
	case OPT_SCHEMA_SQL:
		c->o.schema_sql = true;
		break;
	case OPT_WITH_PRIVILEGES:
		c->o.with_privileges = true;
		break;
	case OPT_ALLOW_INCOMPLETE:
		c->o.allow_incomplete = true;
		break;
	case OPT_CI:
		c->o.ci = true;
		c->o.schema_sql = true; /* ci_check.sh loads it */
		break;
	case OPT_MODELS:
		c->o.models = true;
		break;
	case OPT_DATE:
		if (!date_option_valid(arg)) {
			cli_usage_error(cmd,
					"--date \"%s\" is not a date: give YYYY-MM-DD, "
					"optionally with HH:MM[:SS] and a zone (UTC, +HH:MM)",
					arg);
			return PGB_EXIT_INPUT;
		}
		c->o.create_date = arg;
		break;
	default:
		break; /* the table gives baseline no other option */
	}
	return 0;
}

static int parse_baseline_args(const struct cli_command *cmd, int argc, char **argv,
			       struct baseline_cmd *c)
{
	struct cli_args a = {.filter = c->filter};
	int rc = cli_parse(cmd, argc, argv, &a, baseline_option, c);

	if (rc >= 0)
		return rc;
	c->dbname = a.dbname;
	c->o.force = a.force;
	c->d->quiet = a.quiet;
	c->strict = a.strict;
	if (a.first_operand >= argc) {
		cli_usage_error(cmd, "baseline needs at least one DUMP file");
		return PGB_EXIT_INPUT;
	}
	for (int i = a.first_operand; i < argc; i++) {
		if (c->n_dumps == MAX_DUMPS) {
			cli_usage_error(cmd, "at most %d dumps", MAX_DUMPS);
			return PGB_EXIT_INPUT;
		}
		c->dumps[c->n_dumps++] = argv[i];
	}
	if (c->o.allow_incomplete && !c->o.schema_sql) {
		cli_usage_error(cmd,
				"--allow-incomplete is an option of --schema-sql: give it too");
		return PGB_EXIT_INPUT;
	}
	if (!cmd_check_rev(cmd, c->o.rev))
		return PGB_EXIT_INPUT;
	if ((c->dir_given && !check_name_option("--dir", c->o.dir, 4096)) ||
	    !check_name_option("--version-table", c->o.version_table, 59) ||
	    (c->o.version_table_schema &&
	     !check_name_option("--version-table-schema", c->o.version_table_schema, 63))) {
		cli_usage_hint(cmd);
		return PGB_EXIT_INPUT;
	}
	return -1;
}

static bool path_exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

/*
 * Where the Alembic project is, and its settings when alembic.ini exists.
 * Values from alembic.ini pass the checks their options pass; false after
 * reporting one that does not.
 */
static bool locate_project(struct baseline_cmd *c, char **ini_dir, char **ini_vt, char **ini_vts)
{
	*ini_dir = *ini_vt = *ini_vts = NULL;
	bool have_ini = scaffold_read_ini("alembic.ini", ini_dir, ini_vt, ini_vts, c->d);
	if (have_ini && *ini_dir && (*ini_dir)[0] == '\0')
		return false; /* a package resource not found, reported */
	if ((*ini_dir && !c->dir_given &&
	     !check_name_option("alembic.ini: script_location", *ini_dir, 4096)) ||
	    (*ini_vt && !c->vt_given &&
	     !check_name_option("alembic.ini: version_table", *ini_vt, 59)) ||
	    (*ini_vts && !c->vts_given &&
	     !check_name_option("alembic.ini: version_table_schema", *ini_vts, 63)))
		return false;
	if (!c->dir_given) {
		if (have_ini && *ini_dir)
			c->o.dir = *ini_dir;
		else if (path_exists("migrations"))
			c->o.dir = "migrations";
		else
			c->o.dir = "alembic";
	}
	if (!c->vt_given && *ini_vt)
		c->o.version_table = *ini_vt;
	if (!c->vts_given && *ini_vts)
		c->o.version_table_schema = *ini_vts;
	return scaffold_read_version_locations("alembic.ini", &c->version_locations, c->d);
}

/*
 * Where the revision goes: <dir>/versions, unless alembic.ini lists
 * version_locations, where Alembic then looks instead: <dir>/versions if
 * it is one of them, else the first.  Malloc'd.
 */
static char *versions_dir(const struct baseline_cmd *c)
{
	char *own = NULL;
	if (asprintf(&own, "%s/versions", c->o.dir) < 0)
		return NULL;
	if (c->version_locations.n == 0)
		return own;
	for (size_t i = 0; i < c->version_locations.n; i++)
		if (strcmp(c->version_locations.v[i], own) == 0)
			return own;
	free(own);
	return xstrdup(c->version_locations.v[0]);
}

/* A revision already in versions/ means Alembic is tracking: baselining is wrong then. */
static bool versions_hold_revisions(const char *versions, const char *own_file, char **found)
{
	DIR *d = opendir(versions);
	if (d == NULL)
		return false;
	bool any = false;
	for (struct dirent *e; (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		if (n < 4 || strcmp(e->d_name + n - 3, ".py") != 0 || e->d_name[0] == '.' ||
		    strcmp(e->d_name, "__init__.py") == 0)
			continue;
		if (own_file && strcmp(e->d_name, own_file) == 0)
			continue;
		if (!any || strcmp(e->d_name, *found) < 0) {
			free(*found);
			*found = xstrdup(e->d_name);
		}
		any = true;
	}
	closedir(d);
	return any;
}

/*
 * Create Date: --date, SOURCE_DATE_EPOCH, or the dump's modification time
 * (stable per file).  NULL after reporting an unusable SOURCE_DATE_EPOCH.
 */
static char *choose_create_date(const struct baseline_cmd *c)
{
	time_t t = 0;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	struct stat st;

	if (c->o.create_date)
		return xstrdup(c->o.create_date);
	if (sde && *sde) {
		if (!parse_source_date_epoch(sde, &t, c->d))
			return NULL;
	} else if (strcmp(c->dumps[0], "-") != 0 && stat(c->dumps[0], &st) == 0) {
		t = st.st_mtime;
	} else {
		t = time(NULL);
	}
	char buf[64];
	struct tm tm;
	if (t > MAX_EPOCH || gmtime_r(&t, &tm) == NULL || tm.tm_year < 1 - 1900) {
		/* Only a file's time can get here: say so rather than print garbage. */
		diag_warn(
		    c->d, (struct loc){.file = c->dumps[0]},
		    "modification time out of range; Create Date is 1970-01-01 (give --date)");
		t = 0;
		gmtime_r(&t, &tm);
	}
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm);
	return xstrdup(buf);
}

/* One of the dumps, read as the shared options say; NULL after reporting, *rc the status. */
static struct model *load_one(const struct baseline_cmd *c, const char *path, int *rc)
{
	struct model *m;
	*rc = cmd_load(
	    &(struct cmd_load_opts){.path = path, .dbname = c->dbname, .filter = c->filter}, &m,
	    c->d);
	return m;
}

/* --strict: false after reporting statements of `path` that could not be parsed. */
static bool strict_ok(const struct baseline_cmd *c, const struct model *m, const char *path)
{
	if (!c->strict || m->source.unparsed == 0)
		return true;
	diag_error(c->d, (struct loc){.file = path},
		   "%ld statement%s could not be parsed (--strict): what they define would be "
		   "missing from the baseline; nothing written",
		   m->source.unparsed, m->source.unparsed == 1 ? "" : "s");
	return false;
}

/*
 * Several dumps must agree: compared as diff compares them (compare.h),
 * owners, grants and comments aside as the fingerprint leaves them out,
 * and every difference named as diff's text names it.  Returns
 * PGB_EXIT_OK, or the exit status after reporting.
 */
static int dumps_agree(struct baseline_cmd *c, struct model *first)
{
	static const struct compare_opts copts = {
	    .no_owners = true, .no_grants = true, .no_comments = true};
	bool ok = true;
	int rc = PGB_EXIT_INPUT;

	for (int i = 1; i < c->n_dumps && ok; i++) {
		int load_rc;
		struct model *m = load_one(c, c->dumps[i], &load_rc);
		if (m == NULL) {
			rc = load_rc;
			ok = false;
			break;
		}
		if (!strict_ok(c, m, c->dumps[i])) {
			rc = PGB_EXIT_UNPARSED;
			ok = false;
		}
		struct comparison cmp;
		compare_models(first, m, &copts, &cmp);
		if (cmp.changes.n > 0) {
			struct strbuf text;
			struct sink s;
			sb_init(&text);
			sink_init_buf(&s, &text);
			emit_diff_text(m,
				       &(struct emit_opts){.comparison = &cmp,
							   .old_label = c->dumps[0],
							   .new_label = c->dumps[i]},
				       &s);
			diag_error(
			    c->d, (struct loc){.file = c->dumps[i]},
			    "the schema differs from %s in %zu place%s; reconcile the "
			    "environments before baselining (pgbaseline diff shows the same):",
			    c->dumps[0], cmp.changes.n, cmp.changes.n == 1 ? "" : "s");
			/* diff's text, every line already escaped, under the message */
			diags_print(c->d, stderr);
			fputs(text.data ? text.data : "", stderr);
			sb_free(&text);
			ok = false;
		}
		compare_free(&cmp);
		model_free(m);
	}
	return ok ? PGB_EXIT_OK : rc;
}

/* Is t Alembic's version table: the default name or --version-table, in its schema? */
static bool is_version_table(const struct baseline_cmd *c, const struct table *t)
{
	const char *vts = c->o.version_table_schema;
	if (vts != NULL && strcmp(t->h.schema, vts) != 0)
		return false;
	return strcmp(t->h.name, "alembic_version") == 0 ||
	       strcmp(t->h.name, c->o.version_table) == 0;
}

/* Other migration tools' bookkeeping tables: Rails/Ecto, Rails, Flyway, Liquibase. */
static const char *const bookkeeping_tables[] = {
    "schema_migrations", "ar_internal_metadata",  "flyway_schema_history",
    "databasechangelog", "databasechangeloglock",
};

static bool is_bookkeeping_table(const struct table *t)
{
	for (size_t i = 0; i < sizeof(bookkeeping_tables) / sizeof(bookkeeping_tables[0]); i++)
		if (strcmp(t->h.name, bookkeeping_tables[i]) == 0)
			return true;
	return false;
}

/*
 * The guards on what the dump holds, once it is read: a statement that
 * could not be parsed (--strict), a data-only dump, a database Alembic
 * already tracks (its version table is in the dump), nothing to baseline.
 * Other tools' bookkeeping tables that Alembic would manage get a warning.
 * Returns PGB_EXIT_OK, or the exit status after reporting why not.
 */
static int refuse_model(const struct baseline_cmd *c, const struct model *m)
{
	struct loc where = {.file = c->dumps[0]};
	int tracked = 0;

	if (!strict_ok(c, m, c->dumps[0]))
		return PGB_EXIT_UNPARSED;
	if (cmd_data_only(m)) {
		diag_error(c->d, where,
			   "a data-only dump holds no schema to baseline; give a dump of the "
			   "schema (pg_dump --schema-only, or without --data-only)");
		return PGB_EXIT_INPUT;
	}
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!is_version_table(c, t))
			continue;
		const char *rev = t->first_value;
		if (rev != NULL)
			diag_error(c->d, where,
				   "the dump holds Alembic's version table %s.%s, at revision %s: "
				   "Alembic already tracks this database; continue with ordinary "
				   "migrations instead of a baseline",
				   t->h.schema, t->h.name, rev);
		else
			diag_error(
			    c->d, where,
			    "the dump holds Alembic's version table %s.%s: Alembic already "
			    "tracks this database; continue with ordinary migrations instead "
			    "of a baseline",
			    t->h.schema, t->h.name);
		return PGB_EXIT_INPUT;
	}
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!baseline_table_tracked(&c->o, t))
			continue;
		tracked++;
		if (is_bookkeeping_table(t)) {
			struct strbuf pat;
			sb_init(&pat);
			filter_pattern_for(&pat, t->h.schema, t->h.name);
			diag_warn(
			    c->d, where,
			    "%s.%s is another migration tool's bookkeeping table; if that tool "
			    "keeps managing it, leave it to the tool: --untracked %s",
			    t->h.schema, t->h.name, pat.data);
			sb_free(&pat);
		}
	}
	if (tracked == 0) {
		diag_error(c->d, where,
			   "no table to baseline: %s; a baseline that tracks no table would "
			   "check nothing before its stamp",
			   m->tables.n == 0 ? "the dump defines no table"
					    : "-n/-N/-t/-T and --untracked leave every table out");
		return PGB_EXIT_INPUT;
	}
	return PGB_EXIT_OK;
}

/*
 * Where the revision, its stamp SQL and its schema SQL go:
 * versions_dir()/<file>; all malloc'd.
 */
static void revision_paths(const struct baseline_cmd *c, char **rev_path, char **stamp_path,
			   char **schema_path)
{
	struct strbuf sb;
	char *fname = baseline_revision_filename(&c->o);
	char *versions = versions_dir(c);

	sb_init(&sb);
	sb_printf(&sb, "%s/%s", versions, fname);
	*rev_path = sb_steal(&sb);
	sb_printf(&sb, "%s/%s_stamp.sql", versions, c->o.rev);
	*stamp_path = sb_steal(&sb);
	sb_printf(&sb, "%s/%s_schema.sql", versions, c->o.rev);
	*schema_path = sb_steal(&sb);
	free(versions);
	free(fname);
}

/*
 * The files of one run, added to set: the revision and its stamp SQL,
 * which --force may replace, then the scaffold (with --init and no
 * project yet), which is never replaced.  With m NULL only the paths are
 * added (the scaffold's come from an empty model), for the early check.
 */
static void plan_outputs(struct baseline_cmd *c, const struct model *m, bool have_project,
			 struct atomic_set *set)
{
	static const enum emit_format formats[] = {EMIT_REVISION, EMIT_STAMP_SQL};
	const struct emit_opts opts = {.baseline = &c->o};
	struct scaffold_file scaffold[8];
	int n_scaffold = 0;
	char *paths[3];
	struct sink s;

	revision_paths(c, &paths[0], &paths[1], &paths[2]);
	for (int i = 0; i < 2; i++) {
		sink_init_atomic(&s, set, paths[i], false);
		if (m != NULL)
			emit_get(formats[i])->write(m, &opts, &s);
		free(paths[i]);
	}
	/* Always: the schema the revision leads to, which verify compares a database with. */
	{
		sink_init_atomic(&s, set, paths[2], false);
		if (m != NULL) {
			struct strbuf sql;
			sb_init(&sql);
			emit_schema_sql(m, &c->o, &sql, NULL);
			sink_puts(&s, sql.data ? sql.data : "");
			sb_free(&sql);
		}
	}
	if (c->o.ci) {
		/* ci_check.sh loads the schema SQL from where it is written */
		c->o.schema_sql_path = paths[2];
		static const enum emit_format ci_formats[] = {EMIT_CI_SCRIPT, EMIT_CI_WORKFLOW};
		char *ci_paths[2] = {NULL, xstrdup(".github/workflows/migrations.yml")};
		ci_paths[0] = xmalloc(strlen(c->o.dir) + sizeof "/ci_check.sh");
		strcpy(ci_paths[0], c->o.dir);
		strcat(ci_paths[0], "/ci_check.sh");
		for (int i = 0; i < 2; i++) {
			sink_init_atomic(&s, set, ci_paths[i], false);
			if (m != NULL)
				emit_get(ci_formats[i])->write(m, &opts, &s);
			free(ci_paths[i]);
		}
		c->o.schema_sql_path = NULL;
	}
	free(paths[2]);
	if (c->o.models) {
		struct strbuf mp;
		sb_init(&mp);
		sb_printf(&mp, "%s/models.py", c->o.dir);
		sink_init_atomic(&s, set, mp.data, false);
		if (m != NULL)
			emit_get(EMIT_MODELS)->write(m, &opts, &s);
		sb_free(&mp);
	}
	struct model *empty = m == NULL ? model_new() : NULL;
	if (c->o.init && !have_project)
		n_scaffold = scaffold_files(m != NULL ? m : empty, &c->o, scaffold);
	for (int i = 0; i < n_scaffold; i++) {
		sink_init_atomic(&s, set, scaffold[i].path, true);
		sink_puts(&s, scaffold[i].text);
		free(scaffold[i].text);
	}
	model_free(empty);
}

/*
 * Every refusal that does not need the dump, before it is read: the
 * revision or stamp SQL exists (without --force) or is a directory, a
 * scaffold file exists.
 */
static int check_outputs_early(struct baseline_cmd *c, bool have_project)
{
	struct atomic_set *set = atomic_set_new();
	plan_outputs(c, NULL, have_project, set);
	int rc = atomic_set_check(set, c->o.force, c->d);
	atomic_set_free(set);
	return rc;
}

/*
 * The schema SQL leaves out what the model holds only by name: refused
 * (naming each) unless --allow-incomplete, which warns instead.
 */
static int schema_sql_complete(struct baseline_cmd *c, const struct model *m)
{
	struct ptrvec missing = {0};
	struct strbuf sql, names;
	sb_init(&sql);
	sb_init(&names);
	size_t n = emit_schema_sql(m, &c->o, &sql, &missing);
	for (size_t i = 0; i < missing.n && i < 10; i++)
		sb_printf(&names, "%s%s", i ? ", " : "", (const char *)missing.v[i]);
	if (missing.n > 10)
		sb_printf(&names, " and %zu more", missing.n - 10);
	int rc = PGB_EXIT_OK;
	if (n > 0 && c->o.schema_sql && !c->o.allow_incomplete) {
		diag_error(c->d, (struct loc){.file = c->dumps[0]},
			   "the schema SQL cannot create %zu object%s the model holds only by "
			   "name: %s; write it without them with --allow-incomplete",
			   n, n == 1 ? "" : "s", names.data);
		rc = PGB_EXIT_INPUT;
	} else if (n > 0) {
		diag_warn(c->d, (struct loc){.file = c->dumps[0]},
			  "the schema SQL leaves out %zu object%s the model holds only by name "
			  "(listed at its top): %s",
			  n, n == 1 ? "" : "s", names.data);
	}
	for (size_t i = 0; i < missing.n; i++)
		free(missing.v[i]);
	ptrvec_free(&missing);
	sb_free(&sql);
	sb_free(&names);
	return rc;
}

/* Does the project's env.py already compare against models.py (a line "target_metadata =
 * models.metadata")? */
static bool env_uses_models(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	bool found = false;
	if (f == NULL)
		return false;
	while (!found && fgets(line, sizeof line, f) != NULL)
		found = strcmp(line, "target_metadata = models.metadata\n") == 0;
	fclose(f);
	return found;
}

/*
 * --models in a project pgbaseline did not scaffold: env.py is the
 * team's, so it is left as it is (a text patch of someone's Python could
 * break it), and stderr says exactly what to set in it.
 */
static void models_env_hint(const struct baseline_cmd *c, const struct model *m)
{
	struct strbuf env, untracked;
	sb_init(&env);
	sb_init(&untracked);
	sb_printf(&env, "%s/env.py", c->o.dir);
	if (env_uses_models(env.data)) {
		sb_free(&env);
		return;
	}
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included || baseline_table_tracked(&c->o, t))
			continue;
		sb_append(&untracked, untracked.len ? ", (" : "(");
		quote_python_literal(&untracked, t->h.schema ? t->h.schema : "public");
		sb_append(&untracked, ", ");
		quote_python_literal(&untracked, t->h.name);
		sb_append(&untracked, ")");
	}
	fprintf(stderr,
		"%s: not changed (it is yours); for autogenerate to compare the database with "
		"%s/models.py, set in it:\n"
		"    import importlib.util, os\n"
		"    _spec = importlib.util.spec_from_file_location(\n"
		"        \"pgbaseline_models\",\n"
		"        os.path.join(os.path.dirname(os.path.abspath(__file__)), \"models.py\"))\n"
		"    models = importlib.util.module_from_spec(_spec)\n"
		"    _spec.loader.exec_module(models)\n"
		"    target_metadata = models.metadata\n"
		"and pass to both context.configure() calls (offline and online):\n"
		"    target_metadata=target_metadata,\n"
		"    compare_type=models.compare_type,\n"
		"    compare_server_default=models.compare_server_default,\n"
		"    include_schemas=True,\n"
		"    include_object=models.include_object,\n"
		"(or call models.include_object from your own include_object; set\n"
		"models.DEFAULT_SCHEMA to the connection's default schema when it is not public",
		env.data, c->o.dir);
	if (untracked.len)
		fprintf(stderr, ";\nleave out the --untracked tables too: (schema, name) in {%s}",
			untracked.data);
	fprintf(stderr, ")\n");
	sb_free(&env);
	sb_free(&untracked);
}

/* Emit the files and write them all, or none. */
static int write_outputs(struct baseline_cmd *c, const struct model *m, bool have_project)
{
	struct atomic_set *set = atomic_set_new();
	plan_outputs(c, m, have_project, set);
	int rc = atomic_set_write(set, c->o.force, c->d);
	if (rc == PGB_EXIT_OK) {
		for (int i = 0; i < atomic_set_count(set); i++)
			printf("wrote %s\n", atomic_set_path(set, i));
		printf("next: review %s, then `alembic stamp %s` (or a DBA runs `psql -f %s`)\n",
		       atomic_set_path(set, 0), c->o.rev, atomic_set_path(set, 1));
		if (c->o.schema_sql)
			printf("an empty database gets the schema with `psql -v ON_ERROR_STOP=1 -f "
			       "%s` "
			       "before the stamp\n",
			       atomic_set_path(set, 2));
	}
	atomic_set_free(set);
	return rc;
}

static int run_baseline(struct baseline_cmd *c)
{
	char *ini_dir, *ini_vt, *ini_vts;
	int rc = PGB_EXIT_INPUT;
	struct model *m = NULL;
	struct stats *stats = NULL;
	char fp[FINGERPRINT_LEN];
	char *date = NULL;
	char *versions = NULL, *fname = NULL, *found = NULL;

	if (!locate_project(c, &ini_dir, &ini_vt, &ini_vts)) {
		free(ini_dir);
		free(ini_vt);
		free(ini_vts);
		return PGB_EXIT_INPUT;
	}
	bool have_project = path_exists("alembic.ini");
	versions = versions_dir(c);
	fname = baseline_revision_filename(&c->o);

	if (!have_project && !c->o.init) {
		diag_error(c->d, (struct loc){.file = "alembic.ini"},
			   "no Alembic project here; run with --init to create one, or run from "
			   "the directory that holds alembic.ini");
		goto out;
	}
	/* Every directory Alembic reads revisions from. */
	for (size_t i = 0; i <= c->version_locations.n; i++) {
		const char *dir = i < c->version_locations.n ? c->version_locations.v[i] : versions;
		if (i == c->version_locations.n && i > 0)
			break; /* versions is one of the locations */
		if (versions_hold_revisions(dir, strcmp(dir, versions) == 0 ? fname : NULL,
					    &found)) {
			diag_error(c->d, (struct loc){.file = dir},
				   "already holds revision %s: Alembic is already tracking this "
				   "database; continue with ordinary migrations instead of a "
				   "baseline",
				   found);
			goto out;
		}
	}
	/* Every refusal before the dumps are read, and nothing written before all pass. */
	if ((rc = check_outputs_early(c, have_project)) != PGB_EXIT_OK)
		goto out;
	rc = PGB_EXIT_INPUT;
	if ((date = choose_create_date(c)) == NULL)
		goto out;
	if (c->o.stats_file && (stats = stats_load(c->o.stats_file, c->d)) == NULL)
		goto out;
	c->o.stats = stats;
	if ((m = load_one(c, c->dumps[0], &rc)) == NULL)
		goto out;
	if (c->n_dumps > 1 && (rc = dumps_agree(c, m)) != PGB_EXIT_OK)
		goto out;
	if ((rc = refuse_model(c, m)) != PGB_EXIT_OK)
		goto out;

	if (!fingerprint_model(m, fp)) {
		diag_failure(c->d, (struct loc){0},
			     "cannot compute the schema fingerprint: OpenSSL's SHA-256 failed");
		rc = PGB_EXIT_FAILURE;
		goto out;
	}
	c->o.fingerprint = fp;
	c->o.create_date = date;
	c->o.dump_names = c->dumps;
	c->o.n_dumps = c->n_dumps;
	if ((rc = schema_sql_complete(c, m)) != PGB_EXIT_OK)
		goto out;
	rc = write_outputs(c, m, have_project);
	if (rc == PGB_EXIT_OK && c->o.models && have_project)
		models_env_hint(c, m);
out:
	model_free(m);
	stats_free(stats);
	free(date);
	free(versions);
	free(fname);
	free(found);
	free(ini_dir);
	free(ini_vt);
	free(ini_vts);
	return rc;
}

static int baseline_run(const struct cli_command *cmd, int argc, char **argv, struct diags *d)
{
	struct baseline_cmd c = {
	    .d = d,
	    .o = {.rev = "001_baseline",
		  .message = "baseline existing schema",
		  .doc = DOC_STANDARD,
		  .version_table = "alembic_version"},
	    .filter = filter_new(),
	    .untracked = filter_new(),
	};
	c.o.filter = c.filter;
	int rc = parse_baseline_args(cmd, argc, argv, &c);
	if (rc < 0)
		rc = run_baseline(&c);
	filter_free(c.filter);
	filter_free(c.untracked);
	for (size_t i = 0; i < c.version_locations.n; i++)
		free(c.version_locations.v[i]);
	ptrvec_free(&c.version_locations);
	load_cleanup();
	return rc;
}

const struct cli_command cmd_baseline = {
    .name = "baseline",
    .bit = CLI_BASELINE,
    .summary = "write the Alembic baseline revision and its stamp SQL",
    .synopsis = "[OPTIONS] DUMP [DUMP ...]",
    .about = "Write the Alembic baseline revision for the schema in DUMP, and the\n"
	     "stamp-ready SQL a DBA runs to register it.  Several dumps (dev, staging,\n"
	     "prod) must describe the same schema.\n",
    .epilog = "Patterns use pg_dump's syntax: * and ? wildcards, \"Quoted\" names keep case,\n"
	      "schema.table qualifies.\n"
	      "\n"
	      "Exit status: 0 files written; 1 a file could not be written (none is: all or\n"
	      "nothing) or stdout was lost; 2 usage error, bad input, or a guard refused;\n"
	      "3 unparsed statements under --strict (nothing written).\n",
    .run = baseline_run,
};
