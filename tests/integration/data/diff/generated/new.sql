CREATE TABLE public.t (w numeric, h numeric, area numeric GENERATED ALWAYS AS (((w * h) / (2)::numeric)) STORED, perimeter numeric GENERATED ALWAYS AS (((2)::numeric * (w + h))) STORED);
