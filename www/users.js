// Users view: the people of the workspace (seam.acs.users.listPage with `search`) and, for the
// one picked, their credentials and the entrances they can open
// (seam.acs.users.listAccessibleEntrances).

import { credentialTable } from "./credentials.js";
import { personName } from "./directory.js";
import { $, h, muted, nameText, opensOnActivate, showError } from "./ui.js";

const PAGE_SIZE = 50;

/** `directory` names systems and users; `onOpenCredential(credential)` opens a credential's detail. */
export function createUsersView({ directory, onOpenCredential }) {
  const search = $("#users-search");
  const body = $("#users-body");
  const empty = $("#users-empty");
  const errorBox = $("#users-error");
  const panel = $("#user-panel");
  let connection = null;
  let users = [];
  let loading = null; // the latest search; older answers are dropped
  let selected = null; // { id } of the person shown

  async function load() {
    if (connection == null) return;
    const params = { limit: PAGE_SIZE };
    if (search.value.trim()) params.search = search.value.trim();
    const from = connection;
    const mine = (loading = {});
    try {
      const page = await from.seam.acs.users.listPage(params);
      if (loading !== mine || connection !== from) return;
      showError(errorBox, null);
      users = page.items;
      directory.addUsers(users);
      empty.textContent = page.pagination.hasNextPage ? `First ${users.length} shown: search to narrow.` : "";
    } catch (error) {
      if (loading !== mine || connection !== from) return;
      users = [];
      showError(errorBox, error, { title: "Could not list people" });
    }
    renderList();
  }

  function renderList() {
    body.replaceChildren(
      ...users.map((u) => {
        const row = h(
          "tr",
          { testid: "user-row", dataset: { userId: u.acs_user_id }, tabindex: "0", class: "clickable" },
          h("td", {}, h("div", { class: "name" }, personName(u)), h("div", { class: "sub" }, u.email_address ?? "")),
          h("td", {}, nameText(directory.systemName(u.acs_system_id), u.acs_system_id)),
        );
        return opensOnActivate(row, () => select(u));
      }),
    );
    if (connection == null) empty.textContent = "Connect to list people.";
    else if (!users.length) empty.textContent = "Nobody matches.";
    empty.hidden = !empty.textContent;
    for (const row of body.rows) row.setAttribute("aria-selected", String(row.dataset.userId === selected?.id));
  }

  async function select(user) {
    if (connection == null) return;
    const mine = (selected = { id: user.acs_user_id });
    renderList();
    const from = connection;
    const credentials = h("div", { testid: "user-credentials" }, muted("Loading…"));
    const entrances = h(
      "ul",
      { class: "entrance-list", testid: "user-entrances" },
      h("li", { class: "muted" }, "Loading…"),
    );
    const row = (term, value, testid) => [h("dt", {}, term), h("dd", { testid }, value || muted("—"))];
    panel.replaceChildren(
      h("h2", { testid: "user-title" }, personName(user)),
      h(
        "dl",
        { class: "fields" },
        row("Email", user.email_address),
        row("Phone", user.phone_number),
        row("ACS system", directory.systemName(user.acs_system_id), "user-system"),
        row("ACS user id", h("code", {}, user.acs_user_id)),
      ),
      h("section", {}, h("h3", {}, "Credentials"), credentials),
      h("section", {}, h("h3", {}, "Accessible entrances"), entrances),
    );
    const shown = () => selected === mine && connection === from;
    const failed = (target, title) => (error) => {
      if (!shown()) return;
      const box = h("div", { class: "error-box" });
      showError(box, error, { title });
      target.replaceChildren(box);
    };
    from.credentials
      .list({ acs_user_id: user.acs_user_id })
      .then((list) => {
        if (!shown()) return;
        credentials.replaceChildren(
          list.length
            ? credentialTable(list, {
                directory,
                onOpen: onOpenCredential,
                rowTestid: "user-credential-row",
                withUser: false,
              })
            : muted("No credentials."),
        );
      })
      .catch(failed(credentials, "Could not list the credentials"));
    from.seam.acs.users
      .listAccessibleEntrances({ acs_user_id: user.acs_user_id })
      .then((list) => {
        if (!shown()) return;
        entrances.replaceChildren(
          ...(list.length
            ? list.map((e) =>
                h(
                  "li",
                  { testid: "user-entrance" },
                  e.display_name || e.acs_entrance_id,
                  " ",
                  muted(directory.systemName(e.acs_system_id)),
                ),
              )
            : [h("li", { class: "muted" }, "None")]),
        );
      })
      .catch(failed(entrances, "Could not list the entrances"));
  }

  function resetPanel() {
    panel.replaceChildren(
      h("p", { class: "empty" }, "Pick a person to see their credentials and the entrances they can open."),
    );
  }

  let timer;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(load, 250);
  });
  directory.subscribe(() => renderList());

  return {
    /** Loads the people of a new connection (errors shown in the view, never thrown). */
    async start(newConnection) {
      connection = newConnection;
      selected = null;
      search.value = "";
      search.disabled = false;
      resetPanel();
      await load();
    },
    stop() {
      connection = null;
      selected = null;
      loading = null;
      users = [];
      search.disabled = true;
      showError(errorBox, null);
      resetPanel();
      renderList();
    },
  };
}
