#!/usr/bin/env bash
# Builds the npm package `seam-acs-wasm` into crates/wasm/pkg/:
#   glue.js                 wasm-bindgen's glue (`--target web`), instantiated synchronously by both entries
#   web.js, wasm.js         browsers and bundlers (`default` export condition): the wasm inlined, no await
#   node.cjs                Node >= 20 (`node` condition, for `import` and `require()` alike); it reads
#   seam_acs_wasm_bg.wasm   the module
#   bulk.js                 the bulk chunk (createMany, deleteMany), which both entries load with
#                           import() on first use: bulk-glue.js and bulk-wasm.js, the glue and the
#                           inlined module of crates/bulk, sharing inflate.js with wasm.js
#   errors.js, shared.js, index.d.ts, index.d.cts, api.d.ts (generated), package.json, README.md, LICENSE
# Needs: the wasm32 target, wasm-bindgen-cli matching the pinned library, and tests/node_modules
# (binaryen's wasm-opt: Debian's binaryen 108 produces broken modules; esbuild, zopfli and
# tiny-inflate for scripts/package-js.mjs). scripts/setup.sh installs them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# Panic locations name source files: shorten the toolchain's and the registry's paths (the same
# on every machine then, and about 0.1 KB less to download).
remap="--remap-path-prefix=$(rustc -vV | sed -n 's/^commit-hash: //p' | sed 's|^|/rustc/|')/library=std"
for registry in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  remap="$remap --remap-path-prefix=${registry%/}=crates.io"
done
RUSTFLAGS="${RUSTFLAGS:-} $remap" cargo build -p seam-acs-wasm -p seam-acs-bulk --target wasm32-unknown-unknown --release
module=target/wasm32-unknown-unknown/release/seam_acs_wasm.wasm
bulk=target/wasm32-unknown-unknown/release/seam_acs_bulk.wasm
work=target/wasm-bindgen
final=crates/wasm/pkg
# Assembled beside the old package and swapped in at the end, so a test running meanwhile
# never sees a half-written package.
out=crates/wasm/pkg.next
rm -rf "$work" "$out"
# No default module path: nothing in the glue names the .wasm by `new URL(…, import.meta.url)`,
# so no bundler emits it as an asset; each entry hands initSync the bytes itself.
wasm-bindgen --target web --omit-default-module-path --out-dir "$work" "$module"
wasm-bindgen --target web --omit-default-module-path --out-dir "$work" "$bulk"

mkdir -p "$out"
# The glue points at wasm-bindgen's own .d.ts; the package ships index.d.ts (and the api.d.ts it re-exports) instead.
sed '/@ts-self-types/d' "$work/seam_acs_wasm.js" > "$out/glue.js"
sed '/@ts-self-types/d' "$work/seam_acs_bulk.js" > "$out/bulk-glue.js"
# Short import and export names in each glue and its module alike (wasm-bindgen's imports are
# hashed); the modules with wasm-bindgen's names stay in $work, for twiggy.
node scripts/short-names.mjs "$out/glue.js" "$work/seam_acs_wasm_bg.wasm" "$work/short-names.wasm"
node scripts/short-names.mjs "$out/bulk-glue.js" "$work/seam_acs_bulk_bg.wasm" "$work/bulk-short-names.wasm"
scripts/wasm-opt.sh "$work/short-names.wasm" "$out/seam_acs_wasm_bg.wasm"
scripts/wasm-opt.sh "$work/bulk-short-names.wasm" "$out/seam_acs_bulk_bg.wasm"
cp crates/wasm/js/{bulk.js,errors.js,shared.js,web.js,index.d.ts,api.d.ts} crates/wasm/js/README.md "$out/"
# The same declarations for `require()` under TypeScript's node16/nodenext resolution.
cp crates/wasm/js/index.d.ts "$out/index.d.cts"
# The crates' inline JS (one small helper module each), imported by the glues.
cp -r "$work/snippets" "$out/"
node scripts/package-js.mjs "$out"
# Inlined into bulk-wasm.js: nothing reads the file.
rm "$out/seam_acs_bulk_bg.wasm"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
# `node` serves Node's `import` and `require()` with one CommonJS file (one set of classes
# per process); everything else (browsers, bundlers) gets web.js.
repository=https://github.com/seam-acs-wasm/seam-acs-wasm
cat > "$out/package.json" <<JSON
{
  "name": "seam-acs-wasm",
  "version": "$version",
  "description": "Seam ACS credentials client in Rust/WebAssembly: validates before sending, never duplicates a create, always times out.",
  "keywords": ["seam", "access-control", "acs", "credentials", "smart-lock", "webassembly", "wasm", "rust"],
  "license": "MIT",
  "author": "The seam-acs-wasm authors",
  "homepage": "$repository#readme",
  "repository": { "type": "git", "url": "git+$repository.git" },
  "bugs": { "url": "$repository/issues" },
  "type": "module",
  "engines": { "node": ">=20" },
  "exports": {
    ".": {
      "node": {
        "require": { "types": "./index.d.cts", "default": "./node.cjs" },
        "types": "./index.d.ts",
        "default": "./node.cjs"
      },
      "types": "./index.d.ts",
      "default": "./web.js"
    },
    "./package.json": "./package.json"
  },
  "main": "./node.cjs",
  "module": "./web.js",
  "types": "./index.d.ts",
  "files": ["*.js", "node.cjs", "index.d.ts", "index.d.cts", "api.d.ts", "snippets/", "seam_acs_wasm_bg.wasm"],
  "sideEffects": ["./web.js", "./node.cjs", "./bulk.js"]
}
JSON
rm -rf "$final" && mv "$out" "$final"
echo "build-package: $final ($(wc -c < "$final/seam_acs_wasm_bg.wasm") bytes of wasm, $(gzip -9c "$final/seam_acs_wasm_bg.wasm" | wc -c) gzipped; the bulk chunk's bulk-wasm.js $(gzip -9c "$final/bulk-wasm.js" | wc -c) gzipped)"
