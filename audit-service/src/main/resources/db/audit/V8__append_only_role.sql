-- The service's own role (platform V0_5) reads and writes its tables; of the log's append-only tables (V3) it may
-- only read and add rows. V3's triggers refuse UPDATE, DELETE and TRUNCATE to every role, the owner and superusers
-- included; this takes the privileges away as well, so the role is refused before any trigger runs. The queue behind
-- the log (log_pending, log_asset_latest) and the read models stay writable. A later migration adding an append-only
-- table revokes the same privileges on it: the default privileges of V0_5 grant them on every new table.
DO $$
DECLARE
    service_role TEXT := nullif(current_setting('techex.service_role', true), '');
BEGIN
    IF service_role IS NOT NULL THEN
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON trail_entry, log_leaf, tree_head, signing_key FROM %I',
                       service_role);
    END IF;
END
$$;
