CREATE TABLE public.base (id integer NOT NULL, created date, flag boolean DEFAULT false);
ALTER TABLE public.base ADD CONSTRAINT base_id_check CHECK ((id > 0));
CREATE TABLE public.child (extra text) INHERITS (public.base);
CREATE TABLE public.child2 (more integer) INHERITS (public.base);
