// The workspace's ACS systems and users, loaded once per connection, so every view names
// them ("Ava Thompson · Harbor Offices") instead of showing ids.

import { shortId } from "./ui.js";

/**
 * Users beyond this many are not loaded up front (a large workspace): they show as short ids
 * in tables, and the pickers still find them by searching the server.
 */
export const MAX_USERS = 1000;

/** A person's name as Seam gives it: full name, else email, else phone; the short id if none. */
export function personName(user) {
  return user.full_name || user.email_address || user.phone_number || user.display_name || shortId(user.acs_user_id);
}

export function createDirectory() {
  const systems = new Map(); // acs_system_id → acs_system
  const users = new Map(); // acs_user_id → acs_user
  const listeners = new Set();
  let problems = [];
  const changed = () => {
    for (const listener of listeners) listener();
  };

  const api = {
    systems,
    users,
    /** What could not be loaded (shown as a hint): [{ what, error }]. */
    get problems() {
      return problems;
    },
    /**
     * Loads the systems and users of a new connection. A part that fails (e.g. a token not
     * allowed to list users) is reported in `problems`; its ids are shown short.
     */
    async load(connection, { isCurrent }) {
      const found = await Promise.allSettled([
        connection.seam.acs.systems.list(),
        (async () => {
          const list = [];
          for await (const user of connection.seam.acs.users.iterate({ limit: 100 })) {
            list.push(user);
            if (list.length >= MAX_USERS) break;
          }
          return list;
        })(),
      ]);
      if (!isCurrent()) return;
      const [systemList, userList] = found;
      for (const s of systemList.value ?? []) systems.set(s.acs_system_id, s);
      for (const u of userList.value ?? []) users.set(u.acs_user_id, u);
      problems = [
        ["systems", systemList],
        ["users", userList],
      ]
        .filter(([, result]) => result.status === "rejected")
        .map(([what, result]) => ({ what, error: result.reason }));
      changed();
    },
    /** Adds users found elsewhere (a picker's search) so their names show everywhere. */
    addUsers(list) {
      const fresh = list.filter((u) => !users.has(u.acs_user_id));
      for (const u of fresh) users.set(u.acs_user_id, u);
      if (fresh.length) changed();
    },
    systemName(id) {
      if (!id) return "";
      const system = systems.get(id);
      return system?.name || `System ${shortId(id)}`;
    },
    /** The kind of access system ("Visionline"), for the entrance groups of the create form. */
    systemKind(id) {
      const system = systems.get(id);
      return system?.external_type_display_name ?? system?.external_type ?? "";
    },
    userName(id) {
      const user = users.get(id);
      return user ? personName(user) : shortId(id);
    },
    /** "Ava Thompson · Harbor Offices": the same person may exist in several systems. */
    userLabel(id) {
      const user = users.get(id);
      if (!user) return shortId(id);
      return user.acs_system_id ? `${personName(user)} · ${api.systemName(user.acs_system_id)}` : personName(user);
    },
    subscribe(listener) {
      listeners.add(listener);
    },
    clear() {
      systems.clear();
      users.clear();
      problems = [];
      changed();
    },
  };
  return api;
}
