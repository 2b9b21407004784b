// The local Seam server's rate limit and faults (limits.mjs), on a clock the test moves.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { assertError, seamApi } from './api-client.mjs'
import { createLimits } from './limits.mjs'
import { startFakeSeam } from './server.mjs'

describe('limits', () => {
  it('is off by default: every request goes through and none is reset', () => {
    const limits = createLimits({ now: () => 0 })
    for (let i = 0; i < 1_000; i++) {
      assert.equal(limits.before(), null)
      assert.equal(limits.resetAfter(), false)
    }
    assert.deepEqual(limits.counts, { rateLimited: 0, unavailable: 0, reset: 0 })
  })

  it('a token bucket: a burst, then the rate, then 429 with Retry-After in whole seconds', () => {
    let clock = 0
    const limits = createLimits({ rate: 50, burst: 100, now: () => clock })
    const admitted = () => Array.from({ length: 200 }, () => limits.before()).filter((answer) => answer === null).length
    assert.equal(admitted(), 100, 'the burst')
    const refused = limits.before()
    assert.deepEqual(refused, { status: 429, error: refused.error, retryAfter: 1 })
    assert.equal(refused.error.type, 'rate_limit_exceeded')
    clock += 1_000
    assert.equal(admitted(), 50, 'one second at 50 a second')
    clock += 10_000
    assert.equal(admitted(), 100, 'never more than the burst')
    assert.equal(limits.counts.rateLimited, 101 + 150 + 100)
  })

  it('faults: about the asked share, the same sequence for the same seed', () => {
    const run = () => {
      const limits = createLimits({ resetPerMille: 10, unavailablePerMille: 10, seed: 7, now: () => 0 })
      const events = []
      for (let i = 0; i < 20_000; i++) {
        const answer = limits.before()
        events.push(answer ? answer.status : limits.resetAfter() ? 'reset' : 200)
      }
      return { events, counts: { ...limits.counts } }
    }
    const first = run()
    assert.deepEqual(run(), first)
    assert.ok(first.counts.unavailable > 120 && first.counts.unavailable < 280, `${first.counts.unavailable} 503s`)
    assert.ok(first.counts.reset > 120 && first.counts.reset < 280, `${first.counts.reset} resets`)
    assert.throws(() => createLimits({ rate: -1 }), /rate must be a number/)
  })
})

describe('the local Seam server with limits', () => {
  it("answers 429 with Retry-After past the bucket, in Seam's error format", async () => {
    const server = await startFakeSeam({ limits: { rate: 1, burst: 3 } })
    try {
      const api = seamApi(server)
      const statuses = []
      for (let i = 0; i < 4; i++) statuses.push((await api('/acs/credentials/list', { body: {} })).status)
      assert.deepEqual(statuses, [200, 200, 200, 429])
      const refused = await api('/acs/systems/list', { body: {} })
      assertError(refused, 429, 'rate_limit_exceeded')
      assert.equal(refused.headers.get('retry-after'), '1')
      assert.equal(server.limits.counts.rateLimited, 2)
    } finally {
      await server.close()
    }
  })

  it('faults: a reset comes after the work is done, a 503 before', async () => {
    const server = await startFakeSeam()
    try {
      const api = seamApi(server)
      const count = async () => (await api('/acs/credentials/list', { body: {} })).json.acs_credentials.length
      const create = () =>
        api('/acs/credentials/create', {
          body: { acs_user_id: server.seed.acs_user_ids[0], access_method: 'code', code: '482913' },
        })
      const before = await count()
      server.limits.configure({ resetPerMille: 1000 })
      await assert.rejects(create(), /fetch failed/)
      server.limits.configure({ unavailablePerMille: 1000 })
      assertError(await create(), 503, 'service_unavailable')
      server.limits.configure({})
      assert.equal(await count(), before + 1, 'the reset create was made, the 503 one was not')
      assert.deepEqual(server.limits.counts, { rateLimited: 0, unavailable: 1, reset: 1 })
    } finally {
      await server.close()
    }
  })
})
