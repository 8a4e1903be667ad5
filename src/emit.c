/*
 * emit.c
 *	  The table of emitters: every output format, its name for --format,
 *	  what it writes and its write function.  A new format is one file
 *	  (its write function) and one row here.
 */
#include "emit.h"

#include <string.h>

static const struct emitter emitters[] = {
    {EMIT_TEXT, EMIT_INVENTORY, "text", NULL, "a plain-text report for a migration specialist",
     emit_text},
    {EMIT_MARKDOWN, EMIT_INVENTORY, "markdown", "md", "a Markdown document for an auditor",
     emit_markdown},
    {EMIT_JSON, EMIT_INVENTORY, "json", NULL, "JSON under docs/inventory-json.md's contract",
     emit_json},
    {EMIT_MERMAID, EMIT_DIAGRAM, "mermaid", NULL, "a Mermaid erDiagram of the tables",
     emit_mermaid},
    {EMIT_DOT, EMIT_DIAGRAM, "dot", NULL, "a Graphviz digraph of the tables", emit_dot},
    {EMIT_SVG, EMIT_DIAGRAM, "svg", NULL, "the diagram drawn as SVG by Graphviz's library",
     emit_svg},
    {EMIT_REVISION, EMIT_BASELINE, "revision", NULL, "the Alembic baseline revision module",
     emit_revision},
    {EMIT_STAMP_SQL, EMIT_BASELINE, "stamp-sql", NULL,
     "the DBA's checked stamp SQL (<rev>_stamp.sql)", emit_stamp_sql},
    {EMIT_CI_SCRIPT, EMIT_BASELINE, "ci-script", NULL,
     "the check of the migration chain on an empty database (ci_check.sh)", emit_ci_script},
    {EMIT_CI_WORKFLOW, EMIT_BASELINE, "ci-workflow", NULL,
     "a GitHub Actions workflow that runs ci_check.sh", emit_ci_workflow},
    {EMIT_DIFF_TEXT, EMIT_DIFF, "text", NULL, "what differs, per table, with the hazards",
     emit_diff_text},
    {EMIT_DIFF_MARKDOWN, EMIT_DIFF, "markdown", "md", "what differs, as a Markdown review",
     emit_diff_markdown},
    {EMIT_DIFF_JSON, EMIT_DIFF, "json", NULL, "every change, under docs/diff-json.md's contract",
     emit_diff_json},
    {EMIT_DIFF_SQL, EMIT_DIFF, "sql", NULL,
     "the DDL turning OLD into NEW, for psql -v ON_ERROR_STOP=1 -f", emit_diff_sql},
    {EMIT_LINT_TEXT, EMIT_LINT, "text", NULL, "one line per finding, FILE:LINE:COL first",
     emit_lint_text},
    {EMIT_LINT_JSON, EMIT_LINT, "json", NULL, "the findings, under docs/lint-json.md's contract",
     emit_lint_json},
    {EMIT_LINT_SARIF, EMIT_LINT, "sarif", NULL, "SARIF 2.1.0, as code scanning reads it",
     emit_lint_sarif},
    {EMIT_LINT_MARKDOWN, EMIT_LINT, "markdown", "md", "the findings as a Markdown table",
     emit_lint_markdown},
    {EMIT_MODELS, EMIT_MODELS_PY, "python", NULL,
     "a Python module of SQLAlchemy models that autogenerate finds in step", emit_models},
    {EMIT_REPORT, EMIT_HTML, "html", NULL,
     "one self-contained HTML file: tables, keys, findings, security, diagrams", emit_report},
};

const struct emitter *emit_find(const char *name)
{
	for (size_t i = 0; i < sizeof emitters / sizeof emitters[0]; i++)
		if (strcmp(name, emitters[i].name) == 0 ||
		    (emitters[i].alias != NULL && strcmp(name, emitters[i].alias) == 0))
			return &emitters[i];
	return NULL;
}

const struct emitter *emit_find_in(enum emit_family family, const char *name)
{
	for (size_t i = 0; i < sizeof emitters / sizeof emitters[0]; i++)
		if (emitters[i].family == family &&
		    (strcmp(name, emitters[i].name) == 0 ||
		     (emitters[i].alias != NULL && strcmp(name, emitters[i].alias) == 0)))
			return &emitters[i];
	return NULL;
}

const struct emitter *emit_get(enum emit_format format)
{
	for (size_t i = 0; i < sizeof emitters / sizeof emitters[0]; i++)
		if (emitters[i].format == format)
			return &emitters[i];
	return NULL;
}
