#!/usr/bin/env bash
# Optimizes a wasm-bindgen output for size, as the package ships it:
#   scripts/wasm-opt.sh <in.wasm> <out.wasm>
# Uses binaryen's wasm-opt from the npm package in tests/node_modules (scripts/setup.sh):
# Debian's binaryen 108 produces broken modules.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# Rust's wasm32 target already uses these features; wasm-opt must be told it may keep them.
exec "$root/tests/node_modules/.bin/wasm-opt" -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$1" -o "$2"
