/*
 * main.c
 *	  pgbaseline's command line: git-style subcommands, each wiring the
 *	  pipeline stages together (input → split → parse/build → model →
 *	  emit).  No pipeline logic lives here.
 */
#include "atomicfile.h"
#include "baseline.h"
#include "build.h"
#include "cleanup.h"
#include "diag.h"
#include "diagram.h"
#include "emit.h"
#include "filter.h"
#include "model.h"
#include "pgb.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pg_query.h> /* PG_VERSION only */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char tool_usage[] =
    "pgbaseline — read a pg_dump file offline and describe the schema it holds.\n"
    "\n"
    "Usage: pgbaseline COMMAND [OPTIONS] [DUMP ...]\n"
    "\n"
    "Commands:\n"
    "  inspect      print the schema inventory (text, markdown or json)\n"
    "  diagram      write an ER diagram of the tables (Mermaid or Graphviz dot)\n"
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

/* The options inspect and diagram share, after their own. */
#define READ_OPTIONS_HELP                                                                          \
	"  -n, --schema PATTERN         only schemas matching PATTERN (repeatable)\n"              \
	"  -N, --exclude-schema PATTERN skip schemas matching PATTERN (repeatable)\n"              \
	"  -t, --table PATTERN          only tables/views/sequences matching PATTERN\n"            \
	"  -T, --exclude-table PATTERN  skip tables/views/sequences matching PATTERN\n"            \
	"      --dbname NAME            the database to read from pg_dumpall output (needed\n"     \
	"                               when the dump holds several)\n"                            \
	"      --strict                 exit 3 when any statement could not be parsed\n"           \
	"  -q, --quiet                  no warnings on stderr\n"                                   \
	"  -h, --help                   show this help\n"                                          \
	"\n"                                                                                       \
	"Patterns use pg_dump's syntax: * and ? wildcards, \"Quoted\" names keep case,\n"          \
	"schema.table qualifies.\n"

static const char inspect_usage[] =
    "Usage: pgbaseline inspect [OPTIONS] DUMP\n"
    "\n"
    "Read DUMP (plain pg_dump output, maybe gzip, zstd or lz4; a -Fc, -Fd or -Ft\n"
    "archive; or - for stdin) and\n"
    "print the inventory of the schema it would create: tables, columns, keys,\n"
    "indexes, constraints, views, sequences, types, functions, triggers, policies.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT          text (default), markdown or json\n" READ_OPTIONS_HELP "\n"
    "Exit status: 0 success; 1 the report could not be written; 2 usage error or\n"
    "bad input; 3 unparsed statements under --strict.\n";

static const char diagram_usage[] =
    "Usage: pgbaseline diagram [OPTIONS] DUMP\n"
    "\n"
    "Read DUMP (as inspect does) and write an entity-relationship diagram of its\n"
    "tables: one entity per table with each column's name, type, PK/FK/UK markers\n"
    "and NOT NULL; one relationship per foreign key, labelled with its name, with\n"
    "its cardinality (one-to-one when the key's columns are unique, else\n"
    "many-to-one; the referenced side optional when a key column is nullable).\n"
    "Control characters and invisible or bidirectional marks in names are shown\n"
    "as visible escapes (\\n, \\x07, \\u200f).\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT          mermaid (erDiagram, the default) or dot (Graphviz)\n"
    "  -o, --output FILE            write FILE (whole or not at all) instead of stdout\n"
    "      --force                  replace FILE if it exists\n" READ_OPTIONS_HELP "\n"
    "Exit status: 0 success; 1 the output could not be written; 2 usage error, bad\n"
    "input or FILE exists; 3 unparsed statements under --strict (the diagram is\n"
    "still written).\n";

static void print_version(void)
{
	printf("pgbaseline %s (PostgreSQL %s grammar, libpg_query)\n", PGB_VERSION, PG_VERSION);
}

/* A command that reads one dump and writes one document: inspect, diagram. */
struct read_cmd {
	const char *name; /* "inspect" */
	const char *usage;
	const char *formats; /* for the message on a bad --format */
	bool (*parse_format)(const char *s, int *out);
	int (*emit)(const struct model *m, int format, FILE *out);
	bool has_output; /* -o/--output and --force */
};

struct read_opts {
	int format; /* enum emit_format */
	bool strict;
	struct filter *filter;
	const char *dump;
	const char *dbname; /* --dbname, or NULL */
	const char *output; /* -o, or NULL for stdout */
	bool force;
};

static bool parse_format_of(enum emit_family family, const char *s, int *out)
{
	const struct emitter *e = emit_find(s);
	if (e == NULL || e->family != family)
		return false;
	*out = (int)e->format;
	return true;
}

static bool parse_inspect_format(const char *s, int *out)
{
	return parse_format_of(EMIT_INVENTORY, s, out);
}

static bool parse_diagram_format(const char *s, int *out)
{
	return parse_format_of(EMIT_DIAGRAM, s, out);
}

static int emit_format(const struct model *m, int format, FILE *out)
{
	struct sink s;
	sink_init_file(&s, out);
	return emit_get((enum emit_format)format)->write(m, NULL, &s);
}

enum {
	OPT_STRICT = 256,
	OPT_DBNAME,
	OPT_FORCE,
};

/* Returns -1 to go on, or an exit status. */
static int parse_read_args(const struct read_cmd *cmd, int argc, char **argv, struct read_opts *o)
{
	/* The first two are diagram's own: inspect's list starts after them. */
	static const struct option longopts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"force", no_argument, NULL, OPT_FORCE},
	    {"format", required_argument, NULL, 'f'},
	    {"schema", required_argument, NULL, 'n'},
	    {"exclude-schema", required_argument, NULL, 'N'},
	    {"table", required_argument, NULL, 't'},
	    {"exclude-table", required_argument, NULL, 'T'},
	    {"strict", no_argument, NULL, OPT_STRICT},
	    {"dbname", required_argument, NULL, OPT_DBNAME},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const struct option *opts = cmd->has_output ? longopts : longopts + 2;
	const char *optstring = cmd->has_output ? ":f:n:N:t:T:o:qh" : ":f:n:N:t:T:qh";
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, optstring, opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!cmd->parse_format(optarg, &o->format)) {
				usage_error("unknown format \"%s\" (%s)", optarg, cmd->formats);
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
		case 'o':
			o->output = optarg;
			break;
		case OPT_FORCE:
			o->force = true;
			break;
		case OPT_STRICT:
			o->strict = true;
			break;
		case OPT_DBNAME:
			o->dbname = optarg;
			break;
		case 'q':
			diag_set_quiet(true);
			break;
		case 'h':
			fputs(cmd->usage, stdout);
			return PGB_EXIT_OK;
		default:
			usage_bad_option(c, argv, optind);
			return PGB_EXIT_INPUT;
		}
	}
	if (optind != argc - 1) {
		usage_error(optind >= argc ? "%s needs a DUMP file" : "%s takes one DUMP file",
			    cmd->name);
		return PGB_EXIT_INPUT;
	}
	if (o->output != NULL && o->output[0] == '\0') {
		usage_error("--output needs a file name");
		return PGB_EXIT_INPUT;
	}
	o->dump = argv[optind];
	return -1;
}

/* Write the document to -o FILE, all or nothing; returns an exit status. */
static int write_output(const struct read_opts *o, const char *data, size_t len)
{
	struct outfile f = {.path = o->output, .data = data, .len = len};
	return atomic_write_files(&f, 1, o->force);
}

/* Read the dump, filter and sort the model, write the document. */
static int run_read_cmd(const struct read_cmd *cmd, int argc, char **argv, int default_format)
{
	struct read_opts o = {.format = default_format, .filter = filter_new()};
	int rc = parse_read_args(cmd, argc, argv, &o);

	/* A FILE that would be refused is refused before the dump is read. */
	if (rc < 0 && o.output != NULL) {
		int check = atomic_check_targets(&(struct outfile){.path = o.output}, 1, o.force);
		if (check != PGB_EXIT_OK)
			rc = check;
	}
	if (rc >= 0) {
		filter_free(o.filter);
		return rc;
	}

	struct model *m = model_new();
	char *doc = NULL;
	size_t doc_len = 0;
	FILE *out = o.output ? open_memstream(&doc, &doc_len) : stdout;

	if (out == NULL) {
		fprintf(stderr, "pgbaseline: error: out of memory\n");
		rc = PGB_EXIT_FAILURE;
	} else if (!build_from_input_db(m, o.dump, o.dbname)) {
		rc = PGB_EXIT_INPUT;
	} else {
		model_apply_filter(m, o.filter);
		model_sort(m);
		if (cmd->emit(m, o.format, out) != 0 || fflush(out) != 0) {
			fprintf(stderr, "pgbaseline: error: cannot write the %s\n",
				o.output ? "document" : "report");
			rc = PGB_EXIT_FAILURE;
		} else if (o.output != NULL && (rc = write_output(&o, doc, doc_len)) != 0) {
			/* atomic_write_files said why */
		} else if (o.strict && m->source.unparsed > 0) {
			fprintf(stderr,
				"pgbaseline: error: %ld statement%s could not be parsed "
				"(--strict)\n",
				m->source.unparsed, m->source.unparsed == 1 ? "" : "s");
			rc = PGB_EXIT_UNPARSED;
		} else {
			rc = PGB_EXIT_OK;
		}
	}
	if (o.output != NULL && out != NULL)
		fclose(out);
	free(doc);
	model_free(m);
	filter_free(o.filter);
	build_cleanup();
	return rc;
}

static int cmd_inspect(int argc, char **argv)
{
	static const struct read_cmd cmd = {
	    .name = "inspect",
	    .usage = inspect_usage,
	    .formats = "text, markdown or json",
	    .parse_format = parse_inspect_format,
	    .emit = emit_format,
	};
	return run_read_cmd(&cmd, argc, argv, EMIT_TEXT);
}

static int cmd_diagram(int argc, char **argv)
{
	static const struct read_cmd cmd = {
	    .name = "diagram",
	    .usage = diagram_usage,
	    .formats = "mermaid or dot",
	    .parse_format = parse_diagram_format,
	    .emit = emit_format,
	    .has_output = true,
	};
	return run_read_cmd(&cmd, argc, argv, EMIT_MERMAID);
}

/*
 * A closed stdin, stdout or stderr (`>&-`) gets /dev/null opened the wrong
 * way round in its place: a file opened later never takes its number (the
 * report would land in an output file), and reading or writing it still
 * fails, so a lost report is noticed (finish_stdout).
 */
static void reserve_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
		if (got >= 0 && got != fd) {
			dup2(got, fd);
			close(got);
		}
	}
}

/* Every command's stdout must have reached its destination whole: else exit 1. */
static int finish_stdout(int rc)
{
	bool lost = fflush(stdout) != 0 || ferror(stdout);
	int err = errno;
	if (fclose(stdout) != 0 && !lost) {
		lost = true;
		err = errno;
	}
	/* A failure (status 1) said already what could not be written. */
	if (!lost || rc == PGB_EXIT_FAILURE)
		return rc;
	fprintf(stderr, "pgbaseline: error: cannot write to standard output: %s\n",
		strerror(err ? err : EIO));
	return rc == PGB_EXIT_OK ? PGB_EXIT_FAILURE : rc;
}

int main(int argc, char **argv)
{
	int rc;

	reserve_std_fds();
	cleanup_install();
	if (argc < 2) {
		fputs(tool_usage, stderr);
		return PGB_EXIT_INPUT;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		fputs(tool_usage, stdout);
		return finish_stdout(PGB_EXIT_OK);
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		print_version();
		return finish_stdout(PGB_EXIT_OK);
	}
	if (strcmp(cmd, "inspect") == 0) {
		rc = cmd_inspect(argc - 1, argv + 1);
	} else if (strcmp(cmd, "diagram") == 0) {
		rc = cmd_diagram(argc - 1, argv + 1);
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
	return finish_stdout(rc);
}
