CREATE TABLE public.base (id integer NOT NULL, created date);
CREATE TABLE public.child (extra text) INHERITS (public.base);
