CREATE TYPE public.pair AS (a bigint, c date);
CREATE TYPE public.triple AS (x integer, y integer, z integer);
