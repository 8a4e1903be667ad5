# tests/cli/t_split.sh: sourced by tests/cli/run.sh (its helpers and scratch
# directory).  What may hide a table from the inventory, or reach the
# terminal through stderr: standard_conforming_strings in every form
# PostgreSQL accepts, psql meta-commands and conditionals, empty
# statements, object headers, and control characters in messages.

# ---- standard_conforming_strings -------------------------------------------

# After a setting that turns it off, 'a\' -- ' is one string and the table
# that follows is created; with it on, the table is inside a statement that
# does not parse.
split_off_case() { # DESCRIPTION SQL...
	local desc=$1
	shift
	begin "standard_conforming_strings off by $desc: the table after it is reported"
	{
		printf '%s\n' "$@"
		printf '%s\n' "COMMENT ON SCHEMA public IS 'a\\' -- ';" \
			"CREATE TABLE public.hidden (a int);"
	} >scs.sql
	run inspect scs.sql --format json --strict
	status 0
	json '"public.hidden" in tables(d) and d["unparsed"] == []' "public.hidden reported"
	end
}

split_off_case "= false" "SET standard_conforming_strings = false;"
split_off_case "= 0" "SET standard_conforming_strings = 0;"
split_off_case "= no" "SET standard_conforming_strings = no;"
split_off_case "= 'off'" "SET standard_conforming_strings = 'off';"
split_off_case "= \"off\"" 'SET standard_conforming_strings = "off";'
split_off_case "TO OFF (mixed case name)" "set Standard_Conforming_Strings TO OFF;"
split_off_case "a unique prefix (of)" "SET standard_conforming_strings = of;"
split_off_case "'F'" "SET standard_conforming_strings TO 'F';"
split_off_case "SET SESSION" "SET SESSION standard_conforming_strings = off;"
split_off_case "a quoted name" "SET \"standard_conforming_strings\" = 'n';"
split_off_case "set_config" \
	"SELECT pg_catalog.set_config('standard_conforming_strings', 'off', false);"
split_off_case "set_config, mixed case, 'no'" \
	"SELECT set_config('Standard_Conforming_Strings', 'no', false);"
split_off_case "SET LOCAL in a transaction" "BEGIN;" \
	"SET LOCAL standard_conforming_strings = off;"
split_off_case "a SET kept by COMMIT" "BEGIN;" "SET standard_conforming_strings = off;" "COMMIT;"
split_off_case "a SET after a savepoint released" "BEGIN;" "SAVEPOINT s;" \
	"SET standard_conforming_strings = off;" "RELEASE SAVEPOINT s;" "COMMIT;"
split_off_case "several statements on one line" \
	"SELECT 1; SET standard_conforming_strings = off; SELECT 2;"

# Look-alikes: the setting is on again (or never changed), so 'b\' ends the
# string and the table is created.
split_on_case() { # DESCRIPTION SQL...
	local desc=$1
	shift
	begin "standard_conforming_strings stays on after $desc"
	{
		printf '%s\n' "$@"
		printf '%s\n' "COMMENT ON SCHEMA public IS 'b\\';" \
			"CREATE TABLE public.on_only (a int);" "-- ';"
	} >scs.sql
	run inspect scs.sql --format json --strict
	status 0
	json '"public.on_only" in tables(d) and d["unparsed"] == []' "public.on_only reported"
	end
}

split_on_case "SET LOCAL outside a transaction" "SET LOCAL standard_conforming_strings = off;"
split_on_case "an ambiguous value (o)" "SET standard_conforming_strings = o;"
split_on_case "a value that is no boolean" "SET standard_conforming_strings = 'offf';"
split_on_case "two values" "SET standard_conforming_strings = off, off;"
split_on_case "ROLLBACK" "BEGIN;" "SET standard_conforming_strings = off;" "ROLLBACK;"
split_on_case "SET LOCAL and COMMIT" "BEGIN;" "SET LOCAL standard_conforming_strings = off;" \
	"COMMIT;"
split_on_case "ROLLBACK TO SAVEPOINT" "BEGIN;" "SAVEPOINT s;" \
	"SET standard_conforming_strings = off;" "ROLLBACK TO SAVEPOINT s;" "COMMIT;"
split_on_case "RESET" "SET standard_conforming_strings = off;" \
	"RESET standard_conforming_strings;"
split_on_case "SET TO DEFAULT" "SET standard_conforming_strings = off;" \
	"SET standard_conforming_strings TO DEFAULT;"
split_on_case "RESET ALL" "SET standard_conforming_strings = off;" "RESET ALL;"
split_on_case "set_config(..., true) outside a transaction" \
	"SELECT set_config('standard_conforming_strings', 'off', true);"
split_on_case "\\connect (a new session)" "SET standard_conforming_strings = off;" '\connect -'
split_on_case "a look-alike in a string" "SELECT 'SET standard_conforming_strings = off';"
split_on_case "current_setting" "SELECT current_setting('standard_conforming_strings');"
split_on_case "another setting by set_config" "SELECT set_config('search_path', '', false);"

begin "ALTER DATABASE ... SET standard_conforming_strings applies at the next \\connect"
printf '%s\n' "ALTER DATABASE db1 SET standard_conforming_strings = off;" '\connect db1' \
	"COMMENT ON SCHEMA public IS 'a\\' -- ';" "CREATE TABLE public.hidden (a int);" >scs.sql
run inspect scs.sql --format json --strict
status 0
json '"public.hidden" in tables(d)' "public.hidden reported"
end

split_unknown_case() { # DESCRIPTION SQL
	begin "standard_conforming_strings changed where pgbaseline cannot follow ($1): located warning"
	printf '%s\n' "SELECT 1;" "$2" "CREATE TABLE public.t (a int);" >scs.sql
	run inspect scs.sql --format json --strict
	status 3
	err_prefix "scs.sql:2:1:" "standard_conforming_strings"
	json '"public.t" in tables(d) and len(d["unparsed"]) == 1' "t reported, one unparsed"
	end
}
split_unknown_case "set_config with a computed value" \
	"SELECT set_config('standard_conforming_strings', current_setting('x.y'), false);"
split_unknown_case "set_config inside an expression" \
	"SELECT 1 WHERE set_config('standard_conforming_strings', 'off', false) IS NOT NULL;"
split_unknown_case "a DO block" \
	'DO $$BEGIN SET standard_conforming_strings = off; END$$;'
split_unknown_case "ALTER ROLE" "ALTER ROLE app SET standard_conforming_strings = off;"

# ---- psql meta-commands -----------------------------------------------------

# A meta-command that runs SQL pgbaseline cannot see: a warning at its
# backslash, counted as unparsed, and --strict exits 3.
split_meta_case() { # LINE_OF_COMMAND COL KEYWORD TEXT...
	local line=$1 col=$2 kw=$3
	shift 3
	begin "meta-command ${*:1:1} ... : located warning, --strict fails"
	{
		printf '%s\n' "CREATE TABLE public.a (x int);"
		printf '%s\n' "$@"
		printf '%s\n' "CREATE TABLE public.z (x int);"
	} >meta.sql
	run inspect meta.sql --format json --strict
	status 3
	err_prefix "meta.sql:$line:$col:" "$kw"
	json '{"public.a", "public.z"} <= tables(d) and len(d["unparsed"]) >= 1' "a and z reported"
	end
}
split_meta_case 2 40 gexec "SELECT 'CREATE TABLE public.h (a int)' \\gexec"
split_meta_case 3 1 gexec "SELECT 'CREATE TABLE public.h (a int)';" '\gexec'
split_meta_case 2 1 'another file' '\i hidden.sql'
split_meta_case 2 1 'another file' '\ir hidden.sql'
split_meta_case 2 1 'another file' '\include hidden.sql'
split_meta_case 2 1 'another file' '\include_relative hidden.sql'
split_meta_case 2 1 'shell' '\! psql -c "CREATE TABLE h (a int)"'
split_meta_case 2 1 'program' "\\copy public.a from program 'psql -c x'"
split_meta_case 2 1 'program' "\\COPY public.a TO PROGRAM 'sh'"
split_meta_case 2 1 'file or a program' '\o |psql'
split_meta_case 2 1 'file or a program' '\o ~/.psqlrc'
split_meta_case 2 10 'file or a program' 'SELECT 1 \g |psql'
split_meta_case 2 10 'file or a program' 'SELECT 1 \g (format=csv) out.sql'
split_meta_case 2 10 'variables' 'SELECT 1 \gset'
split_meta_case 2 1 'editor' '\e'
split_meta_case 2 1 'query buffer' '\w |psql'
split_meta_case 2 1 'knows' '\frobnicate'
split_meta_case 2 1 'gexec' '\echo x\gexec'
split_meta_case 2 1 'runs' '\set AUTOCOMMIT off'
split_meta_case 3 1 'substitutes' "\\set x 'CREATE TABLE public.h (a int)'" ':x;'
split_meta_case 3 21 'substitutes' "\\set t h" "CREATE TABLE public.:\"t\" (a int);"
split_meta_case 3 14 'substitutes' "SELECT 'x' AS t \\gset" "CREATE TABLE :t (a int);"
split_meta_case 2 14 'substitutes' "CREATE TABLE :DBNAME (a int);"

begin "harmless meta-commands and look-alikes: no warning"
cat >harmless.sql <<'EOF'
\restrict abcdef
\encoding UTF8
\echo CREATE TABLE public.nope (a int);
\qecho hello
\pset format aligned
\timing on
\x
\dt
\set ON_ERROR_STOP on
\set n 1
\unset n
\copy public.a from 'data.csv'
\o
\setenv PAGER less
SELECT a[1:n], a::text, '\gexec', $$ \i x $$, E'\\' /* \! */ FROM (SELECT ARRAY[1] AS a) s;
-- \gexec in a comment
SELECT 1 \g
SELECT 2 \gx (format=csv)
CREATE TABLE public.a (x int);
\unrestrict abcdef
EOF
run inspect harmless.sql --format json --strict
status 0
[ ! -s err ] || problem "stderr is not empty"
json 'tables(d) == {"public.a"} and d["unparsed"] == []' "only public.a"
end

begin "\\g and its kin send the statement before them; \\gdesc does not run it; \\; and \\: are text"
cat >send.sql <<'EOF'
CREATE TABLE public.g (a int) \g
CREATE TABLE public.desc_only (a int) \gdesc
CREATE TABLE public.c (x int)\; CREATE TABLE public.d (y int);
CREATE TABLE public.e (a int DEFAULT 1 \echo mid-statement
);
EOF
run inspect send.sql --format json
status 0
json 'tables(d) == {"public.g", "public.c", "public.d", "public.e"}' "g c d e, not desc_only"
err_prefix "send.sql:2:39:" "gdesc"
end

begin "\\if false: the table inside is not reported; \\if and \\else are located warnings"
cat >cond.sql <<'EOF'
\if false
CREATE TABLE public.never (a int);
\elif 0
CREATE TABLE public.never2 (a int);
\else
CREATE TABLE public.always (a int);
\endif
\set flag on
\if :flag
CREATE TABLE public.flagged (a int);
\endif
\if :unset_variable
CREATE TABLE public.never3 (a int);
\endif
\if :{?flag}
CREATE TABLE public.defined (a int);
\endif
EOF
run inspect cond.sql --format json --strict
status 3
json 'tables(d) == {"public.always", "public.flagged", "public.defined"}' "always, flagged, defined"
err_prefix "cond.sql:1:1:" "conditional"
err_prefix "cond.sql:5:1:" "conditional"
end

begin "\\if on what only psql knows: the tables are reported, each with a warning"
cat >cond2.sql <<'EOF'
\if :DBNAME
CREATE TABLE public.maybe (a int);
\else
CREATE TABLE public.maybe_not (a int);
\endif
CREATE TABLE public.sure (a int);
EOF
run inspect cond2.sql --format json --strict
status 3
json 'tables(d) == {"public.maybe", "public.maybe_not", "public.sure"}' "all three"
err_prefix "cond2.sql:2:1:" "conditional at line 1"
err_prefix "cond2.sql:4:1:" "conditional at line 1"
grep -q "^cond2.sql:6:" err && problem "the statement after \\endif was warned about"
end

begin "\\q: nothing after it runs"
printf '%s\n' "CREATE TABLE public.a (x int);" '\q' "CREATE TABLE public.b (x int);" >quit.sql
run inspect quit.sql --format json
status 0
json 'tables(d) == {"public.a"}' "only a"
err_prefix "quit.sql:2:1:" "stops"
end

# ---- empty statements -------------------------------------------------------

begin "empty statements are nothing: no warning, --strict passes"
printf '%s\n' "SELECT 1;;" "; ;" "-- a comment" ";" "/* c */ ;" "CREATE TABLE public.t (a int);;" \
	>empty.sql
run inspect empty.sql --format json --strict
status 0
[ ! -s err ] || problem "stderr is not empty"
json 'tables(d) == {"public.t"} and d["unparsed"] == []' "t, nothing unparsed"
end

begin "no unparsed entry carries a null message"
printf '%s\n' "CREATE TABLE public.t (a int) WIBBLE;" '\gexec' "SELECT :'HOST';" >nullmsg.sql
run inspect nullmsg.sql --format json
status 0
json 'len(d["unparsed"]) == 3 and all(isinstance(u["message"], str) and u["message"] for u in d["unparsed"])' \
	"every message a string"
grep -q "(null)" err && problem "stderr says (null)"
end

# ---- object headers and control characters ----------------------------------

begin "a -- Name: header describes only the statement right after it"
cat >hdr.sql <<'EOF'
--
-- Name: a; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.a (x int);

CREATE TABLE public.b (x int) WIBBLE;
EOF
run inspect hdr.sql --format json
status 0
err_prefix "hdr.sql:7:31:" "cannot parse statement"
grep -q "TABLE public.a" err && problem "the header of public.a was attached to a later statement"
json 'all(u["object"] is None for u in d["unparsed"])' "no object on the unparsed statement"
end

# stderr_clean: no byte below 0x20 but \n, no DEL, no C1 control (as UTF-8 or
# raw), no bidirectional override or isolate.
stderr_clean() {
	"$PY" - err <<'EOF' || problem "stderr holds control or formatting characters"
import sys
data = open(sys.argv[1], "rb").read()
bad = [b for b in data if (b < 0x20 and b != 0x0a) or b == 0x7f]
text = data.decode("utf-8", "replace")
bad += [c for c in text if 0x80 <= ord(c) <= 0x9f or 0x202a <= ord(c) <= 0x202e
        or 0x2066 <= ord(c) <= 0x2069 or c == "\ufffd"]
sys.exit(1 if bad else 0)
EOF
}

begin "control characters in tokens, headers, meta-commands and file names never reach stderr raw"
"$PY" - <<'EOF'
import os
esc = "\x1b[2J\x1b]0;pwned\x07\u009b31m\u202e"
sql = ("-- Name: x%s; Type: TABLE; Schema: public; Owner: a\n"
       "CREATE TABLE public.x (a int) %s WIBBLE;\n"
       "\\gexec %s\n"
       "SELECT :'HOST' %s;\n"
       "CREATE TABLE public.t (a int) \x9b\x1b;\n") % (esc, esc, esc, esc)
open("ctl\x1b[31m\u202e.sql", "wb").write(sql.encode("utf-8"))
EOF
run inspect "$(printf 'ctl\033[31m\342\200\256.sql')" --format json
status 0
stderr_clean
err_has 'ctl\\x1b\[31m\\u202e\.sql:2:'
err_has 'x\\x1b\[2J\\x1b\]0;pwned\\x07'
run inspect "$(printf 'missing\033]0;t\007.sql')"
status 2
stderr_clean
run inspect --no-such-option-$(printf '\033[2J')
status 2
stderr_clean
end

# ---- archives ---------------------------------------------------------------

begin "custom archive whose COMMENT entry lost its closing quote: the next entries are still read"
run inspect "$REPO/tests/fuzz/corpus/archive/shop-schema-custom" --format json
cp out arc_plain.json
run inspect "$REPO/tests/fuzz/corpus/archive/i9-split-broken-comment" --format json --strict
status 3
err_has 'i9-split-broken-comment \(restore script\):[0-9]+:[0-9]+: warning: unterminated quoted string'
err_has 'COMMENT TABLE users'
json 'tables(d) == tables(__import__("json").load(open("arc_plain.json"))) and len(d["unparsed"]) == 1' \
	"the same tables as the archive unbroken"
end

# ---- bit strings: no backslash escapes, whatever standard_conforming_strings says

begin "B'\\' and X'\\' with standard_conforming_strings off end at their quote (scan.l's xb, xh): the next table is read"
printf '%s\n' "SET standard_conforming_strings = off;" \
	"CREATE TABLE public.b_bad (a bit(1) DEFAULT B'\\');" \
	"CREATE TABLE public.after_b (x integer);" \
	"CREATE TABLE public.x_bad (a bit(4) DEFAULT X'\\');" \
	"CREATE TABLE public.after_x (x integer);" >bitstr.sql
run inspect bitstr.sql --format json
status 0
json '{"public.after_b", "public.after_x"} <= tables(d)' "the tables after the bit strings are read"
end

begin "look-alike: E'\\'' and (standard_conforming_strings off) '\\'' still take the backslash as an escape"
printf '%s\n' "SET standard_conforming_strings = off;" \
	"COMMENT ON SCHEMA public IS 'a\\'; CREATE TABLE public.not_a_table (x integer); ';" \
	"COMMENT ON SCHEMA public IS E'b\\'; CREATE TABLE public.nor_this (x integer); ';" \
	"CREATE TABLE public.real_one (x integer);" >bitstr2.sql
run inspect bitstr2.sql --format json
status 0
json 'tables(d) == {"public.real_one"}' "only real_one is a table"
end

begin "\\unset then \\set again: a :variable warns only while the variable is set"
printf '%s\n' '\set v 1' '\unset v' "CREATE TABLE public.t1 (a integer DEFAULT 1, b text DEFAULT ':v');" \
	"SELECT :v;" '\set v 2' "SELECT :v;" "CREATE TABLE public.t2 (a integer);" >unset.sql
run inspect unset.sql --format json
status 0
json 'tables(d) == {"public.t1", "public.t2"}' "both tables read"
json '[(u["line"], "substitutes" in u["message"]) for u in d["unparsed"]] == [(4, False), (6, True)]' \
	"unset, :v is sent as it is (a syntax error, as on the server); set again, it is substituted"
end
