/*
 * build_db.c
 *	  Database sections: pg_dumpall output (and pg_dump -C output) holds
 *	  psql `\connect DBNAME` lines, and every statement after one belongs
 *	  to that database until the next.  Statements before the first
 *	  `\connect` are the cluster's globals (CREATE ROLE, ALTER ROLE, CREATE
 *	  TABLESPACE, or pg_dump -C's CREATE DATABASE) and always apply.
 *
 *	  The model describes one database, so only one section is applied:
 *	  the one --dbname names, or the only one there is.  Without --dbname a
 *	  dump with several databases is refused at the end, naming them all,
 *	  since which one was meant cannot be guessed.
 *
 *	  The `\connect` argument is read the way psql reads it: 'single'
 *	  quotes with backslash escapes, "double" quotes (removed, "" is one
 *	  quote), `-` for the same database, `-reuse-previous=on|off`, and a
 *	  connection string (dbname='x' ... or a postgresql:// URI) in place of
 *	  the name, which newer pg_dumpall writes for names that need quoting.
 */
#include "build_int.h"
#include "strmap.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the \connect argument ------------------------------------------------ */

/* The command word of a meta-command line: "connect" for "\connect x". */
static bool is_connect_command(const char *line, const char **args)
{
	if (line[0] != '\\')
		return false;
	size_t n = strcspn(line + 1, " \t\r\n");
	if (!((n == 1 && line[1] == 'c') || (n == 7 && strncmp(line + 1, "connect", 7) == 0)))
		return false;
	*args = line + 1 + n;
	return true;
}

/* One psql escape in a single-quoted argument (\n \t \b \r \f, octal, hex); *p is past the '\'. */
static char quoted_escape(const char **p)
{
	const char *s = *p;
	char c = *s++;
	int v = 0, digits = 0;

	switch (c) {
	case 'n':
		c = '\n';
		break;
	case 't':
		c = '\t';
		break;
	case 'b':
		c = '\b';
		break;
	case 'r':
		c = '\r';
		break;
	case 'f':
		c = '\f';
		break;
	case 'x':
		while (digits < 2 && isxdigit((unsigned char)*s)) {
			v = v * 16 +
			    (isdigit((unsigned char)*s) ? *s - '0' : tolower(*s) - 'a' + 10);
			s++;
			digits++;
		}
		c = digits ? (char)v : 'x';
		break;
	default:
		if (c >= '0' && c <= '7') {
			v = c - '0';
			while (digits < 2 && *s >= '0' && *s <= '7') {
				v = v * 8 + (*s++ - '0');
				digits++;
			}
			c = (char)v;
		}
		break;
	}
	*p = s;
	return c;
}

/*
 * The next whitespace-separated argument of a meta-command, with psql's
 * quoting undone, into `out`.  Returns 1 for an argument, 0 at the end,
 * -1 for what only a live psql could expand (`backquotes`).  A :variable
 * is kept as written, as psql keeps one that is not set; dumps set none.
 */
static int next_arg(const char **pp, struct strbuf *out)
{
	const char *p = *pp;

	sb_reset(out);
	sb_append(out, "");
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (*p == '\0') {
		*pp = p;
		return 0;
	}
	while (*p && !(*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
		if (*p == '`')
			return -1;
		if (*p == '\'') {
			for (p++; *p; p++) {
				if (*p == '\'' && p[1] == '\'') {
					sb_putc(out, '\'');
					p++;
				} else if (*p == '\'') {
					break;
				} else if (*p == '\\' && p[1]) {
					p++;
					sb_putc(out, quoted_escape(&p));
					p--;
				} else {
					sb_putc(out, *p);
				}
			}
			if (*p)
				p++;
		} else if (*p == '"') {
			for (p++; *p; p++) {
				if (*p == '"' && p[1] == '"')
					sb_putc(out, *p++);
				else if (*p == '"')
					break;
				else
					sb_putc(out, *p);
			}
			if (*p)
				p++;
		} else {
			sb_putc(out, *p++);
		}
	}
	*pp = p;
	return 1;
}

/* A libpq keyword=value value: 'quoted' with backslash escapes, or bare up to a space. */
static const char *conninfo_value(const char *p, struct strbuf *out)
{
	sb_reset(out);
	sb_append(out, "");
	if (*p == '\'') {
		for (p++; *p && *p != '\''; p++) {
			if (*p == '\\' && p[1])
				p++;
			sb_putc(out, *p);
		}
		return *p ? p + 1 : p;
	}
	for (; *p && !isspace((unsigned char)*p); p++) {
		if (*p == '\\' && p[1])
			p++;
		sb_putc(out, *p);
	}
	return p;
}

/* dbname from "host=h dbname='x y' user=u"; false when there is none. */
static bool conninfo_dbname(const char *p, struct strbuf *db)
{
	struct strbuf val;
	bool found = false;

	sb_init(&val);
	while (*p) {
		while (isspace((unsigned char)*p))
			p++;
		const char *key = p;
		while (*p && *p != '=' && !isspace((unsigned char)*p))
			p++;
		size_t klen = (size_t)(p - key);
		while (isspace((unsigned char)*p))
			p++;
		if (*p != '=')
			break;
		p++;
		while (isspace((unsigned char)*p))
			p++;
		p = conninfo_value(p, &val);
		if (klen == 6 && strncmp(key, "dbname", 6) == 0) {
			sb_reset(db);
			sb_append(db, val.data);
			found = true;
		}
	}
	sb_free(&val);
	return found;
}

static int hexval(char c)
{
	return isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10;
}

/* The path of "postgresql://user@host:5432/dbname?opts", %-decoded; false when empty. */
static bool uri_dbname(const char *uri, struct strbuf *db)
{
	const char *p = strstr(uri, "://") + 3;
	p += strcspn(p, "/?");
	if (*p != '/')
		return false;
	sb_reset(db);
	sb_append(db, "");
	for (p++; *p && *p != '?'; p++) {
		if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
			sb_putc(db, (char)(hexval(p[1]) * 16 + hexval(p[2])));
			p += 2;
		} else {
			sb_putc(db, *p);
		}
	}
	return db->len > 0;
}

enum connect_target build_parse_connect(const char *line, char **dbname)
{
	const char *p;
	struct strbuf arg;
	enum connect_target t = CONNECT_SAME;
	int rc;

	*dbname = NULL;
	if (!is_connect_command(line, &p))
		return CONNECT_NOT;
	sb_init(&arg);
	rc = next_arg(&p, &arg);
	/* -reuse-previous only says which other settings carry over. */
	if (rc > 0 && strncmp(arg.data, "-reuse-previous", 15) == 0)
		rc = next_arg(&p, &arg);
	if (rc < 0) {
		t = CONNECT_UNKNOWN;
	} else if (rc == 0 || strcmp(arg.data, "-") == 0 || arg.data[0] == '\0') {
		t = CONNECT_SAME;
	} else if (strncmp(arg.data, "postgresql://", 13) == 0 ||
		   strncmp(arg.data, "postgres://", 11) == 0) {
		struct strbuf db;
		sb_init(&db);
		t = uri_dbname(arg.data, &db) ? CONNECT_DB : CONNECT_SAME;
		if (t == CONNECT_DB)
			*dbname = sb_steal(&db);
		sb_free(&db);
	} else if (strchr(arg.data, '=') != NULL) {
		struct strbuf db;
		sb_init(&db);
		t = conninfo_dbname(arg.data, &db) ? CONNECT_DB : CONNECT_SAME;
		if (t == CONNECT_DB)
			*dbname = sb_steal(&db);
		sb_free(&db);
	} else {
		t = CONNECT_DB;
		*dbname = sb_steal(&arg);
	}
	sb_free(&arg);
	return t;
}

/* ---- sections ------------------------------------------------------------- */

struct sections {
	const char *want;     /* --dbname, or NULL */
	const char *current;  /* database of the section being read; NULL in the globals */
	struct ptrvec names;  /* char *: each database once, in dump order */
	struct strmap *index; /* names, hashed once many (strmap_list_find) */
};

static const char *database_name(const void *name)
{
	return name;
}

/* A lookup per \connect: hashed, or a million of them would be quadratic. */
static const char *note_database(struct sections *s, char *name)
{
	const char *had = strmap_list_find(&s->index, &s->names, database_name, name);
	if (had != NULL) {
		free(name);
		return had;
	}
	ptrvec_push(&s->names, name);
	strmap_list_added(s->index, name, name);
	return name;
}

static void follow_connect(struct builder *b, struct sections *s, const struct stmt *st)
{
	char *name;

	switch (build_parse_connect(st->text, &name)) {
	case CONNECT_NOT:
	case CONNECT_SAME:
		break;
	case CONNECT_DB:
		s->current = note_database(s, name);
		break;
	case CONNECT_UNKNOWN:
		diag_warn((struct loc){b->file, st->line, st->col},
			  "cannot tell which database \"%s\" connects to; the statements after "
			  "it stay with the database before it",
			  st->text);
		break;
	}
}

/*
 * The globals apply always.  Without --dbname the first database applies:
 * when it is the only one, that is the dump; when it is not, the run is
 * refused at the end anyway.
 */
static bool section_applies(const struct sections *s)
{
	if (s->current == NULL)
		return true;
	if (s->want)
		return strcmp(s->current, s->want) == 0;
	return s->current == s->names.v[0];
}

/*
 * A statement of a database that is not modelled is not parsed, but the
 * splitter still needs `SET standard_conforming_strings` to cut the rest
 * of the dump where psql would.
 */
static void skip_statement(struct builder *b, const struct stmt *st)
{
	static const char set[] = "SET standard_conforming_strings";
	const char *p = st->text;

	if (strncasecmp(p, set, sizeof(set) - 1) != 0)
		return;
	p += sizeof(set) - 1;
	p += strspn(p, " \t\n=");
	if (strncasecmp(p, "TO", 2) == 0)
		p += 2 + strspn(p + 2, " \t\n");
	if (*p == '\'')
		p++;
	split_set_standard_strings(b->sp, strncasecmp(p, "off", 3) != 0);
}

static char *join_names(const struct ptrvec *names)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "");
	for (size_t i = 0; i < names->n; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", (const char *)names->v[i]);
	return sb_steal(&sb);
}

static bool has_database(struct sections *s, const char *name)
{
	return strmap_list_find(&s->index, &s->names, database_name, name) != NULL;
}

/* After the whole dump: was the database choice possible?  Reports why not. */
static bool check_choice(const struct builder *b, struct sections *s)
{
	struct loc l = {b->file, 0, 0};
	char *list = join_names(&s->names);
	bool ok = false;

	if (s->want && s->names.n == 0)
		diag_error(l,
			   "--dbname %s: the dump has no \\connect lines, so its one database has "
			   "no name; leave out --dbname",
			   s->want);
	else if (s->want && !has_database(s, s->want))
		diag_error(l, "--dbname %s: no such database in the dump (it has %s)", s->want,
			   list);
	else if (!s->want && s->names.n > 1)
		diag_error(l, "pg_dumpall output with databases %s: choose one with --dbname",
			   list);
	else
		ok = true;
	free(list);
	return ok;
}

int build_sections(struct builder *b, struct splitter *sp, const char *dbname)
{
	struct sections s = {.want = dbname};
	struct stmt st;
	int rc;

	while ((rc = split_next(sp, &st)) > 0) {
		if (st.kind == STMT_META)
			follow_connect(b, &s, &st);
		else if (section_applies(&s))
			build_statement(b, &st);
		else
			skip_statement(b, &st);
	}
	if (rc == 0 && !check_choice(b, &s))
		rc = -1;
	for (size_t i = 0; i < s.names.n; i++)
		free(s.names.v[i]);
	ptrvec_free(&s.names);
	strmap_free(s.index);
	return rc;
}
