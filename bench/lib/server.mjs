// A minimal local Seam server for the bench: node:http on 127.0.0.1, fixed answers in
// Seam's JSON format, bodies serialized once and cached so the server costs the same for
// every client. Run as a forked child of main.mjs (it reports its port over IPC and exits
// when the parent goes away), or alone: `node bench/lib/server.mjs` prints the port.
//
//   /acs/credentials/get    { acs_credential_id }            → { acs_credential, ok }
//   /acs/credentials/list   { limit = 500, page_cursor? }    → { acs_credentials, pagination, ok }
//
// Both GET (query string, as @seamapi/http sends) and POST (JSON body, as seam-acs-wasm
// sends) are accepted. Anything else is a Seam error body.

import http from 'node:http'

import { API_KEY, makeCredentials } from './fixtures.mjs'

const POOL_SIZE = 10_000
const MAX_LIFETIME_MS = 10 * 60_000

const pool = makeCredentials(POOL_SIZE)
const items = pool.map((c) => JSON.stringify(c))
const indexById = new Map(pool.map((c, i) => [c.acs_credential_id, i]))
const getBodies = new Map() // index → Buffer
const listBodies = new Map() // "start:end" → Buffer

const JSON_TYPE = 'application/json; charset=utf-8'
let requestCounter = 0

function send(res, status, body) {
  res.writeHead(status, {
    'content-type': JSON_TYPE,
    'content-length': body.length,
    'seam-request-id': `request_${(++requestCounter).toString(16).padStart(8, '0')}`,
  })
  res.end(body)
}

function error(res, status, type, message) {
  send(res, status, Buffer.from(JSON.stringify({ error: { type, message, request_id: 'request_error' }, ok: false })))
}

const encodeCursor = (start) => Buffer.from(JSON.stringify({ start })).toString('base64url')
function decodeCursor(cursor) {
  try {
    const { start } = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8'))
    return Number.isInteger(start) && start >= 0 ? start : null
  } catch {
    return null
  }
}

function getBody(index) {
  let body = getBodies.get(index)
  if (!body) {
    body = Buffer.from(`{"acs_credential":${items[index]},"ok":true}`)
    getBodies.set(index, body)
  }
  return body
}

function listBody(origin, start, limit) {
  const end = Math.min(start + limit, POOL_SIZE)
  const key = `${start}:${end}`
  let body = listBodies.get(key)
  if (!body) {
    const next = end < POOL_SIZE ? encodeCursor(end) : null
    const pagination = {
      has_next_page: next !== null,
      next_page_cursor: next,
      next_page_url: next === null ? null : `${origin}/acs/credentials/list?limit=${limit}&page_cursor=${next}`,
    }
    body = Buffer.from(
      `{"acs_credentials":[${items.slice(start, end).join(',')}],"pagination":${JSON.stringify(pagination)},"ok":true}`,
    )
    if (listBodies.size > 64) listBodies.clear()
    listBodies.set(key, body)
  }
  return body
}

function readParams(req, url) {
  if (req.method === 'GET') {
    const params = Object.fromEntries(url.searchParams)
    if (params.limit !== undefined) params.limit = Number(params.limit)
    return Promise.resolve(params)
  }
  return new Promise((resolve, reject) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      try {
        resolve(text === '' ? {} : JSON.parse(text))
      } catch (e) {
        reject(e)
      }
    })
    req.on('error', reject)
  })
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`)
  if (req.headers.authorization !== `Bearer ${API_KEY}`) {
    return error(res, 401, 'unauthorized', 'Unauthorized')
  }
  let params
  try {
    params = await readParams(req, url)
  } catch {
    return error(res, 400, 'invalid_input', 'The body is not JSON.')
  }
  switch (url.pathname) {
    case '/acs/credentials/get': {
      const index = indexById.get(params.acs_credential_id)
      if (index === undefined) return error(res, 404, 'acs_credential_not_found', 'Credential not found.')
      return send(res, 200, getBody(index))
    }
    case '/acs/credentials/list': {
      const limit = params.limit === undefined ? 500 : Number(params.limit)
      if (!Number.isInteger(limit) || limit < 1)
        return error(res, 400, 'invalid_input', 'limit must be a positive integer.')
      let start = 0
      if (params.page_cursor != null) {
        start = decodeCursor(params.page_cursor)
        if (start === null) return error(res, 400, 'invalid_input', 'Invalid page_cursor.')
      }
      return send(res, 200, listBody(`http://${req.headers.host}`, start, limit))
    }
    default:
      return error(res, 404, 'endpoint_not_found', `No endpoint ${url.pathname}.`)
  }
})
server.keepAliveTimeout = 30_000

// Stops by itself: when the parent disconnects, and in any case after MAX_LIFETIME_MS.
setTimeout(() => process.exit(3), MAX_LIFETIME_MS).unref()
process.on('disconnect', () => process.exit(0))
process.on('SIGTERM', () => process.exit(0))

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address()
  if (process.send) process.send({ port, ids: pool.slice(0, 200).map((c) => c.acs_credential_id) })
  else console.log(`bench server: http://127.0.0.1:${port}`)
})
