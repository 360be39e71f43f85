-- Per-aggregate hash chain over this service's event store. io.techex.platform.chain.EventChainVerifier documents
-- the design, VerifyEventChain is the command that checks it. Every row of domain_event_entry gets
--   content_hash = sha256(canonical form of the row)
--   chain_hash   = sha256(chain_hash of the same aggregate's previous event, or 32 zero bytes at sequence 0
--                         || content_hash)
-- and domain_event_chain_head keeps each aggregate's last sequence number and chain hash, so deleting an aggregate's
-- newest events (or an aggregate-less event, which is an aggregate of one) leaves a head pointing at nothing.
--
-- Canonical form, version 1: the nine fields below, in this order, each encoded as
--   NULL                          -> 4 bytes FF FF FF FF (length -1)
--   text (UTF-8) or BYTEA value v -> 4-byte big-endian length of v, then v
--   sequence_number               -> 8-byte big-endian two's complement (fixed width, never NULL)
-- event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,
-- payload, meta_data. The length prefixes make the encoding prefix-free: no two different rows share one, and
-- NULL is not the empty string. The Java verifier implements the same encoding independently.
--
-- Names are qualified with the schema Flyway migrates, not left to search_path: the trigger fires for any session
-- that writes here (a DBA's psql, a benchmark tool) whatever its search_path is.

ALTER TABLE "${flyway:defaultSchema}".domain_event_entry
    ADD COLUMN content_hash BYTEA,
    ADD COLUMN chain_hash   BYTEA;

CREATE TABLE "${flyway:defaultSchema}".domain_event_chain_head (
    aggregate_identifier VARCHAR(255) PRIMARY KEY,
    sequence_number      BIGINT       NOT NULL,
    chain_hash           BYTEA        NOT NULL
);

CREATE FUNCTION "${flyway:defaultSchema}".event_chain_field(value BYTEA) RETURNS BYTEA
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN value IS NULL THEN '\xffffffff'::bytea ELSE int4send(octet_length(value)) || value END
$$;

CREATE FUNCTION "${flyway:defaultSchema}".event_chain_content_hash(
    event_identifier TEXT, aggregate_identifier TEXT, sequence_number BIGINT, type TEXT, time_stamp TEXT,
    payload_type TEXT, payload_revision TEXT, payload BYTEA, meta_data BYTEA) RETURNS BYTEA
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT sha256(
    "${flyway:defaultSchema}".event_chain_field(convert_to(event_identifier, 'UTF8'))
    || "${flyway:defaultSchema}".event_chain_field(convert_to(aggregate_identifier, 'UTF8'))
    || int8send(sequence_number)
    || "${flyway:defaultSchema}".event_chain_field(convert_to(type, 'UTF8'))
    || "${flyway:defaultSchema}".event_chain_field(convert_to(time_stamp, 'UTF8'))
    || "${flyway:defaultSchema}".event_chain_field(convert_to(payload_type, 'UTF8'))
    || "${flyway:defaultSchema}".event_chain_field(convert_to(payload_revision, 'UTF8'))
    || "${flyway:defaultSchema}".event_chain_field(payload)
    || "${flyway:defaultSchema}".event_chain_field(meta_data))
$$;

-- Rows that exist now (the launcher's local database, say) are chained from their content at this moment, per
-- aggregate in sequence order: the chain attests to the store from this migration on, not to what happened to
-- those rows before it. A sequence gap already present is chained over (from zero bytes) and reported by the
-- verifier as a missing row, which it is.
DO $$
DECLARE
    event           RECORD;
    last_aggregate  TEXT;
    last_sequence   BIGINT;
    last_chain_hash BYTEA;
    content         BYTEA;
    chained         BYTEA;
BEGIN
    FOR event IN
        SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,
               payload_revision, payload, meta_data
        FROM "${flyway:defaultSchema}".domain_event_entry
        ORDER BY aggregate_identifier, sequence_number
    LOOP
        content := "${flyway:defaultSchema}".event_chain_content_hash(event.event_identifier,
                event.aggregate_identifier, event.sequence_number, event.type, event.time_stamp, event.payload_type,
                event.payload_revision, event.payload, event.meta_data);
        IF event.aggregate_identifier IS NOT DISTINCT FROM last_aggregate
                AND event.sequence_number = last_sequence + 1 THEN
            chained := sha256(last_chain_hash || content);
        ELSE
            chained := sha256(decode(repeat('00', 32), 'hex') || content);
        END IF;
        UPDATE "${flyway:defaultSchema}".domain_event_entry
        SET content_hash = content, chain_hash = chained
        WHERE global_index = event.global_index;
        last_aggregate := event.aggregate_identifier;
        last_sequence := event.sequence_number;
        last_chain_hash := chained;
    END LOOP;
END
$$;

INSERT INTO "${flyway:defaultSchema}".domain_event_chain_head (aggregate_identifier, sequence_number, chain_hash)
SELECT DISTINCT ON (aggregate_identifier) aggregate_identifier, sequence_number, chain_hash
FROM "${flyway:defaultSchema}".domain_event_entry
ORDER BY aggregate_identifier, sequence_number DESC;

ALTER TABLE "${flyway:defaultSchema}".domain_event_entry
    ALTER COLUMN content_hash SET NOT NULL,
    ALTER COLUMN chain_hash SET NOT NULL;

-- Links each new event, whatever hashes the writer supplied. The previous link is read from the event table itself:
-- Axon appends one aggregate's events in order in one transaction, so the predecessor is either committed or this
-- transaction's own earlier row, and two appenders of the same sequence number both compute from the same
-- committed predecessor before the unique key (aggregate_identifier, sequence_number) rejects the later one with
-- 23505, the clean conflict Axon turns into a ConcurrencyException. A predecessor that is not there (deleted, or a
-- writer skipping numbers) cannot be chained to: the insert fails (SQLSTATE P0001, outside class 23 so it is never
-- mistaken for a concurrency conflict) instead of starting a chain the verifier would reject anyway.
CREATE FUNCTION "${flyway:defaultSchema}".event_chain_link() RETURNS TRIGGER
    LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    previous BYTEA;
BEGIN
    NEW.content_hash := "${flyway:defaultSchema}".event_chain_content_hash(NEW.event_identifier,
            NEW.aggregate_identifier, NEW.sequence_number, NEW.type, NEW.time_stamp, NEW.payload_type,
            NEW.payload_revision, NEW.payload, NEW.meta_data);
    IF NEW.sequence_number = 0 THEN
        previous := decode(repeat('00', 32), 'hex');
    ELSE
        SELECT chain_hash INTO previous
        FROM "${flyway:defaultSchema}".domain_event_entry
        WHERE aggregate_identifier = NEW.aggregate_identifier AND sequence_number = NEW.sequence_number - 1;
        IF previous IS NULL THEN
            RAISE EXCEPTION 'event chain: aggregate % has no event % to chain event % (sequence %) to',
                NEW.aggregate_identifier, NEW.sequence_number - 1, NEW.event_identifier, NEW.sequence_number;
        END IF;
    END IF;
    NEW.chain_hash := sha256(previous || NEW.content_hash);
    -- Only moves forward: a later, failing appender of the same sequence number waits here for the first one's
    -- transaction and then leaves the head alone.
    INSERT INTO "${flyway:defaultSchema}".domain_event_chain_head AS head (aggregate_identifier, sequence_number,
                                                                          chain_hash)
    VALUES (NEW.aggregate_identifier, NEW.sequence_number, NEW.chain_hash)
    ON CONFLICT (aggregate_identifier) DO UPDATE
        SET sequence_number = EXCLUDED.sequence_number, chain_hash = EXCLUDED.chain_hash
        WHERE head.sequence_number < EXCLUDED.sequence_number;
    RETURN NEW;
END
$$;

CREATE TRIGGER domain_event_entry_chain
    BEFORE INSERT ON "${flyway:defaultSchema}".domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION "${flyway:defaultSchema}".event_chain_link();
