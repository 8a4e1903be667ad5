/*
 * cmd_lint.c
 *	  `pgbaseline lint DUMP`: the schema rules of lint.h over one dump,
 *	  written as text, JSON, SARIF or Markdown (emit_lint_*.c).  Exit
 *	  status: 0 nothing at or above --fail-on, 1 a finding at or above it,
 *	  2 trouble, 3 unparsed statements under --strict.
 */
#include "atomicfile.h"
#include "cmd_common.h"
#include "lint.h"
#include "load.h"
#include "stats.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Exit statuses of lint (the man page and the help say them). */
enum {
	LINT_CLEAN = 0,
	LINT_FINDINGS = 1,
	LINT_TROUBLE = 2,
	LINT_UNPARSED = 3, /* --strict */
};

/* The ignore file read when --ignore-file is not given, if it exists. */
#define LINT_DEFAULT_IGNORE ".pgbaseline-ignore"

struct lint_cmd {
	struct lint_opts lo;
	enum lint_severity fail_on;
	const char *explain;
	const char *stats_file;
	const char *ignore_file;
};

static bool lint_parse_format(const char *s, int *out)
{
	return cmd_parse_format(EMIT_LINT, s, out);
}

static int rule_option(const struct cli_command *cmd, const char *opt, const char *arg,
		       const struct lint_rule **out)
{
	*out = lint_find_rule(arg);
	if (*out == NULL) {
		cli_usage_error(cmd,
				"unknown rule \"%s\" in --%s (pgbaseline lint --help lists them)",
				arg, opt);
		return PGB_EXIT_INPUT;
	}
	return 0;
}

static int lint_option(const struct cli_command *cmd, enum cli_opt_id id, const char *arg,
		       void *ctx)
{
	struct lint_cmd *c = ctx;
	const struct lint_rule *r;
	switch (id) {
	case OPT_FAIL_ON:
		if (!lint_parse_severity(arg, &c->fail_on)) {
			cli_usage_error(
			    cmd, "unknown severity in --fail-on \"%s\" (error, warning or info)",
			    arg);
			return PGB_EXIT_INPUT;
		}
		return 0;
	case OPT_EXPLAIN:
		c->explain = arg;
		return rule_option(cmd, "explain", arg, &r);
	case OPT_ENABLE:
	case OPT_DISABLE:
		if (rule_option(cmd, id == OPT_ENABLE ? "enable" : "disable", arg, &r) != 0)
			return PGB_EXIT_INPUT;
		c->lo.enabled[r - lint_rules] = id == OPT_ENABLE;
		return 0;
	case OPT_STATS:
		c->stats_file = arg;
		return 0;
	case OPT_IGNORE_FILE:
		c->ignore_file = arg;
		return 0;
	default:
		cli_usage_error(cmd, "unexpected option");
		return PGB_EXIT_INPUT;
	}
}

static void explain(const struct lint_rule *r)
{
	printf("%s (%s%s)\n  %s.\n\nWhy: %s\n\nFix: %s\n", r->id, lint_severity_name(r->severity),
	       r->on_by_default ? "" : ", off by default: --enable it", r->summary, r->why, r->fix);
}

/* The ignore file (NULL: none) and the stats; LINT_CLEAN or LINT_TROUBLE after reporting. */
static int load_inputs(struct lint_cmd *c, struct lint_ignore **ig, struct stats **st,
		       struct diags *d)
{
	const char *path = c->ignore_file;
	if (path == NULL && access(LINT_DEFAULT_IGNORE, F_OK) == 0)
		path = LINT_DEFAULT_IGNORE;
	if (path != NULL && (*ig = lint_ignore_load(path, d)) == NULL) {
		diags_print(d, stderr);
		return LINT_TROUBLE;
	}
	if (c->stats_file != NULL && (*st = stats_load(c->stats_file, d)) == NULL) {
		diags_print(d, stderr);
		return LINT_TROUBLE;
	}
	return LINT_CLEAN;
}

static int lint_dump(struct lint_cmd *c, const struct cli_args *a, const char *dump,
		     struct diags *d)
{
	struct lint_ignore *ig = NULL;
	struct stats *st = NULL;
	struct model *m = NULL;
	int rc = load_inputs(c, &ig, &st, d);

	if (rc == LINT_CLEAN &&
	    cmd_load(
		&(struct cmd_load_opts){.path = dump, .dbname = a->dbname, .filter = a->filter}, &m,
		d) != PGB_EXIT_OK)
		rc = LINT_TROUBLE;
	if (rc == LINT_CLEAN) {
		struct lint_report r;
		c->lo.stats = st;
		lint_run(m, &c->lo, &r);
		if (ig != NULL)
			lint_ignore_apply(ig, &r, d);
		diags_print(d, stderr);
		rc = cmd_write_report(a, m, &(struct emit_opts){.lint = &r}, d);
		if (rc == LINT_CLEAN && a->strict && m->source.unparsed > 0) {
			fprintf(
			    stderr,
			    "pgbaseline: error: %ld statement%s could not be parsed (--strict)\n",
			    m->source.unparsed, m->source.unparsed == 1 ? "" : "s");
			rc = LINT_UNPARSED;
		} else if (rc == LINT_CLEAN && lint_report_fails(&r, c->fail_on)) {
			rc = LINT_FINDINGS;
		}
		lint_report_free(&r);
	}
	if (m != NULL)
		load_cleanup();
	model_free(m);
	lint_ignore_free(ig);
	stats_free(st);
	return rc;
}

static int lint_run_cmd(const struct cli_command *cmd, int argc, char **argv, struct diags *d)
{
	struct lint_cmd c = {.fail_on = LINT_WARNING};
	struct cli_args a = {.format = EMIT_LINT_TEXT, .filter = filter_new()};
	lint_opts_init(&c.lo);
	int rc = cli_parse(cmd, argc, argv, &a, lint_option, &c);

	d->quiet = a.quiet;
	if (rc < 0 && c.explain != NULL) {
		explain(lint_find_rule(c.explain));
		rc = fflush(stdout) == 0 ? LINT_CLEAN : LINT_TROUBLE;
	}
	if (rc < 0 && argc - a.first_operand != 1) {
		cli_usage_error(cmd, a.first_operand >= argc ? "lint needs a DUMP file"
							     : "lint takes one DUMP file");
		rc = LINT_TROUBLE;
	}
	if (rc < 0 && a.output != NULL && a.output[0] == '\0') {
		cli_usage_error(cmd, "--output needs a file name");
		rc = LINT_TROUBLE;
	}
	if (rc < 0 && a.output != NULL &&
	    atomic_check_targets(&(struct outfile){.path = a.output}, 1, a.force, d) != 0) {
		diags_print(d, stderr);
		rc = LINT_TROUBLE;
	}
	if (rc < 0)
		rc = lint_dump(&c, &a, argv[a.first_operand], d);
	else if (rc != 0)
		rc = LINT_TROUBLE;
	filter_free(a.filter);
	return rc;
}

const struct cli_command cmd_lint = {
    .name = "lint",
    .bit = CLI_LINT,
    .summary = "check the schema against rules (text, json, sarif or markdown)",
    .synopsis = "[OPTIONS] DUMP",
    .about = "Read DUMP (any input inspect reads) and check the schema it creates against\n"
	     "rules with stable ids, each finding with a severity, the object, a message and\n"
	     "where the dump defined it.  Rules (--explain RULE says why and how to fix):\n"
	     "  no-primary-key, fk-without-index, fk-type-mismatch, redundant-index,\n"
	     "  int-primary-key, timestamp-without-time-zone, rls-without-policy,\n"
	     "  policy-without-rls, security-definer-search-path, sqlalchemy-reserved-name,\n"
	     "  nullable-unique, not-valid-constraint, unlogged-table,\n"
	     "  identifier-needs-quoting; table-without-comment is off by default.\n",
    .epilog = "The ignore file lists accepted findings, one a line: RULE OBJECT  # reason,\n"
	      "OBJECT as the findings name it (public.t, public.t.c); the reason is required.\n"
	      "An entry that matches no finding is warned about.  --stats row counts raise\n"
	      "the severity of table findings on tables of a million rows or more.\n"
	      "\n"
	      "Exit status: 0 no finding at or above --fail-on (default warning); 1 one is;\n"
	      "2 usage error, bad input, FILE exists or the report could not be written;\n"
	      "3 unparsed statements under --strict.\n",
    .formats = "text, json, sarif or markdown",
    .format_help = "text (default), json, sarif or markdown",
    .parse_format = lint_parse_format,
    .run = lint_run_cmd,
};
