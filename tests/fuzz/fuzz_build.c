/*
 * fuzz_build.c
 *	  libFuzzer target: the whole model from arbitrary SQL, as the CLI
 *	  builds it: load_dump (the loader: splitter, psql layer, libpg_query, the builder;
 *	  compressed input and archives too, by their magic bytes), then the
 *	  filter pass, sorting, the JSON, text and Markdown reports and the
 *	  Mermaid and dot diagrams, written to /dev/null.
 */
#include "../../src/diagram.h"
#include "emit.h"
#include "filter.h"
#include "fuzz.h"
#include "load.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct model *m = model_new();
	struct diags d = {0};

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	if (load_dump(m, fuzz_scratch_file(data, size), NULL, &d)) {
		filter_apply(m, NULL);
		model_sort(m);
		struct sink s;
		sink_init_file(&s, devnull);
		emit_json(m, NULL, &s);
		emit_text(m, NULL, &s);
		emit_markdown(m, NULL, &s);
		emit_mermaid(m, NULL, &s);
		emit_dot(m, NULL, &s);
		emit_models(m, NULL, &s);
	}
	fuzz_diags_done(&d);
	model_free(m);
	return 0;
}
