// The person picker: a search field over seam.acs.users.list({ search }) with a list of
// matches; picking one puts its acs_user_id in a hidden input that the forms send.

import { personName } from "./directory.js";
import { h, muted, showError } from "./ui.js";

const MATCHES = 8;
const DEBOUNCE_MS = 200;

/**
 * `getConnection()` gives the current connection; `directory` names systems and learns the
 * users found; `systemId()` narrows the search to one ACS system (or null for all);
 * `name` is the hidden input's name; `onPick(user | null)` runs after each change.
 * Returns { element, value, set(user | null), refresh() }.
 */
export function createPersonPicker({
  getConnection,
  directory,
  systemId = () => null,
  name = "acs_user_id",
  testid,
  onPick,
}) {
  const hidden = h("input", { type: "hidden", name, testid: `${testid}-value` });
  const search = h("input", {
    type: "search",
    placeholder: "Search people by name, email or phone",
    autocomplete: "off",
    spellcheck: "false",
    role: "combobox",
    "aria-expanded": "false",
    "aria-label": "Person",
    testid: `${testid}-search`,
  });
  const list = h("ul", { class: "picker-results", role: "listbox", testid: `${testid}-results`, hidden: true });
  const chosen = h("div", { class: "picker-chosen", testid: `${testid}-chosen`, hidden: true });
  const errorBox = h("div", { class: "error-box", hidden: true });
  const element = h("div", { class: "picker" }, chosen, search, list, errorBox, hidden);
  let timer;
  let latest = null; // the search whose answer is shown; older answers are dropped

  async function find() {
    const connection = getConnection();
    if (connection == null) return;
    const params = { limit: MATCHES };
    const text = search.value.trim();
    if (text) params.search = text;
    if (systemId()) params.acs_system_id = systemId();
    const mine = (latest = {});
    try {
      const page = await connection.seam.acs.users.listPage(params);
      if (latest !== mine) return;
      showError(errorBox, null);
      directory.addUsers(page.items);
      showMatches(page.items, page.pagination.hasNextPage);
    } catch (error) {
      if (latest !== mine) return;
      showError(errorBox, error, { title: "Could not search people" });
    }
  }

  function showMatches(users, more) {
    list.replaceChildren(
      ...users.map((u) =>
        h(
          "li",
          {
            role: "option",
            tabindex: "-1",
            testid: `${testid}-option`,
            dataset: { userId: u.acs_user_id },
            onclick: () => pick(u),
          },
          h("span", { class: "name" }, personName(u)),
          h(
            "span",
            { class: "sub" },
            [u.email_address, directory.systemName(u.acs_system_id)].filter(Boolean).join(" · "),
          ),
        ),
      ),
    );
    if (!users.length) list.append(h("li", { class: "muted" }, "Nobody matches."));
    if (more) list.append(h("li", { class: "muted" }, "More match: type more of the name."));
    list.hidden = false;
    search.setAttribute("aria-expanded", "true");
  }

  function close() {
    list.hidden = true;
    search.setAttribute("aria-expanded", "false");
  }

  /** Picks a user (null clears); the hidden input's change reaches the form's live validation. */
  function set(user) {
    hidden.value = user?.acs_user_id ?? "";
    chosen.replaceChildren(
      ...(user
        ? [
            h("strong", {}, personName(user)),
            " ",
            muted([user.email_address, directory.systemName(user.acs_system_id)].filter(Boolean).join(" · ")),
            " ",
            h(
              "button",
              { type: "button", class: "link", testid: `${testid}-change`, onclick: () => change() },
              "Change",
            ),
          ]
        : []),
    );
    chosen.hidden = user == null;
    search.hidden = user != null;
    search.value = "";
    close();
    hidden.dispatchEvent(new Event("change", { bubbles: true }));
    onPick?.(user);
  }

  /** A match chosen by the user: focus moves to "Change" (the field it was in goes away). */
  function pick(user) {
    set(user);
    chosen.querySelector("button")?.focus();
  }

  function change() {
    set(null);
    search.focus();
    find();
  }

  search.addEventListener("focus", () => find());
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(find, DEBOUNCE_MS);
  });
  // Keyboard: ↓ from the field into the matches, ↑/↓ between them, Enter picks, Escape closes.
  element.addEventListener("keydown", (event) => {
    const options = [...list.querySelectorAll('[role="option"]')];
    const at = options.indexOf(document.activeElement);
    if (event.key === "Escape" && !list.hidden) {
      event.stopPropagation();
      close();
      search.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) search.focus();
      else options[Math.min(next, options.length - 1)]?.focus();
    } else if (event.key === "Enter" && at >= 0) {
      event.preventDefault();
      options[at].click();
    }
  });
  element.addEventListener("focusout", (event) => {
    if (!element.contains(event.relatedTarget)) close();
  });

  return {
    element,
    get value() {
      return hidden.value;
    },
    set,
    /** Searches again (e.g. the system changed). */
    refresh() {
      if (!list.hidden) find();
    },
  };
}
