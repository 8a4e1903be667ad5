# tests/cli/t_keys.sh
#	Index keys, sourced by tests/cli/run.sh (its helpers and $T): the JSON's
#	keys say which key is a column and which an expression, with only the
#	clauses that differ from the defaults; columns, the text and the
#	Markdown print each key as pg_get_indexdef does (names quoted).

cat >keys.sql <<'EOF'
CREATE TABLE public.t (id integer, "a DESC" text, "lower(x)" text, x text, "Name" text, r int4range);
CREATE INDEX t_lookalike ON public.t USING btree ("a DESC", "lower(x)");
CREATE INDEX t_expr ON public.t USING btree (lower(x), ((id + 1)), (x));
CREATE INDEX t_order ON public.t USING btree (id ASC NULLS LAST, "Name" DESC NULLS FIRST, x NULLS FIRST, r DESC NULLS LAST);
CREATE INDEX t_opclass ON public.t USING btree (lower(x) COLLATE pg_catalog."C" text_pattern_ops DESC);
CREATE INDEX t_params ON public.t USING gist (x public.gist_trgm_ops (siglen='32'));
ALTER TABLE ONLY public.t ADD CONSTRAINT t_excl EXCLUDE USING gist ("Name" WITH =, r WITH &&);
EOF

keys_of() { # the JSON expression for index $1's member $2 on public.t
	echo "[i['$2'] for t in d['tables'] for i in t['indexes'] if i['name'] == '$1'][0]"
}

begin "keys: a column named like an expression or an order is a column, quoted in columns"
run inspect keys.sql --format json
status 0
json "$(keys_of t_lookalike keys) == [{'column': 'a DESC'}, {'column': 'lower(x)'}]"
json "$(keys_of t_lookalike columns) == ['\"a DESC\"', '\"lower(x)\"']"
end

begin "keys: a real expression is an expression; (x) alone is the column x"
run inspect keys.sql --format json
status 0
json "$(keys_of t_expr keys) == [{'expression': 'lower(x)'}, {'expression': 'id + 1'}, {'column': 'x'}]"
json "$(keys_of t_expr columns) == ['lower(x)', '(id + 1)', 'x']"
end

begin "keys: order and nulls only when not the defaults (ASC NULLS LAST, DESC NULLS FIRST)"
run inspect keys.sql --format json
status 0
json "$(keys_of t_order keys) == [{'column': 'id'}, {'column': 'Name', 'order': 'DESC'}, {'column': 'x', 'nulls': 'FIRST'}, {'column': 'r', 'order': 'DESC', 'nulls': 'LAST'}]"
json "$(keys_of t_order columns) == ['id', '\"Name\" DESC', 'x NULLS FIRST', 'r DESC NULLS LAST']"
end

begin "keys: collation, operator class and its parameters"
run inspect keys.sql --format json
status 0
json "$(keys_of t_opclass keys) == [{'expression': 'lower(x)', 'collation': 'pg_catalog.\"C\"', 'opclass': 'text_pattern_ops', 'order': 'DESC'}]"
json "$(keys_of t_opclass columns) == ['lower(x) COLLATE pg_catalog.\"C\" text_pattern_ops DESC']"
json "$(keys_of t_params keys) == [{'column': 'x', 'opclass': 'public.gist_trgm_ops', 'opclass_parameters': {'siglen': '32'}}]"
json "$(keys_of t_params columns) == [\"x public.gist_trgm_ops (siglen='32')\"]"
end

begin "keys: an exclusion constraint's keys carry their operator; elements are quoted"
run inspect keys.sql --format json
status 0
json "d['tables'][0]['exclusion_constraints'][0]['keys'] == [{'column': 'Name', 'operator': '='}, {'column': 'r', 'operator': '&&'}]"
json "d['tables'][0]['exclusion_constraints'][0]['elements'] == ['\"Name\" WITH =', 'r WITH &&']"
end

begin "keys: the text and the Markdown print each key as the JSON's columns do"
run inspect keys.sql
status 0
grep -Fq 't_lookalike ("a DESC", "lower(x)")' out || problem "text: the look-alike columns are not quoted"
grep -Fq 't_order (id, "Name" DESC, x NULLS FIRST, r DESC NULLS LAST)' out ||
	problem "text: the order is not as pg_get_indexdef prints it"
grep -Fq 't_excl USING gist ("Name" WITH =, r WITH &&)' out || problem "text: exclusion elements"
run inspect keys.sql --format markdown
status 0
grep -Fq '`t_lookalike` (`"a DESC"`, `"lower(x)"`)' out || problem "markdown: the look-alike columns are not quoted"
grep -Fq '(`lower(x)`, `(id + 1)`, `x`)' out || problem "markdown: the expressions"
end

begin "keys: RENAME COLUMN renames the key, a partition's index has the keys of its parent's"
cat >keys-ren.sql <<'EOF'
CREATE TABLE public.p (id integer, v text) PARTITION BY RANGE (id);
CREATE TABLE public.p1 PARTITION OF public.p FOR VALUES FROM (0) TO (10);
CREATE INDEX p_v ON public.p USING btree (v DESC, lower(v));
ALTER TABLE public.p RENAME COLUMN v TO "New V";
EOF
run inspect keys-ren.sql --format json
status 0
json "[i['keys'] for t in d['tables'] for i in t['indexes'] if t['name'] == 'p'] == [[{'column': 'New V', 'order': 'DESC'}, {'expression': 'lower(\"New V\")'}]]"
json "[i['columns'] for t in d['tables'] for i in t['indexes'] if t['name'] == 'p1'] == [['\"New V\" DESC', 'lower(\"New V\")']]"
end

begin "keys: LIKE ... INCLUDING ALL copies the keys of the source's indexes and exclusion constraints"
cat >keys-like.sql <<'EOF'
CREATE TABLE public.src (id integer, "V" text, r int4range, EXCLUDE USING gist (r WITH &&));
CREATE INDEX src_v ON public.src USING btree ("V" DESC NULLS LAST, lower("V"));
CREATE TABLE public.dst (LIKE public.src INCLUDING ALL);
EOF
run inspect keys-like.sql --format json
status 0
json "[i['keys'] for t in d['tables'] for i in t['indexes'] if t['name'] == 'dst'] == [[{'column': 'V', 'order': 'DESC', 'nulls': 'LAST'}, {'expression': 'lower(\"V\")'}]]"
json "[c['keys'] for t in d['tables'] for c in t['exclusion_constraints'] if t['name'] == 'dst'] == [[{'column': 'r', 'operator': '&&'}]]"
end
