-- The log is append-only, and the database says so rather than the application's good manners: UPDATE, DELETE and
-- TRUNCATE on the log's tables raise an error for every role, the owner included, and roles other than the owner
-- get no such privilege. What this does not stop: a superuser or the owner can drop or disable the triggers
-- (ALTER TABLE ... DISABLE TRIGGER, session_replication_role = replica) and rewrite rows. That is what the signed
-- tree heads are for: copies kept outside the exchange (TreeHeadSigned on techex.audit.events) no longer verify
-- against a log whose past was changed, and VerifyExport names the entry.
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER trail_entry_append_only BEFORE UPDATE OR DELETE ON trail_entry
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER trail_entry_no_truncate BEFORE TRUNCATE ON trail_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER log_leaf_append_only BEFORE UPDATE OR DELETE ON log_leaf
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER log_leaf_no_truncate BEFORE TRUNCATE ON log_leaf
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER tree_head_append_only BEFORE UPDATE OR DELETE ON tree_head
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER tree_head_no_truncate BEFORE TRUNCATE ON tree_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER signing_key_append_only BEFORE UPDATE OR DELETE ON signing_key
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER signing_key_no_truncate BEFORE TRUNCATE ON signing_key
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- Leaves come in order: leaf n only after leaf n-1, so the log has no holes to fill in later.
CREATE FUNCTION log_leaf_contiguous() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    expected BIGINT;
BEGIN
    SELECT coalesce(max(leaf_index) + 1, 0) INTO expected FROM log_leaf;
    IF NEW.leaf_index <> expected THEN
        RAISE EXCEPTION 'log_leaf % would leave a hole: the next leaf is %', NEW.leaf_index, expected;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER log_leaf_contiguous BEFORE INSERT ON log_leaf
    FOR EACH ROW EXECUTE FUNCTION log_leaf_contiguous();

REVOKE UPDATE, DELETE, TRUNCATE ON trail_entry, log_leaf, tree_head, signing_key FROM PUBLIC;
