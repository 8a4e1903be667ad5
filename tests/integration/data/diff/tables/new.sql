CREATE TABLE public.authors (id integer NOT NULL, name text NOT NULL);
ALTER TABLE ONLY public.authors ADD CONSTRAINT authors_pkey PRIMARY KEY (id);
CREATE TABLE public.books (id integer NOT NULL, author_id integer NOT NULL, title text DEFAULT 'untitled'::text NOT NULL);
ALTER TABLE ONLY public.books ADD CONSTRAINT books_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.books ADD CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.authors(id);
CREATE UNLOGGED TABLE public.scratch (k text);
