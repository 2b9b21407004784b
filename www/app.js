// Entry point: the connect panel (client from an API key or a client session token), the
// tabs, the directory of systems and users (names for every view), and the wiring between the views.

import { SeamClient } from "seam-acs-wasm";
import { createCredentialsView } from "./credentials.js";
import { createDetail } from "./detail.js";
import { createDirectory } from "./directory.js";
import { createEntrancesView } from "./entrances.js";
import { createCreateForm } from "./forms.js";
import { createScan } from "./scan.js";
import { createUsersView } from "./users.js";
import { $, showError } from "./ui.js";

const AUTH_LABELS = { api_key: "an API key", client_session: "a client session token" };

/**
 * The current connection: the client and its two namespaces. Views compare it with
 * getConnection() after each await and drop answers of a replaced connection.
 */
let connection = null;
const getConnection = () => connection;

const directory = createDirectory();
const connectForm = $("#connect-form");
const endpointInput = $("#connect-endpoint");
const kindSelect = $("#connect-kind");
const tokenInput = $("#connect-token");
const connectButton = $('[data-testid="connect-submit"]');
const connectError = $("#connect-error");
const status = $("#connection-status");
const openCreate = $("#open-create");
const openScan = $("#open-scan");

const revokeSelected = $("#revoke-selected");

const credentialsView = createCredentialsView({
  directory,
  onOpen: (c) => openDetail(c),
  onSelect: (ids) => {
    revokeSelected.disabled = ids.length === 0 || !connection?.canWrite;
    revokeSelected.textContent = ids.length ? `Revoke ${ids.length} selected…` : "Revoke selected…";
  },
});
/**
 * The Bulk view, made when first opened (a promise of it): most visits never bulk-edit, so
 * its modules and papaparse load only then. A view made while connected starts at once.
 */
let bulkView = null;
function openBulk() {
  bulkView ??= import("./bulk.js").then(
    ({ createBulkView }) => {
      const view = createBulkView({
        getConnection,
        getSelection: () => credentialsView.ticked(),
        // Deleted rows leave the table; created ones show on its next load (there may be thousands).
        onDone: ({ action, report, items }) => {
          if (action !== "delete") return;
          for (const item of report.items) if (item.status === "deleted") credentialsView.remove(items[item.index]);
        },
      });
      if (connection?.canWrite) view.start();
      $("#view-bulk").removeAttribute("aria-busy"); // wired: its inputs may be used
      return view;
    },
    (error) => {
      bulkView = null; // the next opening tries again
      showError($("#bulk-error"), error, { title: "Could not load the Bulk view" });
      return null;
    },
  );
  return bulkView;
}
revokeSelected.addEventListener("click", async () => {
  showView("bulk");
  (await openBulk())?.revoke(credentialsView.ticked());
});
const createForm = createCreateForm({
  getConnection,
  directory,
  onOpen: () => detail.close(),
  onCreated: (credential) => {
    credentialsView.upsert(credential, { isNew: true });
    credentialsView.notify(`Created “${credential.display_name ?? "credential"}” (${credential.acs_credential_id}).`);
  },
});
const detail = createDetail({
  getConnection,
  directory,
  onChanged: (credential) => credentialsView.upsert(credential),
  onDeleted: (credential) => {
    credentialsView.remove(credential.acs_credential_id);
    credentialsView.notify(`Deleted “${credential.display_name ?? "credential"}” (${credential.acs_credential_id}).`);
  },
  onOpenEntrance: (entrance) => {
    showView("entrances");
    entrancesView.show(entrance);
  },
  onClose: () => credentialsView.select(null),
});
const entrancesView = createEntrancesView({
  directory,
  onLoaded: (entrances) => createForm.setEntrances(entrances),
  onOpenCredential: (credential) => {
    showView("credentials");
    openDetail(credential);
  },
});

const usersView = createUsersView({
  directory,
  onOpenCredential: (credential) => {
    showView("credentials");
    openDetail(credential);
  },
});
const scan = createScan({
  getConnection,
  directory,
  onOpen: () => {
    createForm.close();
    detail.close();
  },
  onOpenCredential: (credential) => openDetail(credential),
});

function openDetail(credential) {
  createForm.close();
  scan.close();
  credentialsView.select(credential.acs_credential_id);
  detail.open(credential);
}

openCreate.addEventListener("click", () => {
  scan.close();
  createForm.open();
});
openScan.addEventListener("click", () => scan.open());

// Drawers open below the sticky top bar (its height changes when it wraps).
const topbar = $(".topbar");
new ResizeObserver(() =>
  document.documentElement.style.setProperty("--topbar-height", `${topbar.offsetHeight}px`),
).observe(topbar);

// ---------------------------------------------------------------- connect

connectForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  showError(connectError, null);
  const endpoint = endpointInput.value.trim() || location.origin;
  const token = tokenInput.value.trim();
  let seam;
  try {
    // Only builds the client (checks the token's form and the endpoint); nothing is sent yet.
    seam =
      kindSelect.value === "client_session"
        ? SeamClient.fromClientSessionToken(token, { endpoint })
        : SeamClient.fromApiKey(token, { endpoint });
  } catch (error) {
    showError(connectError, error, { title: "Cannot connect" });
    return;
  }
  disconnect();
  const mine = (connection = {
    seam,
    credentials: seam.acs.credentials,
    entrances: seam.acs.entrances,
    authMode: seam.authMode,
    // Which calls this token may make is the package's knowledge (the contract's security
    // lines): the write forms are offered only when it says create is allowed.
    canWrite: seam.allows("/acs/credentials/create"),
    canEncode: seam.allows("/acs/encoders/encode_credential"),
    canScan: seam.allows("/acs/encoders/scan_credential"),
  });
  connectButton.disabled = true;
  status.textContent = "Connecting…";
  status.className = "status";
  try {
    // The first page of credentials tells whether the server accepts the token.
    const isCurrent = () => connection === mine;
    await Promise.all([
      credentialsView.start(mine),
      entrancesView.start(mine),
      usersView.start(mine),
      directory.load(mine, { isCurrent }),
    ]);
    if (mine.canWrite) bulkView?.then((view) => view?.start());
    if (connection !== mine) return;
    status.textContent = `Connected with ${AUTH_LABELS[mine.authMode] ?? mine.authMode} to ${seam.endpoint}`;
    status.className = "status ok";
    openCreate.disabled = false;
    openScan.disabled = false;
    openCreate.title = mine.canWrite ? "" : "Creating a credential needs an API key";
  } catch (error) {
    if (connection !== mine) return;
    disconnect();
    showError(connectError, error, { title: "Could not connect" });
  } finally {
    if (connection === mine || connection === null) connectButton.disabled = false;
  }
});

function disconnect() {
  const old = connection;
  connection = null;
  createForm.close();
  detail.close();
  credentialsView.stop();
  entrancesView.stop();
  usersView.stop();
  scan.close();
  bulkView?.then((view) => view?.stop());
  directory.clear();
  openCreate.disabled = true;
  openScan.disabled = true;
  status.textContent = "Not connected";
  status.className = "status";
  if (old) {
    // In-flight calls keep what they need; the namespaces go at garbage collection.
    old.seam.free();
  }
}

/** Prefills the connect panel from /config.json when the server has one (scripts/demo.sh does). */
async function prefill() {
  endpointInput.value = location.origin;
  try {
    const response = await fetch("/config.json", { cache: "no-store" });
    if (!response.ok) return;
    const config = await response.json();
    if (typeof config.endpoint === "string") endpointInput.value = config.endpoint;
    if (typeof config.token === "string") tokenInput.value = config.token;
    else {
      // The server keeps the key out of the page unless asked to (SEAM_CONSOLE_PREFILL_KEY).
      status.textContent = "Paste your API key or a client session token to connect";
      tokenInput.focus();
    }
    const kind = config.tokenKind === "client_session_token" ? "client_session" : config.tokenKind;
    if (kind === "api_key" || kind === "client_session") kindSelect.value = kind;
  } catch {
    // No config: the user types the endpoint and token.
  }
}

// ---------------------------------------------------------------- tabs

const tabs = [...document.querySelectorAll('[role="tab"]')];
function showView(name) {
  for (const tab of tabs) tab.setAttribute("aria-selected", String(tab.dataset.view === name));
  for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== `view-${name}`;
  if (name === "bulk") openBulk();
  if (name !== "credentials") {
    createForm.close();
    detail.close();
    scan.close();
  }
}
for (const tab of tabs) tab.addEventListener("click", () => showView(tab.dataset.view));

await prefill();
document.body.dataset.ready = "true";
