#!/usr/bin/env bash
# Runs every test of the project, after installing what they need (scripts/setup.sh).
# This is the command README names and .ci/run calls. On a fresh machine it takes about
# 15-20 minutes (most of it installing wasm-bindgen-cli and cargo-fuzz); warm, about 6.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
step() { printf '\n==> %s\n' "$*"; }

step "setup"
scripts/setup.sh --browser --fuzz

step "format and lints (no unwrap/expect/panic/indexing outside tests)"
cargo fmt --all -- --check
# One formatter for the JS and TS files (biome.json); the generated api.d.ts is checked by the
# generator step instead.
tests/node_modules/.bin/biome format .
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p seam-acs-wasm -p seam-acs-bulk --target wasm32-unknown-unknown --all-targets -- -D warnings
# The modules as the package builds them: no_std (their tests build them with std).
cargo clippy --release -p seam-acs-wasm -p seam-acs-bulk --target wasm32-unknown-unknown --lib -- -D warnings
# The size-floor diagnostic builds parts of the wasm crate by path: keep it compiling.
rustfmt --check --edition 2021 bench/tools/size-floor/*/src/lib.rs
# Apart: the transport floor's futures need std, which the no_std floors must not share.
for floors in "-p floor-empty -p floor-rules" "-p floor-transport"; do
  # shellcheck disable=SC2086
  cargo clippy --manifest-path bench/tools/size-floor/Cargo.toml --target wasm32-unknown-unknown \
    --target-dir target/size-floor $floors -- -D warnings
done

step "generated code: the endpoint table, answer shapes, models and TypeScript API are what the contract and overlay give"
node tests/contract/extract-openapi.mjs
cargo run -q -p xtask -- generate
generated="crates/core/src/generated crates/wasm/js/api.d.ts"
# Modified, new or deleted: any difference from what is committed fails.
if [ -n "$(git status --porcelain -- $generated)" ]; then
  git status --short -- $generated
  git diff -- $generated | head -50
  echo "the generated files differ from what is committed: run \`cargo run -p xtask -- generate\` and commit them" >&2
  exit 1
fi
# The overlay cannot rot: entries that no longer fit the contract are refused.
cargo test -q -p xtask

step "core: unit tests, seeds, property tests, conformance to the pinned OpenAPI document"
cargo test -p seam-acs-core

step "build the npm package"
scripts/build-package.sh
node tests/link-package.mjs

step "wasm-bindgen tests in Node and in headless Chromium (the bulk module's, against a scripted client, in Node)"
cargo test --target wasm32-unknown-unknown -p seam-acs-wasm --test node
cargo test --target wasm32-unknown-unknown -p seam-acs-bulk --test node
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p seam-acs-wasm --test browser

step "node tests: local Seam server, contract types, Prism, fake-seam-connect, imports and the toolchain matrix, reliability, console e2e"
(cd tests && node --test --test-reporter=spec)

step "fuzzing: every target for a bounded time; any crash fails"
bash fuzz/run.sh "${FUZZ_SECONDS:-15}"

step "benchmark, short: size budget and a small parse case"
bash bench/run.sh --quick
