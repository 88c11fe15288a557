#!/usr/bin/env bash
# Startup benchmark for the pincer command.
#
# Measures the wall-clock time of whole `./pincer` processes (launcher script + JVM start +
# discovery, manifest validation, dependency resolution and JSON output) for N generated
# manifest-only plugins, in three cases:
#   list(warm)    `plugins list --json`   with a warm validation cache
#   doctor(warm)  `plugins doctor --json` with a warm validation cache
#   list(cold)    `plugins list --json`   with <home>/cache/validated-manifests deleted before
#                 each run, so every manifest is checked against the schema again
# Every run's output is checked (N non-bundled plugins listed, all resolved; doctor reports no
# errors); the script stops with a non-zero exit rather than time a broken run.
#
# Usage:  bench/startup/run.sh [N ...]        default N: 63 500
#         RUNS=21 bench/startup/run.sh 63 500 1000
# Env:    RUNS  timed runs per case (default 11); JAVA_HOME and PINCER_JAVA_OPTS reach ./pincer.
# Needs:  bash, python3 and a JDK (the launcher builds the CLI with Maven on first use).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pincer="$(cd "$here/../.." && pwd)/pincer"
generate="$here/generate-plugins.py"
runs="${RUNS:-11}"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(63 500)

die() {
  echo "bench: $*" >&2
  exit 1
}

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$runs'"
for n in "${sizes[@]}"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "each N must be a positive integer, got '$n'"
done
command -v python3 > /dev/null || die "python3 is needed"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
out="$scratch/stdout"
err="$scratch/stderr"

# Runs the command once with stdout in $out and stderr in $err; prints the elapsed time in ms,
# measured with a monotonic clock around the child process only.
time_once() {
  python3 -c '
import subprocess, sys, time
with open(sys.argv[1], "wb") as out, open(sys.argv[2], "wb") as err:
    start = time.perf_counter()
    code = subprocess.run(sys.argv[3:], stdout=out, stderr=err).returncode
    elapsed = (time.perf_counter() - start) * 1000
print(f"{elapsed:.1f}")
sys.exit(code)
' "$out" "$err" "$@"
}

# Fails unless $out is a list JSON array with exactly $1 non-bundled plugins, all resolved.
check_list() {
  python3 - "$out" "$1" << 'EOF' || die "plugins list output is wrong"
import json, sys
entries = json.load(open(sys.argv[1]))
want = int(sys.argv[2])
ours = [e for e in entries if e.get("source") != "bundled"]
unresolved = [f"{e.get('id')}: {e.get('state')} ({e.get('reason')})" for e in ours if e.get("state") != "resolved"]
if len(ours) != want or unresolved:
    print(f"bench: expected {want} non-bundled plugins, all resolved; got {len(ours)}, {len(unresolved)} not resolved", file=sys.stderr)
    for line in unresolved[:10]:
        print(f"  {line}", file=sys.stderr)
    sys.exit(1)
EOF
}

# Fails unless $out is a doctor JSON object that counts no errors.
check_doctor() {
  python3 - "$out" << 'EOF' || die "plugins doctor reported errors"
import json, sys
report = json.load(open(sys.argv[1]))
errors = [d for d in report["diagnostics"] if d.get("severity") == "error"]
if report["counts"]["error"] != 0 or errors:
    print(f"bench: doctor counted {report['counts']['error']} errors", file=sys.stderr)
    for d in errors[:10]:
        print(f"  [{d.get('code')}] {d.get('pluginId')}: {d.get('message')}", file=sys.stderr)
    sys.exit(1)
EOF
}

# Prints "median min max" of the numbers given.
stats() {
  python3 -c '
import statistics, sys
xs = [float(x) for x in sys.argv[1:]]
print(f"{statistics.median(xs):.0f} {min(xs):.0f} {max(xs):.0f}")
' "$@"
}

# Times `plugins <command> --json` $runs times and prints one line of results.
# Arguments: label, N, home, workspace, command (list|doctor), cache (warm|cold).
measure() {
  local label="$1" n="$2" home="$3" workspace="$4" command="$5" cache="$6"
  local times=() ms i
  for ((i = 1; i <= runs; i++)); do
    if [[ "$cache" == cold ]]; then
      rm -f "$home/cache/validated-manifests"
    fi
    if ! ms="$(time_once "$pincer" --home "$home" --workspace "$workspace" plugins "$command" --json)"; then
      cat "$err" >&2
      die "N=$n $label: pincer exited with an error on run $i"
    fi
    # The launcher rebuilds when sources change; a timed run that includes a build is worthless.
    if grep -q "pincer: building" "$err"; then
      die "N=$n $label: the launcher rebuilt the CLI during run $i (sources changed); run again"
    fi
    if [[ "$command" == list ]]; then check_list "$n"; else check_doctor; fi
    times+=("$ms")
  done
  read -r median min max < <(stats "${times[@]}")
  printf '  %-13s median %5d ms   min %5d ms   max %5d ms   (%d runs)\n' "$label" "$median" "$min" "$max" "$runs"
  result="$median"
}

summary=()
for n in "${sizes[@]}"; do
  home="$scratch/home-$n"
  workspace="$scratch/workspace-$n"
  mkdir -p "$workspace"
  python3 "$generate" "$n" "$home" --seed 1
  echo "N=$n: $n generated plugins in $home/plugins"

  # Untimed: builds the CLI if needed and fills the validation cache.
  "$pincer" --home "$home" --workspace "$workspace" plugins list --json > "$out" \
    || die "N=$n: warm-up run of pincer failed"
  check_list "$n"
  [[ -f "$home/cache/validated-manifests" ]] \
    || die "N=$n: no validation cache at $home/cache/validated-manifests after the warm-up run"

  measure "list(warm)" "$n" "$home" "$workspace" list warm
  list_warm="$result"
  measure "doctor(warm)" "$n" "$home" "$workspace" doctor warm
  doctor_warm="$result"
  measure "list(cold)" "$n" "$home" "$workspace" list cold
  list_cold="$result"
  summary+=("$(printf '%-5s %-11s %-13s %s' "$n" "$list_warm" "$doctor_warm" "$list_cold")")
  rm -rf "$home" "$workspace"
done

echo
printf '%-5s %-11s %-13s %-12s %s\n' N "list(warm)" "doctor(warm)" "list(cold)" "[median ms]"
printf '%s\n' "${summary[@]}"
echo "goal: N=500 list under 500 ms"
