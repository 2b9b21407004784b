// Small DOM and formatting helpers shared by the views: element builder, error boxes
// (SeamError details), badges, short ids and dates.

import { SeamApiError, SeamError, SeamInvalidInputError, SeamValidationError } from "seam-acs-wasm";

/** h("td", { class: "x", dataset: { id } }, child, "text") → element. Strings are text, never HTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "testid") el.dataset.testid = value;
    else if (key in el && typeof value !== "string") el[key] = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Makes a table row open something on click, Enter or Space (it is focusable: tabindex 0). */
export function opensOnActivate(row, open) {
  row.addEventListener("click", open);
  row.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open();
    }
  });
  return row;
}

export function $(selector, root = document) {
  const el = root.querySelector(selector);
  if (el == null) throw new Error(`missing element ${selector}`);
  return el;
}

export const muted = (text) => h("span", { class: "muted" }, text);

/** "3c90c3cc…052a": enough to tell ids apart (the first group alone may be shared). */
export function shortId(id) {
  if (typeof id !== "string") return "";
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

/** An id shown short, full on hover, in monospace. */
export const idText = (id) => (id ? h("code", { class: "id", title: id }, shortId(id)) : muted("—"));

/** A person's or a system's name, its id on hover; the short id when the name is unknown. */
export const nameText = (name, id) =>
  id ? h("span", { class: "name-of", title: id }, name || shortId(id)) : muted("—");

/** Local "YYYY-MM-DD HH:mm" of an ISO string; the string itself when it does not parse. */
export function formatDate(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "local time";

/** starts_at → ends_at, with "permanent" when neither is set. */
export function validity(c) {
  if (!c.starts_at && !c.ends_at) return muted("permanent");
  return h(
    "span",
    { class: "validity", title: `${c.starts_at ?? "(no start)"} → ${c.ends_at ?? "(no end)"}` },
    h("span", { class: "date" }, c.starts_at ? formatDate(c.starts_at) : muted("now")),
    " → ",
    h("span", { class: "date" }, c.ends_at ? formatDate(c.ends_at) : muted("no end")),
  );
}

export function badge(text, { kind = "", title, testid } = {}) {
  return h("span", { class: `badge ${kind}`.trim(), title, testid }, text);
}

/** Warning and error badges of a credential or an entrance. */
export function problemBadges(resource) {
  const warnings = (resource.warnings ?? []).map((w) =>
    badge(w.warning_code, { kind: "warn", title: w.message, testid: "warning-badge" }),
  );
  const errors = (resource.errors ?? []).map((e) =>
    badge(e.error_code, { kind: "bad", title: e.message, testid: "error-badge" }),
  );
  return warnings.length + errors.length ? [...errors, ...warnings] : muted("—");
}

/**
 * Fills an error box with what the package tells about an error: the message, and for
 * server errors the code, HTTP status and request id (what Seam support asks for).
 */
export function showError(box, error, { title } = {}) {
  box.replaceChildren();
  if (error == null) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  if (title) box.append(h("strong", {}, title));
  box.append(h("p", { class: "message", testid: "error-message" }, messageOf(error)));
  const facts = [];
  if (error instanceof SeamApiError) {
    facts.push(
      ["code", error.code, "error-code"],
      ["HTTP", error.statusCode],
      ["request id", error.requestId ?? "—", "error-request-id"],
    );
  } else if (error instanceof SeamError) {
    facts.push(["error", error.name, "error-name"]);
    // SeamActionAttemptFailedError and SeamActionAttemptTimeoutError carry the attempt.
    if (error.code) facts.push(["code", error.code, "error-code"]);
    if (error.actionAttempt) facts.push(["action attempt", error.actionAttempt.action_attempt_id, "error-attempt-id"]);
  }
  if (facts.length) {
    box.append(
      h(
        "dl",
        { class: "facts" },
        facts.map(([term, value, testid]) => [h("dt", {}, term), h("dd", { testid }, h("code", {}, String(value)))]),
      ),
    );
  }
  const details = detailLines(error);
  if (details.length)
    box.append(
      h(
        "ul",
        { class: "details" },
        details.map((line) => h("li", {}, line)),
      ),
    );
}

function detailLines(error) {
  if (error instanceof SeamInvalidInputError) {
    return (error.fieldErrors ?? []).map((f) => `${f.path}: ${f.messages.join("; ")}`);
  }
  if (error instanceof SeamValidationError) return (error.issues ?? []).map((i) => `${i.path}: ${i.message}`);
  return [];
}

export function messageOf(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function showNotice(box, text, { kind = "" } = {}) {
  box.className = `notice ${kind}`.trim();
  box.textContent = text;
  box.hidden = !text;
}
