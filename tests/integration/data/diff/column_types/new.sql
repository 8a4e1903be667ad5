CREATE TABLE public.t (
    i bigint,
    v character varying(50),
    s integer,
    n numeric(12,4),
    ts timestamp with time zone,
    c character(3) COLLATE pg_catalog."POSIX",
    b integer
);
