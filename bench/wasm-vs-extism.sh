#!/usr/bin/env bash
# Times Pincer's wasm runtime against the official Extism Java host (chicory-sdk-core), same
# plugins, same Chicory, one JMH run (WasmBenchmark), then prints per case the Extism (AoT) and
# Pincer times, their ratio and whether Pincer meets the goal of at most half Extism's time.
#
#   bench/wasm-vs-extism.sh                  # 2 forks x (10 x 1 s warm-up + 5 x 1 s), about 6 minutes on 2 cores
#   FORKS=3 bench/wasm-vs-extism.sh          # more forks (FORKS, WARMUPS, ITERATIONS)
#   INTERPRETED=1 bench/wasm-vs-extism.sh    # also Extism on Chicory's interpreter (3 more trials)
#   SKIP_BUILD=1 bench/wasm-vs-extism.sh     # reuse bench/jmh/target/benchmarks.jar
#
# Output goes to bench/out/wasm-vs-extism/: run.txt (JMH's log), result.json and table.txt.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out/wasm-vs-extism"
forks=${FORKS:-2}
warmups=${WARMUPS:-10}
iterations=${ITERATIONS:-5}
goal=0.5

cd "$root"
mkdir -p "$out"

if [[ -z "${SKIP_BUILD:-}" ]]; then
    echo "building bench/jmh/target/benchmarks.jar ..." >&2
    mvn -B -q -ntp ${MVN_ARGS:-} -Pbench -pl bench/jmh -am package -DskipTests
fi
jar="$root/bench/jmh/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
    echo "no $jar; build it without SKIP_BUILD" >&2
    exit 1
fi

variants='extism|pincer|pincerHost'
if [[ -n "${INTERPRETED:-}" ]]; then
    variants="$variants|extismInterpreted"
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
echo "load average before: $load_before (on $(nproc) cores)" >&2
java -jar "$jar" "WasmBenchmark\\.($variants)\$" \
    -f "$forks" -wi "$warmups" -w 1 -i "$iterations" -r 1 \
    -rf json -rff "$out/result.json" | tee "$out/run.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

python3 - "$out/result.json" "$goal" "$load_before" "$load_after" "$forks" "$warmups" "$iterations" <<'EOF' | tee "$out/table.txt"
import json
import sys

path, goal, load_before, load_after, forks, warmups, iterations = sys.argv[1:]
goal = float(goal)
results = {}
for r in json.load(open(path)):
    variant = r["benchmark"].rsplit(".", 1)[1]
    case = r["params"]["plugin"]
    metric = r["primaryMetric"]
    if metric["scoreUnit"] != "us/op":
        sys.exit(f"{variant} {case}: unit {metric['scoreUnit']}, expected us/op")
    results[(case, variant)] = (metric["score"], metric["scoreError"])

cases = [c for c in ("c-greet", "as-echo", "as-count-vowels") if (c, "pincer") in results]
if not cases or any((c, v) not in results for c in cases for v in ("extism", "pincer")):
    sys.exit(f"missing results in {path}: {sorted(results)}; see run.txt for a failed setup")

def cell(key):
    if key not in results:
        return "-"
    score, error = results[key]
    if not isinstance(error, (int, float)) or error != error:
        return f"{score:.2f}"  # one iteration: JMH gives no error
    return f"{score:.2f} ± {error:.2f}"

interpreted = any(v == "extismInterpreted" for _, v in results)
head = ["case", "extism µs", "pincer µs", "pincer/extism", f"goal ≤ {goal}", "pincerHost µs"]
if interpreted:
    head.append("extism interpreted µs")
rows = []
met = 0
for case in cases:
    ratio = results[(case, "pincer")][0] / results[(case, "extism")][0]
    ok = ratio <= goal
    met += ok
    row = [case, cell((case, "extism")), cell((case, "pincer")), f"{ratio:.2f}", "met" if ok else "missed",
           cell((case, "pincerHost"))]
    if interpreted:
        row.append(cell((case, "extismInterpreted")))
    rows.append(row)

widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
def line(cells):
    return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
print()
print(f"WasmBenchmark, average µs per call ± 99.9% error; {forks} forks x ({warmups} x 1 s warm-up + {iterations} x 1 s)")
print(line(head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for row in rows:
    print(line(row))
print()
print(f"goal (pincer ≤ {goal} x extism): met in {met} of {len(cases)} cases")
print(f"load average before {load_before}, after {load_after}")
EOF
