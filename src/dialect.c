/*
 * dialect.c
 *	  A table of PCRE2 rewrite rules that turn the syntax of newer (and a
 *	  few older) pg_dump versions into what libpg_query's PostgreSQL 15
 *	  grammar accepts (see dialect.h).  Each rule is compiled once, on
 *	  first use, and applied with pcre2_substitute(); a substitute callout
 *	  records where each replacement landed, so the builder can find the
 *	  column or constraint whose meaning the rewrite dropped.
 *
 *	  The forms matched are the ones pg_dump writes, read from
 *	  src/bin/pg_dump/pg_dump.c (dumpTableSchema, dumpConstraint) and from
 *	  what the server's pg_get_constraintdef() returns to it; the unit
 *	  tests (tests/unit/test_dialect.c) quote each one.
 */
#include "dialect.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdlib.h>
#include <string.h>

/* An identifier as pg_dump prints it: quoted ("a""b"), or a bare word. */
#define IDENT "(?:\"(?:[^\"]|\"\")*\"|[^\\s,()\";]+)"

/* A table-level not-null element: "CONSTRAINT name NOT NULL col" or "NOT NULL col". */
#define NN_ELEMENT                                                                                 \
	"(?:CONSTRAINT\\s+" IDENT "\\s+)?NOT\\s+NULL\\s+(" IDENT ")(?:\\s+NO\\s+INHERIT)?"

/* Bounds backtracking on hostile input; pg_dump's statements need far less. */
#define DIALECT_MATCH_LIMIT 10000000

struct rule {
	const char *name;
	unsigned flag;		 /* enum dialect_flag */
	bool site;		 /* record where it fired (the builder needs the owner) */
	const char *pattern;	 /* PCRE2, caseless */
	const char *replacement; /* PCRE2_SUBSTITUTE_EXTENDED syntax */
	pcre2_code *re;		 /* compiled on first use */
};

/*
 * Order matters: the table-level NOT NULL forms take their own NO INHERIT
 * before the column rule strips the rest, and NOT ENFORCED goes before a
 * bare ENFORCED.
 */
static struct rule rules[] = {
    /*
     * PG 18 dumpTableSchema: a column the table inherits but carries a
     * local not-null constraint on is printed as a table element,
     * "CONSTRAINT %s NOT NULL %s" (the name unquoted) or "NOT NULL %s".
     * The 15 grammar has no such element; it goes, and the builder marks
     * the column NOT NULL from the site's argument.  Once after a comma,
     * once as the first element.
     */
    {"not-null element", DIALECT_NOT_NULL_ELEMENT, true, ",\\s*" NN_ELEMENT "(?=\\s*[,)])", "",
     NULL},
    {"first not-null element", DIALECT_NOT_NULL_ELEMENT, true,
     "(?<=\\()\\s*" NN_ELEMENT "\\s*(?:,\\s*|(?=\\)))", "", NULL},
    /*
     * PG 18 can add a domain's not-null as a named constraint, NOT VALID
     * too: ALTER DOMAIN d ADD CONSTRAINT n NOT NULL [NOT VALID], which the
     * 15 grammar has only as ALTER DOMAIN d SET NOT NULL.
     */
    {"add domain not-null constraint", DIALECT_NOT_NULL_ADD, false,
     "(\\bDOMAIN\\s+(?:" IDENT "\\.)?" IDENT "\\s+)ADD\\s+CONSTRAINT\\s+" IDENT
     "\\s+NOT\\s+NULL(?:\\s+NOT\\s+VALID)?(?=\\s*(?:;|\\z))",
     "${1}SET NOT NULL", NULL},
    /* PG 18: ALTER TABLE ... ADD CONSTRAINT n NOT NULL col [NO INHERIT] [NOT VALID]. */
    {"add not-null constraint", DIALECT_NOT_NULL_ADD, false,
     "\\bADD\\s+CONSTRAINT\\s+" IDENT "\\s+NOT\\s+NULL\\s+(" IDENT
     ")(?:\\s+NO\\s+INHERIT)?(?:\\s+NOT\\s+VALID)?(?=\\s*(?:;|\\z))",
     "ALTER COLUMN ${1} SET NOT NULL", NULL},
    /* PG 18 dumpTableSchema: " NOT NULL" then " NO INHERIT" on a column. */
    {"not null no inherit", DIALECT_NOT_NULL_NO_INHERIT, false,
     "\\bNOT\\s+NULL\\s+NO\\s+INHERIT\\b", "NOT NULL", NULL},
    /*
     * PG 18 dumpTableSchema writes a virtual generated column as
     * " GENERATED ALWAYS AS (%s)" with no keyword after it (VIRTUAL is the
     * default); VIRTUAL may also be written out.  The 15 grammar needs
     * STORED.  The expression's parentheses are matched recursively,
     * skipping quoted strings and identifiers.
     */
    {"virtual generated column", DIALECT_VIRTUAL, true,
     "(\\bGENERATED\\s+ALWAYS\\s+AS\\s*"
     "(\\((?:[^()'\"]++|'(?:[^']|'')*+'|\"(?:[^\"]|\"\")*+\"|(?2))*+\\)))"
     "(?:\\s+VIRTUAL\\b)?(?!\\s*STORED\\b)",
     "${1} STORED", NULL},
    /* PG 18 pg_get_constraintdef: "CHECK (...) NOT ENFORCED", "FOREIGN KEY ... NOT ENFORCED". */
    {"not enforced", DIALECT_NOT_ENFORCED, true, "\\s+NOT\\s+ENFORCED\\b", "", NULL},
    /* An explicit ENFORCED (the default) after a constraint; not a column named "enforced". */
    {"enforced", DIALECT_ENFORCED, false,
     "(?<=[^,(\\s])\\s+ENFORCED\\b(?=\\s*(?:[,;)]|NOT\\s+VALID\\b|\\z))", "", NULL},
    /* PG 18 temporal keys: "PRIMARY KEY (id, valid_at WITHOUT OVERLAPS)", also UNIQUE. */
    {"without overlaps", DIALECT_WITHOUT_OVERLAPS, true, "\\s+WITHOUT\\s+OVERLAPS\\b", "", NULL},
    /* PG 18: "FOREIGN KEY (id, PERIOD valid_at) REFERENCES t(id, PERIOD valid_at)". */
    {"period", DIALECT_PERIOD, true,
     "((?:\\bFOREIGN\\s+KEY|\\bREFERENCES\\s[^(;]*?)\\s*\\([^()]*?,\\s*)PERIOD\\s+", "${1}", NULL},
    /* PostgreSQL 11 and older: CREATE TABLE ... WITH OIDS, a syntax error since 12. */
    {"with oids", DIALECT_WITH_OIDS, false, "(?<=\\))\\s*WITH\\s+OIDS\\b", "", NULL},
    /*
     * pg_dump 7.x: CREATE TRUSTED PROCEDURAL LANGUAGE 'plpgsql' HANDLER ...
     * LANCOMPILER 'PL/pgSQL'.  Old servers took a quoted name and the
     * (ignored) LANCOMPILER clause; the 15 grammar takes neither.  Two
     * rules: the name, the clause.
     */
    {"quoted language name", DIALECT_OLD_LANGUAGE, false,
     "(\\bLANGUAGE\\s+)'([A-Za-z_][A-Za-z0-9_]*)'(?=\\s+HANDLER\\b)", "${1}\"${2}\"", NULL},
    {"lancompiler", DIALECT_OLD_LANGUAGE, false, "\\s+LANCOMPILER\\s+'(?:[^']|'')*'", "", NULL},
};

static pcre2_match_context *mctx;
static bool broken; /* a pattern failed to compile: a bug; rewrite nothing */

static bool compile_rules(void)
{
	if (mctx != NULL)
		return true;
	if (broken)
		return false;
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		int err;
		PCRE2_SIZE off;
		rules[i].re = pcre2_compile((PCRE2_SPTR)rules[i].pattern, PCRE2_ZERO_TERMINATED,
					    PCRE2_CASELESS, &err, &off, NULL);
		if (rules[i].re == NULL) {
			broken = true;
			dialect_cleanup();
			return false;
		}
	}
	mctx = pcre2_match_context_create(NULL);
	if (mctx == NULL) {
		broken = true;
		dialect_cleanup();
		return false;
	}
	pcre2_set_match_limit(mctx, DIALECT_MATCH_LIMIT);
	return true;
}

void dialect_cleanup(void)
{
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		pcre2_code_free(rules[i].re);
		rules[i].re = NULL;
	}
	pcre2_match_context_free(mctx);
	mctx = NULL;
}

/* One replacement: where it was in the rule's input and where it is in its output. */
struct edit {
	size_t in_start, in_end;
	size_t out_start, out_end;
};

/* ---- Where the rules may not look ---------------------------------------- */

/* A string literal, quoted identifier or comment: bytes [start, end). */
struct region {
	size_t start, end;
};

struct regions {
	struct region *v;
	size_t n, cap;
};

static bool ident_char(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u || c == '_' ||
	       c == '$' || c >= 0x80;
}

static void add_region(struct regions *r, size_t start, size_t end)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	r->v[r->n++] = (struct region){start, end};
}

/*
 * The protected parts of `s`, in order, as scan.l lexes them: '...' with
 * '' doubled (and backslash escapes in E'...', or in every '...' when
 * standard_conforming_strings is off), "..." with "" doubled, $tag$...$tag$,
 * -- to the end of the line and nested slash-star comments.  An
 * unterminated one runs to the end.
 */
static void find_regions(const char *s, size_t len, bool standard_strings, struct regions *r)
{
	r->n = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		size_t start = i;
		if (c == '\'') {
			bool esc =
			    !standard_strings || (i > 0 && (s[i - 1] == 'e' || s[i - 1] == 'E') &&
						  (i == 1 || !ident_char((unsigned char)s[i - 2])));
			for (i++; i < len; i++) {
				if (esc && s[i] == '\\' && i + 1 < len) {
					i++;
				} else if (s[i] == '\'') {
					if (i + 1 < len && s[i + 1] == '\'') {
						i++;
						continue;
					}
					break;
				}
			}
			i = i < len ? i + 1 : len;
			add_region(r, start, i);
		} else if (c == '"') {
			for (i++; i < len; i++) {
				if (s[i] == '"') {
					if (i + 1 < len && s[i + 1] == '"') {
						i++;
						continue;
					}
					break;
				}
			}
			i = i < len ? i + 1 : len;
			add_region(r, start, i);
		} else if (c == '-' && i + 1 < len && s[i + 1] == '-') {
			while (i < len && s[i] != '\n')
				i++;
			add_region(r, start, i);
		} else if (c == '/' && i + 1 < len && s[i + 1] == '*') {
			int depth = 0;
			while (i < len) {
				if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
					depth++;
					i += 2;
				} else if (s[i] == '*' && i + 1 < len && s[i + 1] == '/') {
					i += 2;
					if (--depth == 0)
						break;
				} else {
					i++;
				}
			}
			add_region(r, start, i);
		} else if (c == '$' && (i == 0 || !ident_char((unsigned char)s[i - 1]))) {
			size_t t = i + 1;
			while (t < len && ident_char((unsigned char)s[t]) && s[t] != '$' &&
			       !(t == i + 1 && s[t] >= '0' && s[t] <= '9'))
				t++;
			if (t >= len || s[t] != '$') {
				i++; /* $1, or a lone '$' */
				continue;
			}
			size_t taglen = t + 1 - i; /* "$tag$" */
			const char *close = NULL;
			for (size_t k = t + 1; k + taglen <= len; k++) {
				if (s[k] == '$' && memcmp(s + k, s + i, taglen) == 0) {
					close = s + k;
					break;
				}
			}
			i = close ? (size_t)(close - s) + taglen : len;
			add_region(r, start, i);
		} else if (ident_char(c)) {
			/* A word: a '$' inside it (a$b) starts nothing; E'' is told apart above. */
			while (i < len && ident_char((unsigned char)s[i]))
				i++;
		} else {
			i++;
		}
	}
}

/* Whether offset x is strictly inside a protected region (not at its first byte). */
static bool inside_region(const struct regions *r, size_t x)
{
	size_t lo = 0, hi = r->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->v[mid].end <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n && r->v[lo].start < x && x < r->v[lo].end;
}

/* What the callout collects during one rule's pcre2_substitute(). */
struct pass {
	const struct regions *regions; /* of the rule's input */
	const struct rule *rule;
	struct edit *edits;
	size_t n_edits, cap_edits;
	struct dialect_site *sites;
	size_t n_sites, cap_sites;
};

static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 8;
	return xrealloc(v, *cap * size);
}

/* "a""b" -> a"b; a bare word folds to lower case, as the server would fold it. */
static char *unquote_ident(const char *s, size_t n)
{
	char *r = xmalloc(n + 1);
	size_t k = 0;
	if (n >= 2 && s[0] == '"') {
		for (size_t i = 1; i + 1 < n; i++) {
			r[k++] = s[i];
			if (s[i] == '"' && s[i + 1] == '"')
				i++;
		}
	} else {
		for (size_t i = 0; i < n; i++)
			r[k++] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
	}
	r[k] = '\0';
	return r;
}

static int on_substitute(pcre2_substitute_callout_block *cb, void *data)
{
	struct pass *ps = data;

	/* A match that begins or ends inside a literal, name or comment is not syntax. */
	if (inside_region(ps->regions, cb->ovector[0]) ||
	    inside_region(ps->regions, cb->ovector[1]))
		return 1; /* keep the text; look for the next match */

	ps->edits = grow(ps->edits, &ps->cap_edits, ps->n_edits, sizeof(*ps->edits));
	ps->edits[ps->n_edits++] = (struct edit){
	    .in_start = cb->ovector[0],
	    .in_end = cb->ovector[1],
	    .out_start = cb->output_offsets[0],
	    .out_end = cb->output_offsets[1],
	};
	if (!ps->rule->site)
		return 0;

	struct dialect_site s = {.flag = ps->rule->flag, .offset = cb->output_offsets[0]};
	/* The not-null element's column is group 1. */
	if (ps->rule->flag == DIALECT_NOT_NULL_ELEMENT && cb->oveccount > 1 &&
	    cb->ovector[2] != PCRE2_UNSET)
		s.arg = unquote_ident((const char *)cb->input + cb->ovector[2],
				      cb->ovector[3] - cb->ovector[2]);
	ps->sites = grow(ps->sites, &ps->cap_sites, ps->n_sites, sizeof(*ps->sites));
	ps->sites[ps->n_sites++] = s;
	return 0;
}

static void pass_reset(struct pass *ps)
{
	for (size_t i = 0; i < ps->n_sites; i++)
		free(ps->sites[i].arg);
	ps->n_edits = 0;
	ps->n_sites = 0;
}

/* Where an offset into a rule's input ended up in its output. */
static size_t remap(const struct pass *ps, size_t x)
{
	long long delta = 0;
	for (size_t i = 0; i < ps->n_edits; i++) {
		const struct edit *e = &ps->edits[i];
		if (e->in_end <= x)
			delta += (long long)(e->out_end - e->out_start) -
				 (long long)(e->in_end - e->in_start);
		else if (e->in_start < x)
			return e->out_start; /* inside a replaced span: its start */
		else
			break;
	}
	return (size_t)((long long)x + delta);
}

/*
 * Run one rule over `text`.  Returns the rewritten text (malloc'd) when the
 * rule fired, else NULL; ps holds the edits and new sites.
 */
static char *apply_rule(struct rule *r, const char *text, bool standard_strings, struct pass *ps)
{
	size_t len = strlen(text);
	PCRE2_SIZE outlen = len + len / 4 + 256;
	char *out = NULL;
	struct regions regions = {0};

	find_regions(text, len, standard_strings, &regions);
	ps->regions = &regions;
	ps->rule = r;
	pcre2_set_substitute_callout(mctx, on_substitute, ps);
	for (int attempt = 0; attempt < 2; attempt++) {
		pass_reset(ps);
		out = xrealloc(out, outlen);
		int rc = pcre2_substitute(r->re, (PCRE2_SPTR)text, len, 0,
					  PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_EXTENDED |
					      PCRE2_SUBSTITUTE_OVERFLOW_LENGTH,
					  NULL, mctx, (PCRE2_SPTR)r->replacement,
					  PCRE2_ZERO_TERMINATED, (PCRE2_UCHAR *)out, &outlen);
		if (rc > 0 && ps->n_edits > 0) {
			free(regions.v);
			return out;
		}
		if (rc != PCRE2_ERROR_NOMEMORY)
			break; /* no match, or the match limit: leave the text as it is */
			       /* outlen now holds the size needed, terminator included. */
	}
	pass_reset(ps);
	free(out);
	free(regions.v);
	return NULL;
}

static void add_sites(struct dialect_rewrite *rw, size_t *cap, const struct pass *ps)
{
	for (size_t i = 0; i < ps->n_sites; i++) {
		rw->sites = grow(rw->sites, cap, rw->n_sites, sizeof(*rw->sites));
		rw->sites[rw->n_sites++] = ps->sites[i];
	}
}

/*
 * A word every rule's pattern needs, matched caselessly in ASCII as
 * PCRE2_CASELESS does without UTF: a statement with none of them cannot be
 * rewritten, and is passed over without running 13 substitutions (a dump
 * of millions of lines the parser rejects).  Keep in step with rules[].
 */
static const char *const needed_words[] = {
    "null", /* the NOT NULL forms */
    "generated", "enforced", "overlaps", "period", "oids", "language", "lancompiler",
};

static bool has_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	for (; *s; s++) {
		size_t i = 0;
		while (i < n && s[i] && (s[i] | 0x20) == w[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

static bool may_apply(const char *sql)
{
	for (size_t i = 0; i < sizeof(needed_words) / sizeof(needed_words[0]); i++)
		if (has_word(sql, needed_words[i]))
			return true;
	return false;
}

bool dialect_rewrite(const char *sql, bool standard_strings, struct dialect_rewrite *out)
{
	struct pass ps = {0};
	size_t cap_sites = 0;
	char *text = NULL;

	memset(out, 0, sizeof(*out));
	if (!may_apply(sql) || !compile_rules())
		return false;
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		char *next = apply_rule(&rules[i], text ? text : sql, standard_strings, &ps);
		if (next == NULL)
			continue;
		/* Sites of earlier rules move with this rule's edits. */
		for (size_t j = 0; j < out->n_sites; j++)
			out->sites[j].offset = remap(&ps, out->sites[j].offset);
		add_sites(out, &cap_sites, &ps);
		ps.n_sites = 0; /* their args now belong to out */
		out->flags |= rules[i].flag;
		free(text);
		text = next;
	}
	free(ps.edits);
	free(ps.sites);
	if (text == NULL)
		return false;
	out->text = text;
	return true;
}

void dialect_rewrite_free(struct dialect_rewrite *rw)
{
	for (size_t i = 0; i < rw->n_sites; i++)
		free(rw->sites[i].arg);
	free(rw->sites);
	free(rw->text);
	memset(rw, 0, sizeof(*rw));
}
