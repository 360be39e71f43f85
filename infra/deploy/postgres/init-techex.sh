#!/bin/sh
# Runs once, when the data directory is empty (docker-entrypoint-initdb.d). Creates database techex, owned by the
# unprivileged role Flyway logs in as (TECHEX_DB_USER): each service's migrations create its schema in it and grant
# the service's own role (techex_listing...) its schema only. Those roles log in with the passwords given here; the
# migrations create a role only when missing and never set a password.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v app_user="$TECHEX_DB_USER" -v app_password="$TECHEX_DB_PASSWORD" \
     -v listing_password="$TECHEX_LISTING_DB_PASSWORD" -v bidding_password="$TECHEX_BIDDING_DB_PASSWORD" \
     -v contract_password="$TECHEX_CONTRACT_DB_PASSWORD" -v audit_password="$TECHEX_AUDIT_DB_PASSWORD" \
     -v notification_password="$TECHEX_NOTIFICATION_DB_PASSWORD" <<'SQL'
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password';
CREATE DATABASE techex OWNER :"app_user";
CREATE ROLE techex_listing LOGIN PASSWORD :'listing_password';
CREATE ROLE techex_bidding LOGIN PASSWORD :'bidding_password';
CREATE ROLE techex_contract LOGIN PASSWORD :'contract_password';
CREATE ROLE techex_audit LOGIN PASSWORD :'audit_password';
CREATE ROLE techex_notification LOGIN PASSWORD :'notification_password';
\connect techex
-- the default since PostgreSQL 15, said anyway: only the owner creates in the public schema
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
