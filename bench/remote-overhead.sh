#!/bin/sh
# Coordination overhead of remote state: the same random DAG of N no-op jobs (fixed seed) run
#   locally:  orun run plan.json --concurrency 8                                   (one process)
#   remote:   8 x orun run plan.json --remote-state (whole-plan mode, one shared run)
# against `orun-backend serve` on loopback (embedded database; PostgreSQL with
# ORUN_BENCH_DATABASE_URL=jdbc:postgresql://...). The last line is the overhead in ms per job,
# (remote - local) / N (target <= 15).
#
# Usage: bench/remote-overhead.sh [N] [RUNNERS]   (needs: ./mvnw -q -DskipTests package)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
orun="$here/bin/orun"
n=${1:-200}
runners=${2:-8}
work=$(mktemp -d "${TMPDIR:-/tmp}/orun-remote-bench.XXXXXX")
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

awk -v n="$n" -v dir="$work" 'BEGIN {
  srand(42); plan = dir "/plan.json";
  printf "{\"apiVersion\":\"orun.io/v1\",\"kind\":\"Plan\",\"metadata\":{\"name\":\"bench\"},\"execution\":{\"concurrency\":8,\"failFast\":true},\"jobs\":[" > plan;
  for (i = 0; i < n; i++) {
    deps = ""; k = (i == 0) ? 0 : int(rand() * 3); delete seen;
    for (d = 0; d < k; d++) { j = int(rand() * i); if (j in seen) continue; seen[j] = 1;
      deps = deps (deps == "" ? "" : ",") sprintf("\"c%05d@dev.build\"", j); }
    id = sprintf("c%05d", i);
    printf "%s{\"id\":\"%s@dev.build\",\"name\":\"build\",\"component\":\"%s\",\"environment\":\"dev\",\"path\":\".\",\"dependsOn\":[%s],\"steps\":[{\"id\":\"noop\",\"run\":\"true\"}]}", (i ? "," : ""), id, id, deps >> plan;
  }
  printf "]}\n" >> plan;
}'
cd "$work"
git init -q . 2>/dev/null || true

millis() { date +%s%3N; }

if [ -n "${ORUN_BENCH_DATABASE_URL:-}" ]; then db="--database-url $ORUN_BENCH_DATABASE_URL"; else db="--data $work/data"; fi
# shellcheck disable=SC2086
"$here/bin/orun-backend" serve --port 0 $db > "$work/server.out" 2> "$work/server.err" &
server_pid=$!
url=
for _ in $(seq 1 120); do
  url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/server.out")
  [ -n "$url" ] && break
  sleep 0.5
done
[ -n "$url" ] || { echo "server did not start" >&2; cat "$work/server.err" >&2; exit 1; }
# shellcheck disable=SC2086
token=$("$here/bin/orun-backend" token create --org bench --project remote $db)

start=$(millis)
"$orun" run plan.json --concurrency 8 --isolation none --component-concurrency 0 > local.log 2>&1 \
  || { tail -20 local.log >&2; exit 1; }
local_ms=$(( $(millis) - start ))
echo "local  --concurrency 8: ${local_ms} ms"

start=$(millis)
pids=
for r in $(seq 1 "$runners"); do
  ORUN_TOKEN="$token" ORUN_BACKEND_URL="$url" ORUN_ORG=bench ORUN_PROJECT=remote ORUN_EXEC_ID="bench-$$" \
    "$orun" run plan.json --remote-state --concurrency 1 --isolation none --component-concurrency 0 \
    > "runner-$r.log" 2>&1 &
  pids="$pids $!"
done
for pid in $pids; do wait "$pid" || { echo "a runner failed:" >&2; tail -20 runner-*.log >&2; exit 1; }; done
remote_ms=$(( $(millis) - start ))
echo "remote $runners runners:    ${remote_ms} ms"
echo "overhead per job: $(( (remote_ms - local_ms) / n )) ms"
