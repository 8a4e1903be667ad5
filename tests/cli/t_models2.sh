# tests/cli/t_models2.sh
#	pgbaseline models' mapped classes, relationships, naming convention,
#	exclusion constraints and collations, and baseline --models in a
#	project pgbaseline did not scaffold; sourced by tests/cli/run.sh (its
#	helpers and $T).  tests/integration/test_models.py checks the same
#	models against PostgreSQL 15 and Alembic.

cat >"$T/models_rel.sql" <<'EOF_SQL'
CREATE SCHEMA app;
CREATE TABLE public.users (id integer NOT NULL, "metadata" text, "class" integer, "a.b" text,
    registry text, "__table__" text, "ünï" text, tags text, CONSTRAINT users_pkey PRIMARY KEY (id));
CREATE TABLE public."Users" ("ID" integer NOT NULL, CONSTRAINT "Users_pkey" PRIMARY KEY ("ID"));
CREATE TABLE app.users (id integer NOT NULL, CONSTRAINT users_pkey PRIMARY KEY (id));
CREATE TABLE public."none" (id integer NOT NULL, CONSTRAINT none_pkey PRIMARY KEY (id));
CREATE TABLE public."Base" (id integer NOT NULL, CONSTRAINT "Base_pkey" PRIMARY KEY (id));
CREATE TABLE public."1st" (id integer NOT NULL, CONSTRAINT "1st_pkey" PRIMARY KEY (id));
CREATE TABLE public.tags (id integer NOT NULL, label text COLLATE pg_catalog."C",
    CONSTRAINT tags_pkey PRIMARY KEY (id));
CREATE TABLE public.user_tags (user_id integer NOT NULL, tag_id integer NOT NULL,
    CONSTRAINT user_tags_pkey PRIMARY KEY (user_id, tag_id));
CREATE TABLE public.follows (follower_id integer NOT NULL, followed_id integer NOT NULL,
    CONSTRAINT follows_pkey PRIMARY KEY (follower_id, followed_id));
CREATE TABLE public.grants (user_id integer NOT NULL, tag_id integer NOT NULL, since date,
    CONSTRAINT grants_pkey PRIMARY KEY (user_id, tag_id));
CREATE TABLE public.messages (id integer NOT NULL, sender_id integer, recipient_id integer,
    reply_to integer, during tsrange,
    CONSTRAINT messages_pkey PRIMARY KEY (id),
    CONSTRAINT messages_during_excl EXCLUDE USING gist (during WITH &&) WHERE ((id > 0)),
    CONSTRAINT messages_sender_id_check CHECK ((sender_id > 0)),
    CONSTRAINT odd_check CHECK ((id > 0)));
CREATE TABLE public.profiles (user_id integer NOT NULL, CONSTRAINT profiles_pkey PRIMARY KEY (user_id));
CREATE TABLE public.loose (user_id integer);
ALTER TABLE ONLY public.user_tags ADD CONSTRAINT user_tags_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);
ALTER TABLE ONLY public.user_tags ADD CONSTRAINT user_tags_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES public.tags(id);
ALTER TABLE ONLY public.follows ADD CONSTRAINT follows_follower_id_fkey FOREIGN KEY (follower_id) REFERENCES public.users(id);
ALTER TABLE ONLY public.follows ADD CONSTRAINT follows_followed_id_fkey FOREIGN KEY (followed_id) REFERENCES public.users(id);
ALTER TABLE ONLY public.grants ADD CONSTRAINT grants_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);
ALTER TABLE ONLY public.grants ADD CONSTRAINT grants_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES public.tags(id);
ALTER TABLE ONLY public.messages ADD CONSTRAINT messages_sender_id_fkey FOREIGN KEY (sender_id) REFERENCES public.users(id);
ALTER TABLE ONLY public.messages ADD CONSTRAINT messages_recipient_fk FOREIGN KEY (recipient_id) REFERENCES public.users(id);
ALTER TABLE ONLY public.messages ADD CONSTRAINT messages_reply_to_fkey FOREIGN KEY (reply_to) REFERENCES public.messages(id);
ALTER TABLE ONLY public.profiles ADD CONSTRAINT profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);
ALTER TABLE ONLY public.loose ADD CONSTRAINT loose_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);
CREATE INDEX messages_sender_id_idx ON public.messages USING btree (sender_id);
CREATE INDEX messages_sender_id_idx1 ON public.messages USING btree (recipient_id);
EOF_SQL

# models2_check PYTHON: m.py loads, its mappers configure (SQLAlchemy's warnings as errors), the expression holds
models2_check() {
	"$PY" - "$1" <<'EOF_PY' || problem "models.py: $1"
import importlib.util, sys, warnings
import sqlalchemy as sa
warnings.simplefilter("error", sa.exc.SAWarning)
spec = importlib.util.spec_from_file_location("m", "m.py")
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
sa.orm.configure_mappers()
t = m.metadata.tables
def rel(cls, name):
    return sa.inspect(cls).relationships[name]
sys.exit(0 if eval(sys.argv[1]) else 1)
EOF_PY
}

begin "models: a class per table with a primary key, named safely and uniquely"
cd "$T" || exit 1
run models models_rel.sql
status 0
cp out m.py
if "$PY" -m pyflakes --version >/dev/null 2>&1; then
	"$PY" -m pyflakes m.py >/dev/null 2>&1 || problem "pyflakes complains"
fi
models2_check 'm.Users.__table__ is t["Users"] and m.Users2.__table__ is t["users"]'
models2_check 'm.AppUsers.__table__ is t["app.users"]'
models2_check 'm.None2.__table__ is t["none"] and m.Base2.__table__ is t["Base"]'
models2_check 'm.T1st.__table__ is t["1st"] and m.Base.metadata is m.metadata'
models2_check '"Loose" not in dir(m) and "- public.loose" in m.__doc__'
models2_check '"UserTags" not in dir(m) and "Follows" not in dir(m) and m.Grants.__table__ is t["grants"]'
models2_check 'sa.inspect(m.Users2).columns["metadata_"] is t["users"].c["metadata"] and isinstance(m.Users2.metadata_.property, sa.orm.ColumnProperty)'
models2_check 'm.Users2.class_.property.columns[0] is t["users"].c["class"] and m.Users2.a_b.property.columns[0] is t["users"].c["a.b"]'
models2_check 'm.Users2.registry_.property.columns[0] is t["users"].c["registry"] and m.Users2.c__table__.property.columns[0] is t["users"].c["__table__"]'
models2_check 'm.Users2.c_n_.property.columns[0] is t["users"].c["ünï"] and m.Users2.id.property.columns[0] is t["users"].c["id"]'
models2_check 'm.Users2.metadata is m.metadata or True'
end

begin "models: relationships with back_populates, explicit joins where keys repeat, secondary for association tables"
cd "$T" || exit 1
run models models_rel.sql
status 0
cp out m.py
models2_check 'rel(m.Messages, "sender").back_populates == "messages_sender" and rel(m.Users2, "messages_sender").back_populates == "sender"'
models2_check 'set(rel(m.Messages, "sender")._user_defined_foreign_keys) == {t["messages"].c["sender_id"]}'
models2_check 'set(rel(m.Messages, "recipient").local_columns) == {t["messages"].c["recipient_id"]}'
models2_check 'rel(m.Messages, "messages").direction.name == "MANYTOONE" and rel(m.Messages, "messages_reverse").direction.name == "ONETOMANY"'
models2_check 'rel(m.Users2, "tags_2").secondary is t["user_tags"] and rel(m.Tags, "users").secondary is t["user_tags"] and rel(m.Users2, "tags_2").back_populates == "users"'
models2_check 'rel(m.Users2, "follows_followed").secondary is t["follows"] and rel(m.Users2, "follows_follower").back_populates == "follows_followed"'
models2_check 'rel(m.Grants, "user").direction.name == "MANYTOONE" and rel(m.Users2, "grants").direction.name == "ONETOMANY"'
models2_check 'rel(m.Users2, "profiles").uselist is False and rel(m.Users2, "grants").uselist is True'
models2_check 'not rel(m.Users2, "messages_sender").viewonly and "tags" in sa.inspect(m.Users2).columns'
end

begin "models: the naming convention the names follow, the others explicit and listed"
cd "$T" || exit 1
run models models_rel.sql
status 0
cp out m.py
models2_check 'm.NAMING_CONVENTION["pk"] == "%(table_name)s_pkey" and m.NAMING_CONVENTION["fk"] == "%(table_name)s_%(column_0_N_name)s_fkey"'
models2_check 'm.NAMING_CONVENTION["ix"] == "%(table_name)s_%(column_0_N_name)s_idx" and m.metadata.naming_convention["ck"] == "%(table_name)s_%(constraint_name)s_check"'
grep -q "sa.PrimaryKeyConstraint('id')," m.py || problem "a primary key following the convention is named"
grep -q "name=sa.schema.conv('odd_check')" m.py || problem "a check outside the convention is not conv()"
grep -q "sa.CheckConstraint(sa.text('sender_id > 0'), name='sender_id')" m.py || problem "a check inside the convention is not shortened"
models2_check '{c.name for c in t["messages"].constraints} >= {"messages_pkey", "messages_sender_id_check", "odd_check", "messages_sender_id_fkey", "messages_recipient_fk", "messages_during_excl"}'
models2_check '{i.name for i in t["messages"].indexes} == {"messages_sender_id_idx", "messages_sender_id_idx1"}'
models2_check '"- foreign key messages_recipient_fk on public.messages" in m.__doc__ and "- index messages_sender_id_idx1 on public.messages" in m.__doc__'
models2_check '"- check constraint odd_check on public.messages" in m.__doc__ and "messages_sender_id_fkey on" not in m.__doc__'
models2_check '"- primary key users_pkey on app.users" not in m.__doc__'
end

begin "models: a team's own naming pattern is the convention when most names follow it"
cd "$T" || exit 1
cat >nc_team.sql <<'EOF_SQL'
CREATE TABLE public.a (id integer NOT NULL, b_id integer, CONSTRAINT pk_a PRIMARY KEY (id));
CREATE TABLE public.b (id integer NOT NULL, CONSTRAINT pk_b PRIMARY KEY (id));
CREATE TABLE public.c (id integer NOT NULL, CONSTRAINT c_pkey PRIMARY KEY (id));
ALTER TABLE ONLY public.a ADD CONSTRAINT fk_a_b_id_b FOREIGN KEY (b_id) REFERENCES public.b(id);
CREATE INDEX ix_a_b_id ON public.a USING btree (b_id);
EOF_SQL
run models nc_team.sql
status 0
cp out m.py
models2_check 'm.NAMING_CONVENTION == {"pk": "pk_%(table_name)s", "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s", "ix": "ix_%(table_name)s_%(column_0_N_name)s"}'
models2_check '[t[n].primary_key.name for n in "abc"] == ["pk_a", "pk_b", "c_pkey"] and "- primary key c_pkey on public.c" in m.__doc__'
end

begin "models: exclusion constraints as ExcludeConstraint, collations on string types"
cd "$T" || exit 1
run models models_rel.sql
status 0
cp out m.py
models2_check '[c for c in t["messages"].constraints if c.name == "messages_during_excl"][0].using == "gist"'
models2_check 'str([c for c in t["messages"].constraints if c.name == "messages_during_excl"][0].where) == "id > 0"'
models2_check 't["tags"].c["label"].type.collation == "C" and "exclusion constraint" not in m.__doc__.split("Naming")[0]'
end

begin "baseline --models in an existing project: models.py beside env.py, which is left alone; stderr says what to set"
rm -rf "$T/mexist" && mkdir -p "$T/mexist/alembic/versions" && cd "$T/mexist" || exit 1
printf '[alembic]\nscript_location = alembic\n' >alembic.ini
printf 'target_metadata = None\n# the team'"'"'s own env.py\n' >alembic/env.py
cp alembic/env.py env.before
run baseline --models --date 2026-01-01 --untracked loose ../models_rel.sql
status 0
[ -f alembic/models.py ] || problem "alembic/models.py not written"
cmp -s alembic/env.py env.before || problem "env.py changed"
err_has "^alembic/env.py: not changed"
for want in 'target_metadata = models.metadata' 'compare_type=models.compare_type,' \
	'compare_server_default=models.compare_server_default,' 'include_schemas=True,' \
	'include_object=models.include_object,' "\\('public', 'loose'\\)"; do
	err_has "$want"
done
run baseline --models --date 2026-01-01 ../models_rel.sql
status 2
err_has "exists"
cmp -s alembic/env.py env.before || problem "env.py changed on the refusal"
cd "$T" || exit 1
end

begin "baseline --init --models, then again with --force: env.py already uses the models, nothing said"
rm -rf "$T/mexist2" && mkdir "$T/mexist2" && cd "$T/mexist2" || exit 1
run baseline --init --models --date 2026-01-01 ../models_rel.sql
status 0
run baseline --models --force --date 2026-01-01 ../models_rel.sql
status 0
grep -q "not changed" err && problem "told to set what env.py already has"
cd "$T" || exit 1
end

cat >"$T/models_hostile2.sql" <<'EOF_SQL'
CREATE SCHEMA "Sch""ema";
CREATE TABLE public."class" ("def" integer NOT NULL, "Def" integer, "DEF" text, "x""y" text,
    "ünï" text, "ÜNÏ" text, "_sa_x" text, "1st" text, "None" text, "import" integer,
    CONSTRAINT "cl""ass_pkey" PRIMARY KEY ("def"));
CREATE TABLE public."Class" ("id" integer NOT NULL, "class_def" integer,
    CONSTRAINT "Class_pkey" PRIMARY KEY ("id"));
CREATE TABLE public."CLASS" ("id" integer NOT NULL, CONSTRAINT "CLASS_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Sch""ema"."class" ("id" integer NOT NULL, "pk'" integer,
    CONSTRAINT "x" PRIMARY KEY ("id"));
CREATE TABLE public."ünïcødé" ("id" integer NOT NULL, CONSTRAINT "ünïcødé_pkey" PRIMARY KEY ("id"));
CREATE TABLE public."-" ("id" integer NOT NULL, CONSTRAINT "-_pkey" PRIMARY KEY ("id"));
CREATE TABLE public."__init__" ("id" integer NOT NULL, "__init__" integer, "metadata" integer,
    CONSTRAINT "__init___pkey" PRIMARY KEY ("id"));
ALTER TABLE ONLY public."Class" ADD CONSTRAINT "Class_class_def_fkey" FOREIGN KEY ("class_def") REFERENCES public."class"("def");
ALTER TABLE ONLY "Sch""ema"."class" ADD CONSTRAINT "f'k" FOREIGN KEY ("pk'") REFERENCES public."class"("def");
EOF_SQL

begin "models: hostile table and column names give valid classes and attributes (py_compile, pyflakes, configure_mappers)"
cd "$T" || exit 1
run models models_hostile2.sql
status 0
cp out m.py
"$PY" -m py_compile m.py 2>/dev/null || problem "py_compile fails"
if "$PY" -m pyflakes --version >/dev/null 2>&1; then
	"$PY" -m pyflakes m.py >/dev/null 2>&1 || problem "pyflakes complains"
fi
models2_check 'm.Class.__table__ is t["Class"] and m.CLASS.__table__ is t["CLASS"] and m.Class2.__table__ is t["class"]'
models2_check 'm.SchEmaClass.__table__ is t["Sch\"ema.class"] and m.Table.__table__ is t["-"] and m.NCD.__table__ is t["ünïcødé"]'
models2_check 'm.Init.__table__ is t["__init__"] and m.Init.c__init__.property.columns[0] is t["__init__"].c["__init__"]'
models2_check 'm.Init.metadata_.property.columns[0] is t["__init__"].c["metadata"] and m.Init.metadata is m.metadata'
models2_check 'sorted(sa.inspect(m.Class2).columns.keys()) == sorted(["DEF", "Def", "None_", "c_1st", "c_sa_x", "c_n_", "c_N_", "def_", "import_", "x_y"])'
models2_check 'all(sa.inspect(m.Class2).columns[k] is t["class"].c[n] for k, n in [("def_", "def"), ("None_", "None"), ("x_y", "x\"y"), ("c_n_", "ünï"), ("c_N_", "ÜNÏ"), ("c_sa_x", "_sa_x"), ("import_", "import"), ("Def", "Def")])'
models2_check 'rel(m.Class, "class_").mapper.class_ is m.Class2 and rel(m.Class2, "class_").back_populates == "class_"'
models2_check 'rel(m.SchEmaClass, "class_").mapper.class_ is m.Class2 and rel(m.Class2, "class__2").back_populates == "class_"'
models2_check 'sa.inspect(m.SchEmaClass).columns["pk_"] is t["Sch\"ema.class"].c["pk'"'"'"]'
end

begin "models: two keys sharing a column: their relationships say overlaps= (configure with warnings as errors); disjoint keys do not"
cd "$T" || exit 1
cat >overlap.sql <<'EOF_SQL'
CREATE TABLE public.parent (a integer NOT NULL, b integer NOT NULL, CONSTRAINT parent_pkey PRIMARY KEY (a, b),
    CONSTRAINT parent_a_key UNIQUE (a));
CREATE TABLE public.child (id integer NOT NULL, pa integer, pb integer, other integer,
    CONSTRAINT child_pkey PRIMARY KEY (id));
CREATE TABLE public.other (id integer NOT NULL, CONSTRAINT other_pkey PRIMARY KEY (id));
ALTER TABLE ONLY public.child ADD CONSTRAINT child_pa_pb_fkey FOREIGN KEY (pa, pb) REFERENCES public.parent(a, b);
ALTER TABLE ONLY public.child ADD CONSTRAINT child_pa_fkey FOREIGN KEY (pa) REFERENCES public.parent(a);
ALTER TABLE ONLY public.child ADD CONSTRAINT child_other_fkey FOREIGN KEY (other) REFERENCES public.other(id);
EOF_SQL
run models overlap.sql
status 0
cp out m.py
models2_check 'rel(m.Child, "parent")._overlaps == {"parent_2", "child_parent_2"} and rel(m.Parent, "child_parent")._overlaps == {"parent_2", "child_parent_2"}'
models2_check 'rel(m.Child, "parent_2")._overlaps == {"parent", "child_parent"} and not rel(m.Child, "other_2")._overlaps'
models2_check 'not rel(m.Other, "child")._overlaps and rel(m.Child, "other_2").mapper.class_ is m.Other'
end

begin "models: Rails' index_<table>_on_<column> is the index convention; a two-column index keeps its name"
cd "$T" || exit 1
cat >nc_rails.sql <<'EOF_SQL'
CREATE TABLE public.posts (id bigint NOT NULL, user_id bigint, slug text, CONSTRAINT posts_pkey PRIMARY KEY (id));
CREATE INDEX index_posts_on_user_id ON public.posts USING btree (user_id);
CREATE INDEX index_posts_on_slug ON public.posts USING btree (slug);
CREATE INDEX index_posts_on_user_id_and_slug ON public.posts USING btree (user_id, slug);
EOF_SQL
run models nc_rails.sql
status 0
cp out m.py
models2_check 'm.NAMING_CONVENTION == {"pk": "%(table_name)s_pkey", "ix": "index_%(table_name)s_on_%(column_0_name)s"}'
models2_check '{i.name for i in t["posts"].indexes} == {"index_posts_on_user_id", "index_posts_on_slug", "index_posts_on_user_id_and_slug"}'
models2_check '"- index index_posts_on_user_id_and_slug on public.posts" in m.__doc__ and "index_posts_on_slug on" not in m.__doc__'
grep -q "^    'index_posts_on_user_id_and_slug',\$" m.py || problem "the two-column index is not named explicitly"
end
