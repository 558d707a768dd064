#!/bin/sh
# Starts a Docker engine for tests and benchmarks when none answers; idempotent.
# Uses the default socket (/var/run/docker.sock). The daemon log goes to ${DOCKERD_LOG:-/tmp/dockerd.log}.
set -eu

if docker info >/dev/null 2>&1; then
    echo "docker engine already running"
    exit 0
fi
if ! command -v dockerd >/dev/null 2>&1; then
    echo "start-dockerd: dockerd is not installed (apt-get install docker.io)" >&2
    exit 1
fi

log=${DOCKERD_LOG:-/tmp/dockerd.log}
# setsid: the daemon must outlive this script and not receive the caller's signals.
setsid dockerd >"$log" 2>&1 </dev/null &
echo "started dockerd (pid $!), log in $log"

i=0
while [ "$i" -lt 60 ]; do
    if docker info >/dev/null 2>&1; then
        echo "docker engine is up after ${i}s"
        exit 0
    fi
    sleep 1
    i=$((i + 1))
done
echo "start-dockerd: engine did not answer within 60 s; last lines of $log:" >&2
tail -n 20 "$log" >&2
exit 1
