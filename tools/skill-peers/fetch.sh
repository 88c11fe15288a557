#!/usr/bin/env bash
# Fetches published packages that ship Agent Skills (SKILL.md folders) with `npm pack`, without
# installing them, and unpacks each into tools/skill-peers/packages/<name>/, which git ignores.
# Pincer's tests load every SKILL.md found there. Does nothing when the pinned versions are
# already unpacked, so every build may call it.
#
# Needs npm on PATH and the npm registry.
set -euo pipefail
cd "$(dirname "$0")"

# Exact versions: the tests assert how many skills load.
packages=(
    "openclaw@2026.9.6"
    "@mem0/openclaw-mem0@1.0.16"
)

stamp=packages/.pincer-fetched
want=$(printf '%s\n' "${packages[@]}" | sha256sum | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "tools/skill-peers/fetch.sh: npm is not on PATH; install Node.js (with npm) and run it again" >&2
    exit 1
fi

# A lock keeps two builds from unpacking into the same folder at once.
mkdir -p packages
exec 9>.fetch.lock
flock 9
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    exit 0
fi
echo "Fetching packages with Agent Skills (${packages[*]}) from npm..." >&2
work=$(mktemp -d packages/.work.XXXXXX)
trap 'rm -rf "$work"' EXIT
for spec in "${packages[@]}"; do
    name=${spec%@*}
    folder=packages/${name//\//__}
    tarball=$(cd "$work" && npm pack "$spec" --silent --no-audit --no-fund --loglevel=error | tail -n 1)
    rm -rf "$folder"
    mkdir -p "$folder"
    tar -xzf "$work/$tarball" -C "$folder" --no-same-owner
done
echo "$want" > "$stamp"
