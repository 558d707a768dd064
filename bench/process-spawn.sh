#!/bin/sh
# Per-step cost of the local runner (shell resolved once, pooled output pump, leftover sweep, and
# with isolation the namespaces and mounts) against a plain ProcessBuilder loop running the same
# `sh -c true`. Last line: the ratio local runner / ProcessBuilder.
#
# Usage: bench/process-spawn.sh [STEPS_PER_ROUND]   (needs compiled classes: ./mvnw -q -DskipTests package)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cp="$root/orun-core/target/classes:$root/orun-runner-local/target/classes"
javac -d "$out" -cp "$cp" "$root/bench/spawn/SpawnBench.java"
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$out:$cp" SpawnBench "${1:-300}"
