// The whole namespace through the package against the local Seam server (tests/fake-seam):
// systems and users by name, user identities, access groups, and card encoding with action
// attempts (waited for by default, polled on /action_attempts/get; failure, timeout and abort
// as their typed errors), in Node and, for the front-desk flow, in headless Chromium.
//
// Run: node tests/link-package.mjs && cd tests && node --test integration/acs-namespace.test.mjs

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'

import {
  SeamAbortError,
  SeamActionAttemptFailedError,
  SeamActionAttemptTimeoutError,
  SeamClient,
  SeamError,
  SeamNotAllowedError,
  SeamValidationError,
} from 'seam-acs-wasm'

import { writeFile } from 'node:fs/promises'
import path from 'node:path'

import { launchChromium } from '../e2e/chromium.mjs'
import { startFakeSeam } from '../fake-seam/server.mjs'
import { PKG_DIR, startStaticServer, tempDir } from './servers.mjs'

/** How long the server keeps an attempt pending. */
const DELAY_MS = 150
/** Polling fast enough for a test, slow enough to be seen. */
const FAST = { timeoutMs: 5_000, pollingIntervalMs: 40 }

let fake
let seed
let seam

before(async () => {
  fake = await startFakeSeam({ actionAttemptDelayMs: DELAY_MS })
  seed = fake.seed
  seam = SeamClient.fromApiKey(seed.api_key, { endpoint: fake.url, waitForActionAttempt: FAST })
})

after(async () => {
  seam?.free()
  await fake?.close()
})

/** What `promise` rejects with (a value it resolves with fails the class checks that follow). */
const rejection = (promise) =>
  promise.then(
    (value) => ({ resolved: value }),
    (error) => error,
  )

/** The API requests the server logged since `from`, as `METHOD path`. */
const logged = (from) => fake.requests.slice(from).map((r) => `${r.method} ${r.path}`)

/** A new Visionline card credential of the hotel, not yet encoded. */
async function newCard() {
  const card = await seam.acs.credentials.create({ acs_user_id: seed.acs_user_ids[2], access_method: 'card' })
  assert.equal(card.is_issued, false)
  return card
}

async function encoderNamed(name) {
  const encoders = await seam.acs.encoders.list({ acs_system_ids: seed.acs_system_ids })
  const encoder = encoders.find((e) => e.display_name === name)
  assert.ok(encoder, `no encoder named ${name} in ${encoders.map((e) => e.display_name)}`)
  return encoder
}

describe('systems, users and user identities by name', () => {
  it('lists the systems by name, and gets one', async () => {
    const systems = await seam.acs.systems.list()
    assert.deepEqual(systems.map((s) => s.name).sort(), ['Grand Harbor Hotel', 'Harbor Offices'])
    const hotel = systems.find((s) => s.name === 'Grand Harbor Hotel')
    const got = await seam.acs.systems.get({ acs_system_id: hotel.acs_system_id })
    assert.equal(got.name, 'Grand Harbor Hotel')
    assert.equal(got.acs_system_id, hotel.acs_system_id)
  })

  it('finds users with `search`, and lists what a user may open', async () => {
    const avas = await seam.acs.users.list({ search: 'Ava' })
    assert.deepEqual(
      avas.map((u) => u.full_name),
      ['Ava Thompson', 'Ava Thompson'],
    )
    assert.deepEqual(new Set(avas.map((u) => u.acs_system_id)), new Set(seed.acs_system_ids))
    const hotel = await seam.acs.users.list({ acs_system_id: seed.acs_system_ids[0] })
    assert.deepEqual(
      hotel.map((u) => u.full_name),
      ['Ava Thompson', 'Noah Martinez', 'Mia Patel', 'Lucas Schneider', 'Grace Kim', 'Oliver Brown'],
    )
    const page = await seam.acs.users.listPage({ acs_system_id: seed.acs_system_ids[0], limit: 4 })
    assert.equal(page.items.length, 4)
    assert.equal(page.pagination.hasNextPage, true)
    const all = []
    for await (const user of seam.acs.users.iterate({ acs_system_id: seed.acs_system_ids[0], limit: 4 }))
      all.push(user.full_name)
    assert.deepEqual(
      all,
      hotel.map((u) => u.full_name),
    )
    const entrances = await seam.acs.users.listAccessibleEntrances({ acs_user_id: hotel[0].acs_user_id })
    assert.ok(Array.isArray(entrances))
    for (const entrance of entrances) assert.equal(typeof entrance.display_name, 'string')
  })

  it('lists user identities and their users and systems', async () => {
    const identities = await seam.userIdentities.list()
    assert.deepEqual(identities.map((i) => i.full_name).sort(), [
      'Ava Thompson',
      'Emma Wilson',
      'Mia Patel',
      'Oliver Brown',
    ])
    const ava = identities.find((i) => i.full_name === 'Ava Thompson')
    const users = await seam.userIdentities.listAcsUsers({ user_identity_id: ava.user_identity_id })
    assert.ok(users.length >= 1)
    for (const user of users) assert.equal(user.full_name, 'Ava Thompson')
    const systems = await seam.userIdentities.listAcsSystems({ user_identity_id: ava.user_identity_id })
    assert.ok(systems.every((s) => seed.acs_system_ids.includes(s.acs_system_id)))
    assert.equal(
      (await seam.userIdentities.get({ user_identity_id: ava.user_identity_id })).email_address,
      ava.email_address,
    )
  })

  it('lists access groups and their users', async () => {
    const groups = await seam.acs.accessGroups.list({ acs_system_id: seed.acs_system_ids[1] })
    assert.deepEqual(groups.map((g) => g.name).sort(), ['Office staff', 'Visitors'])
    const staff = groups.find((g) => g.name === 'Office staff')
    const users = await seam.acs.accessGroups.listUsers({ acs_access_group_id: staff.acs_access_group_id })
    assert.deepEqual(users.map((u) => u.full_name).sort(), ['Ava Thompson', 'Emma Wilson', 'James Nakamura'])
  })

  it('refuses a client session what its contract line does not allow, sending nothing', async () => {
    const session = SeamClient.fromClientSessionToken(seed.client_session_token, { endpoint: fake.url })
    const from = fake.requests.length
    const error = await rejection(
      session.acs.encoders.encodeCredential({
        acs_encoder_id: seed.acs_encoder_ids[0],
        acs_credential_id: seed.acs_credential_ids[0],
      }),
    )
    assert.ok(error instanceof SeamNotAllowedError)
    assert.deepEqual(logged(from), [])
    assert.equal(session.allows('/acs/users/list'), true)
    assert.equal(session.allows('/acs/users/create'), false)
    session.free()
  })
})

describe('card encoding: action attempts', () => {
  it('waits for an encode to succeed, polling /action_attempts/get', async () => {
    const card = await newCard()
    const encoder = await encoderNamed('Front desk encoder')
    const from = fake.requests.length
    const started = performance.now()
    const attempt = await seam.acs.encoders.encodeCredential({
      acs_encoder_id: encoder.acs_encoder_id,
      acs_credential_id: card.acs_credential_id,
    })
    const took = performance.now() - started
    assert.equal(attempt.status, 'success')
    assert.equal(attempt.action_type, 'ENCODE_CREDENTIAL')
    assert.equal(attempt.result.acs_credential_id, card.acs_credential_id)
    assert.equal(attempt.result.is_issued, true)
    assert.ok(took >= DELAY_MS, `resolved after ${took} ms, before the attempt settled`)
    const requests = logged(from)
    assert.equal(requests[0], 'POST /acs/encoders/encode_credential')
    assert.ok(requests.length >= 2, requests.join(', '))
    for (const poll of requests.slice(1)) assert.equal(poll, 'GET /action_attempts/get')
    assert.equal(
      fake.requests.at(-1).query?.action_attempt_id ??
        new URL(fake.requests.at(-1).url, fake.url).searchParams.get('action_attempt_id'),
      attempt.action_attempt_id,
    )
    assert.equal((await seam.acs.credentials.get({ acs_credential_id: card.acs_credential_id })).is_issued, true)
  })

  it('a client with no option waits as @seamapi/http does: the first poll comes 1 s after the answer', async () => {
    const plain = SeamClient.fromApiKey(seed.api_key, { endpoint: fake.url })
    try {
      const card = await newCard()
      const from = fake.requests.length
      const started = performance.now()
      const attempt = await plain.acs.encoders.encodeCredential({
        acs_encoder_id: seed.acs_encoder_ids[0],
        acs_credential_id: card.acs_credential_id,
      })
      const took = performance.now() - started
      assert.equal(attempt.status, 'success')
      // Settled after 150 ms, so one poll, made after the 1,000 ms interval.
      assert.deepEqual(logged(from), ['POST /acs/encoders/encode_credential', 'GET /action_attempts/get'])
      assert.ok(took >= 1_000 && took < 3_000, `took ${took} ms`)
    } finally {
      plain.free()
    }
  })

  it('an encode forced to fail is a SeamActionAttemptFailedError with its code and attempt', async () => {
    const card = await newCard()
    const encoder = await encoderNamed('Back office encoder')
    assert.equal(
      await seam.acs.encoders.simulate.nextCredentialEncodeWillFail({ acs_encoder_id: encoder.acs_encoder_id }),
      undefined,
    )
    const error = await rejection(
      seam.acs.encoders.encodeCredential({
        acs_encoder_id: encoder.acs_encoder_id,
        acs_credential_id: card.acs_credential_id,
      }),
    )
    assert.ok(error instanceof SeamActionAttemptFailedError, String(error))
    assert.ok(error instanceof SeamError)
    assert.equal(error.name, 'SeamActionAttemptFailedError')
    assert.equal(error.code, 'no_credential_on_encoder')
    assert.equal(error.actionAttempt.status, 'error')
    assert.equal(error.actionAttempt.error.message, 'No card was found on the encoder.')
    assert.match(error.message, /No card was found on the encoder\. \(no_credential_on_encoder\)/)
    assert.equal((await seam.acs.credentials.get({ acs_credential_id: card.acs_credential_id })).is_issued, false)
  })

  it('scans a card', async () => {
    const encoder = await encoderNamed('Front desk encoder')
    const attempt = await seam.acs.encoders.scanCredential({ acs_encoder_id: encoder.acs_encoder_id })
    assert.equal(attempt.status, 'success')
    assert.equal(attempt.action_type, 'SCAN_CREDENTIAL')
    assert.equal(typeof attempt.result.acs_credential_on_encoder, 'object')
  })

  it('with waitForActionAttempt: false, resolves with the pending attempt; actionAttempts.get reads it later', async () => {
    const card = await newCard()
    const from = fake.requests.length
    const pending = await seam.acs.encoders.encodeCredential(
      { acs_encoder_id: seed.acs_encoder_ids[0], acs_credential_id: card.acs_credential_id },
      { waitForActionAttempt: false },
    )
    assert.equal(pending.status, 'pending')
    assert.deepEqual(logged(from), ['POST /acs/encoders/encode_credential'])
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS + 100))
    const done = await seam.actionAttempts.get({ action_attempt_id: pending.action_attempt_id })
    assert.equal(done.status, 'success')
    const listed = await seam.actionAttempts.list({ action_attempt_ids: [pending.action_attempt_id] })
    assert.deepEqual(
      listed.map((a) => a.status),
      ['success'],
    )
  })

  it('a wait that runs out is a SeamActionAttemptTimeoutError with the pending attempt', async () => {
    const card = await newCard()
    const started = performance.now()
    const error = await rejection(
      seam.acs.encoders.encodeCredential(
        { acs_encoder_id: seed.acs_encoder_ids[0], acs_credential_id: card.acs_credential_id },
        { waitForActionAttempt: { timeoutMs: 60, pollingIntervalMs: 20 } },
      ),
    )
    const took = performance.now() - started
    assert.ok(error instanceof SeamActionAttemptTimeoutError, String(error))
    assert.ok(error instanceof SeamError)
    assert.equal(error.timeoutMs, 60)
    assert.equal(error.actionAttempt.status, 'pending')
    assert.ok(took >= 60 && took < DELAY_MS + 1000, `gave up after ${took} ms`)
  })

  it('an abort while waiting is a SeamAbortError, and no poll follows', async () => {
    const card = await newCard()
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 30)
    const error = await rejection(
      seam.acs.encoders.encodeCredential(
        { acs_encoder_id: seed.acs_encoder_ids[0], acs_credential_id: card.acs_credential_id },
        { signal: controller.signal, waitForActionAttempt: { pollingIntervalMs: 1_000 } },
      ),
    )
    assert.ok(error instanceof SeamAbortError, String(error))
    const from = fake.requests.length
    await new Promise((resolve) => setTimeout(resolve, 100))
    assert.deepEqual(logged(from), [])
  })

  it('a bad waitForActionAttempt is a SeamValidationError naming it, and nothing is sent', async () => {
    const from = fake.requests.length
    const error = await rejection(
      seam.acs.encoders.encodeCredential(
        { acs_encoder_id: seed.acs_encoder_ids[0], acs_credential_id: seed.acs_credential_ids[0] },
        { waitForActionAttempt: { timeoutMs: -5, pollingIntervalMs: 'fast' } },
      ),
    )
    assert.ok(error instanceof SeamValidationError)
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ['waitForActionAttempt.timeoutMs', 'waitForActionAttempt.pollingIntervalMs'],
    )
    assert.throws(
      () => SeamClient.fromApiKey(seed.api_key, { endpoint: fake.url, waitForActionAttempt: 'yes' }),
      (e) => e instanceof SeamValidationError && e.issues[0].path === 'waitForActionAttempt',
    )
    assert.deepEqual(logged(from), [])
  })
})

/**
 * The front-desk flow: a person found by name, a card made for them, encoded at an encoder
 * picked by name, a forced failure, a scan. Self-contained: the page runs this very function.
 */
async function frontDesk(lib, { endpoint, key, wait }) {
  const seam = lib.SeamClient.fromApiKey(key, { endpoint, waitForActionAttempt: wait })
  const [hotel] = (await seam.acs.systems.list()).filter((s) => s.name === 'Grand Harbor Hotel')
  const [mia] = await seam.acs.users.list({ acs_system_id: hotel.acs_system_id, search: 'Mia' })
  const encoders = await seam.acs.encoders.list({ acs_system_id: hotel.acs_system_id })
  const desk = encoders.find((e) => e.display_name === 'Front desk encoder')
  const card = await seam.acs.credentials.create({ acs_user_id: mia.acs_user_id, access_method: 'card' })
  const encoded = await seam.acs.encoders.encodeCredential({
    acs_encoder_id: desk.acs_encoder_id,
    acs_credential_id: card.acs_credential_id,
  })
  await seam.acs.encoders.simulate.nextCredentialEncodeWillFail({ acs_encoder_id: desk.acs_encoder_id })
  const failed = await seam.acs.encoders
    .encodeCredential({ acs_encoder_id: desk.acs_encoder_id, acs_credential_id: card.acs_credential_id })
    .then(
      () => null,
      (e) => ({
        name: e.name,
        seamError: e instanceof lib.SeamError,
        failedClass: e instanceof lib.SeamActionAttemptFailedError,
        code: e.code,
        status: e.actionAttempt?.status,
      }),
    )
  const scanned = await seam.acs.encoders.scanCredential({ acs_encoder_id: desk.acs_encoder_id })
  seam.free()
  return {
    person: mia.full_name,
    encoders: encoders.map((e) => e.display_name),
    encoded: {
      status: encoded.status,
      issued: encoded.result?.is_issued,
      id: encoded.result?.acs_credential_id === card.acs_credential_id,
    },
    failed,
    scanned: {
      status: scanned.status,
      type: scanned.action_type,
      onEncoder: typeof scanned.result?.acs_credential_on_encoder,
    },
  }
}

const FRONT_DESK = {
  person: 'Mia Patel',
  encoders: ['Front desk encoder', 'Back office encoder'],
  encoded: { status: 'success', issued: true, id: true },
  failed: {
    name: 'SeamActionAttemptFailedError',
    seamError: true,
    failedClass: true,
    code: 'no_credential_on_encoder',
    status: 'error',
  },
  scanned: { status: 'success', type: 'SCAN_CREDENTIAL', onEncoder: 'object' },
}

describe('the front-desk flow', () => {
  it('in Node', async () => {
    const lib = await import('seam-acs-wasm')
    assert.deepEqual(await frontDesk(lib, { endpoint: fake.url, key: seed.api_key, wait: FAST }), FRONT_DESK)
  })

  it('in headless Chromium (the web build)', async () => {
    const temp = await tempDir('seam-acs-frontdesk-')
    await writeFile(
      path.join(temp.dir, 'index.html'),
      '<!doctype html>\n<meta charset="utf-8">\n<link rel="icon" href="data:,">\n<title>front desk</title>\n',
    )
    const site = await startStaticServer({ '/': temp.dir, '/pkg/': PKG_DIR })
    fake.allowOrigin(site.url)
    const browser = await launchChromium()
    const problems = []
    try {
      const page = await (await browser.newContext()).newPage()
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
      page.on('requestfailed', (request) =>
        problems.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`),
      )
      await page.goto(`${site.url}/`)
      await page.addScriptTag({ content: `window.frontDesk = ${frontDesk}` })
      const result = await page.evaluate(async (input) => window.frontDesk(await import('/pkg/web.js'), input), {
        endpoint: fake.url,
        key: seed.api_key,
        wait: FAST,
      })
      assert.deepEqual(result, FRONT_DESK)
      assert.deepEqual(problems, [])
    } finally {
      await browser.close()
      await site.close()
      await temp.remove()
    }
  })
})
