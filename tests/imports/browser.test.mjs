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
import { chromium } from 'playwright-core'

import { startFakeSeam } from '../fake-seam/server.mjs'
import { closedPort, PKG_DIR, startStaticServer, tempDir } from '../integration/servers.mjs'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']

let fake
let temp
let site
let browser
let metafile

before(async () => {
  fake = await startFakeSeam()
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
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 })
})

after(async () => {
  await browser?.close()
  await site?.close()
  await fake?.close()
  await temp?.remove()
})

/** Opens `page` of the static site and returns what it wrote into #result. */
async function visit(pagePath) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`))
  try {
    // (Not port 9: Chromium refuses it as unsafe before trying, ERR_UNSAFE_PORT.)
    const query = new URLSearchParams({ endpoint: fake.url, key: fake.seed.api_key, closed: `http://127.0.0.1:${await closedPort()}` })
    await page.goto(`${site.url}${pagePath}?${query}`, { timeout: 20_000 })
    await page.waitForSelector('#result[data-state]', { timeout: 20_000, state: 'attached' }).catch((error) => {
      throw new Error(`${pagePath} never finished: ${error.message}\n${problems.join('\n')}`)
    })
    const state = await page.getAttribute('#result', 'data-state')
    const text = await page.textContent('#result')
    assert.equal(state, 'done', `${pagePath} failed: ${text}\n${problems.join('\n')}`)
    return { out: JSON.parse(text), problems }
  } finally {
    await context.close()
  }
}

/** What both pages must have seen. */
function assertOutcome({ out, problems }, origin) {
  assert.deepEqual(out.issues.map((i) => [i.path, i.code]), [
    ['code', 'pattern'],
    ['acs_user_id', 'missing_one_of'],
  ])
  assert.equal(out.parsed.acs_credential_id, 'c1')
  assert.deepEqual(out.parsed.later_field, { x: 1 })
  assert.equal(out.authMode, 'api_key')
  assert.equal(out.listed.length, 5)
  for (const id of out.listed) assert.ok(fake.seed.acs_credential_ids.includes(id), id)
  assert.equal(out.iterated.length, 60)
  assert.deepEqual(new Set(out.iterated), new Set(fake.seed.acs_credential_ids))
  assert.deepEqual(out.validation, { name: 'SeamValidationError', seamError: true, validation: true, paths: ['access_method', 'acs_user_id'] })
  assert.equal(out.api.name, 'SeamApiError')
  assert.equal(out.api.apiError, true)
  assert.equal(out.api.error, true)
  assert.equal(out.api.code, 'acs_credential_not_found')
  assert.equal(out.api.statusCode, 404)
  // seam-request-id is readable across origins because the server exposes it.
  assert.match(out.api.requestId, UUID)
  assert.equal(fake.requests.find((r) => r.request_id === out.api.requestId)?.status, 404)
  assert.equal(out.network.name, 'SeamNetworkError')
  assert.equal(out.network.network, true)
  assert.equal(out.network.leaksKey, false)
  assert.ok(out.network.ms < 5000, `the network error took ${out.network.ms} ms`)
  // The calls really crossed origins, from the page's.
  const fromPage = fake.requests.filter((r) => r.method !== 'OPTIONS' && r.headers.origin === origin)
  // list, 3 pages of iterate (25 + 25 + 10), get: the invalid create was never sent.
  assert.deepEqual(fromPage.map((r) => [r.path, r.status]), [
    ['/acs/credentials/list', 200],
    ['/acs/credentials/list', 200],
    ['/acs/credentials/list', 200],
    ['/acs/credentials/list', 200],
    ['/acs/credentials/get', 404],
  ])
  // The only failures the page saw are the ones it provoked (the 404, the closed port).
  const unexpected = problems.filter((p) => !/404|ERR_CONNECTION_REFUSED/.test(p))
  assert.deepEqual(unexpected, [])
}

describe('browser (headless Chromium)', () => {
  it('esbuild picks the web build (`default` condition), not the Node one', async () => {
    const inputs = Object.keys(metafile.inputs).map((p) => p.replaceAll('\\', '/'))
    assert.ok(inputs.some((p) => /seam-acs-wasm\/web\.js$|crates\/wasm\/pkg\/web\.js$/.test(p)), inputs.join('\n'))
    assert.ok(inputs.some((p) => p.endsWith('/glue.js')))
    assert.ok(inputs.some((p) => p.endsWith('/wasm.js')))
    assert.ok(!inputs.some((p) => p.endsWith('node.cjs')), inputs.join('\n'))
    const bundle = await readFile(path.join(temp.dir, 'bundle.js'), 'utf8')
    assert.doesNotMatch(bundle, /seam_acs_wasm_bg\.wasm|import\.meta\.url/)
    assert.doesNotMatch(bundle, /from\s*["']node:/)
  })

  it('an esbuild bundle of `import ... from "seam-acs-wasm"` works', async () => {
    fake.requests.reset()
    assertOutcome(await visit('/bundle.html'), site.url)
  })

  it('a plain <script type="module"> importing /pkg/web.js works', async () => {
    fake.requests.reset()
    assertOutcome(await visit('/fixtures/plain.html'), site.url)
  })
})
