/*
 * cmd_models.c
 *	  `pgbaseline models`: the dump's tables as one Python module of
 *	  SQLAlchemy models (emit_models.c), printed or written to -o FILE.
 */
#include "cmd_common.h"
#include "emit.h"

static bool models_parse_format(const char *s, int *out)
{
	return cmd_parse_format(EMIT_MODELS_PY, s, out);
}

static int models_run(const struct cli_command *cmd, int argc, char **argv, struct diags *d)
{
	return cmd_run_document(cmd, argc, argv, EMIT_MODELS, cmd_emit_format, d);
}

const struct cli_command cmd_models = {
    .name = "models",
    .bit = CLI_MODELS,
    .summary = "print SQLAlchemy models of the tables, for Alembic's autogenerate",
    .synopsis = "[OPTIONS] DUMP",
    .about = "Read DUMP and print one Python module of SQLAlchemy models (sa.Table objects\n"
	     "on a module-level `metadata`, for SQLAlchemy 1.4 and 2.0) of the tables it\n"
	     "would create: columns with their PostgreSQL types, defaults, identity and\n"
	     "generated columns, collations, keys, checks, exclusion constraints and\n"
	     "indexes, all named as in the dump, with comments; a naming convention\n"
	     "inferred from the names on the MetaData; a declarative class per table\n"
	     "with a primary key, with relationship()s from the foreign keys\n"
	     "(back_populates, association tables as secondary).  Views, functions,\n"
	     "triggers, policies, partitions, inheritance children and foreign tables\n"
	     "are listed in the module's docstring and kept out of autogenerate by its\n"
	     "include_object().  Tables in public carry no schema (Alembic reflects the\n"
	     "default schema without one).\n",
    .epilog = "Patterns use pg_dump's syntax: * and ? wildcards, \"Quoted\" names keep case,\n"
	      "schema.table qualifies.\n"
	      "\n"
	      "Exit status: 0 success; 1 the module could not be written; 2 usage error, bad\n"
	      "input or FILE exists; 3 unparsed statements under --strict (the module is\n"
	      "still written).\n",
    .formats = "python",
    .format_help = "python (the only one)",
    .parse_format = models_parse_format,
    .run = models_run,
};
