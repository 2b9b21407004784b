// What the tests of the local Seam server call it with: one API call over real HTTP, and the
// check of an answer in Seam's error format.

import assert from 'node:assert/strict'

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** `api(route, options)` against a started server; the token defaults to the seeded API key. */
export function seamApi(server) {
  return async function api(route, { body, method = 'POST', token = server.seed.api_key, headers = {}, query } = {}) {
    const url = new URL(route, server.url)
    for (const [key, value] of Object.entries(query ?? {})) url.searchParams.append(key, String(value))
    const response = await fetch(url, {
      method,
      headers: {
        ...(token != null && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined }
  }
}

/** Asserts a Seam error answer and returns its `error`. */
export function assertError(res, status, type) {
  assert.equal(res.status, status, JSON.stringify(res.json))
  assert.equal(res.json.ok, false)
  assert.equal(res.json.error.type, type)
  assert.equal(typeof res.json.error.message, 'string')
  assert.match(res.headers.get('seam-request-id'), UUID)
  assert.equal(res.json.error.request_id, res.headers.get('seam-request-id'))
  assert.equal(res.json.error.stack, undefined)
  return res.json.error
}
