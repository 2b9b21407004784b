// Browser and bundler entry: fetches and instantiates the wasm (next to the glue) with a
// top-level await, so importing the package is all it takes here too.
import init, * as glue from "./glue-web.js";
import { setUp } from "./shared.js";

await init();
setUp(glue);

export { SeamClient, validateRequest, parseAcsCredential, parseEvent } from "./glue-web.js";
export * from "./errors.js";
