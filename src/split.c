/*
 * split.c
 *	  The statement splitter: a byte-at-a-time state machine over a buffer
 *	  refilled from the input, so a dump of any size streams through in
 *	  SPLIT_CHUNK pieces.
 *
 *	  The machine never looks ahead: every construct that needs the next
 *	  byte (`--`, slash-star, a doubled quote, a `$tag$`) has a state of its
 *	  own, so a token cut by a chunk boundary needs no special handling.
 *	  Looking back is done through small state too (the current word), never
 *	  through the buffer.
 *
 *	  Statement text is not copied byte by byte: the statement's bytes in
 *	  the buffer are appended in one run when the buffer is refilled or
 *	  the statement ends.
 *
 *	  Like psql, a `;` ends a statement only outside parentheses (CREATE
 *	  RULE ... DO INSTEAD (a; b)) and outside the BEGIN ... END body of a
 *	  CREATE FUNCTION/PROCEDURE (SQL-standard bodies, which pg_dump 14+
 *	  writes as `BEGIN ATOMIC ... END`); the keyword tracking copies
 *	  psqlscan.l's heuristic.
 */
#include "split.h"

#include "arena.h"
#include "diag.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes read from the input at a time; a macro so a test build can shrink it. */
#ifndef SPLIT_CHUNK
#define SPLIT_CHUNK (64 * 1024)
#endif

#define WORD_MAX     16	  /* bytes of a word kept for keyword checks; "procedure" is 9 */
#define COMMENT_KEEP 4096 /* bytes of a -- comment kept to test for an object header */
#define TAG_SHOWN    64	  /* bytes of a dollar-quote tag shown in a message */

enum split_state {
	S_BETWEEN,	   /* between statements: blanks, comments, meta-commands */
	S_BETWEEN_DASH,	   /* between statements after '-': a comment or a statement? */
	S_BETWEEN_SLASH,   /* between statements after '/' */
	S_BETWEEN_COMMENT, /* a -- comment between statements, maybe an object header */
	S_META,		   /* a psql meta-command line */
	S_STMT_META,	   /* a psql meta-command line that began inside a statement */
	S_NORMAL,	   /* statement text outside quotes and comments */
	S_DASH,		   /* after '-' in a statement */
	S_SLASH,	   /* after '/' in a statement */
	S_BSL,		   /* after '\\' in a statement: \; \: or a meta-command */
	S_COLON,	   /* after ':' in a statement: a cast, or a psql :variable? */
	S_LINE_COMMENT,	   /* a -- comment inside a statement */
	S_BLOCK,	   /* inside slash-star comments (comment_depth deep) */
	S_BLOCK_STAR,	   /* ... after '*' */
	S_BLOCK_SLASH,	   /* ... after '/' */
	S_SQUOTE,	   /* inside '...' */
	S_SQUOTE_BSL,	   /* ... after a backslash that escapes the next byte */
	S_SQUOTE_END,	   /* after the closing quote, unless another quote doubles it */
	S_DQUOTE,	   /* inside "..." */
	S_DQUOTE_END,	   /* after the closing quote, unless another quote doubles it */
	S_DOLLAR_TAG,	   /* after '$', reading what may be a $tag$ */
	S_DOLLAR_BODY,	   /* inside a dollar-quoted string */
	S_DOLLAR_CLOSE,	   /* inside one, after '$' and tag_match bytes of the tag */
};

struct splitter {
	struct diags *d; /* where errors go (unless soft) */
	struct input *in;
	char *buf;	      /* SPLIT_CHUNK bytes */
	size_t pos;	      /* next byte to look at */
	size_t end;	      /* bytes held in buf */
	long long base;	      /* input offset of buf[0] */
	long long line;	      /* line of buf[pos] */
	long long line_start; /* input offset of that line's first byte */
	bool started;	      /* the BOM check was done */
	bool eof;	      /* input_read returned 0 */
	bool done;	      /* split_next returned 0 or the last statement */
	bool failed;	      /* split_next returned -1 */
	bool standard_strings;
	enum split_state state;

	/* The statement (or meta-command) being read. */
	bool in_stmt;	  /* bytes from run_start on belong to the statement */
	size_t run_start; /* first byte in buf not yet appended to text */
	struct strbuf text;
	long long stmt_line;
	long long stmt_col;
	int paren;	     /* parenthesis depth */
	int begin_depth;     /* BEGIN ... END depth in a routine body */
	bool routine;	     /* the statement is CREATE [OR REPLACE] FUNCTION|PROCEDURE */
	char lead[4];	     /* psql: initials of the first four words, if keywords we follow */
	unsigned nwords;     /* words seen so far */
	char word[WORD_MAX]; /* the current word, lower-cased, first WORD_MAX bytes */
	size_t wlen;	     /* its length; 0 outside a word */
	bool is_copy;	     /* the first word is COPY */
	bool after_from;     /* the previous word was FROM (COPY only) */
	bool copy_stdin;     /* COPY ... FROM STDIN: data lines follow */
	int n_vars;	     /* psql :variable references seen (may exceed SPLIT_MAX_VARS) */
	size_t var_off[SPLIT_MAX_VARS];
	size_t colon_off; /* statement offset of the ':' being looked at (S_COLON) */

	/* A meta-command line (between statements, or inside one). */
	struct strbuf meta;
	long long meta_line;
	long long meta_col;
	bool meta_mid;	   /* it began inside a statement */
	bool pending_meta; /* it sent the statement before it; return it next */

	/* The quote or comment being read. */
	long long tok_line;
	long long tok_col;
	bool escapes;	   /* backslashes escape in this '' string */
	int comment_depth; /* slash-star nesting */
	struct strbuf tag; /* the dollar-quote tag, without the '$'s */
	size_t tag_match;  /* bytes of tag matched while looking for the closing $tag$ */

	/* A '-' or '/' between statements, until the next byte says what it starts. */
	char pending;
	long long pend_line;
	long long pend_col;

	struct strbuf comment;	  /* the -- comment between statements being read */
	struct strbuf hint;	  /* the last object-header comment */
	struct strbuf copy_first; /* the first COPY data line, SPLIT_COPY_FIRST_MAX at most */
	bool have_hint;
	char *pg_dump_version; /* from "-- Dumped by pg_dump version ...", or NULL */
	char *server_version;  /* from "-- Dumped from database version ...", or NULL */

	/* Errors: printed (diag_error), or only kept (split_set_soft_errors). */
	bool soft;
	struct strbuf err;
	struct loc err_loc;
};

/* Identifier characters, as PostgreSQL's lexer has them: bytes >= 0x80 are letters. */
static inline bool is_word_start(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26u || c == '_' || c >= 0x80;
}

static inline bool is_digit(unsigned char c)
{
	return (unsigned)(c - '0') < 10u;
}

static inline bool is_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static inline char ascii_lower(unsigned char c)
{
	return (char)((unsigned)(c - 'A') < 26u ? c + ('a' - 'A') : c);
}

static int clamp_int(long long v)
{
	return v > INT_MAX ? INT_MAX : (int)v;
}

static struct loc split_loc(const struct splitter *sp, long long line, long long col)
{
	return (struct loc){
	    .file = input_name(sp->in), .line = clamp_int(line), .col = clamp_int(col)};
}

/* Column of buf[pos + ahead], which must be on the current line. */
static long long col_at(const struct splitter *sp, size_t ahead)
{
	return sp->base + (long long)(sp->pos + ahead) - sp->line_start + 1;
}

/* An error about the input: printed, or in soft mode kept for split_error(). */
static void PGB_PRINTF(3, 4) split_report(struct splitter *sp, struct loc l, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!sp->soft) {
		diag_error(sp->d, l, "%s", msg);
		return;
	}
	sb_reset(&sp->err);
	sb_append(&sp->err, msg);
	sp->err_loc = l;
}

static int split_fail(struct splitter *sp)
{
	sp->failed = true;
	sp->paren = 0;
	sp->begin_depth = 0;
	return -1;
}

static int nul_error(struct splitter *sp, size_t ahead)
{
	split_report(sp, split_loc(sp, sp->line, col_at(sp, ahead)), "NUL byte in input");
	return split_fail(sp);
}

struct splitter *split_new(struct input *in, struct diags *d)
{
	struct splitter *sp = xcalloc(1, sizeof(*sp));

	sp->in = in;
	sp->d = d;
	sp->buf = xmalloc(SPLIT_CHUNK);
	sp->line = 1;
	sp->standard_strings = true;
	sp->state = S_BETWEEN;
	return sp;
}

void split_free(struct splitter *sp)
{
	if (sp == NULL)
		return;
	sb_free(&sp->text);
	sb_free(&sp->tag);
	sb_free(&sp->comment);
	sb_free(&sp->hint);
	sb_free(&sp->copy_first);
	sb_free(&sp->meta);
	sb_free(&sp->err);
	free(sp->pg_dump_version);
	free(sp->server_version);
	free(sp->buf);
	free(sp);
}

void split_set_standard_strings(struct splitter *sp, bool on)
{
	sp->standard_strings = on;
}

bool split_standard_strings(const struct splitter *sp)
{
	return sp->standard_strings;
}

void split_set_first_line(struct splitter *sp, int line)
{
	sp->line = line > 0 ? line : 1;
}

void split_set_soft_errors(struct splitter *sp, bool soft)
{
	sp->soft = soft;
}

const char *split_error(const struct splitter *sp, struct loc *where)
{
	if (!sp->failed || sp->err.len == 0)
		return NULL;
	*where = sp->err_loc;
	return sp->err.data;
}

size_t split_meta_command(const char *line, size_t len, const char **cmd)
{
	size_t i = 1;

	*cmd = line + (len > 0);
	/* psqlscanslash.l: the command name runs to a blank or the next backslash. */
	while (i < len && !is_space((unsigned char)line[i]) && line[i] != '\\')
		i++;
	return len > 0 ? i - 1 : 0;
}

/* psql's commands that send the query buffer (\g and its kin). */
static bool meta_sends_buffer(const char *cmd, size_t n)
{
	static const char *const sends[] = {"g",     "gx",    "gexec",	      "gset",
					    "gdesc", "watch", "crosstabview", "sendpipeline",
					    "parse", NULL};
	for (const char *const *s = sends; *s; s++)
		if (strlen(*s) == n && memcmp(*s, cmd, n) == 0)
			return true;
	return false;
}

void split_dump_versions(struct splitter *sp, const char **pg_dump_version,
			 const char **server_version, struct arena *arena)
{
	*pg_dump_version = arena_strdup(arena, sp->pg_dump_version);
	*server_version = arena_strdup(arena, sp->server_version);
}

/* Append the statement's bytes buf[run_start, upto) to its text, minding the size limit. */
static int flush_run(struct splitter *sp, size_t upto)
{
	size_t n = upto - sp->run_start;

	if (sp->text.len + n > PGB_MAX_STATEMENT_BYTES) {
		split_report(sp, split_loc(sp, sp->stmt_line, sp->stmt_col),
			     "statement is longer than the limit of %u bytes",
			     (unsigned)PGB_MAX_STATEMENT_BYTES);
		return -1;
	}
	sb_append_len(&sp->text, sp->buf + sp->run_start, n);
	sp->run_start = upto;
	return 0;
}

/* Next chunk of input: 1 when there is one, 0 at the end, -1 after an error was reported. */
static int refill(struct splitter *sp)
{
	if (sp->in_stmt && flush_run(sp, sp->end) < 0)
		return -1;
	sp->base += (long long)sp->end;
	sp->pos = sp->end = sp->run_start = 0;
	if (sp->eof)
		return 0;
	ssize_t n = input_read(sp->in, sp->buf, SPLIT_CHUNK);
	if (n < 0)
		return -1;
	if (n == 0) {
		sp->eof = true;
		return 0;
	}
	sp->end = (size_t)n;
	return 1;
}

/* The first read: a UTF-8 byte-order mark at the very start is not text. */
static int start_input(struct splitter *sp)
{
	sp->started = true;
	while (sp->end < 3 && !sp->eof) {
		ssize_t n = input_read(sp->in, sp->buf + sp->end, SPLIT_CHUNK - sp->end);
		if (n < 0)
			return -1;
		if (n == 0)
			sp->eof = true;
		sp->end += (size_t)n;
	}
	if (sp->end >= 3 && memcmp(sp->buf, "\xEF\xBB\xBF", 3) == 0) {
		sp->pos = 3;
		sp->line_start = 3; /* columns count from after the mark */
	}
	return 0;
}

/* Statement buffers above this are released afterwards rather than kept for reuse. */
#define TEXT_KEEP (1024 * 1024)

static void begin_statement(struct splitter *sp, long long line, long long col)
{
	if (sp->text.cap > TEXT_KEEP)
		sb_free(&sp->text); /* one huge statement should not pin its memory for the run */
	sb_reset(&sp->text);
	sp->in_stmt = true;
	sp->run_start = sp->pos;
	sp->stmt_line = line;
	sp->stmt_col = col;
	sp->paren = 0;
	sp->begin_depth = 0;
	sp->routine = false;
	memset(sp->lead, 0, sizeof(sp->lead));
	sp->nwords = 0;
	sp->wlen = 0;
	sp->is_copy = false;
	sp->after_from = false;
	sp->copy_stdin = false;
	sp->n_vars = 0;
	sp->state = S_NORMAL;
}

/* A statement starting with the pending '-' or '/' (which never began a comment). */
static void begin_pending_statement(struct splitter *sp)
{
	begin_statement(sp, sp->pend_line, sp->pend_col);
	sb_putc(&sp->text, sp->pending);
}

static bool word_is(const char *w, size_t n, const char *kw)
{
	size_t k = strlen(kw);
	return n == k && memcmp(w, kw, k) == 0;
}

/*
 * A word (unquoted identifier or keyword) of the statement ended.  Two
 * things are followed: COPY ... FROM STDIN, and, in a CREATE FUNCTION or
 * PROCEDURE, BEGIN/CASE/END nesting outside parentheses (psqlscan.l).
 */
static void word_end(struct splitter *sp)
{
	const char *w = sp->word;
	size_t n = sp->wlen; /* > WORD_MAX never equals a keyword's length */
	unsigned idx = sp->nwords;

	sp->wlen = 0;
	if (sp->nwords < UINT_MAX)
		sp->nwords++;
	if (idx < 4) {
		bool followed = word_is(w, n, "create") || word_is(w, n, "or") ||
				word_is(w, n, "replace") || word_is(w, n, "function") ||
				word_is(w, n, "procedure");
		sp->lead[idx] = followed ? w[0] : 0;
		if (idx == 0)
			sp->is_copy = word_is(w, n, "copy");
		const char *l = sp->lead;
		sp->routine =
		    l[0] == 'c' && (l[1] == 'f' || l[1] == 'p' ||
				    (l[1] == 'o' && l[2] == 'r' && (l[3] == 'f' || l[3] == 'p')));
	}
	if (sp->paren > 0)
		return;
	if (sp->is_copy) {
		if (sp->after_from && word_is(w, n, "stdin"))
			sp->copy_stdin = true;
		sp->after_from = word_is(w, n, "from");
	}
	if (sp->routine) {
		if (word_is(w, n, "begin"))
			sp->begin_depth++;
		else if (word_is(w, n, "case") && sp->begin_depth > 0)
			sp->begin_depth++; /* CASE also ends with END */
		else if (word_is(w, n, "end") && sp->begin_depth > 0)
			sp->begin_depth--;
	}
}

/* Keep the rest of a comment after `prefix`, the first time one is seen. */
static void take_version(char **dst, const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	if (*dst == NULL && n > k && memcmp(s, prefix, k) == 0)
		*dst = xstrndup(s + k, n - k);
}

/*
 * A -- comment between statements ended: keep it when it is an object
 * header, or the dump's version lines (pg_dumpall repeats them for every
 * database; the first ones describe the dump).
 */
static void finish_comment(struct splitter *sp)
{
	const char *s = sp->comment.data ? sp->comment.data : "";
	size_t n = sp->comment.len;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && is_space((unsigned char)s[n - 1]))
		n--;
	/* A cheap test; hint.c does the real parsing when a message needs it. */
	if ((n >= 6 && memcmp(s, "Name: ", 6) == 0) ||
	    (n >= 15 && memcmp(s, "Data for Name: ", 15) == 0)) {
		sb_reset(&sp->hint);
		sb_append_len(&sp->hint, s, n);
		sp->have_hint = true;
		return;
	}
	if (n > 7 && memcmp(s, "Dumped ", 7) == 0) {
		take_version(&sp->pg_dump_version, s, n, "Dumped by pg_dump version ");
		take_version(&sp->server_version, s, n, "Dumped from database version ");
	}
}

static int emit(struct splitter *sp, struct stmt *out, enum stmt_kind kind, long long line,
		long long col, long long rows)
{
	out->kind = kind;
	out->text = sp->text.data ? sp->text.data : "";
	out->len = sp->text.len;
	out->line = clamp_int(line);
	out->col = clamp_int(col);
	out->copy_rows = rows;
	out->copy_first_row = rows > 0 && sp->copy_first.data ? sp->copy_first.data : NULL;
	out->hint = sp->have_hint ? sp->hint.data : NULL;
	out->mid_statement = false;
	out->sent_by = NULL;
	out->n_vars = 0;
	if (kind == STMT_SQL) {
		/* A header describes the one statement right after it. */
		sp->have_hint = false;
		out->n_vars = sp->n_vars;
		memcpy(out->var_off, sp->var_off, sizeof(out->var_off));
	} else {
		out->text = sp->meta.data ? sp->meta.data : "";
		out->len = sp->meta.len;
		out->mid_statement = sp->meta_mid;
	}
	return 1;
}

/* `\connect` or `\c`: the meta-command pg_dumpall puts before each database. */
static bool is_connect(const char *t, size_t n)
{
	size_t k;

	if (n >= 8 && memcmp(t, "\\connect", 8) == 0)
		k = 8;
	else if (n >= 2 && memcmp(t, "\\c", 2) == 0)
		k = 2;
	else
		return false;
	return n == k || is_space((unsigned char)t[k]);
}

static void trim_meta(struct splitter *sp)
{
	while (sp->meta.len > 0 && is_space((unsigned char)sp->meta.data[sp->meta.len - 1]))
		sp->meta.data[--sp->meta.len] = '\0';
	/* A header from the previous database says nothing about the next one. */
	if (is_connect(sp->meta.data, sp->meta.len))
		sp->have_hint = false;
}

static int finish_meta(struct splitter *sp, struct stmt *out)
{
	trim_meta(sp);
	sp->state = S_BETWEEN;
	sp->meta_mid = false;
	return emit(sp, out, STMT_META, sp->meta_line, sp->meta_col, -1);
}

static void trim_text(struct splitter *sp)
{
	while (sp->text.len > 0 && is_space((unsigned char)sp->text.data[sp->text.len - 1]))
		sp->text.data[--sp->text.len] = '\0';
}

/*
 * The meta-command that began inside a statement ended with its line.
 * psql keeps the statement's text before it in the query buffer: \g and
 * its kin send that text (the statement ends here, without a ';', and the
 * command comes next), \r empties it, and any other command leaves it to
 * continue on the next line.
 */
static long long skip_copy_data(struct splitter *sp);

static int finish_stmt_meta(struct splitter *sp, struct stmt *out)
{
	const char *cmd;
	size_t n;

	trim_meta(sp);
	sp->meta_mid = true;
	n = split_meta_command(sp->meta.data, sp->meta.len, &cmd);
	if (meta_sends_buffer(cmd, n)) {
		long long rows = -1;
		sp->in_stmt = false;
		sp->state = S_BETWEEN;
		trim_text(sp);
		/* COPY ... FROM stdin \g: psql reads the data lines that follow. */
		if (sp->copy_stdin && (rows = skip_copy_data(sp)) < 0)
			return split_fail(sp);
		sp->pending_meta = true;
		emit(sp, out, STMT_SQL, sp->stmt_line, sp->stmt_col, rows);
		out->sent_by = sp->meta.data;
		return 1;
	}
	if ((n == 1 && cmd[0] == 'r') || (n == 5 && memcmp(cmd, "reset", 5) == 0)) {
		sp->in_stmt = false;
		sp->state = S_BETWEEN;
	} else {
		/* The statement goes on from the newline, which psql adds to its buffer too. */
		sp->run_start = sp->pos;
		sp->state = S_NORMAL;
	}
	return emit(sp, out, STMT_META, sp->meta_line, sp->meta_col, -1);
}

/* The table a COPY statement names, for messages: the word after COPY. */
static void copy_target(const struct strbuf *text, char *buf, size_t cap)
{
	const char *p = text->data + 4; /* the text starts with "COPY" */
	const char *e = text->data + text->len;
	size_t n = 0;
	bool quoted = false;

	while (p < e && is_space((unsigned char)*p))
		p++;
	for (; p < e && n + 1 < cap; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (is_space((unsigned char)*p) || *p == '(' || *p == ';'))
			break;
		buf[n++] = *p;
	}
	buf[n] = '\0';
}

static int copy_without_end(struct splitter *sp)
{
	char target[128];

	copy_target(&sp->text, target, sizeof(target));
	split_report(sp, split_loc(sp, sp->stmt_line, sp->stmt_col),
		     "COPY data for %s ends without a \\. line", target);
	return split_fail(sp);
}

/* The line that ends COPY data: exactly `\.`, maybe with a CR from CRLF line ends. */
static bool is_copy_end(const char *head, size_t len)
{
	return (len == 2 || (len == 3 && head[2] == '\r')) && head[0] == '\\' && head[1] == '.';
}

/*
 * Skip the rest of the COPY statement's line, then its data lines up to
 * the `\.` line.  Data is not SQL, so this runs on memchr over whole
 * lines, not through the state machine.  Returns the number of data
 * lines, or -1 after reporting an error.
 */
static long long skip_copy_data(struct splitter *sp)
{
	long long rows = 0;
	bool first = true; /* still on the COPY statement's own line */
	size_t llen = 0;   /* bytes of the current line so far */
	char head[3];	   /* its first bytes, enough to recognise `\.` */

	sb_reset(&sp->copy_first);
	for (;;) {
		if (sp->pos == sp->end) {
			int r = refill(sp);
			if (r < 0)
				return -1;
			if (r == 0) {
				if (!first && is_copy_end(head, llen))
					return rows;
				copy_without_end(sp);
				return -1;
			}
		}
		const char *p = sp->buf + sp->pos;
		size_t avail = sp->end - sp->pos;
		const char *nl = memchr(p, '\n', avail);
		size_t n = nl ? (size_t)(nl - p) : avail;

		for (size_t i = 0; llen + i < sizeof(head) && i < n; i++)
			head[llen + i] = p[i];
		/* The first data line, kept (in part) for what the builder reads of it. */
		if (!first && rows == 0 && llen < SPLIT_COPY_FIRST_MAX)
			sb_append_len(
			    &sp->copy_first, p,
			    n < SPLIT_COPY_FIRST_MAX - llen ? n : SPLIT_COPY_FIRST_MAX - llen);
		llen += n;
		if (nl == NULL) {
			sp->pos = sp->end;
			continue;
		}
		sp->pos += n + 1;
		sp->line++;
		sp->line_start = sp->base + (long long)sp->pos;
		if (first)
			first = false;
		else if (is_copy_end(head, llen))
			return rows;
		else
			rows++;
		llen = 0;
	}
}

/* The `;` at buf[pos - 1] ended the statement. */
static int finish_statement(struct splitter *sp, struct stmt *out)
{
	if (flush_run(sp, sp->pos) < 0)
		return split_fail(sp);
	sp->in_stmt = false;
	sp->state = S_BETWEEN;

	long long rows = -1;
	if (sp->copy_stdin) {
		rows = skip_copy_data(sp);
		if (rows < 0)
			return split_fail(sp);
	}
	return emit(sp, out, STMT_SQL, sp->stmt_line, sp->stmt_col, rows);
}

static int unterminated(struct splitter *sp, const char *what)
{
	split_report(sp, split_loc(sp, sp->tok_line, sp->tok_col), "unterminated %s starting here",
		     what);
	return split_fail(sp);
}

/* End of input: whatever state we are in decides between done, a last statement, or an error. */
static int at_eof(struct splitter *sp, struct stmt *out)
{
	switch (sp->state) {
	case S_BETWEEN:
		sp->done = true;
		return 0;
	case S_BETWEEN_COMMENT:
		finish_comment(sp);
		sp->done = true;
		return 0;
	case S_META:
		sp->done = true;
		return finish_meta(sp, out);
	case S_STMT_META:
		/* As if the line ended; the next call finds the end again. */
		return finish_stmt_meta(sp, out);
	case S_BSL:
		/* A lone '\\' at the very end: psql drops it. */
		sp->state = S_NORMAL;
		break;
	case S_COLON:
		sp->state = S_NORMAL;
		break;
	case S_BETWEEN_DASH:
	case S_BETWEEN_SLASH:
		begin_pending_statement(sp);
		break;
	case S_BLOCK:
	case S_BLOCK_STAR:
	case S_BLOCK_SLASH:
		return unterminated(sp, "/* comment");
	case S_SQUOTE:
	case S_SQUOTE_BSL:
		return unterminated(sp, "quoted string");
	case S_DQUOTE:
		return unterminated(sp, "quoted identifier");
	case S_DOLLAR_BODY:
	case S_DOLLAR_CLOSE: {
		char what[TAG_SHOWN + 40];
		int shown = sp->tag.len > TAG_SHOWN ? TAG_SHOWN : (int)sp->tag.len;
		snprintf(what, sizeof(what), "dollar-quoted string ($%.*s$)", shown,
			 sp->tag.data ? sp->tag.data : "");
		return unterminated(sp, what);
	}
	default:
		break;
	}

	/* Text without a closing ';' is the last statement. */
	if (sp->state == S_NORMAL && sp->wlen > 0)
		word_end(sp);
	sp->done = true;
	sp->in_stmt = false;
	while (sp->text.len > 0 && is_space((unsigned char)sp->text.data[sp->text.len - 1]))
		sp->text.data[--sp->text.len] = '\0';
	if (sp->copy_stdin)
		return copy_without_end(sp);
	return emit(sp, out, STMT_SQL, sp->stmt_line, sp->stmt_col, -1);
}

/*
 * Run a -- comment (or meta-command line) up to its newline with memchr.
 * Returns the bytes before the newline, and sets *nl when it was found.
 */
static size_t line_span(const struct splitter *sp, bool *nl)
{
	const char *p = sp->buf + sp->pos;
	const char *q = memchr(p, '\n', sp->end - sp->pos);

	*nl = q != NULL;
	return q ? (size_t)(q - p) : sp->end - sp->pos;
}

/* Position of a NUL byte in the next n bytes, or n. */
static size_t find_nul(const struct splitter *sp, size_t n)
{
	const char *z = memchr(sp->buf + sp->pos, '\0', n);
	return z ? (size_t)(z - (sp->buf + sp->pos)) : n;
}

/*
 * Run over bytes that mean nothing in the current state (comment, string
 * or quote bodies) up to the next one that may: `a`, `b`, a NUL, or the
 * end of the buffer.  Only newlines need counting on the way.
 */
static inline void skip_until(struct splitter *sp, unsigned char a, unsigned char b)
{
	size_t i = sp->pos;

	for (; i < sp->end; i++) {
		unsigned char c = (unsigned char)sp->buf[i];
		if (c == a || c == b || c == '\0')
			break;
		if (c == '\n') {
			sp->line++;
			sp->line_start = sp->base + (long long)i + 1;
		}
	}
	sp->pos = i;
}

static int scan(struct splitter *sp, struct stmt *out)
{
	for (;;) {
		if (sp->pos == sp->end) {
			int r = refill(sp);
			if (r < 0)
				return split_fail(sp);
			if (r == 0)
				return at_eof(sp, out);
		}

		unsigned char c = (unsigned char)sp->buf[sp->pos];
		if (c == '\0')
			return nul_error(sp, 0);

		/* Each case either breaks (c is consumed below) or continues (c is looked at
		 * again). */
		switch (sp->state) {
		case S_BETWEEN:
			/* An empty statement (`;;`, a lone `;` after comments) is nothing. */
			if (is_space(c) || c == ';')
				break;
			if (c == '-' || c == '/') {
				sp->pending = (char)c;
				sp->pend_line = sp->line;
				sp->pend_col = col_at(sp, 0);
				sp->state = c == '-' ? S_BETWEEN_DASH : S_BETWEEN_SLASH;
				break;
			}
			if (c == '\\') {
				sb_reset(&sp->meta);
				sp->meta_line = sp->line;
				sp->meta_col = col_at(sp, 0);
				sp->state = S_META;
				continue;
			}
			begin_statement(sp, sp->line, col_at(sp, 0));
			continue;

		case S_BETWEEN_DASH:
			if (c == '-') {
				sb_reset(&sp->comment);
				sp->state = S_BETWEEN_COMMENT;
				break;
			}
			begin_pending_statement(sp);
			continue;

		case S_BETWEEN_SLASH:
			if (c == '*') {
				sp->tok_line = sp->pend_line;
				sp->tok_col = sp->pend_col;
				sp->comment_depth = 1;
				sp->state = S_BLOCK;
				break;
			}
			begin_pending_statement(sp);
			continue;

		case S_BETWEEN_COMMENT: {
			bool nl;
			size_t n = line_span(sp, &nl);
			size_t z = find_nul(sp, n);
			if (z < n)
				return nul_error(sp, z);
			if (sp->comment.len < COMMENT_KEEP) {
				size_t keep = COMMENT_KEEP - sp->comment.len;
				sb_append_len(&sp->comment, sp->buf + sp->pos, n < keep ? n : keep);
			}
			sp->pos += n;
			if (nl) {
				finish_comment(sp);
				sp->state = S_BETWEEN; /* which takes the newline */
			}
			continue;
		}

		case S_META:
		case S_STMT_META: {
			bool nl;
			size_t n = line_span(sp, &nl);
			size_t z = find_nul(sp, n);
			if (z < n)
				return nul_error(sp, z);
			if (sp->meta.len + n > PGB_MAX_STATEMENT_BYTES) {
				split_report(
				    sp, split_loc(sp, sp->meta_line, sp->meta_col),
				    "meta-command line is longer than the limit of %u bytes",
				    (unsigned)PGB_MAX_STATEMENT_BYTES);
				return split_fail(sp);
			}
			sb_append_len(&sp->meta, sp->buf + sp->pos, n);
			sp->pos += n;
			if (sp->state == S_STMT_META)
				sp->run_start = sp->pos;
			if (!nl)
				continue;
			if (sp->state == S_STMT_META)
				return finish_stmt_meta(
				    sp, out); /* the newline stays for the statement */
			sp->pos++;
			sp->line++;
			sp->line_start = sp->base + (long long)sp->pos;
			return finish_meta(sp, out);
		}

		case S_NORMAL:
			if (is_word_start(c) || (sp->wlen > 0 && (is_digit(c) || c == '$'))) {
				if (sp->wlen < WORD_MAX)
					sp->word[sp->wlen] = ascii_lower(c);
				sp->wlen++;
				break;
			}
			{
				/* E'...' only when the E is a word of its own; B'...' and
				 * X'...' (bit strings) never take backslash escapes, even
				 * with standard_conforming_strings off (scan.l's xb, xh). */
				bool e_prefix = sp->wlen == 1 && sp->word[0] == 'e';
				bool bit_prefix =
				    sp->wlen == 1 && (sp->word[0] == 'b' || sp->word[0] == 'x');
				if (sp->wlen > 0)
					word_end(sp);
				switch (c) {
				case ';':
					if (sp->paren == 0 && sp->begin_depth == 0) {
						sp->pos++;
						return finish_statement(sp, out);
					}
					break;
				case '(':
					sp->paren++;
					break;
				case ')':
					if (sp->paren > 0)
						sp->paren--;
					break;
				case '\'':
					sp->tok_line = sp->line;
					sp->tok_col = col_at(sp, 0);
					sp->escapes =
					    e_prefix || (!sp->standard_strings && !bit_prefix);
					sp->state = S_SQUOTE;
					break;
				case '"':
					sp->tok_line = sp->line;
					sp->tok_col = col_at(sp, 0);
					sp->state = S_DQUOTE;
					break;
				case '$':
					/* Not inside a word (a$b), so it may open $tag$; $1 is
					 * decided next. */
					sp->tok_line = sp->line;
					sp->tok_col = col_at(sp, 0);
					sb_reset(&sp->tag);
					sp->state = S_DOLLAR_TAG;
					break;
				case '-':
					sp->state = S_DASH;
					break;
				case '/':
					sp->state = S_SLASH;
					break;
				case '\\':
					/* psql's: the backslash never reaches the server. */
					if (flush_run(sp, sp->pos) < 0)
						return split_fail(sp);
					sp->run_start = sp->pos + 1;
					sp->meta_line = sp->line;
					sp->meta_col = col_at(sp, 0);
					sp->state = S_BSL;
					break;
				case ':':
					sp->colon_off = sp->text.len + (sp->pos - sp->run_start);
					sp->state = S_COLON;
					break;
				default:
					break;
				}
			}
			break;

		case S_BSL:
			/* psqlscan.l: \; and \: put the bare character in the buffer. */
			if (c == ';') {
				sp->state = S_NORMAL;
				continue;
			}
			if (c == ':') {
				sp->state = S_NORMAL;
				break;
			}
			/* A meta-command: the rest of the line, backslash included. */
			sb_reset(&sp->meta);
			sb_putc(&sp->meta, '\\');
			sp->run_start = sp->pos; /* the command is not statement text */
			sp->state = S_STMT_META;
			continue;

		case S_COLON:
			/*
			 * psqlscan.l: `::` is a cast; :name, :'name', :"name" are
			 * interpolated, and :{?name} becomes TRUE or FALSE.
			 */
			if (c == ':') {
				sp->state = S_NORMAL;
				break;
			}
			if (is_word_start(c) || is_digit(c) || c == '\'' || c == '"' || c == '{') {
				if (sp->n_vars < SPLIT_MAX_VARS)
					sp->var_off[sp->n_vars] = sp->colon_off;
				if (sp->n_vars < INT_MAX)
					sp->n_vars++;
			}
			sp->state = S_NORMAL;
			continue;

		case S_DASH:
			if (c == '-') {
				sp->state = S_LINE_COMMENT;
				break;
			}
			sp->state = S_NORMAL;
			continue;

		case S_SLASH:
			if (c == '*') {
				sp->tok_line = sp->line;
				sp->tok_col =
				    col_at(sp, 0) - 1; /* the '/' is on this line, just before */
				sp->comment_depth = 1;
				sp->state = S_BLOCK;
				break;
			}
			sp->state = S_NORMAL;
			continue;

		case S_LINE_COMMENT: {
			bool nl;
			size_t n = line_span(sp, &nl);
			size_t z = find_nul(sp, n);
			if (z < n)
				return nul_error(sp, z);
			sp->pos += n;
			if (nl)
				sp->state = S_NORMAL; /* which takes the newline */
			continue;
		}

		case S_BLOCK:
			if (c == '*') {
				sp->state = S_BLOCK_STAR;
				break;
			}
			if (c == '/') {
				sp->state = S_BLOCK_SLASH;
				break;
			}
			/* Comment text: run to the next '*', '/' or NUL without the full dispatch.
			 */
			skip_until(sp, '*', '/');
			continue;

		case S_BLOCK_STAR:
			if (c == '/') {
				if (--sp->comment_depth == 0)
					sp->state = sp->in_stmt ? S_NORMAL : S_BETWEEN;
				else
					sp->state = S_BLOCK;
				break;
			}
			if (c != '*')
				sp->state = S_BLOCK;
			break;

		case S_BLOCK_SLASH:
			if (c == '*') {
				sp->comment_depth++;
				sp->state = S_BLOCK;
				break;
			}
			if (c != '/')
				sp->state = S_BLOCK;
			break;

		case S_SQUOTE:
			if (c == '\'') {
				sp->state = S_SQUOTE_END;
				break;
			}
			if (c == '\\' && sp->escapes) {
				sp->state = S_SQUOTE_BSL;
				break;
			}
			skip_until(sp, '\'', sp->escapes ? '\\' : '\'');
			continue;

		case S_SQUOTE_BSL:
			sp->state = S_SQUOTE;
			break;

		case S_SQUOTE_END:
			if (c == '\'') {
				sp->state = S_SQUOTE; /* '' is a quote inside the string */
				break;
			}
			sp->state = S_NORMAL;
			continue;

		case S_DQUOTE:
			if (c == '"') {
				sp->state = S_DQUOTE_END;
				break;
			}
			skip_until(sp, '"', '"');
			continue;

		case S_DQUOTE_END:
			if (c == '"') {
				sp->state = S_DQUOTE;
				break;
			}
			sp->state = S_NORMAL;
			continue;

		case S_DOLLAR_TAG:
			if (c == '$') {
				sp->tag_match = 0;
				sp->state = S_DOLLAR_BODY;
				break;
			}
			if (is_word_start(c) || (sp->tag.len > 0 && is_digit(c))) {
				sb_putc(&sp->tag, (char)c);
				break;
			}
			/* Not a dollar quote ($1, or a lone '$'): plain text from here. */
			sp->state = S_NORMAL;
			continue;

		case S_DOLLAR_BODY:
			if (c == '$') {
				sp->tag_match = 0;
				sp->state = S_DOLLAR_CLOSE;
				break;
			}
			skip_until(sp, '$', '$');
			continue;

		case S_DOLLAR_CLOSE:
			/*
			 * Tags hold no '$', so on a mismatch the only place the
			 * closing delimiter can start over is this byte, if it is '$'.
			 */
			if (sp->tag_match == sp->tag.len) {
				if (c == '$')
					sp->state = S_NORMAL;
				else
					sp->state = S_DOLLAR_BODY;
				break;
			}
			if (c == (unsigned char)sp->tag.data[sp->tag_match])
				sp->tag_match++;
			else if (c == '$')
				sp->tag_match = 0;
			else
				sp->state = S_DOLLAR_BODY;
			break;
		}

		if (c == '\n') {
			sp->line++;
			sp->line_start = sp->base + (long long)sp->pos + 1;
		}
		sp->pos++;
	}
}

int split_next(struct splitter *sp, struct stmt *out)
{
	if (sp->failed)
		return -1;
	if (sp->pending_meta) {
		sp->pending_meta = false;
		return emit(sp, out, STMT_META, sp->meta_line, sp->meta_col, -1);
	}
	if (sp->done)
		return 0;
	if (!sp->started && start_input(sp) < 0)
		return split_fail(sp);
	return scan(sp, out);
}

const char *split_encoding(const struct splitter *sp)
{
	bool converted;
	const char *e = input_encoding(sp->in, &converted);
	return e != NULL ? e : "UTF8";
}

bool split_reads_in(const struct splitter *sp, const char *encoding)
{
	return input_same_encoding(encoding, split_encoding(sp));
}
