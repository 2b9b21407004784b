// One bulk run (createMany or deleteMany) that can be paused, resumed and cancelled.
// Pausing and cancelling both abort the run's signal: the package stops new sends, lets the
// requests in flight settle and resolves with the partial report. Resume hands that report
// back as `resume`, so nothing done is sent again and unknown outcomes are reconciled.

/**
 * @param {{ credentials: object, action: "create" | "delete", items: unknown[],
 *   skipInvalid?: boolean, onProgress(p: object): void, onState(state: string, report?: object): void }} options
 *   onState: "running", "pausing", "paused" (with the partial report), "cancelling",
 *   "cancelled" or "finished" (with the report), "error" (with the error).
 */
export function createBulkRun({ credentials, action, items, skipInvalid = false, onProgress, onState }) {
  let report = null;
  let controller = null;
  let stopping = null; // "pause" | "cancel" while an abort settles
  let state = "idle";

  const setState = (next, detail) => {
    state = next;
    onState(next, detail);
  };

  async function go() {
    controller = new AbortController();
    stopping = null;
    setState("running");
    const options = { signal: controller.signal, onProgress };
    if (report) options.resume = report;
    if (skipInvalid && action === "create") options.skipInvalid = true;
    try {
      report =
        action === "create"
          ? await credentials.createMany(items, options)
          : await credentials.deleteMany(items, options);
    } catch (error) {
      setState("error", error);
      return;
    }
    if (stopping === "pause") setState("paused", report);
    else setState(stopping === "cancel" ? "cancelled" : "finished", report);
  }

  return {
    get state() {
      return state;
    },
    get report() {
      return report;
    },
    start: go,
    pause() {
      if (state !== "running") return;
      stopping = "pause";
      setState("pausing");
      controller.abort();
    },
    resume() {
      if (state === "paused") return go();
    },
    /** Stops for good: a running run settles first; the report so far is the final one. */
    cancel() {
      if (state === "paused") setState("cancelled", report);
      else if (state === "running" || state === "pausing") {
        stopping = "cancel";
        setState("cancelling");
        controller.abort();
      }
    },
  };
}

/** "12.5/s · about 8 s left" from an onProgress value. */
export function describeProgress({ done, failed, total, ratePerSecond, etaMs }) {
  const rate = ratePerSecond == null ? "—" : `${ratePerSecond.toFixed(1)}/s`;
  const left =
    done + failed === total ? "done" : etaMs == null ? "time left unknown" : `about ${formatDuration(etaMs)} left`;
  return `${done + failed} of ${total} · ${rate} · ${left}`;
}

function formatDuration(ms) {
  const s = Math.ceil(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
