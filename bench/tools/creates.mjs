// Per-call cost of a POST with a JSON body: `acs.credentials.create`, side by side for one or
// more builds of the package in one process (rounds alternate their order; medians of per-round
// ratios to the first). Three rows:
//   - "stub fetch": `fetch` replaced by a function answering a fixed credential at once, so
//     the time is the client's own (validation, the body, the answer's check) plus `Response`;
//   - "stub fetch, large body": the same with 2,000 entrance ids (a body of about 80 KB);
//   - "fake-seam": the local Seam server (tests/fake-seam, in this process), a real round trip.
//
//   node bench/tools/creates.mjs [PACKAGE_DIR ...]   (default: the package linked into tests/)
// e.g. `cp -r crates/wasm/pkg /tmp/pkg-before`, change and rebuild, then
//      `node bench/tools/creates.mjs /tmp/pkg-before crates/wasm/pkg`.
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { startFakeSeam } from '../../tests/fake-seam/server.mjs'
import { median, ratios } from '../lib/stats.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const dirs = process.argv.slice(2)
const packages = (dirs.length ? dirs : [path.join(here, '../../tests/node_modules/seam-acs-wasm')]).map((dir) => ({
  name: dir,
  lib: createRequire(import.meta.url)(path.resolve(dir, 'node.cjs')),
}))
const CALLS = { stub: 2_000, large: 200, fake: 300 }
const ROUNDS = 11
const WARMUP = 2
const DAY = 86_400_000

/** Create parameters as a console sends them: a `Date`, an ISO string and an `undefined`. */
const params = (user, entrances) => ({
  acs_user_id: user,
  access_method: 'code',
  code: undefined,
  starts_at: new Date(Date.now() + DAY),
  ends_at: new Date(Date.now() + 30 * DAY).toISOString(),
  allowed_acs_entrance_ids: entrances,
})

/** Microseconds per call of `calls` sequential creates. */
async function time(seam, calls, make) {
  const start = process.hrtime.bigint()
  for (let i = 0; i < calls; i++) await seam.acs.credentials.create(make())
  return Number(process.hrtime.bigint() - start) / 1e3 / calls
}

async function row(label, calls, client, make) {
  const times = packages.map(() => [])
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const order = packages.map((_, i) => i)
    if (round % 2) order.reverse()
    for (const i of order) {
      const us = await time(client(packages[i].lib), calls, make)
      if (round >= WARMUP) times[i].push(us)
    }
  }
  console.log(`${label}: ${calls} sequential creates × ${ROUNDS} rounds, µs per call (median) and ratio to the first`)
  packages.forEach((p, i) => {
    const ratio = median(ratios(times[i], times[0]))
    console.log(`  ${median(times[i]).toFixed(1).padStart(8)} µs  ×${ratio.toFixed(3)}  ${p.name}`)
  })
}

const fake = await startFakeSeam()
const clients = new Map()
try {
  const { seed, url: endpoint } = fake
  const user = seed.acs_user_ids[6]
  const doors = seed.acs_entrance_ids.slice(5, 7)
  const client = (endpoint) => (lib) => {
    const key = `${endpoint}|${packages.findIndex((p) => p.lib === lib)}`
    if (!clients.has(key)) clients.set(key, lib.SeamClient.fromApiKey(seed.api_key, { endpoint, maxRetries: 0 }))
    return clients.get(key)
  }

  // One real create gives the answer the stub repeats.
  const answer = JSON.stringify({
    acs_credential: await client(endpoint)(packages[0].lib).acs.credentials.create(params(user, doors)),
    ok: true,
  })
  const realFetch = globalThis.fetch
  let sent = 0
  globalThis.fetch = async (_url, init) => {
    sent += init.body.length
    return new Response(answer, { status: 200, headers: { 'content-type': 'application/json' } })
  }
  await row('stub fetch', CALLS.stub, client('http://127.0.0.1:9'), () => params(user, doors))
  const many = Array.from({ length: 2_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)
  await row('stub fetch, large body', CALLS.large, client('http://127.0.0.1:9'), () => params(user, many))
  globalThis.fetch = realFetch
  if (sent === 0) throw new Error('no body was sent')

  fake.requests.reset()
  await row('fake-seam', CALLS.fake, client(endpoint), () => params(user, doors))
  const last = fake.requests.at(-1)
  if (last.status !== 200 || last.body.code !== undefined)
    throw new Error(`unexpected request: ${JSON.stringify(last)}`)
} finally {
  for (const c of clients.values()) c.free()
  await fake.close()
}
