-- The sequencer's queue in the log's order, so that a round reads only the entries it appends. Before, each round
-- sorted every pending entry (joined to the trail for its key) to take the first few thousand: with a backlog of
-- 100,000 entries that sort ran to disk every round, and the log fell further behind the faster the trail filled.
ALTER TABLE log_pending
    ADD COLUMN log_time        BIGINT,
    ADD COLUMN source_service  VARCHAR(100),
    ADD COLUMN kafka_partition INTEGER,
    ADD COLUMN kafka_offset    BIGINT;
UPDATE log_pending p
SET log_time = t.log_time, source_service = t.source_service, kafka_partition = t.kafka_partition,
    kafka_offset = t.kafka_offset
FROM trail_entry t
WHERE t.event_id = p.event_id;
ALTER TABLE log_pending
    ALTER COLUMN log_time SET NOT NULL,
    ALTER COLUMN source_service SET NOT NULL,
    ALTER COLUMN kafka_partition SET NOT NULL,
    ALTER COLUMN kafka_offset SET NOT NULL;
-- the log's sort key (LogSequencer), services compared as bytes
CREATE INDEX log_pending_order ON log_pending (log_time, source_service COLLATE "C", kafka_partition, kafka_offset);

-- Each asset's newest leaf: the back-link of its next one. Before, each round found it by joining all of the
-- asset's entries to their leaves, which grew with the asset's history. Kept by the sequencer in the transaction
-- that appends the leaves, so it is always what the log says; a replay into an empty database builds it again.
CREATE TABLE log_asset_latest (
    asset_id   VARCHAR(255) PRIMARY KEY,
    leaf_index BIGINT       NOT NULL REFERENCES log_leaf (leaf_index)
);
INSERT INTO log_asset_latest (asset_id, leaf_index)
SELECT t.asset_id, max(l.leaf_index) FROM log_leaf l JOIN trail_entry t ON t.event_id = l.event_id GROUP BY t.asset_id;
