// Bulk view: issue credentials from a CSV (createMany) or revoke them from the credentials
// selected in the table or a list of ids (deleteMany). The CSV format, its parsing and the
// row → item mapping are the `seam-acs` command's (cli/lib/csv.mjs), so a file that works
// there works here. Every row is checked as it is typed, by row and column; nothing is sent
// while a row has a problem unless "send only the valid rows" is ticked. A dry run reloads
// the directory (users, entrances) and resolves every row without sending anything.

import {
  CREATE_COLUMNS,
  formatIssue,
  loadDirectory,
  parseCsv,
  parseDeleteList,
  resolveCreateRows,
} from "seam-acs-cli/csv";
import { reportLinks, revokeLinks } from "./bulk-report.js";
import { createBulkRun, describeProgress } from "./bulk-run.js";
import { $, h, showError } from "./ui.js";

const STATE_TEXT = {
  running: "Running…",
  pausing: "Pausing: the requests in flight settle…",
  paused: "Paused. Resume sends what is left (nothing done is sent again).",
  cancelling: "Cancelling: the requests in flight settle…",
  cancelled: "Cancelled.",
  finished: "Finished.",
};

/**
 * `getConnection()` is the app's current connection (with its token, for listing users
 * while the package has no `seam.acs.users`); `getSelection()` the ids ticked in the
 * credentials table; `onDone({ action, report, items })` lets the table catch up.
 */
export function createBulkView({ getConnection, getSelection, onDone }) {
  const actionInputs = [...document.querySelectorAll('input[name="bulk-action"]')];
  const fileInput = $("#bulk-file");
  const text = $("#bulk-text");
  const useSelection = $("#bulk-use-selection");
  const columnsHint = $("#bulk-columns");
  const summary = $("#bulk-summary");
  const problems = $("#bulk-problems");
  const skipInvalid = $("#bulk-skip-invalid");
  const dryRunButton = $("#bulk-dry-run");
  const runButton = $("#bulk-start");
  const dryResult = $("#bulk-dry-result");
  const errorBox = $("#bulk-error");
  const runPanel = $("#bulk-run");
  const progressBar = $("#bulk-progress");
  const progressText = $("#bulk-progress-text");
  const stateText = $("#bulk-state");
  const countsText = $("#bulk-counts");
  const pauseButton = $("#bulk-pause");
  const resumeButton = $("#bulk-resume");
  const cancelButton = $("#bulk-cancel");
  const downloads = $("#bulk-downloads");

  let directory = null; // { connection, value } of the users/entrances/systems read for resolving
  let directoryFailed = false;
  let checked = { items: [], rows: [], issues: [] };
  let run = null;
  let issued = null; // the CSV text of the last create run: sending it again would issue it twice

  const action = () => actionInputs.find((input) => input.checked)?.value ?? "create";

  async function ensureDirectory({ fresh = false } = {}) {
    const connection = getConnection();
    if (connection == null) return null;
    if (!fresh && directory?.connection === connection) return directory.value;
    const value = await loadDirectory(connection.seam);
    directory = { connection, value };
    directoryFailed = false;
    return value;
  }

  /** Reads the input again: the items to send, the CSV row of each, and every problem. */
  function check() {
    if (text.value.trim() === "") {
      // An empty box is not a CSV without a header: there is nothing to check yet.
      checked = { items: [], rows: [], issues: [], ready: true };
    } else if (action() === "create") {
      const parsed = parseCsv(text.value, CREATE_COLUMNS);
      const dir = directory?.connection === getConnection() ? directory.value : null;
      const resolved = dir ? resolveCreateRows(parsed.rows, dir) : { items: [], issues: [] };
      checked = {
        items: resolved.items.map((item) => item.params),
        rows: resolved.items.map((item) => item.row),
        issues: [...parsed.issues, ...resolved.issues],
        ready: dir != null,
      };
    } else {
      checked = { ...parseDeleteList(text.value), ready: true };
      checked.items = checked.ids;
    }
    render();
  }

  function render() {
    const badRows = new Set(checked.issues.map((issue) => issue.row));
    const n = checked.items.length;
    problems.replaceChildren(
      ...checked.issues.map((issue) =>
        h(
          "li",
          { class: "error", testid: "bulk-problem", dataset: { row: String(issue.row), column: issue.column ?? "" } },
          formatIssue(issue),
        ),
      ),
    );
    const sendable = sendableIndexes().length;
    const connection = getConnection();
    if (connection && !connection.canWrite) summary.textContent = "Bulk runs need an API key: reconnect with one.";
    else if (!checked.ready)
      summary.textContent = !connection
        ? "Connect to check the rows."
        : directoryFailed
          ? "Could not read users and entrances: see below; a dry run tries again."
          : "Reading users and entrances…";
    else if (n === 0 && checked.issues.length === 0)
      summary.textContent = "Nothing to send yet: upload or paste a CSV.";
    else summary.textContent = `${n} row${n === 1 ? "" : "s"} · ${badRows.size} with problems · ${sendable} to send`;
    summary.className = badRows.size ? "summary bad" : "summary";
    const busy = run != null && !["finished", "cancelled", "error"].includes(run.state);
    const blocked = (badRows.size > 0 && !skipInvalid.checked) || (action() === "create" && text.value === issued);
    runButton.title =
      action() === "create" && text.value === issued
        ? "This CSV was issued already: sending it again would issue every row twice"
        : "";
    runButton.disabled = busy || !checked.ready || sendable === 0 || blocked || !connection?.canWrite;
    dryRunButton.disabled = busy || !connection?.canWrite;
    runButton.textContent =
      action() === "create"
        ? `Issue ${sendable} credential${sendable === 1 ? "" : "s"}`
        : `Revoke ${sendable} credential${sendable === 1 ? "" : "s"}`;
  }

  /** The items' indexes that go out: all of them, or with "only the valid rows" those without a problem. */
  function sendableIndexes() {
    const badRows = new Set(checked.issues.map((issue) => issue.row));
    const all = checked.items.map((_, i) => i);
    if (badRows.size === 0) return all;
    return skipInvalid.checked ? all.filter((i) => !badRows.has(checked.rows[i])) : [];
  }

  async function dryRun() {
    showError(errorBox, null);
    dryResult.textContent = "Resolving…";
    try {
      if (action() === "create") await ensureDirectory({ fresh: true });
      check();
      const users = new Set(checked.items.map((item) => item.acs_user_id).filter(Boolean));
      const entrances = new Set(checked.items.flatMap((item) => item.allowed_acs_entrance_ids ?? []));
      const sendable = sendableIndexes().length;
      dryResult.textContent =
        action() === "create"
          ? `Dry run: ${sendable} of ${checked.items.length} rows would be sent, for ${users.size} users and ${entrances.size} entrances. Nothing was sent.`
          : `Dry run: ${sendable} of ${checked.items.length} ids would be revoked. Nothing was sent.`;
    } catch (error) {
      dryResult.textContent = "";
      directoryFailed = true;
      check();
      showError(errorBox, error, { title: "The dry run could not read the directory" });
    }
  }

  function start() {
    const connection = getConnection();
    if (connection == null || runButton.disabled) return;
    const indexes = sendableIndexes();
    const rows = indexes.map((i) => checked.rows[i]);
    const kind = action();
    if (kind === "create") issued = text.value;
    const items = indexes.map((i) => checked.items[i]);
    const skipped = checked.issues; // sent only with "only the valid rows": these rows are left out
    showError(errorBox, null);
    revokeLinks(downloads);
    downloads.replaceChildren();
    runPanel.hidden = false;
    progressBar.value = 0;
    progressBar.max = indexes.length;
    progressText.textContent = `0 of ${indexes.length}`;
    countsText.textContent = "";
    run = createBulkRun({
      credentials: connection.credentials,
      action: kind,
      items,
      // The rows with a problem are left out here (a row can be sendable to the package and
      // still wrong, e.g. an entrance name that matched nothing); this tells the package
      // to report, not refuse, anything it finds invalid itself.
      skipInvalid: skipInvalid.checked,
      onProgress(p) {
        progressBar.value = p.done + p.failed;
        progressText.textContent = describeProgress(p);
      },
      onState(state, detail) {
        stateText.textContent = STATE_TEXT[state] ?? "";
        stateText.dataset.state = state;
        pauseButton.disabled = state !== "running";
        resumeButton.disabled = state !== "paused";
        cancelButton.disabled = !["running", "pausing", "paused"].includes(state);
        if (state === "error") showError(errorBox, detail, { title: "The run stopped" });
        if (detail?.counts) {
          countsText.textContent = Object.entries(detail.counts)
            .map(([name, n]) => `${name.replace("_", " ")}: ${n}`)
            .join(" · ");
          revokeLinks(downloads);
          downloads.replaceChildren(
            ...reportLinks(detail, { name: `${kind}-report`, rowOf: (index) => rows[index], skipped }),
          );
        }
        if (state === "finished" || state === "cancelled") onDone?.({ action: kind, report: detail, items });
        render();
      },
    });
    run.start();
  }

  for (const input of actionInputs) {
    input.addEventListener("change", () => {
      columnsHint.hidden = action() !== "create";
      useSelection.hidden = action() !== "delete";
      text.placeholder =
        action() === "create"
          ? CREATE_COLUMNS.join(",")
          : "acs_credential_id, one per line (or a CSV with that column)";
      dryResult.textContent = "";
      check();
    });
  }
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    if (file) {
      text.value = await file.text();
      check();
    }
  });
  let timer;
  text.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(check, 150);
  });
  skipInvalid.addEventListener("change", render);
  useSelection.addEventListener("click", () => {
    text.value = getSelection().join("\n");
    check();
  });
  dryRunButton.addEventListener("click", dryRun);
  runButton.addEventListener("click", start);
  pauseButton.addEventListener("click", () => run?.pause());
  resumeButton.addEventListener("click", () => run?.resume());
  cancelButton.addEventListener("click", () => run?.cancel());
  columnsHint.textContent = `Columns: ${CREATE_COLUMNS.join(", ")}. Entrances by name, separated by “;”.`;
  text.placeholder = CREATE_COLUMNS.join(",");

  return {
    /** A new connection: the directory is read again for it, the checks redone. */
    async start() {
      directory = null;
      check();
      try {
        await ensureDirectory();
      } catch (error) {
        directoryFailed = true;
        showError(errorBox, error, { title: "Could not read users and entrances" });
      }
      check();
    },
    stop() {
      run?.cancel();
      directory = null;
      check();
    },
    /** Opens the revoke form with these ids (from the credentials table's selection). */
    revoke(ids) {
      const input = actionInputs.find((i) => i.value === "delete");
      input.checked = true;
      input.dispatchEvent(new Event("change"));
      text.value = ids.join("\n");
      check();
    },
  };
}
