// The endpoints the package exposes, read from the pinned contract itself rather than from the
// package: every path under /acs/, /action_attempts/ and /user_identities/ that the contract
// neither marks undocumented nor deprecated. Tests derive their rows from this list, so an
// endpoint the package forgets (or exposes by mistake) fails them.

import { readFileSync } from 'node:fs'
import path from 'node:path'

import { extractOpenApi, tempDir } from '../integration/servers.mjs'

export const PREFIXES = ['/acs/', '/action_attempts/', '/user_identities/']

/** The pinned OpenAPI document, parsed (written to a temporary folder and removed). */
export async function loadOpenApi() {
  const temp = await tempDir('seam-acs-openapi-')
  try {
    return JSON.parse(readFileSync(extractOpenApi(path.join(temp.dir, 'openapi.json')), 'utf8'))
  } finally {
    await temp.remove()
  }
}

/**
 * `{ path, post, get, undocumented, deprecated }` for every path under PREFIXES, in the
 * document's order; `documented(openapi)` keeps those neither undocumented nor deprecated.
 */
export function underPrefixes(openapi) {
  return Object.entries(openapi.paths)
    .filter(([p]) => PREFIXES.some((prefix) => p.startsWith(prefix)))
    .map(([p, item]) => ({
      path: p,
      post: item.post,
      get: item.get,
      undocumented: Boolean(item.post?.['x-undocumented']),
      deprecated: Boolean(item.post?.deprecated || item.post?.['x-deprecated']),
    }))
}

export function documented(openapi) {
  return underPrefixes(openapi).filter((e) => !e.undocumented && !e.deprecated)
}

const camel = (name) => name.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase())

/** `/acs/encoders/simulate/next_credential_encode_will_fail` → `['acs', 'encoders', 'simulate', 'nextCredentialEncodeWillFail']`. */
export const methodPath = (p) => p.split('/').slice(1).map(camel)

/** Whether the endpoint's 200 answer is paginated (it then also gets listPage and iterate). */
export function paginated(endpoint) {
  const schema = endpoint.post.responses['200'].content['application/json'].schema
  return Boolean(schema.properties?.pagination)
}
