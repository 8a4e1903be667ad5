CREATE TABLE public.base (id integer NOT NULL, created date, flag boolean DEFAULT false);
CREATE TABLE public.loner (id integer NOT NULL, created date, z integer, flag boolean DEFAULT false);
ALTER TABLE public.loner INHERIT public.base;
