// "Scan card": reads the card lying on an encoder (seam.acs.encoders.scanCredential, which
// resolves once its action attempt has succeeded) and tells what is on it and which
// credential on Seam it is.

import { encoderSelect, withProgress } from "./encoders.js";
import { $, h, muted, validity } from "./ui.js";

/**
 * The scan drawer. `getConnection()` gives the current connection; `directory` names systems
 * and users; `onOpenCredential(credential)` opens the credential found.
 */
export function createScan({ getConnection, directory, onOpen, onOpenCredential }) {
  const drawer = $("#scan-drawer");

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !drawer.hidden) close();
  });

  function open() {
    const connection = getConnection();
    if (connection == null) return;
    onOpen?.();
    const head = h(
      "div",
      { class: "drawer-head" },
      h("h2", { id: "scan-title" }, "Scan a card"),
      h("button", { type: "button", class: "close", "aria-label": "Close", testid: "scan-close", onclick: close }, "×"),
    );
    drawer.hidden = false;
    if (!connection.canScan) {
      drawer.replaceChildren(
        head,
        h("p", { class: "notice warn", testid: "scan-needs-api-key" }, "Scanning a card needs an API key."),
      );
      return;
    }
    const encoders = encoderSelect(connection, directory, [...directory.systems.keys()], { testid: "scan-encoder" });
    const submit = h("button", { type: "button", class: "primary", testid: "scan-submit", disabled: true }, "Scan");
    const progress = h("div", { class: "attempt", testid: "scan-progress", hidden: true });
    const result = h("div", { testid: "scan-result" });
    encoders.loaded.then((list) => {
      submit.disabled = list.length === 0;
    });
    submit.addEventListener("click", async () => {
      submit.disabled = encoders.disabled = true;
      result.replaceChildren();
      const name = encoders.name();
      const attempt = await withProgress(
        progress,
        { waiting: `Reading the card on ${name}…`, failedTitle: `Could not read a card on ${name}` },
        () => connection.seam.acs.encoders.scanCredential({ acs_encoder_id: encoders.value }),
      );
      submit.disabled = encoders.disabled = false;
      if (attempt && getConnection() === connection) result.replaceChildren(...describe(attempt.result ?? {}));
    });
    drawer.replaceChildren(
      head,
      h("p", { class: "muted" }, "Put the card on an encoder to see what it holds and whose credential it is."),
      h("label", { class: "field" }, h("span", { class: "label" }, "Encoder"), encoders.element),
      h("div", { class: "actions" }, submit),
      progress,
      result,
    );
  }

  /** The scan's result: the card as read, the credential on Seam, and their warnings. */
  function describe({ acs_credential_on_encoder: card, acs_credential_on_seam: credential, warnings = [] }) {
    const row = (term, value, testid) => [h("dt", {}, term), h("dd", { testid }, value ?? muted("—"))];
    return [
      h(
        "section",
        {},
        h("h3", {}, "On the encoder"),
        card
          ? h(
              "dl",
              { class: "fields" },
              row("Card number", card.card_number ? h("code", {}, card.card_number) : null, "scan-card-number"),
              row("Validity", validity(card)),
              row("Issued", card.is_issued == null ? null : card.is_issued ? "yes" : "no"),
            )
          : h("p", { testid: "scan-empty" }, "The encoder holds no card."),
      ),
      h(
        "section",
        {},
        h("h3", {}, "On Seam"),
        credential
          ? h(
              "dl",
              { class: "fields" },
              row(
                "Credential",
                h(
                  "button",
                  {
                    type: "button",
                    class: "link",
                    testid: "scan-credential",
                    onclick: () => onOpenCredential(credential),
                  },
                  credential.display_name || credential.acs_credential_id,
                ),
              ),
              row("Person", credential.acs_user_id ? directory.userLabel(credential.acs_user_id) : null, "scan-person"),
              row("ACS system", credential.acs_system_id ? directory.systemName(credential.acs_system_id) : null),
            )
          : h("p", { class: "muted" }, "No credential on Seam matches this card."),
      ),
      warnings.length
        ? h(
            "ul",
            { class: "details", testid: "scan-warnings" },
            warnings.map((w) => h("li", {}, h("strong", {}, w.warning_code), ": ", w.warning_message ?? "")),
          )
        : null,
    ].filter(Boolean);
  }

  function close() {
    drawer.hidden = true;
    drawer.replaceChildren();
  }

  return { open, close };
}
