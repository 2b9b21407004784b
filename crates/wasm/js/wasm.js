// Source of the package's wasm.js and bulk-wasm.js (built by scripts/package-js.mjs): a
// .wasm, zopfli-compressed and base64-encoded into __WASM_DEFLATE_BASE64__ at build time.
// Smaller after gzip than the .wasm served as its own file, and it needs no asset handling
// from a bundler and no await.

import { inflated } from "./inflate.js";

/** The module's bytes, decoded synchronously. */
export const wasmBytes = () => inflated(__WASM_DEFLATE_BASE64__, __WASM_LENGTH__);
