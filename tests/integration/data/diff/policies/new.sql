CREATE TABLE public.docs (id integer, owner name, public boolean);
CREATE POLICY docs_read ON public.docs FOR SELECT TO pgb_reader USING ((public OR (owner = CURRENT_USER)));
CREATE POLICY docs_write ON public.docs AS RESTRICTIVE FOR INSERT TO pgb_writer, pgb_reader WITH CHECK ((owner = CURRENT_USER));
ALTER TABLE public.docs ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.docs FORCE ROW LEVEL SECURITY;
CREATE TABLE public.other (id integer);
ALTER TABLE public.other ENABLE ROW LEVEL SECURITY;
