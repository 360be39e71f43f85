-- Leaf format 2: every leaf names the leaf index of its asset's previous leaf (LogEntryForm), so that an export which
-- leaves out one of an asset's entries no longer verifies. Leaves appended before this migration keep format 1 (the
-- bare CloudEvent) and their hashes: the signed tree heads over them stay valid. Adding columns with a constant
-- default rewrites no row, so the append-only triggers have nothing to object to.
ALTER TABLE log_leaf
    ADD COLUMN leaf_version   SMALLINT NOT NULL DEFAULT 1 CHECK (leaf_version IN (1, 2)),
    -- format 2 only: the leaf index of the previous leaf whose event has the same subject (asset), null for its first
    ADD COLUMN asset_previous BIGINT,
    ADD CONSTRAINT log_leaf_back_link CHECK (
        (leaf_version = 1 AND asset_previous IS NULL)
        OR (leaf_version = 2 AND (asset_previous IS NULL OR (asset_previous >= 0 AND asset_previous < leaf_index))));
-- from here on every leaf says its format
ALTER TABLE log_leaf ALTER COLUMN leaf_version DROP DEFAULT;

COMMENT ON COLUMN trail_entry.canonical IS
    'the CloudEvent in canonical JSON (LogEntryForm.canonical): the whole leaf in format 1, its "event" in format 2';
COMMENT ON COLUMN trail_entry.leaf_hash IS
    'the leaf hash of a format 1 entry, written when it was recorded; null since format 2 (log_leaf.leaf_hash is the leaf hash)';
