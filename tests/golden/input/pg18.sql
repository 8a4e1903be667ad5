--
-- PostgreSQL database dump
--

-- Dumped from database version 18.1
-- Dumped by pg_dump version 18.1

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);

--
-- Name: rooms; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.rooms (
    id integer CONSTRAINT rooms_id_not_null_named NOT NULL,
    valid_at tstzrange NOT NULL,
    area numeric,
    area_ft numeric GENERATED ALWAYS AS ((area * 10.7639)),
    area_cm numeric GENERATED ALWAYS AS ((area * 10000)) STORED,
    note text NOT NULL NO INHERIT,
    CONSTRAINT rooms_area_check CHECK ((area > (0)::numeric)) NOT ENFORCED
);

--
-- Name: bookings; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.bookings (
    room_id integer,
    valid_at tstzrange,
    guest text
);

--
-- Name: special_rooms; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.special_rooms (
    CONSTRAINT special_rooms_area_nn NOT NULL area
)
INHERITS (public.rooms);

--
-- Name: rooms rooms_pkey; Type: CONSTRAINT; Schema: public; Owner: app
--

ALTER TABLE ONLY public.rooms
    ADD CONSTRAINT rooms_pkey PRIMARY KEY (id, valid_at WITHOUT OVERLAPS);

--
-- Name: bookings bookings_guest_nn; Type: CONSTRAINT; Schema: public; Owner: app
--

ALTER TABLE public.bookings
    ADD CONSTRAINT bookings_guest_nn NOT NULL guest NOT VALID;

--
-- Name: bookings bookings_room_fkey; Type: FK CONSTRAINT; Schema: public; Owner: app
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_room_fkey FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES public.rooms(id, PERIOD valid_at) NOT ENFORCED;

--
-- PostgreSQL database dump complete
--

