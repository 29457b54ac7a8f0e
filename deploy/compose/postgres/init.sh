#!/bin/sh
# First start of the PostgreSQL container only (empty data volume): Temporal's login and two databases, and
# Pennant's database with its owner and the application's login pennant_app (deploy/README.md, "The database logins
# and the audit keys": the migrations then give pennant_app exactly the grants it needs).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v temporal_pw="$TEMPORAL_DB_PASSWORD" -v owner_pw="$PENNANT_OWNER_PASSWORD" -v app_pw="$PENNANT_APP_PASSWORD" <<'SQL'
CREATE ROLE temporal LOGIN PASSWORD :'temporal_pw';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
CREATE ROLE pennant_owner LOGIN PASSWORD :'owner_pw';
CREATE DATABASE pennant OWNER pennant_owner;
CREATE ROLE pennant_app LOGIN PASSWORD :'app_pw';
SQL
