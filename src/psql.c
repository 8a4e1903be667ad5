/*
 * psql.c
 *	  The loader's psql layer: what psql would do with the dump's lines
 *	  around the SQL it hands the builder.  Database sections: pg_dumpall output (and pg_dump -C
 *output) holds psql `\connect DBNAME` lines, and every statement after one belongs to that database
 *until the next.  Statements before the first
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
 *
 *	  The other meta-commands are judged one by one from psql's manual.
 *	  Those that run or include SQL pgbaseline cannot see (\gexec, \i,
 *	  \!, \copy ... program, \o and \g to a file or pipe, \gset, an
 *	  editor ...) and psql's conditionals are located warnings kept as
 *	  unparsed, so --strict fails on them; the harmless ones (\echo,
 *	  \pset, \restrict ...) pass in silence.  \set is followed, so a later
 *	  :variable that psql would substitute is a warning too.  \if, \elif
 *	  and \else with a constant are evaluated as psql evaluates them: a
 *	  branch that cannot run is skipped, and the statements of a branch
 *	  that depends on what pgbaseline cannot know are applied with a
 *	  warning each.  After \q nothing runs.
 */
#include "psql.h"

#include "build.h"
#include "strmap.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
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

enum connect_target psql_parse_connect(const char *line, char **dbname)
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

/* Whether a psql \if branch runs. */
enum tri { TRI_NO, TRI_YES, TRI_MAYBE };

struct cond {
	enum tri cur;	/* the branch being read runs */
	enum tri taken; /* an earlier branch of this \if ran */
	bool saw_else;
	int line, col; /* of the \if */
};

/* A psql variable the dump set; value NULL when only psql knows it. */
struct psqlvar {
	char *name;
	char *value;
	bool set; /* false after \unset */
};

struct sections {
	const char *file;     /* the dump, in messages */
	struct diags *d;      /* where they go */
	const char *want;     /* --dbname, or NULL */
	const char *current;  /* database of the section being read; NULL in the globals */
	struct ptrvec names;  /* char *: each database once, in dump order */
	struct strmap *index; /* names, hashed once many (strmap_list_find) */
	struct cond *conds;   /* open \if blocks, innermost last */
	size_t n_conds, cap_conds;
	struct ptrvec vars;	  /* struct psqlvar *: every name ever set, owned */
	struct strmap *var_index; /* name -> struct psqlvar * in vars */
	size_t n_set;		  /* of vars, how many are set now */
	bool any_var;		  /* \gset or the like ran: any name may be set */
	bool quit;		  /* \q ran: psql reads no further */
	struct splitter *sp;	  /* the dump's: the encoding it is read in */
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

/* A new connection starts a new session: settings start over (build_session.c). */
static void follow_connect(struct builder *b, struct sections *s, const struct stmt *st)
{
	char *name;

	switch (psql_parse_connect(st->text, &name)) {
	case CONNECT_NOT:
		return;
	case CONNECT_SAME:
		break;
	case CONNECT_DB:
		s->current = note_database(s, name);
		break;
	case CONNECT_UNKNOWN:
		diag_warn(s->d, (struct loc){s->file, st->line, st->col},
			  "cannot tell which database \"%s\" connects to; the statements after "
			  "it stay with the database before it",
			  st->text);
		break;
	}
	build_session_reconnect(b, s->current);
}

/* ---- psql's other meta-commands ------------------------------------------- */

/* psql variables that are always set (psql's manual, "Variables"). */
static bool builtin_var(const char *name)
{
	static const char *const names[] = {"AUTOCOMMIT",
					    "COMP_KEYWORD_CASE",
					    "DBNAME",
					    "ECHO",
					    "ECHO_HIDDEN",
					    "ENCODING",
					    "ERROR",
					    "FETCH_COUNT",
					    "HIDE_TABLEAM",
					    "HIDE_TOAST_COMPRESSION",
					    "HISTCONTROL",
					    "HISTFILE",
					    "HISTSIZE",
					    "HOST",
					    "IGNOREEOF",
					    "LASTOID",
					    "LAST_ERROR_MESSAGE",
					    "LAST_ERROR_SQLSTATE",
					    "ON_ERROR_ROLLBACK",
					    "ON_ERROR_STOP",
					    "PORT",
					    "PROMPT1",
					    "PROMPT2",
					    "PROMPT3",
					    "QUIET",
					    "ROW_COUNT",
					    "SERVER_VERSION_NAME",
					    "SERVER_VERSION_NUM",
					    "SHELL_ERROR",
					    "SHELL_EXIT_CODE",
					    "SHOW_ALL_RESULTS",
					    "SHOW_CONTEXT",
					    "SINGLELINE",
					    "SINGLESTEP",
					    "SQLSTATE",
					    "USER",
					    "VERBOSITY",
					    "VERSION",
					    "VERSION_NAME",
					    "VERSION_NUM",
					    NULL};
	for (const char *const *n = names; *n; n++)
		if (strcmp(*n, name) == 0)
			return true;
	return false;
}

/* The variable `name` while it is set, else NULL; hashed, as a dump may set millions. */
static struct psqlvar *find_var(struct sections *s, const char *name)
{
	struct psqlvar *v = s->var_index ? strmap_get(s->var_index, name) : NULL;
	return v && v->set ? v : NULL;
}

static void set_var(struct sections *s, const char *name, const char *value)
{
	if (s->var_index == NULL)
		s->var_index = strmap_new();
	struct psqlvar *v = strmap_get(s->var_index, name);
	if (v == NULL) {
		v = xcalloc(1, sizeof(*v));
		v->name = xstrdup(name);
		ptrvec_push(&s->vars, v);
		strmap_put(s->var_index, v->name, v);
	}
	if (!v->set)
		s->n_set++;
	v->set = true;
	free(v->value);
	v->value = value ? xstrdup(value) : NULL;
}

/* \unset: the entry stays (for a later \set of the same name), unset. */
static void unset_var(struct sections *s, const char *name)
{
	struct psqlvar *v = find_var(s, name);
	if (v == NULL)
		return;
	v->set = false;
	s->n_set--;
	free(v->value);
	v->value = NULL;
}

static bool var_is_set(struct sections *s, const char *name)
{
	return s->any_var || builtin_var(name) || find_var(s, name) != NULL;
}

/* One command of a meta-command line: its name and its arguments' text. */
struct metacmd {
	const char *name;
	size_t name_len;
	const char *args; /* up to args_end */
	const char *args_end;
};

static bool cmd_is(const struct metacmd *c, const char *name)
{
	return c->name_len == strlen(name) && memcmp(c->name, name, c->name_len) == 0;
}

static bool cmd_prefix(const struct metacmd *c, const char *prefix)
{
	size_t k = strlen(prefix);
	return c->name_len >= k && memcmp(c->name, prefix, k) == 0;
}

/* Commands whose argument is the rest of the line, backslashes included (psqlscanslash.l). */
static bool whole_line(const struct metacmd *c)
{
	return cmd_is(c, "!") || (c->name_len == 4 && strncasecmp(c->name, "copy", 4) == 0) ||
	       cmd_is(c, "h") || cmd_is(c, "help") || cmd_is(c, "ef") || cmd_is(c, "ev") ||
	       cmd_prefix(c, "sf") || cmd_prefix(c, "sv");
}

/*
 * The next command of a line from *pp: an unquoted backslash in the
 * arguments starts the next command, as in psql, except after a command
 * that takes the whole line or an argument that is a `|pipe`.  Returns
 * false at the end of the line.
 */
static bool next_command(const char **pp, struct metacmd *c)
{
	const char *p = *pp;

	while (*p && *p != '\\')
		p++;
	if (*p == '\0')
		return false;
	p++;
	c->name = p;
	while (*p && !isspace((unsigned char)*p) && *p != '\\')
		p++;
	c->name_len = (size_t)(p - c->name);
	c->args = p;
	if (whole_line(c)) {
		p += strlen(p);
	} else {
		bool at_start = true;
		while (*p) {
			if (isspace((unsigned char)*p)) {
				at_start = true;
				p++;
				continue;
			}
			if (at_start && *p == '|') {
				p += strlen(p);
				break;
			}
			at_start = false;
			if (*p == '\\')
				break;
			if (*p == '\'' || *p == '"' || *p == '`') {
				char q = *p++;
				while (*p && *p != q) {
					if (q == '\'' && *p == '\\' && p[1])
						p++;
					p++;
				}
				if (*p)
					p++;
				continue;
			}
			p++;
		}
	}
	c->args_end = p;
	*pp = p;
	return true;
}

/* The arguments of a command, split and unquoted as psql reads them (next_arg). */
static int cmd_args(const struct metacmd *c, char ***out)
{
	char *copy = xstrndup(c->args, (size_t)(c->args_end - c->args));
	const char *p = copy;
	struct strbuf arg;
	int n = 0, rc;

	*out = NULL;
	sb_init(&arg);
	while ((rc = next_arg(&p, &arg)) != 0) {
		*out = xrealloc(*out, (size_t)(n + 1) * sizeof(**out));
		(*out)[n++] = rc < 0 ? NULL : xstrdup(arg.data); /* NULL: `backquoted` */
		if (rc < 0)
			break;
	}
	sb_free(&arg);
	free(copy);
	return n;
}

static void free_args(char **args, int n)
{
	for (int i = 0; i < n; i++)
		free(args[i]);
	free(args);
}

/* Harmless: they print, format, or set what does not change which SQL runs. */
static bool harmless(const struct metacmd *c)
{
	static const char *const names[] = {
	    "a",     "C",	 "cd",	    "conninfo",	 "copyright", "echo",	   "errverbose",
	    "f",     "H",	 "html",    "l",	 "list",      "l+",	   "list+",
	    "lx",    "listx",	 "lo_list", "lo_export", "lo_import", "lo_unlink", "p",
	    "print", "password", "pset",    "qecho",	 "warn",      "restrict",  "unrestrict",
	    "t",     "T",	 "timing",  "x",	 "z",	      "zS",	   "z+",
	    "zS+",   "?",	 "s",	    "setenv",	 "h",	      "help",	   "crosstabview",
	    "watch", "bind",	 "r",	    "reset",	 NULL};
	for (const char *const *n = names; *n; n++)
		if (cmd_is(c, *n))
			return true;
	/* \d... describes; \sf and \sv show a definition. */
	return cmd_prefix(c, "d") || cmd_prefix(c, "sf") || cmd_prefix(c, "sv");
}

static void meta_note(struct builder *b, const struct sections *s, const struct stmt *st,
		      const char *fmt, ...) PGB_PRINTF(4, 5);
static void meta_note(struct builder *b, const struct sections *s, const struct stmt *st,
		      const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	build_unparsed_at(b, (struct loc){s->file, st->line, st->col}, msg, st->text);
}

/* A \g or \gx that writes its result somewhere: a file name or |pipe after the options. */
static bool g_has_target(const struct metacmd *c)
{
	const char *p = c->args;
	while (p < c->args_end && isspace((unsigned char)*p))
		p++;
	if (p < c->args_end && *p == '(') {
		int depth = 0;
		for (; p < c->args_end; p++) {
			if (*p == '(') {
				depth++;
			} else if (*p == ')' && --depth == 0) {
				p++;
				break;
			}
		}
	}
	while (p < c->args_end && isspace((unsigned char)*p))
		p++;
	return p < c->args_end;
}

/* \copy ... from/to program 'cmd': psql runs a shell command. */
static bool copy_runs_program(const struct metacmd *c)
{
	const char *p = c->args;
	while ((p = strcasestr(p, "program")) != NULL && p < c->args_end) {
		bool start = p == c->args || isspace((unsigned char)p[-1]);
		bool end = p + 7 >= c->args_end || isspace((unsigned char)p[7]) || p[7] == '\'';
		if (start && end)
			return true;
		p += 7;
	}
	return false;
}

/* The value of an \if argument after psql's interpolation; NULL when unknown. */
static const char *if_value(struct sections *s, const char *arg)
{
	if (arg == NULL)
		return NULL; /* `backquoted`: a shell command's output */
	size_t n = strlen(arg);
	if (n > 4 && strncmp(arg, ":{?", 3) == 0 && arg[n - 1] == '}') {
		/* Whether the variable is set: TRUE or FALSE. */
		char *name = xstrndup(arg + 3, n - 4);
		bool set = find_var(s, name) != NULL || builtin_var(name);
		bool maybe = !set && s->any_var;
		free(name);
		return maybe ? NULL : set ? "TRUE" : "FALSE";
	}
	if (arg[0] == ':' && arg[1] != '\0') {
		const char *name = arg + 1;
		struct psqlvar *v = find_var(s, name);
		if (v)
			return v->value;
		if (s->any_var || builtin_var(name))
			return NULL;
	}
	return arg; /* not set: psql keeps ":name" as written */
}

static enum tri eval_if(struct sections *s, const struct metacmd *c)
{
	char **args;
	int n = cmd_args(c, &args);
	enum tri r = TRI_NO; /* no argument, or not a boolean: psql takes it as false */

	if (n > 0) {
		const char *v = if_value(s, args[0]);
		if (v == NULL)
			r = TRI_MAYBE;
		else if (build_parse_bool(v) == 1)
			r = TRI_YES;
	}
	free_args(args, n);
	return r;
}

/* Whether statements run here: TRI_NO inside a branch that cannot run. */
static enum tri cond_state(const struct sections *s)
{
	enum tri r = TRI_YES;
	for (size_t i = 0; i < s->n_conds; i++) {
		if (s->conds[i].cur == TRI_NO)
			return TRI_NO;
		if (s->conds[i].cur == TRI_MAYBE)
			r = TRI_MAYBE;
	}
	return r;
}

static enum tri tri_or(enum tri a, enum tri b)
{
	if (a == TRI_YES || b == TRI_YES)
		return TRI_YES;
	return a == TRI_NO && b == TRI_NO ? TRI_NO : TRI_MAYBE;
}

static const char *tri_word(enum tri t)
{
	return t == TRI_YES ? "true" : t == TRI_NO ? "false" : "unknown to pgbaseline";
}

/* \if, \elif, \else, \endif; true when c is one of them. */
static bool conditional(struct builder *b, struct sections *s, const struct stmt *st,
			const struct metacmd *c)
{
	if (cmd_is(c, "if")) {
		bool runs = cond_state(s) != TRI_NO && !s->quit;
		if (s->n_conds == s->cap_conds) {
			s->cap_conds = s->cap_conds ? s->cap_conds * 2 : 8;
			s->conds = xrealloc(s->conds, s->cap_conds * sizeof(*s->conds));
		}
		/* psql does not evaluate an \if inside a branch that does not run. */
		enum tri v = runs ? eval_if(s, c) : TRI_NO;
		s->conds[s->n_conds++] = (struct cond){
		    .cur = v, .taken = runs ? TRI_NO : TRI_YES, .line = st->line, .col = st->col};
		if (runs)
			meta_note(
			    b, s, st,
			    "psql conditional \\if (%s): the statements up to its \\endif run "
			    "only when it holds",
			    tri_word(v));
		return true;
	}
	if (!cmd_is(c, "elif") && !cmd_is(c, "else") && !cmd_is(c, "endif"))
		return false;
	if (s->n_conds == 0) {
		meta_note(b, s, st, "\\%.*s without \\if: psql reports an error and ignores it",
			  (int)c->name_len, c->name);
		return true;
	}
	struct cond *k = &s->conds[s->n_conds - 1];
	if (cmd_is(c, "endif")) {
		s->n_conds--;
		return true;
	}
	if (k->saw_else) {
		meta_note(b, s, st, "\\%.*s after \\else: psql reports an error and ignores it",
			  (int)c->name_len, c->name);
		return true;
	}
	/* An \if that psql skipped whole has taken = YES: no branch of it runs. */
	bool outer = k->taken != TRI_YES || k->cur != TRI_NO;
	k->taken = tri_or(k->taken, k->cur);
	if (k->taken == TRI_YES) {
		k->cur = TRI_NO;
	} else {
		enum tri v = cmd_is(c, "else") ? TRI_YES : eval_if(s, c);
		if (k->taken == TRI_MAYBE && v != TRI_NO)
			v = TRI_MAYBE;
		k->cur = v;
	}
	if (cmd_is(c, "else"))
		k->saw_else = true;
	if (outer)
		meta_note(b, s, st,
			  "psql conditional \\%.*s (%s): the statements after it run only when it "
			  "is the branch taken",
			  (int)c->name_len, c->name, tri_word(k->cur));
	return true;
}

/* \set NAME VALUE...: psql joins the values. */
static void follow_set(struct builder *b, struct sections *s, const struct stmt *st,
		       const struct metacmd *c)
{
	char **args;
	int n = cmd_args(c, &args);

	if (n > 0 && args[0]) {
		struct strbuf v;
		bool known = true;
		sb_init(&v);
		sb_append(&v, "");
		for (int i = 1; i < n; i++) {
			if (args[i] == NULL)
				known = false;
			else
				sb_append(&v, args[i]);
		}
		set_var(s, args[0], known ? v.data : NULL);
		sb_free(&v);
		if (strcmp(args[0], "SINGLELINE") == 0 || strcmp(args[0], "SINGLESTEP") == 0 ||
		    strcmp(args[0], "AUTOCOMMIT") == 0)
			meta_note(b, s, st,
				  "\\set %s changes how psql runs the statements that follow",
				  args[0]);
	} else if (n > 0) {
		s->any_var = true;
	}
	free_args(args, n);
}

/* Why a meta-command that runs is a warning, or NULL when it is harmless. */
static const char *danger(struct sections *s, const struct metacmd *c)
{
	if (cmd_is(c, "g") || cmd_is(c, "gx"))
		return g_has_target(c) ? "sends its result to a file or a program, which may run "
					 "SQL pgbaseline cannot see"
				       : NULL;
	if (c->name_len == 4 && strncasecmp(c->name, "copy", 4) == 0)
		return copy_runs_program(c) ? "runs a shell command (program), which may run SQL "
					      "pgbaseline cannot see"
					    : NULL;
	if (cmd_is(c, "o") || cmd_is(c, "out"))
		return c->args[strspn(c->args, " \t\r")] != '\0'
			   ? "sends query output to a file or a program, which may run SQL "
			     "pgbaseline cannot see"
			   : NULL;
	if (cmd_is(c, "encoding")) {
		/* Without an argument it prints; to the encoding the dump is read in, it is no
		 * change. */
		char **args;
		int n = cmd_args(c, &args);
		bool other = n > 0 && s->sp != NULL && !split_reads_in(s->sp, args[0]);
		free_args(args, n);
		return other ? "changes the client encoding, which pgbaseline does not follow: it "
			       "reads the whole dump in the encoding its first SET client_encoding "
			       "names (UTF-8 without one)"
			     : NULL;
	}
	if (harmless(c))
		return NULL;
	if (cmd_is(c, "gexec"))
		return "runs each value of its query's result as SQL";
	if (cmd_is(c, "i") || cmd_is(c, "include") || cmd_is(c, "ir") ||
	    cmd_is(c, "include_relative"))
		return "runs the SQL of another file";
	if (cmd_is(c, "!"))
		return "runs a shell command";
	if (cmd_is(c, "gset")) {
		s->any_var = true;
		return "sets psql variables from a query's result, which later :variables "
		       "substitute";
	}
	if (cmd_is(c, "gdesc") || cmd_is(c, "parse"))
		return "does not run the statement before it";
	if (cmd_is(c, "e") || cmd_is(c, "edit") || cmd_is(c, "ef") || cmd_is(c, "ev"))
		return "runs an editor, then what it leaves in the query buffer";
	if (cmd_is(c, "w") || cmd_is(c, "write"))
		return "writes the query buffer to a file or a program";
	if (cmd_is(c, "bind_named") || cmd_is(c, "close") || cmd_is(c, "close_prepared") ||
	    cmd_is(c, "close_portal") || cmd_is(c, "portal") || cmd_is(c, "startpipeline") ||
	    cmd_is(c, "endpipeline") || cmd_is(c, "syncpipeline") || cmd_is(c, "sendpipeline") ||
	    cmd_is(c, "flushrequest") || cmd_is(c, "flush") || cmd_is(c, "getresults"))
		return "runs prepared or pipelined statements pgbaseline cannot follow";
	return "is not a meta-command pgbaseline knows; psql may run SQL it cannot see";
}

/* One meta-command of a line that runs. */
static void follow_command(struct builder *b, struct sections *s, const struct stmt *st,
			   const struct metacmd *c)
{
	char **args;
	int n;

	if (cmd_is(c, "set")) {
		follow_set(b, s, st, c);
	} else if (cmd_is(c, "unset")) {
		n = cmd_args(c, &args);
		if (n > 0 && args[0])
			unset_var(s, args[0]);
		free_args(args, n);
	} else if (cmd_is(c, "prompt") || cmd_is(c, "getenv")) {
		/* The value comes from the terminal or the environment. */
		n = cmd_args(c, &args);
		const char *name = n > 0 ? (cmd_is(c, "prompt") ? args[n - 1] : args[0]) : NULL;
		if (name)
			set_var(s, name, NULL);
		else if (n > 0)
			s->any_var = true;
		free_args(args, n);
	} else if (cmd_is(c, "q") || cmd_is(c, "quit")) {
		if (cond_state(s) == TRI_YES) {
			meta_note(b, s, st,
				  "\\q: psql stops here; the statements after it do not run");
			s->quit = true;
		} else {
			meta_note(
			    b, s, st,
			    "\\q inside a psql conditional: the statements after it may not run");
		}
	} else {
		const char *why = danger(s, c);
		if (why)
			meta_note(b, s, st, "psql meta-command \\%.*s %s", (int)c->name_len,
				  c->name, why);
	}
}

/* A meta-command line: every command on it, as psql would run them. */
static void follow_meta(struct builder *b, struct sections *s, const struct stmt *st)
{
	const char *p = st->text;
	struct metacmd c;

	while (next_command(&p, &c)) {
		if (c.name_len == 0)
			continue; /* `\\` separates commands */
		if (conditional(b, s, st, &c))
			continue;
		/* In a branch that does not run, psql only follows the conditionals. */
		if (s->quit || cond_state(s) == TRI_NO)
			continue;
		if (cmd_is(&c, "c") || cmd_is(&c, "connect"))
			follow_connect(b, s, st);
		else
			follow_command(b, s, st, &c);
	}
}

/*
 * psql's :name, :'name' and :"name" in a statement, when psql would
 * substitute them: a warning, and true (what runs is not this text).
 */
static bool check_variables(struct builder *b, struct sections *s, const struct stmt *st)
{
	int n = st->n_vars < SPLIT_MAX_VARS ? st->n_vars : SPLIT_MAX_VARS;

	for (int i = 0; i < n; i++) {
		const char *p = st->text + st->var_off[i] + 1;
		/* :{?name} is always replaced, by TRUE or FALSE. */
		bool test = p[0] == '{' && p[1] == '?';
		if (test)
			p += 1;
		char q = (*p == '\'' || *p == '"' || *p == '?') ? *p : 0;
		const char *name = q ? p + 1 : p;
		size_t len = 0;
		while (name[len] && (isalnum((unsigned char)name[len]) || name[len] == '_' ||
				     (unsigned char)name[len] >= 0x80))
			len++;
		if (len == 0 || (q && name[len] != (q == '?' ? '}' : q)) || (q == '?' && !test))
			continue;
		char *v = xstrndup(name, len);
		bool set = test || var_is_set(s, v);
		free(v);
		if (!set)
			continue;
		struct loc l = {s->file, st->line, st->col};
		for (size_t k = 0; k < st->var_off[i]; k++) {
			if (st->text[k] == '\n') {
				l.line++;
				l.col = 1;
			} else {
				l.col++;
			}
		}
		build_unparsed_at(b, l,
				  "psql substitutes a variable here: the statement it runs is not "
				  "the one in the dump",
				  st->text);
		return true;
	}
	if (st->n_vars > SPLIT_MAX_VARS && (s->any_var || s->n_set > 0)) {
		build_unparsed_at(b, (struct loc){s->file, st->line, st->col},
				  "psql may substitute variables in this statement", st->text);
		return true;
	}
	return false;
}

/* \gdesc and \parse send a statement without running it. */
static bool sent_unrun(const struct stmt *st)
{
	const char *cmd;
	size_t n;

	if (st->sent_by == NULL)
		return false;
	n = split_meta_command(st->sent_by, strlen(st->sent_by), &cmd);
	return n == 5 && (memcmp(cmd, "gdesc", 5) == 0 || memcmp(cmd, "parse", 5) == 0);
}

/* A statement in a branch that may or may not run: applied, with a warning. */
static void warn_conditional(struct builder *b, const struct sections *s, const struct stmt *st)
{
	const struct cond *k = NULL;
	for (size_t i = 0; i < s->n_conds; i++)
		if (s->conds[i].cur == TRI_MAYBE)
			k = &s->conds[i];
	if (k)
		diag_warn(s->d, (struct loc){s->file, st->line, st->col},
			  "this statement is inside the psql conditional at line %d: it runs only "
			  "when that branch is taken",
			  k->line);
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
static bool check_choice(struct sections *s)
{
	struct loc l = {s->file, 0, 0};
	char *list = join_names(&s->names);
	bool ok = false;

	if (s->want && s->names.n == 0)
		diag_error(s->d, l,
			   "--dbname %s: the dump has no \\connect lines, so its one database has "
			   "no name; leave out --dbname",
			   s->want);
	else if (s->want && !has_database(s, s->want))
		diag_error(s->d, l, "--dbname %s: no such database in the dump (it has %s)",
			   s->want, list);
	else if (!s->want && s->names.n > 1)
		diag_error(s->d, l, "pg_dumpall output with databases %s: choose one with --dbname",
			   list);
	else
		ok = true;
	free(list);
	return ok;
}

int psql_run(struct builder *b, struct splitter *sp, const char *file, const char *dbname,
	     struct diags *d)
{
	struct sections s = {.file = file, .d = d, .want = dbname, .sp = sp};
	struct stmt st;
	int rc;

	while ((rc = split_next(sp, &st)) > 0) {
		if (st.kind == STMT_META) {
			follow_meta(b, &s, &st);
			continue;
		}
		/* psql does not run it: after \q, in a branch not taken, sent by \gdesc. */
		if (s.quit || cond_state(&s) == TRI_NO || sent_unrun(&st))
			continue;
		if (check_variables(b, &s, &st))
			continue;
		if (section_applies(&s)) {
			warn_conditional(b, &s, &st);
			if (!build_statement(b, &st)) {
				rc = -1; /* the model is full */
				break;
			}
		} else {
			build_session_follow(b, &st);
		}
	}
	if (rc == 0 && s.n_conds > 0)
		diag_warn(d, (struct loc){file, s.conds[0].line, s.conds[0].col},
			  "psql conditional \\if without \\endif");
	if (rc == 0 && !check_choice(&s))
		rc = -1;
	for (size_t i = 0; i < s.names.n; i++)
		free(s.names.v[i]);
	ptrvec_free(&s.names);
	strmap_free(s.index);
	for (size_t i = 0; i < s.vars.n; i++) {
		struct psqlvar *v = s.vars.v[i];
		free(v->name);
		free(v->value);
		free(v);
	}
	ptrvec_free(&s.vars);
	strmap_free(s.var_index);
	free(s.conds);
	return rc;
}
