// Self time by function (and by wasm vs JS) of a .cpuprofile; top N lines.
//   node bench/tools/summarize-profile.mjs <file.cpuprofile> [N]
import { readFileSync } from 'node:fs'
const [file, nArg = '30'] = process.argv.slice(2)
const prof = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(prof.nodes.map((n) => [n.id, n]))
const self = new Map()
const dt = prof.timeDeltas
let total = 0
for (let i = 0; i < prof.samples.length; i++) {
  const node = byId.get(prof.samples[i])
  const { functionName, url, lineNumber } = node.callFrame
  const where = url ? url.split('/').slice(-2).join('/') : ''
  const key = `${functionName || '(anonymous)'}  ${where}:${lineNumber + 1}`
  const d = dt[i] ?? 0
  self.set(key, (self.get(key) ?? 0) + d)
  total += d
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(nArg))
for (const [k, v] of rows)
  console.log(`${(v / 1000).toFixed(1).padStart(8)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
console.log(`total ${(total / 1000).toFixed(0)} ms`)

// Grouped: where self time goes by origin.
const groups = new Map()
for (let i = 0; i < prof.samples.length; i++) {
  const { functionName, url } = byId.get(prof.samples[i]).callFrame
  let g
  if (
    url.endsWith('.js') &&
    (url.includes('glue-') || url.includes('seam-acs-wasm') || url.includes('crates/wasm/pkg'))
  )
    g = 'our JS glue'
  else if (functionName.startsWith('wasm-function') || url.startsWith('wasm://')) g = 'wasm (our Rust)'
  else if (url.includes('@seamapi') || url.includes('axios')) g = 'official client + axios'
  else if (url.includes('undici')) g = 'undici (fetch)'
  else if (url.includes('webstreams')) g = 'web streams'
  else if (
    url.includes('abort_controller') ||
    url.includes('js_transferable') ||
    url.includes('event_target') ||
    functionName === 'JSTransferable'
  )
    g = 'AbortController/EventTarget'
  else if (functionName === '(idle)') g = '(idle)'
  else if (functionName === '(garbage collector)') g = '(gc)'
  else if (
    functionName === 'writev' ||
    functionName === 'writeBuffer' ||
    functionName === 'writeUtf8String' ||
    functionName === 'writeLatin1String'
  )
    g = 'socket writes'
  else if (functionName === 'parse' && url === '') g = 'JSON.parse (native)'
  else if (url.startsWith('node:') || url === '') g = 'node internals/native'
  else g = 'other JS'
  groups.set(g, (groups.get(g) ?? 0) + (dt[i] ?? 0))
}
console.log('--- grouped self time')
for (const [g, v] of [...groups.entries()].sort((a, b) => b[1] - a[1]))
  console.log(`${(v / 1000).toFixed(1).padStart(8)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${g}`)

// Inclusive time of frames whose name matches each pattern (outermost match only, so
// recursion is not double-counted):  INCLUSIVE='envelope,shape::check' node … file
if (process.env.INCLUSIVE) {
  const parent = new Map()
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  console.log('--- inclusive')
  for (const pattern of process.env.INCLUSIVE.split(',')) {
    let t = 0
    for (let i = 0; i < prof.samples.length; i++) {
      let id = prof.samples[i]
      let hit = false
      while (id !== undefined) {
        if (byId.get(id).callFrame.functionName.includes(pattern)) {
          hit = true
          break
        }
        id = parent.get(id)
      }
      if (hit) t += dt[i] ?? 0
    }
    console.log(`${(t / 1000).toFixed(1).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${pattern}`)
  }
}
