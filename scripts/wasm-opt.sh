#!/usr/bin/env bash
# Optimizes a wasm-bindgen output for size, as the package ships it:
#   scripts/wasm-opt.sh <in.wasm> <out.wasm>
# Uses binaryen's wasm-opt from the npm package in tests/node_modules (scripts/setup.sh):
# Debian's binaryen 108 produces broken modules.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# Rust's wasm32 target already uses these features; wasm-opt must be told it may keep them.
# --converge repeats -Oz while it still shrinks the module. --low-memory-unused lets it fold a
# constant added to an address into the load's offset: Rust lays the stack out first, at the
# bottom of memory, so its lowest 1 KiB is reached only by a stack a thousand times deeper than
# any here, and no Rust pointer wraps around to it. Measured: -350 B gzip together. The
# target_features section only informs tools that link or optimize further; engines ignore it.
exec "$root/tests/node_modules/.bin/wasm-opt" -Oz --converge --low-memory-unused --strip-debug --strip-producers --strip-target-features \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$1" -o "$2"
