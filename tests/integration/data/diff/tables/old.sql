CREATE TABLE public.authors (id integer NOT NULL, name text NOT NULL);
ALTER TABLE ONLY public.authors ADD CONSTRAINT authors_pkey PRIMARY KEY (id);
CREATE TABLE public.obsolete (id integer, note text);
