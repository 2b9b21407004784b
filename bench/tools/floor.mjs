// Diagnostic (not part of run.sh): the transport floor under the per-call figures. Times
// 1,000 (or argv[2]) sequential `get`s with ours, the official client, and plain fetch in the forms a
// client could use, side by side against the bench server.
//   node --expose-gc bench/tools/floor.mjs [calls]
import { fork } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { SeamHttp } from '@seamapi/http/connect'
import { SeamClient } from 'seam-acs-wasm'

import { API_KEY } from '../lib/fixtures.mjs'
import { median, ratios, summary } from '../lib/stats.mjs'

const dir = dirname(fileURLToPath(import.meta.url))
const server = fork(join(dir, '..', 'lib', 'server.mjs'), [], { execArgv: [] })
const { port, ids } = await new Promise((resolve) => server.once('message', resolve))
const endpoint = `http://127.0.0.1:${port}`
setTimeout(() => {
  console.error('stopped: 120 s time limit')
  process.exit(3)
}, 120_000).unref()

const ours = SeamClient.fromApiKey(API_KEY, { endpoint })
const official = SeamHttp.fromApiKey(API_KEY, { endpoint })
const oursCreds = ours.acs.credentials
const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }
const N = Number(process.argv[2] ?? 1000)

const variants = {
  ours: (id) => ours.acs.credentials.get({ acs_credential_id: id }),
  'ours (namespace kept)': (id) => oursCreds.get({ acs_credential_id: id }),
  official: (id) => official.acs.credentials.get({ acs_credential_id: id }),
  'fetch POST url,init': async (id) => {
    const r = await fetch(`${endpoint}/acs/credentials/get`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ acs_credential_id: id }),
    })
    return JSON.parse(await r.text()).acs_credential
  },
  'fetch POST url,init+signal+timer': async (id) => {
    const c = new AbortController()
    const t = setTimeout(() => c.abort(), 30000)
    const r = await fetch(`${endpoint}/acs/credentials/get`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ acs_credential_id: id }),
      signal: c.signal,
    })
    const v = JSON.parse(await r.text()).acs_credential
    clearTimeout(t)
    return v
  },
  'fetch POST new Request+signal': async (id) => {
    const c = new AbortController()
    const req = new Request(`${endpoint}/acs/credentials/get`, {
      method: 'POST',
      headers: new Headers(headers),
      body: JSON.stringify({ acs_credential_id: id }),
      signal: c.signal,
    })
    const r = await fetch(req)
    return JSON.parse(await r.text()).acs_credential
  },
  'fetch GET query': async (id) => {
    const r = await fetch(`${endpoint}/acs/credentials/get?acs_credential_id=${id}`, { headers })
    return JSON.parse(await r.text()).acs_credential
  },
}
const run = (fn) => async () => {
  for (let i = 0; i < N; i++) {
    const id = ids[i % ids.length]
    const c = await fn(id)
    if (c.acs_credential_id !== id) throw new Error('wrong answer')
  }
}
const names = Object.keys(variants)
const times = Object.fromEntries(names.map((n) => [n, []]))
for (const n of names) await run(variants[n])()
for (let r = 0; r < 5; r++) {
  const order = names.map((_, i) => names[(i + r) % names.length])
  for (const n of r % 2 ? order.reverse() : order) {
    globalThis.gc?.()
    const t0 = performance.now()
    await run(variants[n])()
    times[n].push(performance.now() - t0)
  }
}
const base = times['fetch POST url,init']
for (const n of names) {
  const s = summary(ratios(times[n], base))
  console.log(
    `${n.padEnd(34)} ${((median(times[n]) / N) * 1000).toFixed(0).padStart(5)} µs/call  vs fetch POST: ${s.median.toFixed(2)} [${s.min.toFixed(2)}–${s.max.toFixed(2)}]`,
  )
}
server.kill()
process.exit(0)
