#!/bin/sh
# Plan-compiler scale benchmark.
#
# Generates synthetic workspaces (N components of two composition types, 3 environments with
# promotion, random dependsOn edges from a fixed seed), then times `bin/orun plan --all` on
# N (default 5000) and on N/10 for the linearity check. Prints wall times (best of RUNS) and the
# ratio. Targets: N=5000 in <= 2 s wall time; time(N) <= 12 x time(N/10).
#
# Usage: bench/plan-scale.sh [N] [RUNS]      (needs a built jar: ./mvnw -q -DskipTests package)
set -eu
N=${1:-5000}
RUNS=${2:-3}
SMALL=$((N / 10))
home=$(cd "$(dirname "$0")/.." && pwd)
orun="$home/bin/orun"
work=$(mktemp -d "${TMPDIR:-/tmp}/orun-plan-scale.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

generate() { # generate DIR COUNT
  dir=$1
  count=$2
  mkdir -p "$dir/stack/svc" "$dir/stack/lib"
  cat > "$dir/intent.yaml" <<YAML
apiVersion: orun.io/v1
kind: Intent
metadata: {name: scale-$count}
env: {ORG: bench}
compositions:
  sources: [{name: stack, kind: dir, path: stack}]
discovery: {roots: [components]}
environments:
  dev: {parameterDefaults: {"*": {replicas: 1}}}
  staging: {parameterDefaults: {"*": {replicas: 2}}}
  prod:
    parameterDefaults: {"*": {replicas: 3}}
    promotion: {dependsOn: [staging]}
YAML
  cat > "$dir/stack/stack.yaml" <<'YAML'
apiVersion: orun.io/v1
kind: Stack
metadata: {name: scale-stack}
YAML
  for type in svc lib; do
    cat > "$dir/stack/$type/compositions.yaml" <<YAML
apiVersion: orun.io/v1
kind: Composition
metadata: {name: $type}
spec:
  type: $type
  parameterSchema:
    type: object
    required: [parameters]
    properties:
      parameters: {type: object, required: [port], properties: {port: {type: integer}}}
  defaultProfile: verify
  executionProfiles:
    verify: {jobs: {build: {includeCapabilities: [test]}}}
    release: {jobs: {build: {includeCapabilities: [test, package]}}}
  jobs:
    - name: build
      timeout: 5m
      steps:
        - {name: setup, phase: pre, run: "echo setup {{.orun.component.name}}"}
        - {name: test, capability: test, run: "echo test {{.orun.job.id}} on port {{.parameters.port}}"}
        - {name: package, capability: package, run: "echo package {{if eq .orun.environment.name \"prod\"}}signed{{else}}unsigned{{end}}"}
        - {name: report, phase: post, run: "echo {{.parameters.replicas}} replicas for \$ORG"}
YAML
  done
  # One component.yaml per component; each depends on up to two earlier components (a DAG).
  awk -v n="$count" -v dir="$dir" 'BEGIN {
    for (i = 0; i < n; i++) printf "%s/components/g%03d/c%05d\n", dir, int(i / 100), i
  }' | xargs mkdir -p
  awk -v n="$count" -v dir="$dir" 'BEGIN {
    srand(42)
    for (i = 0; i < n; i++) {
      name = sprintf("c%05d", i)
      path = sprintf("%s/components/g%03d/%s", dir, int(i / 100), name)
      file = path "/component.yaml"
      type = (i % 3 == 0) ? "lib" : "svc"
      printf "apiVersion: orun.io/v1\nkind: Component\nmetadata: {name: %s}\nspec:\n  type: %s\n", name, type > file
      printf "  parameters: {port: %d}\n", 8000 + (i % 1000) > file
      printf "  subscribe:\n    environments:\n      - dev\n      - {name: staging, profile: release}\n      - {name: prod, profile: release}\n" > file
      deps = ""
      if (i > 0) {
        k = int(rand() * 3)
        for (d = 0; d < k; d++) {
          j = int(rand() * i)
          deps = deps sprintf("    - component: c%05d\n", j)
        }
      }
      if (deps != "") printf "  dependsOn:\n%s", deps > file
      close(file)
    }
  }'
}

now_ms() { date +%s%3N; }

best_of() { # best_of DIR -> prints best wall-clock milliseconds of RUNS plans
  best=
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    start=$(now_ms)
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -a -o "$work/cpu-$(basename "$1").txt" -f "%U %S" \
        "$orun" plan --all -i "$1/intent.yaml" > "$work/last-output.txt"
    else
      "$orun" plan --all -i "$1/intent.yaml" > "$work/last-output.txt"
    fi
    end=$(now_ms)
    t=$((end - start))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    i=$((i + 1))
  done
  echo "$best"
}

echo "generating $N and $SMALL components in $work ..."
generate "$work/large" "$N"
generate "$work/small" "$SMALL"
# Warm the file-system cache; ORUN_CDS=wait builds the launcher's class-data-sharing archive first
# (normally built in the background on the first run of a new jar) so it does not skew the timings.
ORUN_CDS=${ORUN_CDS:-wait} "$orun" plan --all -i "$work/small/intent.yaml" > /dev/null
echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
small_ms=$(best_of "$work/small")
large_ms=$(best_of "$work/large")
grep '│' "$work/last-output.txt"
ratio=$(awk -v a="$large_ms" -v b="$small_ms" 'BEGIN { printf "%.2f", a / b }')
echo "plan --all  N=$SMALL: ${small_ms} ms   N=$N: ${large_ms} ms   ratio: ${ratio}x (wall, best of $RUNS)"
for size in small large; do
  if [ -f "$work/cpu-$size.txt" ]; then # CPU seconds are steadier than wall time on a busy machine
    awk -v s="$size" '{ t = $1 + $2; if (best == "" || t < best) best = t } END { printf "cpu (user+sys, best) %s: %.2f s\n", s, best }' "$work/cpu-$size.txt"
  fi
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) on $(nproc 2>/dev/null || echo '?') cores"
ok=yes
[ "$large_ms" -le 2000 ] || { echo "target missed: N=$N took more than 2000 ms"; ok=no; }
awk -v r="$ratio" 'BEGIN { exit !(r <= 12) }' || { echo "target missed: ratio above 12x"; ok=no; }
[ "$ok" = yes ] && echo "targets met (<= 2000 ms, <= 12x)"
echo "ratio N=$N / N=$SMALL: ${ratio}x (target <= 12)"
exit 0
