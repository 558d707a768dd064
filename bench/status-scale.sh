#!/bin/sh
# How long `orun status` takes on a large finished run (target: under 0.5 s for 5000 jobs, the
# whole command including JVM start). Generates a plan of N independent one-step `true` jobs, runs
# it once, then times `orun status` five times and prints each time and the median on the last line.
#
# Usage: bench/status-scale.sh [N]     (needs a built orun.jar: ./mvnw -q -DskipTests package)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
orun="$here/bin/orun"
n=${1:-5000}
work=$(mktemp -d "${TMPDIR:-/tmp}/orun-status.XXXXXX")
trap 'rm -rf "$work"' EXIT
printf 'metadata: {name: status-bench}\n' >"$work/intent.yaml"
awk -v n="$n" 'BEGIN {
  printf "{\"apiVersion\":\"orun.io/v1\",\"kind\":\"Plan\",\"metadata\":{\"name\":\"status-bench\"},\"execution\":{\"concurrency\":4,\"failFast\":true},\"jobs\":[";
  for (i = 0; i < n; i++)
    printf "%s{\"id\":\"c%05d@dev.build\",\"name\":\"build\",\"component\":\"c%05d\",\"environment\":\"dev\",\"path\":\".\",\"steps\":[{\"id\":\"noop\",\"run\":\"true\"}]}", (i ? "," : ""), i, i;
  printf "]}\n";
}' >"$work/plan.json"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
(cd "$work" && "$orun" run ./plan.json --exec-id big --concurrency 4 --component-concurrency 0 --isolation none >/dev/null)
echo "records: $(du -sh "$work/.orun/executions/big" | cut -f1), journal $(wc -l <"$work/.orun/executions/big/journal.jsonl") lines"
times=""
for i in 1 2 3 4 5; do
  start=$(date +%s%3N)
  (cd "$work" && "$orun" status --exec-id big >/dev/null)
  end=$(date +%s%3N)
  times="$times $((end - start))"
  echo "orun status: $((end - start)) ms"
done
median=$(echo "$times" | tr ' ' '\n' | grep . | sort -n | sed -n 3p)
echo "orun status on $n jobs: median ${median} ms (target < 500 ms)"
