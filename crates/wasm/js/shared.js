// Wiring shared by the Node and the browser entry: what wasm-bindgen cannot express.
import { makeError } from "./errors.js";

export function setUp(glue) {
  glue.__setErrorFactory(makeError);
  // `iterate()` returns an ItemIterator with `next()`; this makes `for await` accept it.
  glue.ItemIterator.prototype[Symbol.asyncIterator] = function () {
    return this;
  };
}
