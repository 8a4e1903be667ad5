# tests/cli/t_emit2.sh
#	Names as a reader pastes them into psql, sourced by tests/cli/run.sh
#	(its helpers and $T): in the text report, the Markdown document and the
#	revision docstring a name that needs quoting is shown quoted
#	(public."Album", "order", "a""b"), by PostgreSQL's quote_ident rule,
#	and a plain lower-case name next to it stays bare; in Markdown the
#	quoted names stay inert.

# out_lacks TEXT: no line of stdout holds TEXT (fixed string)
out_lacks() { grep -Fq -- "$1" out && problem "stdout holds '$1'"; }
# out_line TEXT: some line of stdout is exactly TEXT
out_line() { grep -Fxq -- "$1" out || problem "stdout lacks the line '$1'"; }

cat >quoting.sql <<'EOF'
CREATE SCHEMA "Sales";
CREATE TABLE public."Artist" ("ArtistId" integer NOT NULL);
ALTER TABLE ONLY public."Artist" ADD CONSTRAINT "PK_Artist" PRIMARY KEY ("ArtistId");
CREATE TABLE public."Album" ("AlbumId" integer NOT NULL, "ArtistId" integer, "order" integer);
ALTER TABLE ONLY public."Album" ADD CONSTRAINT "PK_Album" PRIMARY KEY ("AlbumId");
ALTER TABLE ONLY public."Album" ADD CONSTRAINT "FK_AlbumArtistId" FOREIGN KEY ("ArtistId") REFERENCES public."Artist"("ArtistId");
CREATE TABLE public.album (album_id integer NOT NULL, artist_id integer);
ALTER TABLE ONLY public.album ADD CONSTRAINT album_pkey PRIMARY KEY (album_id);
ALTER TABLE ONLY public.album ADD CONSTRAINT album_artist_fkey FOREIGN KEY (artist_id) REFERENCES public."Artist"("ArtistId");
CREATE INDEX album_artist_idx ON public.album USING btree (artist_id);
CREATE TABLE "Sales"."Order" (id integer);
CREATE TABLE public."a""b" (x integer);
CREATE TABLE public."*bold* [link](x)" ("`code`|pipe" integer);
CREATE VIEW public."AlbumView" AS SELECT 1 AS one;
CREATE SEQUENCE public."Album_seq";
ALTER SEQUENCE public."Album_seq" OWNED BY public."Album"."AlbumId";
CREATE TYPE public."Mood" AS ENUM ('ok');
CREATE FUNCTION public."GetAlbum"(integer) RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION public.get_album(integer) RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TABLE public."Parent" (a integer);
CREATE TABLE public.kid (b integer) INHERITS (public."Parent");
CREATE SCHEMA "x.y";
CREATE TABLE "x.y"."P.q" (a integer);
CREATE TABLE public.kid2 (b integer) INHERITS ("x.y"."P.q");
CREATE TABLE public.kid3 (b integer) INHERITS (public.album);
EOF

begin "text: names that need quoting are quoted, a plain lower-case look-alike stays bare"
run inspect -f text quoting.sql
status 0
out_has '^Table public\."Album" \('
out_has '^Table public\.album \('
out_has '^Table "Sales"\."Order" \('
out_has '^Table public\."a""b" \('
out_has '^    "AlbumId" +integer'
out_has '^    "order" +integer'
out_has '^    album_id +integer'
out_has '^  Primary key: "PK_Album" \("AlbumId"\)$'
out_has '^  Primary key: album_pkey \(album_id\)$'
out_has '^    "FK_AlbumArtistId": "ArtistId" . public\."Artist"\("ArtistId"\)$'
out_has '^    album_artist_fkey: artist_id . public\."Artist"\("ArtistId"\)$'
out_has '^    album_artist_idx \(artist_id\)$'
out_has '^  public\."AlbumView"$'
out_has '^  public\."Album_seq" as integer \(owned by public\."Album"\."AlbumId"\)$|^  public\."Album_seq" \(owned by public\."Album"\."AlbumId"\)$'
out_has '^  public\."Mood" enum'
out_has '^  public\."GetAlbum"\(integer\) returns integer'
out_has '^  public\.get_album\(integer\) returns integer'
out_has '^  Inherits: public\."Parent"$'
out_has '^  Inherits: "x\.y"\."P\.q"$'
out_has '^  Inherits: public\.album$'
out_lacks 'public.Album '
out_lacks '"album'
out_lacks '"get_album"'
end

begin "text: a quoted name pasted back as a -t pattern selects that table only"
run inspect -f text -t 'public."Album"' quoting.sql
status 0
out_has '^Table public\."Album" \('
out_lacks 'Table public.album'
out_has 'Total tables: 1$'
end

begin "markdown: quoted names in code spans, the look-alike bare, every name inert"
run inspect -f markdown quoting.sql
status 0
out_line '### Table `public."Album"`'
out_line '### Table `public.album`'
out_line '### Table `"Sales"."Order"`'
out_line '## Schema `"Sales"`'
out_line '### Table `public."*bold* [link](x)"`'
out_has '^\| `"AlbumId"` \| `integer` \|'
out_has '^\| `album_id` \| `integer` \|'
out_has '^\| ``"`code`\\\|pipe"`` \| `integer` \|'
out_line '- Primary key `"PK_Album"` (`"AlbumId"`)'
out_line '- Primary key `album_pkey` (`album_id`)'
out_line 'Inherits `public."Parent"`.'
out_line 'Inherits `"x.y"."P.q"`.'
out_line 'Inherits `public.album`.'
out_has '^- Foreign key `"FK_AlbumArtistId"`: \(`"ArtistId"`\) . `public\."Artist"` \(`"ArtistId"`\)$'
out_has '^- `public\."GetAlbum"\(integer\)` returns'
out_has '^- `public\.get_album\(integer\)` returns'
end

begin "revision docstring: relation names quoted, the look-alike bare, reading back exactly"
rm -rf "$T/q-doc" && mkdir "$T/q-doc" && cd "$T/q-doc" || exit 1
run baseline --init --doc comprehensive --date 2026-01-01 ../quoting.sql
status 0
rev=$(ls alembic/versions/*.py 2>/dev/null | head -1)
if [ -z "$rev" ]; then
	problem "no revision written"
else
	"$PY" - "$rev" >doc.txt <<'PYEOF' || problem "the revision's __doc__ cannot be read"
import importlib.util, sys
spec = importlib.util.spec_from_file_location("rev", sys.argv[1])
src = open(sys.argv[1], encoding="utf-8").read()
ns = {}
exec(compile(src.split("\nfrom ", 1)[0].split("\nimport ", 1)[0], "rev", "exec"), ns)
print(ns["__doc__"])
PYEOF
	cp doc.txt out
	out_line '        - "Album"'
	out_line '        - album'
	out_line '        - "Sales"."Order"'
	out_line '        - "a""b"'
	out_has 'FK\(ArtistId\) → "Artist"\.ArtistId'
	out_has 'FK\(artist_id\) → "Artist"\.ArtistId'
	out_has '"GetAlbum"\(integer\)'
	out_has 'Inherits: public\."Parent"$'
	out_has 'Inherits: "x\.y"\."P\.q"$'
	out_has '(^| )get_album\(integer\)'
	out_lacks '"album"'
fi
cd "$T" || exit 1
end
