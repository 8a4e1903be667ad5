/*
 * cmd_diagram.c
 *	  `pgbaseline diagram`: the ER diagram of one dump's tables, as
 *	  Mermaid or Graphviz dot (emit.h), to stdout or -o FILE.
 */
#include "cmd_common.h"
#include "emit.h"

static bool diagram_parse_format(const char *s, int *out)
{
	return cmd_parse_format(EMIT_DIAGRAM, s, out);
}

static int diagram_run(const struct cli_command *cmd, int argc, char **argv, struct diags *d)
{
	return cmd_run_document(cmd, argc, argv, EMIT_MERMAID, cmd_emit_format, d);
}

const struct cli_command cmd_diagram = {
    .name = "diagram",
    .bit = CLI_DIAGRAM,
    .summary = "write an ER diagram of the tables (Mermaid or Graphviz dot)",
    .synopsis = "[OPTIONS] DUMP",
    .about = "Read DUMP (as inspect does) and write an entity-relationship diagram of its\n"
	     "tables: one entity per table with each column's name, type, PK/FK/UK markers\n"
	     "and NOT NULL; one relationship per foreign key, labelled with its name, with\n"
	     "its cardinality (one-to-one when the key's columns are unique, else\n"
	     "many-to-one; the referenced side optional when a key column is nullable).\n"
	     "Control characters and invisible or bidirectional marks in names are shown\n"
	     "as visible escapes (\\n, \\x07, \\u200f).\n",
    .epilog = "Patterns use pg_dump's syntax: * and ? wildcards, \"Quoted\" names keep case,\n"
	      "schema.table qualifies.\n"
	      "\n"
	      "Exit status: 0 success; 1 the output could not be written; 2 usage error, bad\n"
	      "input or FILE exists; 3 unparsed statements under --strict (the diagram is\n"
	      "still written).\n",
    .formats = "mermaid or dot",
    .format_help = "mermaid (erDiagram, the default) or dot (Graphviz)",
    .parse_format = diagram_parse_format,
    .run = diagram_run,
};
