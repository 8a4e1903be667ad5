#!/bin/bash
# tests/dist/run.sh BIN STATIC DEB: what `make static`, `make deb` and
# `make dist` promise a user who carries pgbaseline into an air-gapped network.
#   - the static binary has no dynamic section (nothing for ldd to list) and
#     behaves byte for byte as BIN on every sample and public dump
#     (tools/compare-builds.sh);
#   - the package depends on nothing, installs with dpkg into an empty root,
#     and its binary runs inspect and baseline --init there with an empty
#     environment; as root, also inside that root with chroot, where no
#     library exists at all;
#   - two clones of HEAD, built in different directories, give the same
#     SHA256SUMS (skipped outside a git checkout).
# Closes with `dist: N passed, M failed`.
set -u
bin=$(realpath "${1:?usage: tests/dist/run.sh BIN STATIC DEB}")
static=$(realpath "$2")
deb=$(realpath "$3")
repo=$(cd "$(dirname "$0")/../.." && pwd)
shop=$repo/samples/shop.sql
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok - $1"; pass=$((pass + 1)); }
bad() { echo "not ok - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/#   /'; fail=$((fail + 1)); }

# ---- the static binary ----------------------------------------------------
if readelf -d "$static" 2>&1 | grep -q "There is no dynamic section" &&
	! readelf -l "$static" | grep -q "INTERP"; then
	ok "the static binary has no dynamic section and no interpreter: it loads no library"
else
	bad "the static binary has no dynamic section and no interpreter" "$(readelf -d "$static" | head -20)"
fi
if out=$("$repo/tools/compare-builds.sh" "$bin" "$static" 2>&1); then
	ok "the static binary's outputs equal the dynamic build's ($(tail -1 <<<"$out"))"
else
	bad "the static binary's outputs equal the dynamic build's" "$(tail -20 <<<"$out")"
fi
if "$static" --version | grep -q "^libraries: protobuf-c .*PCRE2 .*zlib .*OpenSSL"; then
	ok "--version names the libraries linked in"
else
	bad "--version names the libraries linked in" "$("$static" --version)"
fi

# Debian ships no static Graphviz: the static binary refuses --format svg,
# saying why, with status 2 and nothing on stdout; the dynamic one draws it.
svg_err=$("$static" diagram --format svg "$shop" 2>&1 >"$tmp/static.svg")
svg_rc=$?
if [ "$svg_rc" = 2 ] && [ ! -s "$tmp/static.svg" ] &&
	grep -q "no Graphviz library" <<<"$svg_err" &&
	"$bin" diagram --format svg "$shop" 2>/dev/null | head -c 5 | grep -q '^<svg '; then
	ok "the static binary refuses diagram --format svg (no Graphviz) with status 2; the dynamic one draws it"
else
	bad "the static binary refuses diagram --format svg with status 2" "status $svg_rc: $svg_err"
fi

# ---- the package ----------------------------------------------------------
depends=$(dpkg-deb -f "$deb" Depends Pre-Depends)
if [ -z "$depends" ]; then ok "the package depends on nothing"
else bad "the package depends on nothing" "$depends"; fi

root=$tmp/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
if out=$(dpkg --root="$root" --force-not-root --force-script-chrootless --log=/dev/null \
	-i "$deb" 2>&1) && [ -x "$root/usr/bin/pgbaseline" ] &&
	[ -f "$root/usr/share/man/man1/pgbaseline.1.gz" ]; then
	ok "dpkg -i installs it into an empty root (binary and man page)"
else
	bad "dpkg -i installs it into an empty root" "$out"
fi

# The installed binary, with nothing in its environment, gives the dynamic
# build's report and the same baseline files.
mkdir -p "$tmp/a" "$tmp/b"
cp "$shop" "$tmp/a/shop.sql" && cp "$shop" "$tmp/b/shop.sql"
"$bin" inspect --format json "$tmp/a/shop.sql" >"$tmp/want.json" 2>&1
if env -i LD_LIBRARY_PATH= "$root/usr/bin/pgbaseline" inspect --format json "$tmp/a/shop.sql" \
	>"$tmp/got.json" 2>&1 && cmp -s "$tmp/want.json" "$tmp/got.json"; then
	ok "the installed binary's inspect, with an empty environment, equals the dynamic build's"
else
	bad "the installed binary's inspect equals the dynamic build's" "$(diff "$tmp/want.json" "$tmp/got.json" | head)"
fi
(cd "$tmp/a" && "$bin" baseline --init --date 2026-01-01 shop.sql >/dev/null 2>&1)
(cd "$tmp/b" && env -i LD_LIBRARY_PATH= "$root/usr/bin/pgbaseline" baseline --init \
	--date 2026-01-01 shop.sql >/dev/null 2>&1)
if [ -f "$tmp/b/alembic.ini" ] && diff -r "$tmp/a" "$tmp/b" >"$tmp/baseline.diff"; then
	ok "the installed binary's baseline --init writes the dynamic build's files"
else
	bad "the installed binary's baseline --init writes the dynamic build's files" "$(head -20 "$tmp/baseline.diff")"
fi
if [ "$(id -u)" = 0 ] && command -v chroot >/dev/null; then
	mkdir -p "$root/work" && cp "$shop" "$root/work/shop.sql"
	if chroot "$root" /usr/bin/pgbaseline inspect --format json /work/shop.sql >"$tmp/chroot.json" 2>&1 &&
		[ -z "$(find "$root" -name '*.so*' -print -quit)" ] &&
		sed 's|/work/shop.sql|'"$tmp/a/shop.sql"'|' "$tmp/chroot.json" | cmp -s - "$tmp/want.json"; then
		ok "inside the package's root, where no library exists, inspect runs and agrees"
	else
		bad "inside the package's root, where no library exists, inspect runs and agrees" "$(head -5 "$tmp/chroot.json")"
	fi
else
	echo "skip - chroot into the package's root: needs root"
fi

# ---- reproducible: two clones of HEAD, built apart --------------------------
if git -C "$repo" rev-parse --verify -q HEAD >/dev/null 2>&1; then
	for side in one two-in-a-longer-path; do
		git clone -q --no-hardlinks "$repo" "$tmp/$side/pgbaseline" &&
			make -C "$tmp/$side/pgbaseline" -j2 --no-print-directory dist PUBLIC_DUMPS=/nonexistent \
				>"$tmp/$side.log" 2>&1 || bad "make dist in a clone ($side)" "$(tail -20 "$tmp/$side.log")"
	done
	a=$tmp/one/pgbaseline/build/SHA256SUMS b=$tmp/two-in-a-longer-path/pgbaseline/build/SHA256SUMS
	if [ -s "$a" ] && cmp -s "$a" "$b" && [ "$(wc -l <"$a")" = 3 ]; then
		ok "two clones of HEAD built in different directories give the same SHA256SUMS"
	else
		bad "two clones of HEAD give the same SHA256SUMS" "$(diff "$a" "$b" 2>&1)"
	fi
	# The tarball builds and tests need no git: it holds SOURCE_DATE_EPOCH and every tracked file.
	tar -tzf "$tmp/one/pgbaseline/build/pgbaseline-"*.tar.gz >"$tmp/tar.list"
	if grep -qx 'pgbaseline-[^/]*/SOURCE_DATE_EPOCH' "$tmp/tar.list" &&
		[ "$(grep -vc '/$' "$tmp/tar.list")" -eq "$(($(git -C "$repo" ls-tree -r --name-only HEAD | wc -l) + 1))" ]; then
		ok "the tarball holds every tracked file and SOURCE_DATE_EPOCH"
	else
		bad "the tarball holds every tracked file and SOURCE_DATE_EPOCH" "$(head "$tmp/tar.list")"
	fi
else
	echo "skip - reproducible builds: not a git checkout"
fi

echo "dist: $pass passed, $fail failed"
[ "$fail" = 0 ]
