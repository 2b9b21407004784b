// The Host and Origin allow-list every local server uses (security.mjs), on hand-made
// requests. The servers themselves are attacked over HTTP in e2e/security.test.mjs.
// Run: cd tests && node --test fake-seam/security.test.mjs

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { createAllowList } from './security.mjs'

const PORT = 8080
const request = (headers, localPort = PORT) => ({ headers, socket: { localPort } })

describe('host allow-list', () => {
  const list = createAllowList({ hosts: ['Console.Example'] })

  it('accepts the loopback names with the port the request came in on', () => {
    for (const host of ['127.0.0.1:8080', 'localhost:8080', 'LOCALHOST:8080', '[::1]:8080']) {
      assert.equal(list.allowsHost(request({ host })), true, host)
    }
    // No port in Host means 80.
    assert.equal(list.allowsHost(request({ host: 'localhost' }, 80)), true)
    assert.equal(list.allowsHost(request({ host: 'localhost' })), false)
  })

  it('accepts configured names on any port', () => {
    for (const host of ['console.example', 'console.example:443', 'CONSOLE.EXAMPLE:8080']) {
      assert.equal(list.allowsHost(request({ host })), true, host)
    }
  })

  it('refuses every other name, port and form', () => {
    const refused = [
      undefined,
      '',
      'attacker.example:8080', // DNS rebinding: the page's own name
      'attacker.example',
      'localhost:8081',
      '127.0.0.1:80',
      '127.0.0.2:8080',
      'localhost.:8080',
      'sub.localhost:8080',
      '127.0.0.1:8080@attacker.example',
      'attacker.example#127.0.0.1:8080',
      'attacker.example/127.0.0.1:8080',
      '127.0.0.1:8080 ',
      '127.0.0.1:8080,attacker.example',
      '[::2]:8080',
      'console.example.attacker.example',
      '0x7f000001:8080',
    ]
    for (const host of refused) assert.equal(list.allowsHost(request({ host })), false, String(host))
  })
})

describe('origin allow-list (CORS)', () => {
  const list = createAllowList({ origins: ['http://127.0.0.1:5173', 'https://console.example/'] })
  const allowed = (origin, localPort) => list.allowedOrigin(request({ origin }, localPort))

  it("allows the server's own origins and the configured ones, as sent", () => {
    for (const origin of [
      'http://127.0.0.1:8080',
      'http://localhost:8080',
      'http://[::1]:8080',
      'http://127.0.0.1:5173',
      'https://console.example',
    ]) {
      assert.equal(allowed(origin), origin)
    }
    assert.equal(allowed('http://localhost', 80), 'http://localhost')
  })

  it('allows nothing else', () => {
    for (const origin of [
      undefined,
      'null',
      'https://attacker.example',
      'http://127.0.0.1:8081',
      'https://127.0.0.1:8080',
      'http://localhost:8080.attacker.example',
      'http://127.0.0.1:5174',
      'http://localhost:5173',
      'https://console.example:8443',
      'http://console.example',
    ]) {
      assert.equal(allowed(origin), null, String(origin))
    }
  })
})
