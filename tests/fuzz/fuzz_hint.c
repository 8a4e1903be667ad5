/*
 * fuzz_hint.c
 *	  libFuzzer target: hint_parse, pg_dump's object-header comment
 *	  parser, on one arbitrary line, then hint_describe into a buffer of a
 *	  size taken from the input.
 */
#include "fuzz.h"
#include "../../src/hint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = fuzz_cstring(data, size);
	struct hint h;

	if (hint_parse(line, &h)) {
		char buf[700];
		size_t cap = size > 0 ? 1 + data[0] % sizeof(buf) : sizeof(buf);

		if (strlen(h.name) >= sizeof(h.name) || strlen(h.type) >= sizeof(h.type) ||
		    strlen(h.schema) >= sizeof(h.schema) || strlen(h.owner) >= sizeof(h.owner))
			abort();
		hint_describe(&h, buf, cap);
		if (strlen(buf) >= cap)
			abort();
	}
	free(line);
	return 0;
}
