# shellcheck shell=bash
# tests/cli/t_objects.sh: every object is at least named.  The fixture
# tests/cli/data/objects.sql holds one object of every kind the model keeps
# by name (event trigger, rule, operator, operator class and family,
# publication, subscription, collation, conversion, text search
# configuration, dictionary, parser and template, cast, foreign data
# wrapper, server, user mapping, statistics object, transform, language,
# access method), a foreign table with options, an aggregate, a SECURITY
# DEFINER function and function grants, and look-alikes: a table trigger
# named like the event trigger, a collation, a text search configuration
# and a dictionary of one name, a SECURITY INVOKER function whose body holds
# CREATE EVENT TRIGGER / CREATE RULE as text.  Each kind must be named, as
# that kind and only as it, in JSON, text and Markdown.  Sourced by
# tests/cli/run.sh (its helpers and scratch directory).

OBJ_SQL=$REPO/tests/cli/data/objects.sql

# kind, schema-qualified name as the text report writes it, section title
OBJ_KINDS='event_trigger|lookalike|Event triggers
rule|items_archive_insert on objs.items_archive|Rules
operator|objs.~<<(text, text)|Operators
operator_class|objs.int4_cls using btree|Operator classes
operator_family|objs.int4_fam using btree|Operator families
publication|items_pub|Publications
subscription|items_sub|Subscriptions
collation|objs.lookalike|Collations
conversion|objs.latin1_to_utf8|Conversions
text_search_configuration|objs.lookalike|Text search configurations
text_search_dictionary|objs.lookalike|Text search dictionaries
text_search_parser|objs.words|Text search parsers
text_search_template|objs.plain|Text search templates
cast|(text AS objs.pair)|Casts
foreign_data_wrapper|dummy_fdw|Foreign data wrappers
server|remote|Foreign servers
user_mapping|objects_reader server remote|User mappings
statistics|objs.items_stats on objs.items|Statistics objects
transform|objs.pair language plpgsql|Transforms
language|plobjs|Languages
access_method|heap_objs|Access methods'

# The entries of one text section, "  " stripped: lines after TITLE: up to the next title.
obj_text_section() {
	awk -v t="$1:" '$0 == t { on = 1; next } on && /^[^ ]/ { on = 0 } on { sub(/^  /, ""); print }' out
}

begin "objects: JSON names every kind once, as that kind, with schema and owner"
run inspect --format json "$OBJ_SQL"
status 0
json "sorted(o['kind'] for o in d['objects']) == sorted($(printf '%s\n' "$OBJ_KINDS" |
	cut -d'|' -f1 | "$PY" -c 'import sys; print([l.strip() for l in sys.stdin])'))" \
	"one object of each kind, no other"
json 'all(v == 1 for v in d["summary"]["objects"].values()) and len(d["summary"]["objects"]) == 21' \
	"summary counts one of each kind"
json '{(o["kind"], o["schema"], o["name"]) for o in d["objects"] if o["name"] == "lookalike"} == {("event_trigger", None, "lookalike"), ("collation", "objs", "lookalike"), ("text_search_configuration", "objs", "lookalike"), ("text_search_dictionary", "objs", "lookalike")}' \
	"the four lookalikes, each as its own kind"
json '[(t["table"], t["name"]) for t in d["triggers"]] == [("items", "lookalike")]' \
	"the table trigger stays a trigger"
json 'all(o["owner"] == "objects_owner" for o in d["objects"] if o["kind"] not in ("rule", "cast", "user_mapping", "transform", "text_search_parser", "text_search_template", "access_method"))' \
	"owners from ALTER ... OWNER TO"
json '{o["kind"]: o["comment"] for o in d["objects"] if o["comment"]} == {"event_trigger": "watches DDL", "rule": "redirects inserts", "operator": "shorter than", "cast": "length as a pair", "access_method": "heap again"}' \
	"comments on event trigger, rule, operator, cast, access method"
json '[o for o in d["objects"] if o["kind"] == "operator"][0]["arguments"] == "text, text"' "operator arguments"
json '[o["on"] for o in d["objects"] if o["kind"] == "rule"] == ["objs.items_archive"]' "rule on its table"
json '"ADD MAPPING FOR asciiword" in [o for o in d["objects"] if o["kind"] == "text_search_configuration"][0]["definition"]' \
	"a later ALTER joins the definition"
json 'all(o["definition"] and o["definition"].startswith("CREATE ") for o in d["objects"])' "every definition"
json '"s3cret" not in str(d) and "hunter2" not in str(d) and "0ther" not in str(d)' \
	"no password from a subscription (CREATE or ALTER) or user mapping"
json '"ALTER SUBSCRIPTION items_sub CONNECTION" in [o for o in d["objects"] if o["kind"] == "subscription"][0]["definition"]' \
	"ALTER SUBSCRIPTION joins the definition"
json '"fake" not in str(d["objects"])' "DDL inside a function body creates nothing"
json 'not [o for o in d["objects"] if o["name"] in ("dropped", "public") or "draft" in o["name"]]' \
	"dropped objects gone, renamed ones under their new name only"
json '"RENAME TO items_pub" in [o for o in d["objects"] if o["kind"] == "publication"][0]["definition"]' \
	"the rename joins the definition"
end

begin "objects: JSON has SECURITY DEFINER and function grants"
run inspect --format json "$OBJ_SQL"
status 0
json '{f["signature"] for f in d["functions"] if f["security_definer"]} == {"definer(integer)"}' \
	"only the SECURITY DEFINER one (not SECURITY INVOKER)"
json 'd["summary"]["security_definer_functions"] == 1' "counted"
json '{f["signature"]: [(g["grantee"], g["privileges"], g["grant_option"]) for g in f["grants"]] for f in d["functions"] if f["grants"]} == {"definer(integer)": [("objects_reader", "ALL", False)], "invoker(text)": [("PUBLIC", "EXECUTE", False), ("objects_reader", "EXECUTE", True)], "total(integer)": [("PUBLIC", "EXECUTE", False), ("objects_reader", "ALL", False)]}' \
	"function and aggregate grants; PUBLIC keeps EXECUTE unless revoked"
json '[(g["grantee"], g["privileges"]) for t in d["types"] for g in t["grants"]] == [("objects_reader", "ALL")]' \
	"REVOKE ALL ON TYPE ... FROM PUBLIC takes the default away"
json '{f["name"] for f in d["functions"] if not f["acl_default"]} == {"definer", "invoker", "total"} and not d["types"][0]["acl_default"]' \
	"acl_default false once a GRANT or REVOKE was applied"
json '[g["grantee"] for s in d["schemas"] if s["name"] == "objs" for g in s["grants"]] == ["objects_reader"]' "schema grants"
json '{o["kind"] for o in d["objects"] if o["grants"]} == {"foreign_data_wrapper", "server", "language"}' \
	"wrapper, server and language grants"
json '[t["foreign_options"] for t in d["tables"] if t["kind"] == "foreign_table"] == ["schema_name '"'"'public'"'"', table_name '"'"'items'"'"'"]' \
	"foreign table options"
json '[f["kind"] for f in d["functions"] if f["name"] == "total"] == ["aggregate"]' "the aggregate"
end

begin "objects: text names every kind in its own section"
run inspect "$OBJ_SQL"
status 0
while IFS='|' read -r _ name title; do
	obj_text_section "$title" >obj-sec
	[ "$(cat obj-sec | sed 's/ (owner [^)]*)//; s/ -- .*//')" = "$name" ] ||
		problem "section $title: expected '$name', got '$(tr '\n' ';' <obj-sec)'"
	grep -q "^  $title: 1\$" out || problem "summary lacks '$title: 1'"
done <<EOF
$OBJ_KINDS
EOF
obj_text_section Triggers >obj-sec
[ "$(cat obj-sec)" = "objs.items: lookalike BEFORE INSERT FOR EACH ROW EXECUTE FUNCTION objs.on_row()" ] ||
	problem "the table trigger is not (only) in Triggers"
out_has '^  lookalike \(owner objects_owner\) -- watches DDL$'
[ "$(grep -c 'security definer' out)" -eq 1 ] || problem "security definer not on exactly one line"
out_has '^  objs\.definer\(integer\) returns integer language sql security definer$'
out_has '^  function objs\.invoker\(text\): objects_reader EXECUTE with grant option$'
out_has '^  function objs\.invoker\(text\): PUBLIC EXECUTE$'
grep -q '^  function objs\.definer(integer): PUBLIC EXECUTE' out && problem "PUBLIC's EXECUTE shown after REVOKE ALL ... FROM PUBLIC"
out_has "^  function objs\\.definer\\(integer\\): PUBLIC's default privilege revoked\$"
out_has "^  type objs\\.pair: PUBLIC's default privilege revoked\$"
[ "$(grep -c "default privilege revoked" out)" -eq 2 ] || problem "'default privilege revoked' not on exactly 2 lines"
out_has '^  aggregate objs\.total\(integer\): objects_reader ALL$'
out_has '^  foreign data wrapper dummy_fdw: objects_reader ALL$'
out_has "\\[foreign table, server remote, options \\(schema_name 'public', table_name 'items'\\)\\]"
grep -q 'fake' out && problem "DDL inside a function body reported"
end

begin "objects: Markdown names every kind, with owners and privileges"
run inspect --format markdown "$OBJ_SQL"
status 0
while IFS='|' read -r _ _ title; do
	grep -q "^### $title\$" out || problem "no '### $title'"
	grep -q "^| $title | 1 |\$" out || problem "summary lacks '$title | 1'"
done <<EOF
$OBJ_KINDS
EOF
out_has '^- `lookalike`, owner `objects_owner` \(comment: watches DDL\)$'
out_has '^- `items_archive_insert` on `objs.items_archive` \(comment: redirects inserts\)$'
out_has '^- `objs.~<<\(text, text\)`, owner `objects_owner` \(comment: shorter than\)$'
out_has '^- `objects_reader` server `remote`$'
out_has '^- `\(text AS objs.pair\)` \(comment: length as a pair\)$'
out_has '^- Trigger `lookalike`: BEFORE INSERT'
[ "$(grep -c 'security definer' out)" -eq 1 ] || problem "security definer not on exactly one line"
out_has '^- `objs.definer\(integer\)` returns `integer`, language `sql`, security definer$'
out_has '^## Owners and privileges$'
out_has '^\| `objs.invoker\(text\)` \| function \| `objects_owner` \| `PUBLIC`: EXECUTE<br>`objects_reader`: EXECUTE \(with grant option\) \|$'
out_has '^\| `objs.definer\(integer\)` \| function \| `objects_owner` \| `objects_reader`: ALL<br>PUBLIC'"'"'s default revoked \|$'
out_has '^\| `objs.items` \| table \| `objects_owner` \| `objects_reader`: SELECT \|$'
out_has '^\| `remote` \| foreign server \| `objects_owner` \| `objects_reader`: ALL \|$'
out_has "^Foreign table options: \`schema_name 'public', table_name 'items'\`\\.\$"
grep -q 'fake' out && problem "DDL inside a function body reported"
end

begin "objects: -n keeps the schema's objects, not the global ones; -t a table's rule"
run inspect --format json -n objs "$OBJ_SQL"
status 0
json 'sorted({o["kind"] for o in d["objects"]}) == sorted({"rule", "operator", "operator_class", "operator_family", "collation", "conversion", "text_search_configuration", "text_search_dictionary", "text_search_parser", "text_search_template", "statistics"})' \
	"schema objects only"
run inspect --format json -t objs.items_archive "$OBJ_SQL"
status 0
json '[o["kind"] for o in d["objects"]] == ["rule"]' "the table's rule only"
run inspect --format json -t objs.items "$OBJ_SQL"
json '[o["kind"] for o in d["objects"]] == ["statistics"]' "the table's statistics object only"
end

begin "objects: a statement nothing understands is still listed as unparsed"
cat "$OBJ_SQL" >obj-bad.sql
printf 'CREATE EVENT TRIGGER broken ON;\n' >>obj-bad.sql
run inspect --format json obj-bad.sql
status 0
json 'len(d["unparsed"]) == 1 and len(d["objects"]) == 21' "listed as unparsed, not as an object"
err_prefix "obj-bad.sql:" 'syntax error'
end
rm -f obj-sec obj-bad.sql

begin "objects: the revision's docstring names every kind under Other Objects"
rm -rf obj-rev && mkdir -p obj-rev
(cd obj-rev && timeout -k 5 "$TMO" "$BIN" baseline --init --date 2024-01-01 "$OBJ_SQL" \
	</dev/null >../out 2>../err)
ST=$?
sanity
status 0
rev=$(ls obj-rev/alembic/versions/*.py 2>/dev/null | head -n 1)
if [ -z "$rev" ]; then
	problem "no revision written"
else
	while IFS='|' read -r _ name title; do
		grep -qF "        $title: $name" "$rev" || problem "docstring lacks '$title: $name'"
	done <<EOF2
$OBJ_KINDS
EOF2
	grep -qF '        Triggers: lookalike on objs.items' "$rev" || problem "the table trigger is not a trigger"
fi
end
rm -rf obj-rev
