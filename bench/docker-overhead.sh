#!/bin/sh
# Docker runner overhead: JOBS jobs x STEPS `true` steps through orun's Docker runner, against a
# shell loop of `docker run --rm IMAGE true` for the same number of steps, in the same run.
# Target: orun <= 0.6x the loop.
#
# Usage: bench/docker-overhead.sh [JOBS] [STEPS]      (default 50 x 3)
# Needs: a running engine (scripts/start-dockerd.sh) and the test image (scripts/docker-test-image.sh).
# Uses `bin/orun run --runner docker` when that command exists, else a small driver of the runner
# SPI (OverheadDriver in orun-runner-docker's test classes) that runs jobs the way the engine does.
set -eu
cd "$(dirname "$0")/.."

jobs=${1:-50}
steps=${2:-3}
image=${ORUN_BENCH_IMAGE:-orun-test/busybox:latest}
total=$((jobs * steps))

scripts/start-dockerd.sh >/dev/null
scripts/docker-test-image.sh "$image" >/dev/null

now_ms() { date +%s%3N; }

if [ ! -f orun-cli/target/orun.jar ] || [ ! -d orun-runner-docker/target/test-classes ]; then
    ./mvnw -q -DskipTests package
fi

# Warm the engine (first container start pays for loading the image's layers).
docker run --rm "$image" true

start=$(now_ms)
i=0
while [ "$i" -lt "$total" ]; do
    docker run --rm "$image" true
    i=$((i + 1))
done
loop_ms=$(( $(now_ms) - start ))

use_cli=false
if [ -x bench/make-workspace.sh ] && bin/orun run --help 2>/dev/null | grep -q -- '--runner'; then
    use_cli=true
fi

run_orun() { # $1 = concurrency; prints wall ms
    if $use_cli; then
        ws=$(mktemp -d)
        bench/make-workspace.sh "$ws" "$jobs" "$steps"
        s=$(now_ms)
        (cd "$ws" && ORUN_DOCKER_IMAGE="$image" ORUN_DOCKER_PULL=never \
            "$OLDPWD/bin/orun" run --runner docker --concurrency "$1" --component-concurrency 0 >/dev/null)
        echo $(( $(now_ms) - s ))
        rm -rf "$ws"
    else
        s=$(now_ms)
        java -cp orun-cli/target/orun.jar:orun-runner-docker/target/test-classes \
            dev.orun.runner.docker.OverheadDriver "$image" "$jobs" "$steps" "$1" >/dev/null
        echo $(( $(now_ms) - s ))
    fi
}

seq_ms=$(run_orun 1)
par_ms=$(run_orun 4)

how=$($use_cli && echo "bin/orun run --runner docker" || echo "runner SPI driver (orun run not built yet)")
echo "docker overhead: $jobs jobs x $steps steps ($total steps), image $image"
echo "  docker run --rm loop:            ${loop_ms} ms"
echo "  orun docker runner, 1 at a time: ${seq_ms} ms  ($how)"
echo "  orun docker runner, 4 at a time: ${par_ms} ms"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
awk -v o="$seq_ms" -v p="$par_ms" -v l="$loop_ms" 'BEGIN {
    printf "  ratio orun/loop: %.2f sequential, %.2f with concurrency 4 (target <= 0.60)\n", o / l, p / l }'
