#!/usr/bin/env bash
# seam-acs-wasm against @seamapi/http 2.32.0: size, parsing, per-call overhead, start-up
# and memory, side by side in one run. See bench/README.md.
#
#   bench/run.sh            full run (a few minutes at most), writes bench/results/latest.json
#   bench/run.sh --quick    size + a 1,000-credential parse, for CI: exits non-zero when the
#                           package outgrows bench/size-budget.json or a parse result is wrong
#   bench/run.sh --bulk [N] [R]   the bulk row alone (bench/bulk.mjs): N creates (10,000) at R/s
#                           (500) by createMany and by @seamapi/http, sequential and 16 at a time
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)

. "$bench/lib/links.sh"

if [ "${1:-}" = "--bulk" ]; then
  shift
  exec node "$bench/bulk.mjs" "$@"
fi
exec node --expose-gc "$bench/main.mjs" "$@"
