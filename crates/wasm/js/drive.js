// The loop that carries out a call of the client (imported by its wasm, crates/wasm/src/call.rs).
// The wasm `Task` says what to do: a request to `fetch` (with, when a new call starts, the
// milliseconds of its whole deadline), a number of milliseconds to sleep, or that its result
// is ready. This makes the request or sleeps, under an AbortController that the deadline and
// the caller's signal abort, and hands back what happened. Every decision (retries, the
// deadline, paging, waiting for an action attempt, the error) is core's, behind the Task; the
// same shape as the bulk chunk's loop (bulk.js).

/** Runs `task` to its end: its result, or the typed error it throws. */
export async function drive(task, signal) {
  try {
    return await carry(task, signal);
  } finally {
    task.free();
  }
}

async function carry(task, signal) {
  let controller;
  let deadline;
  const abort = () => controller?.abort();
  signal?.addEventListener("abort", abort);
  try {
    for (let step = task.step(); step !== undefined; step = task.step()) {
      if (step.deadline !== undefined) {
        clearTimeout(deadline);
        controller = new AbortController();
        deadline = setTimeout(abort, step.deadline);
      }
      const cut = controller.signal;
      if (typeof step === "number") {
        await sleep(step, cut);
        task.woken(signal?.aborted === true, cut.aborted);
      } else if (signal?.aborted) {
        task.failed(undefined, true, false);
      } else {
        try {
          step.signal = cut;
          const response = await fetch(step.url, step);
          const { headers } = response;
          const text = await response.text();
          task.answer(response.status, headers.get("seam-request-id"), headers.get("retry-after"), text);
        } catch (error) {
          task.failed(error, signal?.aborted === true, cut.aborted);
        }
      }
    }
    return task.result();
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener("abort", abort);
  }
}

/** Waits `ms`, or until `cut` aborts; leaves no timer or listener behind. */
function sleep(ms, cut) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      cut.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, cut.aborted ? 0 : ms);
    cut.addEventListener("abort", done);
  });
}

/**
 * What `iterate()` returns: an async iterator whose `next()` calls are served in order, each
 * after the one before (so one made while a page is in flight waits for that page); `return()`
 * (what `break` in `for await` calls) ends the listing.
 */
export function listing(task, signal) {
  let last = Promise.resolve();
  const next = () => carry(task, signal);
  const free = () => task.free();
  const items = {
    next: () => (last = last.then(next, next)),
    return(value) {
      task.stop();
      return Promise.resolve({ value, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    // Releases the wasm memory now instead of at garbage collection.
    free,
  };
  if (Symbol.dispose) items[Symbol.dispose] = free;
  return items;
}
