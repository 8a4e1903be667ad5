#!/bin/sh
# make-samples.sh: regenerate samples/*.sql from samples/src/*.ddl.sql with a
# real PostgreSQL 15 and pg_dump, in a throwaway cluster removed at the end.
#   samples/NAME.sql       pg_dump --schema-only, as pg_dump writes it (\\restrict lines included)
#   samples/NAME-full.sql  the same with data (COPY blocks)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=/usr/lib/postgresql/15/bin
tmp=$(mktemp -d)
cleanup() {
	runas "$bin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
runas() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$tmp"
port=$(( 20000 + $$ % 10000 ))
runas "$bin/initdb" -D "$tmp/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
runas "$bin/pg_ctl" -D "$tmp/data" -w -o "-p $port -k $tmp -c listen_addresses=''" -l "$tmp/log" start >/dev/null
for ddl in "$top"/samples/src/*.ddl.sql; do
	name=$(basename "$ddl" .ddl.sql)
	psql -X -q -h "$tmp" -p "$port" -U postgres -c "CREATE DATABASE $name" postgres
	psql -X -q -v ON_ERROR_STOP=1 -h "$tmp" -p "$port" -U postgres -d "$name" -f "$ddl"
	"$bin/pg_dump" -h "$tmp" -p "$port" -U postgres --schema-only "$name" >"$top/samples/$name.sql"
	"$bin/pg_dump" -h "$tmp" -p "$port" -U postgres "$name" >"$top/samples/$name-full.sql"
	echo "wrote samples/$name.sql and samples/$name-full.sql"
done
