#!/usr/bin/env bash
# What this machine's kernel charges for its primitives (a system call, a first touch of a page, a
# process start, a wake-up of another thread or process), and the machine baseline of every bench
# here: `make -j2` on 1000 no-op jobs, about 0.4 s where the targets were set, timed 3 times.
# When a bench's figures sit far from a target, this tells whether the machine is the one that
# differs (docs/decisions/backend-throughput.md, "This machine against the targets' machine").
#
# Usage: bench/machine.sh   (needs a C compiler: cc, or CC=...)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/make-baseline.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/orun-machine.XXXXXX")
trap 'rm -rf "$work"' EXIT
cc=${CC:-cc}
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "bench/machine.sh needs a C compiler (cc, or set CC)" >&2
  exit 2
fi
"$cc" -O2 -pthread -o "$work/primitives" "$here/machine/primitives.c"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime) ($(nproc 2>/dev/null || echo '?') cores)"
"$work/primitives"
for i in 1 2 3; do
  took=$(make_baseline "$work/make")
  note=""
  if make_baseline_slow "$took"; then
    note="  (over 1 s: busy, or slower than the machine the targets were set on)"
  fi
  echo "machine baseline $i: make -j2 on 1000 no-op jobs took $took (about 0.4 s where the targets were set)$note"
done
