-- The exchange-wide Merkle log (RFC 9162) over the trail.
--
-- Where each entry came from on Kafka, and its leaf. The log's order is derived from these Kafka coordinates (see
-- LogSequencer), never from the moment audit-service received the event, so that re-reading the topics rebuilds it.
-- Rows recorded before this migration have none of these and are not in the log.
ALTER TABLE trail_entry
    ADD COLUMN source_service  VARCHAR(100),
    ADD COLUMN kafka_partition INTEGER,
    ADD COLUMN kafka_offset    BIGINT,
    -- the record's Kafka timestamp, raised to its partition's previous one so it never decreases along a partition
    ADD COLUMN log_time        BIGINT,
    -- the leaf: the CloudEvent in canonical JSON (LogEntryForm), exactly the bytes the leaf hash covers
    ADD COLUMN canonical       TEXT,
    ADD COLUMN leaf_hash       BYTEA CHECK (octet_length(leaf_hash) = 32);
CREATE INDEX trail_entry_partition ON trail_entry (source_service, kafka_partition, kafka_offset);

-- Entries received but not yet given a place in the log: the sequencer's work queue, emptied as it goes.
CREATE TABLE log_pending (
    event_id VARCHAR(255) PRIMARY KEY REFERENCES trail_entry (event_id)
);

-- The log: leaf i of the Merkle tree is the entry event_id. Indexes are contiguous from 0.
CREATE TABLE log_leaf (
    leaf_index   BIGINT       PRIMARY KEY CHECK (leaf_index >= 0),
    event_id     VARCHAR(255) NOT NULL UNIQUE REFERENCES trail_entry (event_id),
    leaf_hash    BYTEA        NOT NULL CHECK (octet_length(leaf_hash) = 32),
    sequenced_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Every key that ever signed a tree head, so that old heads stay verifiable after a key changes.
CREATE TABLE signing_key (
    key_id        VARCHAR(64) PRIMARY KEY, -- hex SHA-256 of the SubjectPublicKeyInfo
    algorithm     VARCHAR(20) NOT NULL,
    public_key    BYTEA       NOT NULL,    -- X.509 SubjectPublicKeyInfo, DER
    first_used_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Signed tree heads. One per size: two instances signing at once meet this key, and one of them stands down.
CREATE TABLE tree_head (
    tree_size BIGINT      PRIMARY KEY CHECK (tree_size >= 0),
    root_hash BYTEA       NOT NULL CHECK (octet_length(root_hash) = 32),
    signed_at TIMESTAMPTZ NOT NULL,
    key_id    VARCHAR(64) NOT NULL REFERENCES signing_key (key_id),
    signature BYTEA       NOT NULL
);
