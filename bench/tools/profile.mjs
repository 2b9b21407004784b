// Diagnostic (not part of run.sh): a CPU profile of seam-acs-wasm doing `get`s or one big
// `list`, against the bench server (in its own process, so the profile shows only the client).
//   node --cpu-prof --cpu-prof-dir=bench/results/prof bench/tools/profile.mjs get 5000
//   node --cpu-prof --cpu-prof-dir=bench/results/prof bench/tools/profile.mjs list 10000
//   BENCH_PKG=$PWD/bench/results/named-pkg node --cpu-prof … (wasm functions by name)
//   node bench/tools/summarize-profile.mjs bench/results/prof/<file>.cpuprofile
import { fork } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { API_KEY } from '../lib/fixtures.mjs'

const [mode = 'get', countArg = '5000', lib = 'ours'] = process.argv.slice(2)
const dir = dirname(fileURLToPath(import.meta.url))
const server = fork(join(dir, '..', 'lib', 'server.mjs'), [], { execArgv: [] })
const { port, ids } = await new Promise((resolve) => server.once('message', resolve))
const endpoint = `http://127.0.0.1:${port}`
setTimeout(() => {
  console.error('stopped: 120 s time limit')
  process.exit(3)
}, 120_000).unref()
let client
// BENCH_PKG=<dir> profiles another build of the package (e.g. one that keeps its wasm name section).
const pkg = process.env.BENCH_PKG ? new URL(`file://${process.env.BENCH_PKG}/node.js`).href : 'seam-acs-wasm'
if (lib === 'ours') client = (await import(pkg)).SeamClient.fromApiKey(API_KEY, { endpoint })
else client = (await import('@seamapi/http/connect')).SeamHttp.fromApiKey(API_KEY, { endpoint })
const count = Number(countArg)
const t0 = performance.now()
if (mode === 'get') {
  for (let i = 0; i < count; i++) await client.acs.credentials.get({ acs_credential_id: ids[i % ids.length] })
} else {
  for (let i = 0; i < 8; i++) await client.acs.credentials.list({ limit: count })
}
console.log(`${lib} ${mode} ${count}: ${(performance.now() - t0).toFixed(0)} ms`)
server.kill()
