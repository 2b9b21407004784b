// Wiring shared by the Node and the browser entry: what wasm-bindgen cannot express.
// Not part of the public API (the entries re-export only errors.js and the glue's classes).
import * as errors from "./errors.js";

/** The factory the wasm side calls: `(className, message, details) => SeamError`. */
function makeError(className, message, details) {
  const Class = Object.hasOwn(errors, className) ? errors[className] : errors.SeamError;
  return new Class(message, details);
}

const camel = (name) => name.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());

/**
 * The namespace tree, made from core's endpoint table (one wasm export serves every
 * method) and mirroring the URL tree as @seamapi/http does:
 * `/acs/credentials/list_accessible_entrances` becomes `acs.credentials.listAccessibleEntrances`,
 * `/acs/credentials/unmanaged/list` becomes `acs.credentials.unmanaged.list`. A paginated list
 * also gets `listPage` and `iterate`. Each leaf makes the method for a client.
 */
export function namespaces(endpoints) {
  const tree = {};
  for (const [path, paginated] of endpoints) {
    const names = path.split("/").slice(1).map(camel);
    const action = names.pop();
    let methods = tree;
    for (const name of names) methods = methods[name] ??= {};
    methods[action] = (client) => (params, options) => client.__call(path, params, options, false);
    if (paginated) {
      methods.listPage = (client) => (params, options) => client.__call(path, params, options, true);
      methods.iterate = (client) => (params, options) => client.__iterate(path, params, options);
    }
  }
  return tree;
}

/** A namespace of the tree made for `client`: frozen objects all the way down. */
function bind(node, client) {
  const made = {};
  for (const [name, child] of Object.entries(node)) {
    made[name] = typeof child === "function" ? child(client) : bind(child, client);
  }
  return Object.freeze(made);
}

export function setUp(glue) {
  glue.__setErrorFactory(makeError);
  const tree = namespaces(glue.__endpoints());
  // Bulk runs sit beside the endpoint methods of `acs.credentials`; their chunk (bulk.js,
  // with its own wasm) is loaded on first use, and checks items with this module's
  // `validateRequest` and makes errors of these classes (not a second copy's).
  const checks = { validateRequest: glue.validateRequest, makeError };
  const bulk = (action) => (client) => async (items, options) => {
    let chunk;
    try {
      chunk = await import("./bulk.js");
    } catch (cause) {
      // Offline, or a deploy that lost the chunk: the caller gets the package's typed error,
      // not the loader's, and nothing has been checked or sent.
      const reason = cause?.message ?? String(cause);
      throw makeError(
        "SeamNetworkError",
        `network error: the bulk module could not be loaded, nothing was sent (${reason})`,
      );
    }
    return chunk.runBulk(client, action, items, options, checks);
  };
  Object.assign(tree.acs.credentials, {
    createMany: bulk("create"),
    deleteMany: bulk("delete"),
    assignMany: bulk("assign"),
    unassignMany: bulk("unassign"),
  });
  // Each top-level namespace (`acs`) is one frozen object per client, made on first use.
  for (const [name, node] of Object.entries(tree)) {
    const made = new WeakMap();
    Object.defineProperty(glue.SeamClient.prototype, name, {
      get() {
        let namespace = made.get(this);
        if (!namespace) made.set(this, (namespace = bind(node, this)));
        return namespace;
      },
    });
  }
}
