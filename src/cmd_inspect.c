/*
 * cmd_inspect.c
 *	  `pgbaseline inspect`: the schema inventory of one dump, as text,
 *	  Markdown or JSON (emit.h).
 */
#include "cmd_common.h"
#include "emit.h"

static bool inspect_parse_format(const char *s, int *out)
{
	return cmd_parse_format(EMIT_INVENTORY, s, out);
}

/* --security: the security view in the text and Markdown (JSON has its facts already). */
static int inspect_option(const struct cli_command *cmd, enum cli_opt_id id, const char *arg,
			  void *ctx)
{
	if (id == OPT_SECURITY)
		((struct emit_opts *)ctx)->security = true;
	return 0;
}

static int inspect_run(const struct cli_command *cmd, int argc, char **argv, struct diags *d)
{
	struct emit_opts eo = {0};
	return cmd_run_document_opts(cmd, argc, argv, EMIT_TEXT, inspect_option, &eo, &eo, d);
}

const struct cli_command cmd_inspect = {
    .name = "inspect",
    .bit = CLI_INSPECT,
    .summary = "print the schema inventory (text, markdown or json)",
    .synopsis = "[OPTIONS] DUMP",
    .about = "Read DUMP (plain pg_dump output, maybe gzip, zstd or lz4; a -Fc, -Fd or -Ft\n"
	     "archive; or - for stdin) and print the inventory of the schema it would\n"
	     "create: tables, columns, keys, indexes, constraints, views, sequences, types,\n"
	     "functions, triggers, policies.\n",
    .epilog = "Patterns use pg_dump's syntax: * and ? wildcards, \"Quoted\" names keep case,\n"
	      "schema.table qualifies.\n"
	      "\n"
	      "Exit status: 0 success; 1 the report could not be written; 2 usage error, bad\n"
	      "input or FILE exists; 3 unparsed statements under --strict (the report is\n"
	      "still written).\n",
    .formats = "text, markdown or json",
    .format_help = "text (default), markdown or json",
    .parse_format = inspect_parse_format,
    .run = inspect_run,
};
