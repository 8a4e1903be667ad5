# tests/cli/t_mermaid.sh
#	Mermaid's size limit, sourced by tests/cli/run.sh (its helpers and $T):
#	Mermaid draws only an error for a diagram longer than 50,000
#	characters (its default maxTextSize), so such a diagram comes with a
#	warning saying its length and the way out; a smaller one, and the
#	same schema as dot, come without.

: >big.sql
for i in $(seq 1 400); do
	printf 'CREATE TABLE public.table_%03d (id integer NOT NULL, name text, created_at timestamp);\n' "$i" >>big.sql
done

begin "diagram: a Mermaid diagram past 50,000 characters is written, with a warning"
run diagram big.sql
status 0
out_has '^erDiagram'
size=$(wc -m <out)
[ "$size" -gt 50000 ] || problem "the fixture's diagram has only $size characters"
err_has "^pgbaseline: warning: the Mermaid diagram is $size characters long, and Mermaid draws only an error for more than 50000"
err_has 'use --format dot'
end

begin "diagram: -q silences the size warning, not the diagram"
run diagram -q big.sql
status 0
out_has '^erDiagram'
[ -s err ] && problem "stderr not empty: $(head -c 200 err)"
end

begin "diagram: the same schema as dot, and a small Mermaid diagram, get no warning"
run diagram -f dot big.sql
status 0
[ -s err ] && problem "dot: stderr not empty: $(head -c 200 err)"
run diagram small.sql
status 0
[ -s err ] && problem "small: stderr not empty: $(head -c 200 err)"
end

begin "diagram: a filter brings the diagram under the limit, and the warning goes"
run diagram -t 'public.table_0*' big.sql
status 0
[ -s err ] && problem "stderr not empty: $(head -c 200 err)"
end
