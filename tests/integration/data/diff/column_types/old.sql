CREATE TABLE public.t (
    i integer,
    v character varying(10),
    s text,
    n numeric(10,2),
    ts timestamp without time zone,
    c character(3) COLLATE pg_catalog."C",
    b boolean
);
