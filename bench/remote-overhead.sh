#!/bin/sh
# Coordination overhead of remote state: the same random DAG of N no-op jobs (fixed seed) run
#   locally:  orun run plan.json --concurrency 8                                   (one process)
#   remote:   8 x orun run plan.json --remote-state (whole-plan mode, one shared run)
# against `orun-backend serve` on loopback, once on the embedded database and once on PostgreSQL:
# ORUN_BENCH_DATABASE_URL=jdbc:postgresql://... names a database to use; else, with
# ORUN_TEST_POSTGRES_URL (a role that may create databases) and psql, a scratch database
# orun_test_bench_<random> is created and dropped. Overhead per job = (remote - local) / N,
# target <= 15 ms. The last line is the verdict with the load average it was measured under.
#
# Cold and warm server (docs/decisions/remote-overhead-warm-server.md). A backend is a
# long-running service, so the figure the target is judged on is that of a warm server: each
# server (one per database) takes ORUN_BENCH_WARMUP_RUNS (default 2) full remote runs of the plan
# before the timed one, through exactly the same 8-runner procedure, each a new run (its own exec
# id) of a plan that differs only in its name (so every run uploads its plan blob and creates its
# run, as a first run does). The first of them is the figure of a freshly started server (its JIT
# warm-up on 2 cores inside the timed window) and is still printed and shown in the verdict as
# "cold"; PASS/FAIL is decided on the warm (last) run. ORUN_BENCH_WARMUP_RUNS=0 times the cold run
# only, as the bench did before.
# After each remote run: the server's requests per job by route and answer in that run (from its
# /metrics before and after) and the CPU time (user+sys, not wall time) of each runner process and
# of the server in that run.
# ORUN_BENCH_SERVER_JFR=DIR records a JFR profile (settings=profile) of the server during each
# timed warm run into DIR/server-<database>.jfr (started and stopped with jcmd).
# ORUN_BENCH_SERVER_THREADS=1 also prints the server's CPU in each run by thread (from /proc).
#
# The floor: RUNNERS local runs at once, each of its own random DAG of N/RUNNERS jobs, no
# coordination at all (a lower bound for RUNNERS processes of this engine), printed beside the
# figures and in the verdict line; not judged.
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

# plan N FILE NAME SEED: a random DAG of N no-op jobs (each depends on up to 2 earlier ones)
plan() {
  awk -v n="$1" -v plan="$2" -v name="$3" -v seed="$4" 'BEGIN {
    srand(seed);
    printf "{\"apiVersion\":\"orun.io/v1\",\"kind\":\"Plan\",\"metadata\":{\"name\":\"%s\"},\"execution\":{\"concurrency\":8,\"failFast\":true},\"jobs\":[", name > plan;
    for (i = 0; i < n; i++) {
      deps = ""; k = (i == 0) ? 0 : int(rand() * 3); delete seen;
      for (d = 0; d < k; d++) { j = int(rand() * i); if (j in seen) continue; seen[j] = 1;
        deps = deps (deps == "" ? "" : ",") sprintf("\"c%05d@dev.build\"", j); }
      id = sprintf("c%05d", i);
      printf "%s{\"id\":\"%s@dev.build\",\"name\":\"build\",\"component\":\"%s\",\"environment\":\"dev\",\"path\":\".\",\"dependsOn\":[%s],\"steps\":[{\"id\":\"noop\",\"run\":\"true\"}]}", (i ? "," : ""), id, id, deps >> plan;
    }
    printf "]}\n" >> plan;
  }'
}
plan "$n" "$work/plan.json" bench 42
cd "$work"
git init -q . 2>/dev/null || true

millis() { date +%s%3N; }

# cpu_of PID: user+sys CPU seconds a live process has used so far (from /proc/PID/stat)
cpu_of() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"
}

# thread_cpu PID: one line per thread of a live process: CPU clock ticks (user+sys) and its name
# with digits folded (JettyServerThreadPool-44 -> JettyServerThreadPool-#)
thread_cpu() {
  for t in /proc/"$1"/task/*; do
    awk '{ name = $0; sub(/^[^(]*\(/, "", name); sub(/\).*$/, "", name); gsub(/[0-9]+/, "#", name);
      rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " "); printf "%s %d %s\n", FILENAME, f[12] + f[13], name }' \
      "$t/stat" 2>/dev/null
  done
}

# threads BEFORE AFTER: the server's CPU in one run by thread name (ORUN_BENCH_SERVER_THREADS=1)
threads() {
  awk -v hz="$(getconf CLK_TCK)" 'FNR == NR { before[$1] = $2; next }
    { name = $3; for (i = 4; i <= NF; i++) name = name " " $i; by[name] += $2 - before[$1] }
    END { for (k in by) if (by[k] > 0) printf "    %6.2f s  %s\n", by[k] / hz, k | "sort -rn"; close("sort -rn") }' "$1" "$2"
}

# requests BEFORE AFTER: the server's requests per job by route and answer, and the claims by
# result, in one run: the difference of its /metrics before and after the run
requests() {
  awk -v n="$n" '
    FNR == 1 { sign = (FILENAME == ARGV[1]) ? -1 : 1 }
    /^orun_http_request_duration_seconds_count/ {
      match($0, /method="[^"]*"/); m = substr($0, RSTART + 8, RLENGTH - 9);
      match($0, /route="[^"]*"/); r = substr($0, RSTART + 7, RLENGTH - 8);
      match($0, /status="[^"]*"/); st = substr($0, RSTART + 8, RLENGTH - 9);
      if (r == "/metrics") next;
      sub(/^.*\/runs\/\{[^}]*\}/, "", r); c = sign * $NF; total += c;
      line[m " " r " " st] += c }
    /^orun_claims_total/ { match($0, /result="[^"]*"/); k = substr($0, RSTART + 8, RLENGTH - 9);
      claims[k] += sign * $NF }
    END {
      for (k in claims) list = list " " k "=" claims[k];
      printf "  requests per job: %.2f (claims:%s)\n", total / n, list;
      for (k in line) if (line[k] > 0) printf "    %6.2f  %s\n", line[k] / n, k | "sort -rn"; close("sort -rn") }' "$1" "$2"
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

# start_server LABEL DATABASE-OPTIONS: starts a server, sets server_pid, url and token
start_server() {
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
}

stop_server() {
  kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  server_pid=
}

# remote_once LABEL RUN: one run of the plan by $runners runners on the server started last (a new
# exec id, a plan named for this run); sets elapsed (wall ms) and server_cpu (user+sys s in the run)
remote_once() {
  label=$1
  run=$2
  sed "s/\"name\":\"bench\"/\"name\":\"bench-$label-$run\"/" plan.json > "plan-$label-$run.json"
  curl -fsS "$url/metrics" > "metrics-$label-before.txt" 2>/dev/null || : > "metrics-$label-before.txt"
  [ -n "${ORUN_BENCH_SERVER_THREADS:-}" ] && thread_cpu "$server_pid" > "threads-$label-before.txt"
  server_cpu_before=$(cpu_of "$server_pid")
  start=$(millis)
  pids=
  for r in $(seq 1 "$runners"); do
    ORUN_TOKEN="$token" ORUN_BACKEND_URL="$url" ORUN_ORG=bench ORUN_PROJECT=remote \
      ORUN_EXEC_ID="bench-$label-$run-$$" \
      /usr/bin/time -o "cpu-$label-$run-$r.txt" -f '%U %S' \
      "$orun" run "plan-$label-$run.json" --remote-state --concurrency 1 --isolation none \
      --component-concurrency 0 > "runner-$label-$run-$r.log" 2>&1 &
    pids="$pids $!"
  done
  for pid in $pids; do
    wait "$pid" || { echo "a runner failed:" >&2; tail -20 runner-"$label-$run"-*.log >&2; exit 1; }
  done
  elapsed=$(( $(millis) - start ))
  server_cpu=$(awk -v a="$server_cpu_before" -v b="$(cpu_of "$server_pid")" 'BEGIN { printf "%.1f", b - a }')
  curl -fsS "$url/metrics" > "metrics-$label-after.txt" 2>/dev/null || : > "metrics-$label-after.txt"
  requests "metrics-$label-before.txt" "metrics-$label-after.txt"
  if [ -n "${ORUN_BENCH_SERVER_THREADS:-}" ]; then
    thread_cpu "$server_pid" > "threads-$label-after.txt"
    echo "  server CPU (user+sys) by thread:"
    threads "threads-$label-before.txt" "threads-$label-after.txt" | head -12
  fi
  cat cpu-"$label-$run"-*.txt | awk -v s="$server_cpu" '{ c = $1 + $2; t += c; list = list sprintf(" %.1f", c) }
    END { printf "  CPU (user+sys) per runner:%s s (sum %.1f s), server %s s\n", list, t, s }'
}

# remote_run LABEL NAME DATABASE-OPTIONS: the cold run, the warm-up runs and the timed warm run on
# one server; sets cold_ms and warm_ms (wall ms of the runners sharing one run)
remote_run() {
  label=$1
  name=$2
  shift 2
  start_server "$label" "$@"
  remote_once "$label" 1
  cold_ms=$elapsed
  echo "remote, $runners runners, $name, cold server (run 1): ${cold_ms} ms  -> $(( (cold_ms - local_ms) / n )) ms/job overhead; server CPU ${server_cpu} s"
  warm_ms=$cold_ms
  [ "$warmup" -eq 0 ] && { stop_server; return; }
  i=2
  while [ "$i" -le "$warmup" ]; do
    remote_once "$label" "$i"
    echo "remote, $runners runners, $name, warm-up run $i (not judged): ${elapsed} ms; server CPU ${server_cpu} s"
    i=$((i + 1))
  done
  if [ -n "${ORUN_BENCH_SERVER_JFR:-}" ]; then
    jcmd "$server_pid" JFR.start name=bench settings=profile \
      filename="$ORUN_BENCH_SERVER_JFR/server-$label.jfr" > /dev/null
  fi
  remote_once "$label" "$i"
  warm_ms=$elapsed
  [ -n "${ORUN_BENCH_SERVER_JFR:-}" ] && jcmd "$server_pid" JFR.stop name=bench > /dev/null
  echo "remote, $runners runners, $name, warm server (timed, run $i): ${warm_ms} ms  -> $(( (warm_ms - local_ms) / n )) ms/job overhead; server CPU ${server_cpu} s"
  stop_server
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

# The floor: what the same work costs in $runners processes of this engine with no coordination at
# all. Each of $runners local runs (at once, each in a workspace of its own) runs an independent
# random DAG of its share of the N jobs (N / RUNNERS, the first N % RUNNERS one more). Nothing is
# claimed, waited for or sent anywhere, so no design of the remote client and server can take
# $runners runner processes below this; (floor - local) / N is the overhead that is already there
# before any coordination (docs/decisions/remote-overhead-warm-server.md, "The floor").
pids=
for r in $(seq 1 "$runners"); do
  share=$(( n / runners + (r <= n % runners ? 1 : 0) ))
  mkdir -p "floor-$r"
  (cd "floor-$r" && { git init -q . 2>/dev/null || true; } && plan "$share" "$PWD/plan.json" "floor-$r" "$((42 + r))")
done
start=$(millis)
for r in $(seq 1 "$runners"); do
  (cd "floor-$r" && "$orun" run plan.json --concurrency 1 --isolation none --component-concurrency 0 \
    > run.log 2>&1) &
  pids="$pids $!"
done
for pid in $pids; do
  wait "$pid" || { echo "a floor run failed:" >&2; tail -20 floor-*/run.log >&2; exit 1; }
done
floor_ms=$(( $(millis) - start ))
floor_per_job=$(( (floor_ms - local_ms) / n ))
echo "floor: $runners local runs of N/$runners jobs at once (no coordination): ${floor_ms} ms  -> ${floor_per_job} ms/job"

warmup=${ORUN_BENCH_WARMUP_RUNS:-2}

remote_run embedded "embedded  " --data "$work/data"
embedded_per_job=$(( (warm_ms - local_ms) / n ))
embedded_cold=$(( (cold_ms - local_ms) / n ))
verdict="embedded ${embedded_per_job} ms/job"
cold="embedded ${embedded_cold} ms/job"
worst=$embedded_per_job

postgres_url
if [ -n "$pg" ]; then
  remote_run postgres PostgreSQL --database-url "$pg"
  pg_per_job=$(( (warm_ms - local_ms) / n ))
  pg_cold=$(( (cold_ms - local_ms) / n ))
  verdict="$verdict, PostgreSQL ${pg_per_job} ms/job"
  cold="$cold, PostgreSQL ${pg_cold} ms/job"
  [ "$pg_per_job" -gt "$worst" ] && worst=$pg_per_job
else
  verdict="$verdict, PostgreSQL not measured (set ORUN_BENCH_DATABASE_URL or ORUN_TEST_POSTGRES_URL)"
fi

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load average[s]*: //')
if [ "$worst" -le "$target" ]; then result=PASS; else result=FAIL; fi
if [ "$warmup" -eq 0 ]; then
  echo "$result: coordination overhead, cold server: $verdict; floor with no coordination at all ${floor_per_job} ms/job (target <= $target ms/job; $n jobs, $runners runners; local ${local_ms} ms; load average $load)"
else
  echo "$result: coordination overhead, warm server (after $warmup runs): $verdict; cold server: $cold; floor with no coordination at all ${floor_per_job} ms/job (target <= $target ms/job, judged warm; $n jobs, $runners runners; local ${local_ms} ms; load average $load)"
fi
