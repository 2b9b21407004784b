// Local servers shared by the integration and import tests: Prism mocking Seam's
// OpenAPI document, a recording proxy that keeps what Prism says about each exchange,
// and a static file server. All bind 127.0.0.1 on a free port; every wait is bounded.

import { spawn, spawnSync } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Every header that can carry a Seam token or name a workspace, as requests are checked for them. */
export const AUTH_HEADERS = Object.freeze([
  'authorization',
  'client-session-token',
  'seam-client-session-token',
  'seam-workspace',
  'seam-publishable-key',
  'seam-api-key',
])

export const TESTS_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
export const REPO_DIR = path.dirname(TESTS_DIR)
export const PKG_DIR = path.join(REPO_DIR, 'crates', 'wasm', 'pkg')
const HOST = '127.0.0.1'

/** A fresh temporary directory and its remover. */
export async function tempDir(prefix) {
  const dir = await mkdtemp(path.join(tmpdir(), prefix))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

/** Writes the pinned contract's OpenAPI document (tests/contract/extract-openapi.mjs) to `out`. */
export function extractOpenApi(out) {
  const script = path.join(TESTS_DIR, 'contract', 'extract-openapi.mjs')
  const run = spawnSync(process.execPath, [script, out], { encoding: 'utf8', timeout: 30_000 })
  if (run.status !== 0) throw new Error(`extract-openapi failed (${run.status}): ${run.stderr}${run.stdout}`)
  return out
}

/**
 * Starts `prism mock` on 127.0.0.1 with a free port (Prism prints the address it got).
 * @param {{ document: string, dynamic?: boolean, errors?: boolean, timeoutMs?: number }} options
 * @returns {Promise<{ url: string, output: () => string, close: () => Promise<void> }>}
 */
export function startPrism({ document, dynamic = false, errors = true, timeoutMs = 45_000 }) {
  const bin = path.join(TESTS_DIR, 'node_modules', '.bin', 'prism')
  const args = [
    bin,
    'mock',
    '--host',
    HOST,
    '--port',
    '0',
    ...(dynamic ? ['--dynamic'] : []),
    ...(errors ? ['--errors'] : []),
    document,
  ]
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  })
  // Prism logs every route and request: keep only the tail, for failure messages.
  let tail = ''
  let buffered = ''
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      close().finally(() => reject(new Error(`prism did not start within ${timeoutMs} ms:\n${tail}`)))
    }, timeoutMs)
    const onData = (chunk) => {
      const text = chunk.toString('utf8')
      tail = (tail + text).slice(-20_000)
      if (buffered === null) return
      buffered += text
      const match = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buffered)
      if (match) {
        buffered = null
        clearTimeout(timer)
        resolve({ url: match[1], output: () => tail, close })
      } else {
        buffered = buffered.slice(-500)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (buffered !== null) reject(new Error(`prism exited (${code ?? signal}) before listening:\n${tail}`))
    })
  })
}

/**
 * An HTTP proxy to `target` that records each exchange: the request as sent, the status,
 * Prism's `sl-violations` header (parsed) and the response body.
 * @returns {Promise<{ url: string, exchanges: object[], close: () => Promise<void> }>}
 */
export async function startRecordingProxy(target) {
  const exchanges = []
  const agent = new http.Agent({ keepAlive: true })
  const server = http.createServer(async (req, res) => {
    const body = await readAll(req)
    const exchange = {
      method: req.method,
      path: new URL(req.url, 'http://x').pathname,
      query: Object.fromEntries(new URL(req.url, 'http://x').searchParams),
      headers: { ...req.headers },
      body: body.length > 0 ? tryJson(body.toString('utf8')) : undefined,
      status: undefined,
      violations: [],
      responseText: '',
    }
    exchanges.push(exchange)
    const upstream = http.request(
      new URL(req.url, target),
      { method: req.method, headers: { ...req.headers, host: new URL(target).host }, agent },
      async (answer) => {
        const text = (await readAll(answer)).toString('utf8')
        exchange.status = answer.statusCode
        exchange.responseText = text
        const violations = answer.headers['sl-violations']
        if (violations != null) exchange.violations = tryJson(violations)
        const headers = { ...answer.headers }
        delete headers['transfer-encoding']
        headers['content-length'] = Buffer.byteLength(text)
        res.writeHead(answer.statusCode, headers)
        res.end(text)
      },
    )
    upstream.on('error', (error) => {
      exchange.status = 599
      exchange.responseText = String(error)
      res.destroy(error)
    })
    upstream.end(body)
  })
  await listen(server)
  return {
    url: `http://${HOST}:${server.address().port}`,
    exchanges,
    close: async () => {
      agent.destroy()
      await closeServer(server)
    },
  }
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
}

/**
 * Serves files: URL prefix -> directory, e.g. { '/': dir, '/pkg/': PKG_DIR }. GET only.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticServer(mounts) {
  const entries = Object.entries(mounts).sort(([a], [b]) => b.length - a.length)
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname)
    for (const [prefix, dir] of entries) {
      if (!pathname.startsWith(prefix)) continue
      const file = path.join(dir, pathname.slice(prefix.length) || 'index.html')
      if (!file.startsWith(path.resolve(dir) + path.sep)) break
      try {
        const info = await stat(file)
        if (!info.isFile()) break
        res.writeHead(200, {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'content-length': info.size,
          'cache-control': 'no-store',
        })
        createReadStream(file).pipe(res)
        return
      } catch {
        break
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' })
    res.end('not found')
  })
  await listen(server)
  return { url: `http://${HOST}:${server.address().port}`, close: () => closeServer(server) }
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

function readAll(stream) {
  return new Promise((resolve, reject) => {
    const chunks = []
    stream.on('data', (chunk) => chunks.push(chunk))
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    stream.on('error', reject)
  })
}

function tryJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * One request with node:http, which (unlike fetch) sends any Host header: what a page whose
 * name was rebound to 127.0.0.1 makes the browser send.
 * @returns {Promise<{ status: number, headers: Record<string, string | string[]>, text: string }>}
 */
export function rawRequest(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent: false, timeout: 10_000 }, async (answer) => {
      try {
        const text = (await readAll(answer)).toString('utf8')
        resolve({ status: answer.statusCode, headers: answer.headers, text })
      } catch (error) {
        reject(error)
      }
    })
    request.on('timeout', () => request.destroy(new Error(`${method} ${url} timed out`)))
    request.on('error', reject)
    request.end(body)
  })
}

/** A loopback port nothing listens on (it was free a moment ago): connections are refused. */
export async function closedPort() {
  const server = http.createServer()
  await listen(server)
  const { port } = server.address()
  await closeServer(server)
  return port
}
