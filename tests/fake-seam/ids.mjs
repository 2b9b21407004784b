// Deterministic UUIDs for everything the fake creates.
//
// fake-seam-connect names its objects `${type}${counter}` (e.g. "acs_user3"),
// but our client rejects ids that are not UUIDs. We keep the fake's own
// per-type counters and only change how a counter is turned into an id, so the
// same sequence of calls always produces the same ids.

import { createHash } from 'node:crypto'

// Types whose "id" ends up inside a token string rather than being exposed as
// an id: keep the fake's format so the tokens keep their expected prefixes
// (e.g. a publishable key must start with `seam_pk`).
const TOKEN_ID_TYPES = new Set(['pk', 'request'])

/**
 * UUID (version 4 layout) made of a hash of the type and a counter, e.g.
 * deterministicUuid('acs_credential', 3) -> "xxxxxxxx-0000-4000-8000-000000000003".
 * The first group tells types apart, the last group is the counter.
 */
export function deterministicUuid(type, n) {
  const prefix = createHash('sha256').update(type).digest('hex').slice(0, 8)
  return `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
}

/** Makes the fake's database hand out deterministic UUIDs instead of "type1". */
export function useUuidIds(database) {
  database.setState({
    _getNextId(type) {
      const counters = database.getState()._counters
      const count = (counters[type] ?? 0) + 1
      database.setState({ _counters: { ...counters, [type]: count } })
      return TOKEN_ID_TYPES.has(type) ? `${type}${count}` : deterministicUuid(type, count)
    },
  })
}
