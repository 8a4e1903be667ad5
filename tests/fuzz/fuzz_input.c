/*
 * fuzz_input.c
 *	  libFuzzer target: the gzip, zstd and lz4 readers.  The bytes are
 *	  written to the scratch file, opened with input_open (which tells the
 *	  format by its magic bytes) and read to the end or the first error.
 *	  The read size depends on the input, so chunk boundaries move.
 */
#include "fuzz.h"
#include "../../src/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[16384];
	const char *path = fuzz_scratch_file(data, size);
	struct diags d = {0};
	struct input *in = input_open(path, &d);
	size_t cap = size > 0 ? 1 + data[size - 1] * 64u : sizeof(buf);
	ssize_t n;

	if (in == NULL) {
		fuzz_diags_done(&d);
		return 0;
	}
	if (cap > sizeof(buf))
		cap = sizeof(buf);
	(void)input_compression_name(input_compression(in));
	while ((n = input_read(in, buf, cap)) > 0) {
		if ((size_t)n > cap)
			abort();
	}
	/* After the end or an error, reads must keep saying so. */
	if (input_read(in, buf, cap) != n)
		abort();
	input_close(in);
	fuzz_diags_done(&d);
	return 0;
}
