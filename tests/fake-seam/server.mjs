// A local stand-in for Seam's API: @seamapi/fake-seam-connect for everything
// it knows, plus our own ACS credential routes, behind one Node http server on
// 127.0.0.1 that also serves static files (admin console, wasm package).
//
//   const fake = await startFakeSeam({ staticDirs: { '/': 'www' } })
//   fetch(`${fake.url}/acs/credentials/list`, { headers: { authorization: `Bearer ${fake.seed.api_key}` } })
//   await fake.close()

import { randomUUID } from 'node:crypto'
import http from 'node:http'

import { createFake } from '@seamapi/fake-seam-connect'

import { ActionAttempts } from './action-attempts.mjs'
import { authenticate } from './auth.mjs'
import { RecordStore } from './credential-store.mjs'
import { EncoderStore } from './encoders.mjs'
import { badRequest, errorBody, invalidInputFromZod, SeamHttpError } from './errors.mjs'
import { useUuidIds } from './ids.mjs'
import { forward, relay } from './proxy.mjs'
import { accessGroupRoutes } from './routes/access-groups.mjs'
import { contractAuth } from './routes/contract.mjs'
import { credentialRoutes } from './routes/credentials.mjs'
import { encoderRoutes } from './routes/encoders.mjs'
import { userIdentityRoutes } from './routes/user-identities.mjs'
import { userRoutes } from './routes/users.mjs'
import { requestParams } from './routes/params.mjs'
import { createLimits } from './limits.mjs'
import { admit, createAllowList } from './security.mjs'
import { seedFakeSeam } from './seed.mjs'
import { createMounts, resolveStaticFile, sendFile } from './static.mjs'

const HOST = '127.0.0.1'

// Namespaces whose forwarded routes get the contract's auth modes (auth.mjs knows the modes they use).
const GATED_NAMESPACES = /^\/(acs|action_attempts|user_identities)\//

/** Our routes, path -> { methods, auth, schema, handle }; everything else goes to fake-seam-connect. */
const ROUTES = new Map([
  ...credentialRoutes,
  ...encoderRoutes,
  ...userRoutes,
  ...userIdentityRoutes,
  ...accessGroupRoutes,
])

// Same list as fake-seam-connect's with-cors middleware (Seam's real one).
const ALLOWED_HEADERS = [
  'x-csrf-token',
  'x-requested-with',
  'accept',
  'accept-version',
  'content-length',
  'content-md5',
  'content-type',
  'date',
  'x-api-version',
  'seam-workspace',
  'authorization',
  'user-agent',
  'seam-lts-version',
  'seam-sdk-version',
  'seam-sdk-name',
  'seam-publishable-key',
  'seam-client-session-token',
  'client-session-token',
  'seam-api-key',
  'seam-user-identifier-key',
].join(', ')

/**
 * @param {{ port?: number, staticDirs?: Record<string, string>, allowedHosts?: string[],
 *   allowedOrigins?: string[], actionAttemptDelayMs?: number, limits?: object }} options
 *   staticDirs: URL prefix -> directory, e.g. { '/': 'www', '/pkg/': 'crates/wasm/pkg' };
 *   allowedHosts: names to answer to besides 127.0.0.1, localhost and [::1] with our port
 *     (anything else gets 421);
 *   allowedOrigins: browser origins besides our own that may read our answers (CORS),
 *     e.g. a test page served from another port;
 *   actionAttemptDelayMs: how long an action attempt (encoding, scanning a card) stays
 *     pending before it succeeds or fails;
 *   limits: the API's rate limit and faults (limits.mjs), off by default:
 *     `{ rate, burst, resetPerMille, unavailablePerMille, seed }`.
 * @returns {Promise<{ url: string, seed: object, requests: object[] & { reset(): void },
 *   allowOrigin(origin: string): void, limits: ReturnType<import('./limits.mjs').createLimits>,
 *   close(): Promise<void>,
 *   fake: import('@seamapi/fake-seam-connect').Fake }>}
 */
export async function startFakeSeam({
  port = 0,
  staticDirs = {},
  allowedHosts = [],
  allowedOrigins = [],
  actionAttemptDelayMs = 400,
  limits: limitOptions = {},
} = {}) {
  const fake = await createFake()
  const db = fake.database
  useUuidIds(db)
  const store = new RecordStore('acs_credential')
  const encoders = new EncoderStore()
  const attempts = new ActionAttempts(db, { delayMs: actionAttemptDelayMs })
  const seed = seedFakeSeam(db, { credentials: store, encoders })
  const requests = createRequestLog()
  const mounts = createMounts(staticDirs)
  const allowList = createAllowList({ hosts: allowedHosts, origins: allowedOrigins })
  const limits = createLimits(limitOptions)
  const agent = new http.Agent({ keepAlive: true })

  let url
  let target
  let markReady
  const ready = new Promise((resolve) => (markReady = resolve))

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (res.headersSent) {
        res.destroy(error)
        return
      }
      sendJson(
        res,
        500,
        errorBody(new SeamHttpError(500, 'internal_server_error', error.message), res.getHeader('seam-request-id')),
      )
    })
  })

  async function handle(req, res) {
    if (!admit(req, res, allowList)) return
    const requestUrl = new URL(req.url, url)
    const origin = setCorsHeaders(req, res, allowList)

    if (req.method === 'GET' || req.method === 'HEAD') {
      const file = await resolveStaticFile(mounts, requestUrl.pathname)
      if (file != null) return sendFile(req, res, file)
    }

    const requestId = randomUUID()
    res.setHeader('seam-request-id', requestId)
    const rawBody = await readBody(req)
    const body = parseBody(req, rawBody)
    const entry = {
      method: req.method,
      path: requestUrl.pathname,
      query: Object.fromEntries(requestUrl.searchParams),
      headers: { ...req.headers },
      body: body.invalid ? rawBody.toString('utf8') : body.value,
      // The body's bytes as they came, for tests of exactly what was sent.
      text: rawBody.toString('utf8'),
      request_id: requestId,
      status: undefined,
    }
    requests.push(entry)
    res.on('finish', () => (entry.status = res.statusCode))

    if (req.method === 'OPTIONS') {
      // A preflight from an origin we do not know is refused outright.
      res.writeHead(origin == null ? 403 : 200, { 'content-length': 0 })
      res.end()
      return
    }

    const limited = limits.before()
    if (limited != null) {
      if (limited.retryAfter != null) res.setHeader('retry-after', String(limited.retryAfter))
      sendSeamError(res, new SeamHttpError(limited.status, limited.error.type, limited.error.message), requestId)
      return
    }

    const route = ROUTES.get(requestUrl.pathname)
    if (route != null) {
      answerRoute(route, { req, res, requestUrl, rawBody, body, requestId })
      return
    }

    // fake-seam-connect's ACS routes take every auth mode: refuse first what the contract refuses.
    const auth = GATED_NAMESPACES.test(requestUrl.pathname) ? contractAuth(requestUrl.pathname) : null
    if (auth != null) {
      try {
        authenticate(req.headers, db, auth)
      } catch (error) {
        sendSeamError(res, error, requestId)
        return
      }
    }
    await ready
    const answer = await forward({ agent, target, req, rawBody })
    if (!resetInstead(req)) relay(res, answer, requestId)
  }

  /** The fault mode's reset of a processed request: the work is done, no answer comes. */
  function resetInstead(req) {
    if (!limits.resetAfter()) return false
    req.socket.destroy()
    return true
  }

  // Order as in fake-seam-connect's routes: auth, method, content type, input.
  function answerRoute(route, { req, res, requestUrl, rawBody, body, requestId }) {
    try {
      const auth = authenticate(req.headers, db, route.auth)
      if (!route.methods.includes(req.method)) {
        throw new SeamHttpError(405, 'method_not_allowed', `only ${route.methods.join(',')} accepted`)
      }
      if ((req.method === 'POST' || req.method === 'PATCH') && rawBody.length > 0 && !isJson(req)) {
        throw badRequest(
          'invalid_content_type',
          `${req.method} requests must have Content-Type header with "application/json"`,
        )
      }
      if (body.invalid) throw badRequest('invalid_input', 'Invalid JSON body')
      const parsed = route.schema.safeParse(
        requestParams({ searchParams: requestUrl.searchParams, body: body.value }, route.schema),
      )
      if (!parsed.success) throw invalidInputFromZod(parsed.error)
      const result = route.handle(parsed.data, { db, store, encoders, attempts, auth, baseUrl: url })
      if (!resetInstead(req)) sendJson(res, 200, { ...result, ok: true })
    } catch (error) {
      sendSeamError(res, error, requestId)
    }
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  url = `http://${HOST}:${server.address().port}`

  let inner
  try {
    inner = guardInner(await startInnerFake(fake, url))
  } catch (error) {
    await closeServer(server)
    throw error
  }
  target = { hostname: HOST, port: inner.address().port }
  markReady()

  let closing
  return {
    url,
    seed,
    requests,
    fake,
    /** Lets a page served from `origin` read our answers (a test page on a port made later). */
    allowOrigin: (origin) => allowList.addOrigin(origin),
    /** The rate limit and faults: `configure({ rate, burst, resetPerMille, unavailablePerMille })`, `counts`. */
    limits,
    close() {
      closing ??= (async () => {
        attempts.close()
        agent.destroy()
        await Promise.all([closeServer(server), closeServer(inner)])
      })()
      return closing
    },
  }
}

// fake-seam-connect only exposes startServer(), which calls
// `server.listen(port, callback)` and so binds every interface. We let it
// listen on 127.0.0.1 by adding the host to that call while it starts; the
// lock keeps concurrent starts from restoring each other's patch.
let listenLock = Promise.resolve()

export function startInnerFake(fake, baseUrl) {
  const start = listenLock.then(async () => {
    const proto = http.Server.prototype
    const hadOwnListen = Object.hasOwn(proto, 'listen')
    const originalListen = proto.listen
    proto.listen = function listenOnLoopback(port, ...rest) {
      if (typeof port === 'number' && typeof rest[0] === 'function') {
        return originalListen.call(this, port, HOST, ...rest)
      }
      return originalListen.call(this, port, ...rest)
    }
    try {
      const started = await fake.startServer({ port: 0, baseUrl })
      return started.server
    } finally {
      if (hadOwnListen) proto.listen = originalListen
      else delete proto.listen
    }
  })
  listenLock = start.catch(() => {})
  return start
}

/**
 * fake-seam-connect's own server answers any Host and reflects any Origin with credentials.
 * Only our proxy talks to it, with its loopback Host and no Origin: anything else is refused
 * (421 for a foreign Host, 403 for a browser's request).
 */
function guardInner(server) {
  const allowList = createAllowList()
  const listeners = server.listeners('request')
  server.removeAllListeners('request')
  server.on('request', (req, res) => {
    if (!admit(req, res, allowList)) return
    if (req.headers.origin != null) {
      res.writeHead(403, { 'content-length': 0 })
      res.end()
      return
    }
    for (const listener of listeners) listener.call(server, req, res)
  })
  return server
}

function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve()
      return
    }
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

function createRequestLog() {
  const log = []
  Object.defineProperty(log, 'reset', {
    value() {
      log.length = 0
    },
  })
  return log
}

/**
 * CORS for allowed origins only, and never with credentials: tokens travel in headers, so no
 * page needs cookies here. Returns the allowed origin, or null (no CORS headers then).
 */
function setCorsHeaders(req, res, allowList) {
  res.setHeader('vary', 'Origin')
  const origin = allowList.allowedOrigin(req)
  if (origin == null) return null
  res.setHeader('access-control-allow-origin', origin)
  res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
  res.setHeader('access-control-allow-headers', ALLOWED_HEADERS)
  res.setHeader('access-control-expose-headers', 'seam-request-id')
  return origin
}

const isJson = (req) => (req.headers['content-type'] ?? '').includes('application/json')

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** { value } with the parsed JSON body (undefined when empty), or { invalid: true }. */
function parseBody(req, rawBody) {
  if (rawBody.length === 0) return { value: undefined }
  if (!isJson(req)) return { value: rawBody.toString('utf8') }
  try {
    return { value: JSON.parse(rawBody.toString('utf8')) }
  } catch {
    return { invalid: true }
  }
}

/** Answers a SeamHttpError in Seam's format; anything else is a bug of ours (500). */
function sendSeamError(res, error, requestId) {
  if (!(error instanceof SeamHttpError)) throw error
  sendJson(res, error.status, errorBody(error, requestId))
}

function sendJson(res, status, body) {
  const json = Buffer.from(JSON.stringify(body))
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': json.length })
  res.end(json)
}
