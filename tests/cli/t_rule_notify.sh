# tests/cli/t_rule_notify.sh
#	A rule whose action is NOTIFY (no expression in it) is read and
#	compared like any other: the canonical key's walk (build_canon.c,
#	ast_walk_children) passes over statements that hold no expressions,
#	where libpg_query's walker would end the process.  Sourced by
#	tests/cli/run.sh (its helpers and $T).

cat >rule-notify.sql <<'EOF2'
CREATE TABLE public.t (id integer);
CREATE RULE r AS ON DELETE TO public.t DO ALSO NOTIFY chan;
CREATE RULE r2 AS ON INSERT TO public.t DO ALSO (NOTIFY chan2; SELECT 1);
EOF2
sed 's/chan2/chan3/' rule-notify.sql >rule-notify2.sql

begin "a rule that NOTIFYs is read (exit 0) and a changed channel is a difference"
run inspect --format json rule-notify.sql
status 0
json 'sorted(o["name"] for o in d["objects"] if o["kind"] == "rule") == ["r", "r2"]'
run diff rule-notify.sql rule-notify.sql
status 0
run diff rule-notify.sql rule-notify2.sql
status 1
out_has "r2"
end
