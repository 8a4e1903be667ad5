# tests/cli/t_cmds.sh
#	The command table and the option table (src/cli.c), sourced by
#	tests/cli/run.sh (its helpers and $T): `pgbaseline help CMD` and
#	`pgbaseline CMD --help` print that command's help, `pgbaseline --help`
#	lists every command, and a usage error in a command points at its help.

cd "$T" || exit 1

for cmds_c in inspect diagram baseline stamp-sql stats-query; do
	begin "help $cmds_c and $cmds_c --help print the same help, naming the command"
	run help "$cmds_c"
	status 0
	out_has "^Usage: pgbaseline $cmds_c( |\$)"
	out_has '^  -h, --help '
	cp out cmds-help.out
	run "$cmds_c" --help
	status 0
	cmp -s out cmds-help.out || problem "help $cmds_c and $cmds_c --help differ"
	[ -s err ] && problem "something on stderr"
	end

	begin "--help lists $cmds_c"
	run --help
	status 0
	out_has "^  $cmds_c  "
	end
done

begin "help of an unknown command: exit 2, the command named, nothing on stdout"
run help no-such-command
status 2
err_has 'unknown command "no-such-command"'
err_has "Try 'pgbaseline --help'"
[ -s out ] && problem "something on stdout"
end

begin "help with two commands: exit 2, pointing at the first one's help"
run help inspect diagram
status 2
err_has 'help takes one COMMAND'
err_has "Try 'pgbaseline inspect --help'"
[ -s out ] && problem "something on stdout"
end

begin "help alone: the tool's help"
run help
status 0
out_has '^Commands:'
end

begin "a look-alike of help is not a command: --help-me"
run --help-me
status 2
err_has 'unknown command "--help-me"'
end

begin "each command's help lists only its options: stamp-sql has no --schema, inspect no --rev"
run stamp-sql --help
out_has '^      --rev REV '
grep -q -- '--schema' out && problem "stamp-sql --help lists --schema"
run inspect --help
out_has '^  -n, --schema PATTERN '
grep -q -- '--rev' out && problem "inspect --help lists --rev"
end

# A usage error names the command's help, whatever the error.
for cmds_args in "inspect --no-such-option small.sql" "inspect" "inspect --format yaml small.sql" \
	"diagram -o" "diagram small.sql small.sql" "inspect -n a.b.c.d small.sql" \
	"baseline" "baseline --doc huge small.sql" "baseline --rev a-b small.sql" \
	"baseline --date 2026-02-30 small.sql" "stamp-sql" "stamp-sql --rev x extra" \
	"stats-query extra" "stats-query --schema x"; do
	cmds_c=${cmds_args%% *}
	begin "usage error in '$cmds_args': exit 2 and Try 'pgbaseline $cmds_c --help'"
	# shellcheck disable=SC2086
	run $cmds_args
	status 2
	err_has "Try 'pgbaseline $cmds_c --help'"
	err_has "Try 'pgbaseline --help'"
	[ -s out ] && problem "something on stdout"
	end
done

begin "an option of another command is refused: inspect --rev, baseline --format"
run inspect --rev x small.sql
status 2
err_has 'unknown option --rev'
run baseline --format json small.sql
status 2
err_has 'unknown option --format'
end

begin "-h stops at once, before a bad option after it"
run baseline -h --no-such-option
status 0
out_has '^Usage: pgbaseline baseline '
end
