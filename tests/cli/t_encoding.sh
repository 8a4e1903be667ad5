# tests/cli/t_encoding.sh
#	Dumps in another client encoding than UTF-8 (sourced by
#	tests/cli/run.sh: its helpers and $T).  pg_dump writes a database's
#	text in its encoding and says so with SET client_encoding; pgbaseline
#	reads it in that encoding and hands out UTF-8 (src/input.c), so names,
#	comments and bodies come out as the database has them.  A byte that
#	is not of the encoding, a character cut off, or an encoding it cannot
#	convert is an error at its line and column; a later change of
#	encoding, by SET or \encoding, is a warning.

# enc_dump FILE ENCODING PYTHON-CODEC: a small dump whose names are non-ASCII, in that encoding
enc_dump() {
	"$PY" - "$1" "$2" "$3" <<'EOF2'
import sys
path, pg, codec = sys.argv[1:4]
text = ("--\n-- PostgreSQL database dump\n--\n\n-- Dumped by pg_dump version 15.3\n\n"
        "SET statement_timeout = 0;\nSET client_encoding = '%s';\n"
        "SET standard_conforming_strings = on;\n\n"
        "CREATE TABLE public.\"café\" (\"naïve\" integer, prix numeric);\n"
        "COMMENT ON TABLE public.\"café\" IS E'déjà vu\\\\n';\n" % pg)
open(path, "wb").write(text.encode(codec))
EOF2
}

begin "a LATIN1 dump: names and comments read as the database has them, and said so"
enc_dump latin1.sql LATIN1 latin-1
run inspect --format json latin1.sql
status 0
json 'd["source"]["client_encoding"] == "LATIN1"' "source.client_encoding"
json '[(t["name"], [c["name"] for c in t["columns"]], t["comment"]) for t in d["tables"]] == [("café", ["naïve", "prix"], "déjà vu\\n")]' "names in UTF-8"
run inspect latin1.sql
status 0
out_has "client encoding LATIN1, read as UTF-8"
out_has 'Table public\."café"'
run inspect --format markdown latin1.sql
out_has "Text in client encoding LATIN1, read as UTF-8"
end

begin "the same dump gzipped, and its WIN1252 twin, read alike"
gzip -c latin1.sql >latin1.sql.gz
run inspect --format json latin1.sql.gz
status 0
json '[t["name"] for t in d["tables"]] == ["café"] and d["source"]["client_encoding"] == "LATIN1"'
"$PY" -c 'import sys; open("win.sql","wb").write("SET client_encoding = '"'"'WIN1252'"'"';\nCREATE TABLE public.\"€uro\" (a integer);\n".encode("cp1252"))'
run inspect --format json win.sql
status 0
json '[t["name"] for t in d["tables"]] == ["€uro"]' "0x80 is the euro sign in WIN1252"
end

begin "SJIS: a trail byte 0x5C is not a backslash, so E'...' strings end where they do"
# 表 is 0x95 0x5C and ソ is 0x83 0x5C in Shift JIS: read as bytes, E'ソ' would never end.
"$PY" -c 'open("sjis.sql","wb").write("SET client_encoding = '"'"'SJIS'"'"';\nCREATE TABLE public.\"表\" (a integer);\nCOMMENT ON TABLE public.\"表\" IS E'"'"'ソ'"'"';\nCREATE TABLE public.after (b integer);\n".encode("cp932"))'
run inspect --format json sjis.sql
status 0
json 'sorted((t["name"], t["comment"] or "") for t in d["tables"]) == [("after", ""), ("表", "ソ")] and d["unparsed"] == []'
end

begin "EUC_JP characters across the reader's 64 kB chunks come out whole"
"$PY" - <<'EOF2'
names = ["表%04dあいう" % i for i in range(3000)]
text = "SET client_encoding = 'EUC_JP';\n" + "".join(
    "CREATE TABLE public.\"%s\" (\"列\" integer);\n" % n for n in names)
open("eucjp.sql", "wb").write(text.encode("euc_jp"))
open("eucjp.names", "w").write("\n".join(names))
EOF2
run inspect --format json eucjp.sql
status 0
json 'sorted(t["name"] for t in d["tables"]) == sorted(open("eucjp.names").read().split("\n")) and all(t["columns"][0]["name"] == "列" for t in d["tables"])' "3000 EUC_JP names"
end

begin "a byte that is not of the declared encoding: FILE:LINE:COL, exit 2"
printf "SET client_encoding = 'EUC_JP';\nCREATE TABLE t (a int);\nCREATE TABLE \"x\377\376\" (b int);\n" >eucbad.sql
run inspect eucbad.sql
status 2
err_prefix "eucbad.sql:3:16: error:" "not EUC_JP text"
printf "SET client_encoding = 'EUC_JP';\nCREATE TABLE t (a int);\n-- \244" >euccut.sql
run inspect euccut.sql
status 2
err_prefix "euccut.sql:3:4: error:" "ends inside a EUC_JP character"
end

begin "an encoding pgbaseline cannot read is named, exit 2, nothing written"
printf "SET client_encoding = 'MULE_INTERNAL';\nCREATE TABLE t (a int);\n" >mule.sql
run inspect -o mule.json mule.sql
status 2
err_prefix "mule.sql:1:24: error:" "MULE_INTERNAL"
[ ! -e mule.json ] || problem "mule.json was written"
end

begin "look-alikes: a commented SET, or one after the first CREATE, converts nothing"
printf -- "-- SET client_encoding = 'LATIN1';\nCREATE TABLE \"caf\303\251\" (a int);\n" >commented.sql
run inspect --format json commented.sql
status 0
json '[t["name"] for t in d["tables"]] == ["café"] and d["source"]["client_encoding"] is None' "UTF-8 read as it is"
printf "CREATE TABLE \"caf\303\251\" (a int);\nSET client_encoding = 'LATIN1';\nCREATE TABLE b (x int);\n" >late.sql
run inspect --format json late.sql
status 0
json 'sorted(t["name"] for t in d["tables"]) == ["b", "café"]' "not read as LATIN1"
err_prefix "late.sql:2:1: warning:" "client_encoding is set to 'LATIN1' here, but the dump is read as UTF8"
printf "SET client_encoding = 'unicode';\nCREATE TABLE a (x int);\nSET client_encoding = 'UTF8';\n" >alias.sql
run inspect alias.sql
status 0
[ ! -s err ] || problem "an alias of the same encoding warned: $(cat err)"
end

begin "\\encoding to another encoding is a warning; without one, or to the dump's own, it is not"
printf "CREATE TABLE a (x int);\n\\\\encoding LATIN1\nCREATE TABLE b (y int);\n" >meta.sql
run inspect meta.sql
status 0
err_prefix "meta.sql:2:1: warning:" "encoding changes the client encoding"
printf "CREATE TABLE a (x int);\n\\\\encoding\nCREATE TABLE b (y int);\n" >meta2.sql
run inspect meta2.sql
status 0
[ ! -s err ] || problem "a bare \\encoding warned: $(cat err)"
printf "SET client_encoding = 'LATIN1';\nCREATE TABLE a (x int);\n\\\\encoding latin1\n" >meta3.sql
run inspect meta3.sql
status 0
[ ! -s err ] || problem "\\encoding to the dump's own encoding warned: $(cat err)"
end
