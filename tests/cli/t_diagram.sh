# tests/cli/t_diagram.sh
#	diagram's SVG (Graphviz's library, in process) and its options
#	--around, --depth, --keys-only and --partitions, sourced by
#	tests/cli/run.sh (its helpers and $T).  The plan itself is unit-tested
#	(tests/unit/test_diagram.c); the SVG against Graphviz's dot and as
#	XML by tests/integration/test_diagram_svg.py.

cp "$REPO/samples/shop.sql" shop.sql

begin "diagram -f svg: one <svg> element, no XML prolog, every table's name as text"
run diagram -f svg shop.sql
status 0
[ -s err ] && problem "stderr not empty: $(head -c 200 err)"
head -c 5 out | grep -q '^<svg ' || problem "does not start with <svg: $(head -c 80 out)"
grep -q '<?xml\|<!DOCTYPE' out && problem "an XML prolog or doctype is left"
tail -n 1 out | grep -qx '</svg>' || problem "does not end with </svg>"
for t in categories events order_items orders products user_profiles users; do
	grep -q ">public.$t</text>" out || problem "no text public.$t"
done
grep -q '>partitioned table, 2 partitions</text>' out || problem "no partition count"
end

begin "diagram -f svg -o FILE: written whole; an existing FILE refused without --force"
run diagram -f svg -o d.svg shop.sql
status 0
cmp -s d.svg <("$BIN" diagram -f svg shop.sql 2>/dev/null) || problem "-o differs from stdout"
run diagram -f svg -o d.svg shop.sql
status 2
run diagram -f svg -o d.svg --force shop.sql
status 0
end

begin "diagram --around TABLE: the table and its neighbours, in every format"
run diagram --around public.orders shop.sql
status 0
out_has 'e1\["public#46;order_items"\]'
out_has 'e3\["public#46;users"\]'
grep -q 'products\|events' out && problem "a table two hops away is drawn"
run diagram -f dot --around orders --depth 2 shop.sql
status 0
out_has '<B>public.products</B>'
out_has '<B>public.events</B>'
run diagram -f svg --around orders shop.sql
status 0
out_has '>public.orders</text>'
grep -q '>public.products</text>' out && problem "svg: a table two hops away is drawn"
end

begin "diagram --around: a pattern naming no table, or two, is a usage error"
run diagram --around 'order*' shop.sql
status 2
err_prefix "pgbaseline: error: --around \"order*\" names 2 tables" "public.order_items"
[ -s out ] && problem "stdout not empty"
run diagram --around nosuch shop.sql
status 2
err_has 'names no table'
run diagram -t users --around orders shop.sql
status 2
err_has 'names no table'
end

begin "diagram --depth: a number from 1 up, and only with --around"
for bad in 0 -1 x 1x ''; do
	run diagram --around orders --depth "$bad" shop.sql
	status 2
	err_has 'depth'
done
run diagram --depth 2 shop.sql
status 2
err_has 'needs --around'
end

begin "diagram --keys-only: only PK, FK and UK columns"
run diagram -f dot --keys-only shop.sql
status 0
out_has '>user_id</TD>'
grep -q '>note</TD>' out && problem "orders.note (no key) is drawn"
grep -q '>password_hash</TD>' out && problem "users.password_hash (no key) is drawn"
end

begin "diagram --partitions: each partition drawn, as before the collapse"
run diagram --partitions -f dot shop.sql
status 0
out_has '<B>public.events_2025</B>'
out_has 'partition of public.events'
grep -q 'partitions</I>' out && problem "a partition count with --partitions"
run diagram -f dot shop.sql
grep -q 'events_2025' out && problem "a partition drawn by default"
end

begin "diagram --help lists the options"
run diagram --help
status 0
for o in around depth keys-only partitions; do
	out_has "^ +--$o"
done
out_has 'svg'
end
