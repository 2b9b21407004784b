// Credentials view: search and filters, the table, and paging with listPage + "Load more".

import { validateRequest } from "seam-acs-wasm";
import {
  $,
  badge,
  h,
  idText,
  muted,
  nameText,
  opensOnActivate,
  problemBadges,
  showError,
  showNotice,
  validity,
} from "./ui.js";

export const PAGE_SIZE = 20;

/**
 * One table row (compact: without the external type; withUser: false in a person's own list).
 * `data-credential-id` identifies it; `directory` names the user. With `selection` (a Set of
 * ids), a first cell ticks it in and out of that set (for a bulk revoke) and calls `onSelect`.
 */
export function credentialRow(
  c,
  { directory, onOpen, testid = "credential-row", compact = false, withUser = true, selection, onSelect },
) {
  const row = h(
    "tr",
    { testid, dataset: { credentialId: c.acs_credential_id }, tabindex: "0", class: "clickable" },
    selection ? h("td", { class: "select" }, selectBox(c.acs_credential_id, selection, onSelect)) : null,
    h(
      "td",
      {},
      h("div", { class: "name" }, c.display_name || muted("(no name)")),
      h("div", { class: "sub" }, idText(c.acs_credential_id)),
    ),
    h("td", {}, c.access_method ? badge(c.access_method.replaceAll("_", " "), { kind: "plain" }) : muted("—")),
    h("td", { class: "mono" }, c.code ?? c.card_number ?? muted("—")),
    withUser
      ? h(
          "td",
          { testid: "cell-user" },
          c.acs_user_id ? nameText(directory.userName(c.acs_user_id), c.acs_user_id) : muted("unassigned"),
        )
      : null,
    h("td", {}, validity(c)),
    h("td", {}, h("div", { class: "badges" }, problemBadges(c))),
    compact ? null : h("td", {}, c.external_type_display_name ?? c.external_type ?? muted("—")),
  );
  return onOpen ? opensOnActivate(row, () => onOpen(c.acs_credential_id)) : row;
}

function selectBox(id, selection, onSelect) {
  const box = h("input", {
    type: "checkbox",
    checked: selection.has(id),
    "aria-label": "Select for a bulk revoke",
    testid: "credential-select",
  });
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
 * A compact table of credentials (an entrance's, a person's), each row opening with
 * `onOpen(credential)`; `withUser: false` leaves out the user column.
 */
export function credentialTable(credentials, { directory, onOpen, testid, rowTestid, withUser = true }) {
  const headings = ["Credential", "Method", "Code / card", withUser ? "User" : null, "Validity", "Warnings"].filter(
    Boolean,
  );
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "grid compact", testid },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          headings.map((t) => h("th", {}, t)),
        ),
      ),
      h(
        "tbody",
        {},
        credentials.map((c) =>
          credentialRow(c, { directory, onOpen: () => onOpen(c), testid: rowTestid, compact: true, withUser }),
        ),
      ),
    ),
  );
}

/**
 * The credentials table. `directory` names the systems and users (the filters, the user
 * column); `onOpen(credential)` opens the detail.
 */
export function createCredentialsView({ directory, onOpen, onSelect }) {
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
  const hint = $("#filter-hint");

  let connection = null;
  let credentials = new Map(); // id → credential, in table order
  const fresh = new Set(); // ids created here, marked "new"
  let cursor = null;
  let hasNextPage = false;
  let loading = null; // token of the latest list call; older answers are ignored
  let selectedId = null;

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
      for (const c of page.items) {
        if (credentials.has(c.acs_credential_id)) continue; // e.g. created here, then paged in
        credentials.set(c.acs_credential_id, c);
        body.append(row(c));
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
    count.textContent =
      connection == null
        ? ""
        : `${n} credential${n === 1 ? "" : "s"} shown · ${hasNextPage ? "more available" : "all loaded"}`;
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
    if (
      userSelect.value &&
      systemSelect.value &&
      directory.users.get(userSelect.value)?.acs_system_id !== systemSelect.value
    ) {
      userSelect.value = "";
    }
    renderUserOptions();
    reload();
  });
  userSelect.addEventListener("change", reload);

  const ticked = new Set(); // ids selected for a bulk revoke
  const row = (c) =>
    credentialRow(c, { directory, onOpen: open, selection: ticked, onSelect: () => onSelect?.([...ticked]) });

  function renderSystemOptions() {
    fillSelect(
      systemSelect,
      "All systems",
      [...directory.systems.keys()].map((id) => [id, directory.systemName(id)]),
    );
  }
  function renderUserOptions() {
    const system = systemSelect.value;
    const users = [...directory.users.values()].filter((u) => !system || u.acs_system_id === system);
    fillSelect(
      userSelect,
      "All users",
      users.map((u) => [
        u.acs_user_id,
        system ? directory.userName(u.acs_user_id) : directory.userLabel(u.acs_user_id),
      ]),
    );
  }
  // Names arrive with the directory, maybe after the first page: the rows are redrawn.
  directory.subscribe(() => {
    renderSystemOptions();
    renderUserOptions();
    body.replaceChildren(...[...credentials.values()].map(row));
    for (const tr of body.rows) if (fresh.has(tr.dataset.credentialId)) tr.classList.add("is-new");
    markSelected();
    const missing = directory.problems.map((p) => `${p.what} (${p.error?.message ?? p.error})`);
    hint.textContent = missing.length
      ? `Could not load the ${missing.join(" and the ")}: their ids are shown instead of names.`
      : "";
    hint.hidden = missing.length === 0;
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
      fresh.clear();
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
      const id = credential.acs_credential_id;
      const tr = row(credential);
      const existing = body.querySelector(`tr[data-credential-id="${CSS.escape(id)}"]`);
      if (existing) existing.replaceWith(tr);
      else if (isNew) body.prepend(tr);
      else return;
      if (isNew) fresh.add(id);
      if (fresh.has(id)) tr.classList.add("is-new");
      if (isNew && !existing) credentials = new Map([[id, credential], ...credentials]);
      else credentials.set(id, credential);
      markSelected();
      renderFooter();
    },
    remove(id) {
      credentials.delete(id);
      body.querySelector(`tr[data-credential-id="${CSS.escape(id)}"]`)?.remove();
      if (selectedId === id) selectedId = null;
      if (ticked.delete(id)) onSelect?.([...ticked]);
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
  select.replaceChildren(
    h("option", { value: "" }, allLabel),
    ...options.map(([id, label]) => h("option", { value: id, title: id }, label)),
  );
  select.value = options.some(([id]) => id === value) ? value : "";
}
