CREATE TABLE public.booking (room integer, during circle);
