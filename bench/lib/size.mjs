// Size as a browser loads it: esbuild bundles (platform "browser", minified, ESM) of a tiny
// entry importing each library by name, gzipped at level 9. Ours carries its wasm inside the
// bundle (the package's wasm.js: zopfli deflate, base64), so the bundle is all a browser
// downloads; the split shows the bundle with the inlined wasm blanked out, and the rest.

import { readFileSync, realpathSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

import * as esbuild from 'esbuild'

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..')
/** The models this package's answers are checked against (its resources, crates/core/src/generated). */
const MODELS = [
  'acs_access_group',
  'acs_credential',
  'acs_encoder',
  'acs_entrance',
  'acs_system',
  'acs_user',
  'action_attempt',
  'device',
  'instant_key',
  'pagination',
  'user_identity',
]
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length

async function bundle(contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: benchDir, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0].contents
  const inputs = Object.keys(result.metafile.inputs)
  return { code, raw: code.length, gzip: gz(code), inputs }
}

export async function measureSize() {
  const ours = await bundle('import { SeamClient } from "seam-acs-wasm"; globalThis.x = SeamClient;')
  const pkgDir = realpathSync(join(benchDir, 'node_modules', 'seam-acs-wasm'))
  const wasmFile = readFileSync(join(pkgDir, 'seam_acs_wasm_bg.wasm'))
  // The JS files the bundle must hold, and nothing of the Node build.
  const names = ours.inputs.map((p) => p.split('/').pop())
  for (const expected of ['web.js', 'glue.js', 'wasm.js', 'errors.js', 'shared.js', 'bulk.js']) {
    if (!names.includes(expected)) throw new Error(`size: our bundle lacks ${expected} (inputs: ${names.join(', ')})`)
  }
  if (names.includes('node.cjs')) throw new Error('size: our browser bundle pulled in the Node build')
  const inlined = /"[A-Za-z0-9+/]{10000,}={0,2}"/
  const text = Buffer.from(ours.code).toString('utf8')
  if (!inlined.test(text) || /\.wasm\b/.test(text.replace(inlined, ''))) {
    throw new Error('size: our bundle does not carry the wasm inlined, or names a .wasm file a browser would fetch')
  }
  const jsGzip = gz(Buffer.from(text.replace(inlined, '""')))

  const seamHttp = await bundle('import { SeamHttp } from "@seamapi/http/connect"; globalThis.x = SeamHttp;')
  const acsCredentials = await bundle(
    'import { SeamHttpAcsCredentials } from "@seamapi/http/connect"; globalThis.x = SeamHttpAcsCredentials;',
  )
  // Issue 13's yardsticks: the official client's part that covers what this package exposes
  // (the ACS namespace, action attempts, user identities), without and with the zod schemas of
  // @seamapi/types that would check the same models this package checks.
  const namespace =
    'import { SeamHttpAcs, SeamHttpActionAttempts, SeamHttpUserIdentities } from "@seamapi/http/connect"; ' +
    'globalThis.x = [SeamHttpAcs, SeamHttpActionAttempts, SeamHttpUserIdentities];'
  const officialNamespace = await bundle(namespace)
  const models = MODELS.map((name) => `schemas.${name}`).join(', ')
  const officialNamespaceZod = await bundle(
    `${namespace} import { schemas } from "@seamapi/types/connect"; globalThis.y = [${models}];`,
  )
  return {
    ours: {
      total_gzip: ours.gzip,
      js_gzip: jsGzip,
      js_raw: ours.raw,
      wasm_gzip: ours.gzip - jsGzip,
      wasm_raw: wasmFile.length,
      // The .wasm as its own file, for comparison: what a fetched (not inlined) module costs.
      wasm_file_gzip: gz(wasmFile),
      js_inputs: ours.inputs.map((p) => relative(benchDir, p)),
    },
    official_SeamHttp: { gzip: seamHttp.gzip, raw: seamHttp.raw, inputs: seamHttp.inputs.length },
    official_SeamHttpAcsCredentials: {
      gzip: acsCredentials.gzip,
      raw: acsCredentials.raw,
      inputs: acsCredentials.inputs.length,
    },
    official_namespace: {
      gzip: officialNamespace.gzip,
      raw: officialNamespace.raw,
      inputs: officialNamespace.inputs.length,
    },
    official_namespace_zod: { gzip: officialNamespaceZod.gzip, raw: officialNamespaceZod.raw, models: MODELS },
  }
}
