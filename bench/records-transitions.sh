#!/bin/sh
# Cost of one execution-record transition in a small and a large run (default 500 vs 5000 jobs,
# 4 threads). Prints microseconds per transition and the large/small ratio: ~1 means the cost does
# not grow with the number of jobs. Usage: bench/records-transitions.sh [small] [large] [threads]
set -e
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests package
./mvnw -q -pl orun-exec -am test-compile
exec "${JAVA:-java}" -cp "orun-cli/target/orun.jar:orun-exec/target/test-classes" \
  dev.orun.exec.records.RecordsBench "${1:-500}" "${2:-5000}" "${3:-4}"
