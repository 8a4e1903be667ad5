CREATE TABLE public.t (a integer, b text NOT NULL, c integer NOT NULL);
