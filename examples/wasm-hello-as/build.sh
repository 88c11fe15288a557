#!/usr/bin/env bash
# Builds plugin.wasm from assembly/index.ts with the AssemblyScript compiler and @extism/as-pdk,
# both pinned in package.json / package-lock.json and installed into this folder's node_modules.
set -euo pipefail

cd "$(dirname "$0")"

if ! command -v npm >/dev/null; then
    echo "build.sh: npm not found; install Node.js 20 or later (e.g. 'apt-get install -y nodejs npm') and try again" >&2
    exit 1
fi

echo "build.sh: node $(node --version), npm $(npm --version 2>/dev/null)"
echo "build.sh: npm ci (exact versions from package-lock.json into ./node_modules)"
npm ci --no-audit --no-fund --loglevel=error

# --use abort=... routes AssemblyScript's abort (failed assertion, bounds check) to myAbort, which hands
# the message to the host with error_set; without it the module would import env.abort, which Extism hosts lack.
args=(assembly/index.ts --outFile plugin.wasm --use abort=assembly/index/myAbort --optimize)
echo "build.sh: npx asc ${args[*]}"
npx --no-install asc "${args[@]}"

echo "build.sh: wrote $(pwd)/plugin.wasm ($(wc -c <plugin.wasm) bytes, sha256 $(sha256sum plugin.wasm | cut -d' ' -f1))"
