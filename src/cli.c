/*
 * cli.c
 *	  The option table (every option of every command, declared once), the
 *	  command table, and the one getopt_long parser built from them.  The
 *	  help each command prints is assembled here from its texts and the
 *	  table, so an option's help is written once.
 */
#include "cli.h"

#include "diag.h"
#include "pgb.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define READ_CMDS                                                                                  \
	(CLI_INSPECT | CLI_DIAGRAM | CLI_DIFF | CLI_VERIFY | CLI_LINT | CLI_MODELS | CLI_REPORT)
#define LOAD_CMDS                                                                                  \
	(CLI_INSPECT | CLI_DIAGRAM | CLI_BASELINE | CLI_DIFF | CLI_VERIFY | CLI_LINT |             \
	 CLI_REVISION | CLI_MODELS | CLI_REPORT)
#define ALL_CMDS                                                                                   \
	(CLI_INSPECT | CLI_DIAGRAM | CLI_BASELINE | CLI_STAMP_SQL | CLI_STATS_QUERY | CLI_DIFF |   \
	 CLI_VERIFY | CLI_LINT | CLI_REVISION | CLI_MODELS | CLI_REPORT)

const struct cli_option cli_options[] = {
    {OPT_FORMAT, "format", 'f', "FORMAT", NULL, READ_CMDS},
    {OPT_OUTPUT, "output", 'o', "FILE", "write FILE (whole or not at all) instead of stdout",
     READ_CMDS},
    {OPT_DIR, "dir", 'd', "DIR",
     "script location (default: alembic.ini's, else migrations/ when it exists, else alembic/)",
     CLI_BASELINE | CLI_VERIFY | CLI_REVISION},
    {OPT_REV, "rev", 0, "REV", "revision id (default 001_baseline, at most 32 chars)",
     CLI_BASELINE | CLI_STAMP_SQL | CLI_REVISION},
    {OPT_MESSAGE, "message", 'm', "TEXT", "revision message (default \"baseline existing schema\")",
     CLI_BASELINE | CLI_REVISION},
    {OPT_DOC, "doc", 0, "LEVEL", "minimal, standard (default) or comprehensive", CLI_BASELINE},
    {OPT_INIT, "init", 0, NULL,
     "write the Alembic project too (alembic.ini, env.py, script.py.mako, README) when there "
     "is none",
     CLI_BASELINE},
    {OPT_FORCE, "force", 0, NULL, "replace an existing output file",
     READ_CMDS | CLI_BASELINE | CLI_REVISION},
    {OPT_STATS, "stats", 0, "FILE",
     "row counts, a CSV of schema.table,rows (pgbaseline stats-query prints the query)",
     CLI_BASELINE | CLI_LINT | CLI_REPORT},
    {OPT_UNTRACKED, "untracked", 0, "PATTERN", "tables Alembic should not manage (repeatable)",
     CLI_BASELINE},
    {OPT_VERSION_TABLE, "version-table", 0, "NAME",
     "Alembic's version table (default alembic_version)",
     CLI_BASELINE | CLI_STAMP_SQL | CLI_VERIFY},
    {OPT_VERSION_TABLE_SCHEMA, "version-table-schema", 0, "S", "its schema",
     CLI_BASELINE | CLI_STAMP_SQL | CLI_VERIFY},
    {OPT_DATE, "date", 0, "DATE",
     "Create Date for the docstring (default: the dump file's modification time, or "
     "SOURCE_DATE_EPOCH)",
     CLI_BASELINE},
    {OPT_RENAME, "rename", 0, "OLD=NEW",
     "OLD's schema.table or schema.table.column is NEW's (repeatable)", CLI_DIFF | CLI_REVISION},
    {OPT_FAIL_ON, "fail-on", 0, "WHEN",
     "diff: exit 4 when a change has this hazard (data-loss, table-rewrite, ..., or any; "
     "repeatable); lint: exit 1 on a finding of this severity or above (error, warning, info)",
     CLI_DIFF | CLI_LINT},
    {OPT_EXPLAIN, "explain", 0, "RULE", "print why RULE matters and how to fix it, then exit",
     CLI_LINT},
    {OPT_ENABLE, "enable", 0, "RULE", "run RULE too (one that is off by default; repeatable)",
     CLI_LINT | CLI_REPORT},
    {OPT_DISABLE, "disable", 0, "RULE", "do not run RULE (repeatable)", CLI_LINT | CLI_REPORT},
    {OPT_IGNORE_FILE, "ignore-file", 0, "FILE",
     "accepted findings, one RULE OBJECT  # reason a line (default .pgbaseline-ignore when "
     "present)",
     CLI_LINT | CLI_REPORT},
    {OPT_NO_OWNERS, "no-owners", 0, NULL, "owners are no difference", CLI_DIFF | CLI_VERIFY},
    {OPT_NO_GRANTS, "no-grants", 0, NULL, "grants are no difference", CLI_DIFF | CLI_VERIFY},
    {OPT_NO_COMMENTS, "no-comments", 0, NULL, "comments are no difference", CLI_DIFF | CLI_VERIFY},
    {OPT_IGNORE_COLUMN_ORDER, "ignore-column-order", 0, NULL,
     "the same columns in another order are no difference", CLI_DIFF | CLI_VERIFY},
    {OPT_SCHEMA_SQL, "schema-sql", 0, NULL,
     "write <rev>_schema.sql too: the schema's DDL for an empty database", CLI_BASELINE},
    {OPT_WITH_PRIVILEGES, "with-privileges", 0, NULL,
     "owners and grants in the schema SQL (left out by default)", CLI_BASELINE},
    {OPT_ALLOW_INCOMPLETE, "allow-incomplete", 0, NULL,
     "write the schema SQL even when objects held only by name cannot be written",
     CLI_BASELINE | CLI_REVISION},
    {OPT_CI, "ci", 0, NULL,
     "write <dir>/ci_check.sh and .github/workflows/migrations.yml too: the migration chain "
     "checked on an empty database (implies --schema-sql)",
     CLI_BASELINE},
    {OPT_MODELS, "models", 0, NULL,
     "write <dir>/models.py too: SQLAlchemy models of the tables (pgbaseline models), "
     "wired into a new env.py for autogenerate",
     CLI_BASELINE},
    {OPT_SECURITY, "security", 0, NULL,
     "add the security view to the text and Markdown: grants by object and column (PostgreSQL's "
     "default ACL included), default privileges, row level security and policies, SECURITY "
     "DEFINER functions, and who can do what by role",
     CLI_INSPECT},
    {OPT_FROM, "from", 0, "OLD", "the dump the --apply SQL is applied to", CLI_VERIFY},
    {OPT_APPLY, "apply", 0, "SQL", "migration SQL applied on top of --from, in order (repeatable)",
     CLI_VERIFY},
    {OPT_AROUND, "around", 0, "TABLE",
     "draw only TABLE (a pattern naming one table) and its foreign-key neighbours", CLI_DIAGRAM},
    {OPT_DEPTH, "depth", 0, "N",
     "follow foreign keys N hops either way (default 1): from the table drawn around "
     "(diagram), from each table in its own diagram (report)",
     CLI_DIAGRAM | CLI_REPORT},
    {OPT_KEYS_ONLY, "keys-only", 0, NULL, "show only the columns of a PK, FK or UNIQUE key",
     CLI_DIAGRAM},
    {OPT_PARTITIONS, "partitions", 0, NULL,
     "draw each partition (by default one entity per partitioned table, with its count)",
     CLI_DIAGRAM},
    {OPT_SCHEMA, "schema", 'n', "PATTERN", "only schemas matching PATTERN (repeatable)", LOAD_CMDS},
    {OPT_EXCLUDE_SCHEMA, "exclude-schema", 'N', "PATTERN",
     "skip schemas matching PATTERN (repeatable)", LOAD_CMDS},
    {OPT_TABLE, "table", 't', "PATTERN", "only tables/views/sequences matching PATTERN", LOAD_CMDS},
    {OPT_EXCLUDE_TABLE, "exclude-table", 'T', "PATTERN",
     "skip tables/views/sequences matching PATTERN", LOAD_CMDS},
    {OPT_DBNAME, "dbname", 0, "NAME",
     "the database to read from pg_dumpall output (needed when the dump holds several)", LOAD_CMDS},
    {OPT_STRICT, "strict", 0, NULL, "exit 3 when any statement could not be parsed", LOAD_CMDS},
    {OPT_QUIET, "quiet", 'q', NULL, "no warnings on stderr", LOAD_CMDS},
    {OPT_HELP, "help", 'h', NULL, "show this help", ALL_CMDS | CLI_TOOL},
    {OPT_VERSION, "version", 'V', NULL,
     "show the version, the PostgreSQL grammar it parses and the libraries linked in", CLI_TOOL},
};
const size_t cli_n_options = sizeof(cli_options) / sizeof(cli_options[0]);

void cli_usage_hint(const struct cli_command *cmd)
{
	fprintf(stderr, "Try 'pgbaseline %s --help' for the options of %s.\n", cmd->name,
		cmd->name);
}

void cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;

	va_start(ap, fmt);
	int n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	diag_usage_error("%s", n < 0 ? "usage error" : msg); /* escapes what the message quotes */
	free(msg);
	cli_usage_hint(cmd);
}

/* The getopt_long tables of the options cmd_bit takes; *longopts malloc'd. */
static void build_getopt(unsigned cmd_bit, struct option **longopts, char *optstring)
{
	struct option *lo = xcalloc(cli_n_options + 1, sizeof(*lo));
	size_t n = 0;
	char *s = optstring;

	*s++ = ':';
	for (size_t i = 0; i < cli_n_options; i++) {
		const struct cli_option *o = &cli_options[i];
		if (!(o->cmds & cmd_bit))
			continue;
		lo[n++] = (struct option){o->name, o->arg ? required_argument : no_argument, NULL,
					  (int)o->id};
		if (o->short_name) {
			*s++ = o->short_name;
			if (o->arg)
				*s++ = ':';
		}
	}
	*s = '\0';
	*longopts = lo;
}

/* The option a short letter stands for, or 0. */
static int short_to_id(unsigned cmd_bit, int c)
{
	for (size_t i = 0; i < cli_n_options; i++)
		if (cli_options[i].short_name == c && (cli_options[i].cmds & cmd_bit))
			return (int)cli_options[i].id;
	return 0;
}

/* One parsed option into *a, or to the command: 0 to go on, or an exit status. */
static int take_option(const struct cli_command *cmd, int id, char **argv, struct cli_args *a,
		       cli_own_option_fn own, void *ctx)
{
	switch (id) {
	case OPT_FORMAT:
		if (!cmd->parse_format(optarg, &a->format)) {
			cli_usage_error(cmd, "unknown format \"%s\" (%s)", optarg, cmd->formats);
			return PGB_EXIT_INPUT;
		}
		return 0;
	case OPT_SCHEMA:
	case OPT_EXCLUDE_SCHEMA:
	case OPT_TABLE:
	case OPT_EXCLUDE_TABLE: {
		static const char letter[] = {[OPT_SCHEMA - OPT_SCHEMA] = 'n',
					      [OPT_EXCLUDE_SCHEMA - OPT_SCHEMA] = 'N',
					      [OPT_TABLE - OPT_SCHEMA] = 't',
					      [OPT_EXCLUDE_TABLE - OPT_SCHEMA] = 'T'};
		if (!filter_add_option(a->filter, letter[id - OPT_SCHEMA], optarg)) {
			cli_usage_hint(cmd);
			return PGB_EXIT_INPUT;
		}
		return 0;
	}
	case OPT_OUTPUT:
		a->output = optarg;
		return 0;
	case OPT_FORCE:
		a->force = true;
		return 0;
	case OPT_STRICT:
		a->strict = true;
		return 0;
	case OPT_DBNAME:
		a->dbname = optarg;
		return 0;
	case OPT_QUIET:
		a->quiet = true;
		return 0;
	case OPT_HELP:
		cli_print_help(cmd, stdout);
		return PGB_EXIT_OK;
	default:
		if (own != NULL)
			return own(cmd, (enum cli_opt_id)id, optarg, ctx);
		diag_bad_option('?', argv, optind);
		cli_usage_hint(cmd);
		return PGB_EXIT_INPUT;
	}
}

int cli_parse(const struct cli_command *cmd, int argc, char **argv, struct cli_args *a,
	      cli_own_option_fn own, void *ctx)
{
	struct option *longopts;
	char optstring[2 * 64 + 2];
	int c, rc = -1;

	build_getopt(cmd->bit, &longopts, optstring);
	opterr = 0;
	optind = 1;
	while (rc < 0 && (c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		if (c == ':' || c == '?') {
			diag_bad_option(c, argv, optind);
			cli_usage_hint(cmd);
			rc = PGB_EXIT_INPUT;
			break;
		}
		int id = c >= OPT_HELP ? c : short_to_id(cmd->bit, c);
		int r = take_option(cmd, id, argv, a, own, ctx);
		if (r != 0 || id == OPT_HELP)
			rc = r;
	}
	free(longopts);
	a->first_operand = optind;
	return rc;
}

#define HELP_COLUMN 31
#define HELP_WIDTH  80

/* help from the help column, its words wrapped before HELP_WIDTH. */
static void print_wrapped(const char *help, size_t col, FILE *out)
{
	for (const char *p = help; *p;) {
		size_t word = strcspn(p, " ");
		if (col > HELP_COLUMN && col + 1 + word >= HELP_WIDTH) {
			fprintf(out, "\n%*s", HELP_COLUMN, "");
			col = HELP_COLUMN;
		} else if (col > HELP_COLUMN) {
			fputc(' ', out);
			col++;
		}
		fwrite(p, 1, word, out);
		col += word;
		p += word;
		p += strspn(p, " ");
	}
	fputc('\n', out);
}

/* "  -n, --schema PATTERN" padded to the help column, then the help. */
static void print_option(const struct cli_option *o, const char *help, FILE *out)
{
	char left[64];
	int n;

	if (o->short_name)
		n = snprintf(left, sizeof(left), "  -%c, --%s", o->short_name, o->name);
	else
		n = snprintf(left, sizeof(left), "      --%s", o->name);
	if (o->arg && n >= 0 && (size_t)n < sizeof(left))
		snprintf(left + n, sizeof(left) - (size_t)n, " %s", o->arg);
	if (strlen(left) < HELP_COLUMN)
		fprintf(out, "%-*s", HELP_COLUMN, left);
	else
		fprintf(out, "%s\n%*s", left, HELP_COLUMN, "");
	print_wrapped(help, HELP_COLUMN, out);
}

static void print_options(unsigned cmd_bit, const char *formats, FILE *out)
{
	for (size_t i = 0; i < cli_n_options; i++) {
		const struct cli_option *o = &cli_options[i];
		if (o->cmds & cmd_bit)
			print_option(o, o->id == OPT_FORMAT && formats ? formats : o->help, out);
	}
}

void cli_print_help(const struct cli_command *cmd, FILE *out)
{
	fprintf(out, "Usage: pgbaseline %s%s%s\n\n%s\nOptions:\n", cmd->name,
		cmd->synopsis[0] ? " " : "", cmd->synopsis, cmd->about);
	print_options(cmd->bit, cmd->format_help, out);
	if (cmd->epilog)
		fprintf(out, "\n%s", cmd->epilog);
}

void cli_print_tool_options(FILE *out)
{
	print_options(CLI_TOOL, NULL, out);
}
