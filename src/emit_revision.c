/*
 * emit_revision.c
 *	  The next Alembic revision (revision.h): a module in the shape of
 *	  Alembic's script.py.mako, whose docstring lists the changes and their
 *	  hazards as `diff` writes them, and whose upgrade() and downgrade()
 *	  run the plan's statements (plan.h) in the plan's order.
 *
 *	  A statement becomes an Alembic operation only when it is one of the
 *	  shapes below with every name a plain lower-case identifier, so that
 *	  the operation writes the same statement (SQLAlchemy may quote a name
 *	  the plan left bare, which means the same); anything else runs as
 *	  written through _execute(), which hides its colons from SQLAlchemy's
 *	  bind parameters.  An enum value added runs in Alembic's autocommit
 *	  block, before the rest, as the plan runs it before its transaction.
 *	  The rest runs with the plan's settings (an empty search_path, no
 *	  function body checks), set for the transaction and put back at the
 *	  end, so Alembic's own version table update sees the usual ones.
 */
#include "revision.h"

#include "emit.h"
#include "plan.h"
#include "textquote.h"

#include <string.h>

#define MAX_IDENTS 4
#define IDENT_MAX  64

/* One plain identifier (what quote_sql_ident leaves bare, in ASCII) into out; false if none. */
static bool plain_ident(const char **p, char *out)
{
	const char *s = *p;
	size_t n = 0;
	if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
		return false;
	while ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_') {
		if (n + 1 >= IDENT_MAX)
			return false;
		out[n++] = *s++;
	}
	out[n] = '\0';
	*p = s;
	return true;
}

/*
 * Does sql match shape, where each '%' is a plain identifier (stored in
 * id[] in order) and everything else is literal text?
 */
static bool match_shape(const char *sql, const char *shape, char id[MAX_IDENTS][IDENT_MAX])
{
	int n = 0;
	for (; *shape; shape++) {
		if (*shape == '%') {
			if (n == MAX_IDENTS || !plain_ident(&sql, id[n++]))
				return false;
		} else if (*sql++ != *shape) {
			return false;
		}
	}
	return *sql == '\0';
}

/*
 * The statement shapes an Alembic operation writes exactly, and the
 * operation: its text with $0..$3 for the identifiers (as Python literals).
 */
static const struct {
	const char *shape;
	const char *op;
} op_shapes[] = {
    {"DROP TABLE %.%;\n", "op.drop_table($1, schema=$0)"},
    {"ALTER TABLE %.% DROP COLUMN %;\n", "op.drop_column($1, $2, schema=$0)"},
    {"DROP INDEX %.%;\n", "op.drop_index($1, schema=$0)"},
    {"ALTER TABLE %.% DROP CONSTRAINT %;\n", "op.drop_constraint($2, $1, schema=$0)"},
    {"ALTER TABLE %.% RENAME TO %;\n", "op.rename_table($1, $2, schema=$0)"},
    {"ALTER TABLE %.% RENAME COLUMN % TO %;\n",
     "op.alter_column($1, $2, new_column_name=$3, schema=$0)"},
    {"ALTER TABLE %.% ALTER COLUMN % SET NOT NULL;\n",
     "op.alter_column($1, $2, nullable=False, schema=$0)"},
    {"ALTER TABLE %.% ALTER COLUMN % DROP NOT NULL;\n",
     "op.alter_column($1, $2, nullable=True, schema=$0)"},
    {"ALTER TABLE %.% ALTER COLUMN % DROP DEFAULT;\n",
     "op.alter_column($1, $2, server_default=None, schema=$0)"},
};

/* One statement as a line of Python at indent, appended to out. */
static void put_statement(struct strbuf *out, const char *indent, const char *sql)
{
	char id[MAX_IDENTS][IDENT_MAX];
	sb_append(out, indent);
	for (size_t i = 0; i < sizeof(op_shapes) / sizeof(op_shapes[0]); i++) {
		if (!match_shape(sql, op_shapes[i].shape, id))
			continue;
		for (const char *p = op_shapes[i].op; *p; p++) {
			if (*p == '$' && p[1] >= '0' && p[1] <= '3') {
				quote_python_literal(out, id[p[1] - '0']);
				p++;
			} else {
				sb_putc(out, *p);
			}
		}
		sb_putc(out, '\n');
		return;
	}
	size_t n = strlen(sql);
	while (n > 0 && (sql[n - 1] == '\n' || sql[n - 1] == ';'))
		n--; /* the plan's ";\n": one statement, as Alembic executes it */
	struct strbuf s;
	sb_init(&s);
	sb_append_len(&s, sql, n);
	sb_append(out, "_execute(");
	quote_python_literal(out, s.data ? s.data : "");
	sb_append(out, ")\n");
	sb_free(&s);
}

static const char settings_on[] =
    "    op.execute(\"SELECT pg_catalog.set_config('pgbaseline.search_path', "
    "pg_catalog.current_setting('search_path'), true), \"\n"
    "               \"pg_catalog.set_config('pgbaseline.check_function_bodies', "
    "pg_catalog.current_setting('check_function_bodies'), true), \"\n"
    "               \"pg_catalog.set_config('search_path', '', true), \"\n"
    "               \"pg_catalog.set_config('check_function_bodies', 'off', true)\")\n";

static const char settings_off[] =
    "    op.execute(\"SELECT pg_catalog.set_config('search_path', \"\n"
    "               \"pg_catalog.current_setting('pgbaseline.search_path'), true), \"\n"
    "               \"pg_catalog.set_config('check_function_bodies', \"\n"
    "               \"pg_catalog.current_setting('pgbaseline.check_function_bodies'), true)\")\n";

/* def upgrade() or downgrade(): the plan of one direction. */
static void put_function(struct strbuf *out, const struct comparison *c, bool down)
{
	struct ptrvec stmts = {0};
	plan_statements(c, down, &stmts);
	sb_printf(out, "\n\ndef %s() -> None:\n", down ? "downgrade" : "upgrade");
	bool any_before = false, any_in = false;
	for (size_t i = 0; i < stmts.n; i++) {
		const struct plan_stmt *ps = stmts.v[i];
		if (ps->before_txn) {
			if (!any_before)
				sb_append(
				    out,
				    "    # an enum value cannot be used in the transaction that "
				    "adds it\n"
				    "    with op.get_context().autocommit_block():\n");
			any_before = true;
			put_statement(out, "        ", ps->sql);
		}
	}
	for (size_t i = 0; i < stmts.n; i++) {
		const struct plan_stmt *ps = stmts.v[i];
		if (ps->before_txn)
			continue;
		if (!any_in)
			sb_append(out, settings_on);
		any_in = true;
		put_statement(out, "    ", ps->sql);
	}
	if (any_in)
		sb_append(out, settings_off);
	if (!any_before && !any_in)
		sb_append(out, "    pass\n");
	plan_statements_free(&stmts);
}

/* One docstring line from text that is not yet quoted. */
static void put_doc_line(struct strbuf *out, const char *indent, const char *text, size_t len)
{
	struct strbuf piece, raw;
	sb_init(&piece);
	sb_init(&raw);
	sb_append_len(&raw, text, len);
	sb_append(&piece, indent);
	quote_python_docstring_piece(&piece, raw.data ? raw.data : "");
	sb_putc(&piece, '\n');
	quote_python_docstring_line(out, piece.data, piece.len);
	sb_free(&piece);
	sb_free(&raw);
}

static void put_doc_text(struct strbuf *out, const char *indent, const char *text)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		put_doc_line(out, len ? indent : "", text, len);
		text += len + (nl != NULL);
	}
}

static void put_docstring(struct strbuf *out, const struct comparison *c,
			  const struct revision_opts *o)
{
	struct strbuf sb, changes;
	struct sink s;
	sb_init(&sb);
	sb_init(&changes);

	sb_append(out, "\"\"\"");
	sb_printf(&sb, "%s\n\nRevision ID: %s\nRevises: %s\n\n", o->message, o->rev,
		  o->down_revision);
	sb_printf(&sb, "Written by pgbaseline %s revision from\n", PGB_VERSION);
	put_doc_text(out, "", sb.data);
	put_doc_text(out, "    OLD: ", o->old_label);
	put_doc_text(out, "", "to");
	put_doc_text(out, "    NEW: ", o->new_label);
	sb_reset(&sb);
	sb_printf(&sb,
		  "\nupgrade() turns OLD into NEW, downgrade() NEW back into OLD.  The schema\n"
		  "this revision leads to is recorded beside it in %s\n"
		  "(pgbaseline verify compares a database with it).\n\nChanges:\n",
		  o->schema_sql);
	put_doc_text(out, "", sb.data);
	sink_init_buf(&s, &changes);
	emit_diff_text(c->new,
		       &(struct emit_opts){
			   .comparison = c, .old_label = o->old_label, .new_label = o->new_label},
		       &s);
	put_doc_text(out, "    ", changes.data ? changes.data : "");
	sb_append(out, "\"\"\"\n");
	sb_free(&sb);
	sb_free(&changes);
}

static const char module_head[] = "from typing import Sequence, Union\n"
				  "\n"
				  "from alembic import op\n"
				  "\n"
				  "\n"
				  "# revision identifiers, used by Alembic.\n";

static const char module_helper[] =
    "\n"
    "\n"
    "def _execute(statement: str) -> None:\n"
    "    \"\"\"Run one statement of pgbaseline's plan as written.\n"
    "\n"
    "    Alembic reads a colon before a word as a bind parameter; escaped, it is a\n"
    "    colon again when SQLAlchemy compiles the statement.\n"
    "    \"\"\"\n"
    "    op.execute(statement.replace(\":\", \"\\\\:\"))\n";

void emit_revision_module(const struct comparison *c, const struct revision_opts *o,
			  struct strbuf *out)
{
	put_docstring(out, c, o);
	sb_append(out, module_head);
	sb_append(out, "revision: str = ");
	quote_python_literal(out, o->rev);
	sb_append(out, "\ndown_revision: Union[str, Sequence[str], None] = ");
	quote_python_literal(out, o->down_revision);
	sb_append(out, "\nbranch_labels: Union[str, Sequence[str], None] = None\n"
		       "depends_on: Union[str, Sequence[str], None] = None\n");
	sb_append(out, module_helper);
	put_function(out, c, false);
	put_function(out, c, true);
}
