#!/usr/bin/env bash
# Cost of change detection on a large repository.
#
# Generates a workspace with 2000 components and 20,000 files committed on main, then a branch
# that changes 50 files in 25 components. Compares
#   A: bin/orun plan --changed --base main
#   B: git diff --name-only $(git merge-base main HEAD) + bin/orun plan --files <that list>
# B is the same plan with the changed-file set handed in from outside, so A - B is what change
# detection (JGit: ref resolution, merge base, tree diff, ownership) adds. Prints medians of
# RUNS runs (default 5) and the difference. Target: A - B <= 0.5 s.
#
# Usage: bench/changed-scale.sh [workdir]   (needs: ./mvnw -q -DskipTests package)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
orun="$here/bin/orun"
runs=${RUNS:-5}
components=${COMPONENTS:-2000}
files_per_component=${FILES_PER_COMPONENT:-10}   # component.yaml + 9 sources
work=${1:-$(mktemp -d "${TMPDIR:-/tmp}/orun-changed-scale.XXXXXX")}
ws="$work/repo"

if [ -z "${GENERATE_ONLY:-}" ] && [ ! -f "$here/orun-cli/target/orun.jar" ]; then
  echo "build first: (cd $here && ./mvnw -q -DskipTests package)" >&2
  exit 2
fi

generate() {
  rm -rf "$ws"; mkdir -p "$ws/stack/compositions/shell"
  cat > "$ws/intent.yaml" <<'YAML'
apiVersion: sourceplane.io/v1
kind: Intent
metadata: {name: changed-scale}
compositions:
  sources: [{name: local, kind: dir, path: ./stack}]
discovery: {roots: [services]}
environments:
  dev: {parameterDefaults: {"*": {greeting: hello}}}
YAML
  cat > "$ws/stack/stack.yaml" <<'YAML'
apiVersion: orun.io/v1
kind: Stack
metadata: {name: scale-stack, version: 0.1.0}
YAML
  cat > "$ws/stack/compositions/shell/compositions.yaml" <<'YAML'
apiVersion: sourceplane.io/v1alpha1
kind: Composition
metadata: {name: shell}
spec:
  type: shell
  defaultJob: run
  parameterSchema: {type: object}
  jobs:
    - name: run
      steps:
        - name: build
          run: echo "{{.parameters.greeting}} from {{.orun.component.name}}"
YAML
  # perl writes the 20,000 files far faster than a shell loop would.
  perl -MFile::Path=make_path -e '
    my ($ws, $n, $per) = @ARGV;
    for my $i (0 .. $n - 1) {
      my $dir = sprintf("%s/services/team%02d/svc%04d", $ws, $i % 50, $i);
      make_path("$dir/src");
      open(my $m, ">", "$dir/component.yaml") or die;
      printf $m "apiVersion: sourceplane.io/v1\nkind: Component\nmetadata: {name: svc%04d}\nspec:\n  type: shell\n  subscribe: {environments: [dev]}\n", $i;
      close $m;
      for my $f (1 .. $per - 1) {
        open(my $s, ">", "$dir/src/file$f.txt") or die;
        print $s "component $i file $f\n";
        close $s;
      }
    }' "$ws" "$components" "$files_per_component"
  (
    cd "$ws"
    git init -q -b main
    git config user.email bench@orun.invalid; git config user.name bench; git config commit.gpgsign false
    git add -A && git commit -q -m "scale: $components components"
    git checkout -q -b feature
    for i in $(seq 0 24); do
      c=$(printf 'svc%04d' $((i * 80)))
      d=$(printf 'services/team%02d/%s' $(((i * 80) % 50)) "$c")
      echo "changed" >> "$d/src/file1.txt"
      echo "changed" >> "$d/src/file2.txt"
    done
    git commit -q -am "feature: 50 files in 25 components"
  )
}

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

time_a() {
  local t0 t1; t0=$(now)
  (cd "$ws" && "$orun" plan --changed --base main >/dev/null 2>"$work/a.err")
  t1=$(now); echo $(((t1 - t0) / 1000000))
}

time_b() {
  local t0 t1 list; t0=$(now)
  list=$(cd "$ws" && git diff --name-only "$(git merge-base main HEAD)" | paste -sd, -)
  (cd "$ws" && "$orun" plan --files "$list" >/dev/null 2>"$work/b.err")
  t1=$(now); echo $(((t1 - t0) / 1000000))
}

if [ -n "${REUSE:-}" ] && [ -d "$ws/.git" ]; then
  echo "reusing $ws"
else
  echo "generating $components components × $files_per_component files in $ws"
  generate
fi
files=$(cd "$ws" && git ls-files | wc -l)
changed=$(cd "$ws" && git diff --name-only main... | wc -l)
echo "repository: $files files, $changed changed on the branch"

if [ -n "${GENERATE_ONLY:-}" ]; then exit 0; fi

# Both must select the same jobs, or the comparison is meaningless (plans land in latest.json).
job_ids() { grep -o '"svc[0-9]*@[^"]*"' "$ws/.orun/plans/latest.json" | sort -u; }
(cd "$ws" && "$orun" plan --changed --base main --explain >/dev/null 2>"$work/a.explain")
job_ids > "$work/a.jobs"
(cd "$ws" && "$orun" plan --files "$(git diff --name-only "$(git merge-base main HEAD)" | paste -sd, -)" >/dev/null 2>&1)
job_ids > "$work/b.jobs"
if ! cmp -s "$work/a.jobs" "$work/b.jobs" || [ ! -s "$work/a.jobs" ]; then
  echo "MISMATCH: --changed and --files selected different (or no) jobs; see $work/a.explain" >&2
  exit 1
fi
echo "both select the same $(wc -l < "$work/a.jobs") jobs"
echo "in-process: change detection $(grep -o 'took [0-9]* ms' "$work/a.explain" | head -1) (JGit start-up, refs, merge base, tree diff, ownership)"

time_a >/dev/null; time_b >/dev/null   # warm the page cache
# Interleave A and B so load from other processes hits both alike; report medians and the median
# of the per-pair differences.
: > "$work/a.ms"; : > "$work/b.ms"; : > "$work/d.ms"
for _ in $(seq "$runs"); do
  ta=$(time_a); tb=$(time_b)
  echo "$ta" >> "$work/a.ms"; echo "$tb" >> "$work/b.ms"; echo $((ta - tb)) >> "$work/d.ms"
done
a=$(median < "$work/a.ms"); b=$(median < "$work/b.ms"); diff=$(median < "$work/d.ms")
echo "A  orun plan --changed --base main           median ${a} ms  ($(paste -sd' ' "$work/a.ms"))"
echo "B  git diff + orun plan --files <list>        median ${b} ms  ($(paste -sd' ' "$work/b.ms"))"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
awk -v a="$a" -v b="$b" -v d="$diff" 'BEGIN { printf "change detection adds %d ms (median of paired differences; ratio of medians A/B %.2f); target <= 500 ms: %s\n", d, a / b, (d <= 500 ? "met" : "MISSED") }'
