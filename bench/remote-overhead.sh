#!/bin/sh
# Coordination overhead of remote state: the same random DAG of N no-op jobs (fixed seed) run
#   locally:  orun run plan.json --concurrency 8                                   (one process)
#   remote:   8 x orun run plan.json --remote-state (whole-plan mode, one shared run)
# against `orun-backend serve` on loopback, once on the embedded database and once on PostgreSQL:
# ORUN_BENCH_DATABASE_URL=jdbc:postgresql://... names a database to use; else, with
# ORUN_TEST_POSTGRES_URL (a role that may create databases) and psql, a scratch database
# orun_test_bench_<random> is created and dropped. Overhead per job = (remote - local) / N,
# target <= 15 ms. The last line is the verdict with the load average it was measured under.
# After each remote run: the server's requests per job by route and answer (from its /metrics) and
# the CPU time (user+sys, not wall time) of each runner process and of the server.
#
# Usage: bench/remote-overhead.sh [N] [RUNNERS]   (needs: ./mvnw -q -DskipTests package)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
orun="$here/bin/orun"
n=${1:-200}
runners=${2:-8}
target=15
work=$(mktemp -d "${TMPDIR:-/tmp}/orun-remote-bench.XXXXXX")
server_pid=
scratch_db=
admin_psql=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$scratch_db" ] && psql -q "$admin_psql" -c "DROP DATABASE IF EXISTS $scratch_db WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

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

# cpu_of PID: user+sys CPU seconds a live process has used so far (from /proc/PID/stat)
cpu_of() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"
}

# requests LABEL: the server's requests per job by route and answer, and the claims by result
requests() {
  awk -v n="$n" -v label="$1" '
    /^orun_http_request_duration_seconds_count/ {
      match($0, /method="[^"]*"/); m = substr($0, RSTART + 8, RLENGTH - 9);
      match($0, /route="[^"]*"/); r = substr($0, RSTART + 7, RLENGTH - 8);
      match($0, /status="[^"]*"/); st = substr($0, RSTART + 8, RLENGTH - 9);
      sub(/^.*\/runs\/\{[^}]*\}/, "", r); c = $NF; total += c;
      line[m " " r " " st] += c }
    /^orun_claims_total/ { match($0, /result="[^"]*"/); claims = claims " " substr($0, RSTART + 8, RLENGTH - 9) "=" $NF }
    END {
      printf "  %s requests per job: %.2f (claims:%s)\n", label, total / n, claims;
      for (k in line) printf "    %6.2f  %s\n", line[k] / n, k | "sort -rn"; close("sort -rn") }' "metrics-$1.txt"
}

# jdbc:postgresql://host:port/db?user=u&password=p -> postgresql://u:p@host:port/db (for psql)
psql_url() {
  printf '%s\n' "$1" | sed -E 's#^jdbc:postgresql://([^/?]*)/([^?]*)\?(.*)$#\1 \2 \3#' | {
    read -r hostport db params
    user=$(printf '%s' "$params" | tr '&' '\n' | sed -n 's/^user=//p')
    pass=$(printf '%s' "$params" | tr '&' '\n' | sed -n 's/^password=//p')
    printf 'postgresql://%s:%s@%s/%s\n' "$user" "$pass" "$hostport" "$db"
  }
}

# sets pg to the PostgreSQL JDBC URL to measure on, or to nothing
postgres_url() {
  pg=
  if [ -n "${ORUN_BENCH_DATABASE_URL:-}" ]; then
    pg=$ORUN_BENCH_DATABASE_URL
  elif [ -n "${ORUN_TEST_POSTGRES_URL:-}" ] && command -v psql >/dev/null 2>&1; then
    admin_psql=$(psql_url "$ORUN_TEST_POSTGRES_URL")
    scratch_db="orun_test_bench_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
    psql -q "$admin_psql" -c "CREATE DATABASE $scratch_db" >/dev/null
    pg=$(printf '%s\n' "$ORUN_TEST_POSTGRES_URL" | sed -E "s#^(jdbc:postgresql://[^/?]*)/[^?]*#\1/$scratch_db#")
  fi
}

# remote_run LABEL DATABASE-OPTIONS: sets elapsed to the wall time of the runners sharing one run, in ms
remote_run() {
  label=$1
  shift
  "$here/bin/orun-backend" serve --port 0 "$@" > "server-$label.out" 2> "server-$label.err" &
  server_pid=$!
  url=
  for _ in $(seq 1 240); do
    url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "server-$label.out")
    [ -n "$url" ] && break
    sleep 0.5
  done
  [ -n "$url" ] || { echo "server did not start" >&2; cat "server-$label.err" >&2; exit 1; }
  token=$("$here/bin/orun-backend" token create --org bench --project remote "$@" 2>/dev/null)
  server_cpu_before=$(cpu_of "$server_pid")
  start=$(millis)
  pids=
  for r in $(seq 1 "$runners"); do
    ORUN_TOKEN="$token" ORUN_BACKEND_URL="$url" ORUN_ORG=bench ORUN_PROJECT=remote ORUN_EXEC_ID="bench-$label-$$" \
      /usr/bin/time -o "cpu-$label-$r.txt" -f '%U %S' \
      "$orun" run plan.json --remote-state --concurrency 1 --isolation none --component-concurrency 0 \
      > "runner-$label-$r.log" 2>&1 &
    pids="$pids $!"
  done
  for pid in $pids; do
    wait "$pid" || { echo "a runner failed:" >&2; tail -20 runner-"$label"-*.log >&2; exit 1; }
  done
  elapsed=$(( $(millis) - start ))
  server_cpu=$(awk -v a="$server_cpu_before" -v b="$(cpu_of "$server_pid")" 'BEGIN { printf "%.1f", b - a }')
  curl -fsS "$url/metrics" > "metrics-$label.txt" 2>/dev/null || : > "metrics-$label.txt"
  requests "$label"
  cat cpu-"$label"-*.txt | awk -v s="$server_cpu" '{ c = $1 + $2; t += c; list = list sprintf(" %.1f", c) }
    END { printf "  CPU (user+sys) per runner:%s s (sum %.1f s), server %s s\n", list, t, s }'
  kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  server_pid=
}

# the launcher's class-data archives (local and remote) before anything is timed, so no build of
# them runs in the background of either measurement
ORUN_CDS=wait "$orun" --version > /dev/null 2>&1 || true

start=$(millis)
"$orun" run plan.json --concurrency 8 --isolation none --component-concurrency 0 > local.log 2>&1 \
  || { tail -20 local.log >&2; exit 1; }
local_ms=$(( $(millis) - start ))
echo "local --concurrency 8:                ${local_ms} ms"

# What no coordination can save: $runners JVMs starting at once instead of one (measured, reported)
start=$(millis)
pids=
for r in $(seq 1 "$runners"); do "$orun" --version > /dev/null 2>&1 & pids="$pids $!"; done
for pid in $pids; do wait "$pid"; done
startup_ms=$(( $(millis) - start ))
echo "$runners x orun --version at once:       ${startup_ms} ms  (start-up share: $(( startup_ms / n )) ms/job)"

remote_run embedded --data "$work/data"
embedded_ms=$elapsed
embedded_per_job=$(( (embedded_ms - local_ms) / n ))
echo "remote, $runners runners, embedded:      ${embedded_ms} ms  -> ${embedded_per_job} ms/job overhead"
verdict="embedded ${embedded_per_job} ms/job"
worst=$embedded_per_job

postgres_url
if [ -n "$pg" ]; then
  remote_run postgres --database-url "$pg"
  pg_ms=$elapsed
  pg_per_job=$(( (pg_ms - local_ms) / n ))
  echo "remote, $runners runners, PostgreSQL:    ${pg_ms} ms  -> ${pg_per_job} ms/job overhead"
  verdict="$verdict, PostgreSQL ${pg_per_job} ms/job"
  [ "$pg_per_job" -gt "$worst" ] && worst=$pg_per_job
else
  verdict="$verdict, PostgreSQL not measured (set ORUN_BENCH_DATABASE_URL or ORUN_TEST_POSTGRES_URL)"
fi

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load average[s]*: //')
if [ "$worst" -le "$target" ]; then result=PASS; else result=FAIL; fi
echo "$result: coordination overhead $verdict (target <= $target ms/job; $n jobs, $runners runners; load average $load)"
