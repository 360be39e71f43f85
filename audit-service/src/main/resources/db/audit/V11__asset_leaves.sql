-- Each asset's leaves, by asset: the trail of an asset reads all of its leaves in one range of this table's index
-- instead of looking each entry's leaf up in log_leaf one by one, which was about half of PostgreSQL's time for a
-- trail of 10,000 events. A copy of what log_leaf says, kept by the database itself: a statement-level trigger adds
-- the rows of every insert into log_leaf, whoever makes it, in the same transaction; leaves appended before are copied
-- here once. Append-only like the log: the trail shows these hashes.
CREATE TABLE log_asset_leaf (
    asset_id   VARCHAR(255) NOT NULL,
    leaf_index BIGINT       NOT NULL,
    event_id   VARCHAR(255) NOT NULL,
    leaf_hash  BYTEA        NOT NULL,
    PRIMARY KEY (asset_id, leaf_index)
);

CREATE FUNCTION log_asset_leaf_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO log_asset_leaf (asset_id, leaf_index, event_id, leaf_hash)
    SELECT t.asset_id, added.leaf_index, added.event_id, added.leaf_hash
    FROM added JOIN trail_entry t ON t.event_id = added.event_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER log_leaf_by_asset AFTER INSERT ON log_leaf
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION log_asset_leaf_copy();

INSERT INTO log_asset_leaf (asset_id, leaf_index, event_id, leaf_hash)
SELECT t.asset_id, l.leaf_index, l.event_id, l.leaf_hash FROM log_leaf l JOIN trail_entry t ON t.event_id = l.event_id;

CREATE TRIGGER log_asset_leaf_append_only BEFORE UPDATE OR DELETE ON log_asset_leaf
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER log_asset_leaf_no_truncate BEFORE TRUNCATE ON log_asset_leaf
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- as V8 for the other append-only tables: the service's role may read and add rows, nothing else
DO $$
DECLARE
    service_role TEXT := nullif(current_setting('techex.service_role', true), '');
BEGIN
    IF service_role IS NOT NULL THEN
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON log_asset_leaf FROM %I', service_role);
    END IF;
END
$$;
