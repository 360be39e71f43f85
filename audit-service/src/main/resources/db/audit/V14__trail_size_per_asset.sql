-- How many entries each asset's trail holds, kept by a trigger in the transaction that adds them: the trail's version
-- (AssetTrails.head), read before every trail answer to find it in the cache or to tag it, counted the asset's
-- entries instead, a read of every one of them that grew with the asset's history (10,000 entries: 1.2-2.1 ms idle,
-- 12 ms at the mean under the bench's half load of bids in the run of 2026-12-07 12:47). A count and not the highest
-- position, for the reason the version's comment gives; kept by the database, so that no way of adding entries can
-- leave it behind.
CREATE TABLE trail_asset_size (
    asset_id VARCHAR(255) PRIMARY KEY,
    entries  BIGINT       NOT NULL CHECK (entries > 0)
);

-- In the assets' order, so that transactions adding entries of the same assets take their rows' locks in one order.
CREATE FUNCTION trail_asset_size_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO trail_asset_size (asset_id, entries)
    SELECT asset_id, count(*) FROM added GROUP BY asset_id ORDER BY asset_id
    ON CONFLICT (asset_id) DO UPDATE SET entries = trail_asset_size.entries + EXCLUDED.entries;
    RETURN NULL;
END
$$;

-- The trigger before the count of what is there, the table locked against inserts from here to the commit: an entry
-- added by a running instance meanwhile is either counted here or by the trigger, never by neither or both.
LOCK TABLE trail_entry IN SHARE ROW EXCLUSIVE MODE;
CREATE TRIGGER trail_asset_size_count AFTER INSERT ON trail_entry REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION trail_asset_size_count();
INSERT INTO trail_asset_size (asset_id, entries)
SELECT asset_id, count(*) FROM trail_entry GROUP BY asset_id;
