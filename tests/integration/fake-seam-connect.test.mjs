// The package against the local Seam server (tests/fake-seam/: @seamapi/fake-seam-connect
// plus our credential routes), imported as a user imports it. Every auth mode and the
// headers it sends, the whole credential lifecycle, Seam's errors as typed errors, and
// pagination to the end.
//
// Run: node tests/link-package.mjs && cd tests && node --test integration/fake-seam-connect.test.mjs

import assert from 'node:assert/strict'
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'

import {
  SeamApiError,
  SeamClient,
  SeamError,
  SeamInvalidInputError,
  SeamInvalidTokenError,
  SeamNotAllowedError,
  SeamUnauthorizedError,
  SeamValidationError,
  validateRequest,
} from 'seam-acs-wasm'

import { startFakeSeam } from '../fake-seam/server.mjs'
import { AUTH_HEADERS } from './servers.mjs'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const DAY = 86_400_000

/** The auth headers of a logged request. */
const authHeaders = (request) =>
  Object.fromEntries(AUTH_HEADERS.filter((h) => h in request.headers).map((h) => [h, request.headers[h]]))

/** Awaits a call that must fail, and returns its error. */
async function failure(promise) {
  try {
    await promise
  } catch (error) {
    return error
  }
  assert.fail('the call succeeded')
}

/** Each test gets its own server and seed (they start in a few ms). */
function useFakeSeam() {
  const ctx = {}
  beforeEach(async () => {
    ctx.fake = await startFakeSeam()
    ctx.seed = ctx.fake.seed
    ctx.endpoint = ctx.fake.url
    ctx.clients = []
    ctx.client = (make) => {
      const client = make()
      ctx.clients.push(client)
      return client
    }
  })
  afterEach(async () => {
    for (const client of ctx.clients) client.free()
    await ctx.fake?.close()
  })
  return ctx
}

describe('auth modes', () => {
  const ctx = useFakeSeam()

  it('API key: lists, and sends only `authorization: Bearer <key>`', async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    assert.equal(seam.authMode, 'api_key')
    assert.equal(seam.endpoint, endpoint)
    const credentials = await seam.acs.credentials.list()
    assert.equal(credentials.length, 60)
    assert.deepEqual(new Set(credentials.map((c) => c.acs_credential_id)), new Set(seed.acs_credential_ids))
    assert.equal(fake.requests.length, 1)
    const [request] = fake.requests
    assert.equal(request.method, 'POST')
    assert.equal(request.path, '/acs/credentials/list')
    assert.equal(request.status, 200)
    assert.deepEqual(authHeaders(request), { authorization: `Bearer ${seed.api_key}` })
    assert.match(request.headers['content-type'], /^application\/json/)
  })

  it('client session token: may list and listCredentialsWithAccess; admin methods fail locally, sending nothing', async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromClientSessionToken(seed.client_session_token, { endpoint }))
    assert.equal(seam.authMode, 'client_session')

    const credentials = await seam.acs.credentials.list({ acs_system_id: seed.acs_system_ids[1] })
    assert.equal(credentials.length, 30)
    assert.ok(credentials.every((c) => c.acs_system_id === seed.acs_system_ids[1]))
    const withAccess = await seam.acs.entrances.listCredentialsWithAccess({ acs_entrance_id: seed.acs_entrance_ids[5] })
    assert.equal(withAccess.length, 30, 'every Salto KS credential opens the Front Door')
    assert.equal(fake.requests.length, 2)
    for (const request of fake.requests) {
      assert.equal(request.status, 200)
      assert.deepEqual(authHeaders(request), {
        authorization: `Bearer ${seed.client_session_token}`,
        'client-session-token': seed.client_session_token,
      })
    }

    fake.requests.reset()
    const id = seed.acs_credential_ids[0]
    const notAllowed = [
      [
        '/acs/credentials/create',
        () => seam.acs.credentials.create({ acs_user_id: seed.acs_user_ids[0], access_method: 'code', code: '123456' }),
      ],
      ['/acs/credentials/get', () => seam.acs.credentials.get({ acs_credential_id: id })],
      ['/acs/credentials/delete', () => seam.acs.credentials.delete({ acs_credential_id: id })],
      ['/acs/credentials/update', () => seam.acs.credentials.update({ acs_credential_id: id, code: '1234' })],
      [
        '/acs/credentials/assign',
        () => seam.acs.credentials.assign({ acs_credential_id: id, acs_user_id: seed.acs_user_ids[0] }),
      ],
      [
        '/acs/credentials/unassign',
        () => seam.acs.credentials.unassign({ acs_credential_id: id, acs_user_id: seed.acs_user_ids[0] }),
      ],
      [
        '/acs/credentials/list_accessible_entrances',
        () => seam.acs.credentials.listAccessibleEntrances({ acs_credential_id: id }),
      ],
    ]
    for (const [path, call] of notAllowed) {
      const error = await failure(call())
      assert.ok(error instanceof SeamNotAllowedError, `${path}: ${error}`)
      assert.ok(error instanceof SeamError)
      assert.equal(error.name, 'SeamNotAllowedError')
      assert.equal(error.endpoint, path)
      assert.equal(error.authMode, 'client_session')
      assert.deepEqual(error.acceptedAuthModes.toSorted(), [
        'api_key',
        'console_session_with_workspace',
        'pat_with_workspace',
      ])
      assert.ok(!error.message.includes(seed.client_session_token))
      // The same answer is available before any call, for a UI to offer only what works.
      assert.equal(seam.allows(path), false, path)
    }
    assert.equal(seam.allows('/acs/credentials/list'), true)
    assert.equal(seam.allows('/acs/entrances/list_credentials_with_access'), true)
    assert.equal(fake.requests.length, 0, 'nothing reached the server')
  })

  it('personal access token + workspace: sends `authorization` and `seam-workspace`, and may create', async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() =>
      SeamClient.fromPersonalAccessToken(seed.personal_access_token, seed.workspace_id, { endpoint }),
    )
    assert.equal(seam.authMode, 'pat_with_workspace')
    assert.equal((await seam.acs.credentials.list()).length, 60)
    const created = await seam.acs.credentials.create({
      acs_user_id: seed.acs_user_ids[6],
      access_method: 'code',
      code: '4321',
    })
    assert.equal(created.code, '4321')
    assert.equal(fake.requests.length, 2)
    for (const request of fake.requests) {
      assert.equal(request.status, 200)
      assert.deepEqual(authHeaders(request), {
        authorization: `Bearer ${seed.personal_access_token}`,
        'seam-workspace': seed.workspace_id,
      })
    }

    // The token is valid but not for that workspace.
    const elsewhere = ctx.client(() =>
      SeamClient.fromPersonalAccessToken(seed.personal_access_token, '00000000-0000-4000-8000-000000000000', {
        endpoint,
      }),
    )
    const error = await failure(elsewhere.acs.credentials.list())
    assert.ok(error instanceof SeamUnauthorizedError)
    assert.equal(error.statusCode, 401)
  })

  it('publishable key: fromPublishableKey gets a client session, then lists with its token', async () => {
    const { seed, endpoint, fake } = ctx
    const seam = await SeamClient.fromPublishableKey(seed.publishable_key, 'user-123', { endpoint })
    ctx.clients.push(seam)
    assert.ok(seam instanceof SeamClient)
    assert.equal(seam.authMode, 'client_session')
    assert.equal(seam.endpoint, endpoint)
    assert.equal((await seam.acs.credentials.list({ limit: 5 })).length, 5)

    const [getOrCreate, list] = fake.requests
    assert.equal(fake.requests.length, 2)
    assert.equal(getOrCreate.path, '/client_sessions/get_or_create')
    assert.equal(getOrCreate.status, 200)
    assert.deepEqual(getOrCreate.body, { user_identifier_key: 'user-123' })
    assert.deepEqual(authHeaders(getOrCreate), { 'seam-publishable-key': seed.publishable_key })
    const session = fake.fake.database.client_sessions.find((s) => s.user_identifier_key === 'user-123')
    assert.ok(session, 'the server created the client session')
    assert.equal(list.status, 200)
    assert.deepEqual(authHeaders(list), {
      authorization: `Bearer ${session.token}`,
      'client-session-token': session.token,
    })

    // Same user, same session.
    const again = await SeamClient.fromPublishableKey(seed.publishable_key, 'user-123', { endpoint })
    ctx.clients.push(again)
    await again.acs.credentials.list({ limit: 1 })
    assert.equal(fake.requests.at(-1).headers['client-session-token'], session.token)
    // Still a client session: creating is refused locally.
    fake.requests.reset()
    assert.ok(
      (await failure(
        seam.acs.credentials.create({ acs_user_id: seed.acs_user_ids[0], access_method: 'card' }),
      )) instanceof SeamNotAllowedError,
    )
    assert.equal(fake.requests.length, 0)
  })

  it('a wrong API key is a SeamUnauthorizedError with status 401 and the request id', async () => {
    const { endpoint, fake } = ctx
    const wrongKey = 'seam_wrongkey_00000000000000000000000'
    const seam = ctx.client(() => SeamClient.fromApiKey(wrongKey, { endpoint }))
    for (const call of [
      () => seam.acs.credentials.list(),
      () => seam.acs.entrances.list(),
      () => seam.acs.credentials.get({ acs_credential_id: ctx.seed.acs_credential_ids[0] }),
    ]) {
      fake.requests.reset()
      const error = await failure(call())
      assert.ok(error instanceof SeamUnauthorizedError, String(error))
      assert.ok(error instanceof SeamApiError)
      assert.ok(error instanceof SeamError)
      assert.ok(error instanceof Error)
      assert.equal(error.name, 'SeamUnauthorizedError')
      assert.equal(error.statusCode, 401)
      assert.equal(error.code, 'unauthorized')
      assert.equal(fake.requests.length, 1, 'a 401 is not retried')
      assert.equal(fake.requests[0].status, 401)
      assert.match(error.requestId, UUID)
      assert.equal(error.requestId, fake.requests[0].request_id)
      assert.ok(!error.message.includes(wrongKey))
      assert.ok(!JSON.stringify(error).includes(wrongKey))
    }
  })

  it('a token of the wrong kind is refused before any request', () => {
    const { seed, endpoint, fake } = ctx
    const cases = [
      () => SeamClient.fromApiKey(seed.client_session_token, { endpoint }),
      () => SeamClient.fromClientSessionToken(seed.api_key, { endpoint }),
      () => SeamClient.fromPersonalAccessToken(seed.personal_access_token, '', { endpoint }),
      () => SeamClient.fromApiKey(seed.publishable_key, { endpoint }),
    ]
    for (const make of cases) {
      assert.throws(
        make,
        (error) =>
          error instanceof SeamInvalidTokenError &&
          error.name === 'SeamInvalidTokenError' &&
          !error.message.includes('fakeSeam'),
      )
    }
    assert.equal(fake.requests.length, 0)
  })
})

describe('access systems (exposed from the contract by one overlay entry)', () => {
  const ctx = useFakeSeam()

  it('systems.list returns the two seeded systems with their names, and filters by connected account', async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint, answers: 'strict' }))
    const systems = await seam.acs.systems.list()
    assert.deepEqual(systems.map((s) => s.acs_system_id).toSorted(), seed.acs_system_ids.toSorted())
    assert.deepEqual(systems.map((s) => s.name).toSorted(), ['Grand Harbor Hotel', 'Harbor Offices'])
    const salto = systems.find((s) => s.name === 'Harbor Offices')
    assert.equal(salto.external_type, 'salto_ks_site')
    const filtered = await seam.acs.systems.list({ connected_account_id: salto.connected_account_id })
    assert.deepEqual(
      filtered.map((s) => s.name),
      ['Harbor Offices'],
    )
    assert.deepEqual(
      fake.requests.map((r) => [r.method, r.path, r.status]),
      [
        ['POST', '/acs/systems/list', 200],
        ['POST', '/acs/systems/list', 200],
      ],
    )
    assert.equal(seam.allows('/acs/systems/list'), true)
    const session = ctx.client(() => SeamClient.fromClientSessionToken(seed.client_session_token, { endpoint }))
    assert.equal(session.allows('/acs/systems/list'), true, 'the contract lets a client session list systems')
    await assert.rejects(seam.acs.systems.list({ connected_account_id: 'nope' }), SeamValidationError)
    assert.equal(fake.requests.length, 2, 'an invalid request is not sent')
  })
})

describe('credential lifecycle', () => {
  const ctx = useFakeSeam()

  it('create → get → list/iterate → update → assign/unassign → entrances → delete → 404', async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    const [, saltoSystem] = seed.acs_system_ids
    // Salto KS users are acs_user_ids[6..9]; its doors are acs_entrance_ids[5..7].
    const [emma, james] = [seed.acs_user_ids[7], seed.acs_user_ids[8]]
    const doors = seed.acs_entrance_ids.slice(5, 7)
    const startsAt = new Date(Date.now() + DAY)
    const endsAt = new Date(Date.now() + 30 * DAY)

    // create
    const created = await seam.acs.credentials.create({
      acs_user_id: emma,
      access_method: 'code',
      code: '135790',
      starts_at: startsAt,
      ends_at: endsAt.toISOString(),
      allowed_acs_entrance_ids: doors,
    })
    const id = created.acs_credential_id
    assert.match(id, UUID)
    assert.ok(!seed.acs_credential_ids.includes(id))
    assert.equal(created.access_method, 'code')
    assert.equal(created.code, '135790')
    assert.equal(created.acs_user_id, emma)
    assert.equal(created.acs_system_id, saltoSystem)
    assert.equal(created.workspace_id, seed.workspace_id)
    assert.equal(created.starts_at, startsAt.toISOString())
    assert.equal(created.ends_at, endsAt.toISOString())
    assert.deepEqual(created.errors, [])
    assert.deepEqual(fake.requests.at(-1).body, {
      acs_user_id: emma,
      access_method: 'code',
      code: '135790',
      starts_at: startsAt.toISOString(),
      ends_at: endsAt.toISOString(),
      allowed_acs_entrance_ids: doors,
    })

    // get
    assert.deepEqual(await seam.acs.credentials.get({ acs_credential_id: id }), created)

    // list and iterate find it
    const ofSystem = await seam.acs.credentials.list({ acs_system_id: saltoSystem })
    assert.equal(ofSystem.length, 31)
    assert.deepEqual(
      ofSystem.find((c) => c.acs_credential_id === id),
      created,
    )
    const ofEmma = []
    for await (const credential of seam.acs.credentials.iterate({ acs_user_id: emma, limit: 2 }))
      ofEmma.push(credential)
    assert.ok(ofEmma.some((c) => c.acs_credential_id === id))
    assert.ok(ofEmma.every((c) => c.acs_user_id === emma))
    assert.equal(new Set(ofEmma.map((c) => c.acs_credential_id)).size, ofEmma.length)
    const searched = await seam.acs.credentials.list({ search: '135790' })
    assert.deepEqual(
      searched.map((c) => c.acs_credential_id),
      [id],
    )

    // update
    const newEnd = new Date(Date.now() + 60 * DAY).toISOString()
    const updated = await seam.acs.credentials.update({ acs_credential_id: id, code: '246801', ends_at: newEnd })
    assert.equal(updated.acs_credential_id, id)
    assert.equal(updated.code, '246801')
    assert.equal(updated.ends_at, newEnd)
    assert.equal(updated.starts_at, startsAt.toISOString())
    assert.deepEqual(await seam.acs.credentials.get({ acs_credential_id: id }), updated)

    // assign / unassign
    const toJames = await seam.acs.credentials.assign({ acs_credential_id: id, acs_user_id: james })
    assert.equal(toJames.acs_user_id, james)
    const unassigned = await seam.acs.credentials.unassign({ acs_credential_id: id, acs_user_id: james })
    assert.equal(unassigned.acs_credential_id, id)
    assert.equal(unassigned.acs_user_id, undefined)
    assert.equal((await seam.acs.credentials.get({ acs_credential_id: id })).acs_user_id, undefined)
    // Emma Wilson is user identity 3 in the seed: assigning by identity finds her ACS user.
    const byIdentity = await seam.acs.credentials.assign({
      acs_credential_id: id,
      user_identity_id: seed.user_identity_ids[3],
    })
    assert.equal(byIdentity.acs_user_id, emma)
    assert.equal(byIdentity.user_identity_id, seed.user_identity_ids[3])

    // entrances, both ways
    const entrances = await seam.acs.credentials.listAccessibleEntrances({ acs_credential_id: id })
    assert.deepEqual(entrances.map((e) => e.acs_entrance_id).sort(), [...doors].sort())
    assert.ok(entrances.every((e) => e.acs_system_id === saltoSystem && Array.isArray(e.space_ids)))
    for (const door of doors) {
      const withAccess = await seam.acs.entrances.listCredentialsWithAccess({ acs_entrance_id: door })
      assert.ok(
        withAccess.some((c) => c.acs_credential_id === id),
        door,
      )
    }
    const parking = seed.acs_entrance_ids[7]
    const parkingAccess = await seam.acs.entrances.listCredentialsWithAccess({ acs_entrance_id: parking })
    assert.ok(!parkingAccess.some((c) => c.acs_credential_id === id))

    // delete, then it is gone
    assert.equal(await seam.acs.credentials.delete({ acs_credential_id: id }), undefined)
    const gone = await failure(seam.acs.credentials.get({ acs_credential_id: id }))
    assert.ok(gone instanceof SeamApiError, String(gone))
    assert.ok(!(gone instanceof SeamInvalidInputError) && !(gone instanceof SeamUnauthorizedError))
    assert.equal(gone.name, 'SeamApiError')
    assert.equal(gone.code, 'acs_credential_not_found')
    assert.equal(gone.statusCode, 404)
    const last = fake.requests.at(-1)
    assert.equal(last.path, '/acs/credentials/get')
    assert.equal(last.status, 404)
    assert.equal(gone.requestId, last.request_id, "the error carries the response's seam-request-id")
    assert.ok(
      !(await seam.acs.credentials.list({ acs_system_id: saltoSystem })).some((c) => c.acs_credential_id === id),
    )
    // A deleted credential cannot be deleted again (a 404 for a mutation is not retried).
    const before = fake.requests.length
    assert.equal((await failure(seam.acs.credentials.delete({ acs_credential_id: id }))).statusCode, 404)
    assert.equal(fake.requests.length, before + 1)
  })

  it('create with user_identity_id + acs_system_id makes the ACS user when missing', async () => {
    const { seed, endpoint } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    // Mia Patel (identity 1) has a Visionline user but none in Salto KS.
    const created = await seam.acs.credentials.create({
      user_identity_id: seed.user_identity_ids[1],
      acs_system_id: seed.acs_system_ids[1],
      access_method: 'mobile_key',
    })
    assert.equal(created.acs_system_id, seed.acs_system_ids[1])
    assert.equal(created.user_identity_id, seed.user_identity_ids[1])
    assert.match(created.acs_user_id, UUID)
    assert.ok(!seed.acs_user_ids.includes(created.acs_user_id))
  })
})

describe("the server's errors, typed", () => {
  const ctx = useFakeSeam()

  /** Checks an invalid_input error our validator could not have caught. */
  function assertInvalidInput(error, field, message, request) {
    assert.ok(error instanceof SeamInvalidInputError, String(error))
    assert.ok(error instanceof SeamApiError)
    assert.equal(error.name, 'SeamInvalidInputError')
    assert.equal(error.code, 'invalid_input')
    assert.equal(error.statusCode, 400)
    assert.equal(error.requestId, request.request_id)
    assert.deepEqual(error.validationErrors, { _errors: [], [field]: { _errors: [message] } })
    assert.deepEqual(error.fieldErrors, [{ path: field, messages: [message] }])
    assert.ok(error.message.includes(message), error.message)
  }

  it('invalid_input the validator cannot know about: an ACS user of another system', async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    // A Visionline user, with the Salto KS system.
    const params = { acs_user_id: seed.acs_user_ids[0], acs_system_id: seed.acs_system_ids[1], access_method: 'code' }
    assert.deepEqual(validateRequest('/acs/credentials/create', params), [])
    const error = await failure(seam.acs.credentials.create(params))
    assertInvalidInput(error, 'acs_system_id', 'acs_user_id does not belong to this ACS system', fake.requests.at(-1))
    assert.equal(fake.requests.length, 1, 'a 400 is not retried')

    const assign = { acs_credential_id: seed.acs_credential_ids[1], acs_user_id: seed.acs_user_ids[0] }
    assert.deepEqual(validateRequest('/acs/credentials/assign', assign), [])
    assertInvalidInput(
      await failure(seam.acs.credentials.assign(assign)),
      'acs_user_id',
      "ACS user is not in the credential's ACS system",
      fake.requests.at(-1),
    )
  })

  it('invalid_input the validator cannot know about: a new ends_at before the stored starts_at', async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    const created = await seam.acs.credentials.create({
      acs_user_id: seed.acs_user_ids[6],
      access_method: 'code',
      starts_at: new Date(Date.now() + 20 * DAY),
      ends_at: new Date(Date.now() + 40 * DAY),
    })
    const params = {
      acs_credential_id: created.acs_credential_id,
      ends_at: new Date(Date.now() + 10 * DAY).toISOString(),
    }
    assert.deepEqual(validateRequest('/acs/credentials/update', params), [])
    assertInvalidInput(
      await failure(seam.acs.credentials.update(params)),
      'ends_at',
      'ends_at must be after starts_at',
      fake.requests.at(-1),
    )
  })

  it('an unknown user identity is a 404 SeamApiError, not invalid input', async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    const params = {
      user_identity_id: '00000000-0000-4000-8000-00000000beef',
      acs_system_id: seed.acs_system_ids[0],
      access_method: 'card',
    }
    assert.deepEqual(validateRequest('/acs/credentials/create', params), [])
    const error = await failure(seam.acs.credentials.create(params))
    assert.ok(error instanceof SeamApiError && !(error instanceof SeamInvalidInputError), String(error))
    assert.equal(error.code, 'user_identity_not_found')
    assert.equal(error.statusCode, 404)
    assert.equal(error.requestId, fake.requests.at(-1).request_id)
  })

  it('a request the validator refuses is never sent, and every problem is reported', async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    const error = await failure(
      seam.acs.credentials.create({ access_method: 'laser', code: '12a', ends_at: '2001-01-01T00:00:00Z' }),
    )
    assert.ok(error instanceof SeamValidationError, String(error))
    assert.deepEqual(error.issues.map((i) => [i.path, i.code]).sort(), [
      ['access_method', 'enum'],
      ['acs_user_id', 'missing_one_of'],
      ['code', 'pattern'],
      ['ends_at', 'past'],
    ])
    assert.equal(fake.requests.length, 0)
  })

  it("validateRequest refuses the date-times Seam's server refuses, and nothing is sent", async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    fake.requests.reset()
    for (const endsAt of ['2030-06-01 12:00:00Z', '2030-06-01t12:00:00z', '2030-06-01T12:00:60Z']) {
      const params = { acs_credential_id: seed.acs_credential_ids[1], ends_at: endsAt }
      assert.deepEqual(
        validateRequest('/acs/credentials/update', params).map((issue) => [issue.path, issue.code]),
        [['ends_at', 'format']],
        endsAt,
      )
      const error = await failure(seam.acs.credentials.update(params))
      assert.ok(error instanceof SeamValidationError, `${endsAt}: ${error.name}: ${error.message}`)
    }
    assert.equal(fake.requests.length, 0)
  })
})

describe('the body sent, byte for byte', () => {
  const ctx = useFakeSeam()

  it("is the params' JSON.stringify: no undefined properties, a Date as its ISO string", async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    const [user, doors] = [seed.acs_user_ids[7], seed.acs_entrance_ids.slice(5, 7)]
    const startsAt = new Date(Date.now() + DAY)
    const endsAt = new Date(Date.now() + 30 * DAY)
    const created = await seam.acs.credentials.create({
      acs_user_id: user,
      code: undefined,
      access_method: 'code',
      starts_at: startsAt,
      ends_at: endsAt,
      allowed_acs_entrance_ids: doors,
      is_multi_phone_sync_credential: undefined,
    })
    assert.equal(created.starts_at, startsAt.toISOString())
    assert.equal(fake.requests.length, 1)
    const [request] = fake.requests
    assert.equal(request.headers['content-type'], 'application/json')
    assert.equal(
      request.text,
      `{"acs_user_id":"${user}","access_method":"code","starts_at":"${startsAt.toISOString()}",` +
        `"ends_at":"${endsAt.toISOString()}","allowed_acs_entrance_ids":["${doors[0]}","${doors[1]}"]}`,
    )
  })

  it("is {} for no params, and a next page puts its cursor in place of the caller's", async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    await seam.acs.credentials.list()
    await seam.acs.credentials.list(null)
    assert.deepEqual(
      fake.requests.map((r) => r.text),
      ['{}', '{}'],
    )
    const first = await seam.acs.credentials.listPage({ limit: 25 })
    const cursor = first.pagination.nextPageCursor
    assert.equal(typeof cursor, 'string')
    fake.requests.reset()
    let count = 0
    for await (const _ of seam.acs.credentials.iterate({ page_cursor: cursor, acs_user_id: undefined, limit: 25 }))
      count++
    assert.equal(count, 35)
    const [second, third] = fake.requests
    assert.equal(fake.requests.length, 2)
    assert.equal(second.text, `{"page_cursor":${JSON.stringify(cursor)},"limit":25}`)
    assert.notEqual(third.body.page_cursor, cursor)
    assert.equal(third.text, `{"page_cursor":${JSON.stringify(third.body.page_cursor)},"limit":25}`)
  })
})

describe('pagination over the 60 seeded credentials', () => {
  const ctx = useFakeSeam()

  it('iterate() with limit 7 yields each of the 60 exactly once, in 9 requests', async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    const ids = []
    for await (const credential of seam.acs.credentials.iterate({ limit: 7 })) {
      ids.push(credential.acs_credential_id)
      assert.ok(ids.length <= 60, 'more than 60 items')
    }
    assert.equal(ids.length, 60)
    assert.equal(new Set(ids).size, 60)
    assert.deepEqual(new Set(ids), new Set(seed.acs_credential_ids))
    assert.equal(fake.requests.length, Math.ceil(60 / 7))
    assert.ok(fake.requests.every((r) => r.path === '/acs/credentials/list' && r.status === 200 && r.body.limit === 7))
    assert.equal(fake.requests[0].body.page_cursor, undefined)
    assert.ok(fake.requests.slice(1).every((r) => typeof r.body.page_cursor === 'string'))
  })

  it('iterate() keeps the filter on every page', async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    const system = seed.acs_system_ids[0]
    const items = []
    for await (const credential of seam.acs.credentials.iterate({ acs_system_id: system, limit: 4 }))
      items.push(credential)
    assert.equal(items.length, 30)
    assert.ok(items.every((c) => c.acs_system_id === system))
    assert.ok(fake.requests.every((r) => r.body.acs_system_id === system && r.status === 200))
  })

  it('listPage follows nextPageCursor to the last page', async () => {
    const { seed, endpoint, fake } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    const ids = []
    let cursor
    let pages = 0
    for (; pages < 20; pages++) {
      const page = await seam.acs.credentials.listPage({ limit: 7, ...(cursor && { page_cursor: cursor }) })
      assert.ok(page.items.length <= 7)
      ids.push(...page.items.map((c) => c.acs_credential_id))
      assert.equal(page.pagination.hasNextPage, page.pagination.nextPageCursor !== null)
      assert.equal(fake.requests.at(-1).body.page_cursor, cursor)
      if (!page.pagination.hasNextPage) break
      cursor = page.pagination.nextPageCursor
      assert.equal(typeof cursor, 'string')
    }
    assert.equal(pages + 1, 9)
    assert.equal(ids.length, 60)
    assert.deepEqual(new Set(ids), new Set(seed.acs_credential_ids))
  })

  it("a cursor is bound to its query: the server's mismatched_page_parameters is a SeamApiError", async () => {
    const { seed, endpoint } = ctx
    const seam = ctx.client(() => SeamClient.fromApiKey(seed.api_key, { endpoint }))
    const first = await seam.acs.credentials.listPage({ limit: 7 })
    const error = await failure(
      seam.acs.credentials.listPage({ limit: 8, page_cursor: first.pagination.nextPageCursor }),
    )
    assert.ok(error instanceof SeamApiError)
    assert.equal(error.code, 'mismatched_page_parameters')
    assert.equal(error.statusCode, 400)
  })
})
