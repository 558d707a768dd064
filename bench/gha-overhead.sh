#!/bin/sh
# GitHub-Actions runner overhead: JOBS jobs x STEPS `run: true` steps with `--gha` against the
# local runner on the same workspace, in the same run. Target: gha <= 1.5x local.
#
# Usage: bench/gha-overhead.sh [JOBS] [STEPS] [CONCURRENCY]     (default 200 x 3, concurrency 4)
# After one warm-up run each, the runners take turns ROUNDS times (default 3) and the fastest run
# of each counts, so a burst of load from elsewhere hurts both alike. The last line is the ratio
# with the load average at the end (figures taken under load are not comparable to idle ones).
# Both runners run with the same isolation, ISOLATION (default none): the local runner would
# otherwise run each step in its own namespaces, which the github-actions runner does not (it
# stages jobs the fallback way), and the figure would compare isolation, not runner overhead.
set -eu
cd "$(dirname "$0")/.."

jobs=${1:-200}
steps=${2:-3}
concurrency=${3:-4}
rounds=${ROUNDS:-3}
isolation=${ISOLATION:-none}

now_ms() { date +%s%3N; }
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load average[s]*: //'; }

if [ ! -f orun-cli/target/orun.jar ]; then
    ./mvnw -q -DskipTests package
fi
orun="$PWD/bin/orun"
ws=$(mktemp -d "${TMPDIR:-/tmp}/orun-gha-bench.XXXXXX")
trap 'rm -rf "$ws" "$ws.cpu"' EXIT
bench/make-workspace.sh "$ws" "$jobs" "$steps"

timer=
[ -x /usr/bin/time ] && timer=/usr/bin/time
cpu_file="$ws.cpu"

run_once() { # $1 = runner flag(s); prints "WALL_MS CPU_MS" of one full run (CPU: orun + its steps)
    s=$(now_ms)
    if [ -n "$timer" ]; then
        (cd "$ws" && $timer -f '%U %S' -o "$cpu_file" "$orun" run $1 --concurrency "$concurrency" \
            --component-concurrency 0 --isolation "$isolation" >/dev/null)
        cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$cpu_file")
    else
        (cd "$ws" && "$orun" run $1 --concurrency "$concurrency" --component-concurrency 0 \
            --isolation "$isolation" >/dev/null)
        cpu=0
    fi
    echo "$(( $(now_ms) - s )) $cpu"
}

echo "load average at start: $(load)"
run_once "--runner local" >/dev/null
run_once "--gha" >/dev/null
local_ms= gha_ms= local_cpu= gha_cpu=
i=0
while [ "$i" -lt "$rounds" ]; do
    set -- $(run_once "--runner local"); l=$1 lc=$2
    set -- $(run_once "--gha"); g=$1 gc=$2
    echo "round $((i + 1)): local ${l} ms (cpu ${lc} ms), gha ${g} ms (cpu ${gc} ms)"
    if [ -z "$local_ms" ] || [ "$l" -lt "$local_ms" ]; then local_ms=$l; fi
    if [ -z "$gha_ms" ] || [ "$g" -lt "$gha_ms" ]; then gha_ms=$g; fi
    if [ -z "$local_cpu" ] || [ "$lc" -lt "$local_cpu" ]; then local_cpu=$lc; fi
    if [ -z "$gha_cpu" ] || [ "$gc" -lt "$gha_cpu" ]; then gha_cpu=$gc; fi
    i=$((i + 1))
done

echo "jobs=$jobs steps=$steps concurrency=$concurrency isolation=$isolation rounds=$rounds (fastest run counts)"
echo "local:  ${local_ms} ms wall, ${local_cpu} ms cpu"
echo "gha:    ${gha_ms} ms wall, ${gha_cpu} ms cpu"
# CPU time (orun and every step process) depends far less on other load than wall time does
awk -v g="$gha_ms" -v l="$local_ms" -v gc="$gha_cpu" -v lc="$local_cpu" -v load="$(load)" \
    'BEGIN { c = lc > 0 ? sprintf("%.2f", gc / lc) : "n/a"; printf "gha/local ratio: %.2f (cpu %s)  (load average: %s)\n", g / l, c, load }'
