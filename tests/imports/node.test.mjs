// The PACKED package (`npm pack`, `npm install <tarball>` in a fresh project) in fresh Node
// processes, loaded by its name as a user loads it: an ES module `import` (no init call)
// and a CommonJS `require()`, also with require(esm) turned off as on Node < 20.19 (the
// `node` condition is a real CommonJS file). Each runs real calls against the local Seam
// server and must exit on its own: no timer or socket of the package may keep Node alive.
//
// Run: cd tests && node --test imports/node.test.mjs

import assert from 'node:assert/strict'
import { cp } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

import { startFakeSeam } from '../fake-seam/server.mjs'
import { tempDir } from '../integration/servers.mjs'
import { assertCallOutcome } from './outcome.mjs'
import { installedProject, packPackage, runNode } from './packed.mjs'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')

let fake
let temp
let project

before(async () => {
  fake = await startFakeSeam()
  temp = await tempDir('seam-acs-imports-')
  const { tarball } = await packPackage(temp.dir)
  project = await installedProject(path.join(temp.dir, 'project'), tarball)
  for (const fixture of ['node-esm.mjs', 'node-require.cjs'])
    await cp(path.join(FIXTURES, fixture), path.join(project, fixture))
})

after(async () => {
  await fake?.close()
  await temp?.remove()
})

describe('Node', () => {
  it('ESM: `import { SeamClient } from "seam-acs-wasm"` works with no init call', async () => {
    const run = await runNode(project, ['node-esm.mjs', fake.url, fake.seed.api_key])
    assert.equal(run.code, 0, `exit ${run.code ?? run.signal}\n${run.stderr}`)
    assert.equal(run.stderr, '')
    const out = JSON.parse(run.stdout)
    assert.equal(out.module, 'esm')
    assertCallOutcome(out, fake, { listed: 3 })
  })

  for (const flags of [[], ['--no-experimental-require-module']]) {
    it(`CommonJS: \`require("seam-acs-wasm")\` works (node ${flags.join(' ') || 'with its defaults'})`, async () => {
      const run = await runNode(project, [...flags, 'node-require.cjs', fake.url, fake.seed.api_key])
      assert.equal(run.code, 0, `require() failed: exit ${run.code ?? run.signal}\n${run.stderr}`)
      const out = JSON.parse(run.stdout)
      assert.equal(out.module, 'cjs')
      for (const name of [
        'SeamClient',
        'validateRequest',
        'parseAcsCredential',
        'parseEvent',
        'SeamError',
        'SeamApiError',
        'SeamValidationError',
      ]) {
        assert.ok(out.exports.includes(name), `require() is missing ${name}`)
      }
      assertCallOutcome(out, fake, { listed: 3 })
    })
  }
})
