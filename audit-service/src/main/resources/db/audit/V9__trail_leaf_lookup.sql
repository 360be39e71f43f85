-- The trail's read looks up each entry's leaf by event id (AssetTrails.forEachEntry). With the leaf's index and hash in
-- the index beside the event id, that lookup reads the index only, never log_leaf's rows.
--
-- CONCURRENTLY, so that a production log of millions of leaves keeps taking appends while the index is built: it
-- cannot run in a transaction, hence V9__trail_leaf_lookup.sql.conf (executeInTransaction=false) and nothing else in
-- this script. Should the build fail halfway, PostgreSQL leaves an INVALID index of this name behind: drop it
-- (DROP INDEX CONCURRENTLY log_leaf_event_leaf), delete this version's failed row from flyway_schema_history, start again.
CREATE INDEX CONCURRENTLY log_leaf_event_leaf ON log_leaf (event_id) INCLUDE (leaf_index, leaf_hash);
