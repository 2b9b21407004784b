// The local Seam server's rate limit and faults (limits.mjs), on a clock the test moves.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { createLimits } from './limits.mjs'

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
