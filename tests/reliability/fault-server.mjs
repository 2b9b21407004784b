// A small fault-injecting HTTP server for reliability tests of seam-acs-wasm.
//
//   const server = await startFaultServer()
//   server.script('/acs/credentials/create', [{ reset: true }, ok.credential(cred)])
//   server.handle('/acs/credentials/get', (req) => ok.credential(credential(0)))
//   ... client calls server.url ...
//   server.count('/acs/credentials/create')  // requests received on that path
//   await server.close()
//
// Each path has a queue of scripted steps, consumed one per request; when the queue is
// empty the path's handler (if any) answers, otherwise a Seam-format 500 "unscripted".
// A step is a plain object (or a function `(record) => step`):
//
//   { status?, headers?, body? }   answer; `body` is a string, a Buffer or JSON data
//   { reset: true }                destroy the socket before any response (connection reset)
//   { hang: true }                 never answer (the socket stays open until close())
//   { stallBody: true, status?, headers?, body? }
//                                  send the headers and the first bytes of `body`, then stall
//   { delayMs, ...step }           wait before doing `step`
//
// Every request is recorded (method, path, headers, raw body, parsed JSON, arrival time
// from performance.now()), so tests can count what the client really sent.
// Binds 127.0.0.1 on an ephemeral port only.

import http from 'node:http'
import { performance } from 'node:perf_hooks'

const HOST = '127.0.0.1'

export async function startFaultServer() {
  const queues = new Map()
  const handlers = new Map()
  const requests = []
  const sockets = new Set()
  const timers = new Set()

  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('error', () => {})
    req.on('end', () => {
      const path = new URL(req.url, 'http://x').pathname
      const body = Buffer.concat(chunks).toString('utf8')
      let json = null
      try {
        json = body ? JSON.parse(body) : null
      } catch {
        json = undefined
      }
      const record = { method: req.method, path, headers: { ...req.headers }, body, json, at: performance.now() }
      requests.push(record)
      let step
      const queue = queues.get(path)
      if (queue && queue.length > 0) step = queue.shift()
      else if (handlers.has(path)) step = handlers.get(path)
      else step = seamError(500, 'unscripted', `no step scripted for ${path}`)
      if (typeof step === 'function') {
        try {
          step = step(record, requests)
        } catch (error) {
          step = seamError(500, 'handler_failed', String(error && error.message))
        }
      }
      perform(step, req, res)
    })
  })

  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
  })
  server.on('clientError', (_error, socket) => socket.destroy())

  function later(fn, ms) {
    const timer = setTimeout(() => {
      timers.delete(timer)
      fn()
    }, ms)
    timers.add(timer)
  }

  function perform(step, req, res) {
    if (!step || typeof step !== 'object') step = seamError(500, 'bad_step', 'the test scripted a non-object step')
    if (step.delayMs) {
      const { delayMs, ...rest } = step
      later(() => perform(rest, req, res), delayMs)
      return
    }
    if (step.reset) {
      // No response at all: the client sees the connection reset (or closed) mid-request.
      req.socket.resetAndDestroy ? req.socket.resetAndDestroy() : req.socket.destroy()
      return
    }
    if (step.hang) return // the socket is destroyed by close()
    const status = step.status ?? 200
    const body = encode(step.body)
    const headers = { 'content-type': 'application/json', 'seam-request-id': 'req_fault_test', ...(step.headers ?? {}) }
    if (step.stallBody) {
      // Promise the whole body, send a little of it, never send the rest.
      res.writeHead(status, { ...headers, 'content-length': String(Math.max(body.length, 64)) })
      res.write(body.subarray(0, Math.min(16, body.length)))
      return
    }
    res.writeHead(status, { ...headers, 'content-length': String(body.length) })
    res.end(body)
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, HOST, resolve)
  })
  const { port } = server.address()

  return {
    url: `http://${HOST}:${port}`,
    port,
    requests,
    /** Queue these steps for `path` (appended to any still queued). */
    script(path, steps) {
      const queue = queues.get(path) ?? []
      queue.push(...steps)
      queues.set(path, queue)
      return this
    },
    /** Answer `path` with `step` (or `(record) => step`) whenever its queue is empty. */
    handle(path, step) {
      handlers.set(path, step)
      return this
    },
    /** Requests received, on one path or on all. */
    count(path) {
      return path ? requests.filter((r) => r.path === path).length : requests.length
    },
    of(path) {
      return requests.filter((r) => r.path === path)
    },
    /** Steps still queued on `path`. */
    pending(path) {
      return (queues.get(path) ?? []).length
    },
    /** Forgets scripts, handlers and the request log (keeps the sockets). */
    reset() {
      queues.clear()
      handlers.clear()
      requests.length = 0
    },
    async close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      for (const socket of sockets) socket.destroy()
      server.closeAllConnections?.()
      await new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

function encode(body) {
  if (body === undefined || body === null) return Buffer.alloc(0)
  if (Buffer.isBuffer(body)) return body
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  return Buffer.from(JSON.stringify(body), 'utf8')
}

// ---------------------------------------------------------------- Seam-shaped answers

/** A Seam error answer: `{ error: { type, message, ... }, ok: false }`. */
export function seamError(status, type, message, extra = {}, headers = {}) {
  return {
    status,
    headers,
    body: { error: { type, message, request_id: 'req_fault_test', ...extra }, ok: false },
  }
}

export const ok = {
  credential: (acs_credential) => ({ status: 200, body: { acs_credential, ok: true } }),
  entrance: (acs_entrance) => ({ status: 200, body: { acs_entrance, ok: true } }),
  nothing: () => ({ status: 200, body: { ok: true } }),
  /** A page of `acs_credentials` (or `key`) with Seam's pagination object. */
  page(items, { cursor = null, key = 'acs_credentials', hasNext = cursor !== null } = {}) {
    return {
      status: 200,
      body: {
        [key]: items,
        pagination: {
          has_next_page: hasNext,
          next_page_cursor: cursor,
          next_page_url:
            cursor === null ? null : `https://connect.getseam.com/acs/credentials/list?next_page_cursor=${cursor}`,
        },
        ok: true,
      },
    }
  },
  /** An unpaginated list under `key`. */
  list: (key, items) => ({ status: 200, body: { [key]: items, ok: true } }),
}

/** A deterministic, valid, version-4-shaped UUID for (namespace, index). */
export function uuid(namespace, index) {
  const ns = (namespace >>> 0).toString(16).padStart(8, '0').slice(-8)
  const n = index.toString(16).padStart(12, '0').slice(-12)
  return `${ns}-0000-4000-8000-${n}`
}

export const IDS = {
  workspace: uuid(0xa0, 1),
  system: uuid(0xa1, 1),
  connectedAccount: uuid(0xa2, 1),
  user: uuid(0xa3, 1),
  userIdentity: uuid(0xa4, 1),
  credential: uuid(0xc0, 1),
  entrance: uuid(0xe0, 1),
}

const WARNINGS = [
  {
    warning_code: 'waiting_to_be_issued',
    message: 'Waiting for the credential to be issued by the access control system.',
  },
  { warning_code: 'schedule_externally_modified', message: "The credential's schedule was modified outside of Seam." },
  { warning_code: 'needs_to_be_reissued', message: 'The credential must be reissued to reflect recent changes.' },
]

/** A realistic Visionline card credential, with metadata, warnings and an unknown property. */
export function credential(i, overrides = {}) {
  const created = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString()
  return {
    acs_credential_id: uuid(0xc0, i),
    acs_user_id: uuid(0xa3, i % 500),
    acs_system_id: IDS.system,
    connected_account_id: IDS.connectedAccount,
    workspace_id: IDS.workspace,
    display_name: `Guest card ${i}, Room ${100 + (i % 400)}`,
    access_method: i % 3 === 0 ? 'code' : 'card',
    code: i % 3 === 0 ? String(100000 + i).slice(-6) : null,
    card_number: i % 3 === 0 ? null : `04A1B2C3${String(i).padStart(6, '0')}`,
    is_managed: true,
    is_multi_phone_sync_credential: false,
    is_one_time_use: false,
    is_issued: i % 5 !== 0,
    issued_at: i % 5 !== 0 ? created : null,
    is_latest_desired_state_synced_with_provider: i % 11 !== 0,
    latest_desired_state_synced_with_provider_at: created,
    starts_at: created,
    ends_at: new Date(Date.UTC(2030, 0, 1) + i * 60_000).toISOString(),
    created_at: created,
    external_type: 'visionline_card',
    external_type_display_name: 'Visionline Card',
    errors:
      i % 97 === 0
        ? [{ error_code: 'failed_to_issue', message: 'The encoder did not answer in time.', created_at: created }]
        : [],
    warnings: i % 4 === 0 ? [WARNINGS[i % 3], { ...WARNINGS[(i + 1) % 3], created_at: created }] : [WARNINGS[i % 3]],
    visionline_metadata: {
      auto_join: i % 2 === 0,
      card_function_type: i % 10 === 0 ? 'staff' : 'guest',
      card_id: String(700000 + i),
      credential_id: String(900000 + i),
      common_acs_entrance_ids: [uuid(0xe0, 1)],
      guest_acs_entrance_ids: [uuid(0xe0, 100 + (i % 400))],
      is_valid: true,
    },
    // A property this client version does not know: it must be kept.
    x_fault_test_extra: { reservation: `RES-${i}` },
    ...overrides,
  }
}

export function entrance(i, overrides = {}) {
  return {
    acs_entrance_id: uuid(0xe0, i),
    acs_system_id: IDS.system,
    connected_account_id: IDS.connectedAccount,
    display_name: `Room ${100 + i}`,
    created_at: '2025-01-01T00:00:00.000Z',
    space_ids: [],
    errors: [],
    warnings: [],
    can_unlock_with_card: true,
    can_unlock_with_code: false,
    visionline_metadata: { door_category: 'guest', door_name: `Room ${100 + i}`, profiles: [] },
    ...overrides,
  }
}
