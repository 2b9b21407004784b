// Memory over bulk runs: a console that runs createMany and deleteMany again and again must
// not grow. Six runs of 1,000 creates and 1,000 deletes each, in one process, against the
// local Seam server in a child process (so its database and request log are not counted);
// after each pair, with the reports dropped and the heap collected, the JS heap and the
// memory outside it (the wasm instances' linear memory among it) must come back to what
// they were after the second pair (the first two warm up: compiled code, caches, the bulk
// chunk loaded; a first one alone drifted up to 0.5 MB). The heap at each progress callback of one run is
// printed, not asserted (it holds the report growing as items are done).
//
// Run: node tests/link-package.mjs && cd tests && node --test integration/bulk-memory.test.mjs

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import vm from 'node:vm'

import { SeamClient } from 'seam-acs-wasm'

const N = 1_000
const RUNS = 6
const SERVER = join(dirname(fileURLToPath(import.meta.url)), '..', 'fake-seam', 'cli.mjs')
// Allowed drift of the collected heap between pairs: well under one report held by mistake
// (1,000 credentials as JS objects, about 1 MB: a report leaked each run fails the third).
const HEAP_SLACK = 512 * 1024
const WASM_PAGE = 65_536

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc')
const mb = (bytes) => `${(bytes / 1_048_576).toFixed(2)} MB`

/** Memory once everything unreachable is collected (a few passes, with turns between). */
async function collected() {
  for (let pass = 0; pass < 3; pass++) {
    gc()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return process.memoryUsage()
}

describe('bulk runs, memory', () => {
  let server
  let seam
  let seed

  before(async () => {
    server = spawn(process.execPath, [SERVER], { stdio: ['ignore', 'pipe', 'inherit'] })
    const line = await new Promise((resolve, reject) => {
      createInterface({ input: server.stdout }).once('line', resolve)
      server.once('exit', (code) => reject(new Error(`the local server exited (${code})`)))
    })
    let url
    ;({ url, seed } = JSON.parse(line))
    seam = SeamClient.fromApiKey(seed.api_key, { endpoint: url })
  })

  after(() => {
    server?.kill()
  })

  it(`${RUNS} runs of ${N} creates and deletes leave the heap and the wasm memory where the second left them`, async () => {
    const users = seed.acs_user_ids
    const after = []
    for (let run = 0; run < RUNS; run++) {
      const items = Array.from({ length: N }, (_, i) => ({
        acs_user_id: users[i % users.length],
        access_method: 'code',
        code: String(70_000_000 + run * 10_000 + i),
      }))
      const samples = []
      const created = await seam.acs.credentials.createMany(items, {
        onProgress: (p) => {
          if (run !== 1) return
          gc()
          samples.push(`${p.done}: ${mb(process.memoryUsage().heapUsed)}`)
        },
      })
      assert.deepEqual(created.counts, { created: N, failed: 0, unknown: 0, not_started: 0 })
      const deleted = await seam.acs.credentials.deleteMany(
        created.items.map((item) => item.credential.acs_credential_id),
      )
      assert.deepEqual(deleted.counts, { deleted: N, failed: 0, unknown: 0, not_started: 0 })
      if (samples.length) console.log(`heap during run ${run}, by items done: ${samples.join(', ')}`)
      const { heapUsed, external } = await collected()
      after.push({ heapUsed, external })
      console.log(`after run ${run}: heap ${mb(heapUsed)}, outside the heap ${mb(external)}`)
    }
    const [, first, ...rest] = after
    for (const [i, { heapUsed, external }] of rest.entries()) {
      assert.ok(
        heapUsed - first.heapUsed < HEAP_SLACK,
        `run ${i + 2}: heap ${mb(heapUsed)} after the second run's ${mb(first.heapUsed)}`,
      )
      // Linear memory never shrinks and grows by 64 KiB pages: a new page would be
      // something a run kept. (Node's own buffers move this figure by a few bytes.)
      assert.ok(
        Math.abs(external - first.external) < WASM_PAGE,
        `run ${i + 2}: ${external} B outside the heap after the second run's ${first.external} B`,
      )
    }
  })
})
