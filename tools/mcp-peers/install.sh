#!/usr/bin/env bash
# Installs the MCP peers Pincer's tests and scripts run against (package.json, pinned by
# package-lock.json) into tools/mcp-peers/node_modules, which git ignores. Does nothing when the
# installed tree already matches the lockfile, so every build may call it.
#
# Needs Node 20 and npm on PATH, and the npm registry.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v npm >/dev/null 2>&1; then
    echo "tools/mcp-peers/install.sh: npm is not on PATH; install Node.js 20 (with npm) and run it again" >&2
    exit 1
fi

stamp=node_modules/.pincer-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    exit 0
fi

# A lock keeps two builds from installing into the same folder at once.
exec 9>.install.lock
flock 9
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    exit 0
fi
echo "Installing MCP peers (conformance suite, Inspector CLI, reference servers) from npm..." >&2
npm ci --no-audit --no-fund --loglevel=error >&2
echo "$want" > "$stamp"
