// What every app of the import tests must have seen, in Node or in a browser
// (fixtures/node-*.{mjs,cjs}, fixtures/browser-checks.mjs): `listed` credentials listed.

import assert from 'node:assert/strict'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function assertCallOutcome(out, fake, { listed }) {
  assert.deepEqual(
    out.issues.map((i) => [i.path, i.code]),
    [
      ['code', 'pattern'],
      ['acs_user_id', 'missing_one_of'],
    ],
  )
  // Unknown properties are kept as they were.
  assert.equal(out.parsed.acs_credential_id, 'c1')
  assert.deepEqual(out.parsed.later_field, { x: 1 })
  assert.equal(out.authMode, 'api_key')
  assert.equal(out.listed.length, listed)
  for (const id of out.listed) assert.ok(fake.seed.acs_credential_ids.includes(id), id)
  assert.deepEqual(out.validation, {
    name: 'SeamValidationError',
    seamError: true,
    validation: true,
    paths: ['access_method', 'acs_user_id'],
  })
  assert.equal(out.api.name, 'SeamApiError')
  assert.equal(out.api.apiError, true)
  assert.equal(out.api.code, 'acs_credential_not_found')
  assert.equal(out.api.statusCode, 404)
  assert.match(out.api.requestId, UUID)
  assert.equal(fake.requests.find((r) => r.request_id === out.api.requestId)?.status, 404)
  // The bulk chunk, loaded on first use, works with the entry's classes.
  assert.deepEqual(out.bulkRefused, { validation: true, paths: ['[0].access_method', '[0].acs_user_id'] })
  assert.deepEqual(out.bulk, { deleted: 1, failed: 0, unknown: 0, not_started: 0 })
}
