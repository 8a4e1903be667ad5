CREATE TABLE public.t (id integer NOT NULL, a text, gone integer DEFAULT 7 NOT NULL, "Mixed" boolean);
