#!/bin/sh
# How long `orun status` takes on a large finished run (target: under 0.5 s for 5000 jobs, the
# whole command including JVM start). Generates a plan of N independent one-step `true` jobs, runs
# it once (building the launcher's class-data-sharing archives first, ORUN_CDS=wait), then times
# `orun --version` (JVM and command-line start-up alone), `orun status --json`, `orun logs` and
# `orun status` five times each. The last line is the verdict: the median of `orun status` and its
# ratio to the 500 ms target. Numbers from a busy machine are not trustworthy: the load average is
# printed before and after, with a warning when it is above one per core.
#
# Usage: bench/status-scale.sh [N]     (needs a built orun.jar: ./mvnw -q -DskipTests package)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
orun="$here/bin/orun"
n=${1:-5000}
target=500
work=$(mktemp -d "${TMPDIR:-/tmp}/orun-status.XXXXXX")
trap 'rm -rf "$work"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }
printf 'metadata: {name: status-bench}\n' >"$work/intent.yaml"
awk -v n="$n" 'BEGIN {
  printf "{\"apiVersion\":\"orun.io/v1\",\"kind\":\"Plan\",\"metadata\":{\"name\":\"status-bench\"},\"execution\":{\"concurrency\":4,\"failFast\":true},\"jobs\":[";
  for (i = 0; i < n; i++)
    printf "%s{\"id\":\"c%05d@dev.build\",\"name\":\"build\",\"component\":\"c%05d\",\"environment\":\"dev\",\"path\":\".\",\"steps\":[{\"id\":\"noop\",\"run\":\"true\"}]}", (i ? "," : ""), i, i;
  printf "]}\n";
}' >"$work/plan.json"
echo "load average: $(load)"
(cd "$work" && ORUN_CDS=wait "$orun" run ./plan.json --exec-id big --concurrency 4 --component-concurrency 0 \
  --isolation none >/dev/null)
echo "records: $(du -sh "$work/.orun/executions/big" | cut -f1), journal $(wc -l <"$work/.orun/executions/big/journal.jsonl") lines"

median_ms() { # median_ms LABEL ARGS...: runs `orun ARGS` five times in the run's folder, prints the median
  label=$1
  shift
  times=""
  for i in 1 2 3 4 5; do
    start=$(date +%s%3N)
    (cd "$work" && "$orun" "$@" >/dev/null)
    end=$(date +%s%3N)
    times="$times $((end - start))"
  done
  median=$(echo "$times" | tr ' ' '\n' | grep . | sort -n | sed -n 3p)
  echo "$label:$times ms (median $median ms)"
}
median_ms "orun --version" --version
median_ms "orun status --json" status --exec-id big --json
median_ms "orun logs" logs --exec-id big
median_ms "orun status" status --exec-id big
after=$(load)
echo "load average: $after"
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
if awk -v l="${after%% *}" -v c="$cores" 'BEGIN { exit !(l > c) }'; then
  echo "warning: load average ${after%% *} on $cores cores: these times are not trustworthy; measure on an idle machine"
fi
ratio=$(awk -v m="$median" -v t="$target" 'BEGIN { printf "%.2f", m / t }')
verdict=$(awk -v m="$median" -v t="$target" 'BEGIN { print (m < t ? "ok" : "too slow") }')
echo "orun status on $n jobs: median ${median} ms = ${ratio} x the ${target} ms target: $verdict"
