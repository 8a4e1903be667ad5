/*
 * commands.h
 *	  The command table (commands.c): every command pgbaseline has.  Each
 *	  command is a struct cli_command (cli.h) defined in its own
 *	  src/cmd_*.c; the table lists them for main() and for help.
 */
#ifndef PGB_COMMANDS_H
#define PGB_COMMANDS_H

#include "cli.h"

#include <stdio.h>

/* The commands (src/cmd_*.c). */
extern const struct cli_command cmd_inspect;
extern const struct cli_command cmd_models;
extern const struct cli_command cmd_diagram;
extern const struct cli_command cmd_diff;
extern const struct cli_command cmd_verify;
extern const struct cli_command cmd_lint;
extern const struct cli_command cmd_baseline;
extern const struct cli_command cmd_revision;
extern const struct cli_command cmd_stamp_sql;
extern const struct cli_command cmd_stats_query;
extern const struct cli_command cmd_report;

/* The commands, in the order `pgbaseline --help` lists them; NULL-terminated. */
extern const struct cli_command *const commands_all[];

/* The command called name, or NULL. */
const struct cli_command *commands_find(const char *name);

/* `pgbaseline --help`: the commands from the table, the tool's options. */
void commands_print_help(FILE *out);

#endif /* PGB_COMMANDS_H */
