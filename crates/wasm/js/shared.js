// Wiring shared by the Node and the browser entry: what wasm-bindgen cannot express.
// Not part of the public API (the entries re-export only errors.js and the glue's classes).
import * as errors from "./errors.js";

/** The factory the wasm side calls: `(className, message, details) => SeamError`. */
function makeError(className, message, details) {
  const Class = Object.hasOwn(errors, className) ? errors[className] : errors.SeamError;
  return new Class(message, details);
}

// What a method returns, as the wasm side's `__call` numbers it.
const RESULT = 0;
const LIST = 1;
const PAGE = 2;

/**
 * `acs.credentials.*` and `acs.entrances.*`, made from core's endpoint table (one wasm
 * export serves them all): `/acs/credentials/list_accessible_entrances` becomes
 * `credentials.listAccessibleEntrances`; a paginated list also gets `listPage` and `iterate`.
 */
function namespaces(endpoints) {
  const groups = {};
  for (const [path, kind] of endpoints) {
    const [, , group, action] = path.split("/");
    const methods = (groups[group] ??= {});
    const name = action.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());
    methods[name] = (client) => (params, options) => client.__call(path, params, options, kind === "one" ? RESULT : LIST);
    if (kind === "page") {
      methods.listPage = (client) => (params, options) => client.__call(path, params, options, PAGE);
      methods.iterate = (client) => (params, options) => client.__iterate(path, params, options);
    }
  }
  return groups;
}

export function setUp(glue) {
  glue.__setErrorFactory(makeError);
  // `iterate()` returns an ItemIterator with `next()`; this makes `for await` accept it.
  glue.ItemIterator.prototype[Symbol.asyncIterator] = function () {
    return this;
  };
  const groups = namespaces(glue.__endpoints());
  // One `acs` object per client, made on first use.
  const made = new WeakMap();
  Object.defineProperty(glue.SeamClient.prototype, "acs", {
    get() {
      let acs = made.get(this);
      if (!acs) {
        acs = {};
        for (const [group, methods] of Object.entries(groups)) {
          acs[group] = Object.freeze(Object.fromEntries(Object.entries(methods).map(([name, make]) => [name, make(this)])));
        }
        made.set(this, Object.freeze(acs));
      }
      return acs;
    },
  });
}
