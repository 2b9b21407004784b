// The "Card" section of a credential's detail: whether its card is encoded and, for a card
// not yet encoded, the "Encode card" action (seam.acs.encoders.encodeCredential, which
// resolves once its action attempt has succeeded), with the sandbox's "Simulate failure".

import { encoderSelect, withProgress } from "./encoders.js";
import { formatDate, h, muted, showError } from "./ui.js";

/** A card Seam still has to write: not issued, or flagged waiting_to_be_issued. */
export function needsEncoding(c) {
  return (
    c.access_method === "card" &&
    (c.is_issued === false || (c.warnings ?? []).some((w) => w.warning_code === "waiting_to_be_issued"))
  );
}

/**
 * The section for a card credential (null for other access methods). `onEncoded(credential)`
 * gets the credential as the encode left it (issued, with its card number).
 */
export function encodeSection({ connection, directory, credential: c, onEncoded }) {
  if (c.access_method !== "card") return null;
  const section = h("section", { testid: "card-section" }, h("h3", {}, "Card"));
  if (!needsEncoding(c)) {
    section.append(
      h(
        "p",
        { testid: "card-state" },
        "Encoded",
        c.issued_at ? ` on ${formatDate(c.issued_at)}` : "",
        c.card_number ? [", card number ", h("code", {}, c.card_number)] : "",
      ),
    );
    return section;
  }
  section.append(
    h("p", { testid: "card-state" }, "Not encoded yet: the guest's card has to be written at an encoder."),
  );
  if (!connection.canEncode) {
    section.append(
      h(
        "p",
        { class: "notice warn", testid: "encode-needs-api-key" },
        "Encoding a card needs an API key (or a customer client session).",
      ),
    );
    return section;
  }
  const start = h(
    "button",
    { type: "button", class: "primary", testid: "encode-start", onclick: () => open() },
    "Encode card",
  );
  section.append(start);

  function open() {
    start.hidden = true;
    const encoders = encoderSelect(connection, directory, [c.acs_system_id], { testid: "encode-encoder" });
    const progress = h("div", { class: "attempt", testid: "encode-progress", hidden: true });
    const submit = h("button", { type: "button", class: "primary", testid: "encode-submit", disabled: true }, "Encode");
    const cancel = h("button", { type: "button", testid: "encode-cancel" }, "Cancel");
    const sandbox = simulateFailure(connection, encoders);
    const dialog = h(
      "div",
      { class: "encode-dialog", role: "group", "aria-label": "Encode card", testid: "encode-dialog" },
      h("label", { class: "field" }, h("span", { class: "label" }, "Encoder"), encoders.element),
      h(
        "p",
        { class: "muted" },
        "Place a blank card on the encoder, then start. Seam answers once the encoder has written it.",
      ),
      h("div", { class: "actions" }, submit, cancel),
      progress,
      sandbox.element,
    );
    encoders.loaded.then((list) => {
      submit.disabled = list.length === 0;
    });
    cancel.addEventListener("click", () => {
      dialog.remove();
      start.hidden = false;
    });
    submit.addEventListener("click", async () => {
      submit.disabled = cancel.disabled = encoders.disabled = true;
      sandbox.reset(); // a simulated failure applies to this encode only
      const name = encoders.name();
      const attempt = await withProgress(
        progress,
        {
          waiting: `Encoding on ${name}: keep the card on the encoder…`,
          failedTitle: `The card was not encoded on ${name}`,
        },
        () =>
          connection.seam.acs.encoders.encodeCredential({
            acs_encoder_id: encoders.value,
            acs_credential_id: c.acs_credential_id,
          }),
      );
      submit.disabled = cancel.disabled = encoders.disabled = false;
      submit.textContent = "Try again";
      if (attempt) onEncoded(attempt.result ?? c, name);
    });
    section.append(dialog);
  }
  return section;
}

/**
 * Sandbox only: asks Seam's sandbox to fail the next encode on the chosen encoder
 * (/acs/encoders/simulate/next_credential_encode_will_fail), to try the failure path.
 * Returns { element, reset() } (reset clears the "will fail" note once an encode ran).
 */
function simulateFailure(connection, encoders) {
  const state = h("span", { class: "muted", testid: "simulate-state" });
  const errorBox = h("div", { class: "error-box", hidden: true });
  const button = h("button", { type: "button", class: "small", testid: "simulate-encode-failure" }, "Simulate failure");
  button.addEventListener("click", async () => {
    button.disabled = true;
    showError(errorBox, null);
    const name = encoders.name();
    try {
      await connection.seam.acs.encoders.simulate.nextCredentialEncodeWillFail({ acs_encoder_id: encoders.value });
      state.textContent = `The next encode on ${name} will fail.`;
    } catch (error) {
      showError(errorBox, error, { title: "Not simulated (a sandbox workspace only)" });
    } finally {
      button.disabled = false;
    }
  });
  const element = h(
    "div",
    { class: "sandbox", testid: "encode-sandbox" },
    h("strong", {}, "Sandbox only "),
    muted("Makes the sandbox fail the next encode on this encoder. "),
    button,
    " ",
    state,
    errorBox,
  );
  return { element, reset: () => (state.textContent = "") };
}
