# tests/cli/t_emit.sh
#	The emitters, sourced by tests/cli/run.sh (its helpers and $T): each
#	command's --format takes only its own formats from the one table of
#	emitters, and the emitters' object files call each other one way only
#	(no loop, e.g. among the revision emitter's files).

begin "inspect -f md and -f markdown are the same emitter"
run inspect -f md small.sql
cp out md.out
run inspect -f markdown small.sql
status 0
cmp -s out md.out || problem "-f md and -f markdown differ"
end

begin "inspect refuses a diagram format, diagram an inventory format (exit 2)"
run inspect -f mermaid small.sql
status 2
err_has 'unknown format "mermaid" \(text, markdown or json\)'
run diagram -f json small.sql
status 2
err_has 'unknown format "json" \(mermaid, dot or svg\)'
run diagram -f revision small.sql
status 2
end

# A -> B when A's object file uses a function B's defines; tsort finds a loop.
begin "the emitters' files call each other one way (no loop)"
emit_objs=""
for o in "$(dirname "$BIN")"/emit*.o "$(dirname "$BIN")"/alembic_*.o \
	"$(dirname "$BIN")"/diagram.o "$(dirname "$BIN")"/fkey.o \
	"$(dirname "$BIN")"/facts.o "$(dirname "$BIN")"/sink.o; do
	[ -e "$o" ] && emit_objs="$emit_objs $o"
done
if [ -z "$emit_objs" ] || ! command -v nm >/dev/null; then
	problem "no object files next to $BIN, or no nm"
else
	: >edges
	for a in $emit_objs; do
		nm "$a" | awk '$1 == "U" { print $2 }' | sort -u >used
		for b in $emit_objs; do
			[ "$a" = "$b" ] && continue
			nm "$b" | awk '$2 == "T" { print $3 }' | sort -u >defined
			[ -n "$(comm -12 used defined)" ] &&
				echo "$(basename "$a" .o) $(basename "$b" .o)" >>edges
		done
	done
	grep -q "^alembic_tables alembic_text$" edges || problem "the edge check sees no calls"
	tsort edges >/dev/null 2>tsort.err || problem "a loop: $(tr '\n' ' ' <tsort.err)"
fi
end
