CREATE TABLE public.t (x integer);
