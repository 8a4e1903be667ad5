CREATE SCHEMA kept;
CREATE SCHEMA "New Schema";
CREATE TABLE "New Schema".t (id integer);
CREATE SEQUENCE "New Schema".s;
CREATE TYPE "New Schema".e AS ENUM ('a');
CREATE VIEW "New Schema".v AS SELECT t.id FROM "New Schema".t;
