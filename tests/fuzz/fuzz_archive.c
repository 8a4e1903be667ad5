/*
 * fuzz_archive.c
 *	  libFuzzer target: the custom and tar archive readers (pgarchive.c),
 *	  on the bytes as one file, and the directory reader with the bytes as
 *	  its toc.dat (in a per-process directory under /tmp, holding no data
 *	  files).  The model built is sorted and emitted as JSON to /dev/null.
 */
#include "emit.h"
#include "filter.h"
#include "fuzz.h"
#include "model.h"
#include "../../src/input.h"
#include "load.h"

#include <fcntl.h>
#include <sys/stat.h>

static void read_archive(const char *path, FILE *devnull)
{
	struct model *m = model_new();
	struct diags d = {0};

	if (input_probe_archive(path) != INPUT_NOT_ARCHIVE && load_dump(m, path, NULL, &d)) {
		filter_apply(m, NULL);
		model_sort(m);
		struct sink s;
		sink_init_file(&s, devnull);
		emit_json(m, NULL, &s);
	}
	fuzz_diags_done(&d);
	model_free(m);
}

/* The per-process directory archive: DIR/toc.dat holds the bytes. */
static const char *write_toc(const uint8_t *data, size_t size)
{
	static char dir[64], toc[80];

	if (dir[0] == '\0') {
		snprintf(dir, sizeof(dir), "/tmp/pgb-fuzz-archive-%ld", (long)getpid());
		if (mkdir(dir, 0700) != 0 && access(dir, W_OK) != 0) {
			perror(dir);
			abort();
		}
		snprintf(toc, sizeof(toc), "%s/toc.dat", dir);
	}
	FILE *f = fopen(toc, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror(toc);
		abort();
	}
	return dir;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	read_archive(fuzz_scratch_file(data, size), devnull);
	/* Only archives (the "PGDMP" magic) are worth a second read as a toc.dat. */
	if (size >= 5 && memcmp(data, "PGDMP", 5) == 0)
		read_archive(write_toc(data, size), devnull);
	return 0;
}
