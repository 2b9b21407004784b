// Tests of the fake Seam API over real HTTP. Run: cd tests && node --test fake-seam/

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

import { schemas } from '@seamapi/types/connect'

import { rawRequest } from '../integration/servers.mjs'
import { assertError, seamApi, UUID } from './api-client.mjs'
import { startFakeSeam } from './server.mjs'

// The official zod schemas, strict: no field outside the contract.
const credentialSchema = schemas.acs_credential.strict()
const entranceSchema = schemas.acs_entrance.strict()
const WASM_BYTES = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])

let fake
let seed
let api
let staticRoot

before(async () => {
  staticRoot = await mkdtemp(path.join(tmpdir(), 'fake-seam-test-'))
  await mkdir(path.join(staticRoot, 'www'))
  await mkdir(path.join(staticRoot, 'pkg'))
  await writeFile(path.join(staticRoot, 'www', 'index.html'), '<!doctype html><title>admin</title>')
  await writeFile(path.join(staticRoot, 'pkg', 'seam_acs_wasm_bg.wasm'), WASM_BYTES)
  await writeFile(path.join(staticRoot, 'pkg', 'seam_acs_wasm.js'), 'export const x = 1\n')
  await writeFile(path.join(staticRoot, 'secret.txt'), 'do not serve')
  fake = await startFakeSeam({
    staticDirs: { '/': path.join(staticRoot, 'www'), '/pkg/': path.join(staticRoot, 'pkg') },
    allowedOrigins: ['http://localhost:5173'],
  })
  seed = fake.seed
  api = seamApi(fake)
})

after(async () => {
  await fake?.close()
  await rm(staticRoot, { recursive: true, force: true })
})

async function listAll(params, pageSize) {
  const pages = []
  let cursor
  for (;;) {
    const res = await api('/acs/credentials/list', { body: { ...params, limit: pageSize, page_cursor: cursor } })
    assert.equal(res.status, 200)
    pages.push(res.json)
    if (!res.json.pagination.has_next_page) return pages
    cursor = res.json.pagination.next_page_cursor
  }
}

const [VISIONLINE, SALTO] = [0, 1]
// Seeded entrances: 0-2 guest rooms, 3 Main Entrance, 4 Pool & Spa (Visionline); 5-7 Salto KS doors.
const MAIN_ENTRANCE = 3

describe('seed', () => {
  it('listens on 127.0.0.1 and seeds UUID ids and typed tokens', () => {
    assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/)
    assert.match(seed.api_key, /^seam_/)
    assert.doesNotMatch(seed.api_key, /^seam_(cst|at|pk)/)
    assert.match(seed.client_session_token, /^seam_cst/)
    assert.match(seed.personal_access_token, /^seam_at/)
    assert.match(seed.publishable_key, /^seam_pk/)
    assert.equal(seed.acs_system_ids.length, 2)
    assert.equal(seed.acs_user_ids.length, 10)
    assert.equal(seed.acs_entrance_ids.length, 8)
    assert.equal(seed.acs_credential_ids.length, 60)
    const ids = [
      seed.workspace_id,
      ...seed.acs_system_ids,
      ...seed.acs_user_ids,
      ...seed.acs_entrance_ids,
      ...seed.acs_credential_ids,
    ]
    for (const id of ids) assert.match(id, UUID)
    assert.equal(new Set(ids).size, ids.length)
  })

  it('is deterministic across servers', async () => {
    const other = await startFakeSeam()
    try {
      assert.deepEqual(other.seed, seed)
      const get = (server) =>
        fetch(`${server.url}/acs/credentials/get`, {
          method: 'POST',
          headers: { authorization: `Bearer ${seed.api_key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ acs_credential_id: seed.acs_credential_ids[17] }),
        }).then((r) => r.json())
      assert.deepEqual(await get(other), await get(fake))
    } finally {
      await other.close()
    }
  })

  it('has realistic credentials in the contract shape', async () => {
    const [page] = await listAll({}, 500)
    const credentials = page.acs_credentials
    assert.equal(credentials.length, 60)
    for (const c of credentials) {
      credentialSchema.parse(c)
      assert.equal(c.is_managed, true)
      assert.deepEqual(c.errors, [])
      assert.ok(c.ends_at == null || c.ends_at >= '2030-01-01', c.ends_at)
    }
    const count = (predicate) => credentials.filter(predicate).length
    assert.equal(
      count((c) => c.access_method === 'code'),
      15,
    )
    assert.equal(
      count((c) => c.access_method === 'card'),
      28,
    )
    assert.equal(
      count((c) => c.access_method === 'mobile_key'),
      17,
    )
    assert.equal(
      count((c) => c.external_type === 'visionline_card'),
      30,
    )
    assert.equal(
      count((c) => c.visionline_metadata != null),
      30,
    )
    assert.equal(
      count((c) => c.external_type === 'salto_ks_credential'),
      22,
    )
    assert.equal(
      count((c) => c.external_type === 'salto_ks_tag'),
      8,
    )
    assert.ok(count((c) => c.acs_user_id == null) > 0)
    assert.ok(count((c) => c.warnings.some((w) => w.warning_code === 'waiting_to_be_issued')) > 0)
    for (const c of credentials.filter((c) => c.access_method === 'code')) assert.match(c.code, /^\d{6}$/)
  })

  it("keeps fake-seam-connect's own routes, with UUID ids", async () => {
    const systems = await api('/acs/systems/list', { body: {} })
    assert.equal(systems.status, 200)
    assert.deepEqual(
      systems.json.acs_systems.map((s) => [s.acs_system_id, s.external_type]),
      [
        [seed.acs_system_ids[VISIONLINE], 'visionline_system'],
        [seed.acs_system_ids[SALTO], 'salto_ks_site'],
      ],
    )
    const entrances = await api('/acs/entrances/list', { body: {}, token: seed.client_session_token })
    assert.equal(entrances.status, 200)
    assert.deepEqual(
      entrances.json.acs_entrances.map((e) => e.acs_entrance_id),
      seed.acs_entrance_ids,
    )
  })
})

describe('credential lifecycle', () => {
  it('create → get → list → update → assign/unassign → entrances → delete', async () => {
    const saltoUsers = seed.acs_user_ids.slice(6)
    const saltoEntrances = seed.acs_entrance_ids.slice(5)
    const created = await api('/acs/credentials/create', {
      body: {
        acs_user_id: saltoUsers[2],
        access_method: 'code',
        code: '482913',
        allowed_acs_entrance_ids: [saltoEntrances[0], saltoEntrances[2]],
        starts_at: '2030-02-01T10:00:00Z',
        ends_at: '2030-03-01T10:00:00Z',
      },
    })
    assert.equal(created.status, 200, JSON.stringify(created.json))
    assert.equal(created.json.ok, true)
    const credential = credentialSchema.parse(created.json.acs_credential)
    assert.match(credential.acs_credential_id, UUID)
    assert.ok(!seed.acs_credential_ids.includes(credential.acs_credential_id))
    assert.equal(credential.acs_user_id, saltoUsers[2])
    assert.equal(credential.acs_system_id, seed.acs_system_ids[SALTO])
    assert.equal(credential.workspace_id, seed.workspace_id)
    assert.equal(credential.code, '482913')
    assert.equal(credential.display_name, 'Salto KS PIN Code')
    assert.equal(credential.external_type, 'salto_ks_credential')
    assert.equal(credential.starts_at, '2030-02-01T10:00:00.000Z')
    assert.equal(credential.ends_at, '2030-03-01T10:00:00.000Z')
    assert.ok(Math.abs(Date.parse(credential.created_at) - Date.now()) < 60_000)
    const id = credential.acs_credential_id

    const got = await api('/acs/credentials/get', { body: { acs_credential_id: id } })
    assert.deepEqual(got.json, { acs_credential: credential, ok: true })
    const gotByQuery = await api('/acs/credentials/get', { method: 'GET', query: { acs_credential_id: id } })
    assert.deepEqual(gotByQuery.json, got.json)

    const byUser = await api('/acs/credentials/list', { body: { acs_user_id: saltoUsers[2] } })
    assert.ok(byUser.json.acs_credentials.some((c) => c.acs_credential_id === id))
    assert.ok(byUser.json.acs_credentials.every((c) => c.acs_user_id === saltoUsers[2]))

    const updated = await api('/acs/credentials/update', {
      method: 'PATCH',
      body: { acs_credential_id: id, code: '111222', ends_at: '2030-04-01T00:00:00.000Z' },
    })
    assert.equal(updated.status, 200)
    assert.equal(updated.json.acs_credential.code, '111222')
    assert.equal(updated.json.acs_credential.ends_at, '2030-04-01T00:00:00.000Z')
    assert.equal(updated.json.acs_credential.starts_at, '2030-02-01T10:00:00.000Z')

    const unassigned = await api('/acs/credentials/unassign', {
      body: { acs_credential_id: id, acs_user_id: saltoUsers[2] },
    })
    assert.equal(unassigned.status, 200)
    assert.equal(unassigned.json.acs_credential.acs_user_id, undefined)
    credentialSchema.parse(unassigned.json.acs_credential)
    const assigned = await api('/acs/credentials/assign', {
      body: { acs_credential_id: id, acs_user_id: saltoUsers[3] },
    })
    assert.equal(assigned.status, 200)
    assert.equal(assigned.json.acs_credential.acs_user_id, saltoUsers[3])
    const wrongSystem = await api('/acs/credentials/assign', {
      body: { acs_credential_id: id, acs_user_id: seed.acs_user_ids[0] },
    })
    assert.ok(assertError(wrongSystem, 400, 'invalid_input').validation_errors.acs_user_id)

    const entrances = await api('/acs/credentials/list_accessible_entrances', { body: { acs_credential_id: id } })
    assert.equal(entrances.status, 200)
    assert.deepEqual(
      entrances.json.acs_entrances.map((e) => e.acs_entrance_id),
      [saltoEntrances[0], saltoEntrances[2]],
    )
    for (const e of entrances.json.acs_entrances) entranceSchema.parse(e)
    assert.equal(entrances.json.acs_entrances[1].display_name, 'Parking Gate')

    const withAccess = await api('/acs/entrances/list_credentials_with_access', {
      body: { acs_entrance_id: saltoEntrances[2] },
    })
    assert.equal(withAccess.status, 200)
    assert.ok(withAccess.json.acs_credentials.some((c) => c.acs_credential_id === id))
    const noAccess = await api('/acs/entrances/list_credentials_with_access', {
      body: { acs_entrance_id: saltoEntrances[1] },
    })
    assert.ok(!noAccess.json.acs_credentials.some((c) => c.acs_credential_id === id))

    const deleted = await api('/acs/credentials/delete', { body: { acs_credential_id: id } })
    assert.deepEqual(deleted.json, { ok: true })
    assertError(await api('/acs/credentials/get', { body: { acs_credential_id: id } }), 404, 'acs_credential_not_found')
    const afterDelete = await api('/acs/entrances/list_credentials_with_access', {
      body: { acs_entrance_id: saltoEntrances[2] },
    })
    assert.ok(!afterDelete.json.acs_credentials.some((c) => c.acs_credential_id === id))
  })

  it('creates a Visionline card for a user identity, waiting to be issued', async () => {
    const [room101, , , mainEntrance] = seed.acs_entrance_ids
    const res = await api('/acs/credentials/create', {
      body: {
        user_identity_id: seed.user_identity_ids[1],
        acs_system_id: seed.acs_system_ids[VISIONLINE],
        access_method: 'card',
        allowed_acs_entrance_ids: [room101, mainEntrance],
        visionline_metadata: { card_function_type: 'guest' },
      },
    })
    assert.equal(res.status, 200, JSON.stringify(res.json))
    const c = credentialSchema.parse(res.json.acs_credential)
    assert.equal(c.user_identity_id, seed.user_identity_ids[1])
    assert.equal(c.acs_user_id, seed.acs_user_ids[2]) // Mia Patel's Visionline user
    assert.equal(c.display_name, 'Room 101, Main Entrance')
    assert.equal(c.external_type, 'visionline_card')
    assert.equal(c.is_issued, false)
    assert.equal(c.card_number, null)
    assert.deepEqual(
      c.warnings.map((w) => w.warning_code),
      ['waiting_to_be_issued'],
    )
    assert.deepEqual(c.visionline_metadata.guest_acs_entrance_ids, [room101])
    assert.deepEqual(c.visionline_metadata.common_acs_entrance_ids, [mainEntrance])
    await api('/acs/credentials/delete', { method: 'DELETE', body: { acs_credential_id: c.acs_credential_id } })
  })
})

describe('list', () => {
  it('pages through every credential in created_at, id order', async () => {
    const pages = await listAll({}, 7)
    assert.equal(pages.length, 9)
    const ids = pages.flatMap((p) => p.acs_credentials.map((c) => c.acs_credential_id))
    assert.deepEqual(ids, seed.acs_credential_ids)
    const all = pages.flatMap((p) => p.acs_credentials)
    const keys = all.map((c) => [c.created_at, c.acs_credential_id])
    assert.deepEqual(
      keys,
      [...keys].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1)),
    )
    // Some credentials share a created_at, so the id really breaks ties.
    assert.ok(new Set(all.map((c) => c.created_at)).size < all.length)
    for (const page of pages.slice(0, -1)) {
      assert.equal(page.acs_credentials.length, 7)
      assert.equal(page.pagination.has_next_page, true)
      assert.equal(typeof page.pagination.next_page_cursor, 'string')
    }
    assert.equal(pages.at(-1).acs_credentials.length, 4)
    assert.deepEqual(pages.at(-1).pagination, { has_next_page: false, next_page_cursor: null, next_page_url: null })
  })

  it('gives a next_page_url that returns the next page', async () => {
    const first = await api('/acs/credentials/list', { body: { acs_system_id: seed.acs_system_ids[SALTO], limit: 10 } })
    const next = new URL(first.json.pagination.next_page_url)
    assert.equal(next.origin, fake.url)
    assert.equal(next.searchParams.get('page_cursor'), first.json.pagination.next_page_cursor)
    const second = await api(next.pathname + next.search, { method: 'GET' })
    assert.equal(second.status, 200)
    const viaBody = await api('/acs/credentials/list', {
      body: {
        acs_system_id: seed.acs_system_ids[SALTO],
        limit: 10,
        page_cursor: first.json.pagination.next_page_cursor,
      },
    })
    assert.deepEqual(second.json, viaBody.json)
    assert.equal(second.json.acs_credentials.length, 10)
  })

  it('rejects a cursor used with other parameters', async () => {
    const first = await api('/acs/credentials/list', { body: { limit: 5 } })
    const res = await api('/acs/credentials/list', {
      body: {
        limit: 5,
        acs_system_id: seed.acs_system_ids[SALTO],
        page_cursor: first.json.pagination.next_page_cursor,
      },
    })
    assertError(res, 400, 'mismatched_page_parameters')
    assertError(await api('/acs/credentials/list', { body: { page_cursor: 'not a cursor' } }), 400, 'invalid_input')
  })

  it('filters by system, user, user identity, multi-phone sync and creation date', async () => {
    for (const [index, systemId] of seed.acs_system_ids.entries()) {
      const res = await api('/acs/credentials/list', { body: { acs_system_id: systemId } })
      assert.equal(res.json.acs_credentials.length, 30, `system ${index}`)
      assert.ok(res.json.acs_credentials.every((c) => c.acs_system_id === systemId))
    }
    const user = await api('/acs/credentials/list', { body: { acs_user_id: seed.acs_user_ids[4] } })
    assert.ok(user.json.acs_credentials.length >= 2)
    assert.ok(user.json.acs_credentials.every((c) => c.acs_user_id === seed.acs_user_ids[4]))

    // Ava Thompson has an ACS user in both systems, linked to one user identity.
    const identity = await api('/acs/credentials/list', { body: { user_identity_id: seed.user_identity_ids[0] } })
    const systems = new Set(identity.json.acs_credentials.map((c) => c.acs_system_id))
    assert.deepEqual([...systems].sort(), [...seed.acs_system_ids].sort())
    assert.ok(identity.json.acs_credentials.every((c) => c.user_identity_id === seed.user_identity_ids[0]))

    const synced = await api('/acs/credentials/list', { body: { is_multi_phone_sync_credential: true } })
    assert.ok(synced.json.acs_credentials.length > 0)
    assert.ok(
      synced.json.acs_credentials.every(
        (c) => c.is_multi_phone_sync_credential === true && c.access_method === 'mobile_key',
      ),
    )
    const notSynced = await api('/acs/credentials/list', {
      method: 'GET',
      query: { is_multi_phone_sync_credential: false },
    })
    assert.equal(notSynced.status, 200)
    assert.equal(synced.json.acs_credentials.length + notSynced.json.acs_credentials.length, 60)

    const all = (await api('/acs/credentials/list', { body: {} })).json.acs_credentials
    const cutoff = all[20].created_at
    const before = await api('/acs/credentials/list', { body: { created_before: cutoff } })
    assert.equal(before.json.acs_credentials.length, all.filter((c) => c.created_at < cutoff).length)
    assert.ok(before.json.acs_credentials.every((c) => c.created_at < cutoff))
  })

  it('searches display_name, code, card_number and ids (partial, case-insensitive)', async () => {
    const all = (await api('/acs/credentials/list', { body: {} })).json.acs_credentials
    const search = async (text) =>
      (await api('/acs/credentials/list', { method: 'GET', query: { search: text } })).json.acs_credentials

    const room = await search('room 102')
    assert.ok(room.length > 0)
    assert.ok(room.every((c) => c.display_name.includes('Room 102')))

    const withCode = all.find((c) => c.code != null)
    assert.ok((await search(withCode.code.slice(1, 5))).some((c) => c.acs_credential_id === withCode.acs_credential_id))

    const withCard = all.find((c) => c.card_number != null)
    assert.ok(
      (await search(withCard.card_number.toUpperCase())).some(
        (c) => c.acs_credential_id === withCard.acs_credential_id,
      ),
    )

    assert.deepEqual(
      (await search(all[33].acs_credential_id)).map((c) => c.acs_credential_id),
      [all[33].acs_credential_id],
    )
    assert.ok((await search(seed.acs_user_ids[7])).every((c) => c.acs_user_id === seed.acs_user_ids[7]))
    assert.deepEqual(await search('no such credential'), [])
  })

  it('lists credentials with access to an entrance, optionally only valid ones', async () => {
    const entranceId = seed.acs_entrance_ids[MAIN_ENTRANCE]
    const all = await api('/acs/entrances/list_credentials_with_access', { body: { acs_entrance_id: entranceId } })
    assert.equal(all.status, 200)
    assert.deepEqual(Object.keys(all.json).sort(), ['acs_credentials', 'ok'])
    assert.ok(all.json.acs_credentials.length > 0)
    assert.ok(all.json.acs_credentials.every((c) => c.acs_system_id === seed.acs_system_ids[VISIONLINE]))
    const invalid = all.json.acs_credentials.filter((c) => c.visionline_metadata.is_valid === false)
    assert.ok(invalid.length > 0)

    const valid = await api('/acs/entrances/list_credentials_with_access', {
      method: 'GET',
      query: { acs_entrance_id: entranceId, include_if: 'visionline_metadata.is_valid' },
    })
    assert.equal(valid.status, 200)
    assert.equal(valid.json.acs_credentials.length, all.json.acs_credentials.length - invalid.length)
    assert.ok(valid.json.acs_credentials.every((c) => c.visionline_metadata.is_valid === true))

    const badCondition = await api('/acs/entrances/list_credentials_with_access', {
      body: { acs_entrance_id: entranceId, include_if: ['nope'] },
    })
    assert.ok(assertError(badCondition, 400, 'invalid_input').validation_errors.include_if)
  })
})

describe('auth', () => {
  const list = (options) => api('/acs/credentials/list', { body: { limit: 1 }, ...options })

  it('accepts the API key, the client session and a PAT with a workspace', async () => {
    assert.equal((await list()).status, 200)
    assert.equal((await list({ token: seed.client_session_token })).status, 200)
    const viaHeader = await api('/acs/entrances/list_credentials_with_access', {
      token: null,
      headers: { 'client-session-token': seed.client_session_token },
      body: { acs_entrance_id: seed.acs_entrance_ids[5] },
    })
    assert.equal(viaHeader.status, 200)
    assert.ok(viaHeader.json.acs_credentials.length > 0)
    const pat = await api('/acs/credentials/get', {
      token: seed.personal_access_token,
      headers: { 'seam-workspace': seed.workspace_id },
      body: { acs_credential_id: seed.acs_credential_ids[0] },
    })
    assert.equal(pat.status, 200)
    assert.equal(pat.json.acs_credential.acs_credential_id, seed.acs_credential_ids[0])
  })

  it('gives a publishable-key client session access to list', async () => {
    const session = await api('/client_sessions/get_or_create', {
      token: null,
      headers: { 'seam-publishable-key': seed.publishable_key },
      body: { user_identifier_key: 'auth-test-user' },
    })
    assert.equal(session.status, 200)
    assert.match(session.json.client_session.client_session_id, UUID)
    assert.match(session.json.client_session.token, /^seam_cst1/)
    const res = await list({ token: session.json.client_session.token })
    assert.equal(res.status, 200)
    assert.equal(res.json.acs_credentials.length, 1)
  })

  it('refuses client sessions on admin routes, as fake-seam-connect does', async () => {
    const error = assertError(
      await api('/acs/credentials/create', {
        token: seed.client_session_token,
        body: { acs_user_id: seed.acs_user_ids[0], access_method: 'card' },
      }),
      401,
      'client_session_token_used_for_api_key',
    )
    assert.equal(error.message, 'A client session token was used instead of an API key')
    assertError(
      await api('/acs/credentials/get', {
        token: seed.client_session_token,
        body: { acs_credential_id: seed.acs_credential_ids[0] },
      }),
      401,
      'client_session_token_used_for_api_key',
    )
  })

  it('rejects unknown tokens and missing credentials', async () => {
    assert.equal(
      assertError(await list({ token: 'seam_unknown_token' }), 401, 'unauthorized').message,
      'API Key not found',
    )
    assertError(await list({ token: null }), 401, 'unauthorized')
    assertError(await list({ token: 'seam_cst1_unknown' }), 401, 'client_session_not_found')
    assertError(await list({ token: seed.personal_access_token }), 400, 'missing_workspace_id')
    assertError(
      await list({ token: 'seam_at1_wrong', headers: { 'seam-workspace': seed.workspace_id } }),
      401,
      'unauthorized',
    )
  })
})

describe('errors', () => {
  const create = (body) => api('/acs/credentials/create', { body })
  const user = () => seed.acs_user_ids[6]

  it('answers invalid_input with zod validation_errors', async () => {
    const missing = assertError(await create({ acs_user_id: user() }), 400, 'invalid_input')
    assert.equal(missing.message, 'access_method is required')
    assert.deepEqual(missing.validation_errors, { _errors: [], access_method: { _errors: ['Required'] } })

    const code = assertError(
      await create({ acs_user_id: user(), access_method: 'code', code: '12ab' }),
      400,
      'invalid_input',
    )
    assert.deepEqual(code.validation_errors.code._errors, ['Code must only contain digits'])

    const date = assertError(
      await create({ acs_user_id: user(), access_method: 'code', ends_at: 'tomorrow' }),
      400,
      'invalid_input',
    )
    assert.deepEqual(date.validation_errors.ends_at._errors, ['Invalid datetime'])

    const notUuid = assertError(
      await api('/acs/credentials/get', { body: { acs_credential_id: '42' } }),
      400,
      'invalid_input',
    )
    assert.equal(notUuid.message, 'Invalid uuid for "acs_credential_id"')

    const two = assertError(await create({ acs_user_id: 'x', access_method: 'pin' }), 400, 'invalid_input')
    assert.match(two.message, /^2 Input Errors: /)
    assert.ok(two.validation_errors.acs_user_id && two.validation_errors.access_method)
  })

  it('checks the cross-field rules of the contract', async () => {
    const neither = assertError(await create({ access_method: 'card' }), 400, 'invalid_input')
    assert.deepEqual(neither.validation_errors._errors, ['Must specify exactly one of acs_user_id or user_identity_id'])
    const both = assertError(
      await create({
        access_method: 'card',
        acs_user_id: user(),
        user_identity_id: seed.user_identity_ids[0],
        acs_system_id: seed.acs_system_ids[1],
      }),
      400,
      'invalid_input',
    )
    assert.deepEqual(both.validation_errors._errors, ['Must specify exactly one of acs_user_id or user_identity_id'])
    const order = assertError(
      await create({
        acs_user_id: user(),
        access_method: 'code',
        starts_at: '2031-01-02T00:00:00Z',
        ends_at: '2031-01-01T00:00:00Z',
      }),
      400,
      'invalid_input',
    )
    assert.deepEqual(order.validation_errors.ends_at._errors, ['ends_at must be after starts_at'])
    const past = assertError(
      await api('/acs/credentials/update', {
        body: { acs_credential_id: seed.acs_credential_ids[0], ends_at: '2020-01-01T00:00:00Z' },
      }),
      400,
      'invalid_input',
    )
    assert.deepEqual(past.validation_errors.ends_at._errors, ['ends_at must be in the future'])
  })

  it('answers 404 with the type of the missing object', async () => {
    const unknown = '00000000-0000-4000-8000-0000000000ff'
    assertError(
      await api('/acs/credentials/get', { body: { acs_credential_id: unknown } }),
      404,
      'acs_credential_not_found',
    )
    assertError(
      await api('/acs/credentials/update', { body: { acs_credential_id: 'nope', code: '1234' } }),
      404,
      'acs_credential_not_found',
    )
    assertError(await create({ acs_user_id: unknown, access_method: 'card' }), 404, 'acs_user_not_found')
    assertError(
      await create({ acs_user_id: user(), access_method: 'card', allowed_acs_entrance_ids: [unknown] }),
      404,
      'acs_entrance_not_found',
    )
    assertError(await api('/acs/credentials/list', { body: { acs_system_id: unknown } }), 404, 'acs_system_not_found')
    assertError(
      await api('/acs/entrances/list_credentials_with_access', { body: { acs_entrance_id: unknown } }),
      404,
      'acs_entrance_not_found',
    )
    // Errors of fake-seam-connect's own routes get the same treatment.
    assertError(await api('/acs/entrances/get', { body: { acs_entrance_id: unknown } }), 404, 'acs_entrance_not_found')
    assertError(await api('/no/such/route', { body: {} }), 404, 'not_found')
  })

  it('checks methods and content type', async () => {
    assertError(await api('/acs/credentials/create', { method: 'GET' }), 405, 'method_not_allowed')
    const text = await fetch(`${fake.url}/acs/credentials/get`, {
      method: 'POST',
      headers: { authorization: `Bearer ${seed.api_key}`, 'content-type': 'text/plain' },
      body: 'hello',
    })
    assert.equal(text.status, 400)
    assert.equal((await text.json()).error.type, 'invalid_content_type')
  })
})

describe('http', () => {
  it('answers CORS preflights of allowed origins and puts CORS headers on their answers', async () => {
    const preflight = await fetch(`${fake.url}/acs/credentials/create`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, seam-sdk-name',
      },
    })
    assert.equal(preflight.status, 200)
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:5173')
    const methods = preflight.headers.get('access-control-allow-methods').split(/,\s*/)
    for (const m of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS']) assert.ok(methods.includes(m), m)
    const allowed = preflight.headers.get('access-control-allow-headers').split(/,\s*/)
    for (const h of [
      'authorization',
      'content-type',
      'client-session-token',
      'seam-workspace',
      'seam-publishable-key',
      'seam-sdk-name',
      'seam-sdk-version',
    ]) {
      assert.ok(allowed.includes(h), h)
    }
    assert.equal(preflight.headers.get('access-control-expose-headers'), 'seam-request-id')
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null)

    // Its own origin, under each loopback name, and the configured one.
    const port = new URL(fake.url).port
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, 'http://localhost:5173']) {
      for (const res of [
        await api('/acs/credentials/list', { token: 'seam_bad_token', body: {}, headers: { origin } }),
        await api('/acs/systems/list', { body: {}, headers: { origin } }),
      ]) {
        assert.equal(res.headers.get('access-control-allow-origin'), origin)
        assert.equal(res.headers.get('access-control-expose-headers'), 'seam-request-id')
        assert.equal(res.headers.get('access-control-allow-credentials'), null)
        assert.equal(res.headers.get('vary'), 'Origin')
        assert.match(res.headers.get('seam-request-id'), UUID)
      }
    }
  })

  it('grants no CORS to other origins, nor to requests without an Origin', async () => {
    const port = new URL(fake.url).port
    for (const origin of [
      'https://attacker.example',
      'http://localhost:5174',
      `http://127.0.0.1:${Number(port) + 1}`,
      `https://127.0.0.1:${port}`,
      'null',
    ]) {
      const preflight = await fetch(`${fake.url}/acs/credentials/list`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      })
      assert.equal(preflight.status, 403, origin)
      const res = await api('/acs/credentials/list', { body: {}, headers: { origin } })
      assert.equal(res.status, 200)
      for (const headers of [preflight.headers, res.headers]) {
        for (const name of [
          'access-control-allow-origin',
          'access-control-allow-credentials',
          'access-control-allow-headers',
        ]) {
          assert.equal(headers.get(name), null, `${origin}: ${name}`)
        }
      }
    }
    const plain = await api('/acs/systems/list', { body: {} })
    assert.equal(plain.headers.get('access-control-allow-origin'), null)
  })

  it('sends the console security headers on static files, its own and relayed API answers, and errors', async () => {
    const answers = [
      await fetch(`${fake.url}/`),
      await fetch(`${fake.url}/no-such-file`),
      await fetch(`${fake.url}/acs/credentials/list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${seed.api_key}` },
      }),
      await fetch(`${fake.url}/acs/systems/list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${seed.api_key}` },
      }),
    ]
    assert.deepEqual(
      answers.map((res) => res.status),
      [200, 404, 200, 200],
    )
    for (const res of answers) {
      assert.equal(res.headers.get('x-frame-options'), 'DENY', res.url)
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', res.url)
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', res.url)
      assert.equal(res.headers.get('cache-control'), 'no-store', res.url)
      assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'/, res.url)
      await res.arrayBuffer()
    }
  })

  it("fake-seam-connect's own server behind ours takes only our proxy's requests", async () => {
    const inner = `http://127.0.0.1:${fake.fake.server.server.address().port}`
    const call = (headers) =>
      rawRequest(`${inner}/acs/systems/list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${seed.api_key}`, 'content-type': 'application/json', ...headers },
        body: '{}',
      })
    const port = new URL(inner).port
    const [own, rebound, fromPage] = [
      await call({}),
      await call({ host: `attacker.example:${port}` }),
      await call({ origin: 'https://attacker.example' }),
    ]
    assert.equal(own.status, 200)
    assert.ok(JSON.parse(own.text).acs_systems.length > 0)
    assert.deepEqual([rebound.status, fromPage.status], [421, 403])
    for (const res of [rebound, fromPage]) {
      assert.doesNotMatch(res.text, /acs_system/)
      assert.equal(res.headers['access-control-allow-origin'], undefined)
    }
  })

  it('records every API request and can be reset', async () => {
    fake.requests.reset()
    assert.equal(fake.requests.length, 0)
    await api('/acs/credentials/list', { body: { limit: 2 } })
    await api('/acs/credentials/get', { method: 'GET', query: { acs_credential_id: seed.acs_credential_ids[1] } })
    await api('/acs/systems/list', { body: {}, token: seed.client_session_token })
    await fetch(`${fake.url}/pkg/seam_acs_wasm_bg.wasm`) // static files are not API requests
    assert.equal(fake.requests.length, 3)
    const [list, get, systems] = fake.requests
    assert.equal(list.method, 'POST')
    assert.equal(list.path, '/acs/credentials/list')
    assert.deepEqual(list.body, { limit: 2 })
    assert.equal(list.headers.authorization, `Bearer ${seed.api_key}`)
    assert.equal(list.status, 200)
    assert.match(list.request_id, UUID)
    assert.equal(get.method, 'GET')
    assert.deepEqual(get.query, { acs_credential_id: seed.acs_credential_ids[1] })
    assert.equal(get.body, undefined)
    assert.equal(systems.path, '/acs/systems/list')
    assert.equal(systems.headers.authorization, `Bearer ${seed.client_session_token}`)
    fake.requests.reset()
    assert.equal(fake.requests.length, 0)
  })

  it('serves static files with their content types, inside the directory only', async () => {
    const wasm = await fetch(`${fake.url}/pkg/seam_acs_wasm_bg.wasm`)
    assert.equal(wasm.status, 200)
    assert.equal(wasm.headers.get('content-type'), 'application/wasm')
    assert.deepEqual(Buffer.from(await wasm.arrayBuffer()), WASM_BYTES)
    await WebAssembly.compile(WASM_BYTES) // the bytes served are a valid (empty) module

    const js = await fetch(`${fake.url}/pkg/seam_acs_wasm.js`)
    assert.equal(js.headers.get('content-type'), 'text/javascript')
    assert.equal(await js.text(), 'export const x = 1\n')

    const index = await fetch(`${fake.url}/`)
    assert.equal(index.status, 200)
    assert.match(index.headers.get('content-type'), /^text\/html/)
    assert.match(await index.text(), /<title>admin<\/title>/)

    for (const escape of [
      '/pkg/..%2fsecret.txt',
      '/pkg/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/pkg/..%5csecret.txt',
    ]) {
      const res = await fetch(`${fake.url}${escape}`)
      assert.equal(res.status, 404, escape)
      assert.doesNotMatch(await res.text(), /do not serve/)
    }
    const post = await fetch(`${fake.url}/pkg/seam_acs_wasm_bg.wasm`, { method: 'POST' })
    assert.notEqual(post.headers.get('content-type'), 'application/wasm')
  })
})

describe('cli', () => {
  it('prints the URL and seed as JSON, then stops cleanly on SIGTERM', async (t) => {
    const cli = fileURLToPath(new URL('./cli.mjs', import.meta.url))
    const args = ['--static', `/pkg/=${path.join(staticRoot, 'pkg')}`, '--allow-host', 'console.test']
    const child = spawn(process.execPath, [cli, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    t.after(() => child.exitCode == null && child.kill('SIGKILL'))
    let out = ''
    child.stdout.setEncoding('utf8')
    for await (const chunk of child.stdout) {
      out += chunk
      if (out.split('\n').length > 2) break
    }
    const [jsonLine, humanLine] = out.split('\n')
    const { url, seed: cliSeed } = JSON.parse(jsonLine)
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
    assert.deepEqual(cliSeed, seed)
    assert.ok(humanLine.includes(url) && humanLine.includes(seed.api_key))
    const wasm = await fetch(`${url}/pkg/seam_acs_wasm_bg.wasm`)
    assert.equal(wasm.headers.get('content-type'), 'application/wasm')
    await wasm.arrayBuffer()
    // Only loopback names with its port, and the name it was given.
    const { port } = new URL(url)
    const hosts = {
      [`localhost:${port}`]: 200,
      [`console.test:${port}`]: 200,
      [`attacker.test:${port}`]: 421,
      [`localhost:${Number(port) + 1}`]: 421,
    }
    for (const [host, status] of Object.entries(hosts)) {
      const res = await rawRequest(`${url}/pkg/seam_acs_wasm.js`, { headers: { host } })
      assert.equal(res.status, status, host)
      assert.equal(res.text.includes('export const x'), status === 200, host)
    }
    child.kill('SIGTERM')
    const [code, signal] = await once(child, 'exit')
    assert.deepEqual([code, signal], [0, null])
  })
})
