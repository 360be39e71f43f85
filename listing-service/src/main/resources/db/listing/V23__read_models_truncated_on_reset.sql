-- The catalogue's and search's read models are emptied by TRUNCATE when their processors are reset for a replay, not
-- by DELETE. A DELETE leaves every row's dead version in the table and its indexes until a vacuum; autovacuum's analyze
-- could then see pages of only dead rows and record an empty table, and the batch's
-- "WHERE listing_id = ANY (?) FOR UPDATE" was planned as a scan of all of them: 0.3 ms a batch in one replay, 7.7 and
-- 37 ms in others (infra/bench, 2026-12-06). TRUNCATE gives the table a new, empty file, and its statistics say "never
-- analyzed", so the planner estimates from the pages the replay writes. It takes the table's exclusive lock until the
-- reset commits: readers wait for that moment instead of seeing it half empty.
-- The service role gets the privilege on these three tables only (V0_5 gives it none on any table); a migration run
-- without techex.service_role (a scratch schema migrated by hand) grants nothing.
DO $$
DECLARE
    service_role TEXT := nullif(current_setting('techex.service_role', true), '');
BEGIN
    IF service_role IS NOT NULL THEN
        EXECUTE format('GRANT TRUNCATE ON listing_summary, listing_content, listing_search TO %I', service_role);
    END IF;
END
$$;
