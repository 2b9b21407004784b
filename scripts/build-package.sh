#!/usr/bin/env bash
# Builds the npm package `seam-acs-wasm` into crates/wasm/pkg/:
#   seam_acs_wasm_bg.wasm   one module, shared by both glues (wasm-bindgen emits the same bytes for both)
#   glue-web.js, web.js     browsers and bundlers (`default` export condition)
#   glue-node.js, node.js   Node >= 20 (`node` condition), no init call needed
#   errors.js, shared.js, index.d.ts, package.json, README.md
# Needs: the wasm32 target, wasm-bindgen-cli matching the pinned library, and tests/node_modules
# (for binaryen's wasm-opt: Debian's binaryen 108 produces broken modules). scripts/setup.sh installs them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

cargo build -p seam-acs-wasm --target wasm32-unknown-unknown --release
module=target/wasm32-unknown-unknown/release/seam_acs_wasm.wasm
work=target/wasm-bindgen
final=crates/wasm/pkg
# Assembled beside the old package and swapped in at the end, so a test running meanwhile
# never sees a half-written package.
out=crates/wasm/pkg.next
rm -rf "$work" "$out"
wasm-bindgen --target web --out-dir "$work/web" "$module"
wasm-bindgen --target experimental-nodejs-module --out-dir "$work/node" "$module"
cmp -s "$work/web/seam_acs_wasm_bg.wasm" "$work/node/seam_acs_wasm_bg.wasm" \
  || { echo "build-package: the web and node builds differ; one .wasm cannot serve both" >&2; exit 1; }

mkdir -p "$out"
# The glues point at wasm-bindgen's own .d.ts; the package ships its hand-written index.d.ts instead.
sed '/@ts-self-types/d' "$work/web/seam_acs_wasm.js" > "$out/glue-web.js"
sed '/@ts-self-types/d' "$work/node/seam_acs_wasm.js" > "$out/glue-node.js"
scripts/wasm-opt.sh "$work/web/seam_acs_wasm_bg.wasm" "$out/seam_acs_wasm_bg.wasm"
cp crates/wasm/js/{errors.js,shared.js,node.js,web.js,index.d.ts} crates/wasm/js/README.md "$out/"
# The crate's inline JS (one small helper module), imported by both glues by the same path.
diff -r "$work/web/snippets" "$work/node/snippets" >/dev/null \
  || { echo "build-package: the web and node builds have different snippets" >&2; exit 1; }
cp -r "$work/web/snippets" "$out/"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
cat > "$out/package.json" <<JSON
{
  "name": "seam-acs-wasm",
  "version": "$version",
  "description": "Seam ACS credentials client in Rust/WebAssembly: validates before sending, never duplicates a create, always times out.",
  "license": "MIT",
  "type": "module",
  "engines": { "node": ">=20" },
  "exports": {
    ".": { "types": "./index.d.ts", "node": "./node.js", "default": "./web.js" },
    "./package.json": "./package.json"
  },
  "types": "./index.d.ts",
  "files": ["*.js", "*.d.ts", "snippets/", "seam_acs_wasm_bg.wasm", "README.md"],
  "sideEffects": ["./node.js", "./web.js"]
}
JSON
rm -rf "$final" && mv "$out" "$final"
echo "build-package: $final ($(wc -c < "$final/seam_acs_wasm_bg.wasm") bytes of wasm, $(gzip -9c "$final/seam_acs_wasm_bg.wasm" | wc -c) gzipped)"
