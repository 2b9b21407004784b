// Credential detail drawer: fields, accessible entrances, update (code / ends_at),
// assign / unassign a user, and delete behind an in-page confirmation.

import { SeamNotAllowedError, validateRequest } from "seam-acs-wasm";
import { labelTimeZones, liveValidation, localToIso, showSentDates, dropUndefined } from "./forms.js";
import { encodeSection } from "./encode.js";
import { createPersonPicker } from "./people.js";
import { $, formatDate, h, idText, muted, nameText, problemBadges, showError, showNotice } from "./ui.js";

/**
 * `getConnection()` gives the current connection; `onChanged(credential)` and
 * `onDeleted(credential)` keep the table in step; `onOpenEntrance(entrance)` jumps to it.
 */
export function createDetail({ getConnection, directory, onChanged, onDeleted, onOpenEntrance, onClose }) {
  const drawer = $("#detail-drawer");
  let current = null; // { connection, credential }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !drawer.hidden) close();
  });

  function open(credential) {
    const connection = getConnection();
    if (connection == null) return;
    current = { connection, credential };
    render();
    drawer.hidden = false;
  }

  function close() {
    drawer.hidden = true;
    drawer.replaceChildren();
    current = null;
    onClose?.();
  }

  /** Runs a call for the open credential; ignores its answer when the drawer moved on. */
  async function act(run) {
    const opened = current;
    const result = await run(opened.connection, opened.credential);
    return current === opened ? { result } : null;
  }

  function render({ message } = {}) {
    const { connection, credential: c } = current;
    const notice = h("div", { class: "notice", testid: "detail-notice", hidden: true });
    if (message) showNotice(notice, message, { kind: "ok" });
    const card = encodeSection({ connection, directory, credential: c, onEncoded: encoded }); // null unless a card
    drawer.replaceChildren(
      h(
        "div",
        { class: "drawer-head" },
        h("h2", { id: "detail-title", testid: "detail-title" }, c.display_name || "(no name)"),
        h(
          "button",
          { type: "button", class: "close", "aria-label": "Close", testid: "detail-close", onclick: close },
          "×",
        ),
      ),
      notice,
      fields(c),
      ...(card ? [card] : []),
      entrancesSection(connection, c),
      ...(connection.canWrite
        ? [updateSection(c), userSection(c), deleteSection(c)]
        : [
            h(
              "section",
              {},
              h("h3", {}, "Changes"),
              h(
                "p",
                { class: "notice warn", testid: "detail-needs-api-key" },
                "Updating, assigning and deleting need an API key: a client session token may only list credentials and entrances.",
              ),
            ),
          ]),
    );
  }

  function fields(c) {
    const row = (term, value, testid) => [h("dt", {}, term), h("dd", { testid }, value ?? muted("—"))];
    const date = (iso) => (iso ? [h("code", {}, iso), " ", muted(formatDate(iso))] : null);
    return h(
      "dl",
      { class: "fields", testid: "detail-fields" },
      row("Credential id", h("code", {}, c.acs_credential_id), "detail-id"),
      row("Access method", c.access_method),
      row("Code", c.code ? h("code", {}, c.code) : null, "detail-code"),
      row("Card number", c.card_number ? h("code", {}, c.card_number) : null),
      row(
        "ACS user",
        c.acs_user_id
          ? [directory.userLabel(c.acs_user_id), h("br"), h("code", { class: "id" }, c.acs_user_id)]
          : muted("No user"),
        "detail-user",
      ),
      row("User identity", c.user_identity_id ? idText(c.user_identity_id) : null),
      row(
        "ACS system",
        c.acs_system_id ? nameText(directory.systemName(c.acs_system_id), c.acs_system_id) : null,
        "detail-system",
      ),
      row("Starts at", date(c.starts_at), "detail-starts-at"),
      row("Ends at", date(c.ends_at), "detail-ends-at"),
      row("External type", c.external_type_display_name ?? c.external_type),
      row("Issued", c.is_issued == null ? null : c.is_issued ? `yes, ${formatDate(c.issued_at)}` : "not yet"),
      row(
        "Multi-phone sync",
        c.is_multi_phone_sync_credential == null ? null : String(c.is_multi_phone_sync_credential),
      ),
      row("Created", date(c.created_at)),
      row("Warnings / errors", h("span", { class: "badges" }, problemBadges(c))),
    );
  }

  function entrancesSection(connection, c) {
    const list = h(
      "ul",
      { class: "entrance-list", testid: "detail-entrances" },
      h("li", { class: "muted" }, "Loading…"),
    );
    const section = h("section", {}, h("h3", {}, "Accessible entrances"), list);
    act((conn, cred) => conn.credentials.listAccessibleEntrances({ acs_credential_id: cred.acs_credential_id }))
      .then((answer) => {
        if (answer == null) return;
        const entrances = answer.result;
        list.replaceChildren(
          ...(entrances.length
            ? entrances.map((e) =>
                h(
                  "li",
                  { testid: "detail-entrance", dataset: { entranceId: e.acs_entrance_id } },
                  h(
                    "button",
                    { type: "button", class: "link", onclick: () => onOpenEntrance(e) },
                    e.display_name || e.acs_entrance_id,
                  ),
                ),
              )
            : [h("li", { class: "muted" }, "None")]),
        );
      })
      .catch((error) => {
        if (current?.credential !== c) return;
        if (error instanceof SeamNotAllowedError) {
          list.replaceChildren(
            h(
              "li",
              { class: "muted" },
              `Needs an API key (${error.endpoint} is not open to this token kind; nothing was sent).`,
            ),
          );
        } else {
          const box = h("div", { class: "error-box" });
          showError(box, error);
          list.replaceChildren(h("li", {}, box));
        }
      });
    return section;
  }

  function updateSection(c) {
    const form = h(
      "form",
      { class: "stack", testid: "update-form", novalidate: true, autocomplete: "off" },
      h("div", { class: "issues-box", dataset: { issuesOther: "" }, hidden: true }),
      h(
        "div",
        { class: "row" },
        h(
          "div",
          { class: "field" },
          h("label", { for: "update-code" }, "New code"),
          h("input", {
            id: "update-code",
            name: "code",
            inputmode: "numeric",
            placeholder: c.code ?? "",
            testid: "update-code",
          }),
          h("ul", {
            class: "issues",
            id: "update-issues-code",
            dataset: { issuesFor: "code" },
            testid: "update-issues-code",
          }),
        ),
        h(
          "div",
          { class: "field" },
          h("label", { for: "update-ends-at" }, "New ends at ", h("span", { class: "muted tz" })),
          h("input", {
            id: "update-ends-at",
            name: "ends_at",
            type: "datetime-local",
            step: "60",
            testid: "update-ends-at",
          }),
          h("small", { class: "sent", dataset: { sentFor: "ends_at" } }),
          h("ul", {
            class: "issues",
            id: "update-issues-ends_at",
            dataset: { issuesFor: "ends_at" },
            testid: "update-issues-ends_at",
          }),
        ),
      ),
      h("div", { class: "error-box", testid: "update-error", hidden: true }),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "submit", class: "primary", testid: "update-submit", disabled: true }, "Update"),
      ),
    );
    labelTimeZones(form);
    const submit = $('[data-testid="update-submit"]', form);
    const errorBox = $('[data-testid="update-error"]', form);
    const collect = () =>
      dropUndefined({
        acs_credential_id: c.acs_credential_id,
        code: form.elements.code.value.trim() || undefined,
        ends_at: localToIso(form.elements.ends_at.value),
      });
    let busy = false;
    const validation = liveValidation(form, {
      endpoint: "/acs/credentials/update",
      collect,
      onIssues: (issues) => {
        showSentDates(form);
        submit.disabled = busy || issues.length > 0;
      },
    });
    validation.run();
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (busy || validation.run().length) return;
      busy = true;
      submit.disabled = true;
      showError(errorBox, null);
      const params = collect();
      try {
        const answer = await act(async (conn, cred) => {
          const updated = await conn.credentials.update(params);
          // Seam may answer an update without the credential: read it back.
          return updated ?? (await conn.credentials.get({ acs_credential_id: cred.acs_credential_id }));
        });
        if (answer)
          changed(
            answer.result,
            `Updated ${Object.keys(params)
              .filter((k) => k !== "acs_credential_id")
              .join(" and ")}.`,
          );
      } catch (error) {
        showError(errorBox, error, { title: "Not updated" });
      } finally {
        busy = false;
        if (form.isConnected) validation.run();
      }
    });
    return h("section", {}, h("h3", {}, "Update"), form);
  }

  function userSection(c) {
    // A credential belongs to one system: only its people can hold it.
    const picker = createPersonPicker({
      getConnection,
      directory,
      systemId: () => c.acs_system_id ?? null,
      testid: "assign-person",
      onPick: () => {
        touched = true;
        check();
      },
    });
    const issues = h("ul", { class: "issues", testid: "assign-issues" });
    const assign = h("button", { type: "submit", testid: "assign-submit", disabled: true }, "Assign");
    const errorBox = h("div", { class: "error-box", testid: "user-error", hidden: true });
    let busy = false;
    const assignParams = () => ({ acs_credential_id: c.acs_credential_id, acs_user_id: picker.value || undefined });
    let touched = false;
    const check = () => {
      const found = validateRequest("/acs/credentials/assign", dropUndefined(assignParams()));
      issues.replaceChildren(...found.map((i) => h("li", { class: touched ? "error" : "pending" }, i.message)));
      assign.disabled = busy || found.length > 0;
      return found;
    };

    const run = async (label, call) => {
      busy = true;
      assign.disabled = true;
      showError(errorBox, null);
      try {
        const answer = await act(async (conn, cred) => {
          const result = await call(conn);
          return result ?? (await conn.credentials.get({ acs_credential_id: cred.acs_credential_id }));
        });
        if (answer) changed(answer.result, label);
      } catch (error) {
        showError(errorBox, error, { title: "Not changed" });
      } finally {
        busy = false;
        if (picker.element.isConnected) check();
      }
    };

    const form = h(
      "form",
      { class: "inline-form", testid: "assign-form", novalidate: true, autocomplete: "off" },
      picker.element,
      assign,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (busy || check().length) return;
      const params = dropUndefined(assignParams());
      run("Assigned to the user.", (conn) => conn.credentials.assign(params));
    });

    const unassign = c.acs_user_id
      ? h(
          "button",
          {
            type: "button",
            testid: "unassign-submit",
            onclick: (event) => {
              event.currentTarget.disabled = true;
              const params = { acs_credential_id: c.acs_credential_id, acs_user_id: c.acs_user_id };
              run("Unassigned from the user.", (conn) => conn.credentials.unassign(params));
            },
          },
          "Unassign current user",
        )
      : null;
    check();
    return h(
      "section",
      {},
      h("h3", {}, "User"),
      h(
        "p",
        {},
        c.acs_user_id
          ? ["Assigned to ", nameText(directory.userLabel(c.acs_user_id), c.acs_user_id), ". "]
          : muted("Not assigned to a user. "),
        unassign,
      ),
      form,
      issues,
      errorBox,
    );
  }

  function deleteSection(c) {
    const errorBox = h("div", { class: "error-box", testid: "delete-error", hidden: true });
    const confirmBox = h(
      "div",
      {
        class: "confirm",
        role: "alertdialog",
        "aria-label": "Confirm deletion",
        testid: "delete-confirm",
        hidden: true,
      },
      h(
        "p",
        {},
        "Delete ",
        h("strong", {}, c.display_name || c.acs_credential_id),
        "? Seam revokes it on the access system; this cannot be undone.",
      ),
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          { type: "button", class: "danger", testid: "delete-confirm-button", onclick: confirmDelete },
          "Delete credential",
        ),
        h("button", { type: "button", testid: "delete-cancel", onclick: () => toggle(false) }, "Cancel"),
      ),
    );
    const start = h(
      "button",
      { type: "button", class: "danger-outline", testid: "delete-start", onclick: () => toggle(true) },
      "Delete…",
    );
    function toggle(confirming) {
      confirmBox.hidden = !confirming;
      start.hidden = confirming;
      if (confirming) confirmBox.querySelector("button").focus();
    }
    async function confirmDelete(event) {
      const button = event.currentTarget;
      button.disabled = true;
      showError(errorBox, null);
      try {
        const answer = await act((conn, cred) =>
          conn.credentials.delete({ acs_credential_id: cred.acs_credential_id }),
        );
        if (answer) {
          const deleted = current.credential;
          close();
          onDeleted(deleted);
        }
      } catch (error) {
        showError(errorBox, error, { title: "Not deleted" });
        button.disabled = false;
      }
    }
    return h("section", { class: "danger-zone" }, h("h3", {}, "Delete"), start, confirmBox, errorBox);
  }

  /** After an encode: the table learns of it even if the drawer moved on meanwhile. */
  function encoded(credential, encoderName) {
    const message = `Card encoded on ${encoderName}${credential.card_number ? `: card number ${credential.card_number}` : ""}.`;
    if (current?.credential.acs_credential_id === credential.acs_credential_id) changed(credential, message);
    else onChanged(credential);
  }

  function changed(credential, message) {
    current.credential = credential;
    render({ message });
    onChanged(credential);
  }

  return {
    open,
    close,
    openId: () => current?.credential.acs_credential_id ?? null,
  };
}
