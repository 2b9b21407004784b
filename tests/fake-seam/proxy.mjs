// Forwards a request to fake-seam-connect's own server (on 127.0.0.1) and
// brings its answer in line with ours: our CORS headers and request id, and
// error bodies in the public format (request_id added, dev-only stack removed).

import http from 'node:http'

import { errorBody, SeamHttpError } from './errors.mjs'
import { SECURITY_HEADERS } from './security.mjs'

// Hop-by-hop and headers we set ourselves on every answer (CORS, security headers).
const DROPPED_RESPONSE_HEADERS = new Set([
  ...Object.keys(SECURITY_HEADERS),
  'vary',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'date',
  'seam-request-id',
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-allow-credentials',
  'access-control-expose-headers',
])

// Next.js answers some errors in plain text ("404", "Invalid JSON").
const PLAIN_ERROR_TYPES = { 400: 'invalid_input', 404: 'not_found', 405: 'method_not_allowed', 413: 'invalid_input' }

export function forward({ agent, target, req, rawBody }) {
  return new Promise((resolve, reject) => {
    // The body is already buffered: send it with a plain content-length. Its CORS is ours,
    // so the fake sees no Origin (it refuses browsers' requests).
    const headers = { ...req.headers, host: `${target.hostname}:${target.port}`, 'content-length': rawBody.length }
    delete headers.origin
    delete headers.connection
    delete headers['transfer-encoding']
    const upstream = http.request(
      { agent, host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (response) => {
        const chunks = []
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }),
        )
        response.on('error', reject)
      },
    )
    upstream.on('error', reject)
    upstream.end(rawBody)
  })
}

/** Writes the fake's answer to `res` (CORS, security headers and request id are already set). */
export function relay(res, answer, requestId) {
  for (const [name, value] of Object.entries(answer.headers)) {
    if (!DROPPED_RESPONSE_HEADERS.has(name)) res.setHeader(name, value)
  }
  let body = answer.body
  if (answer.status >= 400) {
    body = Buffer.from(JSON.stringify(normalizeErrorBody(answer, requestId)))
    res.setHeader('content-type', 'application/json; charset=utf-8')
  }
  res.setHeader('content-length', body.length)
  res.writeHead(answer.status)
  res.end(body)
}

function normalizeErrorBody(answer, requestId) {
  try {
    const parsed = JSON.parse(answer.body.toString('utf8'))
    if (parsed?.error != null && typeof parsed.error === 'object') {
      const { stack: _stack, ...error } = parsed.error
      return { ...parsed, error: { ...error, request_id: requestId }, ok: false }
    }
  } catch {
    // Not JSON: Next.js answers unknown routes with a plain "404".
  }
  const type = PLAIN_ERROR_TYPES[answer.status] ?? 'internal_server_error'
  const message = answer.status === 404 ? 'Not found' : answer.body.toString('utf8') || http.STATUS_CODES[answer.status]
  return errorBody(new SeamHttpError(answer.status, type, message), requestId)
}
