/*
 * baseline.c
 *	  What a baseline revision is called and what it covers: valid
 *	  revision ids, the file name Alembic would give it, and which tables
 *	  Alembic tracks.  Shared by the baseline command (cmd_baseline.c) and the
 *	  revision emitter (emit_alembic.c).
 */
#include "facts.h"
#include "baseline.h"

#include <string.h>

/* Alembic's default truncate_slug_length. */
#define SLUG_MAX 40

/* alembic_version.version_num is VARCHAR(32). */
#define REV_MAX 32

bool baseline_rev_valid(const char *rev)
{
	size_t len = rev ? strlen(rev) : 0;

	if (len == 0 || len > REV_MAX || rev[0] == '.' || strncmp(rev, "__init__", 8) == 0)
		return false;
	if (strcmp(rev, "base") == 0 || strcmp(rev, "head") == 0 || strcmp(rev, "heads") == 0)
		return false;
	for (const char *p = rev; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.'))
			return false;
	}
	return true;
}

static bool is_slug_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/*
 * Alembic's _rev_path(): "_".join(re.findall(r"\w+", message)).lower(),
 * and past truncate_slug_length cut back to the last "_" with a "_"
 * added.  Only ASCII counts as a word character here (Python's \w takes
 * any letter), so a non-ASCII character separates words like punctuation.
 */
static void append_slug(struct strbuf *sb, const char *message)
{
	struct strbuf slug;
	sb_init(&slug);
	sb_append(&slug, "");
	for (const char *p = facts_nz(message); *p;) {
		if (!is_slug_char(*p)) {
			p++;
			continue;
		}
		if (slug.len > 0)
			sb_putc(&slug, '_');
		for (; is_slug_char(*p); p++)
			sb_putc(&slug, (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p);
	}
	if (slug.len <= SLUG_MAX) {
		sb_append(sb, slug.data);
	} else {
		/* slug[:40].rsplit("_", 1)[0] + "_" */
		slug.data[SLUG_MAX] = '\0';
		char *cut = strrchr(slug.data, '_');
		if (cut != NULL)
			cut[1] = '\0';
		sb_append(sb, slug.data);
		if (cut == NULL)
			sb_putc(sb, '_');
	}
	sb_free(&slug);
}

char *baseline_revision_filename(const struct baseline_opts *o)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s_", facts_nz(o->rev));
	append_slug(&sb, o->message);
	sb_append(&sb, ".py");
	return sb_steal(&sb);
}

/*
 * --untracked holds table patterns (FILTER_TABLE), so the filter's
 * relation test is true exactly for the tables they match; an empty
 * filter would match every table, so it counts as no patterns at all.
 */
bool baseline_table_tracked(const struct baseline_opts *o, const struct table *t)
{
	if (!t->h.included)
		return false;
	if (o->untracked == NULL || filter_is_empty(o->untracked))
		return true;
	return !filter_relation_included(o->untracked, t->h.schema, t->h.name);
}
