/*
 * test_cli.c
 *	  Unit tests for cli.c: the option table against the man page (every
 *	  option a command takes is listed in man/pgbaseline.1 under that
 *	  command, and every option listed there is in the table), the table's
 *	  own consistency, and each command's --help listing its options.
 */
#include "cli.h"
#include "../../src/commands.h"
#include "pgb.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The man page, read from the source tree (make runs the tests from the top). */
static char *read_man(void)
{
	const char *path = getenv("PGB_MAN") ? getenv("PGB_MAN") : "man/pgbaseline.1";
	FILE *f = fopen(path, "r");
	struct strbuf sb;
	char buf[4096];
	size_t n;

	if (f == NULL)
		fail_msg("cannot read %s", path);
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_append_len(&sb, buf, n);
	fclose(f);
	return sb_steal(&sb);
}

/* One man section's option items: the lines right after .TP, "\-" read as "-". */
struct section {
	char title[64]; /* "INSPECT OPTIONS" */
	struct strbuf items;
};

/* The section that lists the options of cmd (NULL: pgbaseline's own, ".SH OPTIONS"). */
static void section_title(const struct cli_command *cmd, char *out, size_t size)
{
	size_t n = 0;
	if (cmd != NULL)
		for (const char *p = cmd->name; *p && n + 1 < size; p++)
			out[n++] = (char)toupper((unsigned char)*p);
	snprintf(out + n, size - n, "%sOPTIONS", cmd ? " " : "");
}

/* Fill *sec with the items of the section called title; false when there is none. */
static bool man_section(const char *man, const char *title, struct section *sec)
{
	bool in = false, found = false, after_tp = false;

	sb_init(&sec->items);
	snprintf(sec->title, sizeof(sec->title), "%s", title);
	for (const char *line = man; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *l = xmalloc(len + 1);
		size_t k = 0;
		for (size_t i = 0; i < len; i++) {
			if (line[i] == '\\' && i + 1 < len && line[i + 1] == '-')
				continue; /* "\-" is "-" */
			if (line[i] == '\\' && i + 2 < len && line[i + 1] == 'f') {
				i += 2; /* a font change, "\fB" */
				continue;
			}
			l[k++] = line[i];
		}
		l[k] = '\0';
		if (strncmp(l, ".SH ", 4) == 0) {
			in = strcmp(l + 4, title) == 0;
			found |= in;
			after_tp = false;
		} else if (in && strcmp(l, ".TP") == 0) {
			after_tp = true;
		} else if (in && after_tp) {
			sb_append(&sec->items, l);
			sb_putc(&sec->items, '\n');
			after_tp = false;
		}
		free(l);
		line = end ? end + 1 : line + len;
	}
	return found;
}

/* Does the item text name "--long" or "-x" as a whole option word? */
static bool items_name(const char *items, const char *opt)
{
	size_t n = strlen(opt);
	for (const char *p = items; (p = strstr(p, opt)) != NULL; p++) {
		bool start = p == items || !(isalnum((unsigned char)p[-1]) || p[-1] == '-');
		bool stop = !(isalnum((unsigned char)p[n]) || p[n] == '-');
		if (start && stop)
			return true;
	}
	return false;
}

static const struct cli_option *find_option(const char *word)
{
	for (size_t i = 0; i < cli_n_options; i++) {
		const struct cli_option *o = &cli_options[i];
		if (word[1] == '-' ? strcmp(word + 2, o->name) == 0
				   : word[2] == '\0' && word[1] == o->short_name)
			return o;
	}
	return NULL;
}

/*
 * Compare one section with the table; append each mismatch to problems.
 * Every option word in the items must be one of bit's options, and every
 * one of bit's options (long and short) must be named in the items.
 */
static void check_section(const struct section *sec, unsigned bit, struct strbuf *problems)
{
	const char *s = sec->items.data ? sec->items.data : "";
	for (const char *p = s; *p; p++) {
		if (*p != '-' || (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '-')))
			continue;
		const char *q = p + 1 + (p[1] == '-');
		if (!isalpha((unsigned char)*q))
			continue;
		while (isalnum((unsigned char)*q) || *q == '-')
			q++;
		char word[64];
		snprintf(word, sizeof(word), "%.*s", (int)(q - p), p);
		const struct cli_option *o = find_option(word);
		if (o == NULL || !(o->cmds & bit))
			sb_printf(problems,
				  "%s lists %s, which the option table does not give it\n",
				  sec->title, word);
		p = q - 1;
	}
	for (size_t i = 0; i < cli_n_options; i++) {
		const struct cli_option *o = &cli_options[i];
		char word[64];
		if (!(o->cmds & bit))
			continue;
		snprintf(word, sizeof(word), "--%s", o->name);
		if (!items_name(s, word))
			sb_printf(problems, "%s does not list %s\n", sec->title, word);
		snprintf(word, sizeof(word), "-%c", o->short_name);
		if (o->short_name && !items_name(s, word))
			sb_printf(problems, "%s does not list %s\n", sec->title, word);
	}
}

/* Every command's section and pgbaseline's own against the table; the mismatches. */
static void check_man(const char *man, struct strbuf *problems)
{
	for (size_t i = 0;; i++) {
		const struct cli_command *cmd = commands_all[i];
		char title[64];
		struct section sec;

		section_title(cmd, title, sizeof(title));
		if (!man_section(man, title, &sec))
			sb_printf(problems, "no section .SH %s\n", title);
		else
			check_section(&sec, cmd ? cmd->bit : CLI_TOOL, problems);
		sb_free(&sec.items);
		if (cmd == NULL)
			break;
	}
}

static void test_man_matches_table(void **state)
{
	char *man = read_man();
	struct strbuf problems;

	sb_init(&problems);
	check_man(man, &problems);
	if (problems.len > 0)
		fail_msg("man/pgbaseline.1 and the option table (src/cli.c) differ:\n%s",
			 problems.data);
	sb_free(&problems);
	free(man);
}

/* The check itself: a small man page, right, then with one thing wrong at a time. */
static const char mini_ok[] =
    ".SH STAMP\\-SQL OPTIONS\n"
    ".TP\n"
    ".BI \\-\\-rev \" REV\"\n"
    "Revision id; see also --force, which is baseline's.\n"
    ".TP\n"
    ".BI \\-\\-version\\-table \" NAME\" \"\\fR, \\fP\\-\\-version\\-table\\-schema \" S\n"
    ".TP\n"
    ".BR \\-h \", \" \\-\\-help\n"
    ".SH OTHER\n"
    ".TP\n"
    ".B \\-\\-bogus\n";

static int mini_problems(const char *man)
{
	struct section sec;
	struct strbuf problems;
	int n = 0;

	sb_init(&problems);
	if (!man_section(man, "STAMP-SQL OPTIONS", &sec))
		fail_msg("no section");
	check_section(&sec, CLI_STAMP_SQL, &problems);
	for (const char *p = problems.data ? problems.data : ""; *p; p++)
		n += *p == '\n';
	sb_free(&sec.items);
	sb_free(&problems);
	return n;
}

static char *replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	struct strbuf sb;
	assert_non_null(at);
	sb_init(&sb);
	sb_append_len(&sb, s, (size_t)(at - s));
	sb_append(&sb, to);
	sb_append(&sb, at + strlen(from));
	return sb_steal(&sb);
}

static void test_check_finds_mismatches(void **state)
{
	/* Right: prose mentioning --force and another section's --bogus do not count. */
	assert_int_equal(mini_problems(mini_ok), 0);

	/* An option of the table the section does not list. */
	char *t = replace(mini_ok, ".TP\n.BI \\-\\-rev \" REV\"\n", "");
	assert_int_equal(mini_problems(t), 1);
	free(t);
	/* --version-table listed, --version-table-schema not: a prefix is not a listing. */
	t = replace(mini_ok, "\"\\fR, \\fP\\-\\-version\\-table\\-schema \" S", "");
	assert_int_equal(mini_problems(t), 1);
	free(t);
	/* A short name missing. */
	t = replace(mini_ok, "\\-h \", \" ", "");
	assert_int_equal(mini_problems(t), 1);
	free(t);
	/* An option the table does not have, and one the command does not take. */
	t = replace(mini_ok, ".SH OTHER", ".TP\n.B \\-\\-bogus\n.TP\n.B \\-\\-force\n.SH OTHER");
	assert_int_equal(mini_problems(t), 2);
	free(t);
}

/* The table itself: names unique, every command takes --help, ids in range. */
static void test_table_consistent(void **state)
{
	for (size_t i = 0; i < cli_n_options; i++) {
		const struct cli_option *o = &cli_options[i];
		assert_true(o->id >= OPT_HELP);
		assert_true(o->help != NULL || o->id == OPT_FORMAT); /* --format: the command's */
		for (size_t j = i + 1; j < cli_n_options; j++) {
			assert_int_not_equal(o->id, cli_options[j].id);
			assert_string_not_equal(o->name, cli_options[j].name);
			if (o->short_name)
				assert_int_not_equal(o->short_name, cli_options[j].short_name);
		}
	}
	for (size_t i = 0; commands_all[i]; i++) {
		assert_ptr_equal(commands_find(commands_all[i]->name), commands_all[i]);
		const struct cli_option *h = find_option("--help");
		assert_true(h->cmds & commands_all[i]->bit);
		/* --format needs the command's parser, formats and help line, and only it has them.
		 */
		bool takes = find_option("--format")->cmds & commands_all[i]->bit;
		assert_int_equal(takes, commands_all[i]->parse_format != NULL);
		assert_int_equal(takes, commands_all[i]->formats != NULL);
		assert_int_equal(takes, commands_all[i]->format_help != NULL);
	}
	assert_null(commands_find("help"));
}

/* Is "--name" the option of a line of the help's option list ("  -x, --name ARG  help")? */
static bool help_lists(const char *text, const char *word)
{
	const char *opts = strstr(text, "\nOptions:\n");
	size_t n = strlen(word);

	assert_non_null(opts);
	for (const char *l = opts + 1; (l = strchr(l, '\n')) != NULL;) {
		l++;
		if (strncmp(l, "  ", 2) != 0 || l[strspn(l, " ")] != '-')
			continue;
		const char *at = strstr(l, word);
		const char *eol = strchr(l, '\n');
		if (at && (!eol || at < eol) && (at[n] == ' ' || at[n] == '\n') && at[-1] == ' ')
			return true;
	}
	return false;
}

/* Each command's --help lists every option the table gives it, and no other. */
static void test_help_lists_options(void **state)
{
	for (size_t i = 0; commands_all[i]; i++) {
		const struct cli_command *cmd = commands_all[i];
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		cli_print_help(cmd, f);
		fclose(f);
		for (size_t j = 0; j < cli_n_options; j++) {
			const struct cli_option *o = &cli_options[j];
			char word[64];
			snprintf(word, sizeof(word), "--%s", o->name);
			if (help_lists(text, word) != ((o->cmds & cmd->bit) != 0))
				fail_msg("%s --help %s %s", cmd->name,
					 (o->cmds & cmd->bit) ? "does not list" : "lists", word);
		}
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_man_matches_table),
	    cmocka_unit_test(test_check_finds_mismatches),
	    cmocka_unit_test(test_table_consistent),
	    cmocka_unit_test(test_help_lists_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
