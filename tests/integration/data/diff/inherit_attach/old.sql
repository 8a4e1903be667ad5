CREATE TABLE public.base (id integer NOT NULL, created date);
CREATE TABLE public.loner (id integer NOT NULL, created date, z integer);
