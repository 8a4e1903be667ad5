CREATE FUNCTION public.add(a integer, b integer) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT a + b + 0 $$;
CREATE FUNCTION public.add(a bigint, b bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT a + b $$;
CREATE FUNCTION public.ret() RETURNS bigint
    LANGUAGE sql
    AS $$ SELECT 1::bigint $$;
CREATE PROCEDURE public.proc(IN n integer)
    LANGUAGE plpgsql SECURITY DEFINER
    AS $$ BEGIN RAISE NOTICE 'n=%', n; END $$;
CREATE FUNCTION public.tf(OUT x integer, OUT y text) RETURNS SETOF record
    LANGUAGE sql STABLE
    AS $$ SELECT 1, 'a' $$;
