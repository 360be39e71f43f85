-- Two costs of every leaf that bought nothing the log needs (pg_stat_statements and EXPLAIN ANALYZE over a backlog of
-- 100,000 events: the leaf's insert was the sequencer's largest statement).
--
-- The log's contiguity (V3) was checked before each row, by reading max(leaf_index) once a leaf: 11 µs of every leaf,
-- and it refused a statement whose leaves were contiguous but not in index order. Checked once a statement now, on the
-- statement's leaves together: they must begin where the log ended and have no gap among them. Leaf indexes are the
-- primary key, so the statement's leaves cannot overlap the log's, and a log contiguous from 0 before the statement is
-- contiguous after it. Whoever inserts, the same refusal with the same words.
DROP TRIGGER log_leaf_contiguous ON log_leaf;
DROP FUNCTION log_leaf_contiguous();

CREATE FUNCTION log_leaf_contiguous() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first_added BIGINT;
    last_added  BIGINT;
    added_count BIGINT;
    expected    BIGINT;
BEGIN
    SELECT min(leaf_index), max(leaf_index), count(*) INTO first_added, last_added, added_count FROM added;
    IF added_count = 0 THEN
        RETURN NULL;
    END IF;
    SELECT coalesce(max(leaf_index) + 1, 0) INTO expected FROM log_leaf WHERE leaf_index < first_added;
    IF first_added <> expected THEN
        RAISE EXCEPTION 'log_leaf % would leave a hole: the next leaf is %', first_added, expected;
    END IF;
    IF last_added - first_added + 1 <> added_count THEN
        RAISE EXCEPTION 'log_leaf % to % would leave a hole: % leaves in one statement', first_added, last_added,
            added_count;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER log_leaf_contiguous AFTER INSERT ON log_leaf
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION log_leaf_contiguous();

-- V9's index (event id with the leaf's index and hash) served the trail's read until V11 gave it log_asset_leaf; since
-- then only lookups of one leaf by its event id remain, which the unique constraint's index on event_id answers. Every
-- leaf still paid for both. A plain DROP (not CONCURRENTLY, unlike V9's build): once the statements using the table
-- at that moment are done, it holds the table only for the catalogue change, however large the log.
DROP INDEX log_leaf_event_leaf;
