// The package against @seamapi/fake-seam-connect's OWN routes for systems, users and action
// attempts (it has none for user identities: a 404, reported typed), with nothing of ours in front: records made by the fake's
// database API as a new user would make them, read by the package exactly as the fake sends
// them (compared with a plain fetch of the same route), and an action attempt the fake's
// database settles while the package reads it.
//
// Run: node tests/link-package.mjs && cd tests && node --test integration/fake-seam-connect-raw-acs.test.mjs

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'

import { createFake } from '@seamapi/fake-seam-connect'
import { SeamClient, SeamError } from 'seam-acs-wasm'

import { useUuidIds } from '../fake-seam/ids.mjs'
import { startInnerFake } from '../fake-seam/server.mjs'

let fake
let server
let endpoint
let seed
const reported = { lenient: [], strict: [] }
const clients = {}

function seedRaw(db) {
  const { workspace_id } = db.addWorkspace({ name: 'Raw ACS Workspace' })
  const apiKey = db.addApiKey({ workspace_id })
  const account = db.addConnectedAccount({ provider: 'visionline', workspace_id })
  const system = db.addAcsSystem({
    external_type: 'visionline_system',
    name: 'Raw Hotel',
    workspace_id,
    connected_account_id: account.connected_account_id,
  })
  const identity = db.addUserIdentity({
    workspace_id,
    user_identity_key: 'raw-1',
    full_name: 'Jane Raw',
    email_address: 'jane.raw@example.com',
  })
  const users = ['Jane Raw', 'John Raw'].map((full_name, i) =>
    db.addAcsUser({
      acs_system_id: system.acs_system_id,
      workspace_id,
      full_name,
      email_address: `${full_name.toLowerCase().replace(' ', '.')}@example.com`,
      ...(i === 0 && { user_identity_id: identity.user_identity_id }),
    }),
  )
  const attempt = db.addActionAttempt({ action_type: 'ENCODE_CREDENTIAL' })
  return { token: apiKey.token, system, identity, users, attempt }
}

before(async () => {
  fake = await createFake()
  // The fake's ids are `acs_system1`, which the package refuses to send (the contract's ids are
  // UUIDs): its counters are kept, and written as UUIDs (ids.mjs). Nothing else is changed.
  useUuidIds(fake.database)
  seed = seedRaw(fake.database)
  server = await startInnerFake(fake, undefined)
  endpoint = `http://127.0.0.1:${server.address().port}`
  for (const answers of ['lenient', 'strict']) {
    clients[answers] = SeamClient.fromApiKey(seed.token, {
      endpoint,
      answers,
      maxRetries: 0,
      onAnswerIssue: (issue) => reported[answers].push(issue),
    })
  }
})

after(async () => {
  for (const client of Object.values(clients)) client.free()
  await new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
})

/** The fake's own answer to `path` with `body`, fetched plainly. */
async function rawAnswer(path, body) {
  const response = await fetch(`${endpoint}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${seed.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  assert.equal(response.status, 200, `${path}: ${response.status} ${await response.clone().text()}`)
  return response.json()
}

/** Both modes read `path` exactly as the fake sends it (strict mode too: nothing off-contract). */
async function readBothWays(call, path, body, key) {
  const expected = (await rawAnswer(path, body))[key]
  assert.deepEqual(await call(clients.lenient), expected, `${path}, lenient`)
  assert.deepEqual(await call(clients.strict), expected, `${path}, strict`)
  return { expected }
}

describe("fake-seam-connect's own routes, read by the package", () => {
  it('systems: list and get, records as the fake makes them', async () => {
    const { expected } = await readBothWays((c) => c.acs.systems.list(), '/acs/systems/list', {}, 'acs_systems')
    assert.deepEqual(
      expected.map((s) => s.name),
      ['Raw Hotel'],
    )
    const got = await clients.lenient.acs.systems.get({ acs_system_id: seed.system.acs_system_id })
    assert.deepEqual(got, expected[0])
  })

  it('users: list (by system) and get', async () => {
    const body = { acs_system_id: seed.system.acs_system_id }
    const { expected } = await readBothWays((c) => c.acs.users.list(body), '/acs/users/list', body, 'acs_users')
    assert.deepEqual(expected.map((u) => u.full_name).sort(), ['Jane Raw', 'John Raw'])
    const got = await clients.lenient.acs.users.get({ acs_user_id: seed.users[1].acs_user_id })
    assert.equal(got.full_name, 'John Raw')
    assert.equal(got.acs_user_id, seed.users[1].acs_user_id)
  })

  it('user identities: the fake has no route of its own (404), which the package reports typed', async () => {
    // Which is why tests/fake-seam answers /user_identities/* itself, over the fake's table.
    for (const call of [
      (c) => c.userIdentities.list(),
      (c) => c.userIdentities.get({ user_identity_id: seed.identity.user_identity_id }),
    ]) {
      const error = await call(clients.lenient).then(
        () => assert.fail('the raw fake answered'),
        (e) => e,
      )
      assert.ok(error instanceof SeamError, String(error))
      assert.equal(error.statusCode, 404)
    }
  })

  it('action attempts: get and list read the pending attempt, then the one the fake settles', async () => {
    const id = seed.attempt.action_attempt_id
    const pending = await clients.lenient.actionAttempts.get({ action_attempt_id: id })
    assert.equal(pending.status, 'pending')
    assert.deepEqual(pending, (await rawAnswer('/action_attempts/get', { action_attempt_id: id })).action_attempt)
    fake.database.updateActionAttempt({
      action_attempt_id: id,
      status: 'error',
      result: null,
      error: { type: 'no_credential_on_encoder', message: 'No card.' },
    })
    const { expected } = await readBothWays(
      (c) => c.actionAttempts.list({ action_attempt_ids: [id] }),
      '/action_attempts/list',
      { action_attempt_ids: [id] },
      'action_attempts',
    )
    assert.deepEqual(
      expected.map((a) => [a.status, a.error.type]),
      [['error', 'no_credential_on_encoder']],
    )
  })

  it('the records as the fake makes them are read with no issue reported', () => {
    assert.deepEqual(reported, { lenient: [], strict: [] })
  })
})
