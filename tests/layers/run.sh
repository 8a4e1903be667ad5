#!/bin/bash
# tests/layers/run.sh: tools/check-layers.py on the real build, and on small
# trees where it must fail (a call up a stage, a loop of calls, a header loop,
# a file in no stage, printing below the commands) or pass (the same calls
# going down, a command that prints).
# Usage: tests/layers/run.sh BUILD_DIR
set -u
build=${1:?usage: tests/layers/run.sh BUILD_DIR}
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok - $1"; pass=$((pass + 1)); }
bad() { echo "not ok - $1"; fail=$((fail + 1)); }

# The project itself.
if out=$(tools/check-layers.py "$build" 2>&1); then ok "the project's calls and includes go one way"
else bad "the project's calls and includes go one way"; echo "$out" | sed 's/^/# /'; fi

# tree NAME FILE=SOURCE...: a tree of small C files, compiled to NAME/build.
tree() {
	local dir=$tmp/$1; shift
	mkdir -p "$dir/src" "$dir/include" "$dir/build"
	for spec in "$@"; do
		local f=${spec%%=*}
		printf '%s\n' "${spec#*=}" > "$dir/$f"
		case $f in src/*.c) cc -c -Iinclude -o "$dir/build/$(basename "${f%.c}").o" "$dir/$f" ;; esac
	done
}
# expect NAME STATUS TEXT WHAT: the checker on tree NAME exits STATUS, saying TEXT.
expect() {
	local out status
	out=$(tools/check-layers.py --root "$tmp/$1" build 2>&1); status=$?
	if [ "$status" = "$2" ] && grep -qF -- "$3" <<<"$out"; then ok "$4"
	else bad "$4"; echo "$out" | sed 's/^/# /'; fi
}

tree up 'src/pgb.c=int load_dump(void); int pgb_x(void); int pgb_x(void) { return load_dump(); }' \
	'src/load.c=int load_dump(void); int load_dump(void) { return 0; }'
expect up 1 'src/pgb.c (base) calls src/load.c (load)' "a call up a stage is refused"
tree down 'src/pgb.c=int pgb_x(void); int pgb_x(void) { return 0; }' \
	'src/load.c=int pgb_x(void); int load_dump(void); int load_dump(void) { return pgb_x(); }'
expect down 0 '0 problems' "the same call going down passes"
tree loop 'src/build.c=int build_util_x(void); int build_x(void); int build_x(void) { return build_util_x(); }' \
	'src/build_util.c=int build_x(void); int build_util_x(void); int build_util_x(void) { return build_x(); }'
expect loop 1 'files call each other in a loop: build -> build_util -> build' "a loop inside a stage is refused"
tree siblings 'src/build_table.c=int build_alter_x(void); int build_table_x(void); int build_table_x(void) { return build_alter_x(); }' \
	'src/build_alter.c=int build_table_x(void); int build_alter_x(void); int build_alter_x(void) { return build_table_x(); }'
expect siblings 0 '0 problems' "the builder's sibling files may share helpers"
tree headers 'include/model.h=#include "filter.h"' 'include/filter.h=#include "model.h"' \
	'src/model.c=int model_x(void); int model_x(void) { return 0; }' \
	'src/filter.c=int filter_x(void); int filter_x(void) { return 0; }'
expect headers 1 'headers include each other: filter.h -> model.h -> filter.h' "a loop of headers is refused"
tree prints 'src/build.c=#include <stdio.h>
int build_x(void); int build_x(void) { return fputs("x", stderr); }'
expect prints 1 'src/build.c (build) uses stderr' "a stage below the commands that prints is refused"
tree cmdprints 'src/cmd_inspect.c=#include <stdio.h>
int cmd_x(void); int cmd_x(void) { return fputs("x", stderr); }'
expect cmdprints 0 '0 problems' "a command may print"
tree stray 'src/zzz.c=int zzz(void); int zzz(void) { return 0; }'
expect stray 1 'src/zzz.c: in no stage' "a file in no stage is refused"

echo "layers: $pass passed, $fail failed"
[ "$fail" = 0 ]
