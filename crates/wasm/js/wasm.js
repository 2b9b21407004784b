// Source of the package's wasm.js (bundled by scripts/package-js.mjs): the .wasm,
// zopfli-compressed and base64-encoded into __WASM_DEFLATE_BASE64__ at build time, and
// tiny-inflate to restore it. Smaller after gzip than the .wasm served as its own file,
// and it needs no asset handling from a bundler and no await.

import inflate from "tiny-inflate";

/** The module's bytes, decoded synchronously. */
export function wasmBytes() {
  const text = atob(__WASM_DEFLATE_BASE64__);
  const compressed = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) compressed[i] = text.charCodeAt(i);
  return inflate(compressed, new Uint8Array(__WASM_LENGTH__));
}
