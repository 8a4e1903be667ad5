CREATE TABLE public.old_name (id integer NOT NULL, a text, b integer);
ALTER TABLE ONLY public.old_name ADD CONSTRAINT old_name_pkey PRIMARY KEY (id);
CREATE TABLE public.t (x integer, y text);
CREATE VIEW public.v AS
 SELECT t.x
   FROM public.t;
