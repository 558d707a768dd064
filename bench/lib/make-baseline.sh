# Sourced by bench scripts: the machine baseline every bench here reports beside its figures.
# make_baseline DIR: prints how long `make -j2` takes for 1000 no-op jobs (a Makefile written to
# DIR), e.g. "0.41 s", or "n/a (no make)". The targets were set where it took about 0.4 s; over 1 s
# the machine is busy, or slower than that one, and figures taken on it are not comparable with
# the targets.
make_baseline() {
  if ! command -v make >/dev/null 2>&1; then
    echo "n/a (no make)"
    return 0
  fi
  mkdir -p "$1"
  { printf 'all:'; for i in $(seq 1 1000); do printf ' j%d' "$i"; done; printf '\n'
    for i in $(seq 1 1000); do printf 'j%d:\n\t@true\n' "$i"; done; } >"$1/Makefile"
  local start
  start=$(date +%s%N)
  make -s -j2 -C "$1" >/dev/null
  awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN { printf "%.2f s", ns / 1e9 }'
}

# make_baseline_slow "0.41 s": true when the baseline took over 1 s (false when it is unknown)
make_baseline_slow() {
  awk -v s="${1%% *}" 'BEGIN { exit !(s ~ /^[0-9.]+$/ && s + 0 > 1.0) }'
}
