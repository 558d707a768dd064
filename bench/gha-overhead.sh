#!/bin/sh
# GitHub-Actions runner overhead: JOBS jobs x STEPS `run: true` steps with `--gha` against the
# local runner on the same workspace, in the same run. Target: gha <= 1.5x local.
#
# Usage: bench/gha-overhead.sh [JOBS] [STEPS] [CONCURRENCY]     (default 200 x 3, concurrency 4)
# Each runner runs the plan twice; the second (warm) run counts. The last line is the ratio.
set -eu
cd "$(dirname "$0")/.."

jobs=${1:-200}
steps=${2:-3}
concurrency=${3:-4}

now_ms() { date +%s%3N; }

if [ ! -f orun-cli/target/orun.jar ]; then
    ./mvnw -q -DskipTests package
fi
orun="$PWD/bin/orun"
ws=$(mktemp -d "${TMPDIR:-/tmp}/orun-gha-bench.XXXXXX")
trap 'rm -rf "$ws"' EXIT
bench/make-workspace.sh "$ws" "$jobs" "$steps"

run_once() { # $1 = runner flag(s); prints wall ms of one full run
    s=$(now_ms)
    (cd "$ws" && "$orun" run $1 --concurrency "$concurrency" --component-concurrency 0 >/dev/null)
    echo $(( $(now_ms) - s ))
}

run_once "--runner local" >/dev/null
local_ms=$(run_once "--runner local")
run_once "--gha" >/dev/null
gha_ms=$(run_once "--gha")

echo "jobs=$jobs steps=$steps concurrency=$concurrency"
echo "local:  ${local_ms} ms"
echo "gha:    ${gha_ms} ms"
awk -v g="$gha_ms" -v l="$local_ms" 'BEGIN { printf "gha/local ratio: %.2f\n", g / l }'
