#!/bin/sh
# install-deps.sh: install every Debian package pgbaseline needs to build and test.
#
# Idempotent: packages already present are left alone, and apt is only
# touched when something is missing.  The Makefile runs this when a build
# dependency is missing, so a fresh Debian 12 machine needs nothing else.
set -eu

BUILD_PKGS="build-essential pkg-config libpg-query-dev postgresql-server-dev-15 libprotobuf-c-dev libpcre2-dev zlib1g-dev libzstd-dev liblz4-dev libarchive-dev libcmocka-dev libjansson-dev libssl-dev"
TEST_PKGS="postgresql postgresql-client python3 python3-sqlalchemy python3-psycopg2 python3-alembic python3-pyflakes zstd lz4"
# make fuzz: clang with libFuzzer and the sanitizer runtimes (libclang_rt.fuzzer*.a
# is in libclang-rt-14-dev on Debian 12); zstd and lz4 make compressed seeds.
FUZZ_PKGS="clang libclang-rt-14-dev zstd lz4"

case "${1:-all}" in
build) PKGS="$BUILD_PKGS" ;;
fuzz) PKGS="$BUILD_PKGS $FUZZ_PKGS" ;;
*) PKGS="$BUILD_PKGS $TEST_PKGS $FUZZ_PKGS" ;;
esac

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	exit 0
fi

echo "install-deps: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
