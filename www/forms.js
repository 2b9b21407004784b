// Forms: live validation with the package's validateRequest (each issue under its field),
// datetime-local ↔ ISO conversion, and the "New credential" form.

import { SeamInvalidInputError, SeamValidationError, validateRequest } from "seam-acs-wasm";
import { createPersonPicker } from "./people.js";
import { $, h, muted, shortId, showError, timeZone } from "./ui.js";

/** A datetime-local value ("2030-01-02T15:04", local time) as an ISO string in UTC; undefined when empty. */
export function localToIso(value) {
  if (!value) return undefined;
  const date = new Date(value); // a date-time without offset is local time
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** The form field an issue path belongs to: "allowed_acs_entrance_ids[2]" → "allowed_acs_entrance_ids". */
function fieldOf(path, fields) {
  const head = String(path).split(/[.[]/)[0];
  if (!fields.has(head)) return null;
  return path === head || path.startsWith(`${head}[`) ? head : null;
}

/**
 * Runs validateRequest(endpoint, collect()) on every input and change of `form` and shows
 * each issue's message in the form's `[data-issues-for=<field>]` list; issues whose path is
 * not a field go to `[data-issues-other]`. Fields the user has not touched yet show their
 * issues as hints (class "pending"), touched ones as errors. `onIssues(issues)` runs after
 * each validation (e.g. to disable the submit button).
 */
export function liveValidation(form, { endpoint, collect, onIssues }) {
  const lists = new Map([...form.querySelectorAll("[data-issues-for]")].map((ul) => [ul.dataset.issuesFor, ul]));
  const other = form.querySelector("[data-issues-other]");
  const touched = new Set();
  let issues = [];

  function render() {
    const byField = new Map([...lists.keys()].map((field) => [field, []]));
    const rest = [];
    for (const issue of issues) {
      const field = fieldOf(issue.path, lists);
      if (field) byField.get(field).push(issue);
      else rest.push(issue);
    }
    for (const [field, ul] of lists) {
      const fieldIssues = byField.get(field);
      const pending = !touched.has(field);
      ul.replaceChildren(
        ...fieldIssues.map((i) =>
          h("li", { class: pending ? "pending" : "error", dataset: { code: i.code, path: i.path } }, i.message),
        ),
      );
      for (const control of form.querySelectorAll(`[name="${field}"]`)) {
        control.setAttribute("aria-invalid", String(fieldIssues.length > 0 && !pending));
        if (ul.id) control.setAttribute("aria-describedby", ul.id);
      }
    }
    if (other) {
      other.replaceChildren(...rest.map((i) => h("p", {}, i.path ? `${i.path}: ${i.message}` : i.message)));
      other.hidden = rest.length === 0;
    }
  }

  function run() {
    issues = validateRequest(endpoint, collect());
    render();
    onIssues?.(issues);
    return issues;
  }

  const onEdit = (event) => {
    if (event.target.name) touched.add(event.target.name);
    run();
  };
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);

  return {
    run,
    get issues() {
      return issues;
    },
    /** Shows issues the server-side or the client reported after a submit, all as errors. */
    showIssues(reported) {
      for (const field of lists.keys()) touched.add(field);
      issues = reported;
      render();
    },
    reset() {
      touched.clear();
      return run();
    },
  };
}

/** Shows under each datetime-local input what will be sent ("sent as 2030-01-02T14:04:00.000Z"). */
export function showSentDates(form) {
  for (const small of form.querySelectorAll("[data-sent-for]")) {
    const iso = localToIso(form.elements[small.dataset.sentFor].value);
    small.textContent = iso ? `sent as ${iso}` : "";
  }
}

/** The time zone next to date labels: datetime-local inputs are in local time. */
export function labelTimeZones(root) {
  for (const span of root.querySelectorAll(".tz")) span.textContent = `(${timeZone()})`;
}

/**
 * The "New credential" form (static markup in index.html).
 * `getConnection()` gives the current connection or null; `onCreated(credential)` runs after a create.
 */
export function createCreateForm({ getConnection, directory, onCreated, onOpen }) {
  const drawer = $("#create-drawer");
  const form = $("#create-form");
  const submit = $('[data-testid="create-submit"]', form);
  const submitState = $("[data-submit-state]", form);
  const serverError = $("[data-server-error]", form);
  const needsApiKey = $("#create-needs-api-key");
  const fieldset = $("fieldset", form);
  const entranceBox = $("#create-entrances");
  const systemSelect = $("#create-system");
  let busy = false;

  // The system first (the same person may be in several), then the person in it.
  const person = createPersonPicker({
    getConnection,
    directory,
    systemId: () => systemSelect.value || null,
    testid: "create-person",
    onPick: (user) => {
      if (user?.acs_system_id && systemSelect.value !== user.acs_system_id) {
        systemSelect.value = user.acs_system_id;
        renderEntrances();
      }
    },
  });
  $("#create-person").replaceWith(person.element);
  systemSelect.addEventListener("change", () => {
    const picked = directory.users.get(person.value);
    if (picked && systemSelect.value && picked.acs_system_id !== systemSelect.value) person.set(null);
    person.refresh();
    renderEntrances();
  });

  labelTimeZones(form);
  for (const ul of form.querySelectorAll("[data-issues-for]")) ul.id = `create-issues-${ul.dataset.issuesFor}`;

  const accessMethod = () => form.elements.access_method.value;

  function collect() {
    const text = (name) => form.elements[name].value.trim() || undefined;
    const entranceIds = [...form.querySelectorAll('input[name="allowed_acs_entrance_ids"]:checked')].map(
      (c) => c.value,
    );
    return dropUndefined({
      access_method: accessMethod(),
      acs_user_id: person.value || undefined,
      code: accessMethod() === "code" ? text("code") : undefined,
      starts_at: localToIso(form.elements.starts_at.value),
      ends_at: localToIso(form.elements.ends_at.value),
      allowed_acs_entrance_ids: entranceIds.length ? entranceIds : undefined,
    });
  }

  function updateSubmit(issues = validation.issues) {
    const connection = getConnection();
    const writable = connection?.canWrite ?? false;
    submit.disabled = busy || !writable || issues.length > 0;
    if (busy) submitState.textContent = "Creating…";
    else if (!writable) submitState.textContent = connection ? "Needs an API key" : "Not connected";
    else if (issues.length)
      submitState.textContent = `${issues.length} issue${issues.length > 1 ? "s" : ""} to fix; nothing is sent until then`;
    else submitState.textContent = "Ready to create";
  }

  const validation = liveValidation(form, {
    endpoint: "/acs/credentials/create",
    collect,
    onIssues: (issues) => {
      showSentDates(form);
      updateSubmit(issues);
    },
  });

  form.addEventListener("change", (event) => {
    if (event.target.name === "access_method") showCodeField();
  });
  function showCodeField() {
    for (const el of form.querySelectorAll("[data-only-for]")) el.hidden = el.dataset.onlyFor !== accessMethod();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const connection = getConnection();
    if (busy || connection == null) return;
    const params = collect();
    if (validation.run().length > 0) return; // the button is disabled too: nothing is sent
    busy = true;
    fieldset.disabled = true;
    showError(serverError, null);
    updateSubmit();
    try {
      const credential = await connection.credentials.create(params);
      if (connection !== getConnection()) return;
      close();
      onCreated(credential);
    } catch (error) {
      if (connection !== getConnection()) return;
      // Issues found locally or by the server go under their fields too.
      if (error instanceof SeamValidationError) validation.showIssues(error.issues);
      if (error instanceof SeamInvalidInputError) {
        validation.showIssues(
          error.fieldErrors.flatMap((f) => f.messages.map((message) => ({ path: f.path, code: "server", message }))),
        );
      }
      showError(serverError, error, { title: "The credential was not created" });
    } finally {
      busy = false;
      fieldset.disabled = false;
      updateSubmit();
    }
  });

  for (const button of drawer.querySelectorAll("[data-close]")) button.addEventListener("click", () => close());
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !drawer.hidden && !busy) close();
  });

  function open() {
    const connection = getConnection();
    if (connection == null) return;
    onOpen?.();
    form.reset();
    person.set(null);
    renderSystems();
    renderEntrances();
    showCodeField();
    showError(serverError, null);
    needsApiKey.hidden = connection.canWrite;
    fieldset.disabled = !connection.canWrite;
    drawer.hidden = false;
    validation.reset();
    if (connection.canWrite) form.elements.access_method.focus();
  }

  function close() {
    drawer.hidden = true;
  }

  let entrances = [];
  /** Checkboxes of the entrances (from seam.acs.entrances.list()), grouped by ACS system. */
  function setEntrances(list) {
    entrances = list;
    renderEntrances();
  }
  directory.subscribe(() => {
    renderSystems();
    renderEntrances();
  });
  function renderSystems() {
    const value = systemSelect.value;
    systemSelect.replaceChildren(
      h("option", { value: "" }, "All systems"),
      ...[...directory.systems.values()].map((s) =>
        h("option", { value: s.acs_system_id }, directory.systemName(s.acs_system_id)),
      ),
    );
    systemSelect.value = directory.systems.has(value) ? value : "";
  }
  /** The entrances of the chosen system (all when none is chosen). */
  function renderEntrances() {
    const system = systemSelect.value;
    const shown = entrances.filter((e) => !system || e.acs_system_id === system);
    if (!shown.length) {
      entranceBox.replaceChildren(muted("No entrances loaded."));
      return;
    }
    // Redrawn when names arrive or the system changes: the ticks still shown are kept.
    const ticked = new Set(collect().allowed_acs_entrance_ids);
    const bySystem = Map.groupBy(shown, (e) => e.acs_system_id ?? "");
    entranceBox.replaceChildren(
      ...[...bySystem].map(([systemId, list]) =>
        h(
          "fieldset",
          { class: "check-group" },
          h(
            "legend",
            { title: systemId },
            systemId ? directory.systemName(systemId) : "No system",
            " ",
            muted(directory.systemKind(systemId)),
          ),
          list.map((e) =>
            h(
              "label",
              { class: "check" },
              h("input", {
                type: "checkbox",
                name: "allowed_acs_entrance_ids",
                value: e.acs_entrance_id,
                checked: ticked.has(e.acs_entrance_id),
                testid: "create-entrance-option",
                dataset: { entranceName: e.display_name ?? "" },
              }),
              e.display_name ?? shortId(e.acs_entrance_id),
            ),
          ),
        ),
      ),
    );
    if (!drawer.hidden) validation.run();
  }

  return { open, close, setEntrances, isOpen: () => !drawer.hidden };
}

export function dropUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
