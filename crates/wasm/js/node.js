// Node entry, bundled to CommonJS as node.cjs by scripts/package-js.mjs. Node loads the one
// node.cjs for both `import` and `require()` (any Node >= 20, with or without require(esm)),
// so a program that does both gets one set of classes. It reads the .wasm beside it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as glue from "./glue.js";
import { setUp } from "./shared.js";

// `__dirname` is CommonJS's: this file only ever runs as node.cjs.
glue.initSync({ module: readFileSync(join(__dirname, "seam_acs_wasm_bg.wasm")) });
setUp(glue);

export { SeamClient, validateRequest, parseAcsCredential, parseEvent } from "./glue.js";
export * from "./errors.js";
