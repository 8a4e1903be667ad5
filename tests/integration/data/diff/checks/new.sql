CREATE TABLE public.t (a integer, b integer, c text,
    CONSTRAINT t_a_check CHECK ((a >= 0)),
    CONSTRAINT t_b_c CHECK (((b < 100) OR (c IS NOT NULL))));
ALTER TABLE public.t ADD CONSTRAINT t_c_len CHECK ((length(c) < 50)) NOT VALID;
