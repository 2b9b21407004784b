// What encoding and scanning share: the encoder picker (seam.acs.encoders.list) and the
// progress of an action attempt while the package waits for it.

import { h, muted, showError } from "./ui.js";

/**
 * A select of the encoders of the given ACS systems, by name (and system, when several).
 * Returns { element, value, name(), loaded } where `loaded` settles once the list is in.
 */
export function encoderSelect(connection, directory, systemIds, { testid }) {
  const select = h(
    "select",
    { testid, disabled: true, "aria-label": "Encoder" },
    h("option", { value: "" }, "Loading encoders…"),
  );
  const errorBox = h("div", { class: "error-box", hidden: true });
  const element = h("span", { class: "encoder-select" }, select, errorBox);
  const loaded = connection.seam.acs.encoders
    .list({ acs_system_ids: systemIds })
    .then((encoders) => {
      select.replaceChildren(
        ...encoders.map((e) =>
          h(
            "option",
            { value: e.acs_encoder_id, title: e.acs_encoder_id },
            systemIds.length > 1 ? `${e.display_name} · ${directory.systemName(e.acs_system_id)}` : e.display_name,
          ),
        ),
      );
      if (!encoders.length) select.append(h("option", { value: "" }, "No encoder in this system"));
      select.disabled = encoders.length === 0;
      return encoders;
    })
    .catch((error) => {
      select.replaceChildren(h("option", { value: "" }, "No encoders"));
      showError(errorBox, error, { title: "Could not list encoders" });
      return [];
    });
  return {
    element,
    loaded,
    get value() {
      return select.value;
    },
    name: () => select.selectedOptions[0]?.textContent ?? "",
    set disabled(value) {
      select.disabled = value;
    },
  };
}

/**
 * Runs `call()` (an encode or a scan: the package resolves it when its action attempt has
 * succeeded, rejects when it failed or timed out) and shows in `box` what is going on:
 * `waiting` and the seconds elapsed, with an indeterminate progress bar. Resolves to the
 * succeeded attempt, or null after showing the error under `failedTitle`.
 */
export async function withProgress(box, { waiting, failedTitle }, call) {
  const started = performance.now();
  const elapsed = muted("");
  const tick = () => {
    elapsed.textContent = ` ${((performance.now() - started) / 1000).toFixed(1)} s`;
  };
  tick();
  box.className = "attempt";
  box.hidden = false;
  box.dataset.state = "pending";
  box.replaceChildren(h("p", { testid: "attempt-status" }, waiting, elapsed), h("progress", { "aria-label": waiting }));
  const timer = setInterval(tick, 100);
  try {
    const attempt = await call();
    box.dataset.state = "success";
    box.replaceChildren();
    return attempt;
  } catch (error) {
    box.dataset.state = "error";
    box.className = "attempt error-box";
    showError(box, error, { title: failedTitle });
    return null;
  } finally {
    clearInterval(timer);
  }
}
