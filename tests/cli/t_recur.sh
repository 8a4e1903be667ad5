# t_recur.sh
#	CLI tests, sourced by tests/cli/run.sh: statements whose parse tree is
#	too deep or too large for what walks it (include/pgb.h: PGB_MAX_NESTING,
#	PGB_MAX_STATEMENT_TOKENS, PGB_MAX_STATEMENT_NODES).  Every shape that
#	nests without brackets, in every place whose expression is deparsed or
#	walked: a located warning, the statement unparsed, the rest of the file
#	read, --strict exit 3; and the same shapes under the limit parse fully.

# recur_gen LEVELS [PLACES]: one statement per line (shape x place, PLACES a
# comma-separated subset of the places below; all by default), each nested LEVELS
# deep, between tables before_recur and after_recur; then the
# standard_conforming_strings = off case.  Prints the lines of the nested
# statements to recur-lines.
recur_gen() {
	"$PY" - "$1" "${2:-all}" <<'EOF'
import sys
n = int(sys.argv[1])
wanted = sys.argv[2].split(",")
shapes = {
    "isnull": lambda n: "(true" + " ISNULL" * n + ")",
    "notnull": lambda n: "(true" + " NOTNULL" * n + ")",
    "operator": lambda n: "(1" + " OPERATOR(pg_catalog.+) 1" * n + " > 0)",
    "unary": lambda n: "(" + "-+" * (n // 2) + "1 > 0)",
    "is_null": lambda n: "(true" + " IS NULL" * n + ")",
    "is_true": lambda n: "(true" + " IS TRUE" * n + ")",
    "collate": lambda n: "('a'" + ' COLLATE "C"' * n + " = 'a')",
    "cast": lambda n: "(1" + "::integer" * n + " > 0)",
    "not": lambda n: "(" + "NOT " * n + "true)",
    "at_time_zone": lambda n: "(now()" + " AT TIME ZONE 'UTC'" * n + " IS NULL)",
    "plus": lambda n: "(1" + " + 1" * n + " > 0)",
}
places = {
    "default": "CREATE TABLE public.d_{s} (a boolean DEFAULT {e});",
    "check": "ALTER TABLE public.before_recur ADD CONSTRAINT c_{s} CHECK {e};",
    "index": "CREATE INDEX i_{s} ON public.before_recur (({e}));",
    "view": "CREATE VIEW public.v_{s} AS SELECT {e} AS x;",
    "policy": "CREATE POLICY p_{s} ON public.before_recur USING {e};",
    "trigger": "CREATE TRIGGER t_{s} BEFORE UPDATE ON public.before_recur FOR EACH ROW "
               "WHEN {e} EXECUTE FUNCTION public.f();",
    "generated": "CREATE TABLE public.g_{s} (a boolean GENERATED ALWAYS AS {e} STORED);",
    "index_where": "CREATE INDEX w_{s} ON public.before_recur (a) WHERE {e};",
    "domain": "CREATE DOMAIN public.n_{s} AS boolean DEFAULT {e} CHECK {e};",
    "alter_default": "ALTER TABLE public.before_recur ALTER COLUMN a SET DEFAULT {e};",
    "typmod": "CREATE TABLE public.m_{s} (a public.mytype({e}));",
    "partition": "CREATE TABLE public.q_{s} PARTITION OF public.part FOR VALUES IN ({e});",
}
out = ["CREATE TABLE public.before_recur (a integer);",
       "CREATE TABLE public.part (a boolean) PARTITION BY LIST (a);",
       "CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;"]
lines = []
for s, make in shapes.items():
    for p, stmt in places.items():
        if p not in wanted and wanted != ["all"]:
            continue
        out.append(stmt.format(s=s + "_" + p, e=make(n)))
        lines.append(len(out))
# A backslash-quoted literal while standard_conforming_strings is off: a
# reader that took '\'' as a whole string would lose track of the rest.
out.append("SET standard_conforming_strings = off;")
out.append("CREATE TABLE public.d_scs (s text DEFAULT '\\'', a boolean DEFAULT (1" +
           " + 1" * n + " > 0));")
lines.append(len(out))
out.append("SET standard_conforming_strings = on;")
out.append("CREATE TABLE public.after_recur (a integer);")
with open("recur-lines", "w") as f:
    f.write(" ".join(map(str, lines)) + "\n")
print("\n".join(out))
EOF
}

for recur_case in 5000:all 100000:default,view,typmod; do
	recur_n=${recur_case%%:*}
	begin "recur: $recur_n levels of ISNULL, NOTNULL, OPERATOR(), -+, IS, COLLATE, ::, NOT, AT TIME ZONE and + (standard_conforming_strings off) in ${recur_case#*:} places (defaults, checks, indexes, views, policies, trigger WHENs, generated columns, index predicates, domains, type modifiers, partition bounds): located warnings, the rest read"
	recur_gen "$recur_n" "${recur_case#*:}" >recur-deep.sql
	run inspect recur-deep.sql --format json --strict
	status 3
	read -r recur_lines <recur-lines
	# stderr shows the first 100 warnings (then a count); the JSON lists them all.
	recur_k=0
	for recur_line in $recur_lines; do
		recur_k=$((recur_k + 1))
		[ "$recur_k" -le 100 ] || break
		err_prefix "recur-deep.sql:$recur_line:" 'warning: cannot parse.*nested too deeply'
	done
	json 'all("nested too deeply" in u["message"] for u in d["unparsed"])' \
		"every unparsed statement is nested too deeply"
	json '{"public.before_recur", "public.after_recur"} <= tables(d)' "the tables before and after are read"
	json "sorted(u['line'] for u in d['unparsed']) == [$(sed 's/ /, /g' recur-lines)]" \
		"exactly the nested statements are unparsed"
	json 'not any(t["name"][:2] in ("d_", "g_", "m_", "q_") for t in d["tables"]) and d["views"] == [] and not any(t["name"].startswith("n_") for t in d["types"])' \
		"no object of a nested statement is in the model"
	end
done

begin "recur: the same shapes 900 levels deep are parsed in full"
recur_gen 900 >recur-ok.sql
run inspect recur-ok.sql --format json --strict
status 0
json 'd["unparsed"] == []' "nothing unparsed"
json '[len([t for t in d["tables"] if t["name"].startswith(p)]) for p in ("d_", "g_", "m_", "q_")] == [12, 11, 11, 11] and len(d["views"]) == 11 and len([t for t in d["types"] if t["name"].startswith("n_")]) == 11' \
	"every table, view and domain of a nested statement is read"
end

begin "recur: one statement of 600,000 list items (more than 1,000,000 tokens): a located warning, the rest read"
"$PY" -c '
print("CREATE TABLE public.before_big (a integer);")
print("CREATE TABLE public.big (a integer CHECK (a IN (" + ",".join(["1"] * 600000) + ")));")
print("CREATE TABLE public.after_big (a integer);")' >recur-big.sql
run inspect recur-big.sql --format json --strict
status 3
err_prefix "recur-big.sql:2:" 'warning: cannot parse.*too large \(more than 1000000 tokens\)'
json 'tables(d) == {"public.before_big", "public.after_big"} and unparsed(d)[0][0] == 2' \
	"tables before and after read, line 2 unparsed"
end

begin "recur: 400,000 list items in an IN list (under both limits) are read"
"$PY" -c '
print("CREATE TABLE public.big (a integer CHECK (a IN (" + ",".join(["1"] * 400000) + ")));")' >recur-list.sql
run inspect recur-list.sql --format json --strict
status 0
json 'tables(d) == {"public.big"} and d["unparsed"] == []' "the table is read"
end

begin "recur: 150,000 (a = a) AND ... terms (fewer tokens than the cap, more nodes than 1,000,000): located warning"
"$PY" -c '
print("CREATE TABLE public.t (a integer CHECK (" + " AND ".join(["(a = a)"] * 150000) + "));")
print("CREATE TABLE public.after_big (a integer);")' >recur-nodes.sql
run inspect recur-nodes.sql --format json --strict
status 3
err_prefix "recur-nodes.sql:1:" 'warning: cannot parse.*too large \(more than 1000000 parse tree nodes\)'
json 'tables(d) == {"public.after_big"}' "the next table is read"
end

begin "recur: standard_conforming_strings off does not hide tokens behind '\\'': the count reads backslashes as the parser does"
"$PY" -c '
print("SET standard_conforming_strings = off;")
print("CREATE TABLE public.big (s text DEFAULT '"'\\\\''"', a integer CHECK (a IN (" + ",".join(["1"] * 600000) + ")));")
print("CREATE TABLE public.after_big (a integer);")' >recur-scs.sql
run inspect recur-scs.sql --format json --strict
status 3
err_prefix "recur-scs.sql:2:" 'too large \(more than 1000000 tokens\)'
json 'tables(d) == {"public.after_big"}' "the next table is read"
end

begin "recur: circular and self inheritance are refused, located; nothing recurses forever"
cat >recur-cycle.sql <<'EOF'
CREATE TABLE public.a (x integer);
CREATE TABLE public.b (x integer);
ALTER TABLE public.a INHERIT public.b;
ALTER TABLE public.b INHERIT public.a;
ALTER TABLE public.a INHERIT public.a;
ALTER TABLE public.a ADD CONSTRAINT c CHECK (x > 0);
ALTER TABLE public.a VALIDATE CONSTRAINT c;
CREATE TABLE public.p (x integer PRIMARY KEY) PARTITION BY LIST (x);
CREATE TABLE public.q (x integer) PARTITION BY LIST (x);
ALTER TABLE public.p ATTACH PARTITION public.q FOR VALUES IN (1);
ALTER TABLE public.q ATTACH PARTITION public.p FOR VALUES IN (2);
ALTER TABLE public.p ADD CONSTRAINT fk FOREIGN KEY (x) REFERENCES public.p (x);
EOF
run inspect recur-cycle.sql --format json
status 0
err_prefix "recur-cycle.sql:4:" 'circular inheritance not allowed'
err_prefix "recur-cycle.sql:5:" 'circular inheritance not allowed'
err_prefix "recur-cycle.sql:11:" 'circular inheritance not allowed'
json '[c["name"] for t in d["tables"] if t["name"] == "b" for c in t["check_constraints"]] == []' \
	"b inherits nothing from a"
end

begin "recur: a 5,000-table inheritance chain: the CHECK added to its top reaches every table, nothing recurses"
"$PY" -c '
print("CREATE TABLE public.t0 (x integer);")
for i in range(1, 5000):
    print("CREATE TABLE public.t%d () INHERITS (public.t%d);" % (i, i - 1))
print("ALTER TABLE public.t0 ADD CONSTRAINT c CHECK (x > 0) NOT VALID;")
print("ALTER TABLE public.t0 VALIDATE CONSTRAINT c;")' >recur-chain.sql
run inspect recur-chain.sql --format json
status 0
json 'len(d["tables"]) == 5000' "every table read"
json 'all([c["name"] for c in t["check_constraints"]] == ["c"] for t in d["tables"])' \
	"every table has the CHECK"
end

begin "recur: a lattice of multiple inheritance (40 levels of two tables, each below both of the level above): the CHECK reaches every table once"
"$PY" -c '
print("CREATE TABLE public.l0a (x integer);")
print("CREATE TABLE public.l0b (x integer);")
for i in range(1, 40):
    for s in "ab":
        print("CREATE TABLE public.l%d%s () INHERITS (public.l%da, public.l%db);" % (i, s, i - 1, i - 1))
print("CREATE TABLE public.top (x integer);")
print("ALTER TABLE public.l0a INHERIT public.top;")
print("ALTER TABLE public.l0b INHERIT public.top;")
print("ALTER TABLE public.top ADD CONSTRAINT c CHECK (x > 0);")' >recur-lattice.sql
run inspect recur-lattice.sql --format json
status 0
json 'len(d["tables"]) == 81' "every table read"
json 'all([c["name"] for c in t["check_constraints"]] == ["c"] for t in d["tables"])' \
	"every table has the CHECK once"
end

# recur_tight SOFT|BOTH KB: a wrapper of BIN that runs it under a stack limit
recur_tight() {
	local flag=-s
	[ "$1" = SOFT ] && flag="-S -s"
	printf '#!/bin/sh\nulimit %s %s || exit 99\nexec "%s" "$@"\n' "$flag" "$2" "$BIN" >recur-tight
	chmod +x recur-tight
}

recur_bin=$BIN
begin "recur: under ulimit -s 1024 (hard), 900 levels are a located warning naming the stack limit, not a crash; 100 levels are read"
"$PY" -c '
print("CREATE TABLE public.before_tight (a integer);")
print("CREATE VIEW public.deep AS SELECT (true" + " ISNULL" * 900 + ") AS x;")
print("CREATE VIEW public.shallow AS SELECT (true" + " ISNULL" * 100 + ") AS x;")
print("CREATE TABLE public.after_tight (a integer);")' >recur-tight.sql
recur_tight BOTH 1024
BIN=$PWD/recur-tight
run inspect recur-tight.sql --format json
BIN=$recur_bin
status 0
err_prefix "recur-tight.sql:2:" 'nested too deeply.*stack limit.*ulimit -s'
json 'tables(d) == {"public.before_tight", "public.after_tight"} and [v["name"] for v in d["views"]] == ["shallow"]' \
	"both tables and the shallow view read"
end

begin "recur: under ulimit -S -s 1024 (soft only), the limit is raised and 900 levels are read"
recur_tight SOFT 1024
BIN=$PWD/recur-tight
run inspect recur-tight.sql --format json --strict
BIN=$recur_bin
status 0
json 'sorted(v["name"] for v in d["views"]) == ["deep", "shallow"] and d["unparsed"] == []' \
	"both views read"
end
