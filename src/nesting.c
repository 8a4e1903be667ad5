/*
 * nesting.c
 *	  How deeply a statement nests, estimated from its text before the parse.
 *
 * What walks a parse tree recurses over it with no depth check: the
 * builder's expression walks, and for every deparse libpg_query's protobuf
 * conversion, protobuf-c's pack and unpack and the deparser itself; so a
 * hostile statement such as `a+a+...+a` with 10,000 terms would overflow
 * the stack.  Before the parse, the
 * depth is estimated from the text, skipping strings, quoted names, dollar
 * quotes and comments:
 *   - a bracket, or CASE ... END, opens a level;
 *   - within a level, each operator or keyword that can nest without a
 *     bracket (NOT, IS, ::, JOIN, UNION, ...) adds one, because a chain of
 *     them builds a left-deep tree;
 *   - a comma, WHEN, THEN or ELSE starts a sibling, so it clears the
 *     level's count;
 *   - AND and OR clear only the expression operators since the last one:
 *     the grammar flattens their chains into one node, but a JOIN or UNION
 *     chain goes on across them.
 * The estimate is the number of open levels plus every level's count.
 */
#include "nesting.h"

#include <stdlib.h>
#include <string.h>

static bool ident_char(unsigned char c)
{
	return c == '_' || c >= 0x80 || (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

enum nest_word {
	NEST_NONE,
	NEST_OP,      /* nests like an operator: NOT, IS, LIKE, ... */
	NEST_CHAIN,   /* nests across AND and OR: JOIN, UNION, ... */
	NEST_SIBLING, /* starts a sibling: WHEN, THEN, ELSE */
	NEST_FLAT,    /* AND, OR */
	NEST_OPEN,    /* CASE */
	NEST_CLOSE,   /* END */
};

static enum nest_word nest_word(const char *w, size_t n)
{
#define KW(word, kind)                                                                             \
	{                                                                                          \
		word, sizeof(word) - 1, kind                                                       \
	}
	static const struct {
		const char *word;
		size_t len;
		enum nest_word kind;
	} kw[] = {
	    KW("not", NEST_OP),		 KW("is", NEST_OP),	   KW("collate", NEST_OP),
	    KW("at", NEST_OP),		 KW("like", NEST_OP),	   KW("ilike", NEST_OP),
	    KW("similar", NEST_OP),	 KW("between", NEST_OP),   KW("in", NEST_OP),
	    KW("overlaps", NEST_OP),	 KW("join", NEST_CHAIN),   KW("union", NEST_CHAIN),
	    KW("intersect", NEST_CHAIN), KW("except", NEST_CHAIN), KW("when", NEST_SIBLING),
	    KW("then", NEST_SIBLING),	 KW("else", NEST_SIBLING), KW("and", NEST_FLAT),
	    KW("or", NEST_FLAT),	 KW("case", NEST_OPEN),	   KW("end", NEST_CLOSE),
	};
#undef KW
	/* Every keyword's first letter, lower case: most words are rejected here. */
	static const char firsts[] = "nicalsboujwteo";

	if (n < 2 || n > 9) /* most words: no keyword is that short or long */
		return NEST_NONE;
	if (strchr(firsts, w[0] | 0x20) == NULL)
		return NEST_NONE;
	for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (kw[i].len == n && strncasecmp(w, kw[i].word, n) == 0)
			return kw[i].kind;
	return NEST_NONE;
}

/* Past the end of a quoted string or name that starts at s[i] (the quote). */
static size_t skip_quoted(const char *s, size_t len, size_t i, bool backslashes)
{
	char q = s[i++];

	while (i < len) {
		if (backslashes && s[i] == '\\' && i + 1 < len) {
			i += 2;
		} else if (s[i] == q) {
			if (i + 1 < len && s[i + 1] == q)
				i += 2;
			else
				return i + 1;
		} else {
			i++;
		}
	}
	return len;
}

/* Past a $tag$...$tag$ string starting at s[i], or i itself when s[i] starts none. */
static size_t skip_dollar(const char *s, size_t len, size_t i)
{
	size_t t = i + 1;

	if (i > 0 && ident_char((unsigned char)s[i - 1]))
		return i; /* part of a name such as a$1 */
	if (t < len && s[t] >= '0' && s[t] <= '9')
		return i; /* a $1 parameter */
	while (t < len && ident_char((unsigned char)s[t]))
		t++;
	if (t >= len || s[t] != '$')
		return i;
	size_t tag = t + 1 - i;
	for (size_t j = t + 1; j + tag <= len; j++)
		if (memcmp(s + j, s + i, tag) == 0)
			return j + tag;
	return len;
}

/* Past a comment starting at s[i] (-- or a nested slash-star), or i when none. */
static size_t skip_comment(const char *s, size_t len, size_t i)
{
	if (i + 1 < len && s[i] == '-' && s[i + 1] == '-') {
		while (i < len && s[i] != '\n')
			i++;
		return i;
	}
	if (i + 1 < len && s[i] == '/' && s[i + 1] == '*') {
		int open = 0;
		while (i < len) {
			if (i + 1 < len && s[i] == '/' && s[i + 1] == '*') {
				open++;
				i += 2;
			} else if (i + 1 < len && s[i] == '*' && s[i + 1] == '/') {
				i += 2;
				if (--open == 0)
					return i;
			} else {
				i++;
			}
		}
		return len;
	}
	return i;
}

/* One open level of the estimate. */
struct nest_level {
	char opener;  /* '(', '[' or 'c' for CASE */
	unsigned ops; /* operators since the last comma, AND or OR */
	unsigned kw;  /* JOIN, UNION... since the last comma */
};

/* Depth bookkeeping of nesting_over(): the stack and the running estimate. */
struct nest {
	struct nest_level lv[PGB_MAX_NESTING + 2];
	unsigned top;	/* lv[0] is the statement itself */
	unsigned depth; /* top + every level's ops and kw */
};

static void nest_open(struct nest *ns, char opener)
{
	ns->lv[++ns->top] = (struct nest_level){.opener = opener};
	ns->depth++;
}

static void nest_close(struct nest *ns)
{
	if (ns->top == 0)
		return;
	ns->depth -= ns->lv[ns->top].ops + ns->lv[ns->top].kw + 1;
	ns->top--;
}

static void nest_clear(struct nest *ns, bool ops_only)
{
	struct nest_level *l = &ns->lv[ns->top];

	ns->depth -= l->ops + (ops_only ? 0 : l->kw);
	l->ops = 0;
	if (!ops_only)
		l->kw = 0;
}

static void nest_word_seen(struct nest *ns, enum nest_word w)
{
	switch (w) {
	case NEST_NONE:
		break;
	case NEST_OP:
		ns->lv[ns->top].ops++;
		ns->depth++;
		break;
	case NEST_CHAIN:
		ns->lv[ns->top].kw++;
		ns->depth++;
		break;
	case NEST_SIBLING:
		nest_clear(ns, false);
		break;
	case NEST_FLAT:
		nest_clear(ns, true);
		break;
	case NEST_OPEN:
		nest_open(ns, 'c');
		break;
	case NEST_CLOSE:
		if (ns->lv[ns->top].opener == 'c')
			nest_close(ns);
		break;
	}
}

/* Past the word or operator run at s[i] (the index of its last byte). */
static size_t nest_token(struct nest *ns, const char *s, size_t len, size_t i)
{
	static const char opchars[] = "+-*/<>=~!@#%^&|`?:";
	unsigned char c = (unsigned char)s[i];
	size_t w = i;

	if (c == '(' || c == '[') {
		nest_open(ns, (char)c);
	} else if (c == ')' || c == ']') {
		nest_close(ns);
	} else if (c == ',') {
		nest_clear(ns, false);
	} else if (strchr(opchars, c) != NULL) {
		/* one operator, however many characters; a comment start ends it */
		while (i + 1 < len && strchr(opchars, s[i + 1]) != NULL &&
		       skip_comment(s, len, i + 1) == i + 1)
			i++;
		nest_word_seen(ns, NEST_OP);
	} else if (ident_char(c)) {
		while (i + 1 < len && ident_char((unsigned char)s[i + 1]))
			i++;
		nest_word_seen(ns, nest_word(s + w, i + 1 - w));
	}
	return i;
}

/*
 * The byte offset where the estimated depth of statement s first exceeds
 * PGB_MAX_NESTING, or -1 when it never does.
 */
long nesting_over(const char *s, size_t len)
{
	/* malloc, not calloc: a level is set when it is opened, and most never are */
	struct nest *ns = xmalloc(sizeof(*ns));
	long over = -1;
	size_t i = 0;

	ns->lv[0] = (struct nest_level){.opener = 0};
	ns->top = ns->depth = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t next = skip_comment(s, len, i);

		if (next == i && (c == '\'' || c == '"')) {
			bool e = c == '\'' && i > 0 && (s[i - 1] | 0x20) == 'e' &&
				 (i < 2 || !ident_char((unsigned char)s[i - 2]));
			next = skip_quoted(s, len, i, e);
		} else if (next == i && c == '$') {
			next = skip_dollar(s, len, i);
		}
		if (next != i) {
			i = next;
			continue;
		}
		i = nest_token(ns, s, len, i);
		if (ns->depth > PGB_MAX_NESTING) {
			over = (long)i;
			break;
		}
		i++;
	}
	free(ns);
	return over;
}
