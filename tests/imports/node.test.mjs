// The package in fresh Node processes, loaded by its name as a user loads it: an ES
// module `import` (no init call) and a CommonJS `require()`, also with require(esm) turned
// off as on Node < 20.19 (the `node` condition is a real CommonJS file). Each runs real calls against the local Seam server and must exit on its
// own: no timer or socket of the package may keep Node alive.
//
// Run: node tests/link-package.mjs && cd tests && node --test imports/node.test.mjs

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

import { startFakeSeam } from '../fake-seam/server.mjs'
import { tempDir } from '../integration/servers.mjs'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

let fake
let elsewhere

before(async () => {
  fake = await startFakeSeam()
  elsewhere = await tempDir('seam-acs-imports-')
})

after(async () => {
  await fake?.close()
  await elsewhere?.remove()
})

/** Runs `node <flags> <file> <args>` from an unrelated directory; kills it after `timeoutMs`. */
function runNode(file, args, { flags = [], timeoutMs = 20_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, file, ...args], { cwd: elsewhere.dir, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${path.basename(file)} did not exit within ${timeoutMs} ms (something keeps Node alive)\nstdout: ${stdout}\nstderr: ${stderr}`))
    }, timeoutMs)
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
}

/** What both fixtures must have seen. */
function assertOutcome(out) {
  assert.deepEqual(out.issues.map((i) => [i.path, i.code]), [
    ['code', 'pattern'],
    ['acs_user_id', 'missing_one_of'],
  ])
  // Unknown properties are kept as they were.
  assert.equal(out.parsed.acs_credential_id, 'c1')
  assert.deepEqual(out.parsed.later_field, { x: 1 })
  assert.equal(out.authMode, 'api_key')
  assert.equal(out.listed.length, 3)
  for (const id of out.listed) assert.ok(fake.seed.acs_credential_ids.includes(id))
  assert.deepEqual(out.validation, { name: 'SeamValidationError', seamError: true, validation: true, paths: ['access_method', 'acs_user_id'] })
  assert.equal(out.api.name, 'SeamApiError')
  assert.equal(out.api.apiError, true)
  assert.equal(out.api.code, 'acs_credential_not_found')
  assert.equal(out.api.statusCode, 404)
  assert.match(out.api.requestId, UUID)
  const answered = fake.requests.find((r) => r.request_id === out.api.requestId)
  assert.equal(answered?.status, 404)
}

describe('Node', () => {
  it('ESM: `import { SeamClient } from "seam-acs-wasm"` works with no init call', async () => {
    const run = await runNode(path.join(FIXTURES, 'node-esm.mjs'), [fake.url, fake.seed.api_key])
    assert.equal(run.code, 0, `exit ${run.code ?? run.signal}\n${run.stderr}`)
    assert.equal(run.stderr, '')
    const out = JSON.parse(run.stdout)
    assert.equal(out.module, 'esm')
    assertOutcome(out)
  })

  for (const flags of [[], ['--no-experimental-require-module']]) {
    it(`CommonJS: \`require("seam-acs-wasm")\` works (node ${flags.join(' ') || 'with its defaults'})`, async () => {
      const run = await runNode(path.join(FIXTURES, 'node-require.cjs'), [fake.url, fake.seed.api_key], { flags })
      assert.equal(run.code, 0, `require() failed: exit ${run.code ?? run.signal}\n${run.stderr}`)
      const out = JSON.parse(run.stdout)
      assert.equal(out.module, 'cjs')
      for (const name of ['SeamClient', 'validateRequest', 'parseAcsCredential', 'parseEvent', 'SeamError', 'SeamApiError', 'SeamValidationError']) {
        assert.ok(out.exports.includes(name), `require() is missing ${name}`)
      }
      assertOutcome(out)
    })
  }
})
