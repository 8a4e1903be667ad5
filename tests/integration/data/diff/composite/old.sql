CREATE TYPE public.pair AS (a integer, b text);
CREATE TYPE public.gone AS (x integer);
