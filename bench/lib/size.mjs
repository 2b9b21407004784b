// Size as a browser loads it: esbuild bundles (platform "browser", minified, ESM) of a tiny
// entry importing each library by name, gzipped at level 9. Ours carries its wasm inside the
// bundle (the package's wasm.js: zopfli deflate, base64), so the bundle is all a browser
// downloads; the split shows the bundle with the inlined wasm blanked out, and the rest.
// Ours is bundled with code splitting, as Vite and webpack do: the bulk runs are a chunk of
// their own (with their own wasm), loaded on the first createMany/deleteMany, and measured apart.

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

/** An esbuild bundle of `contents` for browsers, minified, ESM, in memory (`options` on top). */
const build = (contents, options = {}) =>
  esbuild.build({
    stdin: { contents, resolveDir: benchDir, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...options,
  })

async function bundle(contents) {
  const result = await build(contents)
  const code = result.outputFiles[0].contents
  const inputs = Object.keys(result.metafile.inputs)
  return { code, raw: code.length, gzip: gz(code), inputs }
}

/**
 * Ours as a bundler with code splitting emits it: what the page loads with the entry (the
 * entry's file and every chunk it imports statically), and the chunks only a dynamic
 * `import()` reaches (the bulk runs, loaded on first createMany/deleteMany). Each file
 * gzipped on its own, as a server sends it.
 */
async function splitBundle(contents) {
  const result = await build(contents, { splitting: true, outdir: 'out' })
  const files = new Map(result.outputFiles.map((file) => [relative(process.cwd(), file.path), file.contents]))
  const outputs = result.metafile.outputs
  const entry = Object.keys(outputs).find((name) => outputs[name].entryPoint)
  const reached = (start, kinds) => {
    const seen = new Set([start])
    for (const name of seen) {
      for (const { path, kind } of outputs[name].imports) if (kinds.includes(kind) && path in outputs) seen.add(path)
    }
    return seen
  }
  const main = reached(entry, ['import-statement'])
  const lazy = [...reached(entry, ['import-statement', 'dynamic-import'])].filter((name) => !main.has(name))
  const part = (names) => {
    const codes = names.map((name) => files.get(name))
    const inputs = names.flatMap((name) => Object.keys(outputs[name].inputs))
    return {
      codes,
      raw: codes.reduce((sum, code) => sum + code.length, 0),
      gzip: codes.reduce((sum, code) => sum + gz(code), 0),
      inputs,
    }
  }
  return { main: part([...main]), lazy: part(lazy) }
}

/** A part's JS with its inlined wasm blanked out, gzipped; throws unless it inlines one module. */
function withoutWasm(part, what) {
  const inlined = /"[A-Za-z0-9+/]{10000,}={0,2}"/
  const texts = part.codes.map((code) => Buffer.from(code).toString('utf8'))
  if (
    texts.filter((text) => inlined.test(text)).length !== 1 ||
    texts.some((t) => /\.wasm\b/.test(t.replace(inlined, '')))
  ) {
    throw new Error(`size: ${what} does not carry one wasm module inlined, or names a .wasm file a browser would fetch`)
  }
  return texts.reduce((sum, text) => sum + gz(Buffer.from(text.replace(inlined, '""'))), 0)
}

export async function measureSize() {
  const { main: ours, lazy: bulk } = await splitBundle(
    'import { SeamClient } from "seam-acs-wasm"; globalThis.x = SeamClient;',
  )
  const pkgDir = realpathSync(join(benchDir, 'node_modules', 'seam-acs-wasm'))
  const wasmFile = readFileSync(join(pkgDir, 'seam_acs_wasm_bg.wasm'))
  // The JS files each part must hold, and nothing of the Node build.
  const check = (part, what, expected) => {
    const names = part.inputs.map((p) => p.split('/').pop())
    for (const name of expected) {
      if (!names.includes(name)) throw new Error(`size: ${what} lacks ${name} (inputs: ${names.join(', ')})`)
    }
    if (names.includes('node.cjs')) throw new Error(`size: ${what} pulled in the Node build`)
  }
  check(ours, 'our bundle', ['web.js', 'glue.js', 'wasm.js', 'inflate.js', 'errors.js', 'shared.js'])
  check(bulk, 'our bulk chunk', ['bulk.js', 'bulk-glue.js', 'bulk-wasm.js'])
  const jsGzip = withoutWasm(ours, 'our bundle')
  const bulkJsGzip = withoutWasm(bulk, 'our bulk chunk')

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
      // What a page loads with `import { SeamClient }`: not the bulk chunk.
      total_gzip: ours.gzip,
      js_gzip: jsGzip,
      js_raw: ours.raw,
      wasm_gzip: ours.gzip - jsGzip,
      wasm_raw: wasmFile.length,
      // The .wasm as its own file, for comparison: what a fetched (not inlined) module costs.
      wasm_file_gzip: gz(wasmFile),
      js_inputs: ours.inputs.map((p) => relative(benchDir, p)),
    },
    // Loaded on the first createMany/deleteMany, as its own file.
    ours_bulk: {
      gzip: bulk.gzip,
      raw: bulk.raw,
      js_gzip: bulkJsGzip,
      wasm_gzip: bulk.gzip - bulkJsGzip,
      files: bulk.codes.length,
      js_inputs: bulk.inputs.map((p) => relative(benchDir, p)),
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
