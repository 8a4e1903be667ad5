/*
 * main.c
 *	  pgbaseline's command line: git-style subcommands, each wiring the
 *	  pipeline stages together (input → split → parse/build → model →
 *	  emit).  No pipeline logic lives here.
 */
#include "baseline.h"
#include "build.h"
#include "diag.h"
#include "emit.h"
#include "filter.h"
#include "model.h"
#include "pgb.h"

#include <getopt.h>
#include <pg_query.h> /* PG_VERSION only */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char tool_usage[] =
    "pgbaseline — read a pg_dump file offline and describe the schema it holds.\n"
    "\n"
    "Usage: pgbaseline COMMAND [OPTIONS] [DUMP ...]\n"
    "\n"
    "Commands:\n"
    "  inspect      print the schema inventory (text, markdown or json)\n"
    "  baseline     write the Alembic baseline revision and its stamp SQL\n"
    "  stamp-sql    print what `alembic stamp --sql REV` prints, for a DBA\n"
    "  stats-query  print the query a DBA runs to give row counts (--stats)\n"
    "\n"
    "Options:\n"
    "  -h, --help      show this help (or a command's help: pgbaseline inspect --help)\n"
    "  -V, --version   show the version and the PostgreSQL grammar it parses\n"
    "\n"
    "DUMP is a plain pg_dump file (uncompressed, or gzip, zstd or lz4), a custom (-Fc),\n"
    "directory (-Fd) or tar (-Ft) archive, or - for standard input (a plain dump, or\n"
    "a -Fc or -Ft archive, copied to $TMPDIR first).\n"
    "\n"
    "Exit status: 0 success; 1 internal or output failure; 2 usage error or bad input;\n"
    "3 unparsed statements under --strict.\n";

static const char inspect_usage[] =
    "Usage: pgbaseline inspect [OPTIONS] DUMP\n"
    "\n"
    "Read DUMP (plain pg_dump output, maybe gzip, zstd or lz4; a -Fc, -Fd or -Ft\n"
    "archive; or - for stdin) and\n"
    "print the inventory of the schema it would create: tables, columns, keys,\n"
    "indexes, constraints, views, sequences, types, functions, triggers, policies.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT          text (default), markdown or json\n"
    "  -n, --schema PATTERN         only schemas matching PATTERN (repeatable)\n"
    "  -N, --exclude-schema PATTERN skip schemas matching PATTERN (repeatable)\n"
    "  -t, --table PATTERN          only tables/views/sequences matching PATTERN\n"
    "  -T, --exclude-table PATTERN  skip tables/views/sequences matching PATTERN\n"
    "      --dbname NAME            the database to read from pg_dumpall output (needed\n"
    "                               when the dump holds several)\n"
    "      --strict                 exit 3 when any statement could not be parsed\n"
    "  -q, --quiet                  no warnings on stderr\n"
    "  -h, --help                   show this help\n"
    "\n"
    "Patterns use pg_dump's syntax: * and ? wildcards, \"Quoted\" names keep case,\n"
    "schema.table qualifies.\n"
    "\n"
    "Exit status: 0 success; 2 usage error or bad input; 3 unparsed statements\n"
    "under --strict.\n";

static void print_version(void)
{
	printf("pgbaseline %s (PostgreSQL %s grammar, libpg_query)\n", PGB_VERSION, PG_VERSION);
}

struct inspect_opts {
	enum emit_format format;
	bool strict;
	struct filter *filter;
	const char *dump;
	const char *dbname; /* --dbname, or NULL */
};

static bool parse_format(const char *s, enum emit_format *out)
{
	if (strcmp(s, "text") == 0)
		*out = EMIT_TEXT;
	else if (strcmp(s, "markdown") == 0 || strcmp(s, "md") == 0)
		*out = EMIT_MARKDOWN;
	else if (strcmp(s, "json") == 0)
		*out = EMIT_JSON;
	else
		return false;
	return true;
}

/* Returns -1 to go on, or an exit status. */
static int parse_inspect_args(int argc, char **argv, struct inspect_opts *o)
{
	static const struct option longopts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"schema", required_argument, NULL, 'n'},
	    {"exclude-schema", required_argument, NULL, 'N'},
	    {"table", required_argument, NULL, 't'},
	    {"exclude-table", required_argument, NULL, 'T'},
	    {"strict", no_argument, NULL, 's'},
	    {"dbname", required_argument, NULL, 'D'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:n:N:t:T:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!parse_format(optarg, &o->format)) {
				usage_error("unknown format \"%s\" (text, markdown or json)",
					    optarg);
				return PGB_EXIT_INPUT;
			}
			break;
		case 'n':
		case 'N':
		case 't':
		case 'T':
			if (!filter_add_option(o->filter, c, optarg))
				return PGB_EXIT_INPUT;
			break;
		case 's':
			o->strict = true;
			break;
		case 'D':
			o->dbname = optarg;
			break;
		case 'q':
			diag_set_quiet(true);
			break;
		case 'h':
			fputs(inspect_usage, stdout);
			return PGB_EXIT_OK;
		default:
			usage_bad_option(c, argv, optind);
			return PGB_EXIT_INPUT;
		}
	}
	if (optind != argc - 1) {
		usage_error(optind >= argc ? "inspect needs a DUMP file"
					   : "inspect takes one DUMP file");
		return PGB_EXIT_INPUT;
	}
	o->dump = argv[optind];
	return -1;
}

static int emit(const struct model *m, enum emit_format f, FILE *out)
{
	switch (f) {
	case EMIT_TEXT:
		return emit_text(m, out);
	case EMIT_MARKDOWN:
		return emit_markdown(m, out);
	case EMIT_JSON:
		return emit_json(m, out);
	}
	return -1;
}

static int cmd_inspect(int argc, char **argv)
{
	struct inspect_opts o = {.format = EMIT_TEXT, .filter = filter_new()};
	int rc = parse_inspect_args(argc, argv, &o);
	if (rc >= 0) {
		filter_free(o.filter);
		return rc;
	}

	struct model *m = model_new();
	if (!build_from_input_db(m, o.dump, o.dbname)) {
		rc = PGB_EXIT_INPUT;
	} else {
		model_apply_filter(m, o.filter);
		model_sort(m);
		if (emit(m, o.format, stdout) != 0 || fflush(stdout) != 0) {
			fprintf(stderr, "pgbaseline: error: cannot write the report\n");
			rc = PGB_EXIT_FAILURE;
		} else if (o.strict && m->unparsed.n > 0) {
			fprintf(stderr,
				"pgbaseline: error: %zu statement%s could not be parsed "
				"(--strict)\n",
				m->unparsed.n, m->unparsed.n == 1 ? "" : "s");
			rc = PGB_EXIT_UNPARSED;
		} else {
			rc = PGB_EXIT_OK;
		}
	}
	model_free(m);
	filter_free(o.filter);
	build_cleanup();
	return rc;
}

int main(int argc, char **argv)
{
	int rc;

	if (argc < 2) {
		fputs(tool_usage, stderr);
		return PGB_EXIT_INPUT;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		fputs(tool_usage, stdout);
		return PGB_EXIT_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		print_version();
		return PGB_EXIT_OK;
	}
	if (strcmp(cmd, "inspect") == 0) {
		rc = cmd_inspect(argc - 1, argv + 1);
	} else if (strcmp(cmd, "baseline") == 0) {
		rc = baseline_main(argc - 1, argv + 1);
	} else if (strcmp(cmd, "stamp-sql") == 0) {
		rc = stamp_sql_main(argc - 1, argv + 1);
	} else if (strcmp(cmd, "stats-query") == 0) {
		rc = stats_query_main(argc - 1, argv + 1);
	} else {
		usage_error("unknown command \"%s\"", cmd);
		rc = PGB_EXIT_INPUT;
	}
	return rc;
}
