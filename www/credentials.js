// Credentials view: search and filters, the table, and paging with listPage + "Load more".

import { validateRequest } from "seam-acs-wasm";
import { $, badge, h, idText, muted, problemBadges, showError, showNotice, validity } from "./ui.js";

export const PAGE_SIZE = 20;

/**
 * One table row (compact: without the external type). `data-credential-id` identifies it.
 * With `selection` (a Set of ids), a first cell ticks it in and out of that set (for a bulk
 * revoke) and calls `onSelect`.
 */
export function credentialRow(c, { onOpen, testid = "credential-row", compact = false, selection, onSelect } = {}) {
  const row = h(
    "tr",
    { testid, dataset: { credentialId: c.acs_credential_id }, tabindex: "0", class: "clickable" },
    selection ? h("td", { class: "select" }, selectBox(c.acs_credential_id, selection, onSelect)) : null,
    h("td", {}, h("div", { class: "name" }, c.display_name || muted("(no name)")), h("div", { class: "sub" }, idText(c.acs_credential_id))),
    h("td", {}, c.access_method ? badge(c.access_method.replaceAll("_", " "), { kind: "plain" }) : muted("—")),
    h("td", { class: "mono" }, c.code ?? c.card_number ?? muted("—")),
    h("td", { testid: "cell-user" }, c.acs_user_id ? idText(c.acs_user_id) : muted("unassigned")),
    h("td", {}, validity(c)),
    h("td", {}, h("div", { class: "badges" }, problemBadges(c))),
    compact ? null : h("td", {}, c.external_type_display_name ?? c.external_type ?? muted("—")),
  );
  if (onOpen) {
    row.addEventListener("click", () => onOpen(c.acs_credential_id));
    row.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        onOpen(c.acs_credential_id);
      }
    });
  }
  return row;
}

function selectBox(id, selection, onSelect) {
  const box = h("input", { type: "checkbox", checked: selection.has(id), "aria-label": "Select for a bulk revoke", testid: "credential-select" });
  // Ticking is not opening the detail.
  box.addEventListener("click", (event) => event.stopPropagation());
  box.addEventListener("keydown", (event) => event.stopPropagation());
  box.addEventListener("change", () => {
    if (box.checked) selection.add(id);
    else selection.delete(id);
    onSelect?.();
  });
  return box;
}

/**
 * The credentials table. `known` collects the systems and users seen (for the filters);
 * `onOpen(credential)` opens the detail.
 */
export function createCredentialsView({ known, onOpen, onSelect }) {
  const search = $("#filter-search");
  const systemSelect = $("#filter-system");
  const userSelect = $("#filter-user");
  const body = $("#credentials-body");
  const empty = $("#credentials-empty");
  const count = $("#credentials-count");
  const loadMore = $("#load-more");
  const errorBox = $("#credentials-error");
  const issuesBox = $("#filter-issues");
  const notice = $("#credentials-notice");

  let connection = null;
  let credentials = new Map(); // id → credential, in table order
  let cursor = null;
  let hasNextPage = false;
  let loading = null; // token of the latest list call; older answers are ignored
  let selectedId = null;
  const ticked = new Set(); // ids selected for a bulk revoke
  const rowOptions = () => ({ onOpen: open, selection: ticked, onSelect: () => onSelect?.([...ticked]) });

  const open = (id) => {
    const credential = credentials.get(id);
    if (credential) onOpen(credential);
  };

  function params() {
    const p = { limit: PAGE_SIZE };
    const text = search.value.trim();
    if (text) p.search = text;
    if (systemSelect.value) p.acs_system_id = systemSelect.value;
    if (userSelect.value) p.acs_user_id = userSelect.value;
    return p;
  }

  /** Loads the first page (append = false) or the next one. Rejects only for the first page of a connection. */
  async function load({ append }) {
    if (connection == null) return;
    const p = params();
    if (append) p.page_cursor = cursor;
    // Checked before sending: a bad filter is reported here and nothing is sent.
    const issues = validateRequest("/acs/credentials/list", p);
    issuesBox.replaceChildren(...issues.map((i) => h("p", {}, `${i.path}: ${i.message}`)));
    issuesBox.hidden = issues.length === 0;
    if (issues.length) return;

    const current = (loading = {});
    const from = connection;
    showError(errorBox, null);
    loadMore.disabled = true;
    loadMore.textContent = "Loading…";
    if (!append) count.textContent = "Loading…";
    try {
      const page = await from.credentials.listPage(p);
      if (loading !== current || connection !== from) return;
      if (!append) {
        credentials = new Map();
        body.replaceChildren();
      }
      known.addCredentials(page.items);
      for (const c of page.items) {
        if (credentials.has(c.acs_credential_id)) continue; // e.g. created here, then paged in
        credentials.set(c.acs_credential_id, c);
        body.append(credentialRow(c, rowOptions()));
      }
      cursor = page.pagination.nextPageCursor;
      hasNextPage = page.pagination.hasNextPage && cursor != null;
      markSelected();
    } catch (error) {
      if (loading !== current || connection !== from) return;
      showError(errorBox, error, { title: append ? "Could not load more credentials" : "Could not list credentials" });
      throw error;
    } finally {
      if (loading === current) {
        loading = null;
        renderFooter();
      }
    }
  }

  function renderFooter() {
    const n = credentials.size;
    empty.hidden = n > 0;
    empty.textContent = connection == null ? "Connect to list credentials." : "No credentials match.";
    count.textContent = connection == null ? "" : `${n} credential${n === 1 ? "" : "s"} shown · ${hasNextPage ? "more available" : "all loaded"}`;
    loadMore.hidden = !hasNextPage;
    loadMore.disabled = false;
    loadMore.textContent = "Load more";
  }

  const reload = () => load({ append: false }).catch(() => {});
  loadMore.addEventListener("click", () => load({ append: true }).catch(() => {}));
  let searchTimer;
  search.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(reload, 250);
  });
  systemSelect.addEventListener("change", () => {
    // A user of another system would match nothing: clear it.
    if (userSelect.value && systemSelect.value && known.users.get(userSelect.value)?.systemId !== systemSelect.value) {
      userSelect.value = "";
    }
    renderUserOptions();
    reload();
  });
  userSelect.addEventListener("change", reload);

  function renderSystemOptions() {
    fillSelect(systemSelect, "All systems", [...known.systems.keys()].map((id) => [id, known.systemLabel(id)]));
  }
  function renderUserOptions() {
    const system = systemSelect.value;
    const users = [...known.users].filter(([, u]) => !system || u.systemId === system);
    fillSelect(userSelect, "All users", users.map(([id]) => [id, known.userLabel(id)]));
  }
  known.subscribe(() => {
    renderSystemOptions();
    renderUserOptions();
  });

  function markSelected() {
    for (const row of body.rows) row.setAttribute("aria-selected", String(row.dataset.credentialId === selectedId));
  }

  return {
    /** Starts on a new connection: clears filters and the table, loads the first page (rejects on failure). */
    async start(newConnection) {
      connection = newConnection;
      search.value = "";
      systemSelect.value = "";
      userSelect.value = "";
      for (const el of [search, systemSelect, userSelect]) el.disabled = false;
      showNotice(notice, "");
      credentials = new Map();
      ticked.clear();
      onSelect?.([]);
      body.replaceChildren();
      cursor = null;
      hasNextPage = false;
      await load({ append: false });
    },
    stop() {
      connection = null;
      loading = null;
      credentials = new Map();
      ticked.clear();
      onSelect?.([]);
      body.replaceChildren();
      hasNextPage = false;
      for (const el of [search, systemSelect, userSelect]) el.disabled = true;
      showError(errorBox, null);
      renderFooter();
    },
    /** Puts a created or changed credential in the table (a new one on top, marked "new"). */
    upsert(credential, { isNew = false } = {}) {
      known.addCredentials([credential]);
      const id = credential.acs_credential_id;
      const row = credentialRow(credential, rowOptions());
      const existing = body.querySelector(`tr[data-credential-id="${CSS.escape(id)}"]`);
      if (existing) existing.replaceWith(row);
      else if (isNew) body.prepend(row);
      else return;
      if (isNew) row.classList.add("is-new");
      else if (existing?.classList.contains("is-new")) row.classList.add("is-new");
      credentials.set(id, credential);
      markSelected();
      renderFooter();
    },
    remove(id) {
      credentials.delete(id);
      if (ticked.delete(id)) onSelect?.([...ticked]);
      body.querySelector(`tr[data-credential-id="${CSS.escape(id)}"]`)?.remove();
      if (selectedId === id) selectedId = null;
      renderFooter();
    },
    /** The ids ticked for a bulk revoke. */
    ticked: () => [...ticked],
    select(id) {
      selectedId = id;
      markSelected();
    },
    notify(text) {
      showNotice(notice, text, { kind: "ok" });
    },
  };
}

/** Replaces a select's options, keeping its value when still offered. */
function fillSelect(select, allLabel, options) {
  const value = select.value;
  select.replaceChildren(h("option", { value: "" }, allLabel), ...options.map(([id, label]) => h("option", { value: id, title: id }, label)));
  select.value = options.some(([id]) => id === value) ? value : "";
}
