// Prints the floors' sizes (built by run.sh into argv[2]) beside the package's and the
// official client's, all measured the way bench/run.sh measures size.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

import * as esbuild from 'esbuild'

import { measureSize } from '../../lib/size.mjs'

const [out] = process.argv.slice(2)
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length
const budget = JSON.parse(readFileSync(new URL('../../size-budget.json', import.meta.url), 'utf8'))
const target = budget.issueTargetGzipBytes

async function floor(crate) {
  const result = await esbuild.build({
    entryPoints: [join(out, crate, `floor_${crate}.js`)],
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  })
  const js = gz(result.outputFiles[0].contents)
  const wasm = gz(readFileSync(join(out, crate, 'opt.wasm')))
  return { js, wasm, total: js + wasm }
}

const size = await measureSize()
const rows = [
  ['floor: runtime only (empty crate)', await floor('empty')],
  ['floor: transport only (no rule)', await floor('transport')],
  ['floor: rules only (no transport)', await floor('rules')],
  ['seam-acs-wasm (the package)', { js: size.ours.js_gzip, wasm: size.ours.wasm_gzip, total: size.ours.total_gzip }],
]
const n = (x) => x.toLocaleString('en-US')
console.log(
  `${'gzip bytes'.padEnd(34)} ${'JS'.padStart(7)} ${'wasm'.padStart(7)} ${'total'.padStart(7)}  vs target ${n(target)} B`,
)
for (const [name, s] of rows) {
  const over = s.total - target
  console.log(
    `${name.padEnd(34)} ${n(s.js).padStart(7)} ${n(s.wasm).padStart(7)} ${n(s.total).padStart(7)}  ${over > 0 ? `${n(over)} B over` : `${n(-over)} B under`}`,
  )
}
console.log(
  `official SeamHttpAcsCredentials: ${n(size.official_SeamHttpAcsCredentials.gzip)} B; SeamHttp: ${n(size.official_SeamHttp.gzip)} B`,
)
