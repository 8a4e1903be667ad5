/*
 * cmd_stamp_sql.c
 *	  `pgbaseline stamp-sql`: exactly what `alembic stamp --sql REV`
 *	  prints for PostgreSQL (emit_stamp.c), for a DBA who runs it by hand.
 */
#include "baseline.h"
#include "cmd_common.h"

#include <stdio.h>

struct stamp_sql_cmd {
	struct baseline_opts o;
	bool rev_given;
};

static int stamp_sql_option(const struct cli_command *cmd, enum cli_opt_id id, const char *arg,
			    void *ctx)
{
	struct stamp_sql_cmd *c = ctx;

	switch (id) {
	case OPT_REV:
		c->o.rev = arg;
		c->rev_given = true;
		break;
	case OPT_VERSION_TABLE:
		c->o.version_table = arg;
		break;
	case OPT_VERSION_TABLE_SCHEMA:
		c->o.version_table_schema = arg;
		break;
	default:
		break; /* the table gives stamp-sql no other option */
	}
	return 0;
}

static int stamp_sql_run(const struct cli_command *cmd, int argc, char **argv, struct diags *d)
{
	struct stamp_sql_cmd c = {
	    .o = {.rev = "001_baseline", .version_table = "alembic_version"},
	};
	struct cli_args a = {0};
	int rc = cli_parse(cmd, argc, argv, &a, stamp_sql_option, &c);

	if (rc >= 0)
		return rc;
	if (!c.rev_given || a.first_operand != argc) {
		cli_usage_error(cmd, "stamp-sql takes --rev REV and no other arguments");
		return PGB_EXIT_INPUT;
	}
	if (!cmd_check_rev(cmd, c.o.rev))
		return PGB_EXIT_INPUT;
	struct strbuf sb;
	sb_init(&sb);
	emit_stamp_sql_plain(&c.o, &sb);
	fwrite(sb.data, 1, sb.len, stdout);
	sb_free(&sb);
	return PGB_EXIT_OK; /* main() checks that stdout got it all */
}

const struct cli_command cmd_stamp_sql = {
    .name = "stamp-sql",
    .bit = CLI_STAMP_SQL,
    .summary = "print what `alembic stamp --sql REV` prints, for a DBA",
    .synopsis = "--rev REV [--version-table NAME] [--version-table-schema S]",
    .about = "Print exactly what `alembic stamp --sql REV` prints for PostgreSQL.\n",
    .run = stamp_sql_run,
};
