/*
 * commands.c
 *	  The command table: one row per command (src/cmd_*.c), in the order
 *	  `pgbaseline --help` lists them, and the tool's own help.  main.c
 *	  dispatches through it; a new command is one file and one row here.
 */
#include "commands.h"

#include <stdio.h>
#include <string.h>

const struct cli_command *const commands_all[] = {
    &cmd_inspect,  &cmd_diagram, &cmd_diff,	 &cmd_verify,	   &cmd_lint,	&cmd_baseline,
    &cmd_revision, &cmd_models,	 &cmd_stamp_sql, &cmd_stats_query, &cmd_report, NULL,
};

const struct cli_command *commands_find(const char *name)
{
	for (size_t i = 0; commands_all[i]; i++)
		if (strcmp(commands_all[i]->name, name) == 0)
			return commands_all[i];
	return NULL;
}

void commands_print_help(FILE *out)
{
	fputs("pgbaseline — read a pg_dump file offline and describe the schema it holds.\n"
	      "\n"
	      "Usage: pgbaseline COMMAND [OPTIONS] [DUMP ...]\n"
	      "\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; commands_all[i]; i++)
		fprintf(out, "  %-12s %s\n", commands_all[i]->name, commands_all[i]->summary);
	fputs("\nOptions:\n", out);
	cli_print_tool_options(out);
	fputs("\n"
	      "A command's help: pgbaseline COMMAND --help, or pgbaseline help COMMAND.\n"
	      "\n"
	      "DUMP is a plain pg_dump file (uncompressed, or gzip, zstd or lz4), a custom (-Fc),\n"
	      "directory (-Fd) or tar (-Ft) archive, or - for standard input (a plain dump, or\n"
	      "a -Fc or -Ft archive, copied to $TMPDIR first).\n"
	      "\n"
	      "Exit status: 0 success; 1 internal or output failure; 2 usage error or bad input;\n"
	      "3 unparsed statements under --strict.\n",
	      out);
}
