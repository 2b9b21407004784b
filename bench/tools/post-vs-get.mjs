// Diagnostic (not part of run.sh): why a POST with a small JSON body costs more than a GET
// on Node's fetch against node:http, and what `new Request` and an AbortController per
// call add (what gloo-net does). Same-process server, plain clients only.
//   node bench/tools/post-vs-get.mjs
import http from 'node:http'
const body = Buffer.from('{"acs_credential":{"acs_credential_id":"x"},"ok":true}')
const server = http.createServer((req, res) => {
  const reply = () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length })
    res.end(body)
  }
  if (req.method === 'POST' && req.url !== '/noread') {
    req.resume()
    req.on('end', reply)
  } else reply()
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${server.address().port}`
setTimeout(() => {
  console.error('stopped: 60 s time limit')
  process.exit(3)
}, 60_000).unref()
const agent = new http.Agent({ keepAlive: true })
const nodeReq = (method, path, payload) =>
  new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
      },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve(Buffer.concat(chunks).toString()))
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
const payload = '{"acs_credential_id":"5b6d2a8e-0c1f-4a3b-9d2e-7f8a9b0c1d2e"}'
const variants = {
  'fetch GET': () => fetch(`${base}/get?acs_credential_id=x`).then((r) => r.text()),
  'fetch POST (server reads body)': () =>
    fetch(`${base}/get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload }).then((r) =>
      r.text(),
    ),
  'fetch POST (server ignores body)': () =>
    fetch(`${base}/noread`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload }).then(
      (r) => r.text(),
    ),
  'fetch POST Uint8Array body': () =>
    fetch(`${base}/get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new TextEncoder().encode(payload),
    }).then((r) => r.text()),
  'fetch POST + AbortController': () => {
    const c = new AbortController()
    return fetch(`${base}/get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: payload,
      signal: c.signal,
    }).then((r) => r.text())
  },
  'fetch(new Request(POST))': () =>
    fetch(
      new Request(`${base}/get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload }),
    ).then((r) => r.text()),
  'fetch(new Request(POST, signal))': () => {
    const c = new AbortController()
    return fetch(
      new Request(`${base}/get`, {
        method: 'POST',
        headers: new Headers({ 'content-type': 'application/json' }),
        body: payload,
        signal: c.signal,
      }),
    ).then((r) => r.text())
  },
  'http.request GET': () => nodeReq('GET', '/get?x', null),
  'http.request POST': () => nodeReq('POST', '/get', payload),
}
const N = 2000
for (const [name, fn] of Object.entries(variants)) for (let i = 0; i < 300; i++) await fn()
const t = Object.fromEntries(Object.keys(variants).map((k) => [k, []]))
for (let r = 0; r < 5; r++)
  for (const [name, fn] of Object.entries(variants)) {
    const t0 = performance.now()
    for (let i = 0; i < N; i++) await fn()
    t[name].push(((performance.now() - t0) / N) * 1000)
  }
for (const [name, v] of Object.entries(t)) {
  v.sort((a, b) => a - b)
  console.log(`${name.padEnd(34)} ${v[2].toFixed(0)} µs/call [${v[0].toFixed(0)}–${v[4].toFixed(0)}]`)
}
process.exit(0)
