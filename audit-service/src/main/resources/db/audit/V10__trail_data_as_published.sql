-- An entry's data is kept as the JSON text it was published in (json), no longer parsed into jsonb's binary form.
-- The trail reads it out whole, 10,000 entries for a long auction's asset: turning jsonb back into text was half of
-- PostgreSQL's time for such a read, while json is sent as it is stored. The regulatory checks read a few fields of
-- a few contract events each (->> works on json as on jsonb), and the index on contractId stays an expression index.
-- Rows recorded before keep their data, written out once by jsonb as text; the leaves' hashes cover the canonical
-- column, which this does not touch. The change rewrites the table under a lock, once.
ALTER TABLE trail_entry ALTER COLUMN data TYPE json USING data::json;
