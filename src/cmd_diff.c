/*
 * cmd_diff.c
 *	  `pgbaseline diff OLD NEW`: what differs between two schemas, each
 *	  any input inspect reads, filtered alike, compared by compare.h and
 *	  written as text, Markdown, JSON or SQL (emit.h, plan.h).  Exit status as diff(1):
 *	  0 the same, 1 different, 2 trouble; 4 when a change has a hazard
 *	  that --fail-on names.
 */
#include "atomicfile.h"
#include "cmd_common.h"
#include "compare.h"
#include "load.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

/* Exit statuses of diff (the man page and the help say them). */
enum {
	DIFF_SAME = 0,
	DIFF_DIFFERENT = 1,
	DIFF_TROUBLE = 2,
	DIFF_UNPARSED = 3, /* --strict */
	DIFF_HAZARD = 4,   /* --fail-on */
};

struct diff_cmd {
	struct cmd_renames renames;
	unsigned fail_on;
	struct compare_opts copts;
};

static bool diff_parse_format(const char *s, int *out)
{
	return cmd_parse_format(EMIT_DIFF, s, out);
}

/* --fail-on's argument: hazard names, comma-separated, or "any". */
static bool parse_fail_on(const char *arg, unsigned *bits)
{
	char *copy = xstrdup(arg), *save = NULL;
	bool ok = true;
	for (char *tok = strtok_r(copy, ",", &save); tok && ok; tok = strtok_r(NULL, ",", &save)) {
		unsigned h = strcmp(tok, "any") == 0 ? (1u << N_HAZARDS) - 1 : hazard_parse(tok);
		ok = h != 0;
		*bits |= h;
	}
	free(copy);
	return ok && arg[0] != '\0';
}

static int diff_option(const struct cli_command *cmd, enum cli_opt_id id, const char *arg,
		       void *ctx)
{
	struct diff_cmd *c = ctx;
	switch (id) {
	case OPT_RENAME:
		return cmd_add_rename(cmd, arg, &c->renames);
	case OPT_FAIL_ON:
		if (!parse_fail_on(arg, &c->fail_on)) {
			cli_usage_error(
			    cmd,
			    "unknown hazard in --fail-on \"%s\" (data-loss, table-rewrite, "
			    "access-exclusive, index-build, validation-scan, "
			    "not-null-scan, possible-rename, recreate or any)",
			    arg);
			return PGB_EXIT_INPUT;
		}
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

/* The two dumps, loaded alike; DIFF_SAME, or the exit status after reporting. */
static int load_both(const struct cli_args *a, char **paths, struct model **m, struct diags *d)
{
	for (int i = 0; i < 2; i++) {
		int rc = cmd_load(&(struct cmd_load_opts){.path = paths[i],
							  .dbname = a->dbname,
							  .filter = a->filter},
				  &m[i], d);
		if (rc != PGB_EXIT_OK)
			return DIFF_TROUBLE;
	}
	return DIFF_SAME;
}

static int diff_run(const struct cli_command *cmd, int argc, char **argv, struct diags *d)
{
	struct diff_cmd c = {0};
	struct cli_args a = {.format = EMIT_DIFF_TEXT, .filter = filter_new()};
	struct model *m[2] = {NULL, NULL};
	int rc = cli_parse(cmd, argc, argv, &a, diff_option, &c);

	d->quiet = a.quiet;
	if (rc < 0 && argc - a.first_operand != 2) {
		cli_usage_error(cmd, "diff takes two dumps, OLD and NEW");
		rc = DIFF_TROUBLE;
	}
	if (rc < 0 && strcmp(argv[a.first_operand], "-") == 0 &&
	    strcmp(argv[a.first_operand + 1], "-") == 0) {
		cli_usage_error(cmd, "only one of OLD and NEW can be - (standard input)");
		rc = DIFF_TROUBLE;
	}
	if (rc < 0 && a.output != NULL && a.output[0] == '\0') {
		cli_usage_error(cmd, "--output needs a file name");
		rc = DIFF_TROUBLE;
	}
	if (rc < 0 && a.output != NULL &&
	    atomic_check_targets(&(struct outfile){.path = a.output}, 1, a.force, d) != 0) {
		diags_print(d, stderr);
		rc = DIFF_TROUBLE;
	}
	if (rc < 0)
		rc = load_both(&a, argv + a.first_operand, m, d);
	else if (rc != 0)
		rc = DIFF_TROUBLE; /* a usage error (cli_parse's 2), or --help's 0 */
	if (rc == DIFF_SAME && m[0] != NULL && m[1] != NULL) {
		struct comparison cmp;
		c.copts.renames = c.renames.v;
		c.copts.n_renames = c.renames.n;
		compare_models(m[0], m[1], &c.copts, &cmp);
		if (a.format == EMIT_DIFF_JSON)
			plan_fill(&cmp); /* each change's statements */
		if (cmd_report_unused_renames(&cmp, d)) {
			diags_print(d, stderr);
			rc = DIFF_TROUBLE;
		} else if ((rc = cmd_write_report(
				&a, cmp.new,
				&(struct emit_opts){.comparison = &cmp,
						    .old_label = argv[a.first_operand],
						    .new_label = argv[a.first_operand + 1]},
				d)) == DIFF_SAME) {
			if (a.strict && (m[0]->source.unparsed > 0 || m[1]->source.unparsed > 0)) {
				fprintf(stderr, "pgbaseline: error: statements could not be parsed "
						"(--strict)\n");
				rc = DIFF_UNPARSED;
			} else if (cmp.hazards & c.fail_on) {
				rc = DIFF_HAZARD;
			} else {
				rc = cmp.changes.n > 0 ? DIFF_DIFFERENT : DIFF_SAME;
			}
		}
		compare_free(&cmp);
	}
	if (m[0] != NULL || m[1] != NULL)
		load_cleanup();
	model_free(m[0]);
	model_free(m[1]);
	cmd_free_renames(&c.renames);
	filter_free(a.filter);
	return rc;
}

const struct cli_command cmd_diff = {
    .name = "diff",
    .bit = CLI_DIFF,
    .summary = "what differs between two dumps (text, markdown, json or sql), with hazards",
    .synopsis = "[OPTIONS] OLD NEW",
    .about = "Read OLD and NEW (each any DUMP inspect reads) and print what differs between\n"
	     "the schemas they create: per table the columns, constraints, indexes,\n"
	     "triggers and policies added, dropped, renamed or changed, and every other\n"
	     "object, with the hazards of each change (data loss, table rewrite, lock,\n"
	     "index build, validation scan, SET NOT NULL scan, possible rename).  Two dumps\n"
	     "of one schema by different pg_dump versions are the same.  The filters apply\n"
	     "to both.\n",
    .epilog = "--rename OLD=NEW: OLD is schema.table or schema.table.column as in OLD; NEW\n"
	      "the same, or only the new name.  Quote a part holding a dot or = with \"...\".\n"
	      "A hint that matches no dropped and added pair is an error.\n"
	      "\n"
	      "Exit status: 0 the same; 1 different; 2 usage error, bad input, FILE exists or\n"
	      "the report could not be written; 3 unparsed statements under --strict; 4 a\n"
	      "change has a hazard --fail-on names (the report is still written).\n",
    .formats = "text, markdown, json or sql",
    .format_help = "text (default), markdown, json or sql",
    .parse_format = diff_parse_format,
    .run = diff_run,
};
