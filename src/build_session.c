/*
 * build_session.c
 *	  standard_conforming_strings, followed as PostgreSQL follows it,
 *	  since it decides where the dump's strings end (a backslash escapes
 *	  the next byte in '...' only while it is off) and so what psql sends
 *	  as each statement.
 *
 *	  Every way PostgreSQL accepts changes it: SET, SET SESSION, SET LOCAL
 *	  (inside a transaction block only), SET ... TO DEFAULT, RESET, RESET
 *	  ALL, and SELECT set_config(name, value, is_local), with the value read
 *	  by parse_bool() (on/off, true/false, yes/no, 1/0 and unique prefixes,
 *	  in any case).  Transactions are followed as guc.c follows them: a
 *	  ROLLBACK restores the value the transaction began with, a COMMIT keeps
 *	  the last SET and drops the SET LOCALs, and savepoints do the same for
 *	  their part.  A new connection (`\connect`) starts over from the
 *	  default, or from what ALTER DATABASE ... SET gave that database.
 *
 *	  What only the live session could tell (set_config with a value that
 *	  is not a constant, a DO block or a role setting that may change it) is
 *	  a located warning, kept as unparsed so --strict fails on it.
 */
#include "build_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define GUC_NAME "standard_conforming_strings"

struct savepoint {
	char *name;   /* malloc'd */
	bool session; /* the values when it was set */
	bool current;
};

/* ALTER DATABASE name SET standard_conforming_strings: the value new sessions start with. */
struct db_default {
	char *name; /* malloc'd */
	bool on;
};

struct session {
	bool session;	  /* the value a COMMIT keeps (the current one is the splitter's) */
	bool at_begin;	  /* the session value when the transaction block began */
	bool in_tx;	  /* inside BEGIN ... COMMIT/ROLLBACK */
	bool implicit;	  /* inside a multi-statement query string (an archive entry) */
	int parse_std;	  /* -1, or the value an archive entry is lexed with */
	struct ptrvec sp; /* struct savepoint *, innermost last */
	struct ptrvec db; /* struct db_default * */
};

struct session *build_session_new(void)
{
	struct session *ss = xcalloc(1, sizeof(*ss));
	ss->session = true;
	ss->parse_std = -1;
	return ss;
}

static void drop_savepoints(struct session *ss, size_t keep)
{
	while (ss->sp.n > keep) {
		struct savepoint *s = ss->sp.v[--ss->sp.n];
		free(s->name);
		free(s);
	}
}

void build_session_free(struct session *ss)
{
	if (ss == NULL)
		return;
	drop_savepoints(ss, 0);
	ptrvec_free(&ss->sp);
	for (size_t i = 0; i < ss->db.n; i++) {
		struct db_default *d = ss->db.v[i];
		free(d->name);
		free(d);
	}
	ptrvec_free(&ss->db);
	free(ss);
}

bool build_standard_strings(const struct builder *b)
{
	if (b->ss && b->ss->parse_std >= 0)
		return b->ss->parse_std != 0;
	return split_standard_strings(b->sp);
}

void build_session_begin_entry(struct builder *b, bool several)
{
	b->ss->parse_std = split_standard_strings(b->sp);
	b->ss->implicit = several && !b->ss->in_tx;
}

void build_session_end_entry(struct builder *b)
{
	b->ss->parse_std = -1;
	if (b->ss->implicit && !b->ss->in_tx)
		split_set_standard_strings(b->sp, b->ss->session); /* the SET LOCALs end */
	b->ss->implicit = false;
}

/* parse_bool_with_len (src/backend/utils/adt/bool.c): 1 true, 0 false, -1 not a boolean. */
int build_parse_bool(const char *v)
{
	size_t len = strlen(v);

	if (len == 0)
		return -1;
	switch (v[0]) {
	case 't':
	case 'T':
		return strncasecmp(v, "true", len) == 0 ? 1 : -1;
	case 'f':
	case 'F':
		return strncasecmp(v, "false", len) == 0 ? 0 : -1;
	case 'y':
	case 'Y':
		return strncasecmp(v, "yes", len) == 0 ? 1 : -1;
	case 'n':
	case 'N':
		return strncasecmp(v, "no", len) == 0 ? 0 : -1;
	case 'o':
	case 'O':
		/* 'o' alone is not unique enough */
		if (strncasecmp(v, "on", len > 2 ? len : 2) == 0)
			return 1;
		if (strncasecmp(v, "off", len > 2 ? len : 2) == 0)
			return 0;
		return -1;
	case '1':
		return len == 1 ? 1 : -1;
	case '0':
		return len == 1 ? 0 : -1;
	default:
		return -1;
	}
}

/* A constant's text as ExtractSetVariableArgs flattens it; NULL for anything else. */
static const char *const_text(const Node *n, char *buf, size_t cap)
{
	if (n && IsA(n, TypeCast))
		n = ((const TypeCast *)n)->arg;
	if (n == NULL || !IsA(n, A_Const) || ((const A_Const *)n)->isnull)
		return NULL;
	const A_Const *c = (const A_Const *)n;
	switch (nodeTag(&c->val)) {
	case T_String:
		return c->val.sval.sval;
	case T_Integer:
		snprintf(buf, cap, "%d", c->val.ival.ival);
		return buf;
	case T_Float:
		return c->val.fval.fval;
	case T_Boolean:
		return c->val.boolval.boolval ? "true" : "false";
	default:
		return NULL;
	}
}

/* The default a new session of the current database starts with. */
static bool session_default(const struct session *ss, const char *db)
{
	for (size_t i = 0; db && i < ss->db.n; i++) {
		const struct db_default *d = ss->db.v[i];
		if (strcmp(d->name, db) == 0)
			return d->on;
	}
	return true;
}

/* guc.c set_config_option for the session (is_local false) or the transaction. */
static void assign(struct builder *b, bool on, bool is_local)
{
	struct session *ss = b->ss;

	if (is_local) {
		/* Outside a transaction block PostgreSQL only warns: nothing changes. */
		if (ss->in_tx || ss->implicit)
			split_set_standard_strings(b->sp, on);
		return;
	}
	ss->session = on;
	split_set_standard_strings(b->sp, on);
}

void build_session_reconnect(struct builder *b, const char *dbname)
{
	struct session *ss = b->ss;

	drop_savepoints(ss, 0);
	ss->in_tx = false;
	ss->implicit = false;
	ss->session = session_default(ss, dbname);
	split_set_standard_strings(b->sp, ss->session);
}

static bool is_our_guc(const char *name)
{
	return name && strcasecmp(name, GUC_NAME) == 0;
}

/* SET / SET LOCAL / RESET / RESET ALL / SET ... TO DEFAULT. */
void build_session_set(struct builder *b, const VariableSetStmt *vs)
{
	char buf[32];

	if (vs->kind == VAR_SET_VALUE && vs->name != NULL &&
	    strcasecmp(vs->name, "client_encoding") == 0 && list_length(vs->args) == 1) {
		char enc[64];
		const char *v = const_text(linitial(vs->args), enc, sizeof(enc));
		if (v != NULL && b->sp != NULL && !split_reads_in(b->sp, v))
			build_warn(
			    b, 0,
			    "client_encoding is set to '%s' here, but the dump is read as %s "
			    "(the encoding it declares first, UTF8 when none): names after "
			    "this point may be wrong; dump each database on its own",
			    v, split_encoding(b->sp));
	}
	switch (vs->kind) {
	case VAR_SET_VALUE: {
		if (!is_our_guc(vs->name) || list_length(vs->args) != 1)
			return; /* several values: PostgreSQL refuses the SET */
		const char *v = const_text(linitial(vs->args), buf, sizeof(buf));
		int on = v ? build_parse_bool(v) : -1;
		if (on >= 0)
			assign(b, on != 0, vs->is_local);
		break;
	}
	case VAR_SET_DEFAULT:
	case VAR_RESET:
		if (is_our_guc(vs->name))
			assign(b, true, vs->is_local);
		break;
	case VAR_RESET_ALL:
		assign(b, true, false);
		break;
	default:
		break; /* FROM CURRENT keeps the value; SET TRANSACTION ... is another thing */
	}
}

void build_session_transaction(struct builder *b, const TransactionStmt *ts)
{
	struct session *ss = b->ss;

	switch (ts->kind) {
	case TRANS_STMT_BEGIN:
	case TRANS_STMT_START:
		if (!ss->in_tx) {
			ss->in_tx = true;
			ss->at_begin = ss->session;
		}
		break;
	case TRANS_STMT_COMMIT:
	case TRANS_STMT_PREPARE:
		if (!ss->in_tx)
			break;
		drop_savepoints(ss, 0);
		split_set_standard_strings(b->sp, ss->session);
		ss->in_tx = ts->chain && ts->kind == TRANS_STMT_COMMIT;
		ss->at_begin = ss->session;
		break;
	case TRANS_STMT_ROLLBACK:
		if (!ss->in_tx)
			break;
		drop_savepoints(ss, 0);
		ss->session = ss->at_begin;
		split_set_standard_strings(b->sp, ss->session);
		ss->in_tx = ts->chain;
		break;
	case TRANS_STMT_SAVEPOINT:
		if (ss->in_tx && ts->savepoint_name) {
			struct savepoint *s = xmalloc(sizeof(*s));
			s->name = xstrdup(ts->savepoint_name);
			s->session = ss->session;
			s->current = split_standard_strings(b->sp);
			ptrvec_push(&ss->sp, s);
		}
		break;
	case TRANS_STMT_RELEASE:
	case TRANS_STMT_ROLLBACK_TO:
		for (size_t i = ss->sp.n; ts->savepoint_name && i-- > 0;) {
			struct savepoint *s = ss->sp.v[i];
			if (strcmp(s->name, ts->savepoint_name) != 0)
				continue;
			if (ts->kind == TRANS_STMT_RELEASE) {
				drop_savepoints(ss, i);
			} else {
				ss->session = s->session;
				split_set_standard_strings(b->sp, s->current);
				drop_savepoints(ss, i + 1); /* the savepoint itself stays */
			}
			break;
		}
		break;
	default:
		break;
	}
}

/* ALTER DATABASE d SET/RESET: the value sessions of d start with from now on. */
void build_session_alter_database(struct builder *b, const AlterDatabaseSetStmt *s)
{
	const VariableSetStmt *vs = s->setstmt;
	char buf[32];
	int on = -1;

	if (vs == NULL || s->dbname == NULL)
		return;
	if (vs->kind == VAR_RESET_ALL ||
	    ((vs->kind == VAR_RESET || vs->kind == VAR_SET_DEFAULT) && is_our_guc(vs->name))) {
		on = 1;
	} else if (vs->kind == VAR_SET_VALUE && is_our_guc(vs->name) &&
		   list_length(vs->args) == 1) {
		const char *v = const_text(linitial(vs->args), buf, sizeof(buf));
		on = v ? build_parse_bool(v) : -1;
	}
	if (on < 0)
		return;
	struct db_default *d = NULL;
	for (size_t i = 0; i < b->ss->db.n && d == NULL; i++)
		if (strcmp(((struct db_default *)b->ss->db.v[i])->name, s->dbname) == 0)
			d = b->ss->db.v[i];
	if (d == NULL) {
		d = xcalloc(1, sizeof(*d));
		d->name = xstrdup(s->dbname);
		ptrvec_push(&b->ss->db, d);
	}
	d->on = on != 0;
}

void build_session_alter_role(struct builder *b, const AlterRoleSetStmt *s)
{
	const VariableSetStmt *vs = s->setstmt;

	if (vs && (vs->kind == VAR_RESET_ALL || is_our_guc(vs->name)))
		build_note(b, build_loc(b, 0),
			   "ALTER ROLE ... SET " GUC_NAME
			   " changes how later sessions read strings, "
			   "and which role connects is not in the dump");
}

/* Occurrences of `word` in text, in any case. */
static int count_ci(const char *text, const char *word)
{
	int n = 0;
	for (const char *p = text; (p = strcasestr(p, word)) != NULL; p += strlen(word))
		n++;
	return n;
}

/*
 * A set_config(name, value, is_local) call with constants: applied, true.
 * false when it is not such a call (or its arguments are not constants).
 */
static bool apply_set_config(struct builder *b, const FuncCall *fc)
{
	char b1[32], b2[32], b3[32];
	const char *fname = fc->funcname ? node_string(llast(fc->funcname)) : NULL;

	if (fname == NULL || strcmp(fname, "set_config") != 0 || list_length(fc->args) != 3 ||
	    list_length(fc->funcname) > 2)
		return false;
	if (list_length(fc->funcname) == 2) {
		const char *schema = node_string(linitial(fc->funcname));
		if (schema == NULL || strcmp(schema, "pg_catalog") != 0)
			return false;
	}
	const Node *vnode = lsecond(fc->args);
	const char *name = const_text(linitial(fc->args), b1, sizeof(b1));
	const char *local = const_text(lthird(fc->args), b3, sizeof(b3));
	int is_local = local ? build_parse_bool(local) : -1;
	if (name == NULL || is_local < 0)
		return false;
	if (!is_our_guc(name))
		return true; /* another setting (search_path is build.c's) */
	if (vnode && IsA(vnode, A_Const) && ((const A_Const *)vnode)->isnull) {
		assign(b, true, is_local != 0); /* a NULL value resets it */
		return true;
	}
	const char *v = const_text(vnode, b2, sizeof(b2));
	if (v == NULL)
		return false;
	int on = build_parse_bool(v);
	if (on >= 0)
		assign(b, on != 0, is_local != 0);
	return true; /* an invalid value is an error: nothing changes */
}

void build_session_statement(struct builder *b, const Node *n)
{
	int understood = 0;
	const char *text = b->st->text;

	switch (nodeTag(n)) {
	case T_SelectStmt: {
		const SelectStmt *sel = (const SelectStmt *)n;
		ListCell *lc;
		foreach (lc, sel->targetList) {
			const ResTarget *rt = lfirst(lc);
			if (IsA(rt, ResTarget) && rt->val && IsA(rt->val, FuncCall) &&
			    apply_set_config(b, (const FuncCall *)rt->val))
				understood++;
		}
		break;
	}
	case T_DoStmt:
	case T_CallStmt:
	case T_InsertStmt:
	case T_UpdateStmt:
	case T_DeleteStmt:
	case T_ExplainStmt:
	case T_ExecuteStmt:
		break;
	default:
		return; /* defines something; runs nothing now */
	}
	/*
	 * Any other set_config, or code that names the setting (PL/pgSQL can SET
	 * it): only the server knows.
	 */
	bool code = !IsA(n, SelectStmt) && !IsA(n, InsertStmt) && !IsA(n, UpdateStmt) &&
		    !IsA(n, DeleteStmt);
	if (count_ci(text, "set_config") > understood ||
	    (code && strcasestr(text, GUC_NAME) != NULL))
		build_note(b, build_loc(b, 0),
			   "cannot tell whether this statement changes " GUC_NAME
			   " (set_config or the setting's name where pgbaseline does not follow "
			   "it); the statements after it may be read wrongly");
}

/* Statements of a database that is not modelled: only what changes the setting. */
void build_session_follow(struct builder *b, const struct stmt *st)
{
	static const char *const tx_words[] = {"begin",	   "start",   "commit",	   "end",
					       "rollback", "abort",   "savepoint", "release",
					       "reset",	   "prepare", NULL};
	size_t w = strspn(st->text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
	bool wanted = strcasestr(st->text, GUC_NAME) != NULL || strcasestr(st->text, "set_config");

	for (const char *const *t = tx_words; !wanted && *t; t++)
		wanted = w == strlen(*t) && strncasecmp(st->text, *t, w) == 0;
	if (!wanted)
		return;

	struct pgparse p;
	const struct stmt *saved = b->st;
	b->st = st;
	pgparse_run(st->text, build_standard_strings(b), &p);
	ListCell *lc;
	foreach (lc, p.tree) {
		const Node *n = lfirst_node(RawStmt, lc)->stmt;
		if (n == NULL)
			continue;
		if (IsA(n, VariableSetStmt))
			build_session_set(b, (const VariableSetStmt *)n);
		else if (IsA(n, TransactionStmt))
			build_session_transaction(b, (const TransactionStmt *)n);
		else if (IsA(n, AlterDatabaseSetStmt))
			build_session_alter_database(b, (const AlterDatabaseSetStmt *)n);
		else
			build_session_statement(b, n);
	}
	pgparse_free(&p);
	b->st = saved;
}
