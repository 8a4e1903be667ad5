CREATE TABLE public.booking (room integer, during circle);
ALTER TABLE ONLY public.booking ADD CONSTRAINT booking_during_excl EXCLUDE USING gist (during WITH &&) WHERE ((room > 0));
