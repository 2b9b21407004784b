// Wiring shared by the Node and the browser entry: what wasm-bindgen cannot express.
// Not part of the public API (the entries re-export only errors.js and the glue's classes).
import * as errors from "./errors.js";

/** The factory the wasm side calls: `(className, message, details) => SeamError`. */
function makeError(className, message, details) {
  const Class = Object.hasOwn(errors, className) ? errors[className] : errors.SeamError;
  return new Class(message, details);
}

export function setUp(glue) {
  glue.__setErrorFactory(makeError);
  // `iterate()` returns an ItemIterator with `next()`; this makes `for await` accept it.
  glue.ItemIterator.prototype[Symbol.asyncIterator] = function () {
    return this;
  };
}
