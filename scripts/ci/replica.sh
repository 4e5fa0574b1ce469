#!/usr/bin/env bash
# A small PostgreSQL primary of its own (port 5434) and a hot standby streaming from it (port 5435),
# made with the server's own binaries, for the read-replica tests (DATABASE_READ_URL, R11).
#
#   scripts/ci/replica.sh start   # prints `export TEST_PRIMARY_URL=...; export TEST_REPLICA_URL=...`
#   scripts/ci/replica.sh stop    # stops both and removes their directories
#
# Idempotent: `start` on a running pair only prints the exports again. Runs the servers as the OS
# user postgres (CI runs as root). Trust authentication on 127.0.0.1 only: a throw-away test pair.
# Everything but the export lines goes to stderr, so `eval "$(scripts/ci/replica.sh start)"` works.
set -euo pipefail

BASE="${REPLICA_BASE_DIR:-/tmp/ntk-replica}"
PRIMARY_PORT="${REPLICA_PRIMARY_PORT:-5434}"
STANDBY_PORT="${REPLICA_STANDBY_PORT:-5435}"
BIN="$(pg_config --bindir)"
PRIMARY="$BASE/primary"
STANDBY="$BASE/standby"

as_postgres() {
  if [ "$(id -un)" = postgres ]; then bash -c "$1"; else runuser -u postgres -- bash -c "$1"; fi
}

running() { as_postgres "'$BIN/pg_ctl' -D '$1' status" >/dev/null 2>&1; }

wait_ready() {
  for _ in $(seq 1 60); do
    "$BIN/pg_isready" -h 127.0.0.1 -p "$1" -q && return 0
    sleep 0.5
  done
  echo "replica.sh: the server on port $1 did not become ready" >&2
  return 1
}

start_primary() {
  if [ ! -f "$PRIMARY/PG_VERSION" ]; then
    mkdir -p "$BASE"
    chown postgres: "$BASE" 2>/dev/null || true
    as_postgres "'$BIN/initdb' -D '$PRIMARY' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >&2
    cat >>"$PRIMARY/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$BASE'
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
max_connections = 200
EOF
    cat >"$PRIMARY/pg_hba.conf" <<EOF
local all all trust
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
EOF
  fi
  running "$PRIMARY" || as_postgres "'$BIN/pg_ctl' -D '$PRIMARY' -l '$BASE/primary.log' -w start" >&2
  wait_ready "$PRIMARY_PORT"
}

start_standby() {
  if [ ! -f "$STANDBY/PG_VERSION" ]; then
    # -R writes primary_conninfo and standby.signal: the copy starts as a hot standby streaming from the primary.
    as_postgres "'$BIN/pg_basebackup' -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -D '$STANDBY' -R -X stream -c fast" >&2
    sed -i "s/^port = .*/port = $STANDBY_PORT/" "$STANDBY/postgresql.conf"
  fi
  running "$STANDBY" || as_postgres "'$BIN/pg_ctl' -D '$STANDBY' -l '$BASE/standby.log' -w start" >&2
  wait_ready "$STANDBY_PORT"
}

case "${1:-}" in
  start)
    start_primary
    start_standby
    echo "export TEST_PRIMARY_URL=postgresql://postgres@127.0.0.1:$PRIMARY_PORT/postgres; export TEST_REPLICA_URL=postgresql://postgres@127.0.0.1:$STANDBY_PORT/postgres"
    ;;
  stop)
    for dir in "$STANDBY" "$PRIMARY"; do
      if running "$dir"; then as_postgres "'$BIN/pg_ctl' -D '$dir' -m fast -w stop" >&2; fi
    done
    rm -rf "$BASE"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
