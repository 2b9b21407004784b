// Entrances view: the entrances of the workspace and, for the one picked, the credentials
// that have access to it (seam.acs.entrances.listCredentialsWithAccess).

import { credentialTable } from "./credentials.js";
import { $, badge, h, idText, muted, nameText, opensOnActivate, problemBadges, showError } from "./ui.js";

const UNLOCKS = [
  ["can_unlock_with_code", "code"],
  ["can_unlock_with_card", "card"],
  ["can_unlock_with_mobile_key", "mobile key"],
  ["can_unlock_with_cloud_key", "cloud key"],
];

/**
 * `directory` names systems and users; `onLoaded(entrances)` shares the list (the create
 * form's checkboxes); `onOpenCredential(credential)` opens a credential's detail.
 */
export function createEntrancesView({ directory, onLoaded, onOpenCredential }) {
  const body = $("#entrances-body");
  const empty = $("#entrances-empty");
  const errorBox = $("#entrances-error");
  const panel = $("#entrance-access");
  let connection = null;
  let entrances = [];
  let selected = null; // { id } of the entrance shown; answers for another one are ignored

  function renderList() {
    body.replaceChildren(
      ...entrances.map((e) => {
        const row = h(
          "tr",
          { testid: "entrance-row", dataset: { entranceId: e.acs_entrance_id }, tabindex: "0", class: "clickable" },
          h(
            "td",
            {},
            h("div", { class: "name" }, e.display_name || muted("(no name)")),
            h("div", { class: "sub" }, idText(e.acs_entrance_id)),
          ),
          h("td", { testid: "cell-system" }, nameText(directory.systemName(e.acs_system_id), e.acs_system_id)),
          h("td", {}, h("div", { class: "badges" }, unlockBadges(e))),
          h("td", {}, h("div", { class: "badges" }, problemBadges(e))),
        );
        return opensOnActivate(row, () => select(e));
      }),
    );
    empty.hidden = entrances.length > 0;
    empty.textContent = connection ? "No entrances." : "Connect to list entrances.";
    markSelected();
  }

  directory.subscribe(() => renderList());

  function markSelected() {
    for (const row of body.rows) row.setAttribute("aria-selected", String(row.dataset.entranceId === selected?.id));
  }

  async function select(entrance) {
    if (connection == null) return;
    const mine = (selected = { id: entrance.acs_entrance_id });
    markSelected();
    const title = h(
      "h2",
      { testid: "access-title" },
      "Who has access to ",
      entrance.display_name || entrance.acs_entrance_id,
    );
    panel.replaceChildren(title, h("p", { class: "muted" }, "Loading…"));
    try {
      const credentials = await connection.entrances.listCredentialsWithAccess({
        acs_entrance_id: entrance.acs_entrance_id,
      });
      if (selected !== mine) return;
      const table = credentialTable(credentials, {
        directory,
        onOpen: onOpenCredential,
        testid: "access-table",
        rowTestid: "access-row",
      });
      table.hidden = credentials.length === 0;
      panel.replaceChildren(
        title,
        h(
          "p",
          { class: "muted", testid: "access-count" },
          `${credentials.length} credential${credentials.length === 1 ? "" : "s"} with access`,
        ),
        table,
      );
    } catch (error) {
      if (selected !== mine) return;
      const box = h("div", { class: "error-box", testid: "access-error" });
      showError(box, error, { title: "Could not list who has access" });
      panel.replaceChildren(title, box);
    }
  }

  function resetPanel() {
    panel.replaceChildren(h("p", { class: "empty" }, "Pick an entrance to see who has access."));
  }

  return {
    /** Loads the entrances of a new connection (errors shown in the view, never thrown). */
    async start(newConnection) {
      connection = newConnection;
      entrances = [];
      selected = null;
      resetPanel();
      showError(errorBox, null);
      empty.textContent = "Loading…";
      try {
        const list = await connection.entrances.list({});
        if (connection !== newConnection) return;
        entrances = list;
        onLoaded(list);
      } catch (error) {
        if (connection !== newConnection) return;
        showError(errorBox, error, { title: "Could not list entrances" });
      }
      renderList();
    },
    stop() {
      connection = null;
      selected = null;
      entrances = [];
      resetPanel();
      renderList();
      onLoaded([]);
    },
    /** Shows who has access to an entrance (used from a credential's detail). */
    show(entranceOrId) {
      const id = typeof entranceOrId === "string" ? entranceOrId : entranceOrId.acs_entrance_id;
      const entrance =
        entrances.find((e) => e.acs_entrance_id === id) ??
        (typeof entranceOrId === "string" ? { acs_entrance_id: id } : entranceOrId);
      return select(entrance);
    },
  };
}

function unlockBadges(entrance) {
  const ways = UNLOCKS.filter(([key]) => entrance[key]).map(([, label]) => badge(label, { kind: "plain" }));
  return ways.length ? ways : muted("—");
}
