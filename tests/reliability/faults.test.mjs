// What seam-acs-wasm does when the network and the server misbehave: every fault ends in
// the documented error class (or a correct result), within its time bound, without
// crashing, with the documented number of requests on the wire, and the same client
// instance keeps working afterwards.
//
//   cd tests && node --test reliability/faults.test.mjs

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { after, before, test } from 'node:test'
import { performance } from 'node:perf_hooks'

import {
  SeamAbortError,
  SeamApiError,
  SeamClient,
  SeamError,
  SeamNetworkError,
  SeamParseError,
  SeamTimeoutError,
} from 'seam-acs-wasm'

import { credential, entrance, IDS, ok, seamError, startFaultServer, uuid } from './fault-server.mjs'

const API_KEY = 'seam_testkey_faults_000000000000'
const CREATE = '/acs/credentials/create'
const GET = '/acs/credentials/get'
const LIST = '/acs/credentials/list'
const DELETE = '/acs/credentials/delete'
const ENTRANCES = '/acs/entrances/list'
const CREATE_PARAMS = { acs_user_id: IDS.user, access_method: 'code', code: '824759', ends_at: '2035-01-01T00:00:00Z' }
const GET_PARAMS = { acs_credential_id: IDS.credential }
const HTML_502 =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n'

let server
let client // one client for the whole file: after every fault it must still work
const tally = { tried: 0, survived: 0, failed: [] }
const timings = {}
// A wasm trap surfaces as an uncaught RuntimeError, not as a rejection: record them all.
const uncaught = []
const onUncaught = (error) => uncaught.push(error)

before(async () => {
  process.on('uncaughtException', onUncaught)
  server = await startFaultServer()
  client = SeamClient.fromApiKey(API_KEY, { endpoint: server.url, timeoutMs: 10_000 })
})

after(async () => {
  process.off('uncaughtException', onUncaught)
  await server?.close()
  const line =
    `[reliability/faults] faults tried: ${tally.tried}, survived: ${tally.survived}` +
    (tally.failed.length ? `, NOT survived: ${tally.failed.join('; ')}` : '')
  console.log(line)
  console.log(`[reliability/faults] timings (ms): ${JSON.stringify(timings)}`)
})

/** A fault scenario: counted as tried, and as survived only if every assertion held. */
function fault(name, fn, { timeout = 20_000 } = {}) {
  test(name, { timeout }, async () => {
    tally.tried++
    server.reset()
    const trapsBefore = uncaught.length
    try {
      await fn()
      assert.equal(
        uncaught.length,
        trapsBefore,
        `uncaught exceptions during the call: ${uncaught.slice(trapsBefore).map(String)}`,
      )
      tally.survived++
    } catch (error) {
      tally.failed.push(name)
      throw error
    } finally {
      server.reset()
    }
  })
}

/** Settles `promise` or gives up after `ms`: `{ status: 'fulfilled'|'rejected'|'pending', value|error, ms }`. */
async function settle(promise, ms = 5_000) {
  const start = performance.now()
  let timer
  const pending = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ status: 'pending' }), ms)
  })
  const outcome = await Promise.race([
    promise.then(
      (value) => ({ status: 'fulfilled', value }),
      (error) => ({ status: 'rejected', error }),
    ),
    pending,
  ])
  clearTimeout(timer)
  return { ...outcome, ms: performance.now() - start }
}

async function rejects(promise, Class, ms) {
  const outcome = await settle(promise, ms)
  assert.equal(
    outcome.status,
    'rejected',
    `expected a ${Class.name}, got ${outcome.status} ${JSON.stringify(outcome.value)?.slice(0, 200)}`,
  )
  assert.ok(
    outcome.error instanceof Class,
    `expected ${Class.name}, got ${outcome.error?.name}: ${outcome.error?.message}`,
  )
  assert.ok(outcome.error instanceof SeamError)
  return outcome
}

/** The client still works: a `get` answered correctly returns the credential. */
async function stillWorks(c = client) {
  server.reset()
  const expected = credential(4242)
  server.script(GET, [ok.credential(expected)])
  const got = await c.acs.credentials.get({ acs_credential_id: expected.acs_credential_id })
  assert.equal(got.acs_credential_id, expected.acs_credential_id)
  assert.equal(got.visionline_metadata.card_id, expected.visionline_metadata.card_id)
  assert.equal(server.count(GET), 1)
}

function gaps(path) {
  const times = server.of(path).map((r) => r.at)
  return times.slice(1).map((t, i) => t - times[i])
}

// ---------------------------------------------------------------- connection faults

fault('connection reset before any response on create: SeamNetworkError, exactly 1 create sent', async () => {
  server.script(CREATE, [{ reset: true }, ok.credential(credential(1))])
  const { error } = await rejects(client.acs.credentials.create(CREATE_PARAMS), SeamNetworkError)
  assert.match(error.message, /network/i)
  assert.equal(
    server.count(CREATE),
    1,
    'a create must never be re-sent after a reset (the first may have been processed)',
  )
  assert.deepEqual(server.of(CREATE)[0].json, CREATE_PARAMS)
  assert.equal(server.pending(CREATE), 1, 'the scripted success was never asked for')
  await stillWorks()
})

fault('connection reset on a read (get): retried, succeeds on the 2nd request', async () => {
  const expected = credential(7)
  server.script(GET, [{ reset: true }, ok.credential(expected)])
  const got = await client.acs.credentials.get(GET_PARAMS)
  assert.equal(got.acs_credential_id, expected.acs_credential_id)
  assert.equal(server.count(GET), 2)
})

fault('connection refused (nothing listening): SeamNetworkError, bounded retries of a read', async () => {
  const probe = await startFaultServer()
  const deadUrl = probe.url
  await probe.close()
  const dead = SeamClient.fromApiKey(API_KEY, { endpoint: deadUrl, timeoutMs: 5_000 })
  const { ms } = await rejects(dead.acs.credentials.get(GET_PARAMS), SeamNetworkError)
  assert.ok(ms < 5_000, `gave up after ${ms} ms`)
  const create = await rejects(dead.acs.credentials.create(CREATE_PARAMS), SeamNetworkError)
  assert.ok(create.ms < 1_000, `a create is not retried: ${create.ms} ms`)
  dead.free()
})

fault('no answer at all: SeamTimeoutError within timeoutMs + 1 s, not retried', async () => {
  const c = SeamClient.fromApiKey(API_KEY, { endpoint: server.url, timeoutMs: 500 })
  server.script(GET, [{ hang: true }, ok.credential(credential(1))])
  const { error, ms } = await rejects(c.acs.credentials.get(GET_PARAMS), SeamTimeoutError, 3_000)
  timings.timeoutNoAnswer = Math.round(ms)
  assert.equal(error.timeoutMs, 500)
  assert.ok(ms >= 490 && ms < 1_500, `timed out after ${ms} ms for timeoutMs 500`)
  assert.equal(server.count(GET), 1, 'a timeout bounds the whole call: no retry')
  await stillWorks(c)
})

fault('no answer to a create: SeamTimeoutError, exactly 1 create sent', async () => {
  server.script(CREATE, [{ hang: true }])
  const { ms } = await rejects(
    client.acs.credentials.create(CREATE_PARAMS, { timeoutMs: 500 }),
    SeamTimeoutError,
    3_000,
  )
  assert.ok(ms >= 490 && ms < 1_500, `${ms} ms`)
  assert.equal(server.count(CREATE), 1)
  await stillWorks()
})

fault('headers sent, then the body stalls: SeamTimeoutError within timeoutMs + 1 s', async () => {
  const c = SeamClient.fromApiKey(API_KEY, { endpoint: server.url, timeoutMs: 500 })
  server.script(GET, [{ stallBody: true, body: ok.credential(credential(1)).body }])
  const { error, ms } = await rejects(c.acs.credentials.get(GET_PARAMS), SeamTimeoutError, 3_000)
  timings.timeoutStalledBody = Math.round(ms)
  assert.equal(error.timeoutMs, 500)
  assert.ok(ms >= 490 && ms < 1_500, `timed out after ${ms} ms for timeoutMs 500`)
  assert.equal(server.count(GET), 1)
  await stillWorks(c)
})

fault('a per-call timeoutMs overrides the client one', async () => {
  server.script(GET, [{ hang: true }])
  const { error, ms } = await rejects(
    client.acs.credentials.get(GET_PARAMS, { timeoutMs: 300 }),
    SeamTimeoutError,
    3_000,
  )
  assert.equal(error.timeoutMs, 300)
  assert.ok(ms >= 290 && ms < 1_300, `${ms} ms`)
})

fault('an already-aborted signal: SeamAbortError, nothing sent', async () => {
  const controller = new AbortController()
  controller.abort()
  const { ms } = await rejects(
    client.acs.credentials.create(CREATE_PARAMS, { signal: controller.signal }),
    SeamAbortError,
  )
  assert.ok(ms < 200, `${ms} ms`)
  await rejects(client.acs.credentials.get(GET_PARAMS, { signal: controller.signal }), SeamAbortError)
  const iterator = client.acs.credentials.iterate({}, { signal: controller.signal })
  await rejects(iterator.next(), SeamAbortError)
  assert.equal(server.count(), 0, 'nothing may be sent with an aborted signal')
  await stillWorks()
})

// ---------------------------------------------------------------- retries

fault('429 with Retry-After: 1 on a create: re-sent after ≥ 1 s, succeeds, server saw 2', async () => {
  const expected = credential(429)
  server.script(CREATE, [
    seamError(429, 'rate_limited', 'Too many requests', {}, { 'retry-after': '1' }),
    ok.credential(expected),
  ])
  const start = performance.now()
  const got = await client.acs.credentials.create(CREATE_PARAMS)
  timings.retryAfter1s = Math.round(performance.now() - start)
  assert.equal(got.acs_credential_id, expected.acs_credential_id)
  assert.equal(server.count(CREATE), 2)
  const [gap] = gaps(CREATE)
  assert.ok(gap >= 1_000, `re-sent ${gap} ms after the 429`)
  assert.ok(gap < 2_500, `waited ${gap} ms for Retry-After: 1`)
  assert.deepEqual(server.of(CREATE)[1].json, CREATE_PARAMS, 'the same create is re-sent')
})

fault('429 with a Retry-After past the deadline: not waited for, SeamApiError 429 at once', async () => {
  server.script(GET, [
    seamError(429, 'rate_limited', 'Too many requests', {}, { 'retry-after': '5' }),
    ok.credential(credential(1)),
  ])
  const { error, ms } = await rejects(client.acs.credentials.get(GET_PARAMS, { timeoutMs: 1_000 }), SeamApiError)
  assert.equal(error.statusCode, 429)
  assert.equal(error.code, 'rate_limited')
  assert.ok(ms < 1_000, `${ms} ms`)
  assert.equal(server.count(GET), 1)
})

fault('503 on a read (get): retried with backoff, succeeds on the 3rd request', async () => {
  const expected = credential(503)
  server.script(GET, [
    seamError(503, 'service_unavailable', 'Service unavailable'),
    seamError(503, 'service_unavailable', 'Service unavailable'),
    ok.credential(expected),
  ])
  const got = await client.acs.credentials.get(GET_PARAMS)
  assert.equal(got.acs_credential_id, expected.acs_credential_id)
  assert.equal(server.count(GET), 3)
  const [first, second] = gaps(GET)
  timings.backoffGaps = [Math.round(first), Math.round(second)]
  // base 200 ms, doubling, "equal jitter": [100, 200) then [200, 400)
  assert.ok(first >= 100 && first < 1_000, `first backoff ${first} ms`)
  assert.ok(second >= 200 && second < 1_500, `second backoff ${second} ms`)
})

fault('503 on a read (get): succeeds on the 2nd request', async () => {
  server.script(GET, [seamError(503, 'service_unavailable', 'Service unavailable'), ok.credential(credential(2))])
  const got = await client.acs.credentials.get(GET_PARAMS)
  assert.equal(got.acs_credential_id, credential(2).acs_credential_id)
  assert.equal(server.count(GET), 2)
})

fault('503 on every attempt of a read: SeamApiError 503 after 1 + maxRetries (2) requests', async () => {
  server.handle(GET, seamError(503, 'service_unavailable', 'Service unavailable'))
  const { error } = await rejects(client.acs.credentials.get(GET_PARAMS), SeamApiError)
  assert.equal(error.statusCode, 503)
  assert.equal(server.count(GET), 3)
})

fault('503 (Seam JSON) on a create: not retried, SeamApiError statusCode 503, server saw 1', async () => {
  server.script(CREATE, [seamError(503, 'service_unavailable', 'Service unavailable'), ok.credential(credential(1))])
  const { error } = await rejects(client.acs.credentials.create(CREATE_PARAMS), SeamApiError)
  assert.equal(error.statusCode, 503)
  assert.equal(error.code, 'service_unavailable')
  assert.equal(error.requestId, 'req_fault_test')
  assert.equal(server.count(CREATE), 1)
  await stillWorks()
})

fault('503 (HTML) on a create: not retried, SeamParseError statusCode 503, server saw 1', async () => {
  server.script(CREATE, [
    { status: 503, headers: { 'content-type': 'text/html' }, body: '<html><body>Service Unavailable</body></html>' },
  ])
  const { error } = await rejects(client.acs.credentials.create(CREATE_PARAMS), SeamParseError)
  assert.equal(error.statusCode, 503)
  assert.equal(server.count(CREATE), 1)
  await stillWorks()
})

fault('502 / 504 on mutations (delete, update): never re-sent', async () => {
  server.script(DELETE, [{ status: 502, headers: { 'content-type': 'text/html' }, body: HTML_502 }])
  const del = await rejects(client.acs.credentials.delete(GET_PARAMS), SeamParseError)
  assert.equal(del.error.statusCode, 502)
  assert.equal(server.count(DELETE), 1)
  server.script('/acs/credentials/update', [seamError(504, 'gateway_timeout', 'Gateway timeout')])
  const upd = await rejects(client.acs.credentials.update({ ...GET_PARAMS, code: '1234' }), SeamApiError)
  assert.equal(upd.error.statusCode, 504)
  assert.equal(server.count('/acs/credentials/update'), 1)
})

fault('maxRetries: 0: a 503 read and a reset read are not retried', async () => {
  const c = SeamClient.fromApiKey(API_KEY, { endpoint: server.url, maxRetries: 0 })
  server.script(GET, [seamError(503, 'service_unavailable', 'Service unavailable'), ok.credential(credential(1))])
  const { error } = await rejects(c.acs.credentials.get(GET_PARAMS), SeamApiError)
  assert.equal(error.statusCode, 503)
  assert.equal(server.count(GET), 1)
  server.reset()
  server.script(GET, [{ reset: true }, ok.credential(credential(1))])
  await rejects(c.acs.credentials.get(GET_PARAMS), SeamNetworkError)
  assert.equal(server.count(GET), 1)
  server.reset()
  server.script(CREATE, [
    seamError(429, 'rate_limited', 'Too many requests', {}, { 'retry-after': '0' }),
    ok.credential(credential(1)),
  ])
  await rejects(c.acs.credentials.create(CREATE_PARAMS), SeamApiError)
  assert.equal(server.count(CREATE), 1)
  await stillWorks(c)
  c.free()
})

// ---------------------------------------------------------------- unreadable answers

fault('HTML 502 page on a read: retried, then SeamParseError statusCode 502; the client works after', async () => {
  server.handle(GET, { status: 502, headers: { 'content-type': 'text/html' }, body: HTML_502 })
  const { error } = await rejects(client.acs.credentials.get(GET_PARAMS), SeamParseError)
  assert.equal(error.statusCode, 502)
  assert.equal(error.path, '')
  assert.match(error.message, /502/)
  assert.equal(server.count(GET), 3)
  await stillWorks()
})

fault('HTML 502 page on a create: SeamParseError statusCode 502, 1 create; the client works after', async () => {
  server.script(CREATE, [{ status: 502, headers: { 'content-type': 'text/html' }, body: HTML_502 }])
  const { error } = await rejects(client.acs.credentials.create(CREATE_PARAMS), SeamParseError)
  assert.equal(error.statusCode, 502)
  assert.equal(server.count(CREATE), 1)
  await stillWorks()
})

fault('truncated JSON (200): SeamParseError statusCode 200; the client works after', async () => {
  const full = JSON.stringify(ok.credential(credential(1)).body)
  server.script(GET, [{ status: 200, body: full.slice(0, Math.floor(full.length / 2)) }])
  const { error } = await rejects(client.acs.credentials.get(GET_PARAMS), SeamParseError)
  assert.equal(error.statusCode, 200)
  assert.equal(error.path, '')
  assert.match(error.message, /not JSON/)
  assert.equal(server.count(GET), 1, 'a 200 is not retried')
  await stillWorks()
})

fault('truncated JSON in a list: SeamParseError; the client works after', async () => {
  const full = JSON.stringify(ok.page([credential(1), credential(2), credential(3)]).body)
  server.script(LIST, [{ status: 200, body: full.slice(0, full.length - 40) }])
  const { error } = await rejects(client.acs.credentials.list({}), SeamParseError)
  assert.equal(error.statusCode, 200)
  await stillWorks()
})

fault('wrong shape {"acs_credential": 7}: SeamParseError at path acs_credential; the client works after', async () => {
  server.script(GET, [{ status: 200, body: { acs_credential: 7, ok: true } }])
  const { error } = await rejects(client.acs.credentials.get(GET_PARAMS), SeamParseError)
  assert.equal(error.statusCode, 200)
  assert.equal(error.path, 'acs_credential')
  await stillWorks()
})

fault('wrong shape: result key missing: SeamParseError at path acs_credential', async () => {
  server.script(GET, [{ status: 200, body: { ok: true } }])
  const { error } = await rejects(client.acs.credentials.get(GET_PARAMS), SeamParseError)
  assert.equal(error.path, 'acs_credential')
  await stillWorks()
})

fault('wrong shape: a list item missing its id: SeamParseError at acs_credentials[1].acs_credential_id', async () => {
  const { acs_credential_id: _, ...noId } = credential(2)
  server.script(LIST, [ok.page([credential(1), noId, credential(3)])])
  const { error } = await rejects(client.acs.credentials.list({}), SeamParseError)
  assert.equal(error.path, 'acs_credentials[1].acs_credential_id')
  assert.equal(error.statusCode, 200)
  await stillWorks()
})

fault('wrong shape, strict: a nested property of the wrong type: SeamParseError naming it', async () => {
  const strict = SeamClient.fromApiKey(API_KEY, { endpoint: server.url, answers: 'strict' })
  server.script(GET, [ok.credential(credential(1, { is_managed: 'yes' }))])
  const a = await rejects(strict.acs.credentials.get(GET_PARAMS), SeamParseError)
  assert.equal(a.error.path, 'acs_credential.is_managed')
  const bad = credential(2)
  bad.visionline_metadata.common_acs_entrance_ids = [IDS.entrance, 17]
  server.script(LIST, [ok.page([credential(1), bad])])
  const b = await rejects(strict.acs.credentials.list({}), SeamParseError)
  assert.equal(b.error.path, 'acs_credentials[1].visionline_metadata.common_acs_entrance_ids[1]')
  strict.free()
  await stillWorks()
})

fault(
  'wrong shape, lenient (the default): every record kept, each issue reported; the essentials still refuse',
  async () => {
    const issues = []
    const lenient = SeamClient.fromApiKey(API_KEY, {
      endpoint: server.url,
      onAnswerIssue: (issue) => issues.push(issue),
    })
    const bad = credential(2)
    bad.visionline_metadata.common_acs_entrance_ids = [IDS.entrance, 17]
    server.script(LIST, [ok.page([credential(1), bad, credential(3, { is_managed: 'yes' })])])
    const items = await lenient.acs.credentials.list({})
    assert.deepEqual(items, [credential(1), bad, credential(3, { is_managed: 'yes' })])
    assert.deepEqual(
      issues.map(({ endpoint, path, expected, got }) => [endpoint, path, expected, got]),
      [
        [
          '/acs/credentials/list',
          'acs_credentials[1].visionline_metadata.common_acs_entrance_ids[1]',
          'a string',
          'a number',
        ],
        ['/acs/credentials/list', 'acs_credentials[2].is_managed', 'a boolean', 'a string'],
      ],
    )
    assert.ok(issues.every((issue) => typeof issue.requestId === 'string' || issue.requestId === null))
    lenient.free()
    await stillWorks()
  },
)

fault('wrong shape, either mode: pagination and the result key are essential', async () => {
  server.script(LIST, [
    {
      status: 200,
      body: {
        acs_credentials: [credential(1)],
        pagination: { has_next_page: 'yes', next_page_cursor: null },
        ok: true,
      },
    },
  ])
  const c = await rejects(client.acs.credentials.list({}), SeamParseError)
  assert.equal(c.error.path, 'pagination.has_next_page')
  server.script(LIST, [{ status: 200, body: { acs_credentials: { 0: credential(1) }, ok: true } }])
  const d = await rejects(client.acs.credentials.list({}), SeamParseError)
  assert.equal(d.error.path, 'acs_credentials')
  await stillWorks()
})

fault('empty 200 body: SeamParseError statusCode 200; the client works after', async () => {
  server.script(GET, [{ status: 200, body: '' }])
  const { error } = await rejects(client.acs.credentials.get(GET_PARAMS), SeamParseError)
  assert.equal(error.statusCode, 200)
  assert.match(error.message, /empty/)
  server.script(LIST, [{ status: 200, body: '   \n' }])
  await rejects(client.acs.credentials.list({}), SeamParseError)
  await stillWorks()
})

fault('a JSON body that is not an object (array, string, null): SeamParseError', async () => {
  for (const body of ['[]', '"ok"', 'null', '42']) {
    server.script(GET, [{ status: 200, body }])
    const { error } = await rejects(client.acs.credentials.get(GET_PARAMS), SeamParseError)
    assert.equal(error.statusCode, 200, body)
  }
  assert.equal(server.count(GET), 4)
  await stillWorks()
})

fault("an error status whose body is JSON but not Seam's format: SeamParseError at path error", async () => {
  server.script(CREATE, [{ status: 500, body: { message: 'Internal Server Error' } }])
  const { error } = await rejects(client.acs.credentials.create(CREATE_PARAMS), SeamParseError)
  assert.equal(error.statusCode, 500)
  assert.equal(error.path, 'error')
  assert.equal(server.count(CREATE), 1)
  await stillWorks()
})

// ---------------------------------------------------------------- size and pagination

fault(
  'a 20 MB list (15,000 credentials with metadata and warnings): correct result',
  async () => {
    const items = Array.from({ length: 15_000 }, (_, i) => credential(i))
    const body = Buffer.from(JSON.stringify(ok.page(items).body))
    timings.bigListMB = Math.round(body.length / 1e5) / 10
    assert.ok(body.length >= 19e6 && body.length <= 22e6, `${body.length} bytes`)
    server.script(LIST, [{ status: 200, body }])
    const start = performance.now()
    const got = await client.acs.credentials.list({ acs_system_id: IDS.system }, { timeoutMs: 30_000 })
    timings.bigList = Math.round(performance.now() - start)
    assert.equal(got.length, 15_000)
    const spot = got[12_345]
    const want = items[12_345]
    assert.equal(spot.acs_credential_id, want.acs_credential_id)
    assert.equal(spot.display_name, want.display_name)
    assert.equal(spot.card_number, want.card_number)
    assert.equal(spot.ends_at, want.ends_at)
    assert.deepEqual(spot.warnings, want.warnings)
    assert.deepEqual(spot.visionline_metadata, want.visionline_metadata)
    assert.deepEqual(spot.x_fault_test_extra, want.x_fault_test_extra, 'unknown properties are kept')
    assert.equal(got[0].acs_credential_id, items[0].acs_credential_id)
    assert.equal(got[14_999].acs_credential_id, items[14_999].acs_credential_id)
    assert.equal(got[97].errors[0].error_code, 'failed_to_issue')
    assert.equal(new Set(got.map((c) => c.acs_credential_id)).size, 15_000)
    assert.equal(server.count(LIST), 1)
    await stillWorks()
  },
  { timeout: 45_000 },
)

/** Walks `iterate()` with a hard cap, returning the items and whether the cap stopped it. */
async function walk(iterator, cap = 500) {
  const items = []
  for await (const item of iterator) {
    items.push(item)
    if (items.length >= cap) return { items, capped: true }
  }
  return { items, capped: false }
}

fault('a list that repeats its cursor: iterate() ends (bounded items and requests)', async () => {
  server.handle(LIST, (record) =>
    ok.page([credential(server.count(LIST) * 10), credential(server.count(LIST) * 10 + 1)], { cursor: 'cursor_A' }),
  )
  const { items, capped } = await walk(client.acs.credentials.iterate({ acs_system_id: IDS.system }))
  assert.equal(capped, false, 'iterate() must end by itself')
  assert.equal(server.count(LIST), 2, 'page 1, then page cursor_A which names cursor_A again: stop')
  assert.equal(items.length, 4)
  assert.equal(server.of(LIST)[1].json.page_cursor, 'cursor_A')
  assert.equal(server.of(LIST)[1].json.acs_system_id, IDS.system, 'filters are kept on later pages')
  timings.repeatedCursor = { items: items.length, requests: server.count(LIST) }
})

fault('a cursor cycle A → B → A: iterate() ends after 3 pages', async () => {
  const next = { undefined: 'A', A: 'B', B: 'A' }
  server.handle(LIST, (record) => {
    const n = server.count(LIST)
    return ok.page([credential(n * 10)], { cursor: next[record.json?.page_cursor] })
  })
  const { items, capped } = await walk(client.acs.credentials.iterate({}))
  assert.equal(capped, false)
  assert.equal(server.count(LIST), 3)
  assert.equal(items.length, 3)
})

fault('an empty page with has_next_page: true: iterate() ends', async () => {
  let n = 0
  server.handle(LIST, () => {
    n++
    return n === 1
      ? ok.page([credential(1), credential(2)], { cursor: 'p2' })
      : ok.page([], { cursor: `p${n + 1}`, hasNext: true })
  })
  const { items, capped } = await walk(client.acs.credentials.iterate({}))
  assert.equal(capped, false)
  assert.equal(items.length, 2)
  assert.equal(server.count(LIST), 2)
  timings.emptyPage = { items: items.length, requests: server.count(LIST) }
  server.reset()
  server.handle(LIST, () => ok.page([], { cursor: `x${server.count(LIST)}`, hasNext: true }))
  const first = await walk(client.acs.credentials.iterate({}))
  assert.equal(first.items.length, 0)
  assert.equal(server.count(LIST), 1)
  const page = await client.acs.credentials.listPage({})
  assert.deepEqual(page.pagination, { hasNextPage: false, nextPageCursor: null })
})

fault('has_next_page: true without a cursor (null, empty, missing pagination): iterate() ends', async () => {
  for (const pagination of [
    { has_next_page: true, next_page_cursor: null },
    { has_next_page: true, next_page_cursor: '' },
    undefined,
  ]) {
    server.reset()
    server.handle(LIST, { status: 200, body: { acs_credentials: [credential(1)], pagination, ok: true } })
    const { items, capped } = await walk(client.acs.credentials.iterate({}))
    assert.equal(capped, false)
    assert.equal(items.length, 1)
    assert.equal(server.count(LIST), 1, JSON.stringify(pagination))
  }
})

fault('entrances: a repeated cursor also ends entrances.iterate()', async () => {
  server.handle(ENTRANCES, () => ok.page([entrance(server.count(ENTRANCES))], { cursor: 'same', key: 'acs_entrances' }))
  const { items, capped } = await walk(client.acs.entrances.iterate({ acs_system_id: IDS.system }))
  assert.equal(capped, false)
  assert.equal(items.length, 2)
  assert.equal(server.count(ENTRANCES), 2)
})

fault('a fault on page 2 of iterate(): the error surfaces, and iteration stops', async () => {
  server.script(LIST, [ok.page([credential(1)], { cursor: 'p2' }), { status: 200, body: '{"acs_credentials": [' }])
  const iterator = client.acs.credentials.iterate({})
  const first = await iterator.next()
  assert.equal(first.done, false)
  assert.equal(first.value.acs_credential_id, credential(1).acs_credential_id)
  await rejects(iterator.next(), SeamParseError)
  const after = await settle(iterator.next(), 2_000)
  assert.equal(after.status, 'fulfilled')
  assert.equal(after.value.done, true)
  assert.equal(server.count(LIST), 2)
})

// ---------------------------------------------------------------- aborts

fault('abort during a retry wait: SeamAbortError at once, no further request', async () => {
  server.script(GET, [
    seamError(429, 'rate_limited', 'Too many requests', {}, { 'retry-after': '3' }),
    ok.credential(credential(1)),
  ])
  const controller = new AbortController()
  const call = client.acs.credentials.get(GET_PARAMS, { signal: controller.signal })
  await new Promise((resolve) => setTimeout(resolve, 300))
  const abortedAt = performance.now()
  controller.abort()
  const outcome = await settle(call, 2_000)
  assert.equal(outcome.status, 'rejected')
  assert.ok(outcome.error instanceof SeamAbortError, `${outcome.error?.name}`)
  const ms = performance.now() - abortedAt
  assert.ok(ms < 200, `rejected ${ms} ms after the abort`)
  assert.equal(server.count(GET), 1)
})

const HERE = fileURLToPath(new URL('.', import.meta.url))

/** Runs `script` in a child Node process (cwd tests/reliability) and times its exit after it prints DONE. */
function child(script, limitMs = 20_000) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: HERE,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    let doneAt = null
    const killer = setTimeout(() => proc.kill('SIGKILL'), limitMs)
    proc.stdout.on('data', (chunk) => {
      out += chunk
      if (doneAt === null && out.includes('DONE')) doneAt = performance.now()
    })
    proc.stderr.on('data', (chunk) => (err += chunk))
    proc.on('error', reject)
    proc.on('exit', (code, signal) => {
      clearTimeout(killer)
      resolve({ code, signal, out, err, exitAfterDoneMs: doneAt === null ? null : performance.now() - doneAt })
    })
  })
}

const CHILD_SCRIPT = (abort) => `
import { SeamClient } from 'seam-acs-wasm'
import { startFaultServer, ok, credential, seamError } from './fault-server.mjs'
const server = await startFaultServer()
server.script('/acs/credentials/get', [seamError(429, 'rate_limited', 'slow down', {}, { 'retry-after': '6' }), ok.credential(credential(1))])
const client = SeamClient.fromApiKey('seam_testkey_child', { endpoint: server.url, timeoutMs: 15000 })
const controller = new AbortController()
${abort ? 'setTimeout(() => controller.abort(), 300)' : ''}
let outcome
try { await client.acs.credentials.get({ acs_credential_id: '${IDS.credential}' }, { signal: controller.signal }); outcome = 'ok' } catch (e) { outcome = e.name }
await server.close()
console.log('DONE ' + outcome)
`

fault(
  'a call aborted during a retry wait leaves no timer behind (the Node process exits at once)',
  async () => {
    // Control: the same call, not aborted, waits out Retry-After (6 s) and then exits promptly.
    const control = await child(CHILD_SCRIPT(false))
    assert.match(control.out, /DONE ok/, control.err)
    assert.ok(control.exitAfterDoneMs < 1_500, `control exited ${control.exitAfterDoneMs} ms after DONE`)
    const aborted = await child(CHILD_SCRIPT(true))
    assert.match(aborted.out, /DONE SeamAbortError/, aborted.err)
    timings.exitAfterAbortedRetryWait = Math.round(aborted.exitAfterDoneMs)
    assert.ok(
      aborted.exitAfterDoneMs < 1_500,
      `the process stayed alive ${Math.round(aborted.exitAfterDoneMs)} ms after the aborted call finished: the retry wait's setTimeout is not cleared`,
    )
  },
  { timeout: 45_000 },
)

// Last, because an abort mid-request trapped the wasm instance in an earlier build.
fault('an AbortSignal aborted mid-request: SeamAbortError within 200 ms, no crash, client works after', async () => {
  server.script(GET, [{ hang: true }])
  const controller = new AbortController()
  const call = client.acs.credentials.get(GET_PARAMS, { signal: controller.signal, timeoutMs: 3_000 })
  await new Promise((resolve) => setTimeout(resolve, 200))
  assert.equal(server.count(GET), 1, 'the request reached the server')
  const trapsBefore = uncaught.length
  const abortedAt = performance.now()
  controller.abort()
  const outcome = await settle(call, 2_000)
  timings.abortMidRequest = outcome.status === 'pending' ? 'never settled' : Math.round(performance.now() - abortedAt)
  const traps = uncaught.slice(trapsBefore).map((e) => `${e?.name}: ${e?.message}`)
  assert.deepEqual(traps, [], 'aborting must not trap the wasm instance')
  assert.equal(outcome.status, 'rejected', `the call is still ${outcome.status} 2 s after the abort`)
  assert.ok(outcome.error instanceof SeamAbortError, `${outcome.error?.name}: ${outcome.error?.message}`)
  assert.ok(performance.now() - abortedAt < 200 + 50)
  await stillWorks()
})

fault('an AbortSignal aborted mid-create: SeamAbortError, exactly 1 create', async () => {
  server.script(CREATE, [{ hang: true }])
  const controller = new AbortController()
  const call = client.acs.credentials.create(CREATE_PARAMS, { signal: controller.signal, timeoutMs: 3_000 })
  await new Promise((resolve) => setTimeout(resolve, 200))
  const trapsBefore = uncaught.length
  controller.abort()
  const outcome = await settle(call, 2_000)
  assert.deepEqual(uncaught.slice(trapsBefore).map(String), [], 'aborting must not trap the wasm instance')
  assert.equal(outcome.status, 'rejected', `the call is still ${outcome.status} 2 s after the abort`)
  assert.ok(outcome.error instanceof SeamAbortError)
  assert.equal(server.count(CREATE), 1)
})

fault(
  'an AbortSignal aborted while the body stalls, or with a custom reason: SeamAbortError within 200 ms',
  async () => {
    for (const [phase, step, reason] of [
      ['body', { stallBody: true, body: ok.credential(credential(1)).body }, undefined],
      ['headers', { hang: true }, new Error('user navigated away')],
      ['headers', { hang: true }, 'a string reason'],
    ]) {
      server.reset()
      server.script(GET, [step])
      const controller = new AbortController()
      const call = client.acs.credentials.get(GET_PARAMS, { signal: controller.signal, timeoutMs: 3_000 })
      await new Promise((resolve) => setTimeout(resolve, 200))
      assert.equal(server.count(GET), 1)
      const trapsBefore = uncaught.length
      const abortedAt = performance.now()
      controller.abort(reason)
      const outcome = await settle(call, 2_000)
      const ms = performance.now() - abortedAt
      assert.deepEqual(uncaught.slice(trapsBefore).map(String), [], `${phase}: no trap`)
      assert.equal(outcome.status, 'rejected', `${phase}: still ${outcome.status} 2 s after the abort`)
      assert.ok(outcome.error instanceof SeamAbortError, `${phase}: ${outcome.error?.name}: ${outcome.error?.message}`)
      assert.ok(ms < 200, `${phase}: rejected ${ms} ms after the abort`)
      assert.equal(server.count(GET), 1, `${phase}: an aborted call is not retried`)
    }
    await stillWorks()
  },
)
