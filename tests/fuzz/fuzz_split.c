/*
 * fuzz_split.c
 *	  libFuzzer target: the statement splitter over arbitrary bytes held in
 *	  memory, read in small chunks so tokens fall across chunk boundaries.
 *	  Each statement's hint goes through hint_parse, and the dump versions
 *	  are read at the end, as the builder does.  Statements must come in
 *	  order, with sane locations and a text as long as their len.
 */
#include "arena.h"
#include "fuzz.h"
#include "../../src/hint.h"
#include "../../src/input.h"
#include "../../src/split.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d = {0};
	struct input *in = input_open_memory("fuzz.sql", (const char *)data, size, &d);
	struct splitter *sp = split_new(in, &d);
	struct stmt st;
	int rc, last_line = 1;

	while ((rc = split_next(sp, &st)) == 1) {
		struct hint h;

		if (st.text[st.len] != '\0' || strlen(st.text) != st.len)
			abort();
		if (st.line < last_line || st.col < 1 || st.copy_rows < -1)
			abort();
		/* A meta-command inside a statement comes before the statement it is in. */
		if (!(st.kind == STMT_META && st.mid_statement))
			last_line = st.line;
		if (st.hint != NULL)
			(void)hint_parse(st.hint, &h);
		/* Follow the dump's own setting, as build.c does. */
		if (st.kind == STMT_SQL && strstr(st.text, "standard_conforming_strings") != NULL)
			split_set_standard_strings(sp, strstr(st.text, "off") == NULL);
	}
	if (rc == 0) {
		struct arena *a = arena_new();
		const char *dump_version, *server_version;

		split_dump_versions(sp, &dump_version, &server_version, a);
		arena_free(a);
	}
	split_free(sp);
	input_close(in);
	fuzz_diags_done(&d);
	return 0;
}
