#!/usr/bin/env bash
# Coordination throughput of orun-backend.
#
# Starts `bin/orun-backend serve` on the embedded database, and on PostgreSQL when
# ORUN_TEST_POSTGRES_URL names a role that may create databases (as .ci/run sets it); creates a
# token; then bench/backend-claims/ClaimLoad.java drives a 1000-job run with 8 concurrent clients
# (claim → heartbeat → complete whatever the frontier offers) and measures:
#   - claim+complete pairs per second,
#   - p50/p99 latency of claim, heartbeat and complete,
#   - how long after a claim an event-log long-poll (/log?wait=) wakes up.
# Targets (2-core machine): >= 1000 pairs/s on PostgreSQL, p99 claim < 50 ms, long-poll wake < 100 ms.
# The last line prints the PostgreSQL figures (the embedded ones when PostgreSQL is not available).
#
# Usage: bench/backend-claims.sh   (needs: ./mvnw -q -DskipTests package; env JOBS, CLIENTS)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
backend="$here/bin/orun-backend"
driver="$here/bench/backend-claims/ClaimLoad.java"
java=${JAVA:-java}
if [ ! -f "$here/orun-backend/target/orun-backend.jar" ]; then
  echo "build first: (cd $here && ./mvnw -q -DskipTests package)" >&2
  exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/orun-backend-bench.XXXXXX")
pids=()
pg_db=
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$pg_db" ]; then
    "$java" -cp "$here/orun-backend/target/orun-backend.jar" "$here/bench/backend-claims/DropDatabase.java" \
      "$ORUN_TEST_POSTGRES_URL" "$pg_db" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# serve DBARGS...: starts a server (recorded for cleanup), waits until it listens, sets $url
serve() {
  local log="$work/serve-$RANDOM.out"
  "$backend" serve --port 0 "$@" >"$log" 2>"$log.err" &
  pids+=($!)
  url=
  for _ in $(seq 1 1200); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" 2>/dev/null || true)
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  echo "server did not start: $(cat "$log.err")" >&2
  exit 1
}

measure() { # measure LABEL DBARGS...
  local label=$1; shift
  local token
  serve "$@"
  token=$("$backend" token create --org bench --project claims "$@" 2>/dev/null)
  "$java" "$driver" "$url" "$token" "$label" | tee "$work/$label.txt"
}

measure embedded --data "$work/h2"
last=$(grep '^RESULT' "$work/embedded.txt")
if [ -n "${ORUN_TEST_POSTGRES_URL:-}" ]; then
  pg_db="orun_bench_$RANDOM$RANDOM"
  "$java" -cp "$here/orun-backend/target/orun-backend.jar" "$here/bench/backend-claims/CreateDatabase.java" \
    "$ORUN_TEST_POSTGRES_URL" "$pg_db"
  pg_url=$(echo "$ORUN_TEST_POSTGRES_URL" | sed -E "s#(jdbc:postgresql://[^/]+)/[^?]*#\1/$pg_db#")
  measure postgresql --database-url "$pg_url"
  last=$(grep '^RESULT' "$work/postgresql.txt")
else
  echo "(PostgreSQL skipped: set ORUN_TEST_POSTGRES_URL to measure it)"
fi
echo "$last (targets: pairs_per_s >= 1000 on PostgreSQL, claim_p99_ms < 50, wake_p99_ms < 100)"
