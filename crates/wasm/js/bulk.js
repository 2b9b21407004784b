// The bulk chunk: `seam.acs.credentials.createMany` and `deleteMany`, loaded by the
// package's entry (shared.js) with `import()` on their first call, so that a program that
// never runs one never loads it. It brings its own small wasm module (crates/bulk, inlined
// like the main one) holding core's run; every request goes through the client.
//
// This is the loop that carries out a run. Every decision (what to send, when, how many at
// once, what an answer means) is core's, behind the wasm `Bulk`; this only makes the
// requests it names through the client (one attempt each) and hands the answers back, waits
// as long as it says (or until an answer comes, or the signal aborts), and hands progress
// on. The items and options are all checked (and refused, by index and name) by the wasm
// `Bulk`, with the package's own `validateRequest` and error classes.
import { Bulk, initSync } from "./bulk-glue.js";
import { wasmBytes } from "./bulk-wasm.js";

initSync({ module: wasmBytes() });

/**
 * Runs a bulk action (`create`, `delete`, `assign` or `unassign`) to its report. `checks`:
 * `{ validateRequest, makeError }`, the package's own, which the items and errors go through.
 */
export async function runBulk(client, action, items, options, checks) {
  const run = new Bulk(client, action, items, options, checks);
  // A request and the ones its answer leads to (a reconcile's lookups); never rejects.
  const carry = (request) =>
    client.__attempt(request.path, request.params, request.all).then((answer) => {
      const next = run.answered(request.item, answer);
      return next && carry(next);
    });
  const { signal, onProgress } = options ?? {};
  let wake = () => {};
  let failure;
  const abort = () => {
    run.abort();
    wake();
  };
  const progress = () => {
    const report = run.progress(Date.now());
    if (report === undefined || onProgress === undefined || failure) return;
    try {
      onProgress(report);
    } catch (error) {
      // A throwing callback stops the run; what is in flight still settles.
      failure = { error };
      run.abort();
    }
  };
  signal?.addEventListener("abort", abort);
  try {
    if (signal?.aborted) run.abort();
    for (;;) {
      const step = run.step(Date.now());
      if (typeof step === "object") {
        carry(step).then(() => wake());
        continue;
      }
      progress();
      if (step === undefined) break;
      let timer;
      await new Promise((resolve) => {
        wake = resolve;
        if (step !== Infinity) timer = setTimeout(resolve, step);
      });
      clearTimeout(timer);
    }
    if (failure) throw failure.error;
    return run.report();
  } finally {
    signal?.removeEventListener("abort", abort);
    run.free();
  }
}
