CREATE TABLE public.t (a integer NOT NULL, b text, c integer);
