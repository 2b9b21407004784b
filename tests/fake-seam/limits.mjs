// The local Seam server's rate limit and faults, for bulk runs to meet what the real API
// does under load (both off unless asked for):
//   - a token bucket: `rate` requests a second with bursts of `burst`; past it, 429 with a
//     `Retry-After` in whole seconds, as Seam answers;
//   - faults: `resetPerMille` of the requests it processes get their connection reset
//     instead of an answer (the work is done, the client never hears of it), and
//     `unavailablePerMille` of the others get a 503 before anything is done.
// Faults are drawn from a seeded PRNG, so a run is repeatable.

import { prng } from './prng.mjs'

export const RATE_LIMITED = Object.freeze({ type: 'rate_limit_exceeded', message: 'Too many requests, slow down' })
export const UNAVAILABLE = Object.freeze({
  type: 'service_unavailable',
  message: 'The service is temporarily unavailable',
})

/**
 * @param {{ rate?: number, burst?: number, resetPerMille?: number, unavailablePerMille?: number,
 *   seed?: number, now?: () => number }} options  rate 0 = no limit; now: milliseconds
 */
export function createLimits(options = {}) {
  const now = options.now ?? (() => performance.now())
  let settings
  let tokens
  let refilledAt
  let random
  const counts = { rateLimited: 0, unavailable: 0, reset: 0 }

  function configure({ rate = 0, burst = rate * 2, resetPerMille = 0, unavailablePerMille = 0, seed = 1 } = {}) {
    for (const [name, value] of Object.entries({ rate, burst, resetPerMille, unavailablePerMille })) {
      if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a number ≥ 0`)
    }
    settings = { rate, burst: Math.max(burst, 1), resetPerMille, unavailablePerMille }
    tokens = settings.burst
    refilledAt = now()
    random = prng(seed)
  }
  configure(options)

  return {
    configure,
    counts,
    get settings() {
      return { ...settings }
    },

    /**
     * What to do with a request before it is processed: `null` to go on, or the answer to
     * give instead, `{ status, error, retryAfter? }` (429 from the bucket, or a 503 fault).
     */
    before() {
      if (settings.rate > 0) {
        const at = now()
        tokens = Math.min(settings.burst, tokens + ((at - refilledAt) * settings.rate) / 1000)
        refilledAt = at
        if (tokens < 1) {
          counts.rateLimited++
          return { status: 429, error: RATE_LIMITED, retryAfter: Math.max(1, Math.ceil((1 - tokens) / settings.rate)) }
        }
        tokens -= 1
      }
      if (random() * 1000 < settings.unavailablePerMille) {
        counts.unavailable++
        return { status: 503, error: UNAVAILABLE }
      }
      return null
    },

    /** Whether the connection of a processed request is to be reset instead of answered. */
    resetAfter() {
      const reset = random() * 1000 < settings.resetPerMille
      if (reset) counts.reset++
      return reset
    },
  }
}
