#!/usr/bin/env bash
# The main job: the admin console (www/) on a local Seam server with seeded data.
#   scripts/demo.sh                                   local Seam server; prints the URL and the seeded tokens
#   SEAM_API_KEY=… [SEAM_ENDPOINT=…] scripts/demo.sh  the console pointed at that Seam workspace instead;
#                                                     you paste the key into the console
#   SEAM_CONSOLE_PREFILL_KEY=1 SEAM_API_KEY=… scripts/demo.sh   prefills the console with the key. Risk: the
#                                                     server then hands the workspace key to anything that can
#                                                     reach its port (any local user or program); only pages on
#                                                     127.0.0.1/localhost with its port can read it (Host
#                                                     allow-list, no CORS, no framing)
#   PORT=9000 scripts/demo.sh                         another port (default 8080; a busy one falls back to a free one)
# Installs what it needs (scripts/setup.sh), rebuilds the package when crates/ changed since
# the last build, then serves on 127.0.0.1 until Ctrl-C.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/setup.sh

# Rebuild when the package is missing or any file under crates/ (but the package itself) is newer.
pkg=crates/wasm/pkg/web.js
if [ ! -f "$pkg" ] || [ -n "$(find crates \( -path crates/wasm/pkg -o -path crates/wasm/pkg.next \) -prune -o -type f -newer "$pkg" -print -quit)" ]; then
  echo "demo: building the package (crates/ changed since the last build)"
  scripts/build-package.sh
fi

exec node www/serve.mjs
