/*
 * fuzz_build.c
 *	  libFuzzer target: the whole model from arbitrary SQL, as the CLI
 *	  builds it: build_from_input (splitter, libpg_query, the builder;
 *	  compressed input and archives too, by their magic bytes), then the
 *	  filter pass, sorting, the JSON, text and Markdown reports and the
 *	  Mermaid and dot diagrams, written to /dev/null.
 */
#include "build.h"
#include "diagram.h"
#include "emit.h"
#include "fuzz.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct model *m = model_new();

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	if (build_from_input(m, fuzz_scratch_file(data, size))) {
		model_apply_filter(m, NULL);
		model_sort(m);
		emit_json(m, devnull);
		emit_text(m, devnull);
		emit_markdown(m, devnull);
		emit_mermaid(m, devnull);
		emit_dot(m, devnull);
	}
	model_free(m);
	return 0;
}
