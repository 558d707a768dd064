#!/bin/sh
# Template engine throughput vs a String.replace baseline in the same JVM run.
# Usage: bench/template.sh [iterations]   (needs ./mvnw -q -pl orun-plan -am compile first)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
javac -d "$out" -cp "$root/orun-plan/target/classes" "$root/bench/template/TemplateBench.java"
java -cp "$out:$root/orun-plan/target/classes" TemplateBench "${1:-200000}"
