/*
 * cmd_diagram.c
 *	  `pgbaseline diagram`: the ER diagram of one dump's tables, as
 *	  Mermaid or Graphviz dot (emit.h), to stdout or -o FILE.
 */
#include "cmd_common.h"
#include "emit.h"

#include <stdio.h>
#include <stdlib.h>

/* Mermaid's default maxTextSize: a longer diagram is drawn as an error message. */
#define MERMAID_MAX_TEXT 50000

/* The text's length as JavaScript counts it (UTF-16 code units), as Mermaid compares it. */
static size_t js_length(const char *s, size_t n)
{
	size_t units = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) != 0x80)
			units += c >= 0xF0 ? 2 : 1;
	}
	return units;
}

/*
 * The diagram; a Mermaid one longer than Mermaid draws by default is still
 * written (a renderer may raise maxTextSize), with a warning that says how
 * long it is and how to draw less.
 */
static int diagram_emit(const struct model *m, int format, FILE *out, struct diags *d)
{
	if (format != EMIT_MERMAID)
		return cmd_emit_format(m, format, out, d);
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (mem == NULL)
		return -1;
	int rc = cmd_emit_format(m, format, mem, d);
	if (fclose(mem) != 0)
		rc = -1;
	size_t units = rc == 0 ? js_length(text, len) : 0;
	if (units > MERMAID_MAX_TEXT)
		diag_warn(d, (struct loc){0},
			  "the Mermaid diagram is %zu characters long, and Mermaid draws only an "
			  "error for more than %d (its maxTextSize): draw fewer tables with -n, "
			  "-N, -t or -T, or use --format dot",
			  units, MERMAID_MAX_TEXT);
	if (rc == 0 && fwrite(text, 1, len, out) != len)
		rc = -1;
	free(text);
	return rc;
}

static bool diagram_parse_format(const char *s, int *out)
{
	return cmd_parse_format(EMIT_DIAGRAM, s, out);
}

static int diagram_run(const struct cli_command *cmd, int argc, char **argv, struct diags *d)
{
	return cmd_run_document(cmd, argc, argv, EMIT_MERMAID, diagram_emit, d);
}

const struct cli_command cmd_diagram = {
    .name = "diagram",
    .bit = CLI_DIAGRAM,
    .summary = "write an ER diagram of the tables (Mermaid, Graphviz dot or SVG)",
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
    .formats = "mermaid, dot or svg",
    .format_help = "mermaid (erDiagram, the default), dot (Graphviz) or svg (drawn by "
		   "Graphviz's library)",
    .parse_format = diagram_parse_format,
    .run = diagram_run,
};
