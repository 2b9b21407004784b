// Tokens never leave through errors or logs, and never go over plain http:// to a host
// that is not loopback.
//
// Every error class is triggered with distinctive tokens; each error's message, stack,
// String(), JSON.stringify() and util.inspect(), and everything written to the console
// or to stdout/stderr meanwhile, must be free of them.
//
//   cd tests && node --test reliability/secrets.test.mjs

import assert from 'node:assert/strict'
import util from 'node:util'
import { after, before, test } from 'node:test'

import {
  SeamAbortError,
  SeamActionAttemptFailedError,
  SeamActionAttemptTimeoutError,
  SeamApiError,
  SeamClient,
  SeamError,
  SeamInvalidEndpointError,
  SeamInvalidInputError,
  SeamInvalidTokenError,
  SeamNetworkError,
  SeamNotAllowedError,
  SeamParseError,
  SeamTimeoutError,
  SeamUnauthorizedError,
  SeamValidationError,
  parseAcsCredential,
  validateRequest,
} from 'seam-acs-wasm'

import { credential, IDS, ok, seamError, startFaultServer } from './fault-server.mjs'

const API_KEY = 'seam_testkey_SECRETSECRET123'
const CST = 'seam_cst1_clientsession_SECRETSECRET456'
const PAT = 'seam_at1_personal_SECRETSECRET789'
const PK = 'seam_pk1_publishable_SECRETSECRET000'
const CONSOLE = 'eyJhbGciOiJIUzI1NiJ9.SECRETSECRETconsole.c2lnbmF0dXJl'
const SERVER_CST = 'seam_cst1_issuedbyserver_SECRETSECRETabc'
const SECRETS = [API_KEY, CST, PAT, PK, CONSOLE, SERVER_CST, 'SECRETSECRET']
const GET = '/acs/credentials/get'
const CREATE = '/acs/credentials/create'
const GET_PARAMS = { acs_credential_id: IDS.credential }
const CREATE_PARAMS = { acs_user_id: IDS.user, access_method: 'code', code: '824759' }

let server
const seen = { classes: new Set(), errors: 0, checks: 0, captured: 0 }

before(async () => {
  server = await startFaultServer()
})

after(async () => {
  await server?.close()
  console.log(
    `[reliability/secrets] error classes triggered: ${seen.classes.size} (${[...seen.classes].sort().join(', ')}), ` +
      `errors checked: ${seen.errors}, renderings checked: ${seen.checks}, console bytes captured: ${seen.captured}`,
  )
})

/** Runs `fn` while recording (and still printing) everything written to the console and stdout/stderr. */
async function capturingOutput(fn) {
  const chunks = []
  const originals = {}
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir']) {
    originals[name] = console[name]
    console[name] = (...args) => {
      chunks.push(util.format(...args))
      return originals[name].apply(console, args)
    }
  }
  const writes = {}
  for (const stream of [process.stdout, process.stderr]) {
    writes[stream.fd] = stream.write
    stream.write = function (chunk, ...rest) {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
      return writes[stream.fd].call(this, chunk, ...rest)
    }
  }
  try {
    return await fn()
  } finally {
    for (const [name, original] of Object.entries(originals)) console[name] = original
    process.stdout.write = writes[process.stdout.fd]
    process.stderr.write = writes[process.stderr.fd]
    const output = chunks.join('')
    seen.captured += output.length
    for (const secret of SECRETS)
      assert.ok(!output.includes(secret), `a token was written to the console / stdout / stderr: ${secret}`)
  }
}

/** Every way an error is usually turned into text, and none may hold a token. */
function assertClean(error, Class) {
  assert.ok(error, 'expected an error')
  assert.ok(error instanceof Class, `expected ${Class.name}, got ${error?.name}: ${error?.message}`)
  assert.ok(error instanceof SeamError)
  seen.classes.add(Class.name)
  seen.errors++
  const renderings = {
    message: String(error.message),
    stack: String(error.stack),
    string: String(error),
    json: JSON.stringify(error),
    inspect: util.inspect(error, { depth: 10, showHidden: false }),
    inspectHidden: util.inspect(error, { depth: 10, showHidden: true }),
    properties: JSON.stringify(Object.fromEntries(Object.getOwnPropertyNames(error).map((k) => [k, error[k]]))),
    cause: util.inspect(error.cause, { depth: 10 }),
  }
  for (const [how, text] of Object.entries(renderings)) {
    seen.checks++
    for (const secret of SECRETS)
      assert.ok(
        !text.includes(secret),
        `${Class.name}: the ${how} rendering contains ${secret}:\n${text.slice(0, 600)}`,
      )
  }
  return error
}

async function caught(promiseOrFn) {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn)
  } catch (error) {
    return error
  }
  assert.fail('expected the call to throw')
}

function apiClient(options = {}) {
  return SeamClient.fromApiKey(API_KEY, { endpoint: server.url, timeoutMs: 3_000, ...options })
}

// ---------------------------------------------------------------- local errors

test('validation errors (even with a token pasted into a parameter) never repeat the token', async () => {
  await capturingOutput(async () => {
    server.reset()
    const client = apiClient()
    const cases = [
      { ...CREATE_PARAMS, code: API_KEY },
      { ...CREATE_PARAMS, acs_user_id: CST },
      { ...CREATE_PARAMS, ends_at: PAT, starts_at: PK },
      { ...CREATE_PARAMS, visionline_metadata: { card_format: CONSOLE } },
      { ...CREATE_PARAMS, allowed_acs_entrance_ids: [API_KEY] },
    ]
    for (const params of cases) {
      const error = assertClean(await caught(client.acs.credentials.create(params)), SeamValidationError)
      assert.ok(error.issues.length >= 1)
      const standalone = validateRequest(CREATE, params)
      for (const secret of SECRETS) assert.ok(!JSON.stringify(standalone).includes(secret))
    }
    assertClean(await caught(client.acs.credentials.list({ search: '', acs_user_id: API_KEY })), SeamValidationError)
    assertClean(await caught(() => apiClient({ timeoutMs: -1 })), SeamValidationError)
    assert.equal(server.count(), 0)
  })
})

test('not-allowed: a client session token calling create', async () => {
  await capturingOutput(async () => {
    server.reset()
    const client = SeamClient.fromClientSessionToken(CST, { endpoint: server.url })
    const error = assertClean(await caught(client.acs.credentials.create(CREATE_PARAMS)), SeamNotAllowedError)
    assert.equal(error.endpoint, CREATE)
    assert.equal(error.authMode, 'client_session')
    assert.equal(server.count(CREATE), 0)
    // A personal access token may delete: the same kind of call is sent (and answered) normally.
    server.script('/acs/credentials/delete', [ok.nothing()])
    const pat = SeamClient.fromPersonalAccessToken(PAT, IDS.workspace, { endpoint: server.url })
    assert.equal(await pat.acs.credentials.delete(GET_PARAMS), undefined)
    const [request] = server.of('/acs/credentials/delete')
    assert.equal(request.headers.authorization, `Bearer ${PAT}`)
    assert.equal(request.headers['seam-workspace'], IDS.workspace)
  })
})

test('invalid tokens: a token given to the wrong constructor, or malformed', async () => {
  await capturingOutput(async () => {
    const wrong = [
      () => SeamClient.fromClientSessionToken(API_KEY), // the API key given as a client session token
      () => SeamClient.fromApiKey(CST),
      () => SeamClient.fromApiKey(PK),
      () => SeamClient.fromPersonalAccessToken(API_KEY, IDS.workspace),
      () => SeamClient.fromConsoleSessionToken(API_KEY, IDS.workspace),
      () => SeamClient.fromPersonalAccessToken(PAT, ''),
      () => SeamClient.fromApiKey(`${API_KEY} trailing`),
      () => SeamClient.fromApiKey(`${API_KEY}\r\nx-injected: 1`),
      () => SeamClient.fromApiKey(`sk_live_${API_KEY}`),
      () => SeamClient.fromApiKey(''),
    ]
    for (const make of wrong) assertClean(await caught(make), SeamInvalidTokenError)
    const error = await caught(() => SeamClient.fromClientSessionToken(API_KEY))
    assert.match(error.message, /API key/i, 'the message says what kind of token it was, without echoing it')
    assertClean(
      await caught(SeamClient.fromPublishableKey(API_KEY, 'user-1', { endpoint: server.url })),
      SeamInvalidTokenError,
    )
  })
})

test('invalid endpoints: the message never holds the token, even one pasted into the URL', async () => {
  await capturingOutput(async () => {
    for (const endpoint of [
      'http://example.com',
      `https://user:${API_KEY}@connect.getseam.com`,
      `https://connect.getseam.com/?api_key=${API_KEY}`,
      `connect.getseam.com/${API_KEY}`,
      `ftp://${API_KEY}.example.com`,
    ]) {
      assertClean(await caught(() => SeamClient.fromApiKey(API_KEY, { endpoint })), SeamInvalidEndpointError)
    }
  })
})

// ---------------------------------------------------------------- errors from the server and the network

test('401: SeamUnauthorizedError', async () => {
  await capturingOutput(async () => {
    server.reset()
    server.script(GET, [seamError(401, 'unauthorized', 'Unauthorized'), { status: 401, body: 'Unauthorized' }])
    const client = apiClient()
    const a = assertClean(await caught(client.acs.credentials.get(GET_PARAMS)), SeamUnauthorizedError)
    assert.equal(a.statusCode, 401)
    assertClean(await caught(client.acs.credentials.get(GET_PARAMS)), SeamUnauthorizedError)
    // The token did go where it belongs: the Authorization header, and nowhere else.
    const [request] = server.of(GET)
    assert.equal(request.headers.authorization, `Bearer ${API_KEY}`)
    assert.ok(!request.body.includes(API_KEY))
  })
})

test('invalid_input: SeamInvalidInputError', async () => {
  await capturingOutput(async () => {
    server.reset()
    server.script(CREATE, [
      seamError(400, 'invalid_input', 'Invalid input', {
        validation_errors: { _errors: [], code: { _errors: ['Code must be 4 to 8 digits'] } },
      }),
    ])
    const error = assertClean(await caught(apiClient().acs.credentials.create(CREATE_PARAMS)), SeamInvalidInputError)
    assert.deepEqual(error.fieldErrors, [{ path: 'code', messages: ['Code must be 4 to 8 digits'] }])
  })
})

test('other API errors: SeamApiError (404, 500)', async () => {
  await capturingOutput(async () => {
    server.reset()
    server.script(GET, [seamError(404, 'acs_credential_not_found', 'Credential not found')])
    server.script(CREATE, [
      seamError(500, 'internal_server_error', 'Something went wrong', { data: { hint: 'retry later' } }),
    ])
    const client = apiClient()
    const a = assertClean(await caught(client.acs.credentials.get(GET_PARAMS)), SeamApiError)
    assert.equal(a.code, 'acs_credential_not_found')
    const b = assertClean(await caught(client.acs.credentials.create(CREATE_PARAMS)), SeamApiError)
    assert.equal(b.statusCode, 500)
  })
})

test('parse errors: an answer holding a token in a field of the wrong type', async () => {
  await capturingOutput(async () => {
    server.reset()
    server.script(GET, [
      { status: 200, body: '{"acs_credential": {"acs_credential_id": "x", "display_' },
      ok.credential(credential(1, { is_managed: API_KEY })),
      ok.credential(credential(1, { acs_credential_id: 12345, display_name: SERVER_CST })),
      { status: 200, body: { acs_credential: API_KEY, ok: true } },
      { status: 502, body: `<html>${API_KEY}</html>` },
    ])
    const client = apiClient({ maxRetries: 0, answers: 'strict' })
    for (let i = 0; i < 5; i++) assertClean(await caught(client.acs.credentials.get(GET_PARAMS)), SeamParseError)
    const strict = { answers: 'strict' }
    assertClean(
      await caught(() => parseAcsCredential({ acs_credential_id: 'x', is_issued: CST }, strict)),
      SeamParseError,
    )
    assertClean(await caught(() => parseAcsCredential(`{"acs_credential_id": "${PAT}`)), SeamParseError)
  })
})

test('lenient reading: the issues it reports never hold the value, a token included', async () => {
  await capturingOutput(async () => {
    server.reset()
    server.script(GET, [ok.credential(credential(1, { is_managed: API_KEY, code: { token: CST } }))])
    const issues = []
    const client = apiClient({ maxRetries: 0, onAnswerIssue: (issue) => issues.push(issue) })
    const got = await client.acs.credentials.get(GET_PARAMS)
    assert.equal(got.is_managed, API_KEY, 'the answer is as Seam sent it')
    parseAcsCredential({ acs_credential_id: 'x', is_issued: PAT }, { onAnswerIssue: (issue) => issues.push(issue) })
    assert.deepEqual(
      issues.map(({ path, got }) => [path, got]),
      [
        ['acs_credential.code', 'an object'],
        ['acs_credential.is_managed', 'a string'],
        ['is_issued', 'a string'],
      ],
    )
    const text = JSON.stringify(issues)
    for (const token of [API_KEY, CST, PAT]) assert.ok(!text.includes(token), 'an issue holds a token')
  })
})

test('parse errors: a token inside a string with escaped quotes, in a field of the wrong type', async () => {
  // e.g. a proxy that puts a JSON-encoded request summary where a boolean belongs.
  await capturingOutput(async () => {
    server.reset()
    const echoed = JSON.stringify({ authorization: `Bearer ${API_KEY}` })
    server.script(GET, [ok.credential(credential(1, { is_managed: echoed }))])
    const error = await caught(apiClient({ answers: 'strict' }).acs.credentials.get(GET_PARAMS))
    assert.equal(error.path, 'acs_credential.is_managed')
    assertClean(error, SeamParseError)
  })
})

test('network error: SeamNetworkError', async () => {
  await capturingOutput(async () => {
    server.reset()
    server.script(CREATE, [{ reset: true }])
    assertClean(await caught(apiClient().acs.credentials.create(CREATE_PARAMS)), SeamNetworkError)
    const probe = await startFaultServer()
    const dead = probe.url
    await probe.close()
    assertClean(
      await caught(SeamClient.fromClientSessionToken(CST, { endpoint: dead, maxRetries: 0 }).acs.credentials.list({})),
      SeamNetworkError,
    )
  })
})

test('timeout: SeamTimeoutError', async () => {
  await capturingOutput(async () => {
    server.reset()
    server.script(GET, [{ hang: true }])
    server.script(CREATE, [{ stallBody: true, body: ok.credential(credential(1)).body }])
    const client = apiClient({ timeoutMs: 300 })
    assertClean(await caught(client.acs.credentials.get(GET_PARAMS)), SeamTimeoutError)
    assertClean(await caught(client.acs.credentials.create(CREATE_PARAMS)), SeamTimeoutError)
  })
})

test('abort: SeamAbortError (aborted before the call, and during a retry wait)', async () => {
  await capturingOutput(async () => {
    server.reset()
    const client = apiClient()
    const early = new AbortController()
    early.abort(new Error(`reason mentioning ${API_KEY}`))
    assertClean(await caught(client.acs.credentials.get(GET_PARAMS, { signal: early.signal })), SeamAbortError)
    server.script(GET, [seamError(429, 'rate_limited', 'Too many requests', {}, { 'retry-after': '1' })])
    const late = new AbortController()
    const call = client.acs.credentials.get(GET_PARAMS, { signal: late.signal })
    setTimeout(() => late.abort(), 200)
    assertClean(await caught(call), SeamAbortError)
  })
})

test('a client made with a publishable key: the server-issued session token never leaks', async () => {
  await capturingOutput(async () => {
    server.reset()
    server.script('/client_sessions/get_or_create', [
      {
        status: 200,
        body: {
          client_session: {
            client_session_id: IDS.userIdentity,
            token: SERVER_CST,
            user_identifier_key: 'user-1',
            created_at: '2025-01-01T00:00:00.000Z',
            workspace_id: IDS.workspace,
            connected_account_ids: [],
            connect_webview_ids: [],
            user_identity_ids: [],
            device_count: 0,
          },
          ok: true,
        },
      },
    ])
    const client = await SeamClient.fromPublishableKey(PK, 'user-1', { endpoint: server.url, timeoutMs: 3_000 })
    assert.equal(client.authMode, 'client_session')
    assert.equal(server.of('/client_sessions/get_or_create')[0].headers['seam-publishable-key'], PK)
    for (const text of [util.inspect(client, { depth: 10 }), JSON.stringify(client), String(client)]) {
      for (const secret of SECRETS) assert.ok(!text.includes(secret))
    }
    assertClean(await caught(client.acs.credentials.create(CREATE_PARAMS)), SeamNotAllowedError)
    server.script('/acs/credentials/list', [seamError(401, 'unauthorized', 'Unauthorized')])
    assertClean(await caught(client.acs.credentials.list({})), SeamUnauthorizedError)
    assert.equal(server.of('/acs/credentials/list')[0].headers['client-session-token'], SERVER_CST)
    server.script('/client_sessions/get_or_create', [{ status: 200, body: { client_session: { token: 7 }, ok: true } }])
    assertClean(await caught(SeamClient.fromPublishableKey(PK, 'user-2', { endpoint: server.url })), SeamParseError)
  })
})

test('clients themselves do not show their tokens', () => {
  const clients = [
    SeamClient.fromApiKey(API_KEY, { endpoint: server.url }),
    SeamClient.fromClientSessionToken(CST, { endpoint: server.url }),
    SeamClient.fromPersonalAccessToken(PAT, IDS.workspace, { endpoint: server.url }),
    SeamClient.fromConsoleSessionToken(CONSOLE, IDS.workspace, { endpoint: server.url }),
  ]
  for (const client of clients) {
    for (const text of [
      util.inspect(client, { depth: 10, showHidden: true }),
      JSON.stringify(client),
      String(client),
      client.endpoint,
      client.authMode,
    ]) {
      for (const secret of SECRETS) assert.ok(!text.includes(secret))
    }
    client.free()
  }
})

test('action attempts: SeamActionAttemptFailedError and SeamActionAttemptTimeoutError', async () => {
  await capturingOutput(async () => {
    server.reset()
    const ENCODE = '/acs/encoders/encode_credential'
    const POLL = '/action_attempts/get'
    const attempt = (status, error = null) => ({
      status: 200,
      body: {
        action_attempt: {
          action_attempt_id: IDS.credential,
          action_type: 'ENCODE_CREDENTIAL',
          status,
          result: null,
          error,
        },
        ok: true,
      },
    })
    const params = { acs_encoder_id: IDS.user, acs_credential_id: IDS.credential }
    const wait = { waitForActionAttempt: { timeoutMs: 200, pollingIntervalMs: 20 } }
    server.script(ENCODE, [attempt('pending'), attempt('pending')])
    server.script(POLL, [attempt('error', { type: 'no_credential_on_encoder', message: 'No card.' })])
    const failed = assertClean(
      await caught(apiClient().acs.encoders.encodeCredential(params, wait)),
      SeamActionAttemptFailedError,
    )
    assert.equal(failed.code, 'no_credential_on_encoder')
    server.handle(POLL, attempt('pending'))
    const timedOut = assertClean(
      await caught(apiClient().acs.encoders.encodeCredential(params, wait)),
      SeamActionAttemptTimeoutError,
    )
    assert.equal(timedOut.actionAttempt.status, 'pending')
  })
})

test('every error class was triggered', () => {
  for (const name of [
    'SeamValidationError',
    'SeamNotAllowedError',
    'SeamInvalidTokenError',
    'SeamInvalidEndpointError',
    'SeamUnauthorizedError',
    'SeamInvalidInputError',
    'SeamApiError',
    'SeamParseError',
    'SeamNetworkError',
    'SeamTimeoutError',
    'SeamActionAttemptFailedError',
    'SeamActionAttemptTimeoutError',
    'SeamAbortError',
  ]) {
    assert.ok(seen.classes.has(name), `${name} was not triggered`)
  }
})

// ---------------------------------------------------------------- plain http:// only to loopback

const NOT_LOOPBACK = [
  'http://example.com',
  'http://example.com:80/',
  'http://192.168.1.10:8080',
  'http://10.0.0.5',
  'http://169.254.169.254',
  'http://0.0.0.0:8080',
  'http://localhost.example.com',
  'http://127.0.0.1.nip.io:8080',
  'http://[::ffff:c0a8:010a]:8080',
  'HTTP://EXAMPLE.COM',
  // WHATWG URL parsing (fetch's) treats "\" as "/" in http(s) URLs: the host is example.com.
  'http://example.com\\.localhost',
  'http://example.com\\x.localhost:8080',
]

test('an API key (or any token) over plain http:// to a host that is not loopback is refused at construction', async () => {
  // No traffic may leave for these hosts, even if a check were missing: fetch is stubbed.
  const realFetch = globalThis.fetch
  const attempted = []
  globalThis.fetch = async (input) => {
    attempted.push(typeof input === 'string' ? input : input.url)
    throw new TypeError('stubbed fetch: no traffic to non-loopback hosts in tests')
  }
  const accepted = []
  try {
    await capturingOutput(async () => {
      for (const endpoint of NOT_LOOPBACK) {
        const makers = {
          apiKey: () => SeamClient.fromApiKey(API_KEY, { endpoint }),
          clientSession: () => SeamClient.fromClientSessionToken(CST, { endpoint }),
          pat: () => SeamClient.fromPersonalAccessToken(PAT, IDS.workspace, { endpoint }),
          console: () => SeamClient.fromConsoleSessionToken(CONSOLE, IDS.workspace, { endpoint }),
        }
        for (const [kind, make] of Object.entries(makers)) {
          let client
          let error
          try {
            client = make()
          } catch (e) {
            error = e
          }
          if (client) {
            // Demonstrate where the token would have gone (to the stub, never the network).
            await client.acs.credentials.list({}, { timeoutMs: 1_000 }).catch(() => {})
            const target = attempted.at(-1)
            accepted.push(
              `${kind} ${JSON.stringify(endpoint)} accepted; a call sends the token to host ${target ? new URL(target).host : '?'} (${target})`,
            )
            client.free()
            continue
          }
          assertClean(error, SeamInvalidEndpointError)
          assert.match(error.message, /plain http:\/\/|https:\/\//, `a clear message: ${error.message}`)
        }
        const pk = await caught(SeamClient.fromPublishableKey(PK, 'user-1', { endpoint }))
        if (!(pk instanceof SeamInvalidEndpointError))
          accepted.push(`publishable key ${JSON.stringify(endpoint)}: ${pk?.name}`)
      }
    })
  } finally {
    globalThis.fetch = realFetch
  }
  assert.deepEqual(accepted, [], `tokens would be sent in clear text:\n${accepted.join('\n')}`)
  assert.deepEqual(attempted, [])
})

test('the refusal message is clear', () => {
  const error = assertClean(
    caughtSync(() => SeamClient.fromApiKey(API_KEY, { endpoint: 'http://192.168.1.10:8080' })),
    SeamInvalidEndpointError,
  )
  assert.match(error.message, /plain http:\/\//)
  assert.match(error.message, /192\.168\.1\.10/)
  assert.match(error.message, /https:\/\//)
  assert.match(error.message, /localhost/)
})

function caughtSync(fn) {
  try {
    fn()
  } catch (error) {
    return error
  }
  assert.fail('expected a throw')
}

test('http:// to loopback (127.0.0.1, localhost) and https:// anywhere are accepted; loopback calls work', async () => {
  server.reset()
  server.handle(GET, ok.credential(credential(9)))
  for (const endpoint of [
    `http://127.0.0.1:${server.port}`,
    `http://localhost:${server.port}`,
    `http://127.0.0.1:${server.port}/`,
  ]) {
    const client = SeamClient.fromApiKey(API_KEY, { endpoint, timeoutMs: 3_000 })
    assert.equal(client.endpoint, endpoint.replace(/\/$/, ''))
    const got = await client.acs.credentials.get(GET_PARAMS)
    assert.equal(got.acs_credential_id, credential(9).acs_credential_id)
    client.free()
  }
  assert.equal(server.count(GET), 3)
  for (const endpoint of [
    'http://[::1]:9',
    'http://127.8.9.10:9',
    'https://example.com',
    'https://connect.getseam.com/',
  ]) {
    const client = SeamClient.fromApiKey(API_KEY, { endpoint }) // constructed only: no call
    assert.ok(client.endpoint.startsWith(endpoint.split(':')[0]))
    client.free()
  }
  const session = SeamClient.fromClientSessionToken(CST, { endpoint: `http://localhost:${server.port}` })
  assert.equal(session.authMode, 'client_session')
  session.free()
})
