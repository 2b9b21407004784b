#!/usr/bin/env bash
# How small can the package get? Builds two floor crates as the package is built (same
# release profile, same wasm-bindgen, same short names, same wasm-opt) and prints their size as a browser
# loads them (minified glue gzip + wasm gzip) next to the package's and the issue's target:
#   empty      wasm-bindgen, js-sys and the allocator: one class, one method
#   transport  fetch + timeout + JSON.parse + a Promise, and nothing else (no rule)
#   rules      every rule the package runs, synchronously, with no transport at all
#   bench/tools/size-floor/run.sh
# Diagnostic, not part of bench/run.sh or CI. Needs what scripts/setup.sh installs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=$(cd "$here/../.." && pwd)
root=$(cd "$bench/.." && pwd)
. "$bench/lib/links.sh"

target="$root/target/size-floor"
out="$target/out"
# Apart: the transport floor's futures need std, which the no_std floors must not share.
for crates in "-p floor-empty -p floor-rules" "-p floor-transport"; do
  # shellcheck disable=SC2086
  cargo build --quiet --release --target wasm32-unknown-unknown $crates \
    --manifest-path "$here/Cargo.toml" --target-dir "$target"
done
for crate in empty transport rules; do
  rm -rf "${out:?}/$crate"
  wasm-bindgen --target web --out-dir "$out/$crate" "$target/wasm32-unknown-unknown/release/floor_$crate.wasm"
  node "$root/scripts/short-names.mjs" "$out/$crate/floor_${crate}.js" "$out/$crate/floor_${crate}_bg.wasm" \
    "$out/$crate/short-names.wasm"
  "$root/scripts/wasm-opt.sh" "$out/$crate/short-names.wasm" "$out/$crate/opt.wasm"
done
exec node "$here/measure.mjs" "$out"
