#!/bin/sh
# make-deb.sh STATIC VERSION ARCH OUT.deb: a Debian package of the static
# binary and the man page, built with dpkg-deb alone (no network, no
# debhelper).  The binary is linked statically, so the package depends on
# nothing, not even the C library; it installs with `dpkg -i` anywhere.
# Reproducible: every file's time is SOURCE_DATE_EPOCH (which dpkg-deb also
# uses for the archive members), owners are root, compression is fixed.
set -eu
static=$1 version=$2 arch=$3 out=$4
: "${SOURCE_DATE_EPOCH:?make-deb.sh: SOURCE_DATE_EPOCH must be set}"
export SOURCE_DATE_EPOCH
root=$(dirname "$out")/deb-root
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/man/man1" \
	"$root/usr/share/doc/pgbaseline"
install -m 755 "$static" "$root/usr/bin/pgbaseline"
gzip -9n <man/pgbaseline.1 >"$root/usr/share/man/man1/pgbaseline.1.gz"
gzip -9n <README.md >"$root/usr/share/doc/pgbaseline/README.md.gz"
chmod 644 "$root/usr/share/man/man1/pgbaseline.1.gz" "$root/usr/share/doc/pgbaseline/README.md.gz"
size=$(du -sk --apparent-size "$root/usr" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: pgbaseline
Version: $version
Architecture: $arch
Maintainer: pgbaseline developers <pgbaseline@localhost>
Installed-Size: $size
Section: database
Priority: optional
Description: offline Alembic baselines and schema inventories from pg_dump files
 pgbaseline reads a pg_dump file (plain, compressed, custom, directory or tar)
 without connecting to a database and writes the schema inventory (text,
 Markdown, JSON), ER diagrams, and the Alembic baseline revision with the SQL
 a DBA runs to stamp it.  This package holds one statically linked binary:
 it needs no other package.
CONTROL
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz -z9 --build "$root" "$out.tmp" >/dev/null
mv "$out.tmp" "$out"
rm -rf "$root"
echo "make-deb: $out"
