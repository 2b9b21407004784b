// What the pinned contract (@seamapi/types' OpenAPI document) says about a path: the methods
// it accepts and the auth modes its `security` line lists. Our routes take both from here, and
// the server refuses a token the contract refuses before forwarding to fake-seam-connect (whose
// routes accept every auth mode).

import { openapi } from '@seamapi/types/connect'

/** Auth modes of `path` ('api_key', 'client_session', 'pat_with_workspace', ...), or null if not in the contract. */
export function contractAuth(path) {
  const operations = openapi.paths[path]
  if (operations == null) return null
  return new Set(Object.values(operations).flatMap((op) => (op.security ?? []).flatMap(Object.keys)))
}

/**
 * A route of ours: `[path, { methods, auth, schema, handle(params, ctx) }]`, methods and auth
 * from the contract. `handle` returns the answer's fields (the server adds `ok: true`).
 */
export function route(path, schema, handle) {
  const operations = openapi.paths[path]
  if (operations == null) throw new Error(`${path} is not in the contract`)
  const methods = Object.keys(operations)
    .map((m) => m.toUpperCase())
    .sort()
  return [path, { methods, auth: contractAuth(path), schema, handle }]
}
