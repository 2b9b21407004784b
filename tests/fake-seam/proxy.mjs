// Forwards a request to fake-seam-connect's own server (on 127.0.0.1) and
// brings its answer in line with ours: our CORS headers and request id, and
// error bodies in the public format (request_id added, dev-only stack removed).

import http from 'node:http'

import { errorBody, SeamHttpError } from './errors.mjs'

// Hop-by-hop and headers we set ourselves on every answer.
const DROPPED_RESPONSE_HEADERS = new Set([
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
])

export function forward({ agent, target, req, rawBody }) {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: `${target.hostname}:${target.port}` }
    delete headers.connection
    if (rawBody.length > 0 || headers['content-length'] != null) headers['content-length'] = rawBody.length
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

/** Writes the fake's answer to `res` (CORS and request id are already set). */
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
  const error =
    answer.status === 404
      ? new SeamHttpError(404, 'not_found', 'Not found')
      : new SeamHttpError(answer.status, 'unknown_error', answer.body.toString('utf8') || http.STATUS_CODES[answer.status])
  return errorBody(error, requestId)
}
