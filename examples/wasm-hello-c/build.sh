#!/usr/bin/env bash
# Builds plugin.wasm from hello.c with clang and wasm-ld (no libc, no Extism PDK).
# Installs Debian's clang and lld with apt-get first when they are missing (needs root).
set -euo pipefail

cd "$(dirname "$0")"

if ! command -v clang >/dev/null || ! command -v wasm-ld >/dev/null; then
    echo "build.sh: clang or wasm-ld not found; installing clang and lld with apt-get"
    if [ "$(id -u)" -ne 0 ]; then
        echo "build.sh: installing clang and lld needs root; run 'sudo apt-get install -y clang lld' and try again" >&2
        exit 1
    fi
    apt-get update -qq
    apt-get install -y -qq clang lld
fi

echo "build.sh: $(clang --version | head -n 1)"

# Every export is listed explicitly; --no-entry because a plugin has no _start.
# -fno-builtin keeps clang from turning the copy loops into calls to memcpy/memset, which do not exist here.
flags=(
    --target=wasm32-unknown-unknown
    -O2
    -nostdlib
    -ffreestanding
    -fno-builtin
    -Wall -Wextra -Werror
    -Wl,--no-entry
    -Wl,--export=greet
    -Wl,--export=fail
    -Wl,--strip-debug
)
echo "build.sh: clang ${flags[*]} -o plugin.wasm hello.c"
clang "${flags[@]}" -o plugin.wasm hello.c

echo "build.sh: wrote $(pwd)/plugin.wasm ($(wc -c <plugin.wasm) bytes, sha256 $(sha256sum plugin.wasm | cut -d' ' -f1))"
