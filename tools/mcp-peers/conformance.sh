#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, pinned in
# package-lock.json) against `pincer gateway` serving the fixture plugin examples/mcp-conformance.
#
# Installs the npm peers (install.sh), builds the fixture and the CLI if needed, starts the gateway
# on a free loopback port with a temporary Pincer home that holds only the fixture, runs every active
# server scenario, prints the suite's summary, stops the gateway and exits with the suite's status.
# The suite's pending scenarios run afterwards for information only; see the list printed below.
#
# Needs Java 17, Maven, Node 20 and npm. Set PINCER to run another pincer command (for example
# "java -jar pincer-cli/target/pincer-cli.jar"); the default is the ./pincer launcher.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
peers="$root/tools/mcp-peers"
fixture="$root/examples/mcp-conformance/target/plugin"
suite="$peers/node_modules/@modelcontextprotocol/conformance/dist/index.js"
read -r -a pincer <<< "${PINCER:-$root/pincer}"

# Scenarios of the suite that do not count towards the result, and why. Keep in step with README.md.
not_applicable() {
  cat <<'EOF'
Not counted (the suite itself marks these "pending"; they run below for information):
  - json-schema-2020-12: pending in suite 0.1.13; Pincer passes it (the fixture's json_schema_2020_12_tool
    keeps $schema, $defs and additionalProperties).
  - server-sse-polling (SEP-1699): pending in suite 0.1.13. Its checks are SHOULDs of the transport: a
    priming SSE event, a retry field, and closing the POST stream mid-call so the client resumes with
    Last-Event-ID. The MCP Java SDK 2.1.0 Streamable HTTP transport Pincer uses sends none of them, and a
    plugin tool (test_reconnection) cannot close its caller's stream, so expect 2 warnings, 0 failures.
EOF
}

bash "$peers/install.sh"

if [[ ! -f "$fixture/pincer-plugin.json" ]]; then
  echo "conformance: building the fixture plugin (examples/mcp-conformance)..." >&2
  (cd "$root" && mvn -B -q -ntp -DskipTests -pl examples/mcp-conformance -am package) >&2
fi

scratch="$(mktemp -d)"
gateway_pid=""
cleanup() {
  if [[ -n "$gateway_pid" ]] && kill -0 "$gateway_pid" 2>/dev/null; then
    kill "$gateway_pid"
    wait "$gateway_pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

mkdir -p "$scratch/home" "$scratch/workspace"
printf '[plugins]\npaths = ["%s"]\n' "$fixture" > "$scratch/home/config.toml"

"${pincer[@]}" --home "$scratch/home" --workspace "$scratch/workspace" gateway --port 0 \
  > "$scratch/gateway.out" 2> "$scratch/gateway.err" &
gateway_pid=$!

# The gateway prints its endpoint as the first line of standard output once it listens.
url=""
for _ in $(seq 1 600); do
  url="$(head -n 1 "$scratch/gateway.out" 2>/dev/null || true)"
  [[ "$url" == http* ]] && break
  if ! kill -0 "$gateway_pid" 2>/dev/null; then
    echo "conformance: pincer gateway exited before it served; its output:" >&2
    cat "$scratch/gateway.out" "$scratch/gateway.err" >&2
    exit 1
  fi
  sleep 0.2
done
if [[ "$url" != http* ]]; then
  echo "conformance: pincer gateway printed no endpoint within 120 s; its output:" >&2
  cat "$scratch/gateway.out" "$scratch/gateway.err" >&2
  exit 1
fi
echo "conformance: pincer gateway serves the fixture at $url"

status=0
node "$suite" server --url "$url" --suite active || status=$?

echo
not_applicable
for scenario in json-schema-2020-12 server-sse-polling; do
  echo
  echo "=== Pending scenario (information only): $scenario ==="
  node "$suite" server --url "$url" --scenario "$scenario" 2>&1 | grep -E '^Passed:|Error:|WARNING' || true
done

echo
if [[ $status -eq 0 ]]; then
  echo "conformance: every active server scenario passed"
else
  echo "conformance: the suite reported failures (exit $status); see the checks above" >&2
fi
exit "$status"
