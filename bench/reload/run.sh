#!/usr/bin/env bash
# Reload latency: from a file write to the new generation serving.
#
# Starts `./pincer gateway` on a scratch home holding the jvm-hello example plugin, then, ROUNDS
# times, writes a new greeting into the home config.toml and times how long until the plugin's
# greet tool, called over MCP every 2 ms, answers with it. That span holds the watcher's debounce
# (150 ms by default, [reload] debounce), the config plan, the catalog scan, loading and activating
# the new generation beside the old one, and the swap. Goal: p50 under 300 ms.
#
# Usage:  bench/reload/run.sh            (ROUNDS=30 by default)
#         ROUNDS=50 DEBOUNCE=100ms bench/reload/run.sh
# Needs:  a JDK and Maven (the launcher builds the CLI, and the example, on first use).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds="${ROUNDS:-30}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "bench: ROUNDS must be a positive integer" >&2; exit 1; }
"$root/pincer" --version > /dev/null
example="$root/examples/jvm-hello/target/plugin"
[[ -d "$example" ]] || { echo "bench: $example is missing; run mvn -pl examples/jvm-hello -am install" >&2; exit 1; }

scratch="$(mktemp -d)"
gateway=""
cleanup() {
  [[ -n "$gateway" ]] && kill "$gateway" 2> /dev/null && wait "$gateway" 2> /dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
mkdir -p "$scratch/home/plugins" "$scratch/workspace"
cp -r "$example" "$scratch/home/plugins/hello"
header=""
[[ -n "${DEBOUNCE:-}" ]] && header="$(printf '[reload]\ndebounce = "%s"\n' "$DEBOUNCE")"
printf '%s\n' "$header" > "$scratch/home/config.toml"

"$root/pincer" --home "$scratch/home" --workspace "$scratch/workspace" gateway --port 0 \
  > "$scratch/out" 2> "$scratch/err" &
gateway=$!
for _ in $(seq 1 300); do
  [[ -s "$scratch/out" ]] && break
  sleep 0.1
done
url="$(head -n 1 "$scratch/out")"
[[ "$url" == http://* ]] || { echo "bench: the gateway did not start:" >&2; cat "$scratch/err" >&2; exit 1; }

echo "pincer gateway at $url; $rounds rounds of config.toml write -> new greeting served"
"$java" -cp "$root/pincer-cli/target/pincer-cli.jar:$root/pincer-cli/target/lib/*" \
  "$here/ReloadLatency.java" "$url" "$scratch/home/config.toml" "$rounds" "$header"
reloads="$(grep -c '^reload: reloaded hello' "$scratch/err" || true)"
echo "gateway log: $reloads reloads of hello"
