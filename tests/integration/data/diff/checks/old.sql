CREATE TABLE public.t (a integer, b integer, c text,
    CONSTRAINT t_a_check CHECK ((a > 0)),
    CONSTRAINT t_gone CHECK ((b <> 3)));
