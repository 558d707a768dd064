#!/usr/bin/env bash
# Runs README.md's commands top to bottom on a scratch copy of examples/ and checks that each one
# does what the README says (exit code and a line of its output). Every command is first looked up
# verbatim in the README, so a README edit that changes a command fails here until this script
# follows. Needs the jar: ./mvnw -q -DskipTests package (CI runs it after ./mvnw -B verify).
# The Docker commands run when an engine answers and are skipped with a message otherwise.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
readme="$repo/README.md"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/orun-readme.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/bin"
ln -s "$repo/bin/orun" "$scratch/bin/orun"
cp -R "$repo/examples" "$scratch/examples"
rm -rf "$scratch/examples/.orun" "$scratch/examples/embedding" "$scratch/examples/runner-plugin"
export ORUN_CDS=${ORUN_CDS:-0} CI=true
unset ORUN_EXEC_ID ORUN_RUNNER ORUN_PLUGIN_PATH
failures=0 checked=0

in_readme() { # the command must appear in the README exactly as run here
  if ! grep -qF -- "$1" "$readme"; then
    echo "FAIL  not in README.md any more: $1"; failures=$((failures + 1)); return 1
  fi
}

# check DIR EXIT PATTERN COMMAND: run COMMAND (a README line) with bash in DIR; expect EXIT and an
# output line matching the extended regex PATTERN ("" for any output)
check() {
  local dir=$1 want=$2 pattern=$3 command=$4
  in_readme "$command" || return 0
  checked=$((checked + 1))
  local out code
  out=$(cd "$scratch/$dir" && bash -c "$command" 2>&1 </dev/null); code=$?
  if [ "$code" -ne "$want" ]; then
    echo "FAIL  $command: exit $code, README says $want"; printf '%s\n' "$out" | tail -n 15 | sed 's/^/      /'
    failures=$((failures + 1))
  elif [ -n "$pattern" ] && ! printf '%s\n' "$out" | grep -qE -- "$pattern"; then
    echo "FAIL  $command: no line matching /$pattern/"; printf '%s\n' "$out" | tail -n 15 | sed 's/^/      /'
    failures=$((failures + 1))
  else
    echo "ok    $command"
  fi
}

# 'Try it' in the tour
check examples 0 'is valid: 5 components × 3 envs → 21 jobs' '../bin/orun validate'
check examples 0 '^layer 1:' '../bin/orun plan --view dag'
check examples 0 'saved .orun/plans/stg.json' '../bin/orun plan --env staging --name stg'
check examples 0 '^1 component × 3 envs → 5 jobs|│ 1 component × 3 envs' '../bin/orun plan --component web --view dependencies'
check examples 0 'auto-scoped to component api' '(cd services/api && ../../../bin/orun plan)'
check examples 0 '^stg|stg' '../bin/orun plan list'
check examples 0 '"apiVersion"' '../bin/orun plan show stg --view json'

# 'Running plans' (the README writes `orun`; from examples/ that is ../bin/orun)
run_check() { # run_check EXIT PATTERN 'orun …' — the README line, run as ../bin/orun from examples/
  local want=$1 pattern=$2 line=$3
  in_readme "$line" || return 0
  checked=$((checked + 1))
  local out code
  out=$(cd "$scratch/examples" && bash -c "${line//orun /../bin/orun }" 2>&1 </dev/null); code=$?
  if [ "$code" -ne "$want" ] || { [ -n "$pattern" ] && ! printf '%s\n' "$out" | grep -qE -- "$pattern"; }; then
    echo "FAIL  $line: exit $code (README: $want), wanted /$pattern/"; printf '%s\n' "$out" | tail -n 15 | sed 's/^/      /'
    failures=$((failures + 1))
  else
    echo "ok    $line"
  fi
}
run_check 0 '✓ Done in' 'orun run '
run_check 0 '✓ Done in' 'orun run api '
run_check 0 '✓ Done in' 'orun run stg '
prefix=$(cd "$scratch/examples" && jq -r .metadata.checksum .orun/plans/stg.json | cut -c8-15)
in_readme 'orun run 408c81f5' && {
  checked=$((checked + 1))
  if (cd "$scratch/examples" && ../bin/orun run "$prefix" >/dev/null 2>&1 </dev/null); then
    echo "ok    orun run 408c81f5 (as orun run $prefix)"
  else echo "FAIL  orun run <checksum prefix $prefix>"; failures=$((failures + 1)); fi
}
run_check 0 'nothing was run or written' 'orun run --dry-run '
run_check 0 '✓ Done in' 'orun run --env staging --component api '
run_check 0 'continuing execution' 'orun run --job api@staging.build '
run_check 0 '✓ Done in' 'orun run --job api@staging.build --retry '
run_check 0 '✓ Done in' 'orun run --concurrency 8 --component-concurrency 3'
run_check 0 '✓ Done in' 'orun run --exec-id ci-run-42 '
run_check 0 'cached' 'orun run --exec-id ci-run-42 '
run_check 0 'State: succeeded' 'orun status '
run_check 0 'No failed jobs' 'orun logs --failed '
run_check 0 'succeeded' 'orun run --background && orun status --watch'

# commands, flags and their exit codes
in_readme '(`orun -i x/intent.yaml' && {
  checked=$((checked + 1))
  if out=$(cd "$scratch" && bin/orun -i examples/intent.yaml validate 2>&1); then echo "ok    orun -i FILE validate"
  else echo "FAIL  orun -i FILE validate: $out"; failures=$((failures + 1)); fi; }
in_readme '`orun rnu`' && {
  checked=$((checked + 1))
  out=$(cd "$scratch/examples" && ../bin/orun rnu 2>&1); code=$?
  if [ "$code" -eq 2 ] && printf '%s' "$out" | grep -q "did you mean 'run'"; then echo "ok    orun rnu"
  else echo "FAIL  orun rnu: exit $code: $out"; failures=$((failures + 1)); fi; }
in_readme 'source <(bin/orun generate-completion)' && {
  checked=$((checked + 1))
  if (cd "$scratch" && bash -c 'source <(bin/orun generate-completion) && complete -p orun' >/dev/null 2>&1); then
    echo "ok    source <(bin/orun generate-completion)"
  else echo "FAIL  source <(bin/orun generate-completion)"; failures=$((failures + 1)); fi; }

# docs/plan-format.md: the checksum can be checked with jq
checked=$((checked + 1))
sum=$(cd "$scratch/examples" && jq -cj 'del(.metadata.checksum)' .orun/plans/latest.json | sha256sum | cut -d' ' -f1)
want=$(cd "$scratch/examples" && jq -r .metadata.checksum .orun/plans/latest.json)
if [ "sha256-$sum" = "$want" ]; then echo "ok    docs/plan-format.md: jq reproduces metadata.checksum"
else echo "FAIL  docs/plan-format.md: jq gives sha256-$sum, the plan says $want"; failures=$((failures + 1)); fi

# runner plugins (docs/writing-a-runner.md): bin/orun loads a jar from the plugin directory
jar="$repo/examples/runner-plugin/target/nice-runner.jar"
if [ -f "$jar" ]; then
  checked=$((checked + 1))
  mkdir -p "$scratch/home/.orun/plugins" && cp "$jar" "$scratch/home/.orun/plugins/"
  help=$(cd "$scratch/examples" && HOME="$scratch/home" ../bin/orun run --help 2>&1)
  run=$(cd "$scratch/examples" && HOME="$scratch/home" ../bin/orun run --runner nice api 2>&1); code=$?
  if printf '%s' "$help" | grep -qE '^  nice +each step with sh' && [ "$code" -eq 0 ]; then
    echo "ok    bin/orun finds the nice runner in ~/.orun/plugins/ and runs with it"
  else echo "FAIL  plugin: exit $code"; printf '%s\n%s\n' "$help" "$run" | tail -n 15 | sed 's/^/      /'
    failures=$((failures + 1)); fi
else
  echo "skip  runner plugin: $jar not built (./mvnw -q -DskipTests package)"
fi

# 'Running in Docker'
if docker info >/dev/null 2>&1; then
  ln -s "$repo/scripts" "$scratch/scripts"
  check . 0 '' 'scripts/start-dockerd.sh && scripts/docker-test-image.sh'
  check . 0 '✓ Done in' 'cd examples && ../bin/orun run --runner docker --docker-image orun-test/busybox:latest --pull never'
else
  echo "skip  Running in Docker: no Docker engine answers (scripts/start-dockerd.sh starts one)"
fi

echo "$checked README commands checked, $failures failed"
[ "$failures" -eq 0 ]
