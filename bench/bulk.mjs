// The bulk row: N creates against the local Seam server (tests/fake-seam/) limited to R
// requests/s, side by side in one run:
//   - createMany (this package);
//   - @seamapi/http in a sequential loop;
//   - @seamapi/http under Promise.all, 16 at a time.
// A loop over the official client re-sends an item the server refused with 429 after a second
// (the server's Retry-After: the client does not retry a POST, and does not expose the header),
// as a careful user would; any other failure is left as it is. For each: wall time ÷ ideal
// (N / R seconds), 429s the server gave, and duplicates and lost items counted on the server
// afterwards (one credential per item's code is right). Each runs twice: with the rate limit
// alone, then with faults too (1 % of processed requests reset, 1 % answered 503 unprocessed).
// It prints figures; nothing is pass/fail.
//
//   bench/run.sh --bulk [N] [R]       (default 10,000 creates at 500/s: about 20 s a row, 6 rows)
//   node bench/bulk.mjs [N] [R]       (after bench/run.sh has linked bench/node_modules)

import { SeamHttp } from '@seamapi/http/connect'
import { SeamClient } from 'seam-acs-wasm'

import { startFakeSeam } from '../tests/fake-seam/server.mjs'

const [N = 10_000, R = 500] = process.argv
  .slice(2)
  .filter((arg) => /^\d+$/.test(arg))
  .map(Number)
const BURST = R // a second's worth, as a token bucket usually allows
const CONCURRENCY = 16
const idealMs = (N / R) * 1000

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** N code credentials spread over the seeded users, each with its own code. */
const itemsFor = (users) =>
  Array.from({ length: N }, (_, i) => ({
    acs_user_id: users[i % users.length],
    access_method: 'code',
    code: String(70_000_000 + i),
  }))

/** The official client's create, re-sent after a 429 (1 s, the server's Retry-After); true if created. */
async function officialCreate(seam, item) {
  for (;;) {
    try {
      await seam.acs.credentials.create(item)
      return true
    } catch (error) {
      if (error?.statusCode !== 429) return false
      await sleep(1_000)
    }
  }
}

// Each returns how many items it left unknown (only createMany knows).
const runs = {
  createMany: async (server, items) => {
    const seam = SeamClient.fromApiKey(server.seed.api_key, { endpoint: server.url })
    const report = await seam.acs.credentials.createMany(items, { concurrency: CONCURRENCY })
    return report.counts.unknown
  },
  'official, sequential': async (server, items) => {
    const seam = SeamHttp.fromApiKey(server.seed.api_key, { endpoint: server.url })
    for (const item of items) await officialCreate(seam, item)
  },
  [`official, Promise.all × ${CONCURRENCY}`]: async (server, items) => {
    const seam = SeamHttp.fromApiKey(server.seed.api_key, { endpoint: server.url })
    for (let i = 0; i < items.length; i += CONCURRENCY) {
      await Promise.all(items.slice(i, i + CONCURRENCY).map((item) => officialCreate(seam, item)))
    }
  },
}

/** Duplicates and lost items, counted on the server (its limits off while listing). */
async function count(server, items) {
  server.limits.configure({})
  const seam = SeamClient.fromApiKey(server.seed.api_key, { endpoint: server.url })
  const byCode = new Map()
  for await (const credential of seam.acs.credentials.iterate({}))
    byCode.set(credential.code, (byCode.get(credential.code) ?? 0) + 1)
  const copies = items.map((item) => byCode.get(item.code) ?? 0)
  return { duplicates: copies.filter((n) => n > 1).length, lost: copies.filter((n) => n === 0).length }
}

const FAULTS = { resetPerMille: 10, unavailablePerMille: 10, seed: 5 }
const rows = []
for (const faults of [false, true]) {
  for (const [name, run] of Object.entries(runs)) {
    const server = await startFakeSeam({ limits: { rate: R, burst: BURST, ...(faults ? FAULTS : {}) } })
    try {
      const items = itemsFor(server.seed.acs_user_ids)
      const started = performance.now()
      const unknown = await run(server, items)
      const ms = performance.now() - started
      const { rateLimited, reset, unavailable } = server.limits.counts
      rows.push({
        name,
        faults: faults ? `${reset} resets, ${unavailable} 503s` : 'none',
        ms,
        rateLimited,
        unknown,
        ...(await count(server, items)),
      })
    } finally {
      await server.close()
    }
    console.error(`bulk: ${name}${faults ? ' with faults' : ''} done in ${(rows.at(-1).ms / 1000).toFixed(1)} s`)
  }
}

console.log(
  `bulk: ${N.toLocaleString('en')} creates against the local server limited to ${R}/s (bursts of ${BURST}); ideal ${(idealMs / 1000).toFixed(1)} s`,
)
console.log('| run | faults | wall time | ÷ ideal | 429s received | duplicates | lost | left unknown |')
console.log('|---|---|---|---|---|---|---|---|')
for (const row of rows) {
  const cells = [
    row.name,
    row.faults,
    `${(row.ms / 1000).toFixed(1)} s`,
    (row.ms / idealMs).toFixed(2),
    row.rateLimited,
    row.duplicates,
    row.lost,
    row.unknown ?? '—',
  ]
  console.log(`| ${cells.join(' | ')} |`)
}
