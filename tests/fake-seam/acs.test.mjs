// The local Seam server's ACS namespace beyond credentials, over real HTTP: systems, users and
// user identities by name, users search, card encoders and their action attempts (pending →
// success / error), the simulate/* routes, access groups, auth modes and errors.
// Run: cd tests && node --test fake-seam/

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'

import { schemas } from '@seamapi/types/connect'

import { assertError, seamApi, UUID } from './api-client.mjs'
import { startFakeSeam } from './server.mjs'

const ATTEMPT_DELAY_MS = 20
const identitySchema = schemas.user_identity.strict()
const encoderSchema = schemas.acs_encoder.strict()
const credentialSchema = schemas.acs_credential.strict()
const accessGroupSchema = schemas.acs_access_group.strict()

let fake
let seed
let api

before(async () => {
  fake = await startFakeSeam({ actionAttemptDelayMs: ATTEMPT_DELAY_MS })
  seed = fake.seed
  api = seamApi(fake)
})

after(() => fake?.close())

const [VISIONLINE, SALTO] = [0, 1]
const [FRONT_DESK, BACK_OFFICE, IT_DESK] = [0, 1, 2]
// Seeded ACS users: 0-5 Visionline, 6-9 Salto KS; identities: Ava, Mia, Oliver, Emma.
const [AVA, MIA] = [0, 1]

/** Polls /action_attempts/get until the attempt is no longer pending (bounded). */
async function settled(attempt, token = seed.api_key) {
  assert.equal(attempt.status, 'pending')
  assert.equal(attempt.result, null)
  assert.equal(attempt.error, null)
  for (let i = 0; i < 100; i++) {
    const res = await api('/action_attempts/get', { body: { action_attempt_id: attempt.action_attempt_id }, token })
    assert.equal(res.status, 200, JSON.stringify(res.json))
    if (res.json.action_attempt.status !== 'pending') return schemas.action_attempt.parse(res.json.action_attempt)
    await new Promise((resolve) => setTimeout(resolve, ATTEMPT_DELAY_MS))
  }
  throw new Error(`action attempt ${attempt.action_attempt_id} still pending`)
}

/** A new Visionline card for Mia Patel, waiting to be encoded. */
async function newCard() {
  const res = await api('/acs/credentials/create', {
    body: {
      acs_user_id: seed.acs_user_ids[2],
      access_method: 'card',
      allowed_acs_entrance_ids: [seed.acs_entrance_ids[1]],
    },
  })
  assert.equal(res.status, 200, JSON.stringify(res.json))
  assert.equal(res.json.acs_credential.is_issued, false)
  return res.json.acs_credential
}

const encode = (credential, encoder = FRONT_DESK, token = seed.api_key) =>
  api('/acs/encoders/encode_credential', {
    token,
    body: { acs_encoder_id: seed.acs_encoder_ids[encoder], acs_credential_id: credential.acs_credential_id },
  })

describe('systems, users and user identities', () => {
  it("lists the named systems from fake-seam-connect's own route, records as it makes them", async () => {
    const res = await api('/acs/systems/list', { body: {}, token: seed.client_session_token })
    assert.equal(res.status, 200)
    assert.deepEqual(
      res.json.acs_systems.map((s) => [s.acs_system_id, s.name, s.system_type]),
      [
        [seed.acs_system_ids[VISIONLINE], 'Grand Harbor Hotel', 'visionline_system'],
        [seed.acs_system_ids[SALTO], 'Harbor Offices', 'salto_ks_site'],
      ],
    )
  })

  it('lists users with names, emails and phones, paged in creation order', async () => {
    const all = await api('/acs/users/list', { body: {} })
    assert.equal(all.status, 200)
    assert.deepEqual(
      all.json.acs_users.map((u) => u.acs_user_id),
      seed.acs_user_ids,
    )
    assert.deepEqual(all.json.pagination, { has_next_page: false, next_page_cursor: null, next_page_url: null })
    const [ava] = all.json.acs_users
    assert.equal(ava.full_name, 'Ava Thompson')
    assert.equal(ava.email_address, 'ava.thompson@example.com')
    assert.match(ava.phone_number, /^\+1555555\d{4}$/)
    assert.equal(ava.user_identity_id, seed.user_identity_ids[AVA])

    const pages = []
    let cursor
    do {
      const res = await api('/acs/users/list', { body: { limit: 4, page_cursor: cursor } })
      pages.push(res.json.acs_users.map((u) => u.acs_user_id))
      cursor = res.json.pagination.next_page_cursor
    } while (cursor != null && pages.length < 10)
    assert.deepEqual(
      pages.map((p) => p.length),
      [4, 4, 2],
    )
    assert.deepEqual(pages.flat(), seed.acs_user_ids)
  })

  it('searches users by name, email, phone and their identity, and filters by system', async () => {
    const names = async (body) => {
      const res = await api('/acs/users/list', { body, token: seed.client_session_token })
      assert.equal(res.status, 200, JSON.stringify(res.json))
      return res.json.acs_users.map(
        (u) => `${u.full_name}@${u.acs_system_id === seed.acs_system_ids[SALTO] ? 'salto' : 'vl'}`,
      )
    }
    assert.deepEqual(await names({ search: 'ava' }), ['Ava Thompson@vl', 'Ava Thompson@salto'])
    assert.deepEqual(await names({ search: 'AVA', acs_system_id: seed.acs_system_ids[SALTO] }), ['Ava Thompson@salto'])
    assert.deepEqual(await names({ search: 'noah.martinez@' }), ['Noah Martinez@vl'])
    assert.deepEqual(await names({ search: '+15555550102' }), ['Mia Patel@vl']) // her identity's phone
    assert.deepEqual(await names({ search: 'zebra' }), [])
    assert.deepEqual(await names({ user_identity_id: seed.user_identity_ids[AVA] }), [
      'Ava Thompson@vl',
      'Ava Thompson@salto',
    ])
    assert.deepEqual(await names({ user_identity_email_address: 'emma.wilson@example.com' }), ['Emma Wilson@salto'])
    assert.equal((await names({ acs_system_id: seed.acs_system_ids[VISIONLINE] })).length, 6)
    assertError(await api('/acs/users/list', { body: { search: '' } }), 400, 'invalid_input')
    assertError(
      await api('/acs/users/list', { body: { acs_system_id: '00000000-0000-4000-8000-0000000000ff' } }),
      404,
      'acs_system_not_found',
    )
  })

  it("lists a user's accessible entrances, through credentials and direct grants", async () => {
    const res = await api('/acs/users/list_accessible_entrances', { body: { acs_user_id: seed.acs_user_ids[4] } })
    assert.equal(res.status, 200)
    // Grace Kim is staff: her cards open every Visionline door.
    assert.deepEqual(
      res.json.acs_entrances.map((e) => e.display_name),
      ['Room 101', 'Room 102', 'Room 201', 'Main Entrance', 'Pool & Spa'],
    )
    for (const e of res.json.acs_entrances) schemas.acs_entrance.strict().parse(e)
    const byIdentity = await api('/acs/users/list_accessible_entrances', {
      body: { user_identity_id: seed.user_identity_ids[AVA], acs_system_id: seed.acs_system_ids[SALTO] },
    })
    assert.ok(byIdentity.json.acs_entrances.length > 0)
    assert.ok(byIdentity.json.acs_entrances.every((e) => e.acs_system_id === seed.acs_system_ids[SALTO]))
    assertError(
      await api('/acs/users/list_accessible_entrances', {
        body: { acs_user_id: seed.acs_user_ids[0], acs_system_id: seed.acs_system_ids[0] },
      }),
      400,
      'invalid_input',
    )
  })

  it('lists and gets user identities with names, in the contract shape', async () => {
    const res = await api('/user_identities/list', { body: {}, token: seed.client_session_token })
    assert.equal(res.status, 200)
    const identities = res.json.user_identities.map((i) => identitySchema.parse(i))
    assert.deepEqual(
      identities.map((i) => i.full_name),
      ['Ava Thompson', 'Mia Patel', 'Oliver Brown', 'Emma Wilson'],
    )
    assert.deepEqual(identities[AVA].acs_user_ids, [seed.acs_user_ids[0], seed.acs_user_ids[6]])
    assert.equal(identities[AVA].email_address, 'ava.thompson@example.com')
    assert.equal(identities[AVA].phone_number, '+15555550101')
    assert.equal(res.json.pagination.has_next_page, false)
    const searched = await api('/user_identities/list', { body: { search: 'patel' } })
    assert.deepEqual(
      searched.json.user_identities.map((i) => i.user_identity_id),
      [seed.user_identity_ids[MIA]],
    )

    const byKey = await api('/user_identities/get', { body: { user_identity_key: 'guest-2' } })
    assert.deepEqual(byKey.json.user_identity, identities[MIA])
    const byId = await api('/user_identities/get', {
      method: 'GET',
      query: { user_identity_id: seed.user_identity_ids[MIA] },
    })
    assert.deepEqual(byId.json, byKey.json)
    assertError(
      await api('/user_identities/get', { body: { user_identity_key: 'nobody' } }),
      404,
      'user_identity_not_found',
    )
    assertError(await api('/user_identities/get', { body: {} }), 400, 'invalid_input')

    const users = await api('/user_identities/list_acs_users', {
      body: { user_identity_id: seed.user_identity_ids[AVA] },
    })
    assert.deepEqual(
      users.json.acs_users.map((u) => u.acs_user_id),
      identities[AVA].acs_user_ids,
    )
    const systems = await api('/user_identities/list_acs_systems', {
      body: { user_identity_id: seed.user_identity_ids[AVA] },
    })
    assert.deepEqual(
      systems.json.acs_systems.map((s) => s.name),
      ['Grand Harbor Hotel', 'Harbor Offices'],
    )
    const entrances = await api('/user_identities/list_accessible_entrances', {
      body: { user_identity_id: seed.user_identity_ids[AVA] },
    })
    assert.ok(entrances.json.acs_entrances.some((e) => e.acs_system_id === seed.acs_system_ids[VISIONLINE]))
    assert.ok(entrances.json.acs_entrances.some((e) => e.acs_system_id === seed.acs_system_ids[SALTO]))
    const devices = await api('/user_identities/list_accessible_devices', {
      body: { user_identity_id: seed.user_identity_ids[AVA] },
    })
    assert.deepEqual(devices.json, { devices: [], accessible_devices: [], ok: true })
  })

  it('creates, links, updates and deletes a user identity', async () => {
    const created = await api('/user_identities/create', {
      body: {
        full_name: 'Liam Chen',
        email_address: 'liam.chen@example.com',
        phone_number: '+15555550199',
        user_identity_key: 'guest-liam',
        acs_system_ids: [seed.acs_system_ids[VISIONLINE]],
      },
    })
    assert.equal(created.status, 200, JSON.stringify(created.json))
    const liam = identitySchema.parse(created.json.user_identity)
    assert.match(liam.user_identity_id, UUID)
    assert.equal(liam.display_name, 'Liam Chen')
    assert.equal(liam.acs_user_ids.length, 1) // a new Visionline user, linked
    const [user] = (await api('/user_identities/list_acs_users', { body: { user_identity_id: liam.user_identity_id } }))
      .json.acs_users
    assert.deepEqual([user.full_name, user.acs_system_id], ['Liam Chen', seed.acs_system_ids[VISIONLINE]])

    const taken = assertError(
      await api('/user_identities/create', { body: { email_address: 'liam.chen@example.com' } }),
      400,
      'invalid_input',
    )
    assert.ok(taken.validation_errors.email_address)

    const james = seed.acs_user_ids[8]
    assert.equal(
      (
        await api('/user_identities/add_acs_user', {
          body: { user_identity_id: liam.user_identity_id, acs_user_id: james },
        })
      ).status,
      200,
    )
    let got = await api('/user_identities/get', { body: { user_identity_id: liam.user_identity_id } })
    // In the order of the users' creation: James Nakamura is seeded, Liam's user is new.
    assert.deepEqual(got.json.user_identity.acs_user_ids, [james, user.acs_user_id])
    assertError(
      await api('/user_identities/remove_acs_user', {
        body: { user_identity_id: liam.user_identity_id, acs_user_id: seed.acs_user_ids[0] },
      }),
      400,
      'invalid_input',
    )
    const removed = await api('/user_identities/remove_acs_user', {
      body: { user_identity_id: liam.user_identity_id, acs_user_id: james },
    })
    assert.equal(removed.status, 200)

    const renamed = await api('/user_identities/update', {
      method: 'PATCH',
      body: { user_identity_id: liam.user_identity_id, full_name: 'Liam C. Chen' },
    })
    assert.equal(renamed.status, 200)
    got = await api('/user_identities/get', { body: { user_identity_id: liam.user_identity_id } })
    assert.deepEqual(
      [got.json.user_identity.full_name, got.json.user_identity.display_name],
      ['Liam C. Chen', 'Liam C. Chen'],
    )
    assert.deepEqual(got.json.user_identity.acs_user_ids, [user.acs_user_id])

    assert.deepEqual(
      (await api('/user_identities/delete', { body: { user_identity_id: liam.user_identity_id } })).json,
      { ok: true },
    )
    assertError(
      await api('/user_identities/get', { body: { user_identity_id: liam.user_identity_id } }),
      404,
      'user_identity_not_found',
    )
    // Its ACS user went with it; James Nakamura, removed before, stays.
    assertError(await api('/acs/users/get', { body: { acs_user_id: user.acs_user_id } }), 404, 'acs_user_not_found')
    assert.equal((await api('/acs/users/get', { body: { acs_user_id: james } })).status, 200)
  })
})

describe('encoders', () => {
  it('lists the seeded encoders of a system, in the contract shape', async () => {
    const res = await api('/acs/encoders/list', { body: { acs_system_id: seed.acs_system_ids[VISIONLINE] } })
    assert.equal(res.status, 200, JSON.stringify(res.json))
    const encoders = res.json.acs_encoders.map((e) => encoderSchema.parse(e))
    assert.deepEqual(
      encoders.map((e) => e.display_name),
      ['Front desk encoder', 'Back office encoder'],
    )
    assert.deepEqual(
      encoders.map((e) => e.acs_encoder_id),
      seed.acs_encoder_ids.slice(0, 2),
    )
    assert.equal(res.json.pagination.has_next_page, false)
    const both = await api('/acs/encoders/list', { body: { acs_system_ids: seed.acs_system_ids, limit: 2 } })
    assert.equal(both.json.acs_encoders.length, 2)
    assert.equal(both.json.pagination.has_next_page, true)
    const byId = await api('/acs/encoders/list', { body: { acs_encoder_ids: [seed.acs_encoder_ids[IT_DESK]] } })
    assert.deepEqual(
      byId.json.acs_encoders.map((e) => e.display_name),
      ['IT desk encoder'],
    )
    const got = await api('/acs/encoders/get', {
      method: 'GET',
      query: { acs_encoder_id: seed.acs_encoder_ids[BACK_OFFICE] },
    })
    assert.deepEqual(got.json.acs_encoder, encoders[BACK_OFFICE])
    // The contract wants exactly one of acs_system_id, acs_system_ids, acs_encoder_ids.
    assertError(await api('/acs/encoders/list', { body: {} }), 400, 'invalid_input')
  })

  it('encodes a card: pending, then success with the issued credential, which is updated', async () => {
    const card = await newCard()
    const res = await encode(card)
    assert.equal(res.status, 200, JSON.stringify(res.json))
    const pending = res.json.action_attempt
    assert.match(pending.action_attempt_id, UUID)
    assert.equal(pending.action_type, 'ENCODE_CREDENTIAL')
    const done = await settled(pending)
    assert.equal(done.status, 'success')
    assert.equal(done.error, null)
    const encoded = credentialSchema.parse(done.result)
    assert.equal(encoded.acs_credential_id, card.acs_credential_id)
    assert.equal(encoded.is_issued, true)
    assert.match(encoded.card_number, /^[0-9a-f]{16}$/)
    assert.ok(Date.parse(encoded.issued_at) >= Date.parse(card.created_at))
    assert.deepEqual(encoded.warnings, [])
    const got = await api('/acs/credentials/get', { body: { acs_credential_id: card.acs_credential_id } })
    assert.deepEqual(got.json.acs_credential, encoded)
    // The fake's own /action_attempts/list serves it too.
    const listed = await api('/action_attempts/list', { body: { action_attempt_ids: [pending.action_attempt_id] } })
    assert.deepEqual(listed.json.action_attempts, [done])
  })

  it('fails the next encode after simulate/next_credential_encode_will_fail, then succeeds again', async () => {
    const card = await newCard()
    const simulated = await api('/acs/encoders/simulate/next_credential_encode_will_fail', {
      body: { acs_encoder_id: seed.acs_encoder_ids[BACK_OFFICE] },
    })
    assert.deepEqual(simulated.json, { ok: true })
    const failed = await settled((await encode(card, BACK_OFFICE)).json.action_attempt)
    assert.equal(failed.status, 'error')
    assert.equal(failed.result, null)
    assert.deepEqual(failed.error, { type: 'no_credential_on_encoder', message: 'No card was found on the encoder.' })
    const unchanged = await api('/acs/credentials/get', { body: { acs_credential_id: card.acs_credential_id } })
    assert.equal(unchanged.json.acs_credential.is_issued, false)
    assert.equal(unchanged.json.acs_credential.card_number, null)

    await api('/acs/encoders/simulate/next_credential_encode_will_fail', {
      body: { acs_encoder_id: seed.acs_encoder_ids[BACK_OFFICE], error_code: 'encoding_interrupted' },
    })
    assert.equal(
      (await settled((await encode(card, BACK_OFFICE)).json.action_attempt)).error.type,
      'encoding_interrupted',
    )
    // Another encoder is not affected, and a simulated success undoes a simulated failure.
    await api('/acs/encoders/simulate/next_credential_encode_will_fail', {
      body: {
        acs_encoder_id: seed.acs_encoder_ids[BACK_OFFICE],
        acs_credential_id: card.acs_credential_id,
        error_code: 'uncategorized_error',
      },
    })
    await api('/acs/encoders/simulate/next_credential_encode_will_succeed', {
      body: { acs_encoder_id: seed.acs_encoder_ids[BACK_OFFICE] },
    })
    assert.equal((await settled((await encode(card, BACK_OFFICE)).json.action_attempt)).status, 'success')
  })

  it('fails an encode whose credential is deleted while it is pending', async () => {
    const card = await newCard()
    const pending = (await encode(card)).json.action_attempt
    await api('/acs/credentials/delete', { body: { acs_credential_id: card.acs_credential_id } })
    assert.equal((await settled(pending)).error.type, 'credential_deleted')
  })

  it('scans the card an encoder encoded last, and scans as simulated', async () => {
    const card = await newCard()
    await settled((await encode(card, FRONT_DESK)).json.action_attempt)
    const scan = async (encoder = FRONT_DESK) => {
      const res = await api('/acs/encoders/scan_credential', {
        body: { acs_encoder_id: seed.acs_encoder_ids[encoder] },
      })
      assert.equal(res.status, 200, JSON.stringify(res.json))
      assert.equal(res.json.action_attempt.action_type, 'SCAN_CREDENTIAL')
      return settled(res.json.action_attempt)
    }
    const scanned = await scan()
    assert.equal(scanned.status, 'success')
    const onSeam = credentialSchema.parse(scanned.result.acs_credential_on_seam)
    assert.equal(onSeam.acs_credential_id, card.acs_credential_id)
    assert.equal(scanned.result.acs_credential_on_encoder.card_number, onSeam.card_number)
    assert.equal(scanned.result.acs_credential_on_encoder.is_issued, true)
    assert.deepEqual(scanned.result.warnings, [])

    const encoder = seed.acs_encoder_ids[FRONT_DESK]
    const scanWillSucceed = (scenario) =>
      api('/acs/encoders/simulate/next_credential_scan_will_succeed', { body: { acs_encoder_id: encoder, scenario } })
    await scanWillSucceed('credential_on_encoder_needs_update')
    const outOfSync = await scan()
    assert.deepEqual(
      outOfSync.result.warnings.map((w) => w.warning_code),
      ['acs_credential_on_encoder_out_of_sync'],
    )
    assert.notEqual(
      outOfSync.result.acs_credential_on_encoder.ends_at,
      outOfSync.result.acs_credential_on_seam.ends_at ?? null,
    )
    await scanWillSucceed('credential_does_not_exist_on_seam')
    const unknown = await scan()
    assert.equal(unknown.result.acs_credential_on_seam, null)
    assert.deepEqual(
      unknown.result.warnings.map((w) => w.warning_code),
      ['acs_credential_on_seam_not_found'],
    )
    await api('/acs/encoders/simulate/next_credential_scan_will_fail', { body: { acs_encoder_id: encoder } })
    const failed = await scan()
    assert.equal(failed.status, 'error')
    assert.equal(failed.error.type, 'no_credential_on_encoder')
    // A Salto KS encoder that never encoded reads the first issued tag of its site.
    const salto = await scan(IT_DESK)
    assert.equal(salto.result.acs_credential_on_seam.acs_system_id, seed.acs_system_ids[SALTO])
    assert.equal(salto.result.acs_credential_on_seam.access_method, 'card')
  })

  it('scans a card to assign it to a person', async () => {
    const card = await newCard()
    await settled((await encode(card, BACK_OFFICE)).json.action_attempt)
    const noah = seed.acs_user_ids[1]
    const res = await api('/acs/encoders/scan_to_assign_credential', {
      body: { acs_encoder_id: seed.acs_encoder_ids[BACK_OFFICE], acs_user_id: noah },
    })
    assert.equal(res.status, 200, JSON.stringify(res.json))
    const done = await settled(res.json.action_attempt)
    assert.equal(done.action_type, 'SCAN_TO_ASSIGN_CREDENTIAL')
    assert.equal(done.result.acs_credential_id, card.acs_credential_id)
    assert.equal(done.result.acs_user_id, noah)
  })

  it('refuses bad input and unknown ids in Seam’s format', async () => {
    const card = await newCard()
    const unknown = '00000000-0000-4000-8000-0000000000ff'
    const encodeWith = (body) => api('/acs/encoders/encode_credential', { body })
    const encoder = seed.acs_encoder_ids[FRONT_DESK]
    assertError(
      await encodeWith({ acs_encoder_id: unknown, acs_credential_id: card.acs_credential_id }),
      404,
      'acs_encoder_not_found',
    )
    assertError(
      await encodeWith({ acs_encoder_id: encoder, acs_credential_id: unknown }),
      404,
      'acs_credential_not_found',
    )
    assertError(await api('/acs/encoders/get', { body: { acs_encoder_id: unknown } }), 404, 'acs_encoder_not_found')
    assertError(
      await api('/action_attempts/get', { body: { action_attempt_id: unknown } }),
      404,
      'action_attempt_not_found',
    )
    const neither = assertError(await encodeWith({ acs_encoder_id: encoder }), 400, 'invalid_input')
    assert.deepEqual(neither.validation_errors._errors, [
      'Must specify exactly one of acs_credential_id or access_method_id',
    ])
    /** The fields an invalid_input answer names. */
    const invalid = async (body) =>
      Object.keys(assertError(await encodeWith(body), 400, 'invalid_input').validation_errors)
    assert.deepEqual(await invalid({ acs_encoder_id: 'front-desk', acs_credential_id: card.acs_credential_id }), [
      '_errors',
      'acs_encoder_id',
    ])
    const pin = seed.acs_credential_ids[1] // a Salto KS PIN code
    const itDesk = seed.acs_encoder_ids[IT_DESK]
    assert.deepEqual(await invalid({ acs_encoder_id: itDesk, acs_credential_id: pin }), [
      '_errors',
      'acs_credential_id',
    ])
    assert.deepEqual(await invalid({ acs_encoder_id: itDesk, acs_credential_id: card.acs_credential_id }), [
      '_errors',
      'acs_encoder_id',
    ])
    const variant = assertError(
      await api('/acs/encoders/simulate/next_credential_encode_will_fail', {
        body: { acs_encoder_id: encoder, acs_credential_id: card.acs_credential_id },
      }),
      400,
      'invalid_input',
    )
    assert.ok(variant.validation_errors.error_code)
    assertError(
      await api('/acs/encoders/simulate/next_credential_scan_will_succeed', {
        body: { acs_encoder_id: encoder, scenario: 'flip' },
      }),
      400,
      'invalid_input',
    )
  })

  it('takes the auth modes of the contract: no plain client session for encoding', async () => {
    const card = await newCard()
    const cst = seed.client_session_token
    for (const res of [
      await encode(card, FRONT_DESK, cst),
      await api('/acs/encoders/list', { body: { acs_system_id: seed.acs_system_ids[0] }, token: cst }),
      await api('/acs/encoders/simulate/next_credential_encode_will_fail', {
        body: { acs_encoder_id: seed.acs_encoder_ids[0] },
        token: cst,
      }),
      // fake-seam-connect's own routes get the contract's auth modes too.
      await api('/acs/users/get', { body: { acs_user_id: seed.acs_user_ids[0] }, token: cst }),
      await api('/acs/systems/get', { body: { acs_system_id: seed.acs_system_ids[0] }, token: cst }),
    ]) {
      assertError(res, 401, 'client_session_token_used_for_api_key')
    }
    // A client session may follow an attempt (the contract lets it), and a PAT may encode.
    const pat = { token: seed.personal_access_token, headers: { 'seam-workspace': seed.workspace_id } }
    const res = await api('/acs/encoders/encode_credential', {
      ...pat,
      body: { acs_encoder_id: seed.acs_encoder_ids[FRONT_DESK], acs_credential_id: card.acs_credential_id },
    })
    assert.equal(res.status, 200, JSON.stringify(res.json))
    assert.equal((await settled(res.json.action_attempt, cst)).status, 'success')
    assertError(
      await api('/acs/encoders/list', { body: { acs_system_id: seed.acs_system_ids[0] }, token: null }),
      401,
      'unauthorized',
    )
  })
})

describe('access groups', () => {
  it('lists the Salto KS groups and their members, and adds and removes members', async () => {
    const res = await api('/acs/access_groups/list', { body: { acs_system_id: seed.acs_system_ids[SALTO] } })
    assert.equal(res.status, 200)
    const groups = res.json.acs_access_groups.map((g) => accessGroupSchema.parse(g))
    assert.deepEqual(
      groups.map((g) => g.name),
      ['Office staff', 'Visitors'],
    )
    assert.deepEqual(
      groups.map((g) => g.acs_access_group_id),
      seed.acs_access_group_ids,
    )
    const members = async (group) =>
      (await api('/acs/access_groups/list_users', { body: { acs_access_group_id: group } })).json.acs_users.map(
        (u) => u.full_name,
      )
    const [staff, visitors] = seed.acs_access_group_ids
    assert.deepEqual(await members(staff), ['Ava Thompson', 'Emma Wilson', 'James Nakamura'])
    const ofAva = await api('/acs/access_groups/list', { body: { user_identity_id: seed.user_identity_ids[AVA] } })
    assert.deepEqual(
      ofAva.json.acs_access_groups.map((g) => g.name),
      ['Office staff'],
    )

    await api('/acs/access_groups/add_user', {
      body: { acs_access_group_id: visitors, user_identity_id: seed.user_identity_ids[AVA] },
    })
    assert.deepEqual(await members(visitors), ['Ava Thompson', 'Sofia Rossi'])
    await api('/acs/access_groups/remove_user', {
      body: { acs_access_group_id: visitors, acs_user_id: seed.acs_user_ids[6] },
    })
    assert.deepEqual(await members(visitors), ['Sofia Rossi'])
    assertError(
      await api('/acs/access_groups/get', { body: { acs_access_group_id: seed.acs_system_ids[0] } }),
      404,
      'acs_access_group_not_found',
    )
    assertError(
      await api('/acs/access_groups/list', { body: {}, token: seed.client_session_token }),
      401,
      'client_session_token_used_for_api_key',
    )
  })
})
