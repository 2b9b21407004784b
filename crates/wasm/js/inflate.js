// Restores a wasm module inlined in the package (scripts/package-js.mjs builds it into the
// package's inflate.js): zopfli-compressed, base64-encoded, restored synchronously by
// tiny-inflate. Its own module so that the main module (wasm.js) and the bulk chunk's
// (bulk-wasm.js) share one copy of tiny-inflate in a bundle.

import inflate from "tiny-inflate";

/** The bytes of a module deflated to `length` bytes and base64-encoded as `text`. */
export function inflated(text, length) {
  const binary = atob(text);
  const compressed = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) compressed[i] = binary.charCodeAt(i);
  return inflate(compressed, new Uint8Array(length));
}
