#!/usr/bin/env bash
# Runs every test of the project, after installing what they need (scripts/setup.sh).
# This is the command README names and .ci/run calls.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
step() { printf '\n==> %s\n' "$*"; }

step "setup"
scripts/setup.sh --browser

step "format and lints (no unwrap/expect/panic/indexing outside tests)"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p seam-acs-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings

step "core: unit tests, seeds, and conformance to the pinned OpenAPI document"
node tests/contract/extract-openapi.mjs
cargo test -p seam-acs-core

step "build the npm package"
scripts/build-package.sh

step "node tests of the package and the local Seam server"
(cd tests && node --test --test-reporter=spec)
