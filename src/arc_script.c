/*
 * arc_script.c
 *	  The script `pg_restore -f - ARCHIVE` would print, made from the TOC
 *	  entries alone as pg_backup_archiver.c's RestoreArchive makes it
 *	  (the names in the comments are its functions): the header comment
 *	  of each object, its definition and owner, search_path, tablespace
 *	  and access method settings, and the ACLs in a pass of their own.
 *	  COPY statements are printed with no rows.
 */
#include "pgarchive_int.h"

#include "textquote.h"

#include <string.h>

/* ---- The script pg_restore would print ------------------------------------ */

/* A query pg_restore sends on its own starts here (ahprintf in RestoreArchive's db mode). */
static void cut(struct strbuf *sb, struct arc_cuts *cuts, const struct arc_entry *e)
{
	if (cuts->n == cuts->cap) {
		cuts->cap = cuts->cap ? cuts->cap * 2 : 64;
		cuts->v = xrealloc(cuts->v, cuts->cap * sizeof(*cuts->v));
	}
	cuts->v[cuts->n++] = (struct arc_cut){.off = sb->len, .e = e};
}

/* sanitize_line: a header comment must stay on one line; NULL is "-". */
static void put_comment_field(struct strbuf *sb, const char *s, bool want_hyphen)
{
	if (s == NULL) {
		sb_append(sb, want_hyphen ? "-" : "");
		return;
	}
	for (const char *p = s; *p; p++)
		sb_putc(sb, *p == '\n' || *p == '\r' ? ' ' : *p);
}

static bool desc_in(const char *desc, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(desc, *list) == 0)
			return true;
	return false;
}

/* _getObjectDescription: what follows ALTER in ALTER ... OWNER TO; false if not ownable. */
static bool object_description(struct strbuf *sb, const struct arc_entry *e)
{
	static const char *const plain[] = {"COLLATION",
					    "CONVERSION",
					    "DOMAIN",
					    "FOREIGN TABLE",
					    "MATERIALIZED VIEW",
					    "SEQUENCE",
					    "STATISTICS",
					    "TABLE",
					    "TEXT SEARCH DICTIONARY",
					    "TEXT SEARCH CONFIGURATION",
					    "TYPE",
					    "VIEW",
					    "DATABASE",
					    "PROCEDURAL LANGUAGE",
					    "SCHEMA",
					    "EVENT TRIGGER",
					    "FOREIGN DATA WRAPPER",
					    "SERVER",
					    "PUBLICATION",
					    "SUBSCRIPTION",
					    NULL};
	static const char *const from_drop[] = {
	    "AGGREGATE",       "FUNCTION",  "OPERATOR", "OPERATOR CLASS",
	    "OPERATOR FAMILY", "PROCEDURE", NULL};

	if (desc_in(e->desc, plain)) {
		/* pg_restore says ALTER TABLE for these, as the plain dump does. */
		bool as_table = strcmp(e->desc, "VIEW") == 0 || strcmp(e->desc, "SEQUENCE") == 0 ||
				strcmp(e->desc, "MATERIALIZED VIEW") == 0;
		sb_printf(sb, "%s ", as_table ? "TABLE" : e->desc);
		if (e->namespace && e->namespace[0]) {
			quote_sql_ident(sb, e->namespace);
			sb_putc(sb, '.');
		}
		quote_sql_ident(sb, e->tag);
		return true;
	}
	/* The signature is exactly what the DROP statement names. */
	if (desc_in(e->desc, from_drop) && strncmp(e->drop_stmt, "DROP ", 5) == 0) {
		size_t n = strlen(e->drop_stmt + 5);
		while (n > 0 && (e->drop_stmt[5 + n - 1] == '\n' || e->drop_stmt[5 + n - 1] == ';'))
			n--;
		sb_append_len(sb, e->drop_stmt + 5, n);
		return true;
	}
	return false;
}

/* _printTocEntry: the header comment, the definition, the owner. */
static void print_entry(struct strbuf *sb, struct arc_cuts *cuts, const struct arc_entry *e,
			bool is_data)
{
	cut(sb, cuts, e);
	sb_append(sb, "--\n-- ");
	sb_append(sb, is_data ? "Data for Name: " : "Name: ");
	put_comment_field(sb, e->tag, false);
	sb_printf(sb, "; Type: %s; Schema: ", e->desc);
	put_comment_field(sb, e->namespace, true);
	sb_append(sb, "; Owner: ");
	put_comment_field(sb, e->owner, true);
	sb_append(sb, "\n--\n\n");
	if (is_data)
		return;
	if (e->defn && e->defn[0])
		sb_printf(sb, "%s\n\n", e->defn);

	/* Only objects with a DROP statement are separately owned. */
	if (e->owner && e->owner[0] && e->drop_stmt && e->drop_stmt[0]) {
		struct strbuf what;
		sb_init(&what);
		if (object_description(&what, e)) {
			cut(sb, cuts, e);
			sb_printf(sb, "ALTER %s OWNER TO ", what.data);
			quote_sql_ident(sb, e->owner);
			sb_append(sb, ";\n\n");
		}
		sb_free(&what);
	}
}

/* What the script has set so far, so a SET is printed only on a change. */
struct restore_state {
	const char *schema;
	const char *tablespace;
	const char *tableam;
};

/* _selectOutputSchema: only archives without a SEARCHPATH entry (pg_dump < 10.3). */
static void select_schema(struct strbuf *sb, struct arc_cuts *cuts, const struct pgarchive *ar,
			  const char *ns, struct restore_state *rs)
{
	if (ar->search_path || ns == NULL || ns[0] == '\0' ||
	    (rs->schema && strcmp(rs->schema, ns) == 0))
		return;
	cut(sb, cuts, NULL);
	sb_append(sb, "SET search_path = ");
	quote_sql_ident(sb, ns);
	if (strcmp(ns, "pg_catalog") != 0)
		sb_append(sb, ", pg_catalog");
	sb_append(sb, ";\n\n");
	rs->schema = ns;
}

/*
 * _selectTablespace and _selectTableAccessMethod.  The builder ignores
 * both settings; they are printed so the script's lines stay those of
 * pg_restore's output, which messages refer to.
 */
static void select_storage(struct strbuf *sb, struct arc_cuts *cuts, const struct arc_entry *e,
			   struct restore_state *rs)
{
	if (e->tablespace && !(rs->tablespace && strcmp(rs->tablespace, e->tablespace) == 0)) {
		cut(sb, cuts, NULL);
		sb_append(sb, "SET default_tablespace = ");
		if (e->tablespace[0] == '\0')
			sb_append(sb, "''");
		else
			quote_sql_ident(sb, e->tablespace);
		sb_append(sb, ";\n\n");
		rs->tablespace = e->tablespace;
	}
	if (e->tableam && !(rs->tableam && strcmp(rs->tableam, e->tableam) == 0)) {
		cut(sb, cuts, NULL);
		sb_append(sb, "SET default_table_access_method = ");
		quote_sql_ident(sb, e->tableam);
		sb_append(sb, ";\n\n");
		rs->tableam = e->tableam;
	}
}

/* _tocEntryRequired without options: what a plain restore prints at all. */
static bool entry_wanted(const struct arc_entry *e)
{
	static const char *const never[] = {"ENCODING", "STDSTRINGS",	       "SEARCHPATH",
					    "DATABASE", "DATABASE PROPERTIES", NULL};
	static const char *const db_props[] = {"ACL", "COMMENT", "SECURITY LABEL", NULL};

	if (desc_in(e->desc, never))
		return false;
	/* Properties of the database itself are restored with --create only. */
	if (desc_in(e->desc, db_props) && strncmp(e->tag, "DATABASE ", 9) == 0)
		return false;
	return true;
}

/* _tocEntryRestorePass: ACLs after everything, then event triggers and matview data. */
static int restore_pass(const struct arc_entry *e)
{
	static const char *const acl[] = {"ACL", "ACL LANGUAGE", "DEFAULT ACL", NULL};
	static const char *const post_acl[] = {"EVENT TRIGGER", "MATERIALIZED VIEW DATA", NULL};

	if (desc_in(e->desc, acl))
		return 1;
	if (desc_in(e->desc, post_acl))
		return 2;
	if ((strcmp(e->desc, "COMMENT") == 0 || strcmp(e->desc, "SECURITY LABEL") == 0) &&
	    strncmp(e->tag, "EVENT TRIGGER ", 14) == 0)
		return 2;
	return 0;
}

/* restore_toc_entry: the schema part, then COPY ... FROM stdin with no rows. */
static void restore_entry(struct strbuf *sb, struct arc_cuts *cuts, const struct pgarchive *ar,
			  const struct arc_entry *e, struct restore_state *rs)
{
	bool schema = e->defn && e->defn[0] && strncmp(e->defn, "-- load via partition root ", 27);

	if (schema) {
		select_schema(sb, cuts, ar, e->namespace, rs);
		select_storage(sb, cuts, e, rs);
		print_entry(sb, cuts, e, false);
	}
	if (!e->had_dumper || strcmp(e->desc, "TABLE DATA") != 0)
		return;
	select_schema(sb, cuts, ar, e->namespace, rs);
	select_storage(sb, cuts, e, rs);
	print_entry(sb, cuts, e, true);
	if (e->copy_stmt && e->copy_stmt[0]) {
		/* The rows were counted apart; the splitter sees an empty COPY. */
		cut(sb, cuts, e);
		sb_printf(sb, "%s\\.\n\n\n", e->copy_stmt);
	}
}

/* processStdStringsEntry: the entry's SQL ends in 'on' or 'off'. */
static bool std_strings_on(const struct pgarchive *ar)
{
	const char *q = ar->std_strings ? strchr(ar->std_strings, '\'') : NULL;
	return q == NULL || strncmp(q, "'off'", 5) != 0;
}

/*
 * RestoreArchive's text output.  Current pg_restore versions put a
 * `\restrict KEY` line after the banner; a fixed key keeps our lines
 * numbered as theirs.
 */
void arc_render_script(const struct pgarchive *ar, struct strbuf *sb, struct arc_cuts *cuts)
{
	struct restore_state rs = {0};
	bool std_on = std_strings_on(ar);

	cut(sb, cuts, NULL);

	sb_append(sb, "--\n-- PostgreSQL database dump\n--\n\n\\restrict pgbaseline\n\n");
	if (ar->server_version)
		sb_printf(sb, "-- Dumped from database version %s\n", ar->server_version);
	if (ar->dump_version)
		sb_printf(sb, "-- Dumped by pg_dump version %s\n", ar->dump_version);
	/* _doSetFixedOutputState */
	sb_append(sb, "\nSET statement_timeout = 0;\nSET lock_timeout = 0;\n"
		      "SET idle_in_transaction_session_timeout = 0;\n");
	/* The ENCODING and SEARCHPATH entries' SQL is the archive's: a query of its own each. */
	cut(sb, cuts, NULL);
	if (ar->encoding)
		sb_append(sb, ar->encoding);
	cut(sb, cuts, NULL);
	sb_printf(sb, "SET standard_conforming_strings = %s;\n", std_on ? "on" : "off");
	cut(sb, cuts, NULL);
	if (ar->search_path)
		sb_append(sb, ar->search_path);
	cut(sb, cuts, NULL);
	sb_append(sb, "SET check_function_bodies = false;\nSET xmloption = content;\n"
		      "SET client_min_messages = warning;\n");
	if (!std_on)
		sb_append(sb, "SET escape_string_warning = off;\n");
	sb_append(sb, "SET row_security = off;\n\n");

	for (int pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < ar->entries.n; i++) {
			const struct arc_entry *e = ar->entries.v[i];
			if (entry_wanted(e) && restore_pass(e) == pass)
				restore_entry(sb, cuts, ar, e, &rs);
		}
	}
	cut(sb, cuts, NULL);
	sb_append(sb,
		  "--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict pgbaseline\n\n");
}
