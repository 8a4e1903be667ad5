#!/bin/sh
# seeds.sh OUT: the generated seed corpora of the fuzz targets, into OUT/.
#
#   OUT/sql         samples/*.sql and ../shared/dumps/public/* (when that
#                   directory exists; .gz files unpacked), cut at line ends
#                   into pieces of at most 64 KB (fuzz_split, fuzz_build)
#   OUT/compressed  gzip, zstd and lz4 of some of those pieces, and a
#                   two-member gzip and a two-frame zstd (fuzz_input)
#   OUT/hint        the distinct `-- Name: ...` comment lines (fuzz_hint)
#
# Public dumps are only read from where they are: nothing here is copied
# into the repository.
set -eu

out=$1
pub=${PUBLIC_DUMPS:-../shared/dumps/public}
rm -rf "$out.tmp"
mkdir -p "$out.tmp/sql" "$out.tmp/compressed" "$out.tmp/hint" "$out.tmp/all"

n=0
for f in samples/*.sql "$pub"/*.sql "$pub"/*.sql.gz; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	case $f in
	*.gz) gzip -dc "$f" ;;
	*) cat "$f" ;;
	esac >"$out.tmp/all/$n"
	split -C 65536 -d -a 4 "$out.tmp/all/$n" "$out.tmp/sql/$n-"
done

# Compressed seeds: the first piece of each file, small enough to mutate well.
for p in "$out.tmp"/sql/*-0000; do
	b=$(basename "$p")
	head -c 16384 "$p" >"$out.tmp/piece"
	gzip -9nc "$out.tmp/piece" >"$out.tmp/compressed/$b.gz"
	if command -v zstd >/dev/null; then
		zstd -q -19 -c "$out.tmp/piece" >"$out.tmp/compressed/$b.zst"
	fi
	if command -v lz4 >/dev/null; then
		lz4 -q -9 -c "$out.tmp/piece" >"$out.tmp/compressed/$b.lz4"
	fi
done
printf 'SELECT 1;\n' | gzip -nc >"$out.tmp/m1"
printf 'SELECT 2;\n' | gzip -nc >>"$out.tmp/m1"
mv "$out.tmp/m1" "$out.tmp/compressed/two-members.gz"
if command -v zstd >/dev/null; then
	printf 'SELECT 1;\n' | zstd -q -c >"$out.tmp/m2"
	printf 'SELECT 2;\n' | zstd -q -c >>"$out.tmp/m2"
	mv "$out.tmp/m2" "$out.tmp/compressed/two-frames.zst"
fi

# Hint seeds: one comment line per file.
cat "$out.tmp"/all/* | grep -a '^-- .*Name: .*; Type: ' | sort -u | head -n 400 >"$out.tmp/hints" || true
i=0
while IFS= read -r line; do
	i=$((i + 1))
	printf '%s' "$line" >"$out.tmp/hint/$i"
done <"$out.tmp/hints"

rm -rf "$out.tmp/all" "$out.tmp/piece" "$out.tmp/hints" "$out"
mv "$out.tmp" "$out"
echo "fuzz seeds: $(ls "$out/sql" | wc -l) SQL, $(ls "$out/compressed" | wc -l) compressed," \
	"$(ls "$out/hint" | wc -l) hint files in $out"
