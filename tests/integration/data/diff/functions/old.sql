CREATE FUNCTION public.add(a integer, b integer) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT a + b $$;
CREATE FUNCTION public.gone() RETURNS void
    LANGUAGE plpgsql
    AS $$ BEGIN END $$;
CREATE FUNCTION public.ret() RETURNS integer
    LANGUAGE sql
    AS $$ SELECT 1 $$;
CREATE PROCEDURE public.proc(IN n integer)
    LANGUAGE plpgsql
    AS $$ BEGIN RAISE NOTICE '%', n; END $$;
