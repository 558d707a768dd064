#!/bin/sh
# The GitHub Actions matrix pattern on one machine: start a state server, create a token, then
# start one `orun run --remote-state --job <id>` process per job of a 6-job chain, all at once and
# in reverse dependency order (plus a duplicate of the first). The server orders them: every job
# runs exactly once, after its dependency.
#
# Usage: examples/remote-state/run-matrix.sh      (needs: ./mvnw -q -DskipTests package)
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/orun-remote-example.XXXXXX")
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# 1. the server, on a free loopback port, data in a temp dir
"$here/bin/orun-backend" serve --port 0 --data "$work/data" > "$work/server.out" 2> "$work/server.err" &
server_pid=$!
for _ in $(seq 1 120); do
  url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/server.out")
  [ -n "$url" ] && break
  sleep 0.5
done
[ -n "$url" ] || { echo "server did not start" >&2; cat "$work/server.err" >&2; exit 1; }

# 2. a token for one project
export ORUN_TOKEN="$("$here/bin/orun-backend" token create --org acme --project demo --data "$work/data")"
export ORUN_BACKEND_URL="$url" ORUN_ORG=acme ORUN_PROJECT=demo ORUN_EXEC_ID="example-$$"

# 3. a workspace: components c1 <- c2 <- ... <- c6
ws="$work/ws"
mkdir -p "$ws/stack/compositions/shell"
cat > "$ws/intent.yaml" <<'YAML'
apiVersion: sourceplane.io/v1
kind: Intent
metadata: {name: chain}
compositions:
  sources: [{name: local, kind: dir, path: ./stack}]
discovery: {roots: [services]}
environments:
  dev: {}
YAML
printf 'apiVersion: orun.io/v1\nkind: Stack\nmetadata: {name: example, version: 0.1.0}\n' > "$ws/stack/stack.yaml"
cat > "$ws/stack/compositions/shell/compositions.yaml" <<'YAML'
apiVersion: sourceplane.io/v1alpha1
kind: Composition
metadata: {name: shell}
spec:
  type: shell
  defaultJob: build
  parameterSchema: {type: object}
  jobs:
    - name: build
      steps:
        - name: work
          run: 'echo "$ORUN_JOB_ID ran on pid $$ at $(date +%T.%N)"; sleep 1'
YAML
for i in 1 2 3 4 5 6; do
  mkdir -p "$ws/services/c$i"
  {
    printf 'apiVersion: sourceplane.io/v1\nkind: Component\nmetadata: {name: c%s}\nspec:\n  type: shell\n  subscribe: {environments: [dev]}\n' "$i"
    [ "$i" -gt 1 ] && printf '  dependsOn:\n    - {component: c%s}\n' $((i - 1))
  } > "$ws/services/c$i/component.yaml"
done

# 4. the matrix: one process per job, reverse order, plus a duplicate of c1
cd "$ws"
pids=
for job in c6 c5 c4 c3 c2 c1 c1; do
  "$here/bin/orun" run --remote-state --job "$job@dev.build" > "$work/$job.$$.$RANDOM.log" 2>&1 &
  pids="$pids $!"
done
status=0
for pid in $pids; do wait "$pid" || status=1; done

# 5. what the server saw
"$here/bin/orun" status --remote-state
"$here/bin/orun" logs --remote-state
exit $status
