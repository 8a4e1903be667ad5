/*
 * emit_stamp.c
 *	  The SQL that records a baseline revision in Alembic's version table
 *	  without running it, for a database that already holds the schema.
 *
 *	  emit_stamp_sql_plain() is byte for byte what `alembic stamp --sql REV`
 *	  prints for PostgreSQL (Alembic 1.8.1, SQLAlchemy 1.4, the generic
 *	  env.py in offline mode), so it can be diffed against Alembic's own;
 *	  only a version table named beyond ASCII adds a SET client_encoding.
 *
 *	  emit_stamp_sql_checked() is the file a DBA runs: one transaction that
 *	  first compares the live catalog with what the dump describes for the
 *	  tracked tables and aborts with a readable list of differences, then
 *	  creates the version table (if missing) and records the revision
 *	  (if not yet recorded).  Every name and string from the dump reaches
 *	  the SQL as a quoted literal or identifier, and reaches a comment only
 *	  through visible escapes, so none can end a literal, a comment or the
 *	  dollar-quoted block early.
 *
 *	  The file is UTF-8 and says so before its first byte beyond ASCII
 *	  (SET client_encoding, as pg_dump writes it): read in the console's
 *	  encoding (SJIS, BIG5, GBK...) the names would mean other names.  And
 *	  no literal relies on it: none is an E'' string or holds a backslash
 *	  escape, which those encodings could end early (textquote.h).
 */
#include "baseline.h"

#include "emit.h"
#include "filter.h"
#include "textquote.h"

#include <stdio.h>
#include <string.h>

/* Differences listed in the pre-flight error; the rest are counted. */
#define STAMP_MAX_SHOWN 20

/* Alembic's defaults (alembic.runtime.migration.MigrationContext). */
#define DEFAULT_VERSION_TABLE "alembic_version"

static const char *version_table(const struct baseline_opts *o)
{
	return o->version_table && o->version_table[0] ? o->version_table : DEFAULT_VERSION_TABLE;
}

static const char *version_table_schema(const struct baseline_opts *o)
{
	return o->version_table_schema && o->version_table_schema[0] ? o->version_table_schema
								     : NULL;
}

/* ---- quoting ------------------------------------------------------------ */

static void sql_qualified(struct strbuf *sb, const char *schema, const char *name)
{
	if (schema) {
		quote_sql_ident(sb, schema);
		sb_putc(sb, '.');
	}
	quote_sql_ident(sb, name);
}

/* The literal of a (possibly qualified) identifier, for to_regclass(). */
static void sql_regclass_literal(struct strbuf *sb, const char *schema, const char *name)
{
	struct strbuf q;
	sb_init(&q);
	sql_qualified(&q, schema, name);
	quote_sql_literal(sb, q.data);
	sb_free(&q);
}

/* "schema.name" for a comment. */
static void comment_qualified(struct strbuf *sb, const char *schema, const char *name)
{
	struct strbuf q;
	sb_init(&q);
	sql_qualified(&q, schema, name);
	quote_sql_comment_text(sb, q.data);
	sb_free(&q);
}

/*
 * SQLAlchemy 1.4's PostgreSQL identifier quoting
 * (IdentifierPreparer._requires_quotes with PGIdentifierPreparer's
 * RESERVED_WORDS), which is what `alembic stamp --sql` prints: quoted when
 * the name is one of these words, has upper-case letters or any character
 * outside [A-Za-z0-9_$], or starts with a digit or '$'.  Not the same as
 * PostgreSQL's quote_identifier(): "int" stays bare, "user_pkc" too.
 */
static const char sa_pg_reserved[] =
    " all analyse analyze and any array as asc asymmetric authorization between "
    " binary both case cast check collate column constraint create cross "
    " current_catalog current_date current_role current_schema current_time "
    " current_timestamp current_user default deferrable desc distinct do else end "
    " except false fetch for foreign freeze from full grant group having ilike in "
    " initially inner intersect into is isnull join leading left like limit "
    " localtime localtimestamp natural new not notnull null of off offset old on "
    " only or order outer over overlaps placing primary references returning right "
    " select session_user similar some symmetric table then to trailing true union "
    " unique user using variadic verbose when where window with ";

static bool sa_requires_quotes(const char *s)
{
	if (s[0] == '\0' || (s[0] >= '0' && s[0] <= '9') || s[0] == '$')
		return true;
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$'))
			return true; /* upper case, or not a legal character */
	}
	/* " word " in the space-separated list */
	size_t n = strlen(s);
	for (const char *p = strstr(sa_pg_reserved, s); p; p = strstr(p + 1, s))
		if (p[-1] == ' ' && p[n] == ' ')
			return true;
	return false;
}

static void sa_ident(struct strbuf *sb, const char *s)
{
	if (!sa_requires_quotes(s)) {
		sb_append(sb, s);
		return;
	}
	sb_putc(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			sb_putc(sb, '"');
		sb_putc(sb, *s);
	}
	sb_putc(sb, '"');
}

/* ---- client encoding ------------------------------------------------------ */

/*
 * What pg_dump writes first.  psql reads the rest of the file in the new
 * encoding (it follows the server's report), and the server converts
 * nothing: whatever the console's encoding, the names mean what they say.
 * Plain SET, not SET LOCAL: it must hold for the whole file, also before
 * BEGIN and under psql --single-transaction.
 */
static const char client_encoding_sql[] =
    "-- The names below are UTF-8, whatever the console's encoding: first of all\n"
    "SET client_encoding = 'UTF8';\n";

static bool has_non_ascii(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

/* ---- alembic stamp --sql ------------------------------------------------ */

void emit_stamp_sql_plain(const struct baseline_opts *o, struct strbuf *out)
{
	const char *table = version_table(o);
	const char *schema = version_table_schema(o);
	struct strbuf qt, pkc;
	sb_init(&qt);
	sb_init(&pkc);

	if (schema) {
		sa_ident(&qt, schema);
		sb_putc(&qt, '.');
	}
	sa_ident(&qt, table);
	sb_printf(&pkc, "%s_pkc", table);

	/*
	 * Alembic sets no client encoding; a version table named beyond ASCII
	 * would mean another name in the console's encoding, so only then the
	 * output starts with the SET Alembic leaves out.
	 */
	if (has_non_ascii(table) || has_non_ascii(schema) || has_non_ascii(o->rev))
		sb_append(out, client_encoding_sql);
	/* Alembic's CREATE TABLE has SQLAlchemy's trailing space after "NOT NULL,". */
	sb_append(out, "BEGIN;\n\nCREATE TABLE ");
	sb_append(out, qt.data);
	sb_append(out, " (\n    version_num VARCHAR(32) NOT NULL, \n    CONSTRAINT ");
	sa_ident(out, pkc.data);
	sb_append(out, " PRIMARY KEY (version_num)\n);\n\n");
	/* Two spaces: Alembic prints the empty "from" revision between them. */
	sb_append(out, "-- Running stamp_revision  -> ");
	quote_sql_comment_text(out, o->rev);
	sb_append(out, "\n\nINSERT INTO ");
	sb_append(out, qt.data);
	/*
	 * Alembic writes the revision between quotes as it is, without doubling
	 * a quote in it.  Valid ids (baseline_rev_valid) hold none; a quote is
	 * doubled here all the same, so the SQL stays valid whatever the id.
	 */
	sb_append(out, " (version_num) VALUES ('");
	for (const char *p = o->rev; *p; p++) {
		if (*p == '\'')
			sb_putc(out, '\'');
		sb_putc(out, *p);
	}
	sb_append(out, "') RETURNING ");
	sb_append(out, qt.data);
	sb_append(out, ".version_num;\n\nCOMMIT;\n\n");

	sb_free(&qt);
	sb_free(&pkc);
}

/* ---- the DBA's stamp file ------------------------------------------------ */

static const char *con_kind_label(enum con_kind k)
{
	switch (k) {
	case CON_PRIMARY:
		return "PRIMARY KEY";
	case CON_UNIQUE:
		return "UNIQUE";
	case CON_FOREIGN:
		return "FOREIGN KEY";
	case CON_CHECK:
		return "CHECK";
	case CON_EXCLUSION:
		return "EXCLUDE";
	}
	return "CHECK";
}

/* One row of the expected-objects VALUES list. */
static void expected_row(struct strbuf *b, bool *first, const char *kind, const struct table *t,
			 const char *name, const char *detail, const char *flag)
{
	sb_append(b, *first ? "        (" : ",\n        (");
	*first = false;
	quote_sql_literal(b, kind);
	sb_append(b, ", ");
	quote_sql_literal(b, t->h.schema);
	sb_append(b, ", ");
	quote_sql_literal(b, t->h.name);
	const char *rest[3] = {name, detail, flag};
	for (int i = 0; i < 3; i++) {
		sb_append(b, ", ");
		if (rest[i])
			quote_sql_literal(b, rest[i]);
		else
			sb_append(b, "NULL");
	}
	sb_putc(b, ')');
}

/* The VALUES rows describing every tracked table; returns how many tables. */
static int append_expected(const struct model *m, const struct baseline_opts *o, struct strbuf *b)
{
	bool first = true;
	int n = 0;

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!baseline_table_tracked(o, t))
			continue;
		n++;
		sb_append(b, first ? "        -- " : ",\n        -- ");
		comment_qualified(b, t->h.schema, t->h.name);
		sb_putc(b, '\n');
		/* The comma goes before the next row: a comment line sits between. */
		bool row_first = true;
		expected_row(b, &row_first, "table", t, NULL, NULL, NULL);
		for (size_t j = 0; j < t->columns.n; j++) {
			const struct column *c = t->columns.v[j];
			expected_row(b, &row_first, "column", t, c->name, c->type,
				     c->not_null ? "NOT NULL" : "nullable");
		}
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			expected_row(b, &row_first, "constraint", t, c->name,
				     con_kind_label(c->kind), NULL);
		}
		for (size_t j = 0; j < t->indexes.n; j++) {
			const struct index *ix = t->indexes.v[j];
			expected_row(b, &row_first, "index", t, ix->h.name,
				     ix->unique ? "unique" : "not unique", NULL);
		}
		first = false;
	}
	return n;
}

/*
 * The comparison: the live catalog is read into the same shape as the
 * expected rows (kind, table_schema, table_name, name, detail, flag) and
 * the two are joined.  Constraints PostgreSQL copies onto partitions and
 * inheritance children (conislocal false or a parent constraint) are not
 * reported when the dump does not list them; NOT NULL rows of newer
 * servers' pg_constraint are not constraints the model lists.
 */
static const char compare_sql[] =
    "    ),\n"
    "    tracked AS (\n"
    "        SELECT e.table_schema, e.table_name, c.oid AS relid\n"
    "          FROM expected e\n"
    "          LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = e.table_schema\n"
    "          LEFT JOIN pg_catalog.pg_class c\n"
    "                 ON c.relnamespace = n.oid AND c.relname = e.table_name\n"
    "                AND c.relkind IN ('r', 'p', 'f')\n"
    "         WHERE e.kind = 'table'\n"
    "    ),\n"
    "    live (kind, table_schema, table_name, name, detail, flag) AS (\n"
    "        SELECT 'table', t.table_schema, t.table_name, NULL, NULL, NULL\n"
    "          FROM tracked t\n"
    "         WHERE t.relid IS NOT NULL\n"
    "        UNION ALL\n"
    "        SELECT 'column', t.table_schema, t.table_name, a.attname::text,\n"
    "               pg_catalog.format_type(a.atttypid, a.atttypmod),\n"
    "               CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'nullable' END\n"
    "          FROM tracked t\n"
    "          JOIN pg_catalog.pg_attribute a ON a.attrelid = t.relid\n"
    "         WHERE a.attnum > 0 AND NOT a.attisdropped\n"
    "        UNION ALL\n"
    "        SELECT 'constraint', t.table_schema, t.table_name, con.conname::text,\n"
    "               CASE con.contype WHEN 'p' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE'\n"
    "                                WHEN 'f' THEN 'FOREIGN KEY' WHEN 'c' THEN 'CHECK'\n"
    "                                ELSE 'EXCLUDE' END,\n"
    "               CASE WHEN pg_catalog.bool_or(con.conislocal AND con.conparentid = 0)\n"
    "                    THEN NULL ELSE 'inherited' END\n"
    "          FROM tracked t\n"
    "          JOIN pg_catalog.pg_constraint con ON con.conrelid = t.relid\n"
    "         WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')\n"
    "         GROUP BY t.table_schema, t.table_name, con.conname, con.contype\n"
    "        UNION ALL\n"
    "        SELECT 'index', t.table_schema, t.table_name, ic.relname::text,\n"
    "               CASE WHEN i.indisunique THEN 'unique' ELSE 'not unique' END, NULL\n"
    "          FROM tracked t\n"
    "          JOIN pg_catalog.pg_index i ON i.indrelid = t.relid\n"
    "          JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid\n"
    "         WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con\n"
    "                            WHERE con.conindid = i.indexrelid\n"
    "                              AND con.conrelid = i.indrelid\n"
    "                              AND con.contype IN ('p', 'u', 'x'))\n"
    "    ),\n"
    "    compared AS (\n"
    "        SELECT coalesce(e.kind, l.kind) AS kind,\n"
    "               coalesce(e.table_schema, l.table_schema) AS table_schema,\n"
    "               coalesce(e.table_name, l.table_name) AS table_name,\n"
    "               coalesce(e.name, l.name) AS name,\n"
    "               e.detail AS dump_detail, l.detail AS live_detail,\n"
    "               e.flag AS dump_flag, l.flag AS live_flag,\n"
    "               e.kind IS NOT NULL AS in_dump, l.kind IS NOT NULL AS in_database\n"
    "          FROM expected e\n"
    "          FULL JOIN live l\n"
    "                 ON l.kind = e.kind AND l.table_schema = e.table_schema\n"
    "                AND l.table_name = e.table_name\n"
    "                AND l.name IS NOT DISTINCT FROM e.name\n"
    "    ),\n"
    "    problem_rows (table_schema, table_name, kind, name, problem) AS (\n"
    "        SELECT c.table_schema, c.table_name, c.kind, c.name, p.problem\n"
    "          FROM compared c\n"
    "          CROSS JOIN LATERAL pg_catalog.unnest(ARRAY[\n"
    "              CASE WHEN NOT c.in_database AND c.kind = 'table'\n"
    "                   THEN pg_catalog.format('table %I.%I: missing', c.table_schema, "
    "c.table_name)\n"
    "                   WHEN NOT c.in_database\n"
    "                   THEN pg_catalog.format('table %I.%I: %s %I: missing',\n"
    "                                          c.table_schema, c.table_name, c.kind, c.name)\n"
    "                   WHEN NOT c.in_dump AND c.live_flag = 'inherited' THEN NULL\n"
    "                   WHEN NOT c.in_dump AND c.kind = 'index'\n"
    "                   THEN pg_catalog.format('table %I.%I: index %I: not in the dump',\n"
    "                                          c.table_schema, c.table_name, c.name)\n"
    "                   WHEN NOT c.in_dump\n"
    "                   THEN pg_catalog.format('table %I.%I: %s %I (%s): not in the dump',\n"
    "                                          c.table_schema, c.table_name, c.kind, c.name,\n"
    "                                          c.live_detail)\n"
    "                   WHEN c.live_detail IS DISTINCT FROM c.dump_detail\n"
    "                   THEN pg_catalog.format('table %I.%I: %s %I: %s is %s, dump says %s',\n"
    "                                          c.table_schema, c.table_name, c.kind, c.name,\n"
    "                                          CASE c.kind WHEN 'column' THEN 'type'\n"
    "                                                      WHEN 'index' THEN 'uniqueness'\n"
    "                                                      ELSE 'kind' END,\n"
    "                                          c.live_detail, c.dump_detail)\n"
    "              END,\n"
    "              CASE WHEN c.in_database AND c.in_dump AND c.kind = 'column'\n"
    "                        AND c.live_flag IS DISTINCT FROM c.dump_flag\n"
    "                   THEN pg_catalog.format('table %I.%I: column %I: %s, dump says %s',\n"
    "                                          c.table_schema, c.table_name, c.name,\n"
    "                                          c.live_flag, c.dump_flag)\n"
    "              END]) AS p(problem)\n"
    "         WHERE p.problem IS NOT NULL\n"
    "           -- what a missing table holds is not listed again\n"
    "           AND (c.kind = 'table' OR (c.table_schema, c.table_name) IN\n"
    "                (SELECT table_schema, table_name FROM tracked WHERE relid IS NOT NULL))\n"
    "        UNION ALL\n"
    "        -- A table the database has and the dump does not: not what the dump\n"
    "        -- says.  Not counted: system schemas, extensions' own tables, the\n"
    "        -- version table, and what -n/-N/-t/-T and --untracked leave out.\n"
    "        SELECT n.nspname::text, c.relname::text, 'table', NULL,\n"
    "               pg_catalog.format('table %I.%I: not in the dump', n.nspname, c.relname)\n"
    "          FROM pg_catalog.pg_class c\n"
    "          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    "         WHERE c.relkind IN ('r', 'p', 'f')\n"
    "           AND n.nspname <> 'information_schema'\n"
    "           AND NOT pg_catalog.starts_with(n.nspname, 'pg_')\n"
    "           AND c.oid IS DISTINCT FROM version_table\n"
    "           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d\n"
    "                            WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass\n"
    "                              AND d.objid = c.oid AND d.deptype = 'e')\n"
    "           AND NOT EXISTS (SELECT 1 FROM expected e\n"
    "                            WHERE e.kind = 'table' AND e.table_schema = n.nspname\n"
    "                              AND e.table_name = c.relname)\n";

/* The end of the comparison, after the conditions on extra tables. */
static const char compare_end_sql[] =
    "    )\n"
    "    SELECT pg_catalog.array_agg(r.problem ORDER BY r.table_schema, r.table_name,\n"
    "               pg_catalog.array_position(ARRAY['table', 'column', 'constraint', "
    "'index'], r.kind),\n"
    "               r.name, r.problem)\n"
    "      INTO problems\n"
    "      FROM problem_rows r;\n";

/* Comment lines naming the tables the check leaves out, wrapped. */
static void append_untracked_comment(const struct model *m, const struct baseline_opts *o,
				     struct strbuf *out)
{
	int untracked = 0, excluded = 0;
	size_t col = 0;

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included) {
			excluded++;
			continue;
		}
		if (baseline_table_tracked(o, t))
			continue;
		if (untracked++ == 0) {
			sb_append(
			    out, "--\n-- Not checked, not managed by Alembic (--untracked):\n--  ");
			col = 4;
		}
		struct strbuf name;
		sb_init(&name);
		comment_qualified(&name, t->h.schema, t->h.name);
		if (col > 4 && col + name.len + 1 > 78) {
			sb_append(out, "\n--  ");
			col = 4;
		}
		sb_putc(out, ' ');
		sb_append(out, name.data);
		col += name.len + 1;
		sb_free(&name);
	}
	if (untracked)
		sb_putc(out, '\n');
	if (excluded)
		sb_printf(
		    out,
		    "--\n-- Not checked either: %d table%s of the dump left out of the baseline\n"
		    "-- by -n/-N/-t/-T.\n",
		    excluded, excluded == 1 ? "" : "s");
}

/*
 * The dollar-quote tag for a block: $pgb$ unless the block's text holds it
 * (a name from the dump could), then $pgb1$, $pgb2$...  Deterministic.
 */
static void choose_dollar_tag(const char *body, char *tag, size_t size)
{
	snprintf(tag, size, "$pgb$");
	for (unsigned i = 1; strstr(body, tag) != NULL; i++)
		snprintf(tag, size, "$pgb%u$", i);
}

static void append_do_block(struct strbuf *out, const char *body)
{
	char tag[32];
	choose_dollar_tag(body, tag, sizeof(tag));
	sb_printf(out, "DO %s\n", tag);
	sb_append(out, body);
	sb_printf(out, "%s;\n", tag);
}

/* The guard on the version table: its schema exists, and it holds no other revision. */
static void append_version_guard(const struct baseline_opts *o, struct strbuf *b)
{
	const char *table = version_table(o);
	const char *schema = version_table_schema(o);

	if (schema) {
		sb_append(
		    b, "    -- The version table's schema must exist: Alembic does not create it.\n"
		       "    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ");
		quote_sql_literal(b, schema);
		sb_append(b,
			  ") THEN\n"
			  "        RAISE EXCEPTION USING\n"
			  "            MESSAGE = pg_catalog.format('pgbaseline: schema %I for the "
			  "version table does not exist', ");
		quote_sql_literal(b, schema);
		sb_append(
		    b, "),\n"
		       "            HINT = 'Nothing was changed.  Create the schema, then run this "
		       "file again.';\n"
		       "    END IF;\n\n");
	}
	sb_append(b, "    -- A version table that holds another revision means Alembic already\n"
		     "    -- tracks this database: leave it alone.\n"
		     "    IF pg_catalog.to_regclass(");
	sql_regclass_literal(b, schema, table);
	sb_append(
	    b, ") IS NOT NULL THEN\n"
	       "        SELECT pg_catalog.string_agg(pg_catalog.quote_literal(version_num), ', '\n"
	       "                                     ORDER BY version_num)\n"
	       "          INTO other_revisions\n"
	       "          FROM ");
	sql_qualified(b, schema, table);
	sb_append(b, "\n         WHERE version_num <> ");
	quote_sql_literal(b, o->rev);
	sb_append(b,
		  ";\n"
		  "        IF other_revisions IS NOT NULL THEN\n"
		  "            RAISE EXCEPTION USING\n"
		  "                MESSAGE = pg_catalog.format('pgbaseline: the version table %s "
		  "already records revision %s, not %s: this database is already tracked by "
		  "Alembic',\n"
		  "                                            ");
	sql_regclass_literal(b, schema, table);
	sb_append(b, ", other_revisions, pg_catalog.quote_literal(");
	quote_sql_literal(b, o->rev);
	sb_append(b,
		  ")),\n"
		  "                HINT = 'Nothing was changed.  See alembic current and alembic "
		  "history; alembic stamp moves the recorded revision.';\n"
		  "        END IF;\n"
		  "        IF EXISTS (SELECT 1 FROM ");
	sql_qualified(b, schema, table);
	sb_append(b, " WHERE version_num = ");
	quote_sql_literal(b, o->rev);
	sb_append(b, ") THEN\n"
		     "            RAISE NOTICE 'pgbaseline: revision % is already recorded; "
		     "checking the schema again, nothing else changes', ");
	quote_sql_literal(b, o->rev);
	sb_append(b, ";\n"
		     "        END IF;\n"
		     "    END IF;\n\n");
}

static void append_check_block(const struct model *m, const struct baseline_opts *o,
			       struct strbuf *out)
{
	struct strbuf b, rows;
	sb_init(&b);
	sb_init(&rows);

	int n_tables = append_expected(m, o, &rows);

	sb_append(&b, "DECLARE\n"
		      "    saved_search_path text := pg_catalog.current_setting('search_path');\n"
		      "    other_revisions text;\n"
		      "    -- Alembic's version table, found as Alembic finds it, if it exists\n"
		      "    version_table oid := pg_catalog.to_regclass(");
	sql_regclass_literal(&b, version_table_schema(o), version_table(o));
	sb_append(&b, ");\n"
		      "    problems text[];\n"
		      "    report text;\n"
		      "BEGIN\n");
	append_version_guard(o, &b);

	if (n_tables == 0) {
		/* Nothing to compare would let any database through: record it on none. */
		sb_append(
		    &b, "    -- No tracked table: nothing to check, so no database may record it.\n"
			"    RAISE EXCEPTION USING\n"
			"        MESSAGE = pg_catalog.format('pgbaseline: baseline revision %s "
			"tracks no table, so it checks nothing; it is recorded on no database', ");
		quote_sql_literal(&b, o->rev);
		sb_append(
		    &b, "),\n"
			"        HINT = 'Nothing was changed.  Take the baseline from a dump that "
			"holds the schema.';\n");
	} else {
		sb_append(
		    &b,
		    "    -- The tracked tables compared with the dump, and the database's other\n"
		    "    -- tables looked for.  Types are read with format_type() under an empty\n"
		    "    -- search_path (as SET LOCAL search_path = '' would, until the end of\n"
		    "    -- this block): built-in types bare, all others schema-qualified, as the\n"
		    "    -- dump's model writes them.\n"
		    "    PERFORM pg_catalog.set_config('search_path', '', true);\n\n"
		    "    WITH expected (kind, table_schema, table_name, name, detail, flag) AS "
		    "(VALUES\n");
		sb_append(&b, rows.data);
		sb_putc(&b, '\n');
		sb_append(&b, compare_sql);
		if (o->filter != NULL && !filter_is_empty(o->filter)) {
			sb_append(&b, "           AND ");
			filter_sql_included(o->filter, "n.nspname", "c.relname", &b);
			sb_putc(&b, '\n');
		}
		if (o->untracked != NULL && !filter_is_empty(o->untracked)) {
			sb_append(&b, "           AND NOT ");
			filter_sql_included(o->untracked, "n.nspname", "c.relname", &b);
			sb_putc(&b, '\n');
		}
		sb_append(&b, compare_end_sql);
		sb_append(&b,
			  "\n    PERFORM pg_catalog.set_config('search_path', saved_search_path, "
			  "true);\n\n"
			  "    IF pg_catalog.cardinality(problems) > 0 THEN\n");
		sb_printf(
		    &b,
		    "        report := pg_catalog.array_to_string(problems[1:%d],\n"
		    "                                             pg_catalog.chr(10) || '  ');\n"
		    "        IF pg_catalog.cardinality(problems) > %d THEN\n"
		    "            report := report || pg_catalog.chr(10)\n"
		    "                      || pg_catalog.format('  ... and %%s more',\n"
		    "                                           "
		    "pg_catalog.cardinality(problems) - %d);\n"
		    "        END IF;\n",
		    STAMP_MAX_SHOWN, STAMP_MAX_SHOWN, STAMP_MAX_SHOWN);
		sb_append(&b, "        RAISE EXCEPTION USING\n"
			      "            MESSAGE = pg_catalog.format('pgbaseline: this database "
			      "does not match baseline revision %s (%s difference%s):%s  %s',\n"
			      "                                        ");
		quote_sql_literal(&b, o->rev);
		sb_append(&b,
			  ", pg_catalog.cardinality(problems),\n"
			  "                                        CASE WHEN "
			  "pg_catalog.cardinality(problems) = 1 THEN '' ELSE 's' END,\n"
			  "                                        pg_catalog.chr(10), report),\n"
			  "            HINT = 'Nothing was changed.  Bring the database in line "
			  "with the dump, or take the baseline from a fresh dump of this "
			  "database, then run this file again.';\n"
			  "    END IF;\n");
	}
	sb_append(&b, "END\n");

	append_do_block(out, b.data);
	sb_free(&b);
	sb_free(&rows);
}

void emit_stamp_sql_checked(const struct model *m, const struct baseline_opts *o,
			    struct strbuf *out)
{
	const char *table = version_table(o);
	const char *schema = version_table_schema(o);
	int tracked = 0;
	for (size_t i = 0; i < m->tables.n; i++)
		if (baseline_table_tracked(o, m->tables.v[i]))
			tracked++;

	/* Before any byte beyond ASCII, which names and file names may hold. */
	sb_append(out, client_encoding_sql);
	sb_append(out, "\n-- Alembic baseline stamp: revision ");
	quote_sql_comment_text(out, o->rev);
	sb_append(out, "\n-- Written by pgbaseline " PGB_VERSION);
	if (o->n_dumps > 0) {
		sb_append(out, " from");
		for (int i = 0; i < o->n_dumps; i++) {
			sb_append(out, i ? ", " : " ");
			quote_sql_comment_text(out, o->dump_names[i]);
		}
	}
	sb_append(out,
		  ".\n"
		  "--\n"
		  "-- Records that this database is at the baseline revision without running\n"
		  "-- it: the schema is already there (restored from the dump, or the database\n"
		  "-- the dump was taken from).  Run it once, as a role that may create the\n"
		  "-- version table:\n"
		  "--\n"
		  "--     psql -v ON_ERROR_STOP=1 -d DBNAME -f ");
	quote_sql_comment_text(out, o->rev);
	sb_append(out, "_stamp.sql\n"
		       "--\n"
		       "-- One transaction; nothing changes unless every step succeeds:\n"
		       "--   1. Pre-flight check.  If the version table already holds another\n"
		       "--      revision, Alembic already tracks this database: stop.  Then the\n");
	sb_printf(out, "--      %d tracked table%s compared with the dump: columns (type,\n",
		  tracked, tracked == 1 ? " is" : "s are");
	sb_append(out,
		  "--      NOT NULL), constraints (primary key, unique, foreign key, check,\n"
		  "--      exclusion; by name and kind) and indexes (by name and uniqueness),\n"
		  "--      and any other table of the database is looked for (one the dump\n"
		  "--      does not have, outside --untracked and -n/-N/-t/-T, is a difference).\n"
		  "--      Any difference aborts with the list of what differs.\n"
		  "--   2. Alembic's version table, as `alembic stamp` creates it:\n"
		  "--      ");
	comment_qualified(out, schema, table);
	sb_append(out, ".\n--   3. The revision, recorded unless it already is.\n"
		       "-- Running this file again changes nothing.\n");
	append_untracked_comment(m, o, out);

	sb_append(out, "\nBEGIN;\n\n"
		       "-- The literals below are written for standard_conforming_strings = on.\n"
		       "SET LOCAL standard_conforming_strings = on;\n\n"
		       "-- 1. Pre-flight check\n");
	append_check_block(m, o, out);

	sb_append(out, "\n-- 2. Alembic's version table\n"
		       "CREATE TABLE IF NOT EXISTS ");
	sql_qualified(out, schema, table);
	sb_append(out, " (\n    version_num VARCHAR(32) NOT NULL,\n    CONSTRAINT ");
	struct strbuf pkc;
	sb_init(&pkc);
	sb_printf(&pkc, "%s_pkc", table);
	quote_sql_ident(out, pkc.data);
	sb_free(&pkc);
	sb_append(out, " PRIMARY KEY (version_num)\n);\n\n"
		       "-- 3. The baseline revision, once\n"
		       "INSERT INTO ");
	sql_qualified(out, schema, table);
	sb_append(out, " (version_num)\nSELECT ");
	quote_sql_literal(out, o->rev);
	sb_append(out, "\n WHERE NOT EXISTS (SELECT 1 FROM ");
	sql_qualified(out, schema, table);
	sb_append(out, " WHERE version_num = ");
	quote_sql_literal(out, o->rev);
	sb_append(out, ");\n\nCOMMIT;\n");
}

int emit_stamp_sql(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	struct strbuf sb;
	sb_init(&sb);
	emit_stamp_sql_checked(m, opts->baseline, &sb);
	sink_write(out, sb.data, sb.len);
	sb_free(&sb);
	return sink_finish(out);
}
