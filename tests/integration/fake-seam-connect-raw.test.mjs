// The package against @seamapi/fake-seam-connect's OWN routes, with nothing of ours in
// front: records made by the fake's database API exactly as a new user would make them
// (no patching, no UUID ids), listed with each of the four auth modes /acs/entrances/list
// accepts, in Node and in headless Chromium. The fake writes `"visionline_metadata": null`
// for an entrance without Visionline data, a `null` on a property the contract calls
// optional (not nullable): the package must read it as absent, in lenient and in strict
// mode, and report nothing.
//
// Run: node tests/link-package.mjs && cd tests && node --test integration/fake-seam-connect-raw.test.mjs

import assert from 'node:assert/strict'
import { createHash, createHmac } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'

import { createFake } from '@seamapi/fake-seam-connect'
import { openapi } from '@seamapi/types/connect'
import { SeamClient } from 'seam-acs-wasm'

import { launchChromium } from '../e2e/chromium.mjs'
import { startInnerFake } from '../fake-seam/server.mjs'
import { PKG_DIR, startStaticServer, tempDir } from './servers.mjs'

// fake-seam-connect verifies console session JWTs with this HS256 secret
// (with-session-auth.ts: `jwt.verify(token, "secret")`) and then looks up the
// user session named by the token's `user_id` and `key`.
const FAKE_JWT_SECRET = 'secret'
const DOORS = ['Front Door', 'Server Room']
// The `auth` line of fake-seam-connect's /acs/entrances/list route.
const AUTH_MODES = ['api_key', 'client_session', 'pat_with_workspace', 'console_session_with_workspace']

/** An HS256 JWT, as fake-seam-connect's console session auth expects it. */
function consoleSessionJwt(payload) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...payload, iat: Math.floor(Date.now() / 1000) })}`
  return `${unsigned}.${createHmac('sha256', FAKE_JWT_SECRET).update(unsigned).digest('base64url')}`
}

/**
 * A minimal workspace through the fake's own database API, with what each auth mode
 * needs, one ACS system and two entrances. Returns the auth modes (constructor name and
 * arguments, usable in Node and in the page), their wrong twins, and the entrances as
 * the fake's route answers them (its records without the `_` keys).
 */
function seedRaw(db) {
  const { workspace_id } = db.addWorkspace({ name: 'Raw Workspace' })
  const apiKey = db.addApiKey({ workspace_id })
  // A personal access token is `seam_at<n>_<long token>`; the fake keeps the long token's hash.
  const longToken = 'rawPersonalAccessToken01'
  const accessToken = db.addAccessToken({
    access_token_name: 'Raw Access Token',
    email: 'admin@example.com',
    short_token: 'at1',
    long_token_hash: createHash('sha256').update(longToken).digest('hex'),
  })
  const { user_id } = accessToken
  db.addUserWorkspace({ user_workspace_id: 'user_workspace1', user_id, workspace_id, is_owner: true })
  const userSession = db.addUserSession({ user_id, key: 'raw-console-session' })
  const account = db.addConnectedAccount({ provider: 'visionline', workspace_id })
  const system = db.addAcsSystem({
    external_type: 'visionline_system',
    name: 'Raw Visionline System',
    workspace_id,
    connected_account_id: account.connected_account_id,
  })
  const clientSession = db.addClientSession({
    workspace_id,
    api_key_id: apiKey.api_key_id,
    user_identifier_key: 'raw-user',
    connected_account_ids: [account.connected_account_id],
  })
  const entrances = DOORS.map((display_name) =>
    db.addAcsEntrance({ acs_system_id: system.acs_system_id, display_name }),
  )

  const modes = [
    { authMode: 'api_key', factory: 'fromApiKey', args: [apiKey.token], wrongArgs: ['seam_key9_notakey'] },
    {
      authMode: 'client_session',
      factory: 'fromClientSessionToken',
      args: [clientSession.token],
      wrongArgs: ['seam_cst1_notasession'],
    },
    {
      authMode: 'pat_with_workspace',
      factory: 'fromPersonalAccessToken',
      args: [`seam_at1_${longToken}`, workspace_id],
      wrongArgs: ['seam_at1_notatoken', workspace_id],
    },
    {
      authMode: 'console_session_with_workspace',
      factory: 'fromConsoleSessionToken',
      args: [consoleSessionJwt({ user_id, key: userSession.key }), workspace_id],
      wrongArgs: [consoleSessionJwt({ user_id, key: 'no-such-session' }), workspace_id],
    },
  ]
  const answered = entrances.map((record) =>
    Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith('_'))),
  )
  return { workspace_id, acs_system_id: system.acs_system_id, entrances, answered, modes }
}

/**
 * Lists entrances once leniently and once strictly, collecting what each client reports
 * to `onAnswerIssue`. Self-contained: the page runs this very function (its source).
 */
async function listBothWays(SeamClient, { endpoint, factory, args }) {
  const run = async (answers) => {
    const issues = []
    const seam = SeamClient[factory](...args, {
      endpoint,
      answers,
      onAnswerIssue: (issue) => issues.push(issue),
      maxRetries: 0,
      timeoutMs: 5000,
    })
    try {
      return { authMode: seam.authMode, entrances: await seam.acs.entrances.list(), issues }
    } catch (error) {
      return { authMode: seam.authMode, error: `${error.name}: ${error.message}`, issues }
    } finally {
      seam.free()
    }
  }
  return { lenient: await run('lenient'), strict: await run('strict') }
}

let raw
let fakeServer
let endpoint

before(async () => {
  const fake = await createFake()
  raw = seedRaw(fake.database)
  fakeServer = await startInnerFake(fake, undefined)
  const { address, port } = fakeServer.address()
  assert.equal(address, '127.0.0.1')
  endpoint = `http://127.0.0.1:${port}`
})

after(async () => {
  if (fakeServer?.listening) {
    await new Promise((resolve) => {
      fakeServer.close(() => resolve())
      fakeServer.closeAllConnections()
    })
  }
})

/** What every mode must see, in Node and in Chromium: both records as sent, no issue. */
function assertListed(result, mode) {
  const expected = { authMode: mode.authMode, entrances: raw.answered, issues: [] }
  assert.deepEqual(result.lenient, expected, `${mode.authMode}, lenient`)
  assert.deepEqual(result.strict, expected, `${mode.authMode}, strict`)
}

describe("fake-seam-connect's own records", () => {
  it('are what a new user gets: ids of the fake, the names given, `visionline_metadata: null`', () => {
    assert.deepEqual(
      raw.entrances.map((e) => [e.acs_entrance_id, e.acs_system_id, e.display_name]),
      [
        ['acs_entrance1', raw.acs_system_id, 'Front Door'],
        ['acs_entrance2', raw.acs_system_id, 'Server Room'],
      ],
    )
    for (const entrance of raw.answered) {
      assert.equal(entrance.visionline_metadata, null)
      assert.equal(entrance.workspace_id, raw.workspace_id)
      assert.deepEqual(entrance.properties, {})
    }
  })

  it('hold a null on a property the pinned contract calls optional and not nullable', () => {
    const schema = openapi.components.schemas.acs_entrance
    assert.ok(!schema.required.includes('visionline_metadata'))
    assert.equal(schema.properties.visionline_metadata.type, 'object')
    assert.notEqual(schema.properties.visionline_metadata.nullable, true)
  })

  it('lack four properties the contract requires, which the package does not need (only the id)', () => {
    const schema = openapi.components.schemas.acs_entrance
    const missing = schema.required.filter((key) => raw.answered.every((entrance) => !(key in entrance)))
    assert.deepEqual(missing.toSorted(), ['connected_account_id', 'errors', 'space_ids', 'warnings'])
  })
})

describe('Node: entrances from the raw fake, every auth mode', () => {
  it('the fake really checks each mode: a wrong credential is a 401', async () => {
    for (const mode of raw.modes) {
      const { lenient } = await listBothWays(SeamClient, { endpoint, factory: mode.factory, args: mode.wrongArgs })
      assert.equal(lenient.authMode, mode.authMode)
      assert.match(lenient.error ?? '', /^SeamUnauthorizedError: /, mode.authMode)
    }
  })

  for (const authMode of AUTH_MODES) {
    it(`${authMode}: lists both entrances, lenient and strict, reporting nothing`, async () => {
      const mode = raw.modes.find((m) => m.authMode === authMode)
      assertListed(await listBothWays(SeamClient, { endpoint, factory: mode.factory, args: mode.args }), mode)
    })
  }
})

describe('headless Chromium: entrances from the raw fake, every auth mode', () => {
  let temp
  let site
  let browser
  let context
  let page
  const problems = []

  before(async () => {
    // An empty page, really served from 127.0.0.1: Chromium's Local Network Access lets
    // it call the fake on another loopback origin (a page fulfilled by page.route() has
    // no address, and its calls to loopback are denied). The fake's CORS allows the rest.
    temp = await tempDir('seam-acs-raw-')
    await writeFile(
      path.join(temp.dir, 'index.html'),
      '<!doctype html>\n<meta charset="utf-8">\n<link rel="icon" href="data:,">\n<title>fake-seam-connect raw</title>\n',
    )
    site = await startStaticServer({ '/': temp.dir, '/pkg/': PKG_DIR })
    browser = await launchChromium()
    context = await browser.newContext()
    page = await context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`)
    })
    page.on('requestfailed', (request) =>
      problems.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`),
    )
    await page.goto(`${site.url}/`)
    await page.addScriptTag({ content: `window.listBothWays = ${listBothWays}` })
  })

  after(async () => {
    await context?.close()
    await browser?.close()
    await site?.close()
    await temp?.remove()
  })

  for (const authMode of AUTH_MODES) {
    it(`${authMode}: the web build lists both entrances, lenient and strict, reporting nothing`, async () => {
      const mode = raw.modes.find((m) => m.authMode === authMode)
      const result = await page.evaluate(
        async (input) => {
          const { SeamClient } = await import('/pkg/web.js')
          return window.listBothWays(SeamClient, input)
        },
        { endpoint, factory: mode.factory, args: mode.args },
      )
      assertListed(result, mode)
      assert.deepEqual(problems, [])
    })
  }
})
