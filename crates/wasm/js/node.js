// Node entry: the nodejs-module glue instantiates the wasm synchronously, so importing
// the package is all it takes (and `require()` works on Node versions with require(esm)).
import * as glue from "./glue-node.js";
import { setUp } from "./shared.js";

setUp(glue);

export { SeamClient, validateRequest, parseAcsCredential, parseEvent } from "./glue-node.js";
export * from "./errors.js";
