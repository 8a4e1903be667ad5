#!/bin/sh
# install-deps.sh: install every Debian package pgbaseline needs to build and test.
#
#   tools/install-deps.sh build   the compiler and libraries
#   tools/install-deps.sh test    those, and what the tests run: PostgreSQL 15,
#                                 Python with SQLAlchemy and Alembic, Graphviz,
#                                 Chromium and Node.js, and Mermaid CLI from
#                                 tests/diagram/package-lock.json (npm ci)
#   tools/install-deps.sh fuzz    build, and clang with libFuzzer
#   tools/install-deps.sh [all]   all of them
#
# Idempotent: packages already present are left alone, apt is only touched
# when something is missing, and npm ci runs only when tests/diagram/
# node_modules is missing or older than the lock file.  The Makefile runs
# this when a build dependency is missing, so a fresh Debian 12 machine
# needs nothing else.
set -eu

BUILD_PKGS="build-essential pkg-config libpg-query-dev postgresql-server-dev-15 libprotobuf-c-dev libpcre2-dev zlib1g-dev libzstd-dev liblz4-dev libarchive-dev libcmocka-dev libjansson-dev libssl-dev libgraphviz-dev"
# The diagram tests render with Graphviz's dot and with Mermaid CLI, which
# draws through Debian's Chromium (tests/diagram/puppeteer-config.json).
TEST_PKGS="postgresql postgresql-client python3 python3-sqlalchemy python3-psycopg2 python3-alembic alembic python3-pyflakes zstd lz4 graphviz chromium"
# (python3-alembic is the library; the alembic package ships the `alembic`
# command the README uses.)
# Node.js and npm from Debian, unless a node with its own npm is already
# there (NodeSource's nodejs package bundles npm and conflicts with Debian's).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	TEST_PKGS="$TEST_PKGS nodejs npm"
fi
# make fuzz: clang with libFuzzer and the sanitizer runtimes (libclang_rt.fuzzer*.a
# is in libclang-rt-14-dev on Debian 12); zstd and lz4 make compressed seeds.
FUZZ_PKGS="clang libclang-rt-14-dev zstd lz4"

GROUP=${1:-all}
case "$GROUP" in
build) PKGS="$BUILD_PKGS" ;;
test) PKGS="$BUILD_PKGS $TEST_PKGS" ;;
fuzz) PKGS="$BUILD_PKGS $FUZZ_PKGS" ;;
*) PKGS="$BUILD_PKGS $TEST_PKGS $FUZZ_PKGS" ;;
esac

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	echo "install-deps: installing:$missing" >&2
	SUDO=""
	if [ "$(id -u)" != 0 ]; then
		SUDO="sudo"
	fi
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Mermaid CLI and its exact dependencies, from the committed lock file, into
# tests/diagram/node_modules (ignored by git).  Puppeteer's own browser
# download is skipped: Debian's Chromium is used.
case "$GROUP" in
build | fuzz) ;;
*)
	diagram_dir=$(cd "$(dirname "$0")/.." && pwd)/tests/diagram
	stamp=$diagram_dir/node_modules/.package-lock.json
	if [ ! -x "$diagram_dir/node_modules/.bin/mmdc" ] || [ ! -f "$stamp" ] ||
		[ "$diagram_dir/package-lock.json" -nt "$stamp" ]; then
		echo "install-deps: npm ci in tests/diagram" >&2
		(cd "$diagram_dir" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund \
			--loglevel=error >/dev/null)
	fi
	;;
esac
