// Size as a browser loads it: esbuild bundles (platform "browser", minified, ESM) of a tiny
// entry importing each library by name, gzipped at level 9. Ours adds the .wasm the web
// glue fetches next to itself (esbuild leaves `new URL("…wasm", import.meta.url)` alone),
// gzipped separately: a server sends it as its own file.

import { readFileSync, realpathSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

import * as esbuild from 'esbuild'

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..')
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
  return { raw: code.length, gzip: gz(code), inputs }
}

export async function measureSize() {
  const ours = await bundle('import { SeamClient } from "seam-acs-wasm"; globalThis.x = SeamClient;')
  const pkgDir = realpathSync(join(benchDir, 'node_modules', 'seam-acs-wasm'))
  const wasmBytes = readFileSync(join(pkgDir, 'seam_acs_wasm_bg.wasm'))
  const wasm = { raw: wasmBytes.length, gzip: gz(wasmBytes) }
  // The JS files the bundle must hold, and nothing of the Node build.
  const names = ours.inputs.map((p) => p.split('/').pop())
  for (const expected of ['web.js', 'glue-web.js', 'errors.js', 'shared.js']) {
    if (!names.includes(expected)) throw new Error(`size: our bundle lacks ${expected} (inputs: ${names.join(', ')})`)
  }
  if (names.includes('glue-node.js')) throw new Error('size: our browser bundle pulled in the Node glue')

  const seamHttp = await bundle('import { SeamHttp } from "@seamapi/http/connect"; globalThis.x = SeamHttp;')
  const acsCredentials = await bundle(
    'import { SeamHttpAcsCredentials } from "@seamapi/http/connect"; globalThis.x = SeamHttpAcsCredentials;',
  )
  return {
    ours: {
      total_gzip: ours.gzip + wasm.gzip,
      js_gzip: ours.gzip,
      js_raw: ours.raw,
      wasm_gzip: wasm.gzip,
      wasm_raw: wasm.raw,
      js_inputs: ours.inputs.map((p) => relative(benchDir, p)),
    },
    official_SeamHttp: { gzip: seamHttp.gzip, raw: seamHttp.raw, inputs: seamHttp.inputs.length },
    official_SeamHttpAcsCredentials: { gzip: acsCredentials.gzip, raw: acsCredentials.raw, inputs: acsCredentials.inputs.length },
  }
}
