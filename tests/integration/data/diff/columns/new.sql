CREATE TABLE public.t (id integer NOT NULL, a text, "Mixed" boolean, added timestamp with time zone DEFAULT now() NOT NULL, added2 numeric(10,2));
