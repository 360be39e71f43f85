#!/bin/sh
# Runs once, when the data directory is empty (docker-entrypoint-initdb.d). Creates database techex, owned by
# the unprivileged role the services log in as; Flyway in each service creates its own schema in it.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v app_user="$TECHEX_DB_USER" -v app_password="$TECHEX_DB_PASSWORD" <<'SQL'
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password';
CREATE DATABASE techex OWNER :"app_user";
SQL
