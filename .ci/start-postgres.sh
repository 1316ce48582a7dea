#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1:$PGPORT for the test suite (as root, no systemd).
# Prints the DATABASE_URL to use. Source-safe: sets DATABASE_URL, PGDATA, PGBIN, PGPORT.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PGPORT="${PGPORT:-55432}"
PGDATA="$(mktemp -d /tmp/pgtest.XXXXXX)"
install -d -m 700 -o postgres -g postgres "$PGDATA"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/log" -w -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
runuser -u postgres -- psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE ROLE app LOGIN PASSWORD 'app'" -c "CREATE DATABASE appdb OWNER app"
echo "PGDATA=$PGDATA"
echo "PGBIN=$PGBIN"
echo "DATABASE_URL=postgres://app:app@127.0.0.1:$PGPORT/appdb"
