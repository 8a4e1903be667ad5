CREATE TABLE public.docs (id integer, owner name, public boolean);
CREATE POLICY docs_read ON public.docs FOR SELECT USING (public);
CREATE POLICY docs_gone ON public.docs USING (true);
ALTER TABLE public.docs ENABLE ROW LEVEL SECURITY;
CREATE TABLE public.other (id integer);
