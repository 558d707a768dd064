#!/bin/sh
# Overhead of `orun run` against `make -j2` on the same DAG of no-op jobs.
#
# Generates (fixed seed) a random DAG of N jobs, one `true` step each, one component per job
# under components/cNNNNN/, written as a plan.json (run by path, so the plan compiler is not
# measured) and as the equivalent Makefile. Then prints, for N=1000:
#   make -j2                                   baseline
#   orun run --concurrency 2 --isolation none  ratio to make (target <= 2.5)
#   orun run --concurrency 2 --isolation workspace  ratio to make (target <= 3)
#   the same with ORUN_SANDBOX=perl             the perl helper (used where no C compiler is
#                                               installed to build the compiled one), same run
#   the same with ORUN_SANDBOX=unshare          the fallback sandbox (unshare, sh and mount per
#                                               step, used where perl is missing too), same run
# and for N=5000 the no-isolation run's ratio to N=1000 (target <= 5.5) and its peak RSS
# (target <= 256 MiB), both from one run with --component-concurrency 0. Each orun run also reports --component-concurrency 0 (every component may
# be in flight); the default (1) lets one component's jobs run at a time, which in this DAG of one
# job per component serialises the run.
#
# Usage: bench/run-overhead.sh [N] [N_LARGE]     (needs a built orun.jar: ./mvnw -q -DskipTests package)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
orun="$here/bin/orun"
n=${1:-1000}
n_large=${2:-5000}
work=$(mktemp -d "${TMPDIR:-/tmp}/orun-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

generate() { # $1 = N, $2 = dir
  mkdir -p "$2"
  awk -v n="$1" -v dir="$2" 'BEGIN {
    srand(42);
    plan = dir "/plan.json"; mk = dir "/Makefile";
    printf "{\"apiVersion\":\"orun.io/v1\",\"kind\":\"Plan\",\"metadata\":{\"name\":\"bench\"},\"execution\":{\"concurrency\":2,\"failFast\":true},\"jobs\":[" > plan;
    printf "all:" > mk;
    for (i = 0; i < n; i++) printf " j%05d", i >> mk;
    printf "\n" >> mk;
    for (i = 0; i < n; i++) {
      deps = ""; mdeps = ""; k = (i == 0) ? 0 : int(rand() * 3);
      delete seen;
      for (d = 0; d < k; d++) {
        j = int(rand() * i);
        if (j in seen) continue;
        seen[j] = 1;
        deps = deps (deps == "" ? "" : ",") sprintf("\"c%05d@dev.build\"", j);
        mdeps = mdeps sprintf(" j%05d", j);
      }
      id = sprintf("c%05d", i);
      printf "%s{\"id\":\"%s@dev.build\",\"name\":\"build\",\"component\":\"%s\",\"environment\":\"dev\",\"path\":\"components/%s\",\"dependsOn\":[%s],\"steps\":[{\"id\":\"noop\",\"run\":\"true\"}]}", (i ? "," : ""), id, id, id, deps >> plan;
      printf "j%05d:%s\n\t@true\n", i, mdeps >> mk;
    }
    printf "]}\n" >> plan;
  }'
  i=0
  mkdir -p "$2/components"
  (cd "$2/components" && awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "c%05d\n", i }' | xargs mkdir -p)
  (cd "$2/components" && for d in c*; do echo "src" > "$d/main.txt"; done)
}

millis() { date +%s%3N; }

time_cmd() { # prints elapsed milliseconds of "$@" (output discarded, failure fatal)
  start=$(millis)
  "$@" >/dev/null 2>&1 || { echo "command failed: $*" >&2; "$@" | tail -20 >&2; exit 1; }
  end=$(millis)
  echo $((end - start))
}

peak_rss_kib() { # peak RSS of "$@" in KiB
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}'
  else
    "$@" >/dev/null 2>&1 &
    pid=$!; peak=0
    while kill -0 "$pid" 2>/dev/null; do
      for p in $(pgrep -f orun.jar); do
        v=$(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
        [ "${v:-0}" -gt "$peak" ] && peak=$v
      done
      sleep 0.05
    done
    echo "$peak"
  fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

small="$work/n$n"; large="$work/n$n_large"
generate "$n" "$small"
generate "$n_large" "$large"
run_orun() { # $1 dir, $2 exec id, rest: flags
  dir=$1; id=$2; shift 2
  (cd "$dir" && time_cmd "$orun" run ./plan.json --exec-id "$id" "$@")
}

"$orun" --version >/dev/null   # warm the page cache
(cd "$small" && make -s -j2 >/dev/null)
make_ms=$(cd "$small" && time_cmd make -s -j2 -B)
none_ms=$(run_orun "$small" none-1 --concurrency 2 --isolation none)
none0_ms=$(run_orun "$small" none-2 --concurrency 2 --isolation none --component-concurrency 0)
iso_ms=$(run_orun "$small" iso-1 --concurrency 2 --isolation workspace)
iso0_ms=$(run_orun "$small" iso-2 --concurrency 2 --isolation workspace --component-concurrency 0)
iso_perl_ms=$(cd "$small" && time_cmd env ORUN_SANDBOX=perl "$orun" run ./plan.json --exec-id iso-4 \
  --concurrency 2 --isolation workspace --component-concurrency 0)
iso_chain_ms=$(cd "$small" && time_cmd env ORUN_SANDBOX=unshare "$orun" run ./plan.json --exec-id iso-3 \
  --concurrency 2 --isolation workspace --component-concurrency 0)
iso_mode=$(cd "$small" && "$orun" run ./plan.json --dry-run --concurrency 2 --isolation workspace 2>&1 \
  | grep -q 'linked staging' && echo "fallback staging" || echo "namespaces")
start=$(millis)
rss=$(cd "$large" && peak_rss_kib "$orun" run ./plan.json --exec-id large-1 --concurrency 2 --isolation none --component-concurrency 0)
large0_ms=$(( $(millis) - start ))

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
echo "load average: $load on $(nproc 2>/dev/null || echo '?') cores"
# make -j2 runs 1000 no-op jobs in well under a second on an idle machine; slower means the
# machine is busy and every ratio below is meaningless
make_limit=$((n * 1000 / 1000))
[ "$make_ms" -le "$make_limit" ] || echo "WARNING: make -j2 took ${make_ms} ms (> ${make_limit} ms for $n jobs): the machine is busy, the baseline and these ratios are not trustworthy"
echo "N=$n jobs (random DAG, seed 42), one 'true' step each; 2 slots"
echo "  make -j2                                         ${make_ms} ms"
echo "  orun --isolation none                            ${none_ms} ms   ratio $(ratio "$none_ms" "$make_ms")x  (target <= 2.5)"
echo "  orun --isolation none --component-concurrency 0  ${none0_ms} ms   ratio $(ratio "$none0_ms" "$make_ms")x"
echo "  orun --isolation workspace ($iso_mode)          ${iso_ms} ms   ratio $(ratio "$iso_ms" "$make_ms")x"
echo "  orun (isolation on) --component-concurrency 0    ${iso0_ms} ms   ratio $(ratio "$iso0_ms" "$make_ms")x  (target <= 3)"
echo "  the same, ORUN_SANDBOX=perl (perl helper)       ${iso_perl_ms} ms   ratio $(ratio "$iso_perl_ms" "$make_ms")x"
echo "  the same, ORUN_SANDBOX=unshare (fallback sandbox) ${iso_chain_ms} ms   ratio $(ratio "$iso_chain_ms" "$make_ms")x"
echo "N=$n_large"
echo "  orun --isolation none --component-concurrency 0  ${large0_ms} ms   ratio to N=$n $(ratio "$large0_ms" "$none0_ms")x  (target <= 5.5)"
echo "  peak RSS (N=$n_large, --component-concurrency 0)  $((rss / 1024)) MiB  (target <= 256)"
echo "ratio to make -j2 (--component-concurrency 0): isolation none $(ratio "$none0_ms" "$make_ms") (target <= 2.5), isolation on $(ratio "$iso0_ms" "$make_ms") (target <= 3, perl helper $(ratio "$iso_perl_ms" "$make_ms"), unshare fallback $(ratio "$iso_chain_ms" "$make_ms")); make ${make_ms} ms, load $load"
