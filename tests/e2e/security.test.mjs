// Attacks on the console's servers (www/serve.mjs in both modes, the local Seam server
// behind it): DNS rebinding (a foreign Host), another origin reading /config.json or the
// API, framing the console; and the security headers on every route.
// The browser parts run in Debian's Chromium, where `rebind.test` resolves to 127.0.0.1:
// exactly what a page that rebinds its own name gets.
//
//   cd tests && node --test e2e/security.test.mjs

import assert from 'node:assert/strict'
import http from 'node:http'
import { after, before, describe, it } from 'node:test'

import { SECURITY_HEADERS } from '../fake-seam/security.mjs'
import { closedPort, rawRequest } from '../integration/servers.mjs'
import { startConsoleServer } from '../../www/serve.mjs'
import { launchChromium } from './chromium.mjs'

// A made-up workspace key: the remote endpoint below is a closed local port, nothing is sent.
const KEY = 'seam_remote_workspace_key_not_for_pages'
const REBOUND = 'rebind.test'

let local
let remote
let prefilled
let evil
let browser

/** Every console route of a mode, with the status it answers on a loopback Host. */
const ROUTES = {
  common: [
    ['GET', '/', 200],
    ['GET', '/index.html', 200],
    ['GET', '/app.js', 200],
    ['GET', '/style.css', 200],
    ['GET', '/pkg/web.js', 200],
    ['GET', '/pkg/seam_acs_wasm_bg.wasm', 200],
    ['HEAD', '/', 200],
    ['GET', '/config.json', 200],
    ['GET', '/no-such-file', 404],
  ],
  local: [
    ['POST', '/acs/credentials/list', 200],
    ['POST', '/acs/credentials/get', 404],
    ['GET', '/acs/credentials/list', 401],
    ['OPTIONS', '/acs/credentials/list', 403],
  ],
  remote: [['POST', '/config.json', 405]],
}

const servers = () => [
  ['local', local, [...ROUTES.common, ...ROUTES.local]],
  ['remote', remote, [...ROUTES.common, ...ROUTES.remote]],
  ['remote, key prefilled', prefilled, [...ROUTES.common, ...ROUTES.remote]],
]
/** What no foreign page may ever see. */
const secrets = () => [KEY, local.seed.api_key, local.seed.client_session_token]

function call(server, [method, route], { host } = {}) {
  const url = new URL(route, server.url)
  const json = method === 'POST' && route.startsWith('/acs/')
  return rawRequest(url, {
    method,
    headers: {
      ...(host != null && { host }),
      ...(json && { authorization: `Bearer ${local.seed.api_key}`, 'content-type': 'application/json' }),
      ...(method === 'OPTIONS' && { origin: 'https://attacker.example', 'access-control-request-method': 'POST' }),
    },
    body: json ? JSON.stringify({ acs_credential_id: '00000000-0000-4000-8000-000000000000' }) : undefined,
  })
}

/**
 * The attacker's site, on its own origin (http://127.0.0.1:PORT): a page that frames the
 * console and tries to read it, plus a frameable page and a CORS-open JSON on another of its
 * origins (http://localhost:PORT), which show the browser would have let it do both.
 */
function startEvilSite() {
  const page = `<!doctype html><meta charset="utf-8"><title>evil</title>
<script type="module">
  const params = new URLSearchParams(location.search)
  const target = params.get('target')
  const control = 'http://localhost:' + location.port
  const frame = (id, src) => new Promise((resolve) => {
    const iframe = Object.assign(document.createElement('iframe'), { id, src })
    iframe.onload = resolve
    document.body.append(iframe)
  })
  async function read(url, init) {
    try {
      const response = await fetch(url, init)
      return { type: response.type, status: response.status, text: await response.text() }
    } catch (error) {
      return { error: error.name }
    }
  }
  await Promise.all([frame('console', target + '/'), frame('control', control + '/frameable')])
  window.result = {
    config: await read(target + '/config.json'),
    configNoCors: await read(target + '/config.json', { mode: 'no-cors' }),
    api: await read(target + '/acs/credentials/list', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + params.get('key'), 'content-type': 'application/json' },
      body: '{}',
    }),
    control: await read(control + '/open.json'),
  }
</script>`
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x')
    if (pathname === '/open.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
      return res.end('{"open":true}')
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(pathname === '/frameable' ? '<!doctype html><p id="framed">framed</p>' : page)
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((done) => (server.close(done), server.closeAllConnections())),
      }),
    ),
  )
}

describe('console servers under attack', { timeout: 90_000 }, () => {
  before(async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`
    ;[local, remote, prefilled, evil, browser] = await Promise.all([
      startConsoleServer({ port: 0, env: {} }),
      startConsoleServer({ port: 0, env: { SEAM_API_KEY: KEY, SEAM_ENDPOINT: endpoint } }),
      startConsoleServer({
        port: 0,
        env: {
          SEAM_API_KEY: KEY,
          SEAM_ENDPOINT: endpoint,
          SEAM_CONSOLE_PREFILL_KEY: '1',
          SEAM_CONSOLE_HOSTS: 'console.test',
        },
      }),
      startEvilSite(),
      launchChromium([`--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`]),
    ])
  })

  after(async () => {
    await browser?.close()
    await Promise.all([local?.close(), remote?.close(), prefilled?.close(), evil?.close()])
  })

  it('a foreign Host gets 421 and nothing of value on every route, and reaches no API', async () => {
    local.requests.reset()
    let tried = 0
    for (const [mode, server, routes] of servers()) {
      const port = Number(new URL(server.url).port)
      for (const host of [
        `${REBOUND}:${port}`,
        'attacker.example',
        `localhost:${port + 1}`,
        `127.0.0.1:${port}@attacker.example`,
      ]) {
        for (const route of routes) {
          const res = await call(server, route, { host })
          const what = `${mode} ${route[0]} ${route[1]} Host: ${host}`
          assert.equal(res.status, 421, what)
          assert.equal(res.text, route[0] === 'HEAD' ? '' : 'Misdirected request\n', what)
          for (const secret of secrets()) assert.ok(!res.text.includes(secret), what)
          tried++
        }
      }
    }
    assert.deepEqual(local.requests, [], 'no refused request reached the local Seam server')
    assert.equal(tried, 4 * (13 + 10 + 10))
  })

  it('the loopback names with the port, and configured names, are served', async () => {
    for (const [, server] of servers()) {
      const { port } = new URL(server.url)
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
        const res = await call(server, ['GET', '/'], { host })
        assert.equal(res.status, 200, `${server.url} Host: ${host}`)
        assert.match(res.text, /<title>ACS credentials/)
      }
    }
    assert.equal((await call(prefilled, ['GET', '/config.json'], { host: 'console.test' })).status, 200)
    assert.equal((await call(remote, ['GET', '/config.json'], { host: 'console.test' })).status, 421)
  })

  it('sends the security headers on every route of both modes, refusals included', async () => {
    // The values themselves, not just the module's constant.
    assert.match(SECURITY_HEADERS['content-security-policy'], /(^|; )frame-ancestors 'none'(;|$)/)
    assert.match(SECURITY_HEADERS['content-security-policy'], /(^|; )default-src 'self'(;|$)/)
    const expected = {
      ...SECURITY_HEADERS,
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    }
    let checked = 0
    for (const [mode, server, routes] of servers()) {
      for (const route of [...routes, ['GET', '/config.json', 421]]) {
        const res = await call(server, route, route[2] === 421 ? { host: 'attacker.example' } : {})
        const what = `${mode} ${route[0]} ${route[1]}`
        assert.equal(res.status, route[2], what)
        for (const [name, value] of Object.entries(expected)) assert.equal(res.headers[name], value, `${what}: ${name}`)
        checked++
      }
    }
    assert.equal(checked, 14 + 11 + 11)
    // The policy lives in the header only: a <meta> one cannot carry frame-ancestors.
    const index = await call(local, ['GET', '/'])
    assert.doesNotMatch(index.text, /http-equiv="Content-Security-Policy"/i)
  })

  it('/config.json: the endpoint only in remote mode, the key only when opted in', async () => {
    const config = async (server) => JSON.parse((await call(server, ['GET', '/config.json'])).text)
    assert.deepEqual(await config(remote), { endpoint: remote.endpoint })
    assert.deepEqual(await config(prefilled), { endpoint: prefilled.endpoint, token: KEY, tokenKind: 'api_key' })
    assert.deepEqual(await config(local), { endpoint: local.url, token: local.seed.api_key, tokenKind: 'api_key' })
  })

  it('in remote mode the console asks for the key', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(`${remote.url}/`)
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 })
      assert.equal(await page.inputValue('[data-testid="connect-endpoint"]'), remote.endpoint)
      assert.equal(await page.inputValue('[data-testid="connect-token"]'), '')
      assert.match(await page.innerText('[data-testid="connection-status"]'), /Paste your API key/)
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'connect-token')
    } finally {
      await context.close()
    }
  })

  it('DNS rebinding in Chromium: the page on the rebound name gets no console and no key', async () => {
    for (const server of [prefilled, local]) {
      const context = await browser.newContext()
      try {
        const page = await context.newPage()
        const rebound = `http://${REBOUND}:${new URL(server.url).port}`
        const answer = await page.goto(`${rebound}/`)
        assert.equal(answer.status(), 421)
        assert.equal(await page.locator('[data-testid="connect-form"]').count(), 0)
        // A script on that origin (the attacker's, before the name was rebound) reads same-origin.
        const read = await page.evaluate(async () => {
          const response = await fetch('/config.json')
          return { status: response.status, text: await response.text() }
        })
        assert.deepEqual(read, { status: 421, text: 'Misdirected request\n' })
      } finally {
        await context.close()
      }
    }
  })

  it('a page on another origin can neither frame the console nor read /config.json or the API', async () => {
    for (const server of [prefilled, local]) {
      local.requests.reset()
      const context = await browser.newContext()
      const messages = []
      try {
        const page = await context.newPage()
        page.on('console', (message) => messages.push(message.text()))
        const query = new URLSearchParams({ target: server.url, key: server === local ? local.seed.api_key : KEY })
        await page.goto(`${evil.url}/?${query}`)
        await page.waitForFunction(() => window.result != null, null, { timeout: 20_000 })
        const result = await page.evaluate(() => window.result)

        // The controls: the browser lets this page frame, and read, another origin that allows it.
        const control = await (await page.$('#control')).contentFrame()
        assert.equal(await control.locator('#framed').innerText(), 'framed')
        assert.deepEqual(result.control, { type: 'cors', status: 200, text: '{"open":true}' })

        // The console refused to be framed: Chromium shows its error page instead.
        const framed = await (await page.$('#console')).contentFrame()
        assert.notEqual(framed.url(), `${server.url}/`)
        assert.match(framed.url(), /^chrome-error:/)
        assert.equal(await framed.locator('[data-testid="connect-form"]').count(), 0)
        assert.ok(
          messages.some(
            (m) => m.startsWith(`Framing '${server.url}/' violates`) && m.includes(`"frame-ancestors 'none'"`),
          ),
          messages.join('\n'),
        )

        // Reads fail (no CORS grant) or come back opaque; no key in any of them.
        assert.deepEqual(result.config, { error: 'TypeError' })
        assert.deepEqual(result.configNoCors, { type: 'opaque', status: 0, text: '' })
        assert.deepEqual(result.api, { error: 'TypeError' })
        for (const secret of secrets()) assert.ok(!JSON.stringify(result).includes(secret))
        if (server === local) {
          // The API call with the seeded key never went past its refused preflight.
          assert.deepEqual(
            local.requests.map((r) => [r.method, r.path, r.status]),
            [['OPTIONS', '/acs/credentials/list', 403]],
          )
        }
      } finally {
        await context.close()
      }
    }
  })
})
