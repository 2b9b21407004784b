// The package as published: the tarball holds exactly the files it needs, `npm publish
// --dry-run` has nothing to say about it, its metadata is complete, and every JS example
// of both READMEs (the repository's and the package's) runs as written, from the packed
// tarball, against the local Seam server (SEAM_API_KEY and SEAM_ENDPOINT point at it).
//
//   cd tests && node --test imports/package.test.mjs

import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'

import { startFakeSeam } from '../fake-seam/server.mjs'
import { PKG_DIR, REPO_DIR, tempDir } from '../integration/servers.mjs'
import { installedProject, packPackage, runNode } from './packed.mjs'

const READMES = { 'README.md': path.join(REPO_DIR, 'README.md'), 'the package README': path.join(PKG_DIR, 'README.md') }

let fake
let temp
let packed
let project

before(async () => {
  fake = await startFakeSeam()
  temp = await tempDir('seam-acs-package-')
  packed = await packPackage(temp.dir)
  project = await installedProject(path.join(temp.dir, 'project'), packed.tarball)
})

after(async () => {
  await fake?.close()
  await temp?.remove()
})

describe('the published package', () => {
  it('the tarball holds exactly the files the package needs', () => {
    // One inline-JS module of each crate (the client's and the bulk chunk's), and the client's
    // loop that carries out its calls (js/drive.js).
    const snippet = packed.files.filter((file) =>
      /^snippets\/seam-acs-((wasm|bulk)-[0-9a-f]{16}\/inline0|wasm-[0-9a-f]{16}\/js\/drive)\.js$/.test(file),
    )
    assert.equal(snippet.length, 3, packed.files.join('\n'))
    assert.deepEqual(
      packed.files.filter((file) => !snippet.includes(file)),
      [
        'LICENSE',
        'README.md',
        'api.d.ts',
        'bulk-glue.js',
        'bulk-wasm.js',
        'bulk.js',
        'errors.js',
        'glue.js',
        'index.d.cts',
        'index.d.ts',
        'inflate.js',
        'node.cjs',
        'package.json',
        'seam_acs_wasm_bg.wasm',
        'shared.js',
        'wasm.js',
        'web.js',
      ],
    )
  })

  it('npm publish --dry-run is clean', async () => {
    const { stderr } = await promisify(execFile)('npm', ['publish', '--dry-run'], { cwd: PKG_DIR })
    // Without a login npm always says it would need one; anything else is about the package.
    const warnings = stderr
      .split('\n')
      .filter((line) => /^npm (warn|error|ERR)/i.test(line) && !/requires you to be logged in/.test(line))
    assert.deepEqual(warnings, [])
  })

  it('package.json names the licence, repository, homepage, bugs, keywords, author and engines', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(project, 'node_modules', 'seam-acs-wasm', 'package.json'), 'utf8'),
    )
    assert.equal(manifest.license, 'MIT')
    assert.match(manifest.repository.url, /^git\+https:\/\/github\.com\/[\w-]+\/seam-acs-wasm\.git$/)
    assert.match(manifest.homepage, /^https:\/\/github\.com\/[\w-]+\/seam-acs-wasm#readme$/)
    assert.match(manifest.bugs.url, /^https:\/\/github\.com\/[\w-]+\/seam-acs-wasm\/issues$/)
    assert.ok(manifest.keywords.includes('seam') && manifest.keywords.includes('webassembly'))
    assert.ok(manifest.author)
    assert.equal(manifest.engines.node, '>=20')
    const licence = await readFile(path.join(project, 'node_modules', 'seam-acs-wasm', 'LICENSE'), 'utf8')
    assert.match(licence, /^MIT License/)
    assert.equal(
      licence.startsWith(await readFile(path.join(REPO_DIR, 'LICENSE'), 'utf8')),
      true,
      'the repository LICENSE opens the tarball one',
    )
    assert.match(licence, /tiny-inflate/)
  })
})

describe('a bulk run whose chunk cannot be loaded', () => {
  // As offline, or after a deploy that lost the chunk: the package's own typed error, by
  // import and by require, and nothing sent.
  const run = `
    const seam = SeamClient.fromApiKey(process.env.SEAM_API_KEY, { endpoint: process.env.SEAM_ENDPOINT })
    const item = { acs_user_id: '0e2c2a3e-4a4e-4f0a-9f44-2b8f7f6a1c11', access_method: 'code', code: '1234' }
    seam.acs.credentials.createMany([item]).then(
      () => console.log('resolved'),
      (error) => console.log(JSON.stringify({ name: error.name, typed: error instanceof SeamNetworkError, message: error.message })),
    )`
  const scripts = {
    'missing-chunk.mjs': `import { SeamClient, SeamNetworkError } from 'seam-acs-wasm'\n${run}`,
    'missing-chunk.cjs': `const { SeamClient, SeamNetworkError } = require('seam-acs-wasm')\n${run}`,
  }
  let broken
  before(async () => {
    broken = await installedProject(path.join(temp.dir, 'broken'), packed.tarball)
    await rm(path.join(broken, 'node_modules', 'seam-acs-wasm', 'bulk.js'))
  })
  for (const [name, code] of Object.entries(scripts)) {
    it(`rejects with a SeamNetworkError (${name})`, async () => {
      await writeFile(path.join(broken, name), code)
      fake.requests.reset()
      const result = await runNode(broken, [name], {
        env: { SEAM_API_KEY: fake.seed.api_key, SEAM_ENDPOINT: fake.url },
      })
      assert.equal(result.code, 0, result.stderr)
      const error = JSON.parse(result.stdout)
      assert.equal(error.name, 'SeamNetworkError')
      assert.equal(error.typed, true)
      assert.match(error.message, /^network error: the bulk module could not be loaded, nothing was sent \(.*bulk\.js/)
      assert.deepEqual(fake.requests, [])
    })
  }
})

describe('README examples run as written', () => {
  for (const [readme, file] of Object.entries(READMES)) {
    it(`every js example of ${readme}`, async () => {
      const blocks = [...(await readFile(file, 'utf8')).matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1])
      assert.ok(blocks.length > 0, `${readme} has no js example`)
      for (const [index, code] of blocks.entries()) {
        const script = path.join(project, `example-${path.basename(file, '.md')}-${index}.mjs`)
        await writeFile(script, code)
        fake.requests.reset()
        const run = await runNode(project, [script], {
          env: { SEAM_API_KEY: fake.seed.api_key, SEAM_ENDPOINT: fake.url },
        })
        assert.equal(run.code, 0, `${readme} example ${index + 1} failed:\n${run.stderr}`)
        assert.equal(run.stderr, '')
        // It really talked to the server: the create, then the credentials it lists.
        const paths = fake.requests.filter((r) => r.method === 'POST').map((r) => r.path)
        assert.ok(paths.includes('/acs/credentials/create'), paths.join(', '))
        assert.ok(paths.includes('/acs/credentials/list'), paths.join(', '))
        assert.ok(run.stdout.length > 0)
      }
    })
  }
})
