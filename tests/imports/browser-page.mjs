// What the browser tests share (imports/browser.test.mjs, imports/toolchains.test.mjs):
// Debian's Chromium through playwright-core, a visit to a page that runs
// fixtures/browser-checks.mjs against the local Seam server, and what that page must have seen.

import assert from 'node:assert/strict'
import { gzipSync } from 'node:zlib'

import { closedPort } from '../integration/servers.mjs'
import { assertCallOutcome } from './outcome.mjs'

export { launchChromium } from '../e2e/chromium.mjs'

/**
 * Opens `url` (the checks' parameters added to its query) and returns what the page wrote
 * into #result, the problems it logged, and the scripts and wasm it downloaded from its own
 * origin with each one's gzip -9 size (what a server compressing them would send).
 */
export async function visit(browser, url, fake) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const problems = []
  const downloads = []
  const origin = new URL(url).origin
  fake.allowOrigin(origin)
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  page.on('requestfailed', (request) =>
    problems.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`),
  )
  page.on('response', (response) => {
    const type = response.request().resourceType()
    if (new URL(response.url()).origin !== origin || !['script', 'fetch', 'other'].includes(type)) return
    downloads.push(
      response
        .body()
        .then((body) => ({ url: response.url(), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length })),
    )
  })
  try {
    // (Not port 9: Chromium refuses it as unsafe before trying, ERR_UNSAFE_PORT.)
    const query = new URLSearchParams({
      endpoint: fake.url,
      key: fake.seed.api_key,
      closed: `http://127.0.0.1:${await closedPort()}`,
    })
    await page.goto(`${url}${url.includes('?') ? '&' : '?'}${query}`, { timeout: 60_000 })
    await page.waitForSelector('#result[data-state]', { timeout: 60_000, state: 'attached' }).catch((error) => {
      throw new Error(`${url} never finished: ${error.message}\n${problems.join('\n')}`)
    })
    const state = await page.getAttribute('#result', 'data-state')
    const text = await page.textContent('#result')
    assert.equal(state, 'done', `${url} failed: ${text}\n${problems.join('\n')}`)
    return { out: JSON.parse(text), problems, downloads: await Promise.all(downloads), origin }
  } finally {
    await context.close()
  }
}

/** What every page must have seen (fixtures/browser-checks.mjs), calling from `origin`. */
export function assertBrowserOutcome({ out, problems, origin }, fake) {
  assertCallOutcome(out, fake, { listed: 5 })
  assert.equal(out.iterated.length, 60)
  assert.deepEqual(new Set(out.iterated), new Set(fake.seed.acs_credential_ids))
  assert.equal(out.api.error, true)
  assert.equal(out.network.name, 'SeamNetworkError')
  assert.equal(out.network.network, true)
  assert.equal(out.network.leaksKey, false)
  assert.ok(out.network.ms < 5000, `the network error took ${out.network.ms} ms`)
  // The calls really crossed origins, from the page's.
  const fromPage = fake.requests.filter((r) => r.method !== 'OPTIONS' && r.headers.origin === origin)
  // list, 3 pages of iterate (25 + 25 + 10), get, the bulk delete: the invalid creates were
  // never sent.
  assert.deepEqual(
    fromPage.map((r) => [r.path, r.status]),
    [
      ['/acs/credentials/list', 200],
      ['/acs/credentials/list', 200],
      ['/acs/credentials/list', 200],
      ['/acs/credentials/list', 200],
      ['/acs/credentials/get', 404],
      ['/acs/credentials/delete', 404],
    ],
  )
  // The only failures the page saw are the ones it provoked (the 404, the closed port).
  const unexpected = problems.filter((p) => !/404|ERR_CONNECTION_REFUSED/.test(p))
  assert.deepEqual(unexpected, [])
}
