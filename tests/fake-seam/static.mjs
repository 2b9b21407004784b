// Static files (admin console, wasm package) served from the API's origin, so
// the browser needs no CORS for them and `fetch('/pkg/x.wasm')` just works.

import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import path from 'node:path'

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.cjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
}

export const contentTypeFor = (file) => CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'

/** Normalized mounts, longest prefix first. Prefixes match whole path segments. */
export function createMounts(staticDirs) {
  return Object.entries(staticDirs)
    .map(([prefix, dir]) => ({
      prefix: prefix.endsWith('/') ? prefix : `${prefix}/`,
      dir: path.resolve(dir),
    }))
    .sort((a, b) => b.prefix.length - a.prefix.length)
}

/**
 * Resolves a URL path to a file of the longest matching mount, or null when
 * no mount matches, the path leaves the directory, or there is no such file.
 */
export async function resolveStaticFile(mounts, pathname) {
  const withSlash = pathname.endsWith('/') ? pathname : `${pathname}/`
  const mount = mounts.find((m) => withSlash.startsWith(m.prefix))
  if (mount == null) return null
  let relative
  try {
    relative = decodeURIComponent(pathname.slice(mount.prefix.length))
  } catch {
    return null
  }
  if (relative.includes('\0')) return null
  let file = path.resolve(mount.dir, `.${path.sep}${relative}`)
  if (!isInside(mount.dir, file)) return null
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html')
    // Symlinks must not lead out of the directory either.
    const [realDir, realFile] = await Promise.all([realpath(mount.dir), realpath(file)])
    if (!isInside(realDir, realFile) || !(await stat(realFile)).isFile()) return null
    return realFile
  } catch {
    return null
  }
}

const isInside = (dir, file) => file === dir || file.startsWith(dir + path.sep)

/** Sends `file`; the caller has set the security headers (its `cache-control: no-store` too). */
export async function sendFile(req, res, file) {
  const { size } = await stat(file)
  res.writeHead(200, {
    'content-type': contentTypeFor(file),
    'content-length': size,
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  await new Promise((resolve, reject) => {
    createReadStream(file).on('error', reject).pipe(res).on('finish', resolve).on('error', reject)
  })
}
