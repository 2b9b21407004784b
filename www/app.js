// Entry point: the connect panel (client from an API key or a client session token), the
// tabs, the ids seen so far (for filters and pickers), and the wiring between the views.

import { SeamClient } from "seam-acs-wasm";
import { createBulkView } from "./bulk.js";
import { createCredentialsView } from "./credentials.js";
import { createDetail } from "./detail.js";
import { createEntrancesView } from "./entrances.js";
import { createCreateForm } from "./forms.js";
import { $, h, shortId, showError } from "./ui.js";

const AUTH_LABELS = { api_key: "an API key", client_session: "a client session token" };

/**
 * The current connection: the client and its two namespaces. Views compare it with
 * getConnection() after each await and drop answers of a replaced connection.
 */
let connection = null;
const getConnection = () => connection;

const known = createKnown();
const connectForm = $("#connect-form");
const endpointInput = $("#connect-endpoint");
const kindSelect = $("#connect-kind");
const tokenInput = $("#connect-token");
const connectButton = $('[data-testid="connect-submit"]');
const connectError = $("#connect-error");
const status = $("#connection-status");
const openCreate = $("#open-create");
const revokeSelected = $("#revoke-selected");

const credentialsView = createCredentialsView({
  known,
  onOpen: (c) => openDetail(c),
  onSelect: (ids) => {
    revokeSelected.disabled = ids.length === 0 || !connection?.canWrite;
    revokeSelected.textContent = ids.length ? `Revoke ${ids.length} selected…` : "Revoke selected…";
  },
});
const bulkView = createBulkView({
  getConnection,
  getSelection: () => credentialsView.ticked(),
  // Deleted rows leave the table; created ones show on its next load (there may be thousands).
  onDone: ({ action, report, items }) => {
    if (action !== "delete") return;
    for (const item of report.items) if (item.status === "deleted") credentialsView.remove(items[item.index]);
  },
});
revokeSelected.addEventListener("click", () => {
  showView("bulk");
  bulkView.revoke(credentialsView.ticked());
});
const createForm = createCreateForm({
  getConnection,
  onOpen: () => detail.close(),
  onCreated: (credential) => {
    credentialsView.upsert(credential, { isNew: true });
    credentialsView.notify(`Created “${credential.display_name ?? "credential"}” (${credential.acs_credential_id}).`);
  },
});
const detail = createDetail({
  getConnection,
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
  known,
  onLoaded: (entrances) => createForm.setEntrances(entrances, (systemId) => known.systemKinds(systemId)),
  onOpenCredential: (credential) => {
    showView("credentials");
    openDetail(credential);
  },
});

function openDetail(credential) {
  createForm.close();
  credentialsView.select(credential.acs_credential_id);
  detail.open(credential);
}

openCreate.addEventListener("click", () => createForm.open());

// Drawers open below the sticky top bar (its height changes when it wraps).
const topbar = $(".topbar");
new ResizeObserver(() => document.documentElement.style.setProperty("--topbar-height", `${topbar.offsetHeight}px`)).observe(topbar);

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
    // Kept for listing ACS users in the Bulk view while the package has no acs.users.
    token,
    // Which calls this token may make is the package's knowledge (the contract's security
    // lines): the write forms are offered only when it says create is allowed.
    canWrite: seam.allows("/acs/credentials/create"),
  });
  connectButton.disabled = true;
  status.textContent = "Connecting…";
  status.className = "status";
  try {
    // The first page of credentials tells whether the server accepts the token.
    await Promise.all([credentialsView.start(mine), entrancesView.start(mine)]);
    if (mine.canWrite) bulkView.start();
    if (connection !== mine) return;
    status.textContent = `Connected with ${AUTH_LABELS[mine.authMode] ?? mine.authMode} to ${seam.endpoint}`;
    status.className = "status ok";
    openCreate.disabled = false;
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
  bulkView.stop();
  known.clear();
  openCreate.disabled = true;
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
  if (name !== "credentials") {
    createForm.close();
    detail.close();
  }
}
for (const tab of tabs) tab.addEventListener("click", () => showView(tab.dataset.view));

// ---------------------------------------------------------------- ids seen so far

/**
 * The package has no systems or users API, so the filters and pickers offer the ACS systems
 * and users seen in the credentials and entrances loaded so far (labels are ids).
 */
function createKnown() {
  const systems = new Map(); // acs_system_id → { entrances: Set<name>, kinds: Set<external type name> }
  const users = new Map(); // acs_user_id → { systemId, credentials: Set<id> }
  const listeners = new Set();
  const system = (id) => {
    if (!systems.has(id)) systems.set(id, { entrances: new Set(), kinds: new Set() });
    return systems.get(id);
  };
  const changed = () => {
    for (const listener of listeners) listener();
    renderUserDatalist();
  };
  function renderUserDatalist() {
    $("#known-users").replaceChildren(...[...users.keys()].map((id) => h("option", { value: id }, api.userLabel(id))));
  }
  const api = {
    systems,
    users,
    addCredentials(list) {
      for (const c of list) {
        if (c.acs_system_id) {
          const kind = c.external_type_display_name ?? c.external_type;
          if (kind) system(c.acs_system_id).kinds.add(kind);
          else system(c.acs_system_id);
        }
        if (c.acs_user_id) {
          const user = users.get(c.acs_user_id) ?? { systemId: c.acs_system_id, credentials: new Set() };
          user.credentials.add(c.acs_credential_id);
          users.set(c.acs_user_id, user);
        }
      }
      changed();
    },
    addEntrances(list) {
      for (const e of list) if (e.acs_system_id && e.display_name) system(e.acs_system_id).entrances.add(e.display_name);
      changed();
    },
    systemKinds(id) {
      return [...(systems.get(id)?.kinds ?? [])].join(", ");
    },
    systemLabel(id) {
      const names = [...(systems.get(id)?.entrances ?? [])];
      const doors = names.length > 2 ? `${names.slice(0, 2).join(", ")} +${names.length - 2}` : names.join(", ");
      return doors ? `${shortId(id)} · ${doors}` : shortId(id);
    },
    userLabel(id) {
      const user = users.get(id);
      if (!user) return shortId(id);
      const n = user.credentials.size;
      return `${shortId(id)} · system ${shortId(user.systemId)} · ${n} credential${n === 1 ? "" : "s"}`;
    },
    subscribe(listener) {
      listeners.add(listener);
    },
    clear() {
      systems.clear();
      users.clear();
      changed();
    },
  };
  return api;
}

await prefill();
document.body.dataset.ready = "true";
