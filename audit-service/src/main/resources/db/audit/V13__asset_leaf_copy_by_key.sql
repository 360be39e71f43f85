-- V11's copy of each new leaf into log_asset_leaf joined the statement's leaves to the trail. PL/pgSQL plans a
-- statement once per connection, at its first run, and keeps the plan until the trail is analyzed (never, where
-- autovacuum is off): the sequencer's first round, on a short trail, made it a hash of the leaves probed by a scan of
-- the whole trail, and every round after scanned the trail again (in a scratch database 74 ms for a round of 100
-- leaves over a trail of 250,000; in the bench's run of 2026-12-07 12:20 the leaves' insert, this copy in it, was
-- audit-service's costliest statement, 131 ms a round). Each leaf's asset is now looked up by the event's key;
-- OFFSET 0 keeps the planner from making the lookup a join again.
CREATE OR REPLACE FUNCTION log_asset_leaf_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO log_asset_leaf (asset_id, leaf_index, event_id, leaf_hash)
    SELECT t.asset_id, added.leaf_index, added.event_id, added.leaf_hash
    FROM added CROSS JOIN LATERAL (SELECT asset_id FROM trail_entry WHERE event_id = added.event_id OFFSET 0) t;
    RETURN NULL;
END
$$;
