// The package in headless Chromium (Debian's, through playwright-core), two ways a web
// app loads it:
//   - bundled by esbuild (platform browser, format esm): "seam-acs-wasm" resolves with the
//     browser's conditions to the `default` export (web.js), which carries the wasm inlined:
//     nothing is copied next to the bundle;
//   - a plain <script type="module"> importing /pkg/web.js, no bundler.
// Each page is served by a static server and calls the local Seam server on another
// origin (CORS), then writes what it saw into the DOM for the test to assert.
//
// Run: node tests/link-package.mjs && cd tests && node --test imports/browser.test.mjs

import assert from 'node:assert/strict'
import { copyFile, readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

import * as esbuild from 'esbuild'

import { startFakeSeam } from '../fake-seam/server.mjs'
import { PKG_DIR, startStaticServer, tempDir } from '../integration/servers.mjs'
import { assertBrowserOutcome, launchChromium, visit } from './browser-page.mjs'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')

let fake
let temp
let site
let browser
let metafile

before(async () => {
  temp = await tempDir('seam-acs-browser-')
  // The bundle alone: the wasm is inside it.
  const built = await esbuild.build({
    entryPoints: [path.join(FIXTURES, 'bundle-entry.mjs')],
    outfile: path.join(temp.dir, 'bundle.js'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
  })
  metafile = built.metafile
  await copyFile(path.join(FIXTURES, 'bundle.html'), path.join(temp.dir, 'bundle.html'))
  site = await startStaticServer({ '/': temp.dir, '/pkg/': PKG_DIR, '/fixtures/': FIXTURES })
  // The local Seam server lets only its own origin and the ones it is told read its answers.
  fake = await startFakeSeam({ allowedOrigins: [site.url] })
  browser = await launchChromium()
})

after(async () => {
  await browser?.close()
  await site?.close()
  await fake?.close()
  await temp?.remove()
})

describe('browser (headless Chromium)', () => {
  it('esbuild picks the web build (`default` condition), not the Node one', async () => {
    const inputs = Object.keys(metafile.inputs).map((p) => p.replaceAll('\\', '/'))
    assert.ok(
      inputs.some((p) => /seam-acs-wasm\/web\.js$|crates\/wasm\/pkg\/web\.js$/.test(p)),
      inputs.join('\n'),
    )
    assert.ok(inputs.some((p) => p.endsWith('/glue.js')))
    assert.ok(inputs.some((p) => p.endsWith('/wasm.js')))
    assert.ok(!inputs.some((p) => p.endsWith('node.cjs')), inputs.join('\n'))
    const bundle = await readFile(path.join(temp.dir, 'bundle.js'), 'utf8')
    assert.doesNotMatch(bundle, /seam_acs_wasm_bg\.wasm|import\.meta\.url/)
    assert.doesNotMatch(bundle, /from\s*["']node:/)
  })

  it('an esbuild bundle of `import ... from "seam-acs-wasm"` works', async () => {
    fake.requests.reset()
    assertBrowserOutcome(await visit(browser, `${site.url}/bundle.html`, fake), fake)
  })

  it('a plain <script type="module"> importing /pkg/web.js works', async () => {
    fake.requests.reset()
    assertBrowserOutcome(await visit(browser, `${site.url}/fixtures/plain.html`, fake), fake)
  })
})
