#!/usr/bin/env bash
# Coordination throughput of orun-backend.
#
# Starts `bin/orun-backend serve` on the embedded database, and on PostgreSQL when
# ORUN_TEST_POSTGRES_URL names a role that may create databases (as .ci/run sets it); creates a
# token; then bench/backend-claims/ClaimLoad.java warms the server up on 8000 jobs (WARMUP; so the JIT has
# compiled the hot paths) and measures, with 8 concurrent clients (one kept-alive HTTP/1.1
# connection each):
#   - claim+complete pairs per second on ROUNDS (5) runs of 1000 jobs each (claim → complete
#     whatever the frontier offers), every round printed with a machine probe (fixed work: register
#     arithmetic, a walk through memory, loopback round trips, timed just before and after it) and
#     the median round in the verdict; p50/p99 latency
#     of claim and complete over all rounds; and on Linux the CPU time per pair of the driver, the
#     server and the PostgreSQL backends (from /proc). The probe shows when the machine itself was
#     slower (a virtual machine's host can slow it without the guest seeing steal time); the CPU per
#     pair of the same work also moves between starts whose probes are level (plans and JIT state
#     differ per start: docs/decisions/backend-throughput.md);
#   - the same run with one heartbeat between claim and complete: the figure this bench printed
#     until December 2026, still printed (pairs/s, CPU per pair) so old and new are never confused;
#   - heartbeat p50/p99 at the same concurrency: each client holds 4 leases in a run of its own and
#     heartbeats them in turn (HEARTBEATS, 3000 in all), with heartbeats per second and CPU per heartbeat;
#   - how long after a claim an event-log long-poll (/log?wait=) wakes up.
# Why the timed pairs carry no heartbeat: issue 10 names "claim+complete pairs per second", and a
# runner sends its first heartbeat one heartbeat interval (20 s) after a job starts (the remote-state
# reference, §2.7), so a job shorter than that never heartbeats; a heartbeat in every pair measured
# jobs of 20-40 s. Heartbeat latency is still measured, on its own (docs/decisions/backend-throughput.md).
# Targets (2-core machine): >= 1000 claim+complete pairs/s on PostgreSQL, p99 claim < 50 ms,
# long-poll wake < 100 ms. The load average is printed before and after, and the time `make -j2`
# takes for 1000 no-op jobs (the machine baseline of every bench here: about 0.4 s on the machine
# the targets were set for; the figures mean little on a busy or slower machine, and the verdict
# says so when it took over 1 s; bench/machine.sh tells what such a machine's kernel costs). The
# last line is the verdict on the PostgreSQL figures (the embedded ones when PostgreSQL is
# absent), with the heartbeat p99 and the old with-heartbeat rate alongside.
#
# Usage: bench/backend-claims.sh [--postgres JDBC_URL] [--no-embedded]
#        (needs: ./mvnw -q -DskipTests package; env JOBS, CLIENTS, WARMUP, ROUNDS, HEARTBEATS, SERVER_JAVA_OPTS, DRIVER_JAVA_OPTS, CPU_DETAIL=1
#        for the CPU of each server and driver thread, kernel time, page faults and context switches)
set -euo pipefail
pg_admin_url=${ORUN_TEST_POSTGRES_URL:-}
embedded=1
while [ $# -gt 0 ]; do
  case $1 in
    --postgres) pg_admin_url=$2; shift 2 ;;
    --no-embedded) embedded=0; shift ;;
    *) echo "usage: $0 [--postgres JDBC_URL] [--no-embedded]" >&2; exit 2 ;;
  esac
done
here=$(cd "$(dirname "$0")/.." && pwd)
backend="$here/bin/orun-backend"
driver_dir="$here/bench/backend-claims"
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
      "$pg_admin_url" "$pg_db" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# serve DBARGS...: starts a server (recorded for cleanup), waits until it listens, sets $url
serve() {
  local log="$work/serve-$RANDOM.out"
  # no class-data archive build in the background while measuring
  # SERVER_JAVA_OPTS: JVM options of the server alone (e.g. a flight recording), not of the admin commands
  ORUN_BACKEND_JAVA_OPTS=${SERVER_JAVA_OPTS:-${ORUN_BACKEND_JAVA_OPTS:-}} ORUN_CDS=${ORUN_CDS:-0} \
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
  # The driver only has to keep 8 connections busy: C1 compiles it at a fraction of C2's CPU, which
  # otherwise lands in the measured run on a busy machine (1.3 ms of the driver's 2 ms per pair).
  SERVER_PID=${pids[-1]} PG_DATABASE=${pg_db:-} "$java" ${DRIVER_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} \
    -cp "$work/driver" ClaimLoad "$url" "$token" "$label" \
    | tee "$work/$label.txt"
  kill "${pids[-1]}" 2>/dev/null || true
}

mkdir -p "$work/driver"
"${JAVAC:-javac}" -d "$work/driver" "$driver_dir/ClaimLoad.java" "$driver_dir/Conn.java" "$driver_dir/CpuMeter.java" \
  "$driver_dir/MachineProbe.java"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime) ($(nproc 2>/dev/null || echo '?') cores)"
# The machine baseline: make -j2 on 1000 no-op jobs (about 0.4 s where the targets were set).
. "$here/bench/lib/make-baseline.sh"
make_s=$(make_baseline "$work/make")
machine_note=
if make_baseline_slow "$make_s"; then
  machine_note="; WARNING: the machine baseline took over 1 s, so this machine is busy or slower than the one the targets were set on, and the figures are not comparable with the targets (bench/machine.sh prints its primitives)"
fi
echo "machine baseline: make -j2 on 1000 no-op jobs took $make_s (about 0.4 s where the targets were set)$machine_note"
last=
if [ "$embedded" = 1 ]; then
  measure embedded --data "$work/h2"
  last=$(grep '^RESULT' "$work/embedded.txt")
fi
if [ -n "$pg_admin_url" ]; then
  pg_db="orun_bench_$RANDOM$RANDOM"
  "$java" -cp "$here/orun-backend/target/orun-backend.jar" "$here/bench/backend-claims/CreateDatabase.java" \
    "$pg_admin_url" "$pg_db"
  pg_url=$(echo "$pg_admin_url" | sed -E "s#(jdbc:postgresql://[^/]+)/[^?]*#\1/$pg_db#")
  measure postgresql --database-url "$pg_url"
  last=$(grep '^RESULT' "$work/postgresql.txt")
else
  echo "(PostgreSQL skipped: set ORUN_TEST_POSTGRES_URL or pass --postgres JDBC_URL to measure it)"
fi
[ -n "$last" ] || { echo "nothing measured" >&2; exit 2; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
# RESULT label pairs_per_s=N claim_p99_ms=N wake_p99_ms=N
label=$(echo "$last" | awk '{print $2}')
pairs=$(echo "$last" | sed -E 's/.*pairs_per_s=([0-9.]+).*/\1/')
claim=$(echo "$last" | sed -E 's/.*claim_p99_ms=([0-9.]+).*/\1/')
wake=$(echo "$last" | sed -E 's/.*wake_p99_ms=([0-9.]+).*/\1/')
beat=$(echo "$last" | sed -E 's/.*heartbeat_p99_ms=([0-9.]+).*/\1/')
old_pairs=$(echo "$last" | sed -E 's/.*old_with_heartbeat=([0-9.]+).*/\1/')
rounds=$(echo "$last" | sed -E 's/.*rounds=([0-9,]+).*/\1/')
verdict=$(awk -v p="$pairs" -v c="$claim" -v w="$wake" 'BEGIN {
  ok = (p >= 1000) && (c < 50) && (w < 100); print ok ? "PASS" : "FAIL" }')
echo "verdict: $verdict on $label: $pairs claim+complete pairs/s (target >= 1000; median of rounds $rounds), claim p99 $claim ms (< 50), long-poll wake p99 $wake ms (< 100); heartbeat p99 $beat ms; with one heartbeat per pair (the figure before December 2026) $old_pairs pairs/s; load average $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'); make -j2 baseline $make_s$machine_note"
