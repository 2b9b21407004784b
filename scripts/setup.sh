#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian 12 machine, skipping whatever
# is already there, so a warm run takes seconds. Flags add the heavier extras:
#   --browser   Debian's chromium and chromium-driver (browser tests, the console's e2e test)
#   --fuzz      the nightly toolchain and cargo-fuzz
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
browser=false fuzz=false
for arg in "$@"; do
  case "$arg" in
    --browser) browser=true ;;
    --fuzz) fuzz=true ;;
    *) echo "setup: unknown flag $arg" >&2; exit 2 ;;
  esac
done
say() { echo "setup: $*"; }

command -v cargo >/dev/null || { echo "setup: cargo is missing: install Rust with rustup first" >&2; exit 1; }
command -v node >/dev/null || { echo "setup: node (>= 20) is missing" >&2; exit 1; }
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
  || { echo "setup: node >= 20 is needed, found $(node --version)" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

# The CLI must match the library pinned in crates/wasm/Cargo.toml exactly.
wasm_bindgen_version=$(sed -n 's/^wasm-bindgen = .*"=\([0-9.]*\)".*/\1/p' crates/wasm/Cargo.toml)
if [ -z "$wasm_bindgen_version" ]; then
  echo "setup: no exact wasm-bindgen pin (\"=x.y.z\") found in crates/wasm/Cargo.toml" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wasm_bindgen_version" ]; then
  say "installing wasm-bindgen-cli $wasm_bindgen_version (about 4 minutes)"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

# Node packages from their lock files: the tests' (and the package build's: binaryen's
# wasm-opt, esbuild, zopfli, tiny-inflate), and the bundlers of the toolchain matrix.
# (npm ci runs no dependency's install script: the native binaries of esbuild, Rollup,
# rolldown and Parcel come as optional platform packages, which it installs.)
npm_ci() { # npm_ci <directory> <what>
  local stamp=$1/node_modules/.installed-from-lock
  if [ ! -f "$stamp" ] || ! cmp -s "$1/package-lock.json" "$stamp"; then
    say "installing $2"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$1/package-lock.json" "$stamp"
  fi
}
npm_ci tests "the tests' npm packages"
npm_ci tests/toolchains "the toolchain matrix's bundlers (esbuild, Vite 5-8, webpack, Rollup, Parcel)"
npm_ci cli "the seam-acs command's npm packages (papaparse, cli-progress)"

if $browser && ! { command -v chromium >/dev/null && command -v chromedriver >/dev/null; }; then
  say "installing Debian's chromium and chromium-driver"
  apt_get() { if [ "$(id -u)" = 0 ]; then apt-get "$@"; else sudo apt-get "$@"; fi; }
  apt_get update -qq
  DEBIAN_FRONTEND=noninteractive apt_get install -y -qq chromium chromium-driver >/dev/null
fi

if $fuzz; then
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
  command -v cargo-fuzz >/dev/null || { say "installing cargo-fuzz"; cargo install cargo-fuzz --locked; }
fi
