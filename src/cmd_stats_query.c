/*
 * cmd_stats_query.c
 *	  `pgbaseline stats-query`: the psql command a DBA runs to write the
 *	  row-count CSV that `baseline --stats` reads (stats.c).
 */
#include "cmd_common.h"
#include "pgb.h"

#include <stdio.h>

/*
 * Estimated row counts straight from the planner's statistics: instant on
 * any size of database, and close enough for "~1.2M records".  The CSV is
 * UTF-8 whatever the console's encoding (the dump's names are), and the
 * query holds no backslash, which some client encodings or
 * standard_conforming_strings = off would read otherwise.
 */
static const char stats_query[] =
    "\\copy (SELECT format('%I.%I', n.nspname, c.relname) AS table, "
    "greatest(c.reltuples, 0)::bigint AS rows FROM pg_catalog.pg_class c "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND pg_catalog.left(n.nspname, 8) <> 'pg_toast' ORDER BY 1) TO 'stats.csv' "
    "WITH (FORMAT csv, HEADER, ENCODING 'UTF8')\n";

static int stats_query_run(const struct cli_command *cmd, int argc, char **argv, struct diags *d)
{
	struct cli_args a = {0};
	int rc = cli_parse(cmd, argc, argv, &a, NULL, NULL);

	if (rc >= 0)
		return rc;
	if (a.first_operand < argc) {
		cli_usage_error(cmd, "stats-query takes no arguments");
		return PGB_EXIT_INPUT;
	}
	fputs("-- Run in psql on the database (estimates from ANALYZE statistics; run ANALYZE\n"
	      "-- first for fresh numbers), then: pgbaseline baseline --stats stats.csv DUMP\n",
	      stdout);
	fputs(stats_query, stdout);
	return PGB_EXIT_OK;
}

const struct cli_command cmd_stats_query = {
    .name = "stats-query",
    .bit = CLI_STATS_QUERY,
    .summary = "print the query a DBA runs to give row counts (--stats)",
    .synopsis = "",
    .about = "Print the psql command a DBA runs to produce the --stats CSV.\n",
    .run = stats_query_run,
};
