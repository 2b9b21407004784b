// What keeps the project's local servers (www/serve.mjs, this fake and its CLI) from being
// used by other web pages: a Host allow-list against DNS rebinding (a page whose own name
// resolves to 127.0.0.1 is same-origin with us, but still sends its own name as Host),
// CORS granted to allowed origins only and never with credentials, and the console's
// security headers on every answer.

/** Names a loopback server answers to, with the port the request came in on. */
export const LOOPBACK_NAMES = Object.freeze(['127.0.0.1', 'localhost', '[::1]'])

// The console's policy, as a header: a <meta> policy cannot carry frame-ancestors.
// The hash is the one of www/index.html's inline import map.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' 'sha256-Tuc/nbZsl0d8z0DwTMm2A/HKyjB45X+zltobgDFNHL8='",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Sent with every answer: the console, /config.json and API answers may all carry a token. */
export const SECURITY_HEADERS = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
})

/**
 * Who may talk to one server.
 *
 * @param {{ hosts?: string[], origins?: string[] }} options
 *   hosts: names to answer to besides the loopback ones, on any port (say, the name a
 *     reverse proxy forwards); origins: browser origins besides the server's own that may
 *     read its answers (CORS), e.g. a test page's `http://127.0.0.1:5173`.
 */
export function createAllowList({ hosts = [], origins = [] } = {}) {
  const names = new Set(hosts.map((host) => host.trim().toLowerCase()))
  const extraOrigins = new Set(origins.map((origin) => new URL(origin).origin))
  const isOwn = (host, req) => host != null && LOOPBACK_NAMES.includes(host.name) && host.port === req.socket.localPort
  return {
    /** Whether the Host header names us: a loopback name with our port, or a configured name. */
    allowsHost(req) {
      const host = splitHost(req.headers.host)
      return host != null && (isOwn(host, req) || names.has(host.name))
    },
    /** Lets `origin` read our answers too: a test page served once the server runs. */
    addOrigin(origin) {
      extraOrigins.add(new URL(origin).origin)
    },
    /** The request's Origin when it may read our answers, else null. */
    allowedOrigin(req) {
      const origin = req.headers.origin
      if (origin == null) return null
      if (extraOrigins.has(origin)) return origin
      return origin.startsWith('http://') && isOwn(splitHost(origin.slice('http://'.length)), req) ? origin : null
    },
  }
}

/**
 * The first step of every answer: sets the security headers, then answers 421 Misdirected
 * Request, with nothing of value in the body, when the Host is not one we answer to.
 * Returns whether the request may go on.
 */
export function admit(req, res, allowList) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
  if (allowList.allowsHost(req)) return true
  const body = 'Misdirected request\n'
  res.writeHead(421, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  })
  res.end(req.method === 'HEAD' ? undefined : body)
  return false
}

/** { name, port } of a Host value (port 80 when absent), or null when it is anything else. */
function splitHost(value) {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(String(value ?? '').toLowerCase())
  return match && { name: match[1], port: match[2] == null ? 80 : Number(match[2]) }
}
