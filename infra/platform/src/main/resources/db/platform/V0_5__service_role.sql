-- The service's own database role (issue #18): the service connects as it, Flyway as an administrator. The role may
-- use this schema and read and write its tables and sequences, nothing else: it owns nothing, so it cannot create,
-- alter or drop tables, and it has no privilege on any other service's schema. Its name comes from the session setting
-- techex.service_role, which Flyway's init SQL sets from techex.database.role (techex-defaults.properties); a migration
-- run without it (a test migrating a scratch schema by hand) grants nothing.
--
-- Roles belong to the whole cluster, not to this database: every database of a server (the tests make one per Spring
-- context, concurrently) finds the same role. So the role is created only when missing, and a concurrent creator's
-- duplicate is ignored. The migration never sets a password: one that logs in over the network is given its password
-- by whoever deploys (infra/deploy/postgres/init-techex.sh creates it so, before the service starts); on a server that
-- trusts local connections (tests, the launcher) it logs in without one. A LOGIN role without a password cannot log in
-- where a password is required.
--
-- Grants are per database and schema. On a new database this runs before the service's own migrations, and the
-- default privileges cover the tables they create; on an existing one it arrives out of order, and the grants on all
-- existing tables cover those. Default privileges apply to what the role running this migration creates later: keep
-- running Flyway as the same administrator.
DO $$
DECLARE
    service_role TEXT := nullif(current_setting('techex.service_role', true), '');
    service_schema TEXT := '${flyway:defaultSchema}';
BEGIN
    IF service_role IS NULL THEN
        RAISE NOTICE 'techex.service_role is not set: no service role for schema %', service_schema;
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = service_role) THEN
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN', service_role);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            -- created meanwhile by a migration of another database on the same server
            NULL;
        END;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', service_schema, service_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', service_schema, service_role);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %I', service_schema, service_role);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
                   service_schema, service_role);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I',
                   service_schema, service_role);
    -- the migration history is Flyway's: the service may read it, not rewrite it
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I.%I FROM %I', service_schema, '${flyway:table}',
                   service_role);
END
$$;
