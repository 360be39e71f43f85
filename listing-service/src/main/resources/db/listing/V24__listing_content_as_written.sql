-- A listing's content is kept as the JSON text the catalogue wrote (json), no longer parsed into jsonb's binary form:
-- nothing looks inside it in SQL (GET /listings/{id} and the catalogue's batches read it whole), and turning text into
-- jsonb on every write and back into text on every read was PostgreSQL's work for nothing. A batch of 100 contents of
-- about 1.2 KB upserted in 2.1-3.0 ms as json against 2.9-3.8 as jsonb (pgbench, infra/bench/README.md, 2026-12-07);
-- a replay writes every listing's content row again. ->> works on json as on jsonb. An instance still
-- sending ?::jsonb during a rolling upgrade is served by PostgreSQL's assignment cast from jsonb to json.
-- The change rewrites the table under a lock, once.
ALTER TABLE listing_content ALTER COLUMN content TYPE json USING content::json;
