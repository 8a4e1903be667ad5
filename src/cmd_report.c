/*
 * cmd_report.c
 *	  `pgbaseline report DUMP -o report.html`: one self-contained HTML file
 *	  for an auditor (emit_report*.c): the summary, the searchable table
 *	  list, each table's columns, keys, indexes, relationships, row counts,
 *	  grants and lint findings (the rules of lint.h, run as `lint` runs
 *	  them), the security view and the diagrams.  Written whole or not at
 *	  all; an existing file is replaced only with --force.
 */
#include "atomicfile.h"
#include "cmd_common.h"
#include "diagram.h"
#include "lint.h"
#include "load.h"
#include "stats.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The ignore file read when --ignore-file is not given, if it exists (as lint). */
#define REPORT_DEFAULT_IGNORE ".pgbaseline-ignore"
/* --depth's largest value: past it every connected table is drawn anyway. */
#define REPORT_MAX_DEPTH 20

struct report_cmd {
	struct lint_opts lo;
	const char *stats_file;
	const char *ignore_file;
	int depth;
};

static bool report_parse_format(const char *s, int *out)
{
	return cmd_parse_format(EMIT_HTML, s, out);
}

static int rule_option(const struct cli_command *cmd, const char *opt, const char *arg,
		       struct report_cmd *c, bool on)
{
	const struct lint_rule *r = lint_find_rule(arg);
	if (r == NULL) {
		cli_usage_error(cmd,
				"unknown rule \"%s\" in --%s (pgbaseline lint --help lists them)",
				arg, opt);
		return PGB_EXIT_INPUT;
	}
	c->lo.enabled[r - lint_rules] = on;
	return 0;
}

static int report_option(const struct cli_command *cmd, enum cli_opt_id id, const char *arg,
			 void *ctx)
{
	struct report_cmd *c = ctx;
	char *end;
	long n;
	switch (id) {
	case OPT_ENABLE:
		return rule_option(cmd, "enable", arg, c, true);
	case OPT_DISABLE:
		return rule_option(cmd, "disable", arg, c, false);
	case OPT_STATS:
		c->stats_file = arg;
		return 0;
	case OPT_IGNORE_FILE:
		c->ignore_file = arg;
		return 0;
	case OPT_DEPTH:
		errno = 0;
		n = strtol(arg, &end, 10);
		if (errno != 0 || end == arg || *end != '\0' || n < 1 || n > REPORT_MAX_DEPTH) {
			cli_usage_error(cmd, "--depth takes a number from 1 to %d, not \"%s\"",
					REPORT_MAX_DEPTH, arg);
			return PGB_EXIT_INPUT;
		}
		c->depth = (int)n;
		return 0;
	default:
		cli_usage_error(cmd, "unexpected option");
		return PGB_EXIT_INPUT;
	}
}

/* The ignore file and the stats; 0, or PGB_EXIT_INPUT after reporting. */
static int load_inputs(struct report_cmd *c, struct lint_ignore **ig, struct stats **st,
		       struct diags *d)
{
	const char *path = c->ignore_file;
	if (path == NULL && access(REPORT_DEFAULT_IGNORE, F_OK) == 0)
		path = REPORT_DEFAULT_IGNORE;
	if (path != NULL && (*ig = lint_ignore_load(path, d)) == NULL)
		return PGB_EXIT_INPUT;
	if (c->stats_file != NULL && (*st = stats_load(c->stats_file, d)) == NULL)
		return PGB_EXIT_INPUT;
	return PGB_EXIT_OK;
}

/* The report of m written whole to a->output (atomically, --force) or to stdout. */
static int write_report(const struct cli_args *a, const struct model *m, const struct emit_opts *eo,
			struct diags *d)
{
	struct strbuf doc;
	struct sink s;
	struct emit_report_result res = {0};
	int rc = PGB_EXIT_OK;

	sb_init(&doc);
	sink_init_buf(&s, &doc);
	if (emit_report_ex(m, eo, &s, &res) != 0) {
		diag_failure(d, (struct loc){0}, "cannot write the report");
		rc = PGB_EXIT_FAILURE;
	}
	if (res.diagrams_failed > 0)
		diag_warn(d, (struct loc){0},
			  "%zu diagram%s could not be drawn (%s); the report says so where each "
			  "would be",
			  res.diagrams_failed, res.diagrams_failed == 1 ? "" : "s",
			  res.why != NULL ? res.why : "Graphviz failed");
	if (res.tables_undrawn > 0 && diagram_svg_available())
		diag_warn(
		    d, (struct loc){0},
		    "tables have no diagram of their own: %zu tables are more than the %d the "
		    "report draws one each for (each schema's diagram is drawn; the report says "
		    "so); draw fewer with -n, -N, -t or -T",
		    res.tables_undrawn, EMIT_REPORT_TABLE_DIAGRAMS);
	if (rc == PGB_EXIT_OK && a->output != NULL) {
		struct outfile f = {
		    .path = a->output, .data = doc.data ? doc.data : "", .len = doc.len};
		if (atomic_write_files(&f, 1, a->force, d) != 0)
			rc = PGB_EXIT_INPUT;
	} else if (rc == PGB_EXIT_OK &&
		   ((doc.len > 0 && fwrite(doc.data, 1, doc.len, stdout) != doc.len) ||
		    fflush(stdout) != 0)) {
		diag_failure(d, (struct loc){0}, "cannot write the report to standard output");
		rc = PGB_EXIT_FAILURE;
	}
	diags_print(d, stderr);
	sb_free(&doc);
	return rc;
}

static int report_dump(struct report_cmd *c, const struct cli_args *a, const char *dump,
		       struct diags *d)
{
	struct lint_ignore *ig = NULL;
	struct stats *st = NULL;
	struct model *m = NULL;
	int rc = load_inputs(c, &ig, &st, d);

	if (rc != PGB_EXIT_OK)
		diags_print(d, stderr);
	else
		rc = cmd_load(
		    &(struct cmd_load_opts){.path = dump, .dbname = a->dbname, .filter = a->filter},
		    &m, d);
	if (rc == PGB_EXIT_OK) {
		struct lint_report lr;
		c->lo.stats = st;
		lint_run(m, &c->lo, &lr);
		if (ig != NULL)
			lint_ignore_apply(ig, &lr, d);
		if (!diagram_svg_available())
			diag_warn(d, (struct loc){0},
				  "diagrams are not drawn: this pgbaseline was built without "
				  "Graphviz's library (the report says so too)");
		diags_print(d, stderr);
		struct diagram_opts dopts = {.depth = c->depth};
		rc = write_report(
		    a, m, &(struct emit_opts){.lint = &lr, .stats = st, .diagram = &dopts}, d);
		if (rc == PGB_EXIT_OK && a->strict && m->source.unparsed > 0) {
			fprintf(
			    stderr,
			    "pgbaseline: error: %ld statement%s could not be parsed (--strict)\n",
			    m->source.unparsed, m->source.unparsed == 1 ? "" : "s");
			rc = PGB_EXIT_UNPARSED;
		}
		lint_report_free(&lr);
	}
	if (m != NULL)
		load_cleanup();
	model_free(m);
	lint_ignore_free(ig);
	stats_free(st);
	return rc;
}

static int report_run(const struct cli_command *cmd, int argc, char **argv, struct diags *d)
{
	struct report_cmd c = {.depth = 1};
	struct cli_args a = {.format = EMIT_REPORT, .filter = filter_new()};
	lint_opts_init(&c.lo);
	int rc = cli_parse(cmd, argc, argv, &a, report_option, &c);

	d->quiet = a.quiet;
	if (rc < 0 && argc - a.first_operand != 1) {
		cli_usage_error(cmd, a.first_operand >= argc ? "report needs a DUMP file"
							     : "report takes one DUMP file");
		rc = PGB_EXIT_INPUT;
	}
	if (rc < 0 && a.output != NULL && a.output[0] == '\0') {
		cli_usage_error(cmd, "--output needs a file name");
		rc = PGB_EXIT_INPUT;
	}
	/* Refuse an existing -o FILE before the dump is read (--force replaces it). */
	if (rc < 0 && a.output != NULL &&
	    atomic_check_targets(&(struct outfile){.path = a.output}, 1, a.force, d) != 0) {
		diags_print(d, stderr);
		rc = PGB_EXIT_INPUT;
	}
	if (rc < 0)
		rc = report_dump(&c, &a, argv[a.first_operand], d);
	filter_free(a.filter);
	return rc;
}

const struct cli_command cmd_report = {
    .name = "report",
    .bit = CLI_REPORT,
    .summary = "write one self-contained HTML report for an auditor",
    .synopsis = "[OPTIONS] DUMP -o report.html",
    .about = "Read DUMP (any input inspect reads) and write one HTML file that needs nothing\n"
	     "else (no network, no CDN; inline style and script; usable offline in any\n"
	     "browser): a summary; the tables in a list searchable by name, column and\n"
	     "comment and filterable by schema and findings; per table its columns, keys,\n"
	     "indexes, relationships, comments, row counts (the dump's data, --stats),\n"
	     "privileges, lint findings (the rules of pgbaseline lint) and a diagram of it\n"
	     "and its foreign-key neighbours (--depth N hops); the security view (owners,\n"
	     "grants, default privileges, row level security, SECURITY DEFINER functions);\n"
	     "a diagram per schema.  Diagrams are drawn as inline SVG by Graphviz's library;\n"
	     "a build without it says so in the report and in a warning.\n",
    .epilog = "Opened with #search=TEXT the table list is searched for TEXT.\n"
	      "\n"
	      "Exit status: 0 success (lint findings do not fail it); 1 the report could not\n"
	      "be written; 2 usage error, bad input or FILE exists (--force replaces it);\n"
	      "3 unparsed statements under --strict.\n",
    .formats = "html",
    .format_help = "html (the only one)",
    .parse_format = report_parse_format,
    .run = report_run,
};
