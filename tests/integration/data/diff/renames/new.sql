CREATE TABLE public.new_name (id integer NOT NULL, a text, b integer);
ALTER TABLE ONLY public.new_name ADD CONSTRAINT old_name_pkey PRIMARY KEY (id);
CREATE TABLE public.t (x_renamed integer, y text);
CREATE VIEW public.v AS
 SELECT t.x_renamed AS x
   FROM public.t;
