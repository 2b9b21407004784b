# Sourced by bench scripts: checks the package and the other libraries are there, and links
# bench/node_modules/{seam-acs-wasm,@seamapi/http,esbuild}, so bench code imports everything
# by name, as a user would. Needs $bench and $root.

# The package, built once (scripts/build-package.sh is the only way it is built).
if [ ! -f "$root/crates/wasm/pkg/web.js" ]; then
  echo "bench: crates/wasm/pkg/web.js is missing; building the package" >&2
  "$root/scripts/build-package.sh" >&2
fi

# The other libraries come from tests/node_modules (no install of our own).
for dep in @seamapi/http @seamapi/types esbuild; do
  if [ ! -f "$root/tests/node_modules/$dep/package.json" ]; then
    echo "bench: tests/node_modules/$dep is missing; run scripts/setup.sh (or npm ci in tests/) first" >&2
    exit 2
  fi
done

# bench/node_modules: links so that bench code imports everything by name, as a user would.
link() { # link <name> <target relative to the link's directory>
  local path="$bench/node_modules/$1"
  mkdir -p "$(dirname "$path")"
  if [ "$(readlink "$path" 2>/dev/null || true)" != "$2" ]; then
    rm -rf "$path"
    ln -s "$2" "$path"
  fi
}
link seam-acs-wasm ../../crates/wasm/pkg
link @seamapi/http ../../../tests/node_modules/@seamapi/http
link @seamapi/types ../../../tests/node_modules/@seamapi/types
link esbuild ../../tests/node_modules/esbuild

