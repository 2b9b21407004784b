// Browser and bundler entry. The wasm comes inlined (./wasm.js) and is instantiated
// synchronously as the module loads: no top-level await and no asset for the bundler to
// copy, so esbuild (any format), Vite, webpack, Rollup, Parcel and a plain
// <script type="module"> all take the package as it is.
import * as glue from "./glue.js";
import { setUp } from "./shared.js";
import { wasmBytes } from "./wasm.js";

glue.initSync({ module: wasmBytes() });
setUp(glue);

export { SeamClient, validateRequest, parseAcsCredential, parseEvent } from "./glue.js";
export * from "./errors.js";
