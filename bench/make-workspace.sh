#!/bin/sh
# Writes an orun workspace of JOBS components, each with one job of STEPS `true` steps, for the
# runner benchmarks. Usage: bench/make-workspace.sh DIR JOBS STEPS
set -eu
dir=$1 jobs=$2 steps=$3
mkdir -p "$dir/platform/compositions/bench"
cat >"$dir/intent.yaml" <<'YAML'
apiVersion: orun.io/v1
kind: Intent
metadata: {name: bench}
compositions:
  sources:
    - {name: platform, kind: dir, path: ./platform}
discovery:
  roots: [services]
environments:
  dev: {}
YAML
printf 'apiVersion: orun.io/v1\nkind: Stack\nmetadata: {name: bench-stack, version: 0.1.0}\n' >"$dir/platform/stack.yaml"
{
    printf 'apiVersion: orun.io/v1\nkind: Composition\nmetadata: {name: bench}\nspec:\n  type: bench\n'
    printf '  jobs:\n    - name: j\n      steps:\n'
    s=0
    while [ "$s" -lt "$steps" ]; do
        printf '        - {name: s%d, run: "true"}\n' "$s"
        s=$((s + 1))
    done
} >"$dir/platform/compositions/bench/compositions.yaml"
j=0
while [ "$j" -lt "$jobs" ]; do
    mkdir -p "$dir/services/c$j"
    printf 'apiVersion: orun.io/v1\nkind: Component\nmetadata: {name: c%d}\nspec:\n  type: bench\n  subscribe:\n    environments: [dev]\n' "$j" \
        >"$dir/services/c$j/component.yaml"
    j=$((j + 1))
done
